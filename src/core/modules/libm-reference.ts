/**
 * A slow BigInt reference for the correctly rounded functions of libm-correct.ts, used only
 * by the tests. It is written separately from libm-correct.ts and uses other formulas
 * wherever there is a choice, so the two do not share mistakes:
 * - π from Hutton's formula π/4 = 2·atan(1/3) + atan(1/7);
 * - sin and cos reduced modulo 2π (not π/2), evaluated at a sixteenth of the angle and
 *   brought back by four doublings; near zero as x·(sin x / x);
 * - atan by Euler's series Σ 2^(2n)(n!)²/(2n+1)! · t^(2n+1)/(1+t²)^(n+1);
 * - asin and acos by the binomial series of asin and asin x = π/2 − 2·asin(sqrt((1−x)/2));
 * - cbrt by comparing the cubes of the midpoints around a candidate, exactly;
 * - the rounding by exact comparisons with the midpoints between neighbouring doubles.
 * Each value is an open interval at a precision of `bits`; a function retries with more
 * bits while the interval holds a rounding boundary.
 */

const view = new DataView(new ArrayBuffer(8));

function bits64(x: number): bigint {
  view.setFloat64(0, x);
  return view.getBigUint64(0);
}
function fromBits64(b: bigint): number {
  view.setBigUint64(0, b);
  return view.getFloat64(0);
}

/** The exact value of a finite double as [sign, mantissa, exponent]: (−1)^s·m·2^e. */
export function exact(x: number): [number, bigint, number] {
  const b = bits64(x);
  const s = Number(b >> 63n);
  const be = Number((b >> 52n) & 0x7ffn);
  const f = b & ((1n << 52n) - 1n);
  return be === 0 ? [s, f, -1074] : [s, f | (1n << 52n), be - 1075];
}

function nextUp(x: number): number {
  if (x === 0) return 5e-324;
  return x > 0 ? fromBits64(bits64(x) + 1n) : fromBits64(bits64(x) - 1n);
}
function nextDown(x: number): number {
  return -nextUp(-x);
}

function bitLen(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** Compares a/b (b > 0) with the midpoint (d1 + d2)/2 of two doubles, exactly: −1, 0 or 1. */
function compareWithMidpoint(a: bigint, b: bigint, d1: number, d2: number): number {
  const [s1, m1, e1] = exact(d1);
  const [s2, m2, e2] = exact(d2);
  const e = Math.min(e1, e2);
  // (d1 + d2)/2 = p·2^(e−1)
  const p = (s1 ? -m1 : m1) * (1n << BigInt(e1 - e)) + (s2 ? -m2 : m2) * (1n << BigInt(e2 - e));
  const k = e - 1;
  const lhs = k >= 0 ? a : a << BigInt(-k);
  const rhs = k >= 0 ? (p * b) << BigInt(k) : p * b;
  return lhs < rhs ? -1 : lhs > rhs ? 1 : 0;
}

/**
 * The double nearest to a/b (a >= 0, b > 0); a value exactly halfway goes up when
 * `tieUp`, else down (the open-interval ends of the callers).
 */
export function roundRational(a: bigint, b: bigint, tieUp: boolean): number {
  if (a === 0n) return 0;
  // a first guess from 64 bits of the quotient
  const s = bitLen(b) - bitLen(a) + 64;
  const q = s >= 0 ? (a << BigInt(s)) / b : a / (b << BigInt(-s));
  let d = Number(q);
  let k = -s;
  while (k > 900) {
    d *= 2 ** 900;
    k -= 900;
  }
  while (k < -900) {
    d *= 2 ** -900;
    k += 900;
  }
  d *= 2 ** k;
  if (!Number.isFinite(d)) d = Number.MAX_VALUE;
  for (;;) {
    if (d > 0) {
      const c = compareWithMidpoint(a, b, d, nextDown(d));
      if (c < 0 || (c === 0 && !tieUp)) {
        d = nextDown(d);
        continue;
      }
    }
    if (d === Number.MAX_VALUE) {
      // above MAX + half an ulp the rounding is Infinity
      const c = compareWithMidpoint(a, b, d, d + (d - nextDown(d)));
      return c > 0 || (c === 0 && tieUp) ? Infinity : d;
    }
    const c = compareWithMidpoint(a, b, d, nextUp(d));
    if (c > 0 || (c === 0 && tieUp)) {
      d = nextUp(d);
      continue;
    }
    return d;
  }
}

/** The rounding of every value in the open interval ((v−e)/den, (v+e)/den), or null. */
function decide(v: bigint, e: bigint, den: bigint): number | null {
  const lo = v - e;
  const hi = v + e;
  if (lo <= 0n && hi >= 0n) return null;
  if (hi < 0n) {
    const r = decide(-v, e, den);
    return r === null ? null : -r;
  }
  const a = roundRational(lo, den, true);
  const b = roundRational(hi, den, false);
  return a === b ? a : null;
}

// ------------------------------------------------------------------ series in fixed point

/** atan(1/n)·2^w, error below the number of terms. */
function arctanInv(n: bigint, w: number): bigint {
  let sum = 0n;
  let power = (1n << BigInt(w)) / n; // 1/n^(2k+1)
  const n2 = n * n;
  let k = 0n;
  while (power !== 0n) {
    const term = power / (2n * k + 1n);
    sum += k % 2n === 0n ? term : -term;
    power /= n2;
    k++;
  }
  return sum;
}

const piCache = new Map<number, bigint>();

/** π·2^w within 8 units (Hutton's formula). */
function pi(w: number): bigint {
  let p = piCache.get(w);
  if (p === undefined) {
    const g = w + 20;
    p = (8n * arctanInv(3n, g) + 4n * arctanInv(7n, g)) >> 20n;
    piCache.set(w, p);
  }
  return p;
}

/** sqrt(v·2^-w)·2^w, floor. */
function sqrtFixed(v: bigint, w: number): bigint {
  const n = v << BigInt(w);
  if (n <= 0n) return 0n;
  let x = 1n << BigInt(Math.ceil(bitLen(n) / 2) + 1);
  for (;;) {
    const y = (x + n / x) / 2n;
    if (y >= x) return x;
    x = y;
  }
}

/** atan(t·2^-w)·2^w for 0 <= t <= 2^w: one halving, then Euler's series (error < 2^12 units). */
function atanEuler(t: bigint, w: number): bigint {
  const one = 1n << BigInt(w);
  // atan t = 2·atan(t / (1 + sqrt(1 + t²)))
  const s = sqrtFixed(one + ((t * t) >> BigInt(w)), w);
  const h = (t << BigInt(w)) / (one + s);
  const h2 = (h * h) >> BigInt(w);
  const den = one + h2;
  const y = (h2 << BigInt(w)) / den; // t²/(1+t²)
  let term = (h << BigInt(w)) / den; // t/(1+t²)
  let sum = term;
  for (let n = 1n; term !== 0n; n++) {
    term = (((term * y) >> BigInt(w)) * 2n * n) / (2n * n + 1n);
    sum += term;
  }
  return 2n * sum;
}

/** asin(t·2^-w)/(t·2^-w) · 2^w for 0 <= t <= 2^(w-1) (the binomial series; error < 2^12 units). */
function asinRatio(t: bigint, w: number): bigint {
  const one = 1n << BigInt(w);
  const t2 = (t * t) >> BigInt(w);
  let c = one; // binom(2n, n)/4^n · t^(2n)
  let sum = one;
  for (let n = 1n; c !== 0n; n++) {
    c = (((c * t2) >> BigInt(w)) * (2n * n - 1n)) / (2n * n);
    sum += c / (2n * n + 1n);
  }
  return sum;
}

// ------------------------------------------------------------------ the functions

const ERR = 1n << 16n; // a generous error bound for the fixed-point evaluations, in units

/** The exact value lies in the open interval ((v − e)/den, (v + e)/den). */
export interface Interval {
  v: bigint;
  e: bigint;
  den: bigint;
}

function withPrecision(f: (w: number) => Interval, what: string): number {
  for (let w = 320; w <= 5120; w *= 2) {
    const { v, e, den } = f(w);
    const r = decide(v, e, den);
    if (r !== null) return r;
  }
  throw new Error(`reference ${what}: undecided`);
}

function negate(i: Interval, neg: boolean | number): Interval {
  return neg ? { v: -i.v, e: i.e, den: i.den } : i;
}

/** sin(r), cos(r) for |r·2^-w| <= 4, by a sixteenth of the angle and four doublings. */
function sinCosSmall(r: bigint, w: number): [bigint, bigint] {
  const W = BigInt(w);
  const a = r >> 4n;
  const a2 = (a * a) >> W;
  let s = a;
  let c = 1n << W;
  let ts = a;
  let tc = 1n << W;
  for (let n = 1n; ts !== 0n || tc !== 0n; n++) {
    tc = -((tc * a2) >> W) / ((2n * n - 1n) * (2n * n));
    ts = -((ts * a2) >> W) / (2n * n * (2n * n + 1n));
    c += tc;
    s += ts;
  }
  for (let i = 0; i < 4; i++) {
    const s2 = (2n * s * c) >> W;
    c = (c * c - s * s) >> W;
    s = s2;
  }
  return [s, c];
}

type Trig = 'sin' | 'cos' | 'tan';

function trig(x: number, fn: Trig): number {
  if (!Number.isFinite(x)) return NaN;
  if (x === 0) return fn === 'cos' ? 1 : x;
  return withPrecision((w) => trigInterval(x, fn, w), fn);
}

function trigInterval(x: number, fn: Trig, w: number): Interval {
  const [sign, m, e] = exact(x);
  const W = BigInt(w);
  const wide = w + 64;
  let s: bigint;
  let c: bigint;
  if (e + 53 < -20) {
    // |x| < 2^-20: sin x = x·S, cos x = C with S, C from their series in x² (absolute)
    const x2 = ((m * m) << BigInt(wide)) >> BigInt(-2 * e); // x²·2^wide
    let S = 1n << BigInt(wide);
    let Cc = 1n << BigInt(wide);
    let ts = S;
    let tc = Cc;
    for (let n = 1n; ts !== 0n || tc !== 0n; n++) {
      ts = -((ts * x2) >> BigInt(wide)) / (2n * n * (2n * n + 1n));
      tc = -((tc * x2) >> BigInt(wide)) / ((2n * n - 1n) * (2n * n));
      S += ts;
      Cc += tc;
    }
    const S0 = S >> 64n;
    const C0 = Cc >> 64n;
    if (fn === 'cos') return { v: C0, e: ERR, den: 1n << W };
    const ratio = fn === 'sin' ? S0 : (S0 << W) / C0; // tan x = x·S/C
    // value = x·ratio·2^-w = m·2^e·ratio·2^-w
    const num = m * ratio;
    const den = e >= 0 ? 1n << W : 1n << BigInt(w - e);
    const numE = e >= 0 ? num << BigInt(e) : num;
    const err = m * ERR * (e >= 0 ? 1n << BigInt(e) : 1n);
    return negate({ v: numE, e: err, den }, sign);
  } else {
    // reduce modulo 2π: r = x − 2πk in [−π, π]
    const n = wide + Math.max(e + 53, 0) + 16;
    const twoPi = 2n * pi(n);
    const X = e + n >= 0 ? m << BigInt(e + n) : m >> BigInt(-(e + n));
    const k = (X + twoPi / 2n) / twoPi;
    const r = (X - k * twoPi) >> BigInt(n - wide);
    [s, c] = sinCosSmall(r, wide);
    if (sign) s = -s;
  }
  let v: bigint;
  if (fn === 'sin') v = s;
  else if (fn === 'cos') v = c;
  else v = (s << BigInt(wide)) / c;
  // from 2^wide to 2^w units, keeping the error bound generous
  const absv = v < 0n ? -v : v;
  const err = fn === 'tan' ? ERR + (absv * ERR) / (c < 0n ? -c : c) + (absv * ERR) / (s < 0n ? -s : s) : ERR;
  return { v, e: err, den: 1n << BigInt(wide) };
}

export const refSin = (x: number): number => trig(x, 'sin');
export const refCos = (x: number): number => trig(x, 'cos');
export const refTan = (x: number): number => trig(x, 'tan');

/**
 * atan(a/b) for non-negative a, b (exact integers) at 2^-wide, as [value, error]: a ratio
 * above 1 through π/2 − atan(b/a).
 */
function atanRatio(a: bigint, b: bigint, wide: number): bigint {
  const W = BigInt(wide);
  if (a <= b) return atanEuler((a << W) / b, wide);
  return pi(wide) / 2n - atanEuler((b << W) / a, wide);
}

export function refAtan2(y: number, x: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (!Number.isFinite(x) || !Number.isFinite(y) || x === 0 || y === 0) {
    throw new Error('refAtan2: finite non-zero arguments only');
  }
  return withPrecision((w) => atan2Interval(y, x, w), 'atan2');
}

function atan2Interval(y: number, x: number, w: number): Interval {
  const [sy, my, ey] = exact(y);
  const [sx, mx, ex] = exact(x);
  const e0 = Math.min(ey, ex);
  const A = my << BigInt(ey - e0);
  const B = mx << BigInt(ex - e0);
  const wide = w + 64;
  const W = BigInt(wide);
  if (sx === 0 && A << 8n < B) {
    // a ratio q below 1/256 with x > 0: atan q = q·R, R = Σ (−1)^n q^(2n)/(2n+1) < 1
    const q2 = ((A * A) << W) / (B * B);
    let R = 1n << W;
    let p = R;
    for (let n = 1n; p !== 0n; n++) {
      p = (p * q2) >> W;
      R += (n % 2n === 1n ? -p : p) / (2n * n + 1n);
    }
    return negate({ v: A * R, e: A * ERR, den: B << W }, sy);
  }
  let v = atanRatio(A, B, wide);
  if (sx) v = pi(wide) - v;
  if (sy) v = -v;
  return { v, e: ERR, den: 1n << W };
}

/** π·2^k rounded (k = 0 for π, −1 for π/2, …). */
function piRounded(k: number): number {
  return withPrecision((w) => {
    const v = pi(w + 64);
    return k >= 0
      ? { v: v << BigInt(k), e: ERR, den: 1n << BigInt(w + 64) }
      : { v, e: ERR, den: 1n << BigInt(w + 64 - k) };
  }, 'pi');
}

export function refAtan(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (!Number.isFinite(x)) return x > 0 ? piRounded(-1) : -piRounded(-1);
  if (x === 0) return x;
  return refAtan2(x, 1);
}

/** asin or acos of x with |x| < 1 (x not 0). */
function asinAcos(x: number, acos: boolean): number {
  return withPrecision((w) => asinAcosInterval(x, acos, w), acos ? 'acos' : 'asin');
}

function asinAcosInterval(x: number, acos: boolean, w: number): Interval {
  const [sign, m, e] = exact(x);
  const wide = w + 64;
  const W = BigInt(wide);
  const one = 1n << W;
  const halfPi = pi(wide) / 2n;
  // |x|·2^wide (exact when e + wide >= 0)
  const X = e + wide >= 0 ? m << BigInt(e + wide) : m >> BigInt(-(e + wide));
  if (X <= one / 2n) {
    // asin |x| = |x|·R with the series R
    const t = X;
    if (!acos) {
      // relative: R from x² exactly scaled
      const R = asinRatio(t > 0n ? t : 1n, wide);
      const num = m * R;
      const den = e >= 0 ? 1n << W : 1n << BigInt(wide - e);
      const numE = e >= 0 ? num << BigInt(e) : num;
      return negate({ v: numE, e: m * ERR * (e >= 0 ? 1n << BigInt(e) : 1n), den }, sign);
    }
    const as = (t * asinRatio(t, wide)) >> W;
    const v = sign ? halfPi + as : halfPi - as;
    return { v, e: ERR, den: one };
  }
  // |x| > 1/2: asin |x| = π/2 − 2·asin(s), s = sqrt((1 − |x|)/2) <= 1/2
  const s = sqrtFixed((one - X) / 2n, wide); // one − X is even: exact
  const twoAsinS = (2n * s * asinRatio(s, wide)) >> W;
  let v: bigint;
  if (!acos) {
    v = halfPi - twoAsinS;
    if (sign) v = -v;
  } else {
    v = sign ? pi(wide) - twoAsinS : twoAsinS;
  }
  return { v, e: ERR, den: one };
}

export function refAsin(x: number): number {
  if (Number.isNaN(x) || Math.abs(x) > 1) return NaN;
  if (x === 0) return x;
  if (Math.abs(x) === 1) return x * piRounded(-1);
  return asinAcos(x, false);
}

export function refAcos(x: number): number {
  if (Number.isNaN(x) || Math.abs(x) > 1) return NaN;
  if (x === 1) return 0;
  if (x === -1) return piRounded(0);
  if (x === 0) return piRounded(-1);
  return asinAcos(x, true);
}

/** The double nearest to k·π/2 (k > 0). */
export function nearestToHalfPiMultiple(k: bigint): number {
  const w = 160 + bitLen(k);
  return roundRational(k * pi(w), 1n << BigInt(w + 1), true);
}

/**
 * An interval around f(args) for sin, cos, tan, atan, asin, acos or atan2 (finite
 * arguments in their domain, not 0 or ±1), with an error near 2^-(w+48) of the value.
 */
export function refInterval(fn: string, args: number[], w = 320): Interval {
  const [x, y] = args;
  switch (fn) {
    case 'sin':
    case 'cos':
    case 'tan':
      return trigInterval(x, fn, w);
    case 'atan':
      return atan2Interval(x, 1, w);
    case 'asin':
    case 'acos':
      return asinAcosInterval(x, fn === 'acos', w);
    case 'atan2':
      return atan2Interval(x, y, w);
  }
  throw new Error(`refInterval: ${fn}`);
}

/** Cube of a double's exact value compared with |x|'s, via midpoints: exact. */
export function refCbrt(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const [sign, m, e] = exact(x);
  // |x| = m·2^e; a candidate d is right when mid(d−)³ < |x| < mid(d+)³ (or d³ = |x|)
  const cmpCube = (p: bigint, pe: number): number => {
    // compares (p·2^pe)³ with m·2^e
    const l = p * p * p;
    const le = 3 * pe;
    const k = Math.min(le, e);
    const L = l << BigInt(le - k);
    const R = m << BigInt(e - k);
    return L < R ? -1 : L > R ? 1 : 0;
  };
  const mid = (d1: number, d2: number): [bigint, number] => {
    const [, m1, e1] = exact(d1);
    const [, m2, e2] = exact(d2);
    const k = Math.min(e1, e2);
    return [(m1 << BigInt(e1 - k)) + (m2 << BigInt(e2 - k)), k - 1];
  };
  let d = Math.cbrt(Math.abs(x));
  for (;;) {
    const [pl, el] = mid(nextDown(d), d);
    if (cmpCube(pl, el) >= 0) {
      d = nextDown(d);
      continue;
    }
    const [ph, eh] = mid(d, nextUp(d));
    if (cmpCube(ph, eh) <= 0) {
      d = nextUp(d);
      continue;
    }
    return sign ? -d : d;
  }
}
