/**
 * Decimal digit generation for doubles, matching David Gay's dtoa as CPython uses it
 * (Python/dtoa.c): mode 0 (shortest round-tripping), mode 2 (n significant digits)
 * and mode 3 (n digits after the point), correctly rounded with ties to even.
 *
 * Results are digit strings without trailing zeros plus `decpt`, the position of the
 * decimal point: value = 0.DIGITS × 10^decpt. Zero is {digits: '0', decpt: 1}, and a
 * mode-3 result that rounds to zero is {digits: '', decpt: -n}, exactly as dtoa.
 *
 * The engine's Number#toString / toFixed / toExponential are correctly rounded but
 * break exact ties upwards (ECMA-262 "pick the larger n"); we detect the rare exact
 * tie cheaply and step back to the even neighbour. Precisions the engine cannot do
 * (> 100 digits, or toFixed of values >= 1e21) use exact BigInt arithmetic.
 */

export interface DecimalDigits {
  digits: string;
  decpt: number;
}

/** Digits of a JS number string ("123.45", "1.5e-7", "1e+21", "0.000012") — x > 0. */
function parseJsDigits(s: string): DecimalDigits {
  let exp = 0;
  const ei = s.indexOf('e');
  if (ei >= 0) {
    exp = +s.slice(ei + 1);
    s = s.slice(0, ei);
  }
  const dot = s.indexOf('.');
  let decpt: number;
  let all: string;
  if (dot < 0) {
    all = s;
    decpt = s.length + exp;
  } else {
    all = s.slice(0, dot) + s.slice(dot + 1);
    decpt = dot + exp;
  }
  let i = 0;
  while (i < all.length - 1 && all.charCodeAt(i) === 48) i++;
  let j = all.length;
  while (j > i + 1 && all.charCodeAt(j - 1) === 48) j--;
  return { digits: all.slice(i, j), decpt: decpt - i };
}

/** Mode 0: the shortest digits that round-trip (closest of those). x > 0, finite. */
export function shortestDigits(x: number): DecimalDigits {
  return parseJsDigits(x.toString());
}

const view = new DataView(new ArrayBuffer(8));
const pow5Cache: bigint[] = [1n];

function pow5(n: number): bigint {
  let p = pow5Cache[n];
  if (p === undefined) {
    p = 5n ** BigInt(n);
    if (n < 1100) pow5Cache[n] = p;
  }
  return p;
}

/** The exact decimal expansion of x > 0 (finite): every double has one. */
export function exactDigits(x: number): DecimalDigits {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = BigInt(hi & 0xfffff) * 0x100000000n + BigInt(lo);
  let e: number;
  if (bexp === 0) e = -1074;
  else {
    mant += 1n << 52n;
    e = bexp - 1075;
  }
  while (e < 0 && (mant & 1n) === 0n) {
    mant >>= 1n;
    e++;
  }
  let s: string;
  let decpt: number;
  if (e >= 0) {
    s = (mant << BigInt(e)).toString();
    decpt = s.length;
  } else {
    // x = mant / 2^-e = mant·5^-e / 10^-e
    s = (mant * pow5(-e)).toString();
    decpt = s.length + e;
  }
  let j = s.length;
  while (j > 1 && s.charCodeAt(j - 1) === 48) j--;
  return { digits: s.slice(0, j), decpt };
}

/**
 * Rounds d to its first `keep` digits, ties to even (keep may be <= 0). A result of
 * zero comes back with empty digits; the caller fixes decpt.
 */
function roundDigits(d: DecimalDigits, keep: number): DecimalDigits {
  const ds = d.digits;
  if (keep >= ds.length) return d;
  if (keep < 0) return { digits: '', decpt: d.decpt };
  const first = ds.charCodeAt(keep);
  const lastOdd = keep > 0 && (ds.charCodeAt(keep - 1) & 1) === 1;
  // ds has no trailing zeros, so anything after a '5' is non-zero.
  const up = first > 53 || (first === 53 && (ds.length > keep + 1 || lastOdd));
  let kept = ds.slice(0, keep);
  let decpt = d.decpt;
  if (up) {
    let i = keep - 1;
    while (i >= 0 && kept.charCodeAt(i) === 57) i--;
    if (i < 0) {
      kept = '1';
      decpt++;
    } else kept = kept.slice(0, i) + String.fromCharCode(kept.charCodeAt(i) + 1);
  } else {
    let j = kept.length;
    while (j > 0 && kept.charCodeAt(j - 1) === 48) j--;
    kept = kept.slice(0, j);
  }
  return { digits: kept, decpt };
}

/** Decrements the last digit of an engine result that broke an exact tie upwards. */
function tieToEven(s: string): string {
  const m = /[0-9](?=(e.*)?$)/.exec(s)!;
  return s.slice(0, m.index) + String.fromCharCode(s.charCodeAt(m.index) - 1) + s.slice(m.index + 1);
}

/** True when x·2^k is an odd integer: then x·10^k ends in exactly one 5 (a tie). */
function isOddInteger(t: number): boolean {
  return Number.isInteger(t) && t % 2 === 1;
}

/** Mode 2: n >= 1 significant digits. x > 0, finite. */
export function significantDigits(x: number, n: number): DecimalDigits {
  if (n > 101) return roundDigits(exactDigits(x), n);
  let s = x.toExponential(n - 1);
  const ei = s.indexOf('e');
  const last = s.charCodeAt(ei - 1);
  if ((last & 1) === 1) {
    // Engine rounds ties up; a tie is x = (10q+5)·10^(E-n).
    const E = +s.slice(ei + 1);
    const k = n - E;
    let tie: boolean;
    if (k > 0) tie = isOddInteger(x * 2 ** k);
    else if (!Number.isInteger(x)) tie = false;
    else {
      const unit = 10n ** BigInt(-k);
      tie = BigInt(x) % (unit * 10n) === 5n * unit;
    }
    if (tie) s = tieToEven(s);
  }
  return parseJsDigits(s);
}

/**
 * x.toFixed(n) rounded like Python (ties to even) — for 0 < x < 1e21, n <= 100. A tie
 * at the (n+1)th decimal means x·2^(n+1) is an odd integer.
 */
export function toFixedEven(x: number, n: number): string {
  const s = x.toFixed(n);
  return (s.charCodeAt(s.length - 1) & 1) === 1 && isOddInteger(x * 2 ** (n + 1)) ? tieToEven(s) : s;
}

/** Mode 3: n >= 0 digits after the decimal point. x > 0, finite. */
export function fixedDigits(x: number, n: number): DecimalDigits {
  let d: DecimalDigits;
  if (n <= 100 && x < 1e21) {
    d = parseJsDigits(toFixedEven(x, n));
  } else {
    const exact = exactDigits(x);
    d = roundDigits(exact, exact.decpt + n);
  }
  if (d.digits === '' || d.digits === '0') return { digits: '', decpt: -n };
  return d;
}
