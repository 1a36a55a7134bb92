import { describe, expect, it } from 'vitest';
import {
  cpAt,
  cpChars,
  cpCharAt,
  cpIndex,
  cpLength,
  cpSlice,
  codePoints,
  maxCodePoint,
  strKind,
} from './unicode';
import { diff, mismatches, revive } from './fixtures/decode';
import fixture from './fixtures/unicode.json';

interface Case {
  s: string;
  len: number;
  chars: string[];
  max: number;
  sizeof: number;
  slices: [number | null, number | null, number | null, string][];
}
const data = revive(fixture as Case[]);

/** sys.getsizeof(str) on 64-bit CPython 3.11: compact ASCII 48-byte header, else 72. */
function sizeofFor(kind: 'ascii' | 1 | 2 | 4, len: number): number {
  return kind === 'ascii' ? 48 + len + 1 : 72 + (len + 1) * kind;
}

describe('code-point helpers', () => {
  it(`len, indexing, max and kind match CPython on ${data.length} strings`, () => {
    const bad = mismatches(data, (c) => {
      const n = cpLength(c.s);
      const chars = Array.from({ length: n }, (_, i) => cpCharAt(c.s, i));
      const negative = Array.from({ length: n }, (_, i) => cpIndex(c.s, i - n));
      const ords = Array.from({ length: n }, (_, i) => cpAt(c.s, i));
      return diff(
        c.s,
        [n, chars, negative, cpChars(c.s), ords, maxCodePoint(c.s), sizeofFor(strKind(c.s), n)],
        [c.len, c.chars, c.chars, c.chars, codePoints(c.s), c.max, c.sizeof],
      );
    });
    expect(bad).toEqual([]);
  });

  it('cpIndex raises IndexError out of range', () => {
    expect(() => cpIndex('a😀', 2)).toThrow('string index out of range');
    expect(() => cpIndex('ab', -3)).toThrow('string index out of range');
    expect(cpIndex('a😀', -1)).toBe('😀');
  });

  const slices = data.flatMap((c) => c.slices.map((sl) => ({ s: c.s, sl })));
  it(`cpSlice matches s[a:b:c] on ${slices.length} slices`, () => {
    const bad = mismatches(slices, ({ s, sl: [a, b, step, want] }) =>
      diff([s, a, b, step], cpSlice(s, a, b, step ?? 1), want),
    );
    expect(bad).toEqual([]);
  });
});
