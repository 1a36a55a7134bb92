/**
 * The math module. @cpython Modules/mathmodule.c (3.11)
 *
 * Functions are builtin functions of the module (METH_O and METH_FASTCALL, so a call
 * allocates nothing but its result; math.log alone is METH_VARARGS and packs its
 * arguments into a tuple). The double functions are the C library's as CPython gets them
 * (libm.ts); gamma, lgamma, fsum, hypot, dist, remainder and the integer functions are
 * CPython's own algorithms.
 */
import { PyObject, decref } from '../objects/object';
import { None } from '../objects/noneobject';
import { newBool } from '../objects/boolobject';
import { newFloat, isFloat, floatAsDouble, type PyFloat } from '../objects/floatobject';
import {
  IntType,
  isInt,
  newInt,
  newIntValue,
  longFromDouble,
  toBig,
  norm,
  type PyLong,
} from '../objects/longobject';
import { newTuple, isTuple, sequenceTuple, type PyTuple } from '../objects/tupleobject';
import type { PyStr } from '../objects/unicodeobject';
import { OverflowErrorType, ValueErrorType } from '../objects/exceptions';
import { binaryOp, call, getIter, iterNext, numberIndex } from '../objects/abstract';
import { lookupSpecial } from '../objects/iterobject';
import { raise, typeError, valueError } from '../vm/errors';
import { parseParams, splitKwargs } from '../vm/args';
import { moduleBuilder } from './moduledef';
import type { PyModule } from '../objects/moduleobject';
import { libmPow } from '../objects/floatobject';
import * as L from './libm';

type Args = PyObject[];
type Kw = PyTuple | null;

const domainError = (): never => raise(ValueErrorType, 'math domain error');
const rangeError = (): never => raise(OverflowErrorType, 'math range error');

/** A METH_O function's single argument. */
function one(name: string, args: Args, kw: Kw): PyObject {
  if (kw !== null && kw.items.length > 0) typeError(`math.${name}() takes no keyword arguments`);
  if (args.length !== 1) typeError(`math.${name}() takes exactly one argument (${args.length} given)`);
  return args[0];
}

/** _PyArg_CheckPositional for METH_FASTCALL functions without keywords. */
function positional(name: string, args: Args, kw: Kw, min: number, max: number): void {
  if (kw !== null && kw.items.length > 0) typeError(`${name}() takes no keyword arguments`);
  const n = args.length;
  if (n < min || n > max) {
    const plural = (k: number) => (k === 1 ? '' : 's');
    if (min === max) typeError(`${name} expected ${min} argument${plural(min)}, got ${n}`);
    if (n < min) typeError(`${name} expected at least ${min} argument${plural(min)}, got ${n}`);
    typeError(`${name} expected at most ${max} argument${plural(max)}, got ${n}`);
  }
}

/** PyFloat_AsDouble (ASSIGN_DOUBLE reads exact floats and ints directly). */
function asDouble(o: PyObject): number {
  return floatAsDouble(o);
}

/**
 * math_1: a libm function of one double. NaN from a non-NaN is a domain error; an
 * infinity from a finite argument is a range error when the function can overflow,
 * else a domain error (a singularity).
 */
function math1(f: (x: number) => number, canOverflow: boolean): (x: number) => number {
  return (x) => {
    const r = f(x);
    if (r !== r && x === x) domainError();
    if (!Number.isFinite(r) && r === r && Number.isFinite(x)) {
      if (canOverflow) rangeError();
      domainError();
    }
    return r;
  };
}

/** math_2: NaN from non-NaNs is a domain error, an infinity from finite values a range error. */
function math2(f: (x: number, y: number) => number): (x: number, y: number) => number {
  return (x, y) => {
    const r = f(x, y);
    if (r !== r) {
      if (x === x && y === y) domainError();
    } else if (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y)) {
      rangeError();
    }
    return r;
  };
}

// ------------------------------------------------------------------ CPython's own doubles

const PI = Math.PI;
const LOGPI = 1.1447298858494002;
const LANCZOS_G = 6.024680040776729583740234375;
const LANCZOS_G_MINUS_HALF = 5.524680040776729583740234375;
const LANCZOS_NUM = [
  23531376880.41076, 42919803642.6491, 35711959237.35567, 17921034426.03721, 6039542586.352028,
  1439720407.3117216, 248874557.86205417, 31426415.585400194, 2876370.6289353725, 186056.26539522348,
  8071.672002365816, 210.82427775157936, 2.5066282746310002,
];
const LANCZOS_DEN = [
  0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0, 13339535.0, 2637558.0, 357423.0,
  32670.0, 1925.0, 66.0, 1.0,
];
const GAMMA_INTEGRAL = [
  1.0, 1.0, 2.0, 6.0, 24.0, 120.0, 720.0, 5040.0, 40320.0, 362880.0, 3628800.0, 39916800.0, 479001600.0,
  6227020800.0, 87178291200.0, 1307674368000.0, 20922789888000.0, 355687428096000.0, 6402373705728000.0,
  121645100408832000.0, 2432902008176640000.0, 51090942171709440000.0, 1124000727777607680000.0,
];

function lanczosSum(x: number): number {
  let num = 0.0;
  let den = 0.0;
  if (x < 5.0) {
    for (let i = 12; i >= 0; i--) {
      num = num * x + LANCZOS_NUM[i];
      den = den * x + LANCZOS_DEN[i];
    }
  } else {
    for (let i = 0; i < 13; i++) {
      num = num / x + LANCZOS_NUM[i];
      den = den / x + LANCZOS_DEN[i];
    }
  }
  return num / den;
}

/** C's fmod (exact; JS % on doubles is the same operation). */
const fmod = (x: number, y: number): number => x % y;

function sinpi(x: number): number {
  const y = fmod(Math.abs(x), 2.0);
  const n = Math.round(2.0 * y);
  let r: number;
  switch (n) {
    case 0:
      r = L.libmSin(PI * y);
      break;
    case 1:
      r = L.libmCos(PI * (y - 0.5));
      break;
    case 2:
      r = L.libmSin(PI * (1.0 - y));
      break;
    case 3:
      r = -L.libmCos(PI * (y - 1.5));
      break;
    default:
      r = L.libmSin(PI * (y - 2.0));
  }
  return (x < 0 || Object.is(x, -0) ? -1 : 1) * r;
}

const isOddInteger = (y: number): boolean => Math.abs(y) % 2 === 1;

/** pow for finite arguments: ARM optimized-routines' algorithm (MIT), the one glibc 2.36 uses. */
function cPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1.0;
  if (x === 0) {
    const odd = isOddInteger(y);
    if (y < 0) return odd && Object.is(x, -0) ? -Infinity : Infinity;
    return odd ? x : 0.0;
  }
  let negate = false;
  if (x < 0) {
    if (y !== Math.floor(y)) return NaN;
    x = -x;
    negate = isOddInteger(y);
  }
  if (x === 1) return negate ? -1.0 : 1.0;
  const r = libmPow(x, y);
  return negate ? -r : r;
}

/** m_tgamma; errors as math_1a reports them. */
function tgamma(x: number): number {
  if (!Number.isFinite(x)) {
    if (x !== x || x > 0.0) return x;
    return domainError();
  }
  if (x === 0.0) return domainError();
  if (x === Math.floor(x)) {
    if (x < 0.0) return domainError();
    if (x <= 23) return GAMMA_INTEGRAL[x - 1];
  }
  const absx = Math.abs(x);
  if (absx < 1e-20) {
    const r = 1.0 / x;
    if (!Number.isFinite(r)) rangeError();
    return r;
  }
  if (absx > 200.0) {
    if (x < 0.0) return 0.0 / sinpi(x);
    return rangeError();
  }
  const y = absx + LANCZOS_G_MINUS_HALF;
  let z: number;
  if (absx > LANCZOS_G_MINUS_HALF) {
    const q = y - absx;
    z = q - LANCZOS_G_MINUS_HALF;
  } else {
    const q = y - LANCZOS_G_MINUS_HALF;
    z = q - absx;
  }
  z = (z * LANCZOS_G) / y;
  let r: number;
  if (x < 0.0) {
    r = ((-PI / sinpi(absx) / absx) * L.libmExp(y)) / lanczosSum(absx);
    r -= z * r;
    if (absx < 140.0) r /= cPow(y, absx - 0.5);
    else {
      const sqrtpow = cPow(y, absx / 2.0 - 0.25);
      r /= sqrtpow;
      r /= sqrtpow;
    }
  } else {
    r = lanczosSum(absx) / L.libmExp(y);
    r += z * r;
    if (absx < 140.0) r *= cPow(y, absx - 0.5);
    else {
      const sqrtpow = cPow(y, absx / 2.0 - 0.25);
      r *= sqrtpow;
      r *= sqrtpow;
    }
  }
  if (!Number.isFinite(r)) rangeError();
  return r;
}

/** m_lgamma. */
function lgamma(x: number): number {
  if (!Number.isFinite(x)) {
    if (x !== x) return x;
    return Infinity;
  }
  if (x === Math.floor(x) && x <= 2.0) {
    if (x <= 0.0) return domainError();
    return 0.0;
  }
  const absx = Math.abs(x);
  if (absx < 1e-20) return -L.libmLog(absx);
  let r = L.libmLog(lanczosSum(absx)) - LANCZOS_G;
  r += (absx - 0.5) * (L.libmLog(absx + LANCZOS_G - 0.5) - 1);
  if (x < 0.0) r = LOGPI - L.libmLog(Math.abs(sinpi(absx))) - L.libmLog(absx) - r;
  if (!Number.isFinite(r)) rangeError();
  return r;
}

/** m_atan2: the special values handled before libm's atan2. */
function atan2(y: number, x: number): number {
  if (x !== x || y !== y) return NaN;
  const xPositive = x > 0 || Object.is(x, 0);
  if (!Number.isFinite(y)) {
    if (!Number.isFinite(x)) return Math.sign(y) * (xPositive ? 0.25 * PI : 0.75 * PI);
    return Math.sign(y) * 0.5 * PI;
  }
  if (!Number.isFinite(x) || y === 0) {
    const sy = y < 0 || Object.is(y, -0) ? -1 : 1;
    if (xPositive) return sy * 0;
    return sy * PI;
  }
  return L.libmAtan2(y, x);
}

/** m_remainder. */
function remainder(x: number, y: number): number {
  if (Number.isFinite(x) && Number.isFinite(y)) {
    if (y === 0.0) return NaN;
    const absx = Math.abs(x);
    const absy = Math.abs(y);
    const m = fmod(absx, absy);
    const c = absy - m;
    let r: number;
    if (m < c) r = m;
    else if (m > c) r = -c;
    else r = m - 2.0 * fmod(0.5 * (absx - m), absy);
    return (x < 0 || Object.is(x, -0) ? -1 : 1) * r;
  }
  if (x !== x) return x;
  if (y !== y) return y;
  if (!Number.isFinite(x)) return NaN;
  return x;
}

function copysign(x: number, y: number): number {
  const neg = y < 0 || Object.is(y, -0) || (y !== y && L.hiWord(y) >>> 31 === 1);
  const ax = Math.abs(x);
  return neg ? -ax : ax;
}

/** nextafter(x, y). */
function nextafter(x: number, y: number): number {
  if (x !== x || y !== y) return x + y;
  if (x === y) return y;
  if (x === 0) return y > 0 ? 5e-324 : -5e-324;
  const hi = L.hiWord(x);
  const lo = L.loWord(x);
  let bits = (BigInt(hi) << 32n) | BigInt(lo);
  if (x > 0 === y > x) bits += 1n;
  else bits -= 1n;
  return L.fromWords(Number(bits >> 32n), Number(bits & 0xffffffffn));
}

/** vector_norm: hypot and dist. */
function vectorNorm(vec: number[], max: number, foundNan: boolean): number {
  const T27 = 134217729.0;
  if (!Number.isFinite(max) && max === max) return max;
  if (foundNan) return NaN;
  const n = vec.length;
  if (max === 0.0 || n <= 1) return max;
  const maxE = L.frexp(max)[1];
  let csum = 1.0;
  let frac1 = 0.0;
  let frac2 = 0.0;
  let frac3 = 0.0;
  if (maxE >= -1023) {
    const scale = L.ldexp(1.0, -maxE);
    for (let i = 0; i < n; i++) {
      let x = vec[i] * scale;
      const t = x * T27;
      const hi = t - (t - x);
      const lo = x - hi;
      x = hi * hi;
      let oldcsum = csum;
      csum += x;
      frac1 += oldcsum - csum + x;
      x = 2.0 * hi * lo;
      oldcsum = csum;
      csum += x;
      frac2 += oldcsum - csum + x;
      frac3 += lo * lo;
      void t;
      void hi;
    }
    const h = Math.sqrt(csum - 1.0 + (frac1 + frac2 + frac3));
    let x = h;
    const t = x * T27;
    const hi = t - (t - x);
    const lo = x - hi;
    x = -hi * hi;
    let oldcsum = csum;
    csum += x;
    frac1 += oldcsum - csum + x;
    x = -2.0 * hi * lo;
    oldcsum = csum;
    csum += x;
    frac2 += oldcsum - csum + x;
    x = -lo * lo;
    oldcsum = csum;
    csum += x;
    frac3 += oldcsum - csum + x;
    x = csum - 1.0 + (frac1 + frac2 + frac3);
    return (h + x / (2.0 * h)) / scale;
  }
  for (let i = 0; i < n; i++) {
    let x = vec[i] / max;
    x = x * x;
    const oldcsum = csum;
    csum += x;
    frac1 += oldcsum - csum + x;
  }
  return max * Math.sqrt(csum - 1.0 + frac1);
}

/** math_fsum: Shewchuk's exact partials with a correctly rounded final sum. */
function fsum(seq: PyObject): number {
  const it = getIter(seq);
  const p: number[] = [];
  let specialSum = 0.0;
  let infSum = 0.0;
  try {
    for (;;) {
      const item = iterNext(it);
      if (item === null) break;
      let x: number;
      try {
        x = asDouble(item);
      } finally {
        decref(item);
      }
      const xsave = x;
      let i = 0;
      for (let j = 0; j < p.length; j++) {
        let y = p[j];
        if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
        const hi = x + y;
        const yr = hi - x;
        const lo = y - yr;
        if (lo !== 0.0) p[i++] = lo;
        x = hi;
      }
      p.length = i;
      if (x !== 0.0) {
        if (!Number.isFinite(x)) {
          if (Number.isFinite(xsave)) raise(OverflowErrorType, 'intermediate overflow in fsum');
          if (!Number.isNaN(xsave)) infSum += xsave;
          specialSum += xsave;
          p.length = 0;
        } else p.push(x);
      }
    }
  } finally {
    decref(it);
  }
  if (specialSum !== 0.0) {
    if (infSum !== infSum) valueError('-inf + inf in fsum');
    return specialSum;
  }
  let hi = 0.0;
  let n = p.length;
  if (n > 0) {
    hi = p[--n];
    let lo = 0.0;
    while (n > 0) {
      const x = hi;
      const y = p[--n];
      hi = x + y;
      const yr = hi - x;
      lo = y - yr;
      if (lo !== 0.0) break;
    }
    if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
      const y = lo * 2.0;
      const x = hi + y;
      const yr = x - hi;
      if (y === yr) hi = x;
    }
  }
  return hi;
}

// ------------------------------------------------------------------ integers

function bigAbs(v: bigint): bigint {
  return v < 0n ? -v : v;
}

function bigGcd(a: bigint, b: bigint): bigint {
  a = bigAbs(a);
  b = bigAbs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function isqrtBig(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** An index argument as a BigInt (PyNumber_Index). */
function indexValue(o: PyObject): bigint {
  const i = numberIndex(o);
  const v = toBig(i.value);
  decref(i);
  return v;
}

/** PyNumber_Absolute of an int: the object itself when it is not negative. */
function intAbs(i: PyLong): PyObject {
  const v = toBig(i.value);
  if (v >= 0n && i.type === IntType) return i;
  decref(i);
  return newIntValue(norm(bigAbs(v)));
}

function intResult(v: bigint): PyObject {
  return newIntValue(norm(v));
}

const LONG_MAX = (1n << 63n) - 1n;

function factorial(arg: PyObject): PyObject {
  const v = indexValue(arg);
  if (v > LONG_MAX) raise(OverflowErrorType, `factorial() argument should not exceed ${LONG_MAX}`);
  if (v < 0n) valueError('factorial() not defined for negative values');
  let r = 1n;
  for (let k = 2n; k <= v; k++) r *= k;
  return intResult(r);
}

function perm(n: bigint, k: bigint): bigint {
  if (k > n) return 0n;
  let r = 1n;
  for (let i = 0n; i < k; i++) r *= n - i;
  return r;
}

function comb(n: bigint, k: bigint): bigint {
  if (k > n) return 0n;
  if (n - k < k) k = n - k;
  let r = 1n;
  for (let i = 1n; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** loghelper: ints of any size, else math_1 on the double. */
function logHelper(arg: PyObject, f: (x: number) => number): number {
  if (isInt(arg)) {
    const v = toBig((arg as PyLong).value);
    if (v <= 0n) domainError();
    const x = Number(v);
    if (Number.isFinite(x)) return f(x);
    // _PyLong_Frexp: v ~= m * 2**e with 0.5 <= m < 1 (correctly rounded m).
    const bits = v.toString(2).length;
    const shift = bits - 55;
    let m = Number(v >> BigInt(shift)) / 2 ** 55;
    const rest = v & ((1n << BigInt(shift)) - 1n);
    if (rest !== 0n) m = Number((v >> BigInt(shift)) | 1n) / 2 ** 55;
    return f(m) + f(2.0) * bits;
  }
  return math1(f, false)(asDouble(arg));
}

/**
 * m_log, m_log2, m_log10: `log` of a positive finite x; NaN and +inf are returned as they
 * are; zero, negatives and -inf are domain errors.
 */
function positiveLog(log: (x: number) => number): (x: number) => number {
  return (x) => {
    if (Number.isFinite(x)) {
      if (x > 0.0) return log(x);
      return domainError();
    }
    if (x !== x || x > 0) return x;
    return domainError();
  };
}
const mLog = positiveLog(L.libmLog);
const mLog2 = positiveLog(L.libmLog2);
const mLog10 = positiveLog(L.libmLog10);

/** math_pow: IEEE specials directly, finite**finite by libm pow. */
function mathPow(x: number, y: number): number {
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    if (x !== x) return y === 0 ? 1.0 : x;
    if (y !== y) return x === 1.0 ? 1.0 : y;
    if (!Number.isFinite(x)) {
      const oddY = Number.isFinite(y) && fmod(Math.abs(y), 2.0) === 1.0;
      if (y > 0) return oddY ? x : Math.abs(x);
      if (y === 0) return 1.0;
      return oddY ? copysign(0, x) : 0;
    }
    if (Math.abs(x) === 1.0) return 1.0;
    if (y > 0 && Math.abs(x) > 1.0) return y;
    if (y < 0 && Math.abs(x) < 1.0) return -y;
    return 0;
  }
  const r = cPow(x, y);
  if (!Number.isFinite(r)) {
    if (r !== r) domainError();
    if (x === 0) domainError();
    rangeError();
  }
  return r;
}

// ------------------------------------------------------------------ the module

function float1(name: string, f: (x: number) => number) {
  return (args: Args, kw: Kw) => newFloat(f(asDouble(one(name, args, kw))));
}

function float2(name: string, f: (x: number, y: number) => number) {
  return (args: Args, kw: Kw) => {
    positional(name, args, kw, 2, 2);
    const x = asDouble(args[0]);
    const y = asDouble(args[1]);
    return newFloat(f(x, y));
  };
}

/** math.ceil / math.floor: exact floats directly, else __ceil__/__floor__, else via float. */
function roundTo(name: '__ceil__' | '__floor__', f: (x: number) => number) {
  return (args: Args, kw: Kw) => {
    const number = one(name === '__ceil__' ? 'ceil' : 'floor', args, kw);
    if (!isExactFloat(number)) {
      const method = lookupSpecial(number, name);
      if (method !== null) {
        try {
          return call(method, []);
        } finally {
          decref(method);
        }
      }
    }
    return longFromDouble(f(asDouble(number)));
  };
}

function isExactFloat(o: PyObject): boolean {
  return isFloat(o) && o.type.name === 'float' && !o.type.isHeapType;
}

export function createMathModule(): PyModule {
  const { module: m, add, fn } = moduleBuilder('math');
  fn('acos', float1('acos', math1(L.libmAcos, false)));
  fn('acosh', float1('acosh', math1(L.libmAcosh, false)));
  fn('asin', float1('asin', math1(L.libmAsin, false)));
  fn('asinh', float1('asinh', math1(L.libmAsinh, false)));
  fn('atan', float1('atan', math1(L.libmAtan, false)));
  fn('atan2', float2('atan2', math2(atan2)));
  fn('atanh', float1('atanh', math1(L.libmAtanh, false)));
  fn('cbrt', float1('cbrt', math1(L.libmCbrt, false)));
  fn('ceil', roundTo('__ceil__', Math.ceil));
  fn('copysign', float2('copysign', math2(copysign)));
  fn('cos', float1('cos', math1(L.libmCos, false)));
  fn('cosh', float1('cosh', math1(L.libmCosh, true)));
  fn(
    'degrees',
    float1('degrees', (x) => x * (180.0 / PI)),
  );
  fn('dist', (args, kw) => {
    positional('dist', args, kw, 2, 2);
    const [pArg, qArg] = args;
    const p = isTuple(pArg) ? (pArg.refcnt++, pArg as PyTuple) : sequenceTuple(pArg);
    let q: PyTuple;
    try {
      q = isTuple(qArg) ? (qArg.refcnt++, qArg as PyTuple) : sequenceTuple(qArg);
    } catch (e) {
      decref(p);
      throw e;
    }
    try {
      const n = q.items.length;
      if (p.items.length !== n) valueError('both points must have the same number of dimensions');
      const diffs: number[] = [];
      let max = 0.0;
      let foundNan = false;
      for (let i = 0; i < n; i++) {
        const px = asDouble(p.items[i]);
        const qx = asDouble(q.items[i]);
        const x = Math.abs(px - qx);
        diffs.push(x);
        foundNan ||= x !== x;
        if (x > max) max = x;
      }
      return newFloat(vectorNorm(diffs, max, foundNan));
    } finally {
      decref(p);
      decref(q);
    }
  });
  fn('erf', float1('erf', L.libmErf));
  fn('erfc', float1('erfc', L.libmErfc));
  fn('exp', float1('exp', math1(L.libmExp, true)));
  fn('exp2', float1('exp2', math1(L.libmExp2, true)));
  fn('expm1', float1('expm1', math1(L.libmExpm1, true)));
  fn('fabs', float1('fabs', Math.abs));
  fn('factorial', (args, kw) => factorial(one('factorial', args, kw)));
  fn('floor', roundTo('__floor__', Math.floor));
  fn('fmod', (args, kw) => {
    positional('fmod', args, kw, 2, 2);
    const x = asDouble(args[0]);
    const y = asDouble(args[1]);
    if (!Number.isFinite(y) && y === y && Number.isFinite(x)) return newFloat(x);
    const r = fmod(x, y);
    if (r !== r && x === x && y === y) domainError();
    return newFloat(r);
  });
  fn('frexp', (args, kw) => {
    const x = asDouble(one('frexp', args, kw));
    const [mant, e] = x !== x || !Number.isFinite(x) || x === 0 ? [x, 0] : L.frexp(x);
    return newTuple([newFloat(mant), newInt(e)]);
  });
  fn('fsum', (args, kw) => newFloat(fsum(one('fsum', args, kw))));
  fn('gamma', float1('gamma', tgamma));
  fn('gcd', (args, kw) => {
    if (kw !== null && kw.items.length > 0) typeError('gcd() takes no keyword arguments');
    if (args.length === 0) return newInt(0);
    let res = numberIndex(args[0]);
    if (args.length === 1) return intAbs(res);
    let g = toBig(res.value);
    decref(res);
    for (let i = 1; i < args.length; i++) {
      const x = indexValue(args[i]);
      if (g === 1n) continue;
      g = bigGcd(g, x);
    }
    res = newIntValue(norm(g));
    return res;
  });
  fn('hypot', (args, kw) => {
    if (kw !== null && kw.items.length > 0) typeError('hypot() takes no keyword arguments');
    const coords: number[] = [];
    let max = 0.0;
    let foundNan = false;
    for (const a of args) {
      const x = Math.abs(asDouble(a));
      coords.push(x);
      foundNan ||= x !== x;
      if (x > max) max = x;
    }
    return newFloat(vectorNorm(coords, max, foundNan));
  });
  fn('isclose', (args, kw) => {
    if (kw !== null) {
      for (const k of kw.items as PyStr[]) {
        if (k.value !== 'a' && k.value !== 'b' && k.value !== 'rel_tol' && k.value !== 'abs_tol') {
          typeError(`'${k.value}' is an invalid keyword argument for isclose()`);
        }
      }
    }
    const [a, b, rel, abs] = parseParams('isclose', args, kw, ['a', 'b', 'rel_tol', 'abs_tol'], 2, 2);
    const x = asDouble(a!);
    const y = asDouble(b!);
    const relTol = rel === undefined ? 1e-9 : asDouble(rel);
    const absTol = abs === undefined ? 0.0 : asDouble(abs);
    if (relTol < 0.0 || absTol < 0.0) valueError('tolerances must be non-negative');
    if (x === y) return newBool(true);
    if ((!Number.isFinite(x) && x === x) || (!Number.isFinite(y) && y === y)) return newBool(false);
    const diff = Math.abs(y - x);
    return newBool(diff <= Math.abs(relTol * y) || diff <= Math.abs(relTol * x) || diff <= absTol);
  });
  fn('isfinite', (args, kw) => newBool(Number.isFinite(asDouble(one('isfinite', args, kw)))));
  fn('isinf', (args, kw) => {
    const x = asDouble(one('isinf', args, kw));
    return newBool(x === Infinity || x === -Infinity);
  });
  fn('isnan', (args, kw) => {
    const x = asDouble(one('isnan', args, kw));
    return newBool(x !== x);
  });
  fn('isqrt', (args, kw) => {
    const v = indexValue(one('isqrt', args, kw));
    if (v < 0n) valueError('isqrt() argument must be nonnegative');
    return intResult(isqrtBig(v));
  });
  fn('lcm', (args, kw) => {
    if (kw !== null && kw.items.length > 0) typeError('lcm() takes no keyword arguments');
    if (args.length === 0) return newInt(1);
    const res = numberIndex(args[0]);
    if (args.length === 1) return intAbs(res);
    let l = toBig(res.value);
    decref(res);
    for (let i = 1; i < args.length; i++) {
      const x = indexValue(args[i]);
      if (l === 0n) continue;
      if (x === 0n) {
        l = 0n;
        continue;
      }
      l = bigAbs((l / bigGcd(l, x)) * x);
    }
    return intResult(l);
  });
  fn('ldexp', (args, kw) => {
    positional('ldexp', args, kw, 2, 2);
    const x = asDouble(args[0]);
    const i = args[1];
    if (!isInt(i)) typeError('Expected an int as second argument to ldexp.');
    const e = toBig((i as PyLong).value);
    if (x === 0 || !Number.isFinite(x)) return newFloat(x);
    if (e > 2147483647n) return rangeError();
    if (e < -2147483648n) return newFloat(copysign(0, x));
    const r = L.ldexp(x, Number(e));
    if (!Number.isFinite(r)) rangeError();
    return newFloat(r);
  });
  fn('lgamma', float1('lgamma', lgamma));
  fn(
    'log',
    (args, kw) => {
      if (kw !== null && kw.items.length > 0) typeError('math.log() takes no keyword arguments');
      if (args.length < 1 || args.length > 2) typeError('math.log requires 1 to 2 arguments');
      const num = newFloat(logHelper(args[0], mLog));
      if (args.length === 1) return num;
      let den: PyFloat;
      try {
        den = newFloat(logHelper(args[1], mLog));
      } catch (e) {
        decref(num);
        throw e;
      }
      try {
        return binaryOp(num, den, 'nb_true_divide');
      } finally {
        decref(num);
        decref(den);
      }
    },
    true,
  );
  fn(
    'log1p',
    float1(
      'log1p',
      math1((x) => (x === 0 ? x : L.libmLog1p(x)), false),
    ),
  );
  fn('log10', (args, kw) => newFloat(logHelper(one('log10', args, kw), mLog10)));
  fn('log2', (args, kw) => newFloat(logHelper(one('log2', args, kw), mLog2)));
  fn('modf', (args, kw) => {
    const x = asDouble(one('modf', args, kw));
    if (!Number.isFinite(x)) {
      if (x !== x) return newTuple([newFloat(x), newFloat(x)]);
      return newTuple([newFloat(copysign(0, x)), newFloat(x)]);
    }
    const ip = Math.trunc(x);
    const frac = x - ip;
    return newTuple([newFloat(copysign(frac === 0 ? 0 : frac, x)), newFloat(ip === 0 ? copysign(0, x) : ip)]);
  });
  fn('pow', float2('pow', mathPow));
  fn(
    'radians',
    float1('radians', (x) => x * (PI / 180.0)),
  );
  fn('remainder', float2('remainder', math2(remainder)));
  fn('sin', float1('sin', math1(L.libmSin, false)));
  fn('sinh', float1('sinh', math1(L.libmSinh, true)));
  fn('sqrt', float1('sqrt', math1(Math.sqrt, false)));
  fn('tan', float1('tan', math1(L.libmTan, false)));
  fn('tanh', float1('tanh', math1(L.libmTanh, false)));
  fn('trunc', (args, kw) => {
    const x = one('trunc', args, kw);
    if (isExactFloat(x)) return longFromDouble((x as PyFloat).value);
    const trunc = lookupSpecial(x, '__trunc__');
    if (trunc === null) return typeError(`type ${x.type.name} doesn't define __trunc__ method`);
    try {
      return call(trunc, []);
    } finally {
      decref(trunc);
    }
  });
  fn('prod', (args, kw) => {
    const { pos, kw: kwmap } = splitKwargs(args, kw);
    if (pos.length !== 1) typeError(`prod() takes exactly 1 positional argument (${pos.length} given)`);
    let start: PyObject | null = null;
    if (kwmap !== null) {
      for (const [k, v] of kwmap) {
        if (k === 'start') start = v;
        else typeError(`'${k}' is an invalid keyword argument for prod()`);
      }
    }
    return prod(pos[0], start);
  });
  fn('perm', (args, kw) => {
    positional('perm', args, kw, 1, 2);
    if (args.length === 1 || args[1] === None) return factorial(args[0]);
    const n = indexValue(args[0]);
    const k = indexValue(args[1]);
    if (n < 0n) valueError('n must be a non-negative integer');
    if (k < 0n) valueError('k must be a non-negative integer');
    return intResult(perm(n, k));
  });
  fn('comb', (args, kw) => {
    positional('comb', args, kw, 2, 2);
    const n = indexValue(args[0]);
    const k = indexValue(args[1]);
    if (n < 0n) valueError('n must be a non-negative integer');
    if (k < 0n) valueError('k must be a non-negative integer');
    return intResult(comb(n, k));
  });
  fn('nextafter', float2('nextafter', nextafter));
  fn('ulp', (args, kw) => {
    let x = asDouble(one('ulp', args, kw));
    if (x !== x) return newFloat(x);
    x = Math.abs(x);
    if (!Number.isFinite(x)) return newFloat(x);
    const x2 = nextafter(x, Infinity);
    if (!Number.isFinite(x2)) return newFloat(x - nextafter(x, -Infinity));
    return newFloat(x2 - x);
  });
  add('pi', newFloat(PI));
  add('e', newFloat(Math.E));
  add('tau', newFloat(2 * PI));
  add('inf', newFloat(Infinity));
  add('nan', newFloat(NaN));
  return m;
}

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
const fitsI64 = (v: bigint): boolean => v >= I64_MIN && v <= I64_MAX;

/**
 * math_prod: products of exact ints kept in a C long and of floats in a double while the
 * items allow (so the result is a new object even for an empty iterable), then
 * PyNumber_Multiply for the rest.
 */
function prod(iterable: PyObject, start: PyObject | null): PyObject {
  const it = getIter(iterable);
  let result: PyObject | null = start ?? newInt(1);
  if (start !== null) start.refcnt++;
  const multiply = (item: PyObject) => {
    try {
      const r = binaryOp(result!, item, 'nb_multiply');
      decref(result!);
      result = r;
    } finally {
      decref(item);
    }
  };
  try {
    if (result.type === IntType && fitsI64(toBig((result as PyLong).value))) {
      let acc = toBig((result as PyLong).value);
      decref(result);
      result = null;
      for (;;) {
        const item = iterNext(it);
        if (item === null) return intResult(acc);
        if (item.type === IntType) {
          const b = toBig((item as PyLong).value);
          if (fitsI64(b) && fitsI64(acc * b)) {
            acc *= b;
            decref(item);
            continue;
          }
        }
        result = intResult(acc);
        multiply(item);
        break;
      }
    }
    if (isExactFloat(result!)) {
      let f = (result as PyFloat).value;
      decref(result!);
      result = null;
      for (;;) {
        const item = iterNext(it);
        if (item === null) return newFloat(f);
        if (isExactFloat(item)) {
          f *= (item as PyFloat).value;
          decref(item);
          continue;
        }
        if (item.type === IntType && fitsI64(toBig((item as PyLong).value))) {
          f *= Number(toBig((item as PyLong).value));
          decref(item);
          continue;
        }
        result = newFloat(f);
        multiply(item);
        break;
      }
    }
    for (;;) {
      const item = iterNext(it);
      if (item === null) break;
      multiply(item);
    }
    return result!;
  } catch (e) {
    if (result !== null) decref(result);
    throw e;
  } finally {
    decref(it);
  }
}
