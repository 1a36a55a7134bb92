/**
 * Correctly rounded sin, cos, tan, atan, asin, acos, atan2 and cbrt: each returns the
 * double nearest to the exact mathematical value (ties cannot occur except for exact
 * results). The result is a property of the function and the argument, not of a library.
 *
 * Written for this project from textbook methods; no library's code or tables are used:
 * - The constants (π, 2/π, the Cody–Waite pieces of π/2, 1/6, 1/3, and the tables of
 *   sin(i/128), cos(i/128) and atan(i/64)) are computed with BigInt arithmetic, the tables
 *   and 2/π when first needed: π from Machin's formula π = 16·atan(1/5) − 4·atan(1/239),
 *   the others from their power series.
 * - Fast path: the argument is reduced (x − k·π/2 with a four-piece π/2 for |x| < 2^30,
 *   Payne–Hanek with BigInt bits of 2/π above), the function is evaluated in
 *   double-double arithmetic (Dekker's exact product, Knuth's exact sum, Joldes, Muller
 *   and Popescu's accurate double-word addition) together with an error bound `err`, and
 *   the result is returned when every value in [v − err, v + err] rounds to the same
 *   double (Ziv's rounding test). The bounds are generous: 2^-72 relative for the kernels,
 *   whose measured errors are below 2^-84 (libm-correct.test.ts checks this).
 * - Slow path, taken when the fast path cannot decide (a few times in a million random
 *   arguments): the same mathematics in BigInt fixed point with 200, 400, … bits until
 *   the rounding is decided. sin, cos, tan, atan, asin and acos of a non-zero double are
 *   transcendental (Lindemann–Weierstrass), so the loop ends; cbrt's slow path is an
 *   exact integer cube root.
 */

// ------------------------------------------------------------------ double-double

/**
 * Results of the double-double helpers: the value is R[0] + R[1] with |R[1]| <= ulp(R[0])/2.
 * (A typed array: V8 would box a double stored in a module-level variable.)
 */
const R = new Float64Array(2);

const SPLITTER = 134217729; // 2^27 + 1 (Dekker's split)

/** R[0] + R[1] = a*b exactly (no overflow: |a|, |b| < 2^995). */
function twoProd(a: number, b: number): void {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  R[0] = p;
  R[1] = ah * bh - p + ah * bl + al * bh + al * bl;
}

/** R[0] + R[1] = a + b exactly (Knuth). */
function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  R[0] = s;
  R[1] = a - (s - bb) + (b - bb);
}

/** (ah+al) + (bh+bl), relative error at most 3·2^-106 (accurate double-word addition). */
function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  const s = ah + bh;
  let bb = s - ah;
  let e = ah - (s - bb) + (bh - bb);
  const t = al + bl;
  bb = t - al;
  const f = al - (t - bb) + (bl - bb);
  e += t;
  const v = s + e;
  let w = e - (v - s);
  w += f;
  R[0] = v + w;
  R[1] = w - (R[0] - v);
}

/** (ah+al) * (bh+bl), relative error below 2^-102. */
function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const p = R[0];
  const e = R[1] + (ah * bl + al * bh);
  R[0] = p + e;
  R[1] = e - (R[0] - p);
}

/** (ah+al) * b, relative error below 2^-104. */
function ddMulD(ah: number, al: number, b: number): void {
  twoProd(ah, b);
  const p = R[0];
  const e = R[1] + al * b;
  R[0] = p + e;
  R[1] = e - (R[0] - p);
}

/** (ah+al) / (bh+bl), relative error below 2^-101. */
function ddDiv(ah: number, al: number, bh: number, bl: number): void {
  const q = ah / bh;
  ddMulD(bh, bl, q);
  ddAdd(ah, al, -R[0], -R[1]);
  const c = (R[0] + R[1]) / bh;
  R[0] = q + c;
  R[1] = c - (R[0] - q);
}

/** sqrt(ah+al) for ah > 0, relative error below 2^-102. */
function ddSqrt(ah: number, al: number): void {
  const s = Math.sqrt(ah);
  twoProd(s, s);
  const c = (ah - R[0] - R[1] + al) / (2 * s);
  R[0] = s + c;
  R[1] = c - (R[0] - s);
}

/**
 * The last fast-path result, its error bound and (cbrt) the argument scaled to [1, 8)
 * whose cube root it is, for the tests.
 */
const LAST = new Float64Array(4);

/**
 * Ziv's rounding test: the double nearest to every value within `err` of h + l, or NaN
 * when that interval holds a rounding boundary. fl(l ± e) lies outside l ± err because e
 * exceeds err by more than the rounding error of that sum, and fl(h + v) is the rounding
 * of the exact h + v, which is monotonic in v.
 */
function roundDD(h: number, l: number, err: number): number {
  LAST[0] = h;
  LAST[1] = l;
  LAST[2] = err;
  const e = 2 * err + Math.abs(l) * 2 ** -50;
  const a = h + (l + e);
  return a === h + (l - e) ? a : NaN;
}

/** roundDD of ±(h + l), negated when `negative`, with the error bound |h|·rel + abs. */
function roundDDSigned(h: number, l: number, negative: boolean, rel: number, abs = 0): number {
  const err = Math.abs(h) * rel + abs;
  return negative ? roundDD(-h, -l, err) : roundDD(h, l, err);
}

// ------------------------------------------------------------------ BigInt fixed point

function bitLength(n: bigint): number {
  if (n < 0n) n = -n;
  if (n === 0n) return 0;
  // Number(n) rounds, so the exponent can be one too high right below a power of two.
  const approx = n < 2n ** 1000n ? Math.floor(Math.log2(Number(n))) + 1 : n.toString(16).length * 4;
  let b = Math.max(approx - 4, 0);
  while (n >> BigInt(b) !== 0n) b++;
  return b;
}

/** floor(sqrt(n)) for n >= 0 (Newton's method from above). */
function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((bitLength(n) + 1) >> 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** floor(cbrt(n)) for n >= 0 (Newton's method from above). */
function icbrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(bitLength(n) / 3));
  for (;;) {
    const y = (2n * x + n / (x * x)) / 3n;
    if (y >= x) return x;
    x = y;
  }
}

const dv = new DataView(new ArrayBuffer(8));

/** |x| = M·2^E with M an integer below 2^53 (x finite, non-zero). */
function decompose(x: number): [bigint, number] {
  dv.setFloat64(0, Math.abs(x));
  const hi = dv.getUint32(0);
  const lo = dv.getUint32(4);
  const be = hi >>> 20;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (be === 0) return [frac, -1074];
  return [frac | (1n << 52n), be - 1075];
}

/** n·2^s for an integer s of either sign (floor when s < 0). */
function shift(n: bigint, s: number): bigint {
  return s >= 0 ? n << BigInt(s) : n >> BigInt(-s);
}

/**
 * The double nearest to (num/den)·2^e for num, den > 0 (ties to even, or toward zero
 * when `tieDown`), with subnormal results and overflow to Infinity.
 */
function roundQuotient(num: bigint, den: bigint, e: number, tieDown = false): number {
  let top = bitLength(num) - bitLength(den) + e + 1; // the value is below 2^top
  for (;;) {
    const g = Math.max(top - 53, -1074); // the exponent of the last kept bit
    const s = e - g + 1; // the quotient in units of half a last bit
    const n = s >= 0 ? num << BigInt(s) : num;
    const d = s >= 0 ? den : den << BigInt(-s);
    const q = n / d;
    if (q < 1n << 53n && g > -1074) {
      top--; // fewer than 53 bits: the value was below 2^(top-1)
      continue;
    }
    let m = q >> 1n;
    if ((q & 1n) === 1n && (n - q * d !== 0n || (!tieDown && (m & 1n) === 1n))) m++;
    if (g > 971) return m === 0n ? 0 : Infinity;
    return Number(m) * 2 ** g;
  }
}

/** The double nearest to v·2^-w for a BigInt v of either sign. */
function roundFixed(v: bigint, w: number): number {
  if (v === 0n) return 0;
  return v < 0n ? -roundQuotient(-v, 1n, -w) : roundQuotient(v, 1n, -w);
}

/** The rounding of every value in [v − err, v + err]·2^-w, or NaN if they differ. */
function decideFixed(v: bigint, err: bigint, w: number): number {
  const a = roundFixed(v - err, w);
  const b = roundFixed(v + err, w);
  return Object.is(a, b) ? a : NaN;
}

/** atan(1/n)·2^bits, error below the number of terms (about bits/(2·log2 n)) units. */
function atanInvFixed(n: bigint, bits: number): bigint {
  const n2 = n * n;
  let term = (1n << BigInt(bits)) / n;
  let sum = term;
  for (let k = 1n; term !== 0n; k++) {
    term /= n2;
    const d = term / (2n * k + 1n);
    sum = (k & 1n) === 1n ? sum - d : sum + d;
  }
  return sum;
}

let piBits = 0;
let piBig = 0n;

/** π·2^bits within two units (Machin's formula, cached at the largest precision asked). */
function piFixed(bits: number): bigint {
  if (bits > piBits) {
    const want = Math.max(bits, 2 * piBits, 512);
    const g = want + 24;
    piBig = (16n * atanInvFixed(5n, g) - 4n * atanInvFixed(239n, g)) >> 24n;
    piBits = want;
  }
  return piBig >> BigInt(piBits - bits);
}

/** A fixed-point value v·2^-w as a double-double (R[0], R[1]), |error| <= 2^-105·|v·2^-w|. */
function fixedToDD(v: bigint, w: number): void {
  const scale = 2 ** -w;
  const h = roundFixed(v, 0);
  const l = Number(v - BigInt(h));
  R[0] = h * scale;
  R[1] = l * scale;
}

/**
 * sin and cos of r·2^-w (|r·2^-w| <= 1) by their Taylor series in fixed point: sin·2^w,
 * cos·2^w and a bound on each one's error in units (the error of r adds to it).
 */
function sinCosFixed(r: bigint, w: number): [bigint, bigint, bigint] {
  const W = BigInt(w);
  const r2 = (r * r) >> W;
  const [s, ns] = taylorFixed(r, 1n, r2, W);
  const [c, nc] = taylorFixed(1n << W, 0n, r2, W);
  return [s, c, 4n * (ns + nc) + 8n];
}

/**
 * first − first·r²/((i+1)(i+2)) + … (sin from first = r, i = 1; cos from first = 1, i = 0),
 * until a term truncates to 0: the sum and how many terms were added after the first.
 */
function taylorFixed(first: bigint, i: bigint, r2: bigint, W: bigint): [bigint, bigint] {
  let sum = first;
  let term = first;
  let n = 0n;
  for (; ; i += 2n) {
    term = (term * r2) >> W;
    term /= (i + 1n) * (i + 2n);
    if (term === 0n) break;
    sum = (i & 2n) === 0n ? sum - term : sum + term;
    n++;
  }
  return [sum, n];
}

/** atan(t·2^-w)·2^w for 0 <= t <= 2^w, and its error bound in units. */
function atanFixed(t: bigint, w: number): [bigint, bigint] {
  const W = BigInt(w);
  const one = 1n << W;
  // atan(t) = 2·atan(t / (1 + sqrt(1 + t²))), three times: t <= tan(π/32) < 0.1.
  for (let h = 0; h < 3; h++) {
    const s = isqrt((one + ((t * t) >> W)) << W);
    t = (t << W) / (one + s);
  }
  const t2 = (t * t) >> W;
  let sum = t;
  let p = t;
  let n = 0n;
  for (let k = 1n; ; k++) {
    p = (p * t2) >> W;
    const d = p / (2n * k + 1n);
    if (d === 0n) break;
    sum = (k & 1n) === 1n ? sum - d : sum + d;
    n++;
  }
  return [sum << 3n, 16n * n + 128n];
}

// ------------------------------------------------------------------ constants

const C = (() => {
  const w = 320;
  const pi = piFixed(w);
  const halfPi = pi >> 1n;
  // π/2 = C1 + C2 + C3 + C4 + O(2^-210): each piece is the rounding of what is left.
  const parts: number[] = [];
  let rest = halfPi;
  for (let i = 0; i < 4; i++) {
    const d = roundFixed(rest, w);
    parts.push(d);
    rest -= BigInt(d * 2 ** w);
  }
  fixedToDD(pi, w);
  const piH = R[0];
  const piL = R[1];
  fixedToDD((1n << 300n) / 6n, 300);
  const sixthH = R[0];
  const sixthL = R[1];
  fixedToDD((1n << 300n) / 3n, 300);
  return {
    PIO2_1: parts[0],
    PIO2_2: parts[1],
    PIO2_3: parts[2],
    PIO2_4: parts[3],
    PI_H: piH,
    PI_L: piL,
    PI_R: roundFixed(pi, w),
    PIO2_R: roundFixed(halfPi, w),
    PIO4_R: roundFixed(pi >> 2n, w),
    PI3O4_R: roundFixed((3n * pi) >> 2n, w),
    SIXTH_H: sixthH,
    SIXTH_L: sixthL,
    THIRD_H: R[0],
    THIRD_L: R[1],
  };
})();

const PIO2_H = C.PIO2_1;
const PIO2_L = C.PIO2_2;
const PI_H = C.PI_H;
const PI_L = C.PI_L;
const TWO_OVER_PI = 2 / Math.PI; // only to choose k: any error is absorbed by |r| <= π/4 + ε

/** Relative error bound of the fast kernels (their measured errors are below 2^-84). */
const EPS = 2 ** -72;

// ------------------------------------------------------------------ sin, cos, tan

/**
 * sin and cos of a/128 for a = 0..102 as double-doubles, [sin, sin low, cos, cos low] each,
 * from their Taylor series in BigInt fixed point (filled at the first call).
 */
const SC_TAB = new Float64Array(103 * 4);
let scTabReady = false;

function fillSinCosTable(): void {
  const w = 200;
  for (let i = 0; i <= 102; i++) {
    const [s, c] = sinCosFixed((BigInt(i) << BigInt(w)) / 128n, w);
    fixedToDD(s, w);
    SC_TAB[4 * i] = R[0];
    SC_TAB[4 * i + 1] = R[1];
    fixedToDD(c, w);
    SC_TAB[4 * i + 2] = R[0];
    SC_TAB[4 * i + 3] = R[1];
  }
  scTabReady = true;
}

const INV6H = -C.SIXTH_H; // −1/3!
const INV6L = -C.SIXTH_L;

/** sin(r) in SC[0] + SC[1] and cos(r) in SC[2] + SC[3] (those asked for). */
const SC = new Float64Array(4);

/**
 * sin and cos of r = rh + rl (|r| <= 0.8) with relative error below 2^-85: r = a + t with
 * a = i/128 and |t| <= 2^-8, sin r = sin a + (sin a·(cos t − 1) + cos a·sin t) and
 * cos r = cos a + (cos a·(cos t − 1) − sin a·sin t), where
 * sin t = t + t³·(−1/6 + t²/120 − t⁴/5040 + t⁶/9!) (next term below 2^-100·t) and
 * cos t − 1 = −t²/2 + t⁴·(1/24 − t²/720 + t⁴/8!) (next term below 2^-101).
 */
function sinCosKernel(rh: number, rl: number, want: number): void {
  if (!scTabReady) fillSinCosTable();
  const i = Math.round(rh * 128);
  const t0 = rh - i * 0.0078125; // exact (Sterbenz, or i = 0)
  const th = t0 + rl;
  const tl = rl - (th - t0);
  twoProd(th, th);
  const z0 = R[0];
  const z1 = R[1] + 2 * th * tl;
  const t2h = z0 + z1;
  const t2l = z1 - (t2h - z0);
  // sin t
  const q = t2h * (1 / 120 + t2h * (-1 / 5040 + t2h * (1 / 362880)));
  ddAdd(INV6H, INV6L, q, 0);
  const bh = R[0];
  const bl = R[1];
  ddMul(t2h, t2l, th, tl);
  ddMul(R[0], R[1], bh, bl);
  ddAdd(th, tl, R[0], R[1]);
  const sh = R[0];
  const sl = R[1];
  // cos t − 1
  const c4 = t2h * t2h * (1 / 24 + t2h * (-1 / 720 + t2h * (1 / 40320)));
  ddAdd(-0.5 * t2h, -0.5 * t2l, c4, 0);
  const mh = R[0];
  const ml = R[1];
  if (i === 0) {
    SC[0] = sh;
    SC[1] = sl;
    ddAdd(1, 0, mh, ml);
    SC[2] = R[0];
    SC[3] = R[1];
    return;
  }
  const j = 4 * (i < 0 ? -i : i);
  const sah = i < 0 ? -SC_TAB[j] : SC_TAB[j];
  const sal = i < 0 ? -SC_TAB[j + 1] : SC_TAB[j + 1];
  const cah = SC_TAB[j + 2];
  const cal = SC_TAB[j + 3];
  if (want & 1) {
    ddMul(sah, sal, mh, ml);
    const p1h = R[0];
    const p1l = R[1];
    ddMul(cah, cal, sh, sl);
    const p2h = R[0];
    const p2l = R[1];
    ddAdd(p1h, p1l, p2h, p2l);
    ddAdd(sah, sal, R[0], R[1]);
    SC[0] = R[0];
    SC[1] = R[1];
  }
  if (want & 2) {
    ddMul(cah, cal, mh, ml);
    const p3h = R[0];
    const p3l = R[1];
    ddMul(sah, sal, sh, sl);
    ddAdd(p3h, p3l, -R[0], -R[1]);
    ddAdd(cah, cal, R[0], R[1]);
    SC[2] = R[0];
    SC[3] = R[1];
  }
}

/** The reduced argument: |x| = k·π/2 + (RED[1] + RED[2]) + δ with |δ| <= RED[3], k = RED[0]. */
const RED = new Float64Array(4);

const HUGE_F = 240; // fraction bits of x·2/π kept by the Payne–Hanek reduction
const HUGE_TOP = 1400; // bits of 2/π available: enough for x up to 2^1024
let twoOverPiBig = 0n; // floor(2^HUGE_TOP · 2/π), within one unit
let pio2Huge = 0n; // π/2 · 2^HUGE_F

/** Reduces ax (finite, >= 2^-27) modulo π/2. */
function reduce(ax: number): void {
  if (ax <= 0.7853981633974483) {
    // fl(π/4) < π/4
    RED[0] = 0;
    RED[1] = ax;
    RED[2] = 0;
    RED[3] = 0;
    return;
  }
  if (ax < 2 ** 30) {
    // Cody–Waite: k·C1 is exact as a double-double and ax − hi(k·C1) is exact (Sterbenz);
    // the rest is accumulated with accurate double-word additions (error 3·2^-106 of each
    // partial sum, which is about |r| + 2^-75).
    const k = Math.round(ax * TWO_OVER_PI);
    twoProd(k, C.PIO2_1);
    const p1l = R[1];
    twoSum(ax - R[0], -p1l);
    let ah = R[0];
    let al = R[1];
    twoProd(k, C.PIO2_2);
    ddAdd(ah, al, -R[0], -R[1]);
    ah = R[0];
    al = R[1];
    twoProd(k, C.PIO2_3);
    ddAdd(ah, al, -R[0], -R[1]);
    ddAdd(R[0], R[1], -k * C.PIO2_4, 0);
    RED[0] = k & 3;
    RED[1] = R[0];
    RED[2] = R[1];
    RED[3] = Math.abs(R[0]) * 2 ** -98 + 2 ** -160;
    return;
  }
  reduceHuge(ax);
}

/**
 * Payne–Hanek: with ax = M·2^E and G = floor(2^L·2/π), L = E + F + 64, the product M·G
 * is ax·(2/π)·2^(F+64) minus less than M units; only its bits from 2^64 to 2^(F+66)
 * matter (the rest are multiples of 4), so a window of G suffices.
 */
function reduceHuge(ax: number): void {
  if (twoOverPiBig === 0n) {
    const q = HUGE_TOP + 16;
    twoOverPiBig = (1n << BigInt(HUGE_TOP + 1 + q)) / piFixed(q);
    pio2Huge = piFixed(HUGE_F + 8) >> 9n;
  }
  const [m, e] = decompose(ax);
  const l = e + HUGE_F + 64;
  const window = (twoOverPiBig >> BigInt(HUGE_TOP - l)) & ((1n << BigInt(HUGE_F + 70)) - 1n);
  const z = ((m * window) >> 64n) & ((1n << BigInt(HUGE_F + 2)) - 1n);
  const F = BigInt(HUGE_F);
  let k = Number(z >> F);
  let f = z - (BigInt(k) << F);
  if (f >= 1n << (F - 1n)) {
    f -= 1n << F;
    k = (k + 1) & 3;
  }
  const r = (f * pio2Huge) >> F;
  fixedToDD(r, HUGE_F);
  RED[0] = k;
  RED[1] = R[0];
  RED[2] = R[1];
  RED[3] = Math.abs(R[0]) * 2 ** -100 + 2 ** -225;
}

const SIN = 0;
const COS = 1;
const TAN = 2;

/** sin, cos or tan of x in BigInt fixed point, with more bits until decided. */
function trigSlow(x: number, fn: number): number {
  const [m, e] = decompose(x);
  const neg = x < 0;
  for (let w = 200; w <= 6400; w *= 2) {
    const n = w + Math.max(e + 53, 0) + 64;
    const pi = piFixed(n);
    const x2 = shift(m, e + n + 1); // 2|x|·2^n, exact (e >= -79)
    const k = (x2 + (pi >> 1n)) / pi; // round(2|x|/π)
    const r = shift(x2 - k * pi, w - n - 1); // (|x| − kπ/2)·2^w
    const q = Number(k & 3n);
    const [s, c, err0] = sinCosFixed(r, w);
    const err = err0 + 2n;
    let v: bigint;
    let ve: bigint;
    if (fn === TAN) {
      const [num, den] = q & 1 ? [-c, s] : [s, c];
      v = (num << BigInt(w)) / den;
      // the relative errors of the numerator and the denominator add up
      const av = v < 0n ? -v : v;
      const an = num < 0n ? -num : num;
      const ad = den < 0n ? -den : den;
      ve = (av * err) / an + (av * err) / ad + (av >> BigInt(w)) + 4n;
    } else {
      const useCos = (fn === COS) !== ((q & 1) === 1);
      v = useCos ? c : s;
      const negate = fn === SIN ? (q & 2) !== 0 : q === 1 || q === 2;
      if (negate) v = -v;
      ve = err;
    }
    if (neg && fn !== COS) v = -v;
    const y = decideFixed(v, ve, w);
    if (y === y) return y;
  }
  throw new Error('libm-correct: trigonometric rounding undecided');
}

/** Correctly rounded sin(x). */
export function crSin(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2 ** -27) return x; // |sin x − x| < x³/6 is far below half an ulp of x
  if (!(ax < Infinity)) return NaN;
  reduce(ax);
  const q = RED[0] & 1 ? 2 : 0;
  sinCosKernel(RED[1], RED[2], q ? 2 : 1);
  const y = roundDDSigned(SC[q], SC[q + 1], ((RED[0] & 2) !== 0) !== x < 0, EPS, RED[3]);
  return y === y ? y : trigSlow(x, SIN);
}

/** Correctly rounded cos(x). */
export function crCos(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2 ** -27) return 1; // 1 − x²/2 is within a quarter ulp of 1
  if (!(ax < Infinity)) return NaN;
  reduce(ax);
  const q = RED[0] & 1 ? 0 : 2;
  sinCosKernel(RED[1], RED[2], q ? 2 : 1);
  const y = roundDDSigned(SC[q], SC[q + 1], RED[0] === 1 || RED[0] === 2, EPS, RED[3]);
  return y === y ? y : trigSlow(x, COS);
}

/** Correctly rounded tan(x). */
export function crTan(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2 ** -27) return x; // tan x − x < x³/3 is far below half an ulp of x
  if (!(ax < Infinity)) return NaN;
  reduce(ax);
  sinCosKernel(RED[1], RED[2], 3);
  const sh = SC[0];
  const sl = SC[1];
  const ch = SC[2];
  const cl = SC[3];
  if (RED[0] & 1) ddDiv(-ch, -cl, sh, sl);
  else ddDiv(sh, sl, ch, cl);
  const rel = 2 * EPS + RED[3] / Math.abs(sh) + RED[3] / Math.abs(ch);
  const y = roundDDSigned(R[0], R[1], x < 0, rel);
  return y === y ? y : trigSlow(x, TAN);
}

// ------------------------------------------------------------------ atan, atan2, asin, acos

let ATAN_TAB: number[] = []; // atan(i/64) as double-doubles, i = 0..64

function atanTable(): number[] {
  if (ATAN_TAB.length === 0) {
    const w = 200;
    const tab: number[] = [];
    for (let i = 0; i <= 64; i++) {
      fixedToDD(atanFixed((BigInt(i) << BigInt(w)) / 64n, w)[0], w);
      tab.push(R[0], R[1]);
    }
    ATAN_TAB = tab;
  }
  return ATAN_TAB;
}

// atan d = d + d³·(−1/3 + d²·Q(d²)), Q = 1/5 − d²/7 + … + d^8/13 (|d| <= 1/128 + ε).
const AT5 = 1 / 5;
const AT7 = -1 / 7;
const AT9 = 1 / 9;
const AT11 = -1 / 11;
const AT13 = 1 / 13;

/** R[0] + R[1] = atan(y/x) for 0 < y <= x (double-doubles), relative error below EPS. */
function atanCore(yh: number, yl: number, xh: number, xl: number): void {
  const tab = ATAN_TAB.length ? ATAN_TAB : atanTable();
  const i = Math.round((yh / xh) * 64);
  // d = (y − c·x) / (x + c·y) with c = i/64: atan(y/x) = atan(c) + atan(d)
  if (i === 0) {
    ddDiv(yh, yl, xh, xl);
  } else {
    const c = i * 0.015625;
    ddMulD(xh, xl, c);
    ddAdd(yh, yl, -R[0], -R[1]);
    const nh = R[0];
    const nl = R[1];
    ddMulD(yh, yl, c);
    ddAdd(xh, xl, R[0], R[1]);
    ddDiv(nh, nl, R[0], R[1]);
  }
  const dh = R[0];
  const dl = R[1];
  twoProd(dh, dh);
  const z0 = R[0];
  const z1 = R[1] + 2 * dh * dl;
  const zh = z0 + z1;
  const zl = z1 - (zh - z0);
  const q = AT5 + zh * (AT7 + zh * (AT9 + zh * (AT11 + zh * AT13)));
  ddAdd(-C.THIRD_H, -C.THIRD_L, zh * q, 0);
  ddMul(zh, zl, R[0], R[1]);
  ddMul(dh, dl, R[0], R[1]);
  ddAdd(dh, dl, R[0], R[1]);
  if (i !== 0) ddAdd(tab[2 * i], tab[2 * i + 1], R[0], R[1]);
}

/** R[0] + R[1] = atan(y/x) in (0, π/2) for positive double-doubles whose ratio is within 2^±62. */
function atanPos(yh: number, yl: number, xh: number, xl: number): void {
  if (yh <= xh) {
    atanCore(yh, yl, xh, xl);
  } else {
    atanCore(xh, xl, yh, yl);
    ddAdd(PIO2_H, PIO2_L, -R[0], -R[1]);
  }
}

/**
 * atan(Y/X)·2^w in [0, π/2] for fixed-point Y, X >= 0 (not both 0) with errors eY, eX
 * units, and its error bound: an error dY, dX moves the angle by at most
 * (|dY| + |dX|) / max(Y, X).
 */
function angleFixed(Y: bigint, X: bigint, eY: bigint, eX: bigint, w: number): [bigint, bigint] {
  const W = BigInt(w);
  const big = Y > X ? Y : X;
  const [a, ae] = atanFixed(((Y > X ? X : Y) << W) / big, w);
  const v = Y > X ? (piFixed(w) >> 1n) - a : a;
  return [v, ae + 3n + ((eY + eX) << W) / big + 1n];
}

/** The angle of (x, y) from its quadrant: s·(base ± θ) for the fixed-point θ in [0, π/2]. */
function quadrant(theta: bigint, xNeg: boolean, yNeg: boolean, w: number): bigint {
  const v = xNeg ? piFixed(w) - theta : theta;
  return yNeg ? -v : v;
}

/** atan2(y, x) for finite non-zero x and y in BigInt fixed point, more bits until decided. */
function atan2Slow(y: number, x: number): number {
  const [my, ey] = decompose(y);
  const [mx, ex] = decompose(x);
  const e0 = Math.min(ey, ex);
  const Y = my << BigInt(ey - e0);
  const X = mx << BigInt(ex - e0);
  for (let w = 200; w <= 6400; w *= 2) {
    const [th, err] = angleFixed(Y, X, 0n, 0n, w);
    const r = decideFixed(quadrant(th, x < 0, y < 0, w), err + 1n, w);
    if (r === r) return r;
  }
  throw new Error('libm-correct: atan2 rounding undecided');
}

/** asin (or acos) of x, 2^-27 <= |x| < 1 (any |x| < 1 for acos), in BigInt fixed point. */
function asinAcosSlow(x: number, acos: boolean): number {
  const [m, e] = decompose(x);
  for (let w = 200; w <= 6400; w *= 2) {
    const W = BigInt(w);
    const X = shift(m, e + w); // exact unless |x| < 2^(52-w)
    const eX = e + w >= 0 ? 0n : 1n;
    const S = isqrt((1n << (2n * W)) - X * X); // sqrt(1 − x²)·2^w
    const eS = 2n;
    const [th, err] = acos ? angleFixed(S, X, eS, eX, w) : angleFixed(X, S, eX, eS, w);
    const v = acos ? quadrant(th, x < 0, false, w) : quadrant(th, false, x < 0, w);
    const r = decideFixed(v, err + 1n, w);
    if (r === r) return r;
  }
  throw new Error('libm-correct: asin/acos rounding undecided');
}

/** Correctly rounded atan(x). */
export function crAtan(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2 ** -27 || x !== x) return x; // x − atan x < x³/3: x is the nearest double
  if (ax >= 2 ** 54) return x < 0 ? -C.PIO2_R : C.PIO2_R; // π/2 − 1/|x| rounds to fl(π/2)
  if (ax <= 1) atanCore(ax, 0, 1, 0);
  else atanPos(ax, 0, 1, 0);
  const y = roundDDSigned(R[0], R[1], x < 0, EPS);
  return y === y ? y : atan2Slow(x, 1);
}

/**
 * atan(a/b) for 0 < a/b < 2^-60: atan(q) = q − q³/3 + …, and q, a quotient of doubles,
 * is either a double, or a midpoint between two doubles, or at least 2^-108·q away
 * from every midpoint; q³/3 < 2^-120·q. So the result is the rounding of q, rounded
 * toward zero when q is a midpoint (atan q lies just below it).
 */
function tinyRatioAtan(a: number, b: number): number {
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  return roundQuotient(ma, mb, ea - eb, true);
}

/** Correctly rounded atan2(y, x), with C99's special cases. */
export function crAtan2(y: number, x: number): number {
  if (x !== x || y !== y) return NaN;
  const yNeg = y < 0 || Object.is(y, -0);
  const xNeg = x < 0 || Object.is(x, -0);
  const sgn = (v: number) => (yNeg ? -v : v);
  if (y === 0) return sgn(xNeg ? C.PI_R : 0);
  if (x === 0) return sgn(C.PIO2_R);
  const ay = Math.abs(y);
  const ax = Math.abs(x);
  if (ay === Infinity) return sgn(ax === Infinity ? (xNeg ? C.PI3O4_R : C.PIO4_R) : C.PIO2_R);
  if (ax === Infinity) return sgn(xNeg ? C.PI_R : 0);
  const swapped = ay > ax;
  let small = swapped ? ax : ay;
  let big = swapped ? ay : ax;
  const q = small / big;
  let h: number;
  let l: number;
  let err: number;
  if (q < 2 ** -60) {
    if (!swapped && !xNeg) return sgn(tinyRatioAtan(ay, ax));
    // π − q, π/2 − q or π/2 + q: the double-double constant and q with its rounding error
    if (swapped) ddAdd(PIO2_H, PIO2_L, xNeg ? q : -q, 0);
    else ddAdd(PI_H, PI_L, -q, 0);
    h = R[0];
    l = R[1];
    err = Math.abs(h) * 2 ** -100 + q * 2 ** -50 + 2 ** -1000;
  } else {
    // scale both by the same power of two (exact) so that no step under- or overflows
    if (big > 2 ** 500) {
      big *= 2 ** -600;
      small *= 2 ** -600;
    } else if (big < 2 ** -500) {
      big *= 2 ** 600;
      small *= 2 ** 600;
    }
    atanCore(small, 0, big, 0);
    h = R[0];
    l = R[1];
    if (swapped) {
      ddAdd(PIO2_H, PIO2_L, -h, -l);
      h = R[0];
      l = R[1];
    }
    if (xNeg) {
      ddAdd(PI_H, PI_L, -h, -l);
      h = R[0];
      l = R[1];
    }
    err = Math.abs(h) * EPS;
  }
  const r = roundDD(yNeg ? -h : h, yNeg ? -l : l, err);
  return r === r ? r : atan2Slow(y, x);
}

/** sqrt(1 − a²) as a double-double for 2^-27 <= a < 1 (relative error below 2^-100). */
function sqrtOneMinusSquare(a: number): void {
  if (a >= 0.5) {
    twoSum(1, a); // 1 + a
    ddMulD(R[0], R[1], 1 - a); // 1 − a is exact (Sterbenz)
  } else {
    twoProd(a, a);
    ddAdd(1, 0, -R[0], -R[1]);
  }
  ddSqrt(R[0], R[1]);
}

/** Correctly rounded asin(x). */
export function crAsin(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2 ** -27 || x !== x) return x; // asin x − x < x³/6
  if (ax >= 1) {
    if (ax === 1) return x < 0 ? -C.PIO2_R : C.PIO2_R;
    return NaN;
  }
  sqrtOneMinusSquare(ax);
  atanPos(ax, 0, R[0], R[1]);
  const y = roundDDSigned(R[0], R[1], x < 0, EPS);
  return y === y ? y : asinAcosSlow(x, false);
}

/** Correctly rounded acos(x). */
export function crAcos(x: number): number {
  const ax = Math.abs(x);
  if (x !== x) return x;
  if (ax >= 1) {
    if (x === 1) return 0;
    if (x === -1) return C.PI_R;
    return NaN;
  }
  if (ax < 2 ** -27) {
    ddAdd(PIO2_H, PIO2_L, -x, 0); // π/2 − x
  } else {
    sqrtOneMinusSquare(ax);
    atanPos(R[0], R[1], ax, 0);
    if (x < 0) ddAdd(PI_H, PI_L, -R[0], -R[1]);
  }
  const y = roundDD(R[0], R[1], Math.abs(R[0]) * EPS);
  return y === y ? y : asinAcosSlow(x, true);
}

// ------------------------------------------------------------------ cbrt

/** The exactly rounded cube root of ax > 0 (an integer cube root of ax·2^j, 3 | E − j). */
function cbrtExact(ax: number): number {
  const [m, e] = decompose(ax);
  const j = 180 + ((((e - 180) % 3) + 3) % 3);
  const n = m << BigInt(j);
  const c = icbrt(n); // >= 2^60: the 53-bit rounding has no boundary between c and c + 1
  const e3 = (e - j) / 3;
  if (c * c * c === n) return roundQuotient(c, 1n, e3);
  return roundQuotient(2n * c + 1n, 1n, e3 - 1);
}

/** Correctly rounded cbrt(x). */
export function crCbrt(x: number): number {
  if (x === 0 || !(Math.abs(x) < Infinity)) return x; // ±0, ±Infinity, NaN
  let a = Math.abs(x);
  let scale = 1;
  if (a < 2 ** -1000) {
    a *= 2 ** 600;
    scale = 2 ** -200;
  } else if (a > 2 ** 1000) {
    a *= 2 ** -600;
    scale = 2 ** 200;
  }
  // A first approximation from the exponent and a line through (1, 1) and (8, 2), then
  // Halley's iteration y ← y·(y³ + 2a)/(2y³ + a), which triples the correct digits.
  dv.setFloat64(0, a);
  const be = (dv.getUint32(0) >>> 20) - 1023; // a = t·2^be, 1 <= t < 2
  const q = Math.floor(be / 3);
  const p3 = 2 ** (3 * q);
  const t = a / p3; // in [1, 8), exact
  let y = 6 / 7 + t / 7;
  for (let i = 0; i < 4; i++) {
    const y3 = y * y * y;
    y = (y * (y3 + 2 * t)) / (2 * y3 + t);
  }
  // One Newton step in double-double: y1 = y − (y³ − t)/(3y²); its relative error is about
  // (c/y)² plus 2^-100 where c is the correction.
  twoProd(y, y);
  const y2h = R[0];
  const y2l = R[1];
  ddMulD(y2h, y2l, y);
  ddAdd(R[0], R[1], -t, 0);
  const c = (R[0] + R[1]) / (3 * y2h);
  const h = y - c;
  const l = -c - (h - y);
  const rel = c / y;
  const err = Math.abs(h) * (4 * rel * rel + 2 ** -98);
  LAST[3] = t;
  let r = Math.abs(rel) < 2 ** -20 ? roundDD(h, l, err) : NaN;
  r = r === r ? r * 2 ** q * scale : cbrtExact(Math.abs(x));
  return x < 0 ? -r : r;
}

/** Internals for the tests: the fast paths' values with their error bounds, and the slow paths. */
export const __internal = {
  /** Calls f and returns the value its fast path computed and the bound it claimed. */
  fast(f: () => number): { h: number; l: number; err: number; t: number } | null {
    LAST[2] = NaN;
    f();
    return LAST[2] === LAST[2] ? { h: LAST[0], l: LAST[1], err: LAST[2], t: LAST[3] } : null;
  },
  sinSlow: (x: number) => trigSlow(x, SIN),
  cosSlow: (x: number) => trigSlow(x, COS),
  tanSlow: (x: number) => trigSlow(x, TAN),
  atan2Slow,
  asinSlow: (x: number) => (Math.abs(x) < 2 ** -27 ? x : asinAcosSlow(x, false)),
  acosSlow: (x: number) => asinAcosSlow(x, true),
  cbrtExact,
};
