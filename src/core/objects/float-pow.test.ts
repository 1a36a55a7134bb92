/**
 * float ** float against CPython 3.11.7 on this machine (glibc 2.36 uses ARM optimized-routines' pow, with FMA):
 * fixtures/float-pow.json holds ~20k recorded cases, weighted towards the hard regions.
 * libmPow must agree bit for bit (Math.pow does not, for several percent of them).
 */
import { describe, expect, it } from 'vitest';
import { fma, libmPow, doublePow } from './floatobject';
import cases from './fixtures/float-pow.json';

const view = new DataView(new ArrayBuffer(8));
function fromBits(h: string): number {
  view.setUint32(0, parseInt(h.slice(0, 8), 16));
  view.setUint32(4, parseInt(h.slice(8, 16), 16));
  return view.getFloat64(0);
}

const data = (cases as unknown as string[]).map((c) => c.split(' '));

describe('libmPow (ARM optimized-routines pow)', () => {
  it(`matches CPython on ${data.length} recorded x ** y`, () => {
    const bad: string[] = [];
    for (const [xb, yb, rb] of data) {
      const x = fromBits(xb);
      const y = fromBits(yb);
      const want = rb === 'overflow' ? Infinity : fromBits(rb);
      const got = libmPow(x, y);
      if (!Object.is(got, want)) bad.push(`${x} ** ${y}: got ${got}, want ${want}`);
    }
    expect(bad.slice(0, 20)).toEqual([]);
  });

  it('is used by float_pow, which handles the special values first', () => {
    expect(doublePow(2, -0.5)).toBe(0.7071067811865476);
    expect(doublePow(-2, 3)).toBe(-8);
    expect(doublePow(-1, 1e300)).toBe(1);
    expect(doublePow(Infinity, -3)).toBe(0);
    expect(Object.is(doublePow(-Infinity, -3), -0)).toBe(true);
    expect(doublePow(NaN, 0)).toBe(1);
    expect(doublePow(1, NaN)).toBe(1);
  });
});

describe('fma', () => {
  it('rounds once', () => {
    const a = 1 + 2 ** -30;
    // a*a = 1 + 2**-29 + 2**-60: the 2**-60 survives only without an intermediate rounding.
    expect(fma(a, a, -1)).toBe(2 ** -29 + 2 ** -60);
    expect(fma(0.1, 10, -1)).toBe(5.551115123125783e-17);
    expect(fma(2, 3, 4)).toBe(10);
  });
  it('breaks exact ties of the double-double sum correctly', () => {
    // 1 + 2**-53 is a tie between 1 and 1 + 2**-52; a tiny positive remainder rounds up.
    expect(fma(2 ** -53, 1 + 2 ** -52, 1)).toBe(1 + 2 ** -52);
    expect(fma(2 ** -53, 1, 1)).toBe(1);
  });
});
