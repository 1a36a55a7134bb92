/**
 * libm-correct.ts returns the correctly rounded value: checked against the separate BigInt
 * reference (libm-reference.ts) on seeded random arguments and on the hard cases
 * (subnormals, ±0, huge arguments, doubles next to multiples of π/2, asin/acos next to ±1,
 * atan2's quadrants, signed zeros and tiny ratios, exact cube roots). The fast path's
 * claimed error bounds are checked against the actual errors, and the slow paths on their
 * own.
 */
import { describe, expect, it } from 'vitest';
import { __internal, crAcos, crAsin, crAtan, crAtan2, crCbrt, crCos, crSin, crTan } from './libm-correct';
import {
  exact,
  nearestToHalfPiMultiple,
  refAcos,
  refAsin,
  refAtan,
  refAtan2,
  refCbrt,
  refCos,
  refInterval,
  refSin,
  refTan,
} from './libm-reference';
import { FUNCTIONS } from './libm-test-support';

/** A seeded generator (PCG-style LCG, top 53 bits). */
function random(seed: number): () => number {
  let s = BigInt(seed);
  return () => {
    s = (s * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    return Number(s >> 11n) / 2 ** 53;
  };
}

/** Doubles between the given exponents, log-uniformly, with a random sign. */
function logUniform(r: () => number, lo: number, hi: number): number {
  const e = Math.floor(lo + r() * (hi - lo));
  const m = 1 + r();
  const x =
    e < -1000 ? m * 2 ** (e + 100) * 2 ** -100 : e > 1000 ? m * 2 ** (e - 100) * 2 ** 100 : m * 2 ** e;
  return r() < 0.5 ? -x : x;
}

const view = new DataView(new ArrayBuffer(8));
function neighbours(x: number, n: number): number[] {
  view.setFloat64(0, x);
  const b = view.getBigInt64(0);
  const out: number[] = [];
  for (let i = -n; i <= n; i++) {
    view.setBigInt64(0, b + BigInt(i));
    out.push(view.getFloat64(0));
  }
  return out;
}

function hex(x: number): string {
  view.setFloat64(0, x);
  return `${x} (0x${view.getBigUint64(0).toString(16)})`;
}

/** The calls whose result differs from the reference. */
function wrong(fn: string, argLists: number[][]): string[] {
  const [f, ref] = FUNCTIONS[fn];
  const out: string[] = [];
  for (const args of argLists) {
    const got = f(...args);
    const want = ref(...args);
    if (!Object.is(got, want)) out.push(`${fn}(${args.map(hex).join(', ')}) = ${got}, not ${want}`);
  }
  return out;
}

const r = random(20240611);
const N = 1500;

function gen(n: number, g: () => number): number[][] {
  return Array.from({ length: n }, () => [g()]);
}

const TRIG_ARGS: number[][] = [
  ...gen(N, () => (r() - 0.5) * 20),
  ...gen(N / 2, () => logUniform(r, -30, 30)),
  ...gen(N / 2, () => logUniform(r, -1074, 1024)),
  ...gen(N / 4, () => logUniform(r, 29, 33)),
];

/** Doubles next to multiples of π/2: small, medium and huge multiples, and their neighbours. */
const HALF_PI_MULTIPLES: number[][] = (() => {
  const out: number[] = [];
  const ks: bigint[] = [];
  for (let k = 1n; k <= 40n; k++) ks.push(k);
  for (let i = 0; i < 40; i++) ks.push(BigInt(Math.floor(r() * 2 ** 30)) + 1n);
  for (let i = 0; i < 20; i++)
    ks.push((BigInt(Math.floor(r() * 2 ** 50)) << BigInt(Math.floor(r() * 900))) + 1n);
  for (const k of ks) out.push(...neighbours(nearestToHalfPiMultiple(k), 1));
  // the double closest to a multiple of π/2 (Kahan and McDonald): 6381956970095103·2^797
  out.push(...neighbours(6381956970095103 * 2 ** 797, 2));
  return out.map((x) => [x]);
})();

const TRIG_EDGES: number[][] = [
  0,
  -0,
  5e-324,
  -5e-324,
  2 ** -1022,
  2 ** -1022 - 5e-324,
  ...neighbours(2 ** -27, 2),
  ...neighbours(-(2 ** -27), 2),
  ...neighbours(0.7853981633974483, 2),
  ...neighbours(2 ** 30, 2),
  1e300,
  -1e300,
  2 ** 1023,
  -(2 ** 1023),
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  1e22,
  1e9 + 0.5,
  3e300,
  Math.PI,
  Math.PI / 2,
  Math.PI / 4,
  Infinity,
  -Infinity,
  NaN,
].map((x) => [x]);

const ATAN_ARGS: number[][] = [
  ...gen(N, () => logUniform(r, -40, 60)),
  ...gen(N / 4, () => (r() - 0.5) * 4),
  ...[0, -0, 5e-324, -5e-324, 1, -1, Infinity, -Infinity, NaN, 1e300, Number.MAX_VALUE].map((x) => [x]),
  ...[...neighbours(2 ** -27, 2), ...neighbours(2 ** 54, 2), ...neighbours(1, 3)].map((x) => [x]),
];

const UNIT_ARGS: number[][] = [
  ...gen(N, () => r() * 2 - 1),
  ...gen(N / 4, () => (r() < 0.5 ? -1 : 1) * (1 - r() * 2 ** -Math.floor(r() * 53))),
  ...gen(N / 4, () => logUniform(r, -60, 0)),
  ...[
    0,
    -0,
    5e-324,
    1,
    -1,
    ...neighbours(1 - 2 ** -53, 3),
    ...neighbours(-1 + 2 ** -53, 3),
    ...neighbours(0.5, 2),
    ...neighbours(-0.5, 2),
    ...neighbours(2 ** -27, 2),
    1.0000000000000002,
    -1.0000000000000002,
    2,
    Infinity,
    -Infinity,
    NaN,
  ].map((x) => [x]),
];

/** atan2's arguments: random magnitudes and signs, extreme and equal ratios, subnormals. */
const ATAN2_ARGS: number[][] = (() => {
  const out: number[][] = [];
  for (let i = 0; i < N; i++) out.push([logUniform(r, -40, 40), logUniform(r, -40, 40)]);
  for (let i = 0; i < N / 4; i++) out.push([logUniform(r, -1074, 1024), logUniform(r, -1074, 1024)]);
  for (let i = 0; i < N / 8; i++) {
    const x = logUniform(r, -500, 500);
    const q = 2 ** -(55 + Math.floor(r() * 10)) * (1 + r());
    out.push([x * q, x], [x * q, -x], [x, x * q], [-x, x * q], [x, x], [x, -x]);
  }
  const s = 5e-324;
  for (const y of [s, 2 * s, 3 * s, 5 * s, 7 * s, 2 ** -1022, 2 ** -1000]) {
    for (const x of [2, 4, 1.5, 3, 2 ** 60, 2 ** 1000]) out.push([y, x], [-y, x], [y, -x], [-y, -x], [x, y]);
  }
  return out;
})();

const CBRT_ARGS: number[][] = [
  ...gen(N, () => logUniform(r, -1074, 1024)),
  ...gen(N / 2, () => logUniform(r, -10, 10)),
  // exact cubes of doubles with short mantissas, and their neighbours
  ...(() => {
    const out: number[][] = [];
    for (let i = 0; i < 100; i++) {
      const n = Math.floor(r() * 2 ** 17) + 1;
      const e = Math.floor(r() * 600) - 300;
      for (const x of neighbours(n ** 3 * 2 ** (3 * e), 1)) out.push([x], [-x]);
    }
    return out;
  })(),
  ...[
    27,
    8,
    0.125,
    2 ** -1074,
    2 ** -1073,
    2 ** -1022,
    5e-324,
    Number.MAX_VALUE,
    1,
    -1,
    0,
    -0,
    Infinity,
    -Infinity,
    NaN,
  ].map((x) => [x]),
];

describe('correctly rounded on random arguments and hard cases (BigInt reference)', () => {
  it('sin', () => expect(wrong('sin', [...TRIG_ARGS, ...HALF_PI_MULTIPLES, ...TRIG_EDGES])).toEqual([]));
  it('cos', () => expect(wrong('cos', [...TRIG_ARGS, ...HALF_PI_MULTIPLES, ...TRIG_EDGES])).toEqual([]));
  it('tan', () => expect(wrong('tan', [...TRIG_ARGS, ...HALF_PI_MULTIPLES, ...TRIG_EDGES])).toEqual([]));
  it('atan', () => expect(wrong('atan', ATAN_ARGS)).toEqual([]));
  it('asin', () => expect(wrong('asin', UNIT_ARGS)).toEqual([]));
  it('acos', () => expect(wrong('acos', UNIT_ARGS)).toEqual([]));
  it('atan2', () => expect(wrong('atan2', ATAN2_ARGS)).toEqual([]));
  it('cbrt', () => expect(wrong('cbrt', CBRT_ARGS)).toEqual([]));
});

describe('special values', () => {
  it('keep the sign of zero and map infinities and NaN like C99', () => {
    for (const f of [crSin, crTan, crAtan, crAsin, crCbrt]) {
      expect(Object.is(f(0), 0)).toBe(true);
      expect(Object.is(f(-0), -0)).toBe(true);
      expect(f(NaN)).toBeNaN();
    }
    expect(crCos(-0)).toBe(1);
    expect(crAcos(0)).toBe(Math.PI / 2);
    for (const f of [crSin, crCos, crTan]) {
      expect(f(Infinity)).toBeNaN();
      expect(f(-Infinity)).toBeNaN();
    }
    expect(crAtan(Infinity)).toBe(Math.PI / 2);
    expect(crAtan(-Infinity)).toBe(-Math.PI / 2);
    expect(crCbrt(-Infinity)).toBe(-Infinity);
    expect(crAsin(1.0000000000000002)).toBeNaN();
    expect(crAcos(-2)).toBeNaN();
    expect(crAcos(-1)).toBe(Math.PI);
    expect(Object.is(crAcos(1), 0)).toBe(true);
  });

  it('atan2 follows C99 Annex F for zeros and infinities', () => {
    const pi = Math.PI;
    const threeQuarters = refAtan2(1, -1);
    const cases: [number, number, number][] = [
      [0, 0, 0],
      [-0, 0, -0],
      [0, -0, pi],
      [-0, -0, -pi],
      [0, -3, pi],
      [-0, -3, -pi],
      [0, 3, 0],
      [-0, 3, -0],
      [3, 0, pi / 2],
      [3, -0, pi / 2],
      [-3, 0, -pi / 2],
      [-3, -0, -pi / 2],
      [3, -Infinity, pi],
      [-3, -Infinity, -pi],
      [3, Infinity, 0],
      [-3, Infinity, -0],
      [Infinity, 3, pi / 2],
      [-Infinity, -3, -pi / 2],
      [Infinity, -Infinity, threeQuarters],
      [-Infinity, -Infinity, -threeQuarters],
      [Infinity, Infinity, pi / 4],
      [-Infinity, Infinity, -pi / 4],
    ];
    for (const [y, x, want] of cases) expect(Object.is(crAtan2(y, x), want), `atan2(${y}, ${x})`).toBe(true);
    expect(crAtan2(NaN, 1)).toBeNaN();
    expect(crAtan2(1, NaN)).toBeNaN();
  });

  it('atan2 of a subnormal ratio rounds a midpoint toward zero', () => {
    // atan(q) lies just below q: 1.5·2^-1074 rounds down, 0.5·2^-1074 to zero
    expect(crAtan2(3 * 5e-324, 2)).toBe(5e-324);
    expect(crAtan2(5e-324, 2)).toBe(0);
    expect(Object.is(crAtan2(-5e-324, 2), -0)).toBe(true);
    expect(crAtan2(5 * 5e-324, 2)).toBe(2 * 5e-324);
    expect(crAtan2(7 * 5e-324, 2)).toBe(3 * 5e-324);
  });
});

/** |a − b| for a = h + l (doubles) and b the reference interval's centre, as a double. */
function distance(h: number, l: number, v: bigint, den: bigint): number {
  const [sh, mh, eh] = exact(h);
  const [sl, ml, el] = exact(l);
  const k = Math.min(eh, el);
  const H = (sh ? -mh : mh) * (1n << BigInt(eh - k)) + (sl ? -ml : ml) * (1n << BigInt(el - k));
  // |H·2^k − v/den| = |H·den·2^k − v| / den
  let num = k >= 0 ? ((H * den) << BigInt(k)) - v : H * den - (v << BigInt(-k));
  const d = k >= 0 ? den : den << BigInt(-k);
  if (num < 0n) num = -num;
  return ratio(num, d);
}

function ratio(num: bigint, den: bigint): number {
  const nb = num.toString(2).length;
  const db = den.toString(2).length;
  const s = Math.max(0, Math.max(nb, db) - 900);
  return Number(num >> BigInt(s)) / Number(den >> BigInt(s));
}

describe('the fast path is well inside its claimed error bound', () => {
  const margin = 2 ** -4;
  const check = (fn: string, argLists: number[][]) => {
    const f = FUNCTIONS[fn][0];
    let worst = 0;
    let n = 0;
    for (const args of argLists) {
      const fast = __internal.fast(() => f(...args));
      if (!fast) continue;
      const { v, den } = refInterval(fn, args);
      const d = distance(fast.h, fast.l, v, den);
      n++;
      worst = Math.max(worst, d / fast.err);
      expect(d, `${fn}(${args.map(hex).join(', ')})`).toBeLessThanOrEqual(fast.err * margin);
    }
    expect(n).toBeGreaterThan(argLists.length / 2);
    console.log(fn, 'worst actual/claimed error', Math.log2(worst).toFixed(1));
    return worst;
  };
  it('sin, cos, tan', () => {
    const args = [...TRIG_ARGS.slice(0, 800), ...TRIG_ARGS.slice(-400), ...HALF_PI_MULTIPLES];
    for (const fn of ['sin', 'cos', 'tan']) check(fn, args);
  });
  it('atan, asin, acos, atan2', () => {
    check('atan', ATAN_ARGS.slice(0, 800));
    check('asin', UNIT_ARGS.slice(0, 800));
    check('acos', UNIT_ARGS.slice(0, 800));
    check('atan2', ATAN2_ARGS.slice(0, 800));
  });
  it('cbrt', () => {
    for (const [x] of CBRT_ARGS.slice(0, 800)) {
      const fast = __internal.fast(() => crCbrt(x));
      if (!fast) continue;
      // the error of y = h + l as a cube root of t: (y³ − t) / (3y²) to first order
      const [, mt, et] = exact(fast.t);
      const [sh, mh, eh] = exact(fast.h);
      const [sl, ml, el] = exact(fast.l);
      const k = Math.min(eh, el);
      const Y = (sh ? -mh : mh) * (1n << BigInt(eh - k)) + (sl ? -ml : ml) * (1n << BigInt(el - k));
      const kk = Math.min(3 * k, et);
      let num = Y * Y * Y * (1n << BigInt(3 * k - kk)) - mt * (1n << BigInt(et - kk));
      if (num < 0n) num = -num;
      const diff = ratio(num, 1n) * 2 ** kk;
      const err = diff / (3 * fast.h * fast.h);
      expect(err, `cbrt(${hex(x)})`).toBeLessThanOrEqual(fast.err * margin);
    }
  });
});

describe('the slow paths are correctly rounded on their own', () => {
  const args = gen(60, () => logUniform(r, -30, 30));
  const huge = gen(20, () => logUniform(r, 30, 1024));
  const unit = gen(60, () => r() * 2 - 1);
  it('sin, cos, tan', () => {
    for (const [x] of [...args, ...huge, ...HALF_PI_MULTIPLES.slice(0, 30)]) {
      expect(__internal.sinSlow(x), `sin(${hex(x)})`).toBe(refSin(x));
      expect(__internal.cosSlow(x), `cos(${hex(x)})`).toBe(refCos(x));
      expect(__internal.tanSlow(x), `tan(${hex(x)})`).toBe(refTan(x));
    }
  });
  it('atan2, asin, acos', () => {
    for (const [x] of args) expect(__internal.atan2Slow(x, 1), `atan(${hex(x)})`).toBe(refAtan(x));
    for (const [y, x] of ATAN2_ARGS.slice(0, 60)) {
      expect(__internal.atan2Slow(y, x), `atan2(${hex(y)}, ${hex(x)})`).toBe(refAtan2(y, x));
    }
    for (const [u] of unit) {
      expect(__internal.asinSlow(u), `asin(${hex(u)})`).toBe(refAsin(u));
      expect(__internal.acosSlow(u), `acos(${hex(u)})`).toBe(refAcos(u));
    }
  });
  it('cbrt', () => {
    for (const [x] of CBRT_ARGS.slice(0, 200)) {
      if (x === 0 || !Number.isFinite(x)) continue;
      const y = __internal.cbrtExact(Math.abs(x));
      expect(x < 0 ? -y : y, `cbrt(${hex(x)})`).toBe(refCbrt(x));
    }
  });
});
