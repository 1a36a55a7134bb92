/**
 * tracemalloc's API against CPython 3.11.7: the programs of fixtures/tracemalloc.py and the
 * stdout the oracle printed (recorded, never written by hand); then what only the engine
 * decides: the parts it does not model raise errors that name them, and tracing ends with
 * stop() or with the run.
 */
import { describe, expect, it } from 'vitest';
import { runSource } from '../run';
import fixture from './fixtures/tracemalloc.json';

interface Program {
  source: string;
  stdout: string;
}
const programs = (fixture as unknown as { programs: Record<string, Program> }).programs;

describe('tracemalloc programs (stdout of CPython 3.11.7)', () => {
  for (const [name, p] of Object.entries(programs)) {
    it(name, () => {
      const r = runSource(p.source, { filename: `/lab/${name}.py` });
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(p.stdout);
    });
  }
});

describe('tracemalloc: what the engine does not model', () => {
  it('get_tracemalloc_memory() raises NotImplementedError naming it', () => {
    const r = runSource(
      'import tracemalloc\ntry:\n    tracemalloc.get_tracemalloc_memory()\nexcept NotImplementedError as e:\n    print(e)\n',
    );
    expect(r.stdout).toContain('get_tracemalloc_memory()');
  });

  it('Snapshot.dump and Snapshot.load raise, naming them', () => {
    const r = runSource(
      [
        'import tracemalloc',
        'tracemalloc.start()',
        's = tracemalloc.take_snapshot()',
        'tracemalloc.stop()',
        'for f in (lambda: s.dump("x"), lambda: tracemalloc.Snapshot.load("x")):',
        '    try:',
        '        f()',
        '    except NotImplementedError as e:',
        '        print(e)',
      ].join('\n') + '\n',
    );
    expect(r.stdout).toContain('Snapshot.dump()');
    expect(r.stdout).toContain('Snapshot.load()');
  });

  it('a run that ends while tracing does not trace the next run', () => {
    const first = runSource('import tracemalloc\ntracemalloc.start()\nx = [None] * 100\n');
    expect(first.stderr).toBe('');
    const second = runSource(
      'import tracemalloc\nprint(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())\n',
    );
    expect(second.stdout).toBe('False (0, 0)\n');
  });
});
