/**
 * int and bool: arbitrary precision integers. @cpython Objects/longobject.c,
 * Objects/boolobject.c, Objects/abstract.c PyNumber_Long (3.11)
 *
 * The value is a JS number while it is a safe integer and a bigint beyond, so the
 * common case stays fast. Memory follows CPython: 30-bit digits in uint32, so
 * `sizeof = 24 + 4 * max(1, ndigits)`; -5…256 are static singletons (_PY_NSMALLPOSINTS).
 *
 * The arithmetic allocates exactly as longobject.c does, since the sizes and the order
 * of allocations decide addresses: x_add allocates one digit more than its larger
 * operand and never gives the spare digit back (long_normalize only shrinks ob_size),
 * x_sub allocates up to the highest differing digit, x_divrem keeps two scratch numbers
 * alive while the quotient is allocated, a result that normalises to a small int is
 * allocated, freed and replaced by the cached object (maybe_small_long), and so on.
 * The values themselves are computed with JS numbers and bigints.
 *
 * bool's type object and its two instances live here too (not in boolobject.ts):
 * int's module must not evaluate boolobject.ts before IntType exists, and the modules
 * int needs (abstract, errors, …) import boolobject. boolobject.ts re-exports them and
 * holds bool's slot functions, which this module installs.
 */
import { CompareOp, PyObject, PyType, TypeFlag, decref, type MethodSpec, type GetSetSpec } from './object';
import { staticType } from './roots';
import { adoptBlock, allocObject, allocGCObject, freeObject, gcDel, pyMalloc, pyFree } from '../memory/alloc';
import { placeStatic } from '../memory/static';
import { IMMORTAL_REFCNT, NSMALLNEGINTS, NSMALLPOSINTS } from '../profiles/cpython311';
import { rt } from '../vm/runtime';
import { raiseMemoryError } from '../vm/memoryerror';
import { raise, isPyException } from '../vm/errors';
import {
  IndexErrorType,
  KeyErrorType,
  LookupErrorType,
  OverflowErrorType,
  TypeErrorType,
  UnicodeEncodeErrorType,
  ValueErrorType,
  ZeroDivisionErrorType,
} from './exceptions';
import { None, NotImplemented } from './noneobject';
import { newStr, newStrFresh, isStr, type PyStr } from './unicodeobject';
import { newTuple, type PyTuple } from './tupleobject';
import { numberIndex, isTrue, call, getIter, iterNext, objectStr, objectRepr } from './abstract';
import { callSpecial } from './slotdefs';
import { FloatType, newFloat, isFloat, floatPow, floatHashExact } from './floatobject';
import { parseIntLiteral, intToString, DEFAULT_MAX_STR_DIGITS } from '../text/intformat';
import { formatInt } from '../text/formatspec';
import { TextError } from '../text/errors';
import { boolRepr, boolAnd, boolOr, boolXor, boolNew, boolVectorcall, boolNewMethod } from './boolobject';

export const IntType: PyType = staticType({
  name: 'int',
  basicsize: 24,
  itemsize: 4,
  flags: TypeFlag.BASETYPE | TypeFlag.LONG_SUBCLASS,
});
IntType.doc =
  "int([x]) -> integer\nint(x, base=10) -> integer\n\nConvert a number or string to an integer, or return 0 if no arguments\nare given.  If x is a number, return x.__int__().  For floating point\nnumbers, this truncates towards zero.\n\nIf x is not a number or if base is given, then x must be a string,\nbytes, or bytearray instance representing an integer literal in the\ngiven base.  The literal can be preceded by '+' or '-' and be surrounded\nby whitespace.  The base defaults to 10.  Valid bases are 0 and 2-36.\nBase 0 means to interpret the base from the string as an integer literal.\n>>> int('0b100', base=0)\n4";

export type IntValue = number | bigint;

export class PyLong extends PyObject {
  constructor(
    readonly value: IntValue,
    type: PyType = IntType,
  ) {
    super(type);
  }
}

/** In-place changes CPython makes to a fresh int it owns alone (Py_SET_SIZE on a new object). */
function setValue(o: PyLong, v: IntValue): void {
  (o as { value: IntValue }).value = v;
}

const SHIFT = 30;
const BASE = 0x40000000;
const MASK = BASE - 1;
/** PY_SSIZE_T_MAX and MAX_LONG_DIGITS on 64-bit. */
const PY_SSIZE_T_MAX = (1n << 63n) - 1n;
const MAX_LONG_DIGITS = (PY_SSIZE_T_MAX - 24n) / 4n;
/**
 * V8 cannot represent bigints beyond 2**30 bits; an int that large is refused with
 * MemoryError (CPython would try, and usually fail, to allocate it).
 */
const MAX_DIGITS = Math.floor((2 ** 30 - 64) / SHIFT);

/** Number of 30-bit digits CPython uses for v (0 for zero). */
export function ndigits(v: IntValue): number {
  if (typeof v === 'number') {
    const a = v < 0 ? -v : v;
    if (a === 0) return 0;
    if (a < BASE) return 1;
    // 31 to 60 bits: two digits (every safe integer is below 2**53).
    if (a < 2 ** 60) return 2;
    return Math.ceil(bitLengthOfAbs(a) / SHIFT);
  }
  return Math.ceil(bigBitLength(v) / SHIFT);
}

/** int___sizeof___impl: offsetof(ob_digit) + max(1, |ob_size|) * sizeof(digit). */
export function longSizeof(v: IntValue): number {
  return 24 + 4 * Math.max(1, ndigits(v));
}

function bitLengthOfAbs(a: number): number {
  if (a < 0x80000000) return 32 - Math.clz32(a);
  return 32 + bitLengthOfAbs(Math.floor(a / 0x100000000));
}

const HEX_BITS = [0, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4];
function bigBitLength(v: bigint): number {
  if (v < 0n) v = -v;
  if (v === 0n) return 0;
  const h = v.toString(16);
  return (h.length - 1) * 4 + HEX_BITS[parseInt(h[0], 16)];
}

// -------------------------------------------------------------- small ints

const smallInts: PyLong[] = [];
for (let v = -NSMALLNEGINTS; v < NSMALLPOSINTS; v++) {
  const o = new PyLong(v);
  o.refcnt = IMMORTAL_REFCNT;
  // _PyRuntime's small_ints array: 32 bytes apart.
  smallInts.push(placeStatic(o, 32));
}

/** The static object for a small int (borrowed). */
export function smallInt(v: number): PyLong {
  return smallInts[v + NSMALLNEGINTS];
}

function isSmall(v: IntValue): v is number {
  return typeof v === 'number' && v >= -NSMALLNEGINTS && v < NSMALLPOSINTS;
}

/** PyLong_FromLong: a new reference; small ints come from the cache. */
export function newInt(v: number): PyLong {
  if (v >= -NSMALLNEGINTS && v < NSMALLPOSINTS) {
    const o = smallInts[v + NSMALLNEGINTS];
    o.refcnt++;
    return o;
  }
  // A double beyond 2**53 stands for that exact integer: keep it as a bigint.
  if (!Number.isSafeInteger(v) && Number.isInteger(v)) return newIntBig(BigInt(v));
  const o = new PyLong(v);
  // _PyLong_FromMedium mallocs sizeof(PyLongObject) (32); larger values _PyLong_New(n).
  return allocObject(o, v > -BASE && v < BASE ? 32 : longSizeof(v));
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;

/** Normalises a bigint to a number when it is safe, then as newInt. */
export function newIntBig(v: bigint): PyLong {
  if (v <= MAX_SAFE && v >= MIN_SAFE) return newInt(Number(v));
  const nd = ndigits(v);
  const addr = digitsAlloc(nd);
  const o = new PyLong(v);
  adoptBlock(o, addr);
  return o;
}

export function newIntValue(v: IntValue): PyLong {
  return typeof v === 'number' ? newInt(v) : newIntBig(v);
}

/**
 * An instance of a subclass of int (`class I(int)`), allocated like long_subtype_new:
 * PyType_GenericAlloc of max(1, ndigits) items (plus the sentinel item it always adds),
 * a GC object tracked at once, holding a reference to its heap type.
 */
export function newIntOfType(type: PyType, v: IntValue): PyLong {
  if (type === IntType) return newIntValue(v);
  const n = Math.max(1, ndigits(v));
  const size = (type.basicsize + type.itemsize * (n + 1) + 7) & ~7;
  const o = allocGCObject(new PyLong(v, type), size);
  if (type.isHeapType) type.refcnt++;
  if (type.isGC) rt.gc.track(o);
  return o;
}

/** long_dealloc: exact ints are plain PyObject_Free; subclass instances use tp_free. */
export function longDealloc(o: PyObject): void {
  if (o.type !== IntType && o.type.isGC) gcDel(o);
  else freeObject(o);
}
IntType.tp_dealloc = longDealloc;

export function isInt(o: PyObject): o is PyLong {
  return o.type === IntType || (o.type.flags & TypeFlag.LONG_SUBCLASS) !== 0;
}

export function toBig(v: IntValue): bigint {
  return typeof v === 'number' ? BigInt(v) : v;
}

/** Normalised arithmetic result: a number when safe. */
export function norm(v: bigint): IntValue {
  return v <= MAX_SAFE && v >= MIN_SAFE ? Number(v) : v;
}

// -------------------------------------------------------------- arithmetic on values

export function intAdd(a: IntValue, b: IntValue): IntValue {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return norm(toBig(a) + toBig(b));
}

export function intSub(a: IntValue, b: IntValue): IntValue {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return norm(toBig(a) - toBig(b));
}

export function intMul(a: IntValue, b: IntValue): IntValue {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
  }
  return norm(toBig(a) * toBig(b));
}

/** Floor division (b != 0). */
export function intFloorDiv(a: IntValue, b: IntValue): IntValue {
  if (typeof a === 'number' && typeof b === 'number') {
    // The double quotient can be off by one near integers: keep it only if the
    // remainder it implies is in range.
    const q = Math.floor(a / b);
    if (Number.isSafeInteger(q) && Math.abs(a) < 2 ** 52) {
      const r = a - q * b;
      if (b > 0 ? r >= 0 && r < b : r <= 0 && r > b) return q === 0 ? 0 : q;
    }
  }
  const x = toBig(a);
  const y = toBig(b);
  let q = x / y;
  if (x % y !== 0n && x < 0n !== y < 0n) q -= 1n;
  return norm(q);
}

/** Python's modulo: the result has the sign of b (b != 0). */
export function intMod(a: IntValue, b: IntValue): IntValue {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a % b;
    if (r !== 0 && r < 0 !== b < 0) return r + b;
    return r === 0 ? 0 : r;
  }
  const x = toBig(a);
  const y = toBig(b);
  let r = x % y;
  if (r !== 0n && r < 0n !== y < 0n) r += y;
  return norm(r);
}

export function intNeg(a: IntValue): IntValue {
  if (typeof a === 'number') return a === 0 ? 0 : -a;
  return norm(-a);
}

export function intPow(a: IntValue, b: IntValue): IntValue {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a ** b;
    if (Number.isSafeInteger(r)) return r;
  }
  return norm(toBig(a) ** toBig(b));
}

export function intCompare(a: IntValue, b: IntValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const x = toBig(a);
  const y = toBig(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function intIsZero(a: IntValue): boolean {
  return typeof a === 'number' ? a === 0 : a === 0n;
}

export function intSign(a: IntValue): number {
  if (typeof a === 'number') return a < 0 ? -1 : a > 0 ? 1 : 0;
  return a < 0n ? -1 : a > 0n ? 1 : 0;
}

const HASH_MODULUS = (1n << 61n) - 1n;

/**
 * long_hash exactly: the value modulo 2**61 - 1 with the sign kept; -1 becomes -2. The
 * result can exceed 2**53, so it is a bigint then (hash() should use this).
 */
export function intHashExact(v: IntValue): IntValue {
  if (typeof v === 'number') {
    // Safe integers are below the modulus already.
    return v === -1 ? -2 : v;
  }
  const neg = v < 0n;
  let h = (neg ? -v : v) % HASH_MODULUS;
  if (neg) h = -h;
  const r = norm(h);
  return r === -1 ? -2 : r;
}

/** long_hash as a JS number (tp_hash): exact below 2**53, the nearest double above. */
export function intHash(v: IntValue): number {
  const h = intHashExact(v);
  return typeof h === 'number' ? h : Number(h);
}

/** The int as a double, or null when it overflows (OverflowError for the caller). */
export function intToFloat(v: IntValue): number | null {
  if (typeof v === 'number') return v;
  const f = Number(v);
  return Number.isFinite(f) ? f : null;
}

export function intBitLength(v: IntValue): number {
  if (typeof v === 'number') return bitLengthOfAbs(v < 0 ? -v : v);
  return bigBitLength(v);
}

// ------------------------------------------------------------ allocation helpers

/** _PyLong_New(size)'s PyObject_Malloc: the address of a block for `size` digits. */
function digitsAlloc(size: number): number {
  if (size > MAX_DIGITS) raiseMemoryError();
  return pyMalloc(24 + 4 * (size > 0 ? size : 1));
}

/** A new int whose block was allocated for `size` digits (possibly more than it needs). */
function longNew(v: IntValue, size: number): PyLong {
  const addr = digitsAlloc(size);
  const o = new PyLong(v);
  adoptBlock(o, addr);
  return o;
}

/** maybe_small_long: a result that is a small int is freed and the cached one returned. */
function maybeSmall(z: PyLong): PyLong {
  const v = z.value;
  if (isSmall(v)) {
    freeObject(z);
    return newInt(v);
  }
  return z;
}

/** _PyLong_Negate: in place for a fresh object, else a new one (the old is released). */
function negate(z: PyLong): PyLong {
  if (z.refcnt === 1) {
    setValue(z, intNeg(z.value));
    return z;
  }
  const r = newIntValue(intNeg(z.value));
  decref(z);
  return r;
}

/** _PyLong_Copy: small ints from the cache, else a block of exactly |ob_size| digits. */
export function longCopy(o: PyLong): PyLong {
  const v = o.value;
  if (isSmall(v)) return newInt(v);
  return longNew(v, ndigits(v));
}

/** long_long: an exact int itself, a copy of a subclass instance (_PyLong_Copy). */
export function longLong(o: PyLong): PyLong {
  if (o.type === IntType) {
    o.refcnt++;
    return o;
  }
  return longCopy(o);
}

function isMedium(v: IntValue): v is number {
  return typeof v === 'number' && v > -BASE && v < BASE;
}

function absBig(v: IntValue): bigint {
  const b = toBig(v);
  return b < 0n ? -b : b;
}

/** Digit i (from the least significant) of |v|. */
function digitAt(v: IntValue, i: number): number {
  if (typeof v === 'number') {
    const a = v < 0 ? -v : v;
    return i === 0 ? a % BASE : i === 1 ? Math.floor(a / BASE) % BASE : 0;
  }
  return Number((absBig(v) >> BigInt(SHIFT * i)) & BigInt(MASK));
}

// ------------------------------------------------------------ add, sub, mul

/** x_add: |a| + |b| (with the caller's sign) in a block one digit longer than the larger. */
function xAdd(x: IntValue, y: IntValue, result: IntValue): PyLong {
  return longNew(result, Math.max(ndigits(x), ndigits(y)) + 1);
}

/** x_sub: allocates up to the highest digit where |a| and |b| differ; maybe_small_long. */
function xSub(x: IntValue, y: IntValue, result: IntValue): PyLong {
  const nx = ndigits(x);
  const ny = ndigits(y);
  let size: number;
  if (nx !== ny) size = Math.max(nx, ny);
  else {
    const diff = absBig(x) ^ absBig(y);
    if (diff === 0n) return newInt(0);
    size = Math.ceil(bigBitLength(diff) / SHIFT);
  }
  return maybeSmall(longNew(result, size));
}

/** _PyLong_Add. */
export function longAdd(a: PyLong, b: PyLong): PyLong {
  const x = a.value;
  const y = b.value;
  if (isMedium(x) && isMedium(y)) return newInt(x + y);
  const r = intAdd(x, y);
  return intSign(x) < 0 === intSign(y) < 0 ? xAdd(x, y, r) : xSub(x, y, r);
}

/** _PyLong_Subtract. */
export function longSub(a: PyLong, b: PyLong): PyLong {
  const x = a.value;
  const y = b.value;
  if (isMedium(x) && isMedium(y)) return newInt(x - y);
  const r = intSub(x, y);
  return intSign(x) < 0 !== intSign(y) < 0 ? xAdd(x, y, r) : xSub(x, y, r);
}

/** _PyLong_Multiply: k_mul's result block has |a| + |b| digits. */
export function longMul(a: PyLong, b: PyLong): PyLong {
  const x = a.value;
  const y = b.value;
  if (isMedium(x) && isMedium(y)) return newIntValue(intMul(x, y));
  const na = ndigits(x);
  const nb = ndigits(y);
  if (na === 0 || nb === 0) return newInt(0);
  const addr = digitsAlloc(na + nb);
  const o = new PyLong(intMul(x, y));
  adoptBlock(o, addr);
  return o;
}

// ------------------------------------------------------------ division

/** Whether long_divrem takes its |a| < |b| shortcut (by digit count, then top digit). */
function absLessByTopDigit(x: IntValue, y: IntValue, na: number, nb: number): boolean {
  return na < nb || (na === nb && digitAt(x, na - 1) < digitAt(y, nb - 1));
}

/**
 * x_divrem's allocations for |x| / |y| (2 <= size_w <= size_v): the scratch v (size_v+1
 * digits), w (size_w, later the remainder) and the quotient a (k digits); v is freed.
 * Returns [quotient, remainder] objects, both non-negative and not normalised to small.
 */
function xDivrem(x: IntValue, y: IntValue): [PyLong, PyLong] {
  const sizeV = ndigits(x);
  const sizeW = ndigits(y);
  const ax = absBig(x);
  const ay = absBig(y);
  const vAddr = digitsAlloc(sizeV + 1);
  let wAddr: number;
  try {
    wAddr = digitsAlloc(sizeW);
  } catch (e) {
    pyFree(vAddr);
    throw e;
  }
  const topW = digitAt(y, sizeW - 1);
  const d = SHIFT - bitLengthOfAbs(topW);
  const shifted = ax << BigInt(d);
  const carry = shifted >> BigInt(SHIFT * sizeV);
  const topV = Number((shifted >> BigInt(SHIFT * (sizeV - 1))) & BigInt(MASK));
  const topWShifted = Number((ay << BigInt(d)) >> BigInt(SHIFT * (sizeW - 1)));
  const k = sizeV - sizeW + (carry !== 0n || topV >= topWShifted ? 1 : 0);
  let aAddr: number;
  try {
    aAddr = digitsAlloc(k);
  } catch (e) {
    pyFree(wAddr);
    pyFree(vAddr);
    throw e;
  }
  pyFree(vAddr);
  const q = new PyLong(norm(ax / ay));
  adoptBlock(q, aAddr);
  const r = new PyLong(norm(ax % ay));
  adoptBlock(r, wAddr);
  return [q, r];
}

/** long_divrem: truncated quotient and remainder (remainder has the sign of a). */
function longDivrem(a: PyLong, b: PyLong): [PyLong, PyLong] {
  const x = a.value;
  const y = b.value;
  const na = ndigits(x);
  const nb = ndigits(y);
  if (nb === 0) raise(ZeroDivisionErrorType, 'integer division or modulo by zero');
  if (absLessByTopDigit(x, y, na, nb)) {
    const rem = longLong(a);
    return [newInt(0), rem];
  }
  let z: PyLong;
  let rem: PyLong;
  if (nb === 1) {
    const n = digitAt(y, 0);
    // divrem1: the quotient block has size_a digits.
    z = longNew(typeof x === 'number' ? Math.floor(Math.abs(x) / n) : norm(absBig(x) / BigInt(n)), na);
    const r = typeof x === 'number' ? Math.abs(x) % n : Number(absBig(x) % BigInt(n));
    rem = newInt(r);
  } else {
    [z, rem] = xDivrem(x, y);
    rem = maybeSmall(rem);
  }
  if (intSign(x) < 0 !== intSign(y) < 0) z = negate(z);
  if (intSign(x) < 0 && !intIsZero(rem.value)) rem = negate(rem);
  return [maybeSmall(z), rem];
}

/** long_rem: the remainder only (the quotient x_divrem computes is freed at once). */
function longRem(a: PyLong, b: PyLong): PyLong {
  const x = a.value;
  const y = b.value;
  const na = ndigits(x);
  const nb = ndigits(y);
  if (nb === 0) raise(ZeroDivisionErrorType, 'integer modulo by zero');
  if (absLessByTopDigit(x, y, na, nb)) return longLong(a);
  let rem: PyLong;
  if (nb === 1) {
    const n = digitAt(y, 0);
    rem = newInt(typeof x === 'number' ? Math.abs(x) % n : Number(absBig(x) % BigInt(n)));
  } else {
    const [q, r] = xDivrem(x, y);
    freeObject(q);
    rem = maybeSmall(r);
  }
  if (intSign(x) < 0 && !intIsZero(rem.value)) rem = negate(rem);
  return rem;
}

function singleDigit(v: IntValue): v is number {
  return typeof v === 'number' && v !== 0 && v > -BASE && v < BASE;
}

/** l_divmod: floor quotient and modulo. */
function lDivmod(a: PyLong, b: PyLong): [PyLong, PyLong] {
  const x = a.value;
  const y = b.value;
  if (singleDigit(x) && singleDigit(y)) {
    const div = newInt(intFloorDiv(x, y) as number);
    const mod = newInt(intMod(x, y) as number);
    return [div, mod];
  }
  let [div, mod] = longDivrem(a, b);
  const ms = intSign(mod.value);
  const ys = intSign(y);
  if ((ms < 0 && ys > 0) || (ms > 0 && ys < 0)) {
    try {
      const t = longAdd(mod, b);
      decref(mod);
      mod = t;
    } catch (e) {
      decref(mod);
      decref(div);
      throw e;
    }
    try {
      const t = longSub(div, smallInt(1));
      decref(div);
      div = t;
    } catch (e) {
      decref(mod);
      decref(div);
      throw e;
    }
  }
  return [div, mod];
}

/** l_mod. */
function lMod(a: PyLong, b: PyLong): PyLong {
  const x = a.value;
  const y = b.value;
  if (singleDigit(x) && singleDigit(y)) return newInt(intMod(x, y) as number);
  let mod = longRem(a, b);
  const ms = intSign(mod.value);
  const ys = intSign(y);
  if ((ms < 0 && ys > 0) || (ms > 0 && ys < 0)) {
    try {
      const t = longAdd(mod, b);
      decref(mod);
      mod = t;
    } catch (e) {
      decref(mod);
      throw e;
    }
  }
  return mod;
}

/** long_div: floor division. */
export function longFloorDiv(a: PyLong, b: PyLong): PyLong {
  const x = a.value;
  const y = b.value;
  if (singleDigit(x) && singleDigit(y)) return newInt(intFloorDiv(x, y) as number);
  const [div, mod] = lDivmod(a, b);
  decref(mod);
  return div;
}

export function longMod(a: PyLong, b: PyLong): PyLong {
  return lMod(a, b);
}

/** long_divmod: the two results first, then the tuple. */
export function longDivmod(a: PyLong, b: PyLong): PyTuple {
  const [div, mod] = lDivmod(a, b);
  return newTuple([div, mod]);
}

/** ldexp(x, e) for an x with at most 56 significant bits whose result is representable. */
function ldexp(x: number, e: number): number {
  if (e > 1000) return x * 2 ** 1000 * 2 ** (e - 1000);
  if (e < -1000) return x * 2 ** -1000 * 2 ** (e + 1000);
  return x * 2 ** e;
}

/**
 * long_true_divide: a / b correctly rounded. Both below 2**53: one float division;
 * else x = |a| * 2**-shift // |b| with DBL_MANT_DIG + 2 or 3 bits, rounded half-even.
 */
export function intTrueDivide(x: IntValue, y: IntValue): number {
  if (intIsZero(y)) raise(ZeroDivisionErrorType, 'division by zero');
  const negate = intSign(x) < 0 !== intSign(y) < 0;
  if (intIsZero(x)) return negate ? -0 : 0;
  const ax = absBig(x);
  const ay = absBig(y);
  const limit = 1n << 53n;
  if (ax < limit && ay < limit) {
    const r = Number(ax) / Number(ay);
    return negate ? -r : r;
  }
  const diff = bigBitLength(ax) - bigBitLength(ay);
  if (diff > 1024) raise(OverflowErrorType, 'integer division result too large for a float');
  if (diff < -1021 - 53 - 1) return negate ? -0 : 0;
  const shift = Math.max(diff, -1021) - 53 - 2;
  let inexact = false;
  let q: bigint;
  if (shift <= 0) q = ax << BigInt(-shift);
  else {
    q = ax >> BigInt(shift);
    if (q << BigInt(shift) !== ax) inexact = true;
  }
  const rem = q % ay;
  q = q / ay;
  if (rem !== 0n) inexact = true;
  const xBits = bigBitLength(q);
  const extraBits = Math.max(xBits, -1021 - shift) - 53;
  // Round half to even on the low digit, with the inexact flag as a sticky bit.
  const mask = 1n << BigInt(extraBits - 1);
  const lowDigit = q & BigInt(MASK);
  let low = inexact ? lowDigit | 1n : lowDigit;
  if ((low & mask) !== 0n && (low & (3n * mask - 1n)) !== 0n) low += mask;
  q = q - lowDigit + (low & ~(2n * mask - 1n));
  const dx = Number(q);
  if (shift + xBits >= 1024 && (shift + xBits > 1024 || dx === 2 ** xBits)) {
    raise(OverflowErrorType, 'integer division result too large for a float');
  }
  const result = ldexp(dx, shift);
  return negate ? -result : result;
}

// ------------------------------------------------------------ unary

/** long_neg. */
export function longNeg(a: PyLong): PyLong {
  const v = a.value;
  if (isMedium(v)) return newInt(v === 0 ? 0 : -v);
  return longNew(intNeg(v), ndigits(v));
}

/** long_abs. */
export function longAbs(a: PyLong): PyLong {
  return intSign(a.value) < 0 ? longNeg(a) : longLong(a);
}

/** long_invert: -(x + 1); a big x goes through long_add and a negation in place. */
export function longInvert(a: PyLong): PyLong {
  const v = a.value;
  if (isMedium(v)) return newInt(-v - 1);
  const x = longAdd(a, smallInt(1));
  return negate(x);
}

// ------------------------------------------------------------ shifts

/**
 * divmod_shift: [wordshift, remshift] for a non-negative shift count, clipped when huge
 * (then the right shift gives 0 or -1 and the left shift fails in _PyLong_New). A
 * wordshift beyond 2**53 stays a bigint.
 */
function divmodShift(v: IntValue): [number | bigint, number] {
  if (typeof v === 'number') return [Math.floor(v / SHIFT), v % SHIFT];
  const word = v / 30n;
  if (v <= PY_SSIZE_T_MAX || word < PY_SSIZE_T_MAX / 4n) return [norm(word), Number(v % 30n)];
  return [PY_SSIZE_T_MAX / 4n, 0];
}

/** The checks long_lshift and long_rshift share: a negative count, a zero operand. */
function checkShift(a: PyLong, b: PyLong): PyLong | null {
  if (intSign(b.value) < 0) raise(ValueErrorType, 'negative shift count');
  if (intIsZero(a.value)) return newInt(0);
  return null;
}

/** long_rshift. */
export function longRshift(a: PyLong, b: PyLong): PyLong {
  const zero = checkShift(a, b);
  if (zero !== null) return zero;
  const [word, rem] = divmodShift(b.value);
  const v = a.value;
  if (isMedium(v)) {
    const shift = word === 0 ? rem : SHIFT;
    return newInt(v >> shift);
  }
  const sizeA = ndigits(v);
  // Shifting all the digits out: only the sign is left.
  if (typeof word === 'bigint' || word > sizeA + 1) return newInt(intSign(v) < 0 ? -1 : 0);
  let wordshift = word;
  let remshift = rem;
  const neg = intSign(v) < 0;
  if (neg && remshift === 0) {
    if (wordshift === 0) return longLong(a);
    remshift = SHIFT;
    wordshift--;
  }
  const newsize = sizeA - wordshift;
  if (newsize <= 0) return newInt(neg ? -1 : 0);
  const addr = digitsAlloc(newsize);
  const total = BigInt(wordshift) * 30n + BigInt(remshift);
  const z = new PyLong(norm(toBig(v) >> total));
  adoptBlock(z, addr);
  return maybeSmall(z);
}

/** long_lshift. */
export function longLshift(a: PyLong, b: PyLong): PyLong {
  const zero = checkShift(a, b);
  if (zero !== null) return zero;
  const [wordshift, remshift] = divmodShift(b.value);
  return lshift1(a, wordshift, remshift);
}

function lshift1(a: PyLong, wordshift: number | bigint, remshift: number): PyLong {
  const v = a.value;
  if (wordshift === 0 && isMedium(v)) return newIntValue(intMul(v, 2 ** remshift));
  const newsize = BigInt(ndigits(v)) + BigInt(wordshift) + (remshift ? 1n : 0n);
  if (newsize > MAX_LONG_DIGITS) raise(OverflowErrorType, 'too many digits in integer');
  if (newsize > BigInt(MAX_DIGITS)) raiseMemoryError();
  const addr = digitsAlloc(Number(newsize));
  const z = new PyLong(norm(toBig(v) << (BigInt(wordshift) * 30n + BigInt(remshift))));
  adoptBlock(z, addr);
  return maybeSmall(z);
}

/** _PyLong_Lshift(a, n) for a small non-negative n. */
function lshiftBy(a: PyLong, n: number): PyLong {
  if (intIsZero(a.value)) return newInt(0);
  return lshift1(a, Math.floor(n / SHIFT), n % SHIFT);
}

// ------------------------------------------------------------ bitwise

type BitOp = '&' | '|' | '^';

/** long_bitwise: two's-complement scratch copies of negative operands, then the result. */
function longBitwise(a: PyLong, op: BitOp, b: PyLong): PyLong {
  const x = a.value;
  const y = b.value;
  let sizeA = ndigits(x);
  let sizeB = ndigits(y);
  let nega = intSign(x) < 0;
  let negb = intSign(y) < 0;
  const tempA = nega ? digitsAlloc(sizeA) : 0;
  let tempB: number;
  try {
    tempB = negb ? digitsAlloc(sizeB) : 0;
  } catch (e) {
    pyFree(tempA);
    throw e;
  }
  // The scratch (or borrowed) operands, released in their (possibly swapped) order.
  let first = tempA;
  let second = tempB;
  if (sizeA < sizeB) {
    [first, second] = [second, first];
    [sizeA, sizeB] = [sizeB, sizeA];
    [nega, negb] = [negb, nega];
  }
  let negz: boolean;
  let sizeZ: number;
  switch (op) {
    case '^':
      negz = nega !== negb;
      sizeZ = sizeA;
      break;
    case '&':
      negz = nega && negb;
      sizeZ = negb ? sizeA : sizeB;
      break;
    default:
      negz = nega || negb;
      sizeZ = negb ? sizeB : sizeA;
  }
  let addr: number;
  try {
    addr = digitsAlloc(sizeZ + (negz ? 1 : 0));
  } catch (e) {
    pyFree(first);
    pyFree(second);
    throw e;
  }
  const bx = toBig(x);
  const by = toBig(y);
  const r = op === '&' ? bx & by : op === '|' ? bx | by : bx ^ by;
  const z = new PyLong(norm(r));
  adoptBlock(z, addr);
  pyFree(first);
  pyFree(second);
  return maybeSmall(z);
}

function bitwise(a: PyLong, op: BitOp, b: PyLong): PyLong {
  const x = a.value;
  const y = b.value;
  if (isMedium(x) && isMedium(y)) return newInt(op === '&' ? x & y : op === '|' ? x | y : x ^ y);
  return longBitwise(a, op, b);
}

export function longAnd(a: PyLong, b: PyLong): PyLong {
  return bitwise(a, '&', b);
}
export function longOr(a: PyLong, b: PyLong): PyLong {
  return bitwise(a, '|', b);
}
export function longXor(a: PyLong, b: PyLong): PyLong {
  return bitwise(a, '^', b);
}

// ------------------------------------------------------------ power

/** long_invmod: the inverse of a modulo n (n > 0), by the extended Euclidean algorithm. */
function longInvmod(a0: PyLong, n0: PyLong): PyLong {
  let b = newInt(1);
  let c = newInt(0);
  let a = a0;
  let n = n0;
  a.refcnt++;
  n.refcnt++;
  try {
    while (!intIsZero(n.value)) {
      const [q, r] = lDivmod(a, n);
      decref(a);
      a = n;
      n = r;
      let t: PyLong;
      try {
        t = longMul(q, c);
      } finally {
        decref(q);
      }
      let s: PyLong;
      try {
        s = longSub(b, t);
      } finally {
        decref(t);
      }
      decref(b);
      b = c;
      c = s;
    }
  } catch (e) {
    decref(a);
    decref(b);
    decref(c);
    decref(n);
    throw e;
  }
  decref(c);
  decref(n);
  if (intCompare(a.value, 1) !== 0) {
    decref(a);
    decref(b);
    raise(ValueErrorType, 'base is not invertible for the given modulus');
  }
  decref(a);
  return b;
}

/** Refuses powers whose result could not be represented (instead of computing for ever). */
function guardPowerSize(base: IntValue, exp: IntValue): void {
  const bits = intBitLength(base);
  if (bits <= 1) return; // 0, 1, -1
  const estimate = (bits - 1) * Number(exp);
  if (estimate / SHIFT > MAX_DIGITS || estimate / 8 > rt.options.memoryLimit) raiseMemoryError();
}

const EXP_WINDOW_SIZE = 5;
const EXP_TABLE_LEN = 1 << (EXP_WINDOW_SIZE - 1);

/**
 * long_pow(v, w, x): x is None or an int modulus. A negative exponent without modulus
 * hands over to float's power. Intermediate results are allocated and released as
 * long_pow's MULT/REDUCE do.
 */
export function longPow(v: PyObject, w: PyObject, x: PyObject): PyObject {
  if (!isInt(v) || !isInt(w)) return (NotImplemented.refcnt++, NotImplemented);
  let c: PyLong | null;
  if (isInt(x)) c = x;
  else if (x === None) c = null;
  else return (NotImplemented.refcnt++, NotImplemented);
  if (intSign(w.value) < 0 && c === null) return floatPow(v, w, x);

  let a: PyLong = v;
  let b: PyLong = w;
  a.refcnt++;
  b.refcnt++;
  if (c !== null) c.refcnt++;
  let z: PyLong | null = null;
  let a2: PyLong | null = null;
  const table: PyLong[] = [];

  const reduce = (X: PyLong): PyLong => {
    if (c === null) return X;
    const t = lMod(X, c);
    decref(X);
    return t;
  };
  /** MULT(X, Y, result): returns the new result (the old one is released by the caller). */
  const mult = (X: PyLong, Y: PyLong): PyLong => longMul(X, Y);

  try {
    if (c !== null) {
      if (intIsZero(c.value)) raise(ValueErrorType, 'pow() 3rd argument cannot be 0');
      let negativeOutput = false;
      if (intSign(c.value) < 0) {
        negativeOutput = true;
        const t = longCopy(c);
        decref(c);
        c = negate(t);
      }
      if (intCompare(c.value, 1) === 0) {
        z = newInt(0);
        return z;
      }
      if (intSign(b.value) < 0) {
        const t = longCopy(b);
        decref(b);
        b = negate(t);
        const inv = longInvmod(a, c);
        decref(a);
        a = inv;
      }
      if (intSign(a.value) < 0 || ndigits(a.value) > ndigits(c.value)) {
        const t = lMod(a, c);
        decref(a);
        a = t;
      }
      z = powLoop();
      if (negativeOutput && !intIsZero(z.value)) {
        const t = longSub(z, c);
        decref(z);
        z = t;
      }
      return z;
    }
    guardPowerSize(a.value, b.value);
    z = powLoop();
    return z;
  } catch (e) {
    if (z !== null) decref(z);
    throw e;
  } finally {
    for (const t of table) decref(t);
    decref(a);
    decref(b);
    if (c !== null) decref(c);
    if (a2 !== null) decref(a2);
  }

  function powLoop(): PyLong {
    let r: PyLong = newInt(1);
    const step = (X: PyLong, Y: PyLong): void => {
      const t = mult(X, Y);
      decref(r);
      r = reduce(t);
    };
    try {
      const bv = absBig(b.value);
      const nb = ndigits(b.value);
      const bi = nb ? digitAt(b.value, nb - 1) : 0;
      if (nb <= 1 && bi <= 3) {
        if (bi >= 2) {
          step(a, a);
          if (bi === 3) step(r, a);
        } else if (bi === 1) {
          step(a, r);
        }
      } else if (nb <= 60 / SHIFT) {
        // Left-to-right binary exponentiation.
        a.refcnt++;
        decref(r);
        r = a;
        const bits = bv.toString(2);
        for (let i = 1; i < bits.length; i++) {
          step(r, r);
          if (bits[i] === '1') step(r, a);
        }
      } else {
        // Left-to-right k-ary sliding window exponentiation.
        a.refcnt++;
        table.push(a);
        a2 = reduce(mult(a, a));
        for (let i = 1; i < EXP_TABLE_LEN; i++) table.push(reduce(mult(table[i - 1], a2)));
        decref(a2);
        a2 = null;
        let pending = 0;
        let blen = 0;
        const absorb = (): void => {
          let ntz = 0;
          while ((pending & 1) === 0) {
            ntz++;
            pending >>= 1;
          }
          blen -= ntz;
          do step(r, r);
          while (--blen);
          step(r, table[pending >> 1]);
          while (ntz-- > 0) step(r, r);
          pending = 0;
        };
        for (let i = nb - 1; i >= 0; --i) {
          const d = digitAt(b.value, i);
          for (let j = SHIFT - 1; j >= 0; --j) {
            const bit = (d >> j) & 1;
            pending = (pending << 1) | bit;
            if (pending) {
              ++blen;
              if (blen === EXP_WINDOW_SIZE) absorb();
            } else step(r, r);
          }
        }
        if (pending) absorb();
      }
    } catch (e) {
      decref(r);
      throw e;
    }
    return r;
  }
}

// ------------------------------------------------------------ conversions

/** The error CPython raises for ints beyond the double range. */
function intTooLargeForFloat(): never {
  return raise(OverflowErrorType, 'int too large to convert to float');
}

/** PyLong_AsDouble: correctly rounded; OverflowError beyond the double range. */
export function longAsDouble(o: PyLong): number {
  const v = o.value;
  if (typeof v === 'number') return v;
  const f = Number(v);
  if (!Number.isFinite(f)) intTooLargeForFloat();
  return f;
}

/** PyLong_FromDouble: truncates; OverflowError for infinities, ValueError for NaN. */
export function longFromDouble(d: number): PyLong {
  if (d > -(2 ** 63) && d < 2 ** 63) {
    const t = Math.trunc(d);
    if (Number.isSafeInteger(t)) return newInt(t === 0 ? 0 : t);
    return newIntBig(BigInt(t));
  }
  if (d === Infinity || d === -Infinity) raise(OverflowErrorType, 'cannot convert float infinity to integer');
  if (d !== d) raise(ValueErrorType, 'cannot convert float NaN to integer');
  const big = BigInt(d);
  return longNew(big, Math.ceil(bigBitLength(big) / SHIFT));
}

/** Python exceptions for the text helpers' errors (TextError names the class). */
export function raiseTextError(e: unknown): never {
  if (e instanceof TextError) {
    const type =
      e.pyType === 'ValueError'
        ? ValueErrorType
        : e.pyType === 'TypeError'
          ? TypeErrorType
          : e.pyType === 'OverflowError'
            ? OverflowErrorType
            : e.pyType === 'IndexError'
              ? IndexErrorType
              : e.pyType === 'KeyError'
                ? KeyErrorType
                : e.pyType === 'LookupError'
                  ? LookupErrorType
                  : UnicodeEncodeErrorType;
    raise(type, e.message);
  }
  throw e;
}

/**
 * hash(o) for ints and floats without the double rounding of tp_hash (whose JS number
 * cannot hold every 61-bit hash); other objects go through objectHash.
 */
export function numberHashExact(o: PyObject): IntValue | null {
  if (isInt(o) && o.type.tp_hash === IntType.tp_hash) return intHashExact(o.value);
  if (isFloat(o) && o.type.tp_hash === FloatType.tp_hash) return floatHashExact(o);
  return null;
}

// -------------------------------------------------------- int_max_str_digits

const maxStrDigits = new WeakMap<object, number>();

/** sys.get_int_max_str_digits() of the current run. */
export function getIntMaxStrDigits(): number {
  return maxStrDigits.get(rt) ?? DEFAULT_MAX_STR_DIGITS;
}

/** sys.set_int_max_str_digits(n) for the current run (0 disables the limit). */
export function setIntMaxStrDigits(n: number): void {
  maxStrDigits.set(rt, n);
}

const MAX_STR_DIGITS_TO_STR = (max: number) =>
  `Exceeds the limit (${max} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit`;

/**
 * long_to_decimal_string: the text of an int. CPython converts through a scratch int of
 * 1 + n + n/99 digits that is alive while the str is allocated.
 */
export function longToDecimalString(v: IntValue): string {
  return decimalText(v);
}

function decimalText(v: IntValue): string {
  const sizeA = ndigits(v);
  const max = getIntMaxStrDigits();
  if (sizeA >= 73 && max > 0 && Math.floor(max / 90) <= Math.floor((sizeA - 11) / 10)) {
    raise(ValueErrorType, MAX_STR_DIGITS_TO_STR(max));
  }
  if (typeof v === 'number') return '' + v;
  try {
    return intToString(v, 10, max);
  } catch (e) {
    return raiseTextError(e);
  }
}

/** long_to_decimal_string as tp_repr: the str, with the scratch digits alive meanwhile. */
function longRepr(o: PyObject): PyObject {
  const v = (o as PyLong).value;
  const sizeA = ndigits(v);
  const scratch = digitsAlloc(1 + sizeA + Math.floor(sizeA / 99));
  let text: string;
  try {
    text = decimalText(v);
  } catch (e) {
    pyFree(scratch);
    throw e;
  }
  try {
    // PyUnicode_New: a new str even for one digit (not the latin-1 singleton).
    return newStrFresh(text);
  } finally {
    pyFree(scratch);
  }
}

// --------------------------------------------------------------- int(x)

/** _PyUnicode_TransformDecimalAndSpaceToASCII's view of the digits: how many there are. */
function countLiteralDigits(text: string, base: number): number {
  let s = text.trim();
  if (s[0] === '+' || s[0] === '-') s = s.slice(1);
  const c1 = (s[1] ?? '').toLowerCase();
  if (
    s[0] === '0' &&
    ((base === 16 && c1 === 'x') || (base === 8 && c1 === 'o') || (base === 2 && c1 === 'b'))
  ) {
    s = s.slice(2);
  } else if (base === 0 && s[0] === '0' && (c1 === 'x' || c1 === 'o' || c1 === 'b')) {
    s = s.slice(2);
  }
  let n = 0;
  for (const ch of s) if (ch !== '_') n++;
  return n;
}

const LOG_BASE_BASE: number[] = [];

/**
 * PyLong_FromString's result block: power-of-two bases get ceil(digits*bits/30) digits,
 * others the estimate digits*log(base)/log(2**30) + 1; then maybe_small_long.
 */
function longFromParsed(v: bigint, digits: number, base: number): PyLong {
  let b = base;
  if (b === 0) b = 10; // base 0 results are only sized after detection; close enough for prefixes
  let size: number;
  if ((b & (b - 1)) === 0) {
    const bitsPerChar = Math.log2(b);
    size = Math.ceil((digits * bitsPerChar) / SHIFT);
  } else {
    let lb = LOG_BASE_BASE[b];
    if (lb === undefined) lb = LOG_BASE_BASE[b] = Math.log(b) / Math.log(BASE);
    size = Math.trunc(digits * lb + 1.0);
  }
  return maybeSmall(longNew(norm(v), size));
}

function detectBase(text: string, base: number): number {
  if (base !== 0) return base;
  let s = text.trim();
  if (s[0] === '+' || s[0] === '-') s = s.slice(1);
  if (s[0] !== '0') return 10;
  const c = (s[1] ?? '').toLowerCase();
  return c === 'x' ? 16 : c === 'o' ? 8 : c === 'b' ? 2 : 10;
}

/** PyLong_FromUnicodeObject: int(str, base). */
export function longFromString(text: string, base: number): PyLong {
  let v: bigint;
  try {
    v = parseIntLiteral(text, base, getIntMaxStrDigits());
  } catch (e) {
    return raiseTextError(e);
  }
  const b = detectBase(text, base);
  return longFromParsed(v, countLiteralDigits(text, b), b);
}

/** The bytes of a bytes or bytearray object, or null for other objects. */
function bytesContent(o: PyObject): Uint8Array | null {
  let t: PyType | null = o.type;
  while (t !== null && t.name !== 'bytes' && t.name !== 'bytearray') t = t.base;
  if (t === null || t.isHeapType) return null;
  const data =
    (o as unknown as { bytes?: Uint8Array; data?: Uint8Array }).bytes ?? (o as { data?: Uint8Array }).data;
  if (data instanceof Uint8Array) return data;
  // Unknown layout: iterate (bytes and bytearray yield their byte values).
  const out: number[] = [];
  const it = getIter(o);
  try {
    for (;;) {
      const x = iterNext(it);
      if (x === null) break;
      out.push(Number((x as PyLong).value));
      decref(x);
    }
  } finally {
    decref(it);
  }
  return Uint8Array.from(out);
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (const c of b) s += String.fromCharCode(c);
  return s;
}

/** _PyLong_FromBytes: like int(str) but the error shows the bytes object's repr. */
function longFromBytes(o: PyObject, data: Uint8Array, base: number): PyLong {
  const text = latin1(data);
  if (/[^\x00-\x7f]/.test(text) || text.includes('\0')) invalidBytesLiteral(o, base);
  try {
    return longFromString(text, base);
  } catch (e) {
    if (isPyException(e) && e.type === ValueErrorType && !/^Exceeds|^int\(\) base/.test(excText(e))) {
      decref(e);
      invalidBytesLiteral(o, base);
    }
    throw e;
  }
}

function excText(e: PyObject): string {
  const args = (e as unknown as { args: PyTuple }).args;
  const first = args.items[0];
  return first !== undefined && isStr(first) ? first.value : '';
}

function invalidBytesLiteral(o: PyObject, base: number): never {
  const r = objectRepr(o);
  const text = r.value;
  decref(r);
  return raise(ValueErrorType, `invalid literal for int() with base ${base}: ${text.slice(0, 200)}`);
}

/** PyNumber_Index: an exact int (a subclass result is copied). */
export function numberIndexExact(o: PyObject): PyLong {
  const r = numberIndex(o);
  if (r.type === IntType) return r;
  const c = longCopy(r);
  decref(r);
  return c;
}

/** PyNumber_Long: int(x). */
export function numberLong(o: PyObject): PyLong {
  if (o.type === IntType) return (o.refcnt++, o as PyLong);
  const t = o.type;
  if (t.nb_int !== undefined) {
    const r = t.nb_int(o);
    if (r.type === IntType) return r as PyLong;
    if (!isInt(r)) {
      const name = r.type.name;
      decref(r);
      raise(TypeErrorType, `__int__ returned non-int (type ${name})`);
    }
    const c = longCopy(r as PyLong);
    decref(r);
    return c;
  }
  if (t.nb_index !== undefined) return numberIndexExact(o);
  const trunc = callSpecial(o, '__trunc__', []);
  if (trunc !== null) {
    if (trunc.type === IntType) return trunc as PyLong;
    if (isInt(trunc)) {
      const c = longCopy(trunc);
      decref(trunc);
      return c;
    }
    if (trunc.type.nb_index === undefined) {
      const name = trunc.type.name;
      decref(trunc);
      raise(TypeErrorType, `__trunc__ returned non-Integral (type ${name})`);
    }
    try {
      return numberIndexExact(trunc);
    } finally {
      decref(trunc);
    }
  }
  if (isStr(o)) return longFromString(o.value, 10);
  const data = bytesContent(o);
  if (data !== null) return longFromBytes(o, data, 10);
  return raise(
    TypeErrorType,
    `int() argument must be a string, a bytes-like object or a real number, not '${o.type.name}'`,
  );
}

/** long_new_impl: int(), int(x), int(x, base) for exact int (subclasses: long_subtype_new). */
export function longNewImpl(type: PyType, x: PyObject | null, obase: PyObject | null): PyObject {
  if (type !== IntType) return longSubtypeNew(type, x, obase);
  if (x === null) {
    if (obase !== null) raise(TypeErrorType, 'int() missing string argument');
    return newInt(0);
  }
  if (obase === null) return numberLong(x);
  const bobj = numberIndex(obase);
  const bv = bobj.value;
  decref(bobj);
  // PyNumber_AsSsize_t(obase, NULL) clips on overflow.
  const base = typeof bv === 'number' ? bv : bv < 0n ? -Infinity : Infinity;
  if ((base !== 0 && base < 2) || base > 36) raise(ValueErrorType, 'int() base must be >= 2 and <= 36, or 0');
  if (isStr(x)) return longFromString(x.value, base);
  const data = bytesContent(x);
  if (data !== null) return longFromBytes(x, data, base);
  return raise(TypeErrorType, "int() can't convert non-string with explicit base");
}

/**
 * long_subtype_new: an exact int is made first from the arguments, then an instance of
 * the subclass is allocated and the temporary released.
 */
function longSubtypeNew(type: PyType, x: PyObject | null, obase: PyObject | null): PyObject {
  const tmp = longNewImpl(IntType, x, obase) as PyLong;
  let o: PyLong;
  try {
    o = newIntOfType(type, tmp.value);
  } finally {
    decref(tmp);
  }
  return o;
}

/** int.__new__'s argument clinic: x positional-only, base positional-or-keyword. */
function longTpNew(type: PyType, args: PyObject[], kwnames: PyTuple | null): PyObject {
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  const npos = args.length - nkw;
  if (args.length > 2) raise(TypeErrorType, `int() takes at most 2 arguments (${args.length} given)`);
  const x: PyObject | null = npos >= 1 ? args[0] : null;
  let obase: PyObject | null = npos >= 2 ? args[1] : null;
  for (let i = 0; i < nkw; i++) {
    const name = (kwnames!.items[i] as PyStr).value;
    if (name === 'base') {
      if (obase !== null) raise(TypeErrorType, `argument for int() given by name ('base') and position (2)`);
      obase = args[npos + i];
    } else raise(TypeErrorType, `'${name}' is an invalid keyword argument for int()`);
  }
  return longNewImpl(type, x, obase);
}

/** tp_new_wrapper's checks for `T.__new__(S, …)` of a builtin T. */
export function checkNewWrapper(typeName: string, owner: PyType, args: PyObject[]): PyType {
  if (args.length < 1) raise(TypeErrorType, `${typeName}.__new__(): not enough arguments`);
  const sub = args[0];
  if (!(sub.type.flags & TypeFlag.TYPE_SUBCLASS)) {
    raise(TypeErrorType, `${typeName}.__new__(X): X is not a type object (${sub.type.name})`);
  }
  const st = sub as PyType;
  if (!st.isSubtypeOf(owner)) {
    raise(TypeErrorType, `${typeName}.__new__(${st.name}): ${st.name} is not a subtype of ${typeName}`);
  }
  let staticBase: PyType = st;
  while (staticBase.isHeapType && staticBase.base !== null) staticBase = staticBase.base;
  if (staticBase.tp_new !== owner.tp_new) {
    raise(TypeErrorType, `${typeName}.__new__(${st.name}) is not safe, use ${staticBase.name}.__new__()`);
  }
  return st;
}

// ------------------------------------------------------------------ slots

function bothInts(a: PyObject, b: PyObject): boolean {
  return isInt(a) && isInt(b);
}

function notImplemented(): PyObject {
  NotImplemented.refcnt++;
  return NotImplemented;
}

/**
 * BINARY_OP on two exact ints (oparg as NB_*): what int's slot computes, without the
 * generic dispatch (int has no in-place slots, and its slots never return NotImplemented
 * for two ints). Null for the operators left to the generic path.
 */
export function intBinaryOpExact(a: PyLong, b: PyLong, oparg: number): PyObject | null {
  switch (oparg >= 13 ? oparg - 13 : oparg) {
    case 0:
      return longAdd(a, b);
    case 10:
      return longSub(a, b);
    case 5:
      return longMul(a, b);
    case 6:
      return longMod(a, b);
    case 2:
      return longFloorDiv(a, b);
    default:
      return null;
  }
}

/** COMPARE_OP on two exact ints: long_richcompare. */
export function intCompareExact(a: PyLong, b: PyLong, op: CompareOp): PyObject {
  const c = a === b ? 0 : intCompare(a.value, b.value);
  return newBool(compareResult(c, op));
}

/** A binary slot: NotImplemented unless both operands are ints (CHECK_BINOP). */
function binop(f: (a: PyLong, b: PyLong) => PyObject) {
  return (a: PyObject, b: PyObject): PyObject =>
    bothInts(a, b) ? f(a as PyLong, b as PyLong) : notImplemented();
}

function longRichCompare(a: PyObject, b: PyObject, op: CompareOp): PyObject {
  if (!bothInts(a, b)) return notImplemented();
  const c = a === b ? 0 : intCompare((a as PyLong).value, (b as PyLong).value);
  return newBool(compareResult(c, op));
}

export function compareResult(c: number, op: CompareOp): boolean {
  switch (op) {
    case CompareOp.LT:
      return c < 0;
    case CompareOp.LE:
      return c <= 0;
    case CompareOp.EQ:
      return c === 0;
    case CompareOp.NE:
      return c !== 0;
    case CompareOp.GT:
      return c > 0;
    default:
      return c >= 0;
  }
}

function longTrueDivideSlot(a: PyObject, b: PyObject): PyObject {
  if (!bothInts(a, b)) return notImplemented();
  return newFloat(intTrueDivide((a as PyLong).value, (b as PyLong).value));
}

IntType.tp_repr = longRepr;
IntType.tp_hash = (o) => intHash((o as PyLong).value);
IntType.tp_richcompare = longRichCompare;
IntType.tp_sizeof = (o) => longSizeof((o as PyLong).value);
IntType.tp_new = longTpNew;
// The common slots are written out (not made by binop()): each then calls one function.
IntType.nb_add = (a, b) => (bothInts(a, b) ? longAdd(a as PyLong, b as PyLong) : notImplemented());
IntType.nb_subtract = (a, b) => (bothInts(a, b) ? longSub(a as PyLong, b as PyLong) : notImplemented());
IntType.nb_multiply = (a, b) => (bothInts(a, b) ? longMul(a as PyLong, b as PyLong) : notImplemented());
IntType.nb_floor_divide = (a, b) =>
  bothInts(a, b) ? longFloorDiv(a as PyLong, b as PyLong) : notImplemented();
IntType.nb_remainder = (a, b) => (bothInts(a, b) ? longMod(a as PyLong, b as PyLong) : notImplemented());
IntType.nb_divmod = binop(longDivmod);
IntType.nb_true_divide = longTrueDivideSlot;
IntType.nb_power = (a, b) => longPow(a, b, None);
IntType.nb_lshift = binop(longLshift);
IntType.nb_rshift = binop(longRshift);
IntType.nb_and = binop(longAnd);
IntType.nb_or = binop(longOr);
IntType.nb_xor = binop(longXor);
IntType.nb_negative = (o) => longNeg(o as PyLong);
IntType.nb_positive = (o) => longLong(o as PyLong);
IntType.nb_absolute = (o) => longAbs(o as PyLong);
IntType.nb_invert = (o) => longInvert(o as PyLong);
IntType.nb_bool = (o) => !intIsZero((o as PyLong).value);
IntType.nb_index = (o) => longLong(o as PyLong);
IntType.nb_int = (o) => longLong(o as PyLong);
IntType.nb_float = (o) => newFloat(longAsDouble(o as PyLong));

// ------------------------------------------------------------------ methods

function noArgs(name: string, args: PyObject[], kwnames: PyTuple | null): void {
  if (kwnames !== null && kwnames.items.length > 0)
    raise(TypeErrorType, `${name}() takes no keyword arguments`);
  if (args.length !== 0) raise(TypeErrorType, `${name}() takes no arguments (${args.length} given)`);
}

function oneArg(name: string, args: PyObject[], kwnames: PyTuple | null): PyObject {
  if (kwnames !== null && kwnames.items.length > 0)
    raise(TypeErrorType, `${name}() takes no keyword arguments`);
  if (args.length !== 1) raise(TypeErrorType, `${name}() takes exactly one argument (${args.length} given)`);
  return args[0];
}

function optArgs(name: string, args: PyObject[], kwnames: PyTuple | null, max: number): void {
  if (kwnames !== null && kwnames.items.length > 0)
    raise(TypeErrorType, `${name}() takes no keyword arguments`);
  if (args.length > max) {
    raise(
      TypeErrorType,
      `${name} expected at most ${max} argument${max === 1 ? '' : 's'}, got ${args.length}`,
    );
  }
}

/** A unary slot exposed as a method (`(5).__abs__()`), as its wrapper descriptor does. */
function unaryMethod(name: string, f: (o: PyObject) => PyObject): MethodSpec {
  return {
    name,
    call: (self, args, kw) => {
      noArgs(name, args, kw);
      return f(self);
    },
  };
}

/** Arguments of to_bytes/from_bytes: byteorder must be 'little' or 'big'. */
function littleEndian(fname: string, byteorder: PyObject | undefined): boolean {
  if (byteorder === undefined) return false;
  if (!isStr(byteorder)) {
    raise(TypeErrorType, `${fname}() argument 'byteorder' must be str, not ${byteorder.type.name}`);
  }
  if (byteorder.value === 'little') return true;
  if (byteorder.value === 'big') return false;
  return raise(ValueErrorType, "byteorder must be either 'little' or 'big'");
}

function parseKw(
  fname: string,
  args: PyObject[],
  kwnames: PyTuple | null,
  names: string[],
  maxPos: number,
): (PyObject | undefined)[] {
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  const npos = args.length - nkw;
  if (npos > maxPos) {
    raise(
      TypeErrorType,
      `${fname}() takes at most ${maxPos} positional argument${maxPos === 1 ? '' : 's'} (${npos} given)`,
    );
  }
  const out: (PyObject | undefined)[] = new Array(names.length).fill(undefined);
  for (let i = 0; i < npos; i++) out[i] = args[i];
  for (let i = 0; i < nkw; i++) {
    const k = (kwnames!.items[i] as PyStr).value;
    const j = names.indexOf(k);
    if (j < 0) raise(TypeErrorType, `'${k}' is an invalid keyword argument for ${fname}()`);
    if (out[j] !== undefined)
      raise(TypeErrorType, `argument for ${fname}() given by name ('${k}') and position (${j + 1})`);
    out[j] = args[npos + i];
  }
  return out;
}

let bytesFactory: ((data: Uint8Array) => PyObject) | null = null;
/** Lets bytesobject.ts provide PyBytes_FromStringAndSize (int.to_bytes uses it). */
export function setBytesFactory(f: (data: Uint8Array) => PyObject): void {
  bytesFactory = f;
}

function makeBytes(data: Uint8Array): PyObject {
  if (bytesFactory !== null) return bytesFactory(data);
  // Without a registered factory: call the builtin bytes type on a tuple of the byte values.
  let bt: PyType | null = null;
  for (const t of IntType.base!.subclasses) if (t.name === 'bytes' && !t.isHeapType) bt = t;
  if (bt === null) raise(TypeErrorType, 'bytes are not available');
  const items = Array.from(data, (b) => newInt(b));
  const tup = newTuple(items);
  try {
    return call(bt!, [tup]);
  } finally {
    decref(tup);
  }
}

/** _PyLong_AsByteArray. */
function toByteArray(v: IntValue, length: number, little: boolean, signed: boolean): Uint8Array {
  let x = toBig(v);
  if (x < 0n && !signed) raise(OverflowErrorType, "can't convert negative int to unsigned");
  const bits = BigInt(length * 8);
  if (signed) {
    // With no bytes at all, 0 and -1 (pure sign extension) still fit.
    const ok = length === 0 ? x === 0n || x === -1n : x < 1n << (bits - 1n) && x >= -(1n << (bits - 1n));
    if (!ok) raise(OverflowErrorType, 'int too big to convert');
    if (x < 0n) x += 1n << bits;
  } else if (x >= 1n << bits) raise(OverflowErrorType, 'int too big to convert');
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    out[little ? i : length - 1 - i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

/** PyObject_Bytes for from_bytes: bytes-like objects, or an iterable of ints in range. */
function bytesFromObject(o: PyObject): Uint8Array {
  const data = bytesContent(o);
  if (data !== null) return data;
  if (isStr(o)) raise(TypeErrorType, `cannot convert '${o.type.name}' object to bytes`);
  if (isInt(o)) raise(TypeErrorType, `cannot convert '${o.type.name}' object to bytes`);
  const out: number[] = [];
  const it = getIter(o);
  try {
    for (;;) {
      const x = iterNext(it);
      if (x === null) break;
      let v: IntValue;
      try {
        const i = numberIndex(x);
        v = i.value;
        decref(i);
      } finally {
        decref(x);
      }
      if (typeof v !== 'number' || v < 0 || v > 255) raise(ValueErrorType, 'bytes must be in range(0, 256)');
      out.push(v as number);
    }
  } finally {
    decref(it);
  }
  return Uint8Array.from(out);
}

/** _PyLong_FromByteArray. */
function fromByteArray(data: Uint8Array, little: boolean, signed: boolean): PyLong {
  let x = 0n;
  const n = data.length;
  for (let i = 0; i < n; i++) x = (x << 8n) | BigInt(data[little ? n - 1 - i : i]);
  if (signed && n > 0 && data[little ? n - 1 : 0] >= 0x80) x -= 1n << BigInt(8 * n);
  return newIntBig(x);
}

/** _PyLong_DivmodNear: (q, r) with q the nearest integer to a / b, ties to even. */
function divmodNear(a: PyLong, b: PyLong): PyTuple {
  const quoNeg = intSign(a.value) < 0 !== intSign(b.value) < 0;
  let [quo, rem] = longDivrem(a, b);
  try {
    let twice = lshiftBy(rem, 1);
    if (quoNeg) {
      const t = longNeg(twice);
      decref(twice);
      twice = t;
    }
    const cmp = intCompare(twice.value, b.value);
    decref(twice);
    const quoOdd = (digitAt(quo.value, 0) & 1) === 1;
    if ((intSign(b.value) < 0 ? cmp < 0 : cmp > 0) || (cmp === 0 && quoOdd)) {
      const t = quoNeg ? longSub(quo, smallInt(1)) : longAdd(quo, smallInt(1));
      decref(quo);
      quo = t;
      const r = quoNeg ? longAdd(rem, b) : longSub(rem, b);
      decref(rem);
      rem = r;
    }
  } catch (e) {
    decref(quo);
    decref(rem);
    throw e;
  }
  return newTuple([quo, rem]);
}

/** int.__round__(ndigits). */
function longRound(self: PyLong, o: PyObject | undefined): PyObject {
  if (o === undefined) return longLong(self);
  let nd = numberIndex(o);
  if (intSign(nd.value) >= 0) {
    decref(nd);
    return longLong(self);
  }
  const t = longNeg(nd);
  decref(nd);
  nd = t;
  const ten = newInt(10);
  let pw: PyObject;
  try {
    pw = longPow(ten, nd, None);
  } finally {
    decref(nd);
    decref(ten);
  }
  let pair: PyTuple;
  try {
    pair = divmodNear(self, pw as PyLong);
  } finally {
    decref(pw);
  }
  try {
    return longSub(self, pair.items[1] as PyLong);
  } finally {
    decref(pair);
  }
}

function longFormat(self: PyObject, spec: PyObject): PyObject {
  if (!isStr(spec)) raise(TypeErrorType, `__format__() argument must be str, not ${spec.type.name}`);
  const s = spec.value;
  if (s === '') {
    if (self.type === IntType) return longRepr(self);
    return objectStr(self);
  }
  const v = (self as PyLong).value;
  let text: string;
  try {
    text = formatInt(toBig(v), s, self.type.name);
  } catch (e) {
    return raiseTextError(e);
  }
  return newStr(text);
}

function powMethod(reflected: boolean): MethodSpec {
  const name = reflected ? '__rpow__' : '__pow__';
  return {
    name,
    call: (self, args, kw) => {
      if (kw !== null && kw.items.length > 0) raise(TypeErrorType, `${name}() takes no keyword arguments`);
      if (args.length < 1 || args.length > 2) {
        raise(
          TypeErrorType,
          `expected ${args.length < 1 ? 1 : 2} argument${args.length < 1 ? '' : 's'}, got ${args.length}`,
        );
      }
      const mod = args.length > 1 ? args[1] : None;
      const f = self.type.nb_power;
      if (mod === None) {
        if (f === undefined) return notImplemented();
        return reflected ? f(args[0], self) : f(self, args[0]);
      }
      return reflected ? ternaryPow(args[0], self, mod) : ternaryPow(self, args[0], mod);
    },
  };
}

/** The nb_power with a modulus: int's long_pow or float's float_pow. */
function ternaryPow(a: PyObject, b: PyObject, m: PyObject): PyObject {
  if (isFloat(a) || isFloat(b) || isFloat(m)) return floatPow(a, b, m);
  return longPow(a, b, m);
}

/**
 * pow(v, w, z) with a modulus (ternary_op for int and float operands): int's long_pow,
 * or float's error for floats. Other operand types are NotImplemented.
 */
export function numberPowerMod(v: PyObject, w: PyObject, z: PyObject): PyObject {
  return ternaryPow(v, w, z);
}

IntType.methodSpecs.push(
  {
    name: '__new__',
    kind: 'classmethod',
    call: (_cls, args, kw) => {
      const st = checkNewWrapper('int', IntType, args);
      return longTpNew(st, args.slice(1), kw);
    },
  },
  unaryMethod('conjugate', (o) => longLong(o as PyLong)),
  unaryMethod('bit_length', (o) => newInt(intBitLength((o as PyLong).value))),
  unaryMethod('bit_count', (o) => {
    const v = absBig((o as PyLong).value);
    let n = 0;
    for (const c of v.toString(2)) if (c === '1') n++;
    return newInt(n);
  }),
  {
    name: 'to_bytes',
    call: (self, args, kw) => {
      const [length, byteorder, signed] = parseKw('to_bytes', args, kw, ['length', 'byteorder', 'signed'], 2);
      let n = 1;
      if (length !== undefined) {
        const i = numberIndex(length);
        const lv = i.value;
        decref(i);
        if (typeof lv !== 'number') raise(OverflowErrorType, 'Python int too large to convert to C ssize_t');
        n = lv as number;
      }
      const little = littleEndian('to_bytes', byteorder);
      if (n < 0) raise(ValueErrorType, 'length argument must be non-negative');
      const data = toByteArray((self as PyLong).value, n, little, signed !== undefined && isTrue(signed));
      return makeBytes(data);
    },
  },
  {
    name: 'from_bytes',
    kind: 'classmethod',
    call: (cls, args, kw) => {
      const [bytesObj, byteorder, signed] = parseKw(
        'from_bytes',
        args,
        kw,
        ['bytes', 'byteorder', 'signed'],
        2,
      );
      if (bytesObj === undefined)
        raise(TypeErrorType, "from_bytes() missing required argument 'bytes' (pos 1)");
      const little = littleEndian('from_bytes', byteorder);
      const data = bytesFromObject(bytesObj!);
      const r = fromByteArray(data, little, signed !== undefined && isTrue(signed));
      if (cls === IntType) return r;
      try {
        return call(cls, [r]);
      } finally {
        decref(r);
      }
    },
  },
  unaryMethod('as_integer_ratio', (o) => {
    const num = longLong(o as PyLong);
    const one = newInt(1);
    return newTuple([num, one]);
  }),
  unaryMethod('__trunc__', (o) => longLong(o as PyLong)),
  unaryMethod('__floor__', (o) => longLong(o as PyLong)),
  unaryMethod('__ceil__', (o) => longLong(o as PyLong)),
  {
    name: '__round__',
    call: (self, args, kw) => {
      optArgs('__round__', args, kw, 1);
      return longRound(self as PyLong, args[0]);
    },
  },
  unaryMethod('__getnewargs__', (o) => newTuple([longCopy(o as PyLong)])),
  {
    name: '__format__',
    call: (self, args, kw) => longFormat(self, oneArg('__format__', args, kw)),
  },
  unaryMethod('__sizeof__', (o) => newInt(longSizeof((o as PyLong).value))),
  // Slots CPython exposes as wrapper descriptors that the engine's slotdefs do not list.
  unaryMethod('__pos__', (o) => o.type.nb_positive!(o)),
  unaryMethod('__abs__', (o) => o.type.nb_absolute!(o)),
  unaryMethod('__invert__', (o) => o.type.nb_invert!(o)),
  unaryMethod('__bool__', (o) => newBool(o.type.nb_bool!(o))),
  unaryMethod('__int__', (o) => o.type.nb_int!(o)),
  unaryMethod('__float__', (o) => o.type.nb_float!(o)),
  powMethod(false),
  powMethod(true),
);

const getsets: GetSetSpec[] = [
  { name: 'real', get: (o) => longLong(o as PyLong) },
  { name: 'imag', get: () => newInt(0) },
  { name: 'numerator', get: (o) => longLong(o as PyLong) },
  { name: 'denominator', get: () => newInt(1) },
];
IntType.getsetSpecs.push(...getsets);

// ===================================================================== bool

export const BoolType: PyType = staticType({
  name: 'bool',
  base: IntType,
  basicsize: 24,
  itemsize: 4,
  flags: TypeFlag.LONG_SUBCLASS,
});
BoolType.doc =
  'bool(x) -> bool\n\nReturns True when the argument x is true, False otherwise.\nThe builtins True and False are the only two instances of the class bool.\nThe class bool is a subclass of the class int, and cannot be subclassed.';

/** Counted like any object; CPython's value at startup is in the thousands and varies. */
const BOOL_STARTUP_REFS = 1000;

export const True = placeStatic(new PyLong(1, BoolType), 32);
export const False = placeStatic(new PyLong(0, BoolType), 32);
True.refcnt = BOOL_STARTUP_REFS;
False.refcnt = BOOL_STARTUP_REFS;

/** PyBool_FromLong: a new reference to True or False. */
export function newBool(b: boolean): PyLong {
  const o = b ? True : False;
  o.refcnt++;
  return o;
}

BoolType.tp_dealloc = () => {
  throw new Error('deallocating a bool');
};
BoolType.tp_repr = boolRepr;
BoolType.nb_and = boolAnd;
BoolType.nb_or = boolOr;
BoolType.nb_xor = boolXor;
BoolType.tp_new = boolNew;
BoolType.tp_vectorcall = boolVectorcall;
BoolType.methodSpecs.push({ name: '__new__', kind: 'classmethod', call: boolNewMethod });
