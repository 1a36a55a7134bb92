import { describe, expect, it } from 'vitest';
import { ADD_DOT_0, doubleToString, floatRepr, floatStr } from './floatrepr';
import { diff, f64, mismatches } from './fixtures/decode';
import cases from './fixtures/floatrepr.json';

const data = cases as [string, string, string][];

describe('floatRepr', () => {
  it(`matches repr(float) and str(float) on ${data.length} recorded values`, () => {
    expect(
      mismatches(data, ([bits, r, s]) => diff(bits, [floatRepr(f64(bits)), floatStr(f64(bits))], [r, s])),
    ).toEqual([]);
  });

  it('spells the edge cases like CPython', () => {
    expect(floatRepr(1e16)).toBe('1e+16');
    expect(floatRepr(1e-5)).toBe('1e-05');
    expect(floatRepr(-0)).toBe('-0.0');
    expect(floatRepr(NaN)).toBe('nan');
    expect(floatRepr(-Infinity)).toBe('-inf');
    expect(floatRepr(1)).toBe('1.0');
  });

  it('doubleToString handles the repr code directly', () => {
    expect(doubleToString(0.1, 'r', 0, ADD_DOT_0)).toBe('0.1');
  });
});
