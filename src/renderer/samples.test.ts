import { describe, expect, it } from 'vitest';
import { runSource } from '../core';
import { SAMPLES } from './samples';

/** Each sample's stdout under CPython 3.11.7 (64-bit), from `python3 sample.py`. */
const CPYTHON_STDOUT: Record<string, string> = {
  cycle: '2\n',
  refcounts: '1\n2\n4\n1\n',
  'list-growth': '0 56\n1 88\n5 120\n9 184\n17 248\n',
  'million-ones': '8000056\nTrue\n28\n',
  'cycle-collected': '2\n',
  'weak-references': '1\nTrue\nNone\n',
  finalizers: '__del__ a\nafter del a\nafter del c\n__del__ c\nend\n',
};

describe('samples', () => {
  it('cover the seed topics, each once', () => {
    expect(SAMPLES.map((s) => s.id).sort()).toEqual(Object.keys(CPYTHON_STDOUT).sort());
  });

  it.each(SAMPLES.map((s) => [s.id, s] as const))(
    '%s prints in the engine what CPython prints',
    (id, sample) => {
      const result = runSource(sample.source, { filename: 'main.py' });
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toBe(CPYTHON_STDOUT[id]);
    },
  );
});
