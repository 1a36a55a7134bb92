import { describe, expect, it } from 'vitest';
import { bytesRepr, strAscii, strRepr } from './strrepr';
import { diff, mismatches, revive } from './fixtures/decode';
import fixture from './fixtures/strrepr.json';

const data = revive(fixture as { str: [string, string, string | null][]; bytes: [number[], string][] });

describe('strRepr / strAscii', () => {
  it(`match repr() and ascii() on ${data.str.length} strings (every BMP character included)`, () => {
    const bad = mismatches(data.str, ([s, r, a]) =>
      diff(s.slice(0, 20), [strRepr(s), a === null ? null : strAscii(s)], [r, a]),
    );
    expect(bad).toEqual([]);
  });
});

describe('bytesRepr', () => {
  it(`matches repr(bytes) on ${data.bytes.length} values`, () => {
    const bad = mismatches(data.bytes, ([b, r]) => diff(b.slice(0, 10), bytesRepr(Uint8Array.from(b)), r));
    expect(bad).toEqual([]);
  });
});
