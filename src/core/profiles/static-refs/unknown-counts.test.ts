/**
 * Counts no calibration measured (a builtin type CPython makes on the heap, a docstring) are
 * not printed as guesses: sys.getrefcount says the lab does not know them, snapshots flag them.
 */
import { describe, expect, it } from 'vitest';
import { runSource } from '../../run';

describe('counts the engine does not know', () => {
  it('sys.getrefcount raises an error naming the object', () => {
    const r = runSource('import sys, functools\nsys.getrefcount(functools.partial)\n');
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(
      "TypeError: PyMem Lab does not know CPython 3.11's reference count of the class functools.partial yet",
    );
  });

  it('the calibrated ones print: builtin types, static names, builtin functions', () => {
    const r = runSource(
      "import sys\nprint(sys.getrefcount(int) > 50, sys.getrefcount('self') > 10**9, sys.getrefcount(len) > 3)\n",
    );
    expect(r.stdout).toBe('True True True\n');
  });

  it('the probe may read them (--raw-refcounts)', () => {
    const r = runSource('import sys, functools\nprint(sys.getrefcount(functools.partial) > 0)\n', {
      rawRefcounts: true,
    });
    expect(r.stdout).toBe('True\n');
  });

  it('a snapshot marks the object and only it', () => {
    const r = runSource('import functools\np = functools.partial\nn = [1]\nx = 0\n', {
      snapshotAt: 3,
      recordSteps: true,
    });
    const objects = r.snapshot!.objects;
    const partial = objects.find((o) => o.label.includes('functools.partial'));
    const list = objects.find((o) => o.type === 'list');
    expect(partial?.refcountUnknown).toBe(true);
    expect(list?.refcountUnknown).toBeUndefined();
  });
});
