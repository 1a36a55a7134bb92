/**
 * float: IEEE 754 doubles. @cpython Objects/floatobject.c, Python/pyhash.c
 * _Py_HashDouble, Objects/abstract.c PyNumber_Float (3.11)
 *
 * A float is a 24-byte non-GC object. Dead exact floats go to a free list of 100
 * (PyFloat_MAXFREELIST) and are reused last-in first-out, so a new float usually takes
 * the address of the last one freed; every full collection empties the list
 * (memory/freelistclear.ts).
 */
import { CompareOp, PyObject, PyType, TypeFlag, decref, type MethodSpec } from './object';
import { staticType } from './roots';
import { allocObject, allocGCObject, freeObject, gcDel, pyMalloc, pyFree, reborn } from '../memory/alloc';
import { PyFloat_MAXFREELIST } from '../profiles/cpython311';
import { rt } from '../vm/runtime';
import { raise, newException } from '../vm/errors';
import {
  NotImplementedErrorType,
  OverflowErrorType,
  TypeErrorType,
  ValueErrorType,
  ZeroDivisionErrorType,
} from './exceptions';
import { None, NotImplemented } from './noneobject';
import { newStr, isStr, StrType, type PyStr } from './unicodeobject';
import { hashPointer } from './baseobject';
import { newTuple, type PyTuple } from './tupleobject';
import { numberIndex, call, objectRepr, objectStr, getIter, iterNext } from './abstract';
import {
  isInt,
  newInt,
  newBool,
  longAsDouble,
  longFromDouble,
  longLshift,
  intBitLength,
  intSign,
  toBig,
  compareResult,
  raiseTextError,
  checkNewWrapper,
  type IntValue,
  type PyLong,
} from './longobject';
import { floatRepr } from '../text/floatrepr';
import { parseFloatLiteral } from '../text/intformat';
import { formatFloat } from '../text/formatspec';
import { exactDigits } from '../text/dtoa';

export const FloatType: PyType = staticType({
  name: 'float',
  basicsize: 24,
  flags: TypeFlag.BASETYPE,
});
FloatType.doc = 'Convert a string or number to a floating point number, if possible.';

export class PyFloat extends PyObject {
  constructor(
    public value: number,
    type: PyType = FloatType,
  ) {
    super(type);
  }
}

/** PyFloat_Check: float or a subclass. */
export function isFloat(o: PyObject): o is PyFloat {
  return o.type === FloatType || o.type.isSubtypeOf(FloatType);
}

/** PyFloat_FromDouble: from the free list when it has a dead float, else a 24-byte block. */
export function newFloat(x: number): PyFloat {
  const o = rt.freelists.floats.pop() as PyFloat | undefined;
  if (o !== undefined) {
    o.refcnt = 1;
    o.value = x;
    reborn(o);
    return o;
  }
  return allocObject(new PyFloat(x), 24);
}

/** float_dealloc: exact floats go to the free list while it has room; subclasses use tp_free. */
export function floatDealloc(o: PyObject): void {
  if (o.type === FloatType) {
    const fl = rt.freelists.floats;
    if (fl.length >= PyFloat_MAXFREELIST) freeObject(o);
    else fl.push(o);
    return;
  }
  if (o.type.isGC) gcDel(o);
  else freeObject(o);
}
FloatType.tp_dealloc = floatDealloc;

/** An instance of a float subclass: PyType_GenericAlloc(type, 0), tracked. */
export function newFloatOfType(type: PyType, x: number): PyFloat {
  if (type === FloatType) return newFloat(x);
  const size = (type.basicsize + type.itemsize + 7) & ~7;
  const o = allocGCObject(new PyFloat(x, type), size);
  if (type.isHeapType) type.refcnt++;
  if (type.isGC) rt.gc.track(o);
  return o;
}

// ------------------------------------------------------------------ conversions

function notImplemented(): PyObject {
  NotImplemented.refcnt++;
  return NotImplemented;
}

/** CONVERT_TO_DOUBLE: a float's value, an int as a double (OverflowError), else null. */
function toDouble(o: PyObject): number | null {
  if (o.type === FloatType || isFloat(o)) return (o as PyFloat).value;
  if (isInt(o)) return longAsDouble(o);
  return null;
}

/** PyFloat_AsDouble: floats, objects with __float__, or __index__. */
export function floatAsDouble(o: PyObject): number {
  if (isFloat(o)) return o.value;
  const t = o.type;
  if (t.nb_float === undefined) {
    if (t.nb_index !== undefined) {
      const r = numberIndex(o);
      try {
        return longAsDouble(r);
      } finally {
        decref(r);
      }
    }
    return raise(TypeErrorType, `must be real number, not ${t.name}`);
  }
  const r = t.nb_float(o);
  if (!isFloat(r)) {
    const name = r.type.name;
    decref(r);
    raise(TypeErrorType, `${t.name}.__float__ returned non-float (type ${name})`);
  }
  const v = (r as PyFloat).value;
  decref(r);
  return v;
}

/** The bytes of a bytes or bytearray object, or null. */
function bytesContent(o: PyObject): Uint8Array | null {
  let t: PyType | null = o.type;
  while (t !== null && t.name !== 'bytes' && t.name !== 'bytearray') t = t.base;
  if (t === null || t.isHeapType) return null;
  const data = (o as unknown as { bytes?: Uint8Array }).bytes ?? (o as unknown as { data?: Uint8Array }).data;
  if (data instanceof Uint8Array) return data;
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

/** PyFloat_FromString: str (any subclass), bytes or bytearray. */
export function floatFromString(o: PyObject): PyFloat {
  if (isStr(o)) {
    let x: number;
    try {
      x = parseFloatLiteral(o.value);
    } catch (e) {
      return raiseTextError(e);
    }
    return newFloat(x);
  }
  const data = bytesContent(o);
  if (data === null) {
    return raise(TypeErrorType, `float() argument must be a string or a real number, not '${o.type.name}'`);
  }
  let text = '';
  for (const c of data) text += String.fromCharCode(c);
  let x: number | null = null;
  if (!/[^\x01-\x7f]/.test(text)) {
    try {
      x = parseFloatLiteral(text);
    } catch {
      x = null;
    }
  }
  if (x === null) {
    const r = objectRepr(o);
    const shown = r.value;
    decref(r);
    raise(ValueErrorType, `could not convert string to float: ${shown}`);
  }
  return newFloat(x!);
}

/** PyNumber_Float: float(x) for anything but an exact str. */
export function numberFloat(o: PyObject): PyFloat {
  if (o.type === FloatType) return (o.refcnt++, o as PyFloat);
  const t = o.type;
  if (t.nb_float !== undefined) {
    const r = t.nb_float(o);
    if (r.type === FloatType) return r as PyFloat;
    if (!isFloat(r)) {
      const name = r.type.name;
      decref(r);
      raise(TypeErrorType, `${t.name}.__float__ returned non-float (type ${name})`);
    }
    const v = (r as PyFloat).value;
    decref(r);
    return newFloat(v);
  }
  if (t.nb_index !== undefined) {
    const r = numberIndex(o);
    let v: number;
    try {
      v = longAsDouble(r);
    } finally {
      decref(r);
    }
    return newFloat(v);
  }
  if (isFloat(o)) return newFloat(o.value);
  return floatFromString(o);
}

/** float_new_impl. */
export function floatNewImpl(type: PyType, x: PyObject | null): PyObject {
  if (type !== FloatType) return floatSubtypeNew(type, x);
  if (x === null) return newFloat(0);
  if (x.type === StrType) return floatFromString(x);
  return numberFloat(x);
}

/** float_subtype_new: an exact float first, then the subclass instance; the temporary dies. */
function floatSubtypeNew(type: PyType, x: PyObject | null): PyObject {
  const tmp = (x === null ? newFloat(0) : floatNewImpl(FloatType, x)) as PyFloat;
  try {
    return newFloatOfType(type, tmp.value);
  } finally {
    decref(tmp);
  }
}

function checkFloatArgs(type: PyType, args: PyObject[], kwnames: PyTuple | null): void {
  if (
    (type === FloatType || type.tp_init === FloatType.tp_init) &&
    kwnames !== null &&
    kwnames.items.length > 0
  ) {
    raise(TypeErrorType, 'float() takes no keyword arguments');
  }
  const npos = args.length - (kwnames?.items.length ?? 0);
  if (npos > 1) raise(TypeErrorType, `float expected at most 1 argument, got ${npos}`);
}

/** float_new (type_call's path, used by subclasses). */
function floatTpNew(type: PyType, args: PyObject[], kwnames: PyTuple | null): PyObject {
  checkFloatArgs(type, args, kwnames);
  const npos = args.length - (kwnames?.items.length ?? 0);
  return floatNewImpl(type, npos > 0 ? args[0] : null);
}

/** float_vectorcall: `float()` / `float(x)`. */
function floatVectorcall(callable: PyObject, args: PyObject[], kwnames: PyTuple | null): PyObject {
  if (kwnames !== null && kwnames.items.length > 0)
    raise(TypeErrorType, 'float() takes no keyword arguments');
  if (args.length > 1) raise(TypeErrorType, `float expected at most 1 argument, got ${args.length}`);
  return floatNewImpl(callable as PyType, args.length > 0 ? args[0] : null);
}

// ------------------------------------------------------------------ repr and hash

function digitCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 101) break; // 'e'
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/**
 * float_repr: PyOS_double_to_string writes into a PyMem buffer (3 + digits + exponent
 * bytes) that is alive while the str is created.
 */
function floatReprSlot(o: PyObject): PyObject {
  const x = (o as PyFloat).value;
  const text = floatRepr(x);
  const bufsize = Number.isFinite(x) ? 3 + digitCount(text) + (text.includes('e') ? 5 : 0) : 5;
  const buf = pyMalloc(bufsize);
  try {
    return newStr(text);
  } finally {
    pyFree(buf);
  }
}

/**
 * format_float_internal's allocations for `text`: PyOS_double_to_string's PyMem buffer
 * (3 + digits + exponent bytes) lives while the result is written. Without a sign, width,
 * grouping or 'n' the buffer's text goes straight into the result (the fast path);
 * otherwise it first becomes a temporary str, freed once the padded result is made.
 * @cpython Python/formatter_unicode.c format_float_internal, Python/pystrtod.c
 */
function formattedFloat(x: number, spec: string, text: string): PyObject {
  const m = /^(?:.?[<>=^])?([-+ ])?z?(#?)0?(\d*)([,_])?(\.\d+)?([a-zA-Z%])?$/.exec(spec);
  if (m === null || (m[6] !== undefined && !'eEfFgGn%'.includes(m[6]))) return newStr(text);
  const digits = digitCount(text);
  const exp = /[eE][+-]\d/.test(text) ? 5 : 0;
  const fast = m[1] !== '+' && m[1] !== ' ' && m[3] === '' && m[6] !== 'n' && m[4] === undefined;
  // The temporary of the slow path holds the digits alone: no sign but '-', no padding, no grouping.
  const bare = fast || m[6] === 'n' ? text : formatFloat(x, `${m[2]}${m[5] ?? ''}${m[6] ?? ''}`, 'float');
  const buf = pyMalloc(Number.isFinite(x) ? 3 + digits + exp : 5);
  if (fast) {
    try {
      return newStr(text);
    } finally {
      pyFree(buf);
    }
  }
  const tmp = newStr(bare);
  pyFree(buf);
  try {
    return newStr(text);
  } finally {
    decref(tmp);
  }
}

const HASH_MODULUS = (1n << 61n) - 1n;
const HASH_INF = 314159;
const bits = new DataView(new ArrayBuffer(8));

/** The integer mantissa and exponent of a finite nonzero double: |x| = mant * 2**exp. */
function decompose(x: number): [bigint, number] {
  bits.setFloat64(0, x);
  const hi = bits.getUint32(0);
  const lo = bits.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = BigInt(hi & 0xfffff) * 0x100000000n + BigInt(lo);
  let e: number;
  if (bexp === 0) e = -1074;
  else {
    mant += 1n << 52n;
    e = bexp - 1075;
  }
  return [mant, e];
}

/**
 * _Py_HashDouble exactly: |x| = m * 2**e is reduced modulo 2**61 - 1 (where 2**61 ≡ 1),
 * the sign kept, -1 made -2; ±inf hash to ±314159. NaN hashes by identity: null here.
 */
export function doubleHashExact(x: number): IntValue | null {
  if (!Number.isFinite(x)) {
    if (x === Infinity) return HASH_INF;
    if (x === -Infinity) return -HASH_INF;
    return null;
  }
  if (x === 0) return 0;
  const [mant, e] = decompose(x);
  const k = ((e % 61) + 61) % 61;
  let h = ((mant % HASH_MODULUS) << BigInt(k)) % HASH_MODULUS;
  if (x < 0) h = -h;
  if (h === -1n) h = -2n;
  return h >= -9007199254740991n && h <= 9007199254740991n ? Number(h) : h;
}

/** float_hash exactly (hash() should use this: values reach 2**61). */
export function floatHashExact(o: PyObject): IntValue {
  const h = doubleHashExact((o as PyFloat).value);
  return h === null ? hashPointer(o) : h;
}

function floatHash(o: PyObject): number {
  const h = floatHashExact(o);
  return typeof h === 'number' ? h : Number(h);
}

// ------------------------------------------------------------------ comparison

/** float_richcompare: exact against ints of any size. */
function floatRichCompare(v: PyObject, w: PyObject, op: CompareOp): PyObject {
  let i = (v as PyFloat).value;
  let j: number;
  if (isFloat(w)) j = w.value;
  else if (!Number.isFinite(i)) {
    if (!isInt(w)) return notImplemented();
    j = 0;
  } else if (isInt(w)) {
    const vsign = i === 0 ? 0 : i < 0 ? -1 : 1;
    const wsign = intSign(w.value);
    if (vsign !== wsign) {
      i = vsign;
      j = wsign;
    } else if (intBitLength(w.value) <= 48) {
      j = Number(w.value);
    } else {
      // Same sign, w beyond 48 bits: compare exactly.
      const ip = Math.trunc(i);
      const wi = toBig(w.value);
      const bi = BigInt(ip);
      let c = bi < wi ? -1 : bi > wi ? 1 : 0;
      if (c === 0 && ip !== i) c = i > 0 ? 1 : -1;
      return newBool(compareResult(c, op));
    }
  } else return notImplemented();
  let r: boolean;
  switch (op) {
    case CompareOp.EQ:
      r = i === j;
      break;
    case CompareOp.NE:
      r = i !== j;
      break;
    case CompareOp.LE:
      r = i <= j;
      break;
    case CompareOp.GE:
      r = i >= j;
      break;
    case CompareOp.LT:
      r = i < j;
      break;
    default:
      r = i > j;
  }
  return newBool(r);
}

// ------------------------------------------------------------------ arithmetic

type FloatBin = (a: number, b: number) => PyObject;

/** A binary slot: both operands converted to doubles, or NotImplemented. */
function floatBinop(f: FloatBin) {
  return (v: PyObject, w: PyObject): PyObject => {
    const a = toDouble(v);
    if (a === null) return notImplemented();
    const b = toDouble(w);
    if (b === null) return notImplemented();
    return f(a, b);
  };
}

function copysign0(x: number): number {
  return x < 0 || Object.is(x, -0) ? -0 : 0;
}

function floatRem(vx: number, wx: number): number {
  if (wx === 0) raise(ZeroDivisionErrorType, 'float modulo');
  let mod = vx % wx;
  if (mod !== 0) {
    if (wx < 0 !== mod < 0) mod += wx;
  } else mod = copysign0(wx);
  return mod;
}

/** _float_div_mod. */
function floatDivMod(vx: number, wx: number): [number, number] {
  let mod = vx % wx;
  let div = (vx - mod) / wx;
  if (mod !== 0) {
    if (wx < 0 !== mod < 0) {
      mod += wx;
      div -= 1.0;
    }
  } else mod = copysign0(wx);
  let floordiv: number;
  if (div !== 0) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else floordiv = copysign0(vx / wx);
  return [floordiv, mod];
}

function isOddInteger(x: number): boolean {
  return Math.abs(x) % 2.0 === 1.0;
}

/** errno ERANGE from pow(): OverflowError(34, 'Numerical result out of range'). */
function rangeError(): never {
  throw newException(OverflowErrorType, [newInt(34), newStr('Numerical result out of range')]);
}

// ------------------------------------------------------------------ libm pow

/*
 * CPython's float ** float calls the C library's pow(). Engines' Math.pow differ from
 * glibc 2.36's in the last bit for about 1 in 12 arguments, so this follows the pow that
 * glibc uses, ARM's optimized-routines math/pow.c (the variant built with fused
 * multiply-adds, which x86-64 CPUs with FMA run): log(x) in double-double from a
 * 128-entry table and a degree-8 polynomial, times y, then exp from a 128-entry table of
 * 2**(k/128) and a degree-5 polynomial (math/exp.c). GCC contracts `a*b + c` into fused
 * multiply-adds in that build (except in the k < 0 special case, whose product is shared
 * across blocks), and the results depend on it: `fma` below is an exact fused
 * multiply-add. The tables are the documented definitions evaluated exactly
 * (fixtures/float-pow-tables.py); the results are checked against CPython in
 * float-pow.test.ts. The algorithm, its constants and tables are ARM's:
 *
 *   Copyright (c) 2018-2020, Arm Limited.
 *   SPDX-License-Identifier: MIT (the project is MIT OR Apache-2.0 WITH LLVM-exception)
 *
 *   Permission is hereby granted, free of charge, to any person obtaining a copy of this
 *   software and associated documentation files (the "Software"), to deal in the Software
 *   without restriction, including without limitation the rights to use, copy, modify,
 *   merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
 *   permit persons to whom the Software is furnished to do so, subject to the following
 *   conditions:
 *
 *   The above copyright notice and this permission notice shall be included in all
 *   copies or substantial portions of the Software.
 *
 *   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
 *   INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A
 *   PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT
 *   HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF
 *   CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE
 *   OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
 */

const POW_LOG_TABLE =
  '3ff6a00000000000bfd62c82f2b9c8003cfab424283756803ff6800000000000bfd5d1bdbf580800bd1ca508d8e0f720' +
  '3ff6600000000000bfd5767717455800bd2362a4d5b6506d3ff6400000000000bfd51aad872df800bce684e49eb067d5' +
  '3ff6200000000000bfd4be5f95777800bd041b6993293ee03ff6000000000000bfd4618bc21c60003d13d82f484c84cc' +
  '3ff5e00000000000bfd404308686a8003cdc42f3ed820b3a3ff5c00000000000bfd3a64c556948003d20b1c686519460' +
  '3ff5a00000000000bfd347dd9a9880003d25594dd4c580923ff5800000000000bfd2e8e2bae120003d267b1e99b72bd8' +
  '3ff5600000000000bfd2895a13de88003d15ca14b6cfb03f3ff5600000000000bfd2895a13de88003d15ca14b6cfb03f' +
  '3ff5400000000000bfd22941fbcf7800bd165a242853da763ff5200000000000bfd1c898c1699800bd1fafbc68e75404' +
  '3ff5000000000000bfd1675cababa8003d1f1fc63382a8f03ff4e00000000000bfd1058bf9ae4800bd26a8c4fd055a66' +
  '3ff4c00000000000bfd0a324e2739000bd0c6bee7ef4030e3ff4a00000000000bfd0402594b4d000bcf036b89ef42d7f' +
  '3ff4a00000000000bfd0402594b4d000bcf036b89ef42d7f3ff4800000000000bfcfb9186d5e40003d0d572aab993c87' +
  '3ff4600000000000bfcef0adcbdc60003d2b26b79c86af243ff4400000000000bfce27076e2af000bd172f4f543fff10' +
  '3ff4200000000000bfcd5c216b4fc0003d21ba91bbca681b3ff4000000000000bfcc8ff7c79aa0003d27794f689f8434' +
  '3ff4000000000000bfcc8ff7c79aa0003d27794f689f84343ff3e00000000000bfcbc286742d90003d194eb0318bb78f' +
  '3ff3c00000000000bfcaf3c94e80c0003cba4e633fcd90663ff3a00000000000bfca23bc1fe2b000bd258c64dc46c1ea' +
  '3ff3a00000000000bfca23bc1fe2b000bd258c64dc46c1ea3ff3800000000000bfc9525a9cf45000bd2ad1d904c1d4e3' +
  '3ff3600000000000bfc87fa06520d0003d2bbdbf7fdbfa093ff3400000000000bfc7ab890210e0003d2bdb9072534a58' +
  '3ff3400000000000bfc7ab890210e0003d2bdb9072534a583ff3200000000000bfc6d60fe719d000bd10e46aa3b2e266' +
  '3ff3000000000000bfc5ff3070a79000bd1e9e439f1050393ff3000000000000bfc5ff3070a79000bd1e9e439f105039' +
  '3ff2e00000000000bfc526e5e3a1b000bd20de8b90075b8f3ff2c00000000000bfc44d2b6ccb80003d170cc16135783c' +
  '3ff2c00000000000bfc44d2b6ccb80003d170cc16135783c3ff2a00000000000bfc371fc201e90003cf178864d27543a' +
  '3ff2800000000000bfc29552f81ff000bd248d301771c4083ff2600000000000bfc1b72ad52f6000bd2e80a41811a396' +
  '3ff2600000000000bfc1b72ad52f6000bd2e80a41811a3963ff2400000000000bfc0d77e7cd090003d0a699688e85bf4' +
  '3ff2400000000000bfc0d77e7cd090003d0a699688e85bf43ff2200000000000bfbfec9131dbe000bd2575545ca333f2' +
  '3ff2000000000000bfbe27076e2b00003d2a342c2af0003c3ff2000000000000bfbe27076e2b00003d2a342c2af0003c' +
  '3ff1e00000000000bfbc5e548f5bc000bd1d0c57585fbe063ff1c00000000000bfba926d3a4ae0003d253935e85baac8' +
  '3ff1c00000000000bfba926d3a4ae0003d253935e85baac83ff1a00000000000bfb8c345d631a0003d137c294d2f5668' +
  '3ff1a00000000000bfb8c345d631a0003d137c294d2f56683ff1800000000000bfb6f0d28ae56000bd269737c93373da' +
  '3ff1600000000000bfb51b073f0620003d1f025b61c65e573ff1600000000000bfb51b073f0620003d1f025b61c65e57' +
  '3ff1400000000000bfb341d7961be0003d2c5edaccf913df3ff1400000000000bfb341d7961be0003d2c5edaccf913df' +
  '3ff1200000000000bfb16536eea380003d147c5e768fa3093ff1000000000000bfaf0a30c01180003d2d599e83368e91' +
  '3ff1000000000000bfaf0a30c01180003d2d599e83368e913ff0e00000000000bfab42dd711980003d1c827ae5d6704c' +
  '3ff0e00000000000bfab42dd711980003d1c827ae5d6704c3ff0c00000000000bfa77458f632c000bd2cfc4634f2a1ee' +
  '3ff0c00000000000bfa77458f632c000bd2cfc4634f2a1ee3ff0a00000000000bfa39e87b9fec0003cf502b7f526feaa' +
  '3ff0a00000000000bfa39e87b9fec0003cf502b7f526feaa3ff0800000000000bf9f829b0e780000bd2980267c7e09e4' +
  '3ff0800000000000bf9f829b0e780000bd2980267c7e09e43ff0600000000000bf97b91b07d58000bd288d5493faa639' +
  '3ff0400000000000bf8fc0a8b0fc0000bcdf1e7cf6d3a69c3ff0400000000000bf8fc0a8b0fc0000bcdf1e7cf6d3a69c' +
  '3ff0200000000000bf7fe02a6b100000bd19e23f0dda40e43ff0200000000000bf7fe02a6b100000bd19e23f0dda40e4' +
  '3ff0000000000000000000000000000000000000000000003ff000000000000000000000000000000000000000000000' +
  '3fefc000000000003f80101575890000bd10c76b999d2be83fef8000000000003f90205658938000bd23dc5b06e2f7d2' +
  '3fef4000000000003f98492528c90000bd2aa0ba325a0c343fef0000000000003fa0415d89e740003d0111c05cf1d753' +
  '3feec000000000003fa466aed42e0000bd2c167375bdfd283fee8000000000003fa894aa149fc000bd197995d05a267d' +
  '3fee4000000000003faccb73cdddc000bd1a68f247d828073fee2000000000003faeea31c006c000bd0e113e4fc93b7b' +
  '3fede000000000003fb1973bd1466000bd25325d560d9e9b3feda000000000003fb3bdf5a7d1e0003d2cc85ea5db4ed7' +
  '3fed6000000000003fb5e95a4d97a000bd2c69063c5d1d1e3fed4000000000003fb700d30aeac0003cec1e8da99ded32' +
  '3fed0000000000003fb9335e5d5940003d23115c3abd47da3fecc000000000003fbb6ac88dad6000bd1390802bf768e5' +
  '3feca000000000003fbc885801bc40003d2646d1c65aacd33fec6000000000003fbec739830a2000bd2dc068afe645e0' +
  '3fec4000000000003fbfe89139dbe000bd2534d64fa10afd3fec0000000000003fc1178e8227e0003d21ef78ce2d07f2' +
  '3febe000000000003fc1aa2b7e23f0003d2ca78e443899343feba000000000003fc2d1610c8680003d039d6ccb81b4a1' +
  '3feb8000000000003fc365fcb01590003cc62fa8234b72893feb4000000000003fc4913d8333b0003d25837954fdb678' +
  '3feb2000000000003fc527e5e4a1b0003d2633e8e5697dc73feae000000000003fc6574ebe8c10003d19cf8b2c3c2e78' +
  '3feac000000000003fc6f0128b757000bd25118de59c21e13feaa000000000003fc7898d85445000bd1c661070914305' +
  '3fea6000000000003fc8beafeb390000bd073d54aae92cd13fea4000000000003fc95a5adcf700003d07f22858a0ff6f' +
  '3fea0000000000003fca93ed3c8ae000bd287243505621693fe9e000000000003fcb31d8575bd000bd0c358d4eace1aa' +
  '3fe9c000000000003fcbd087383be000bd2d4bc4595412b63fe9a000000000003fcc6ffbc6f01000bcf1ec72c5962bd2' +
  '3fe96000000000003fcdb13db0d49000bd2aff2af715b0353fe94000000000003fce530effe710003cc212276041f430' +
  '3fe92000000000003fcef5ade4dd0000bcca211565bb8e113fe90000000000003fcf991c6cb3b0003d1bcbecca0cdf30' +
  '3fe8c000000000003fd07138604d58003cf89cdb16ed4e913fe8a000000000003fd0c42d676160003d27188b163ceae9' +
  '3fe88000000000003fd1178e8227e800bd2c210e63a5f01c3fe86000000000003fd16b5ccbacf8003d2b9acdf7a51681' +
  '3fe84000000000003fd1bf99635a68003d2ca6ed5147bdb73fe82000000000003fd214456d0eb8003d0a87deba46baea' +
  '3fe7e000000000003fd2bef07cdc90003d2a9cfa4a5004f43fe7c000000000003fd314f1e1d36000bd28e27ad3213cb8' +
  '3fe7a000000000003fd36b6776be10003d116ecdb0f177c83fe78000000000003fd3c252773330003d183b54b606bd5c' +
  '3fe76000000000003fd419b423d5e8003d08e436ec90e09d3fe74000000000003fd4718dc271c800bd2f27ce0967d675' +
  '3fe72000000000003fd4c9e09e173000bd2e20891b0ad8a43fe70000000000003fd522ae0738a0003d2ebe708164c759' +
  '3fe6e000000000003fd57bf753c8d0003d1fadedee5d40ef3fe6c000000000003fd5d5bddf596000bd0a0b2a08a465dc';
const EXP_TABLE =
  '00000000000000003ff00000000000003c9b3b4f1a88bf6e3ff0163da9fb3335bc7160139cd8dc5d3ff02c9a3e778061' +
  'bc905e7a108766d13ff04315e86e7f853c8cd2523567f6133ff059b0d3158574bc8bce8023f98efa3ff0706b29ddf6de' +
  '3c60f74e61e6c8613ff0874518759bc83c90a3e45b33d3993ff09e3ecac6f3833c979aa65d837b6d3ff0b5586cf9890f' +
  '3c8eb51a92fdeffc3ff0cc922b7247f73c3ebe3d702f9cd13ff0e3ec32d3d1a2bc6a033489906e0b3ff0fb66affed31b' +
  'bc9556522a2fbd0e3ff11301d0125b51bc5080ef8c4eea553ff12abdc06c31ccbc91c923b9d5f4163ff1429aaea92de0' +
  '3c80d3e3e95c55af3ff15a98c8a58e51bc801b15eaa593483ff172b83c7d517bbc8f1ff055de323d3ff18af9388c8dea' +
  '3c8b898c3f1353bf3ff1a35beb6fcb75bc96d99c7611eb263ff1bbe084045cd43c9aecf73e3a2f603ff1d4873168b9aa' +
  'bc8fe782cb86389d3ff1ed5022fcd91d3c8a6f4144a6c38d3ff2063b88628cd63c807a05b0e4047d3ff21f49917ddc96' +
  '3c968efde3a8a8943ff2387a6e7562383c875e18f274487d3ff251ce4fb2a63f3c80472b981fe7f23ff26b4565e27cdd' +
  'bc96b87b3f71085e3ff284dfe1f563813c82f7e16d09ab313ff29e9df51fdee1bc3d219b1a6fbffa3ff2b87fd0dad990' +
  '3c8b3782720c0ab43ff2d285a6e4030b3c6e149289cecb8f3ff2ecafa93e2f563c834d754db0abb63ff306fe0a31b715' +
  '3c864201e2ac744c3ff32170fc4cd8313c8fdd395dd3f84a3ff33c08b26416ffbc86a3803b8e5b043ff356c55f929ff1' +
  'bc924aedcc4b50683ff371a7373aa9cbbc9907f81b512d8e3ff38cae6d05d866bc71d1e83e9436d23ff3a7db34e59ff7' +
  'bc991919b3ce1b153ff3c32dc313a8e53c859f48a72a4c6d3ff3dea64c123422bc9312607a28698a3ff3fa4504ac801c' +
  'bc58a78f4817895b3ff4160a21f72e2abc7c2c9b67499a1b3ff431f5d950a8973c4363ed60c2ac113ff44e086061892d' +
  '3c9666093b0664ef3ff46a41ed1d00573c6ecce1daa103793ff486a2b5c13cd03c93ff8e3f0f12303ff4a32af0d7d3de' +
  '3c7690cebb7aafb03ff4bfdad5362a273c931dbdeb54e0773ff4dcb299fddd0dbc8f94340071a38e3ff4f9b2769d2ca7' +
  'bc87deccdc93a3493ff516daa2cf6642bc78dec6bd0f385f3ff5342b569d4f82bc861246ec7b5cf63ff551a4ca5d920f' +
  '3c93350518fdd78e3ff56f4736b527da3c7b98b72f8a9b053ff58d12d497c7fd3c9063e1e21c54093ff5ab07dd485429' +
  '3c34c7855019c6ea3ff5c9268a5946b73c9432e62b64c0353ff5e76f15ad2148bc8ce44a6199769f3ff605e1b976dc09' +
  'bc8c33c53bef4da83ff6247eb03a5585bc845378892be9ae3ff6434634ccc320bc93cedd785658583ff6623882552225' +
  '3c5710aa807e19643ff68155d44ca973bc93b3efbf5e22283ff6a09e667f3bcdbc6a12ad8734b9823ff6c012750bdabf' +
  'bc6367efb86da9ee3ff6dfb23c651a2fbc80dc3d54e088513ff6ff7df9519484bc781f647e5a3ecf3ff71f75e8ec5f74' +
  'bc86ee4ac08b7db03ff73f9a48a58174bc8619321e55e68a3ff75feb564267c93c909ccb5e09d4d33ff780694fde5d3f' +
  'bc7b32dcb94da51d3ff7a11473eb01873c94ecfd5467c06b3ff7c1ed0130c1323c65ebe1abd66c553ff7e2f336cf4e62' +
  'bc88a1c52fb3cf423ff80427543e1a12bc9369b6f13b37343ff82589994cce13bc805e843a19ff1e3ff8471a4623c7ad' +
  'bc94d450d872576e3ff868d99b4492ed3c90ad675b0e8a003ff88ac7d98a66993c8db72fc1f0eab43ff8ace5422aa0db' +
  'bc65b6609cc5e7ff3ff8cf3216b5448c3c7bf68359f35f443ff8f1ae99157736bc93091fa71e3d833ff9145b0b91ffc6' +
  'bc5da9b88b6c1e293ff93737b0cdc5e5bc6c23f97c90b9593ff95a44cbc8520fbc92434322f4f9aa3ff97d829fde4e50' +
  'bc85ca6cd7668e4b3ff9a0f170ca07ba3c71affc2b91ce273ff9c49182a3f0903c6dd235e10a73bb3ff9e86319e32323' +
  'bc87c504226222633ffa0c667b5de5653c8b1c86e3e231d53ffa309bec4a2d33bc91bbd1d3bcbb153ffa5503b23e255d' +
  '3c90cc319cee31d23ffa799e1330b3583c8469846e735ab33ffa9e6b5579fdbfbc82dfcd978e9db43ffac36bbfd3f37a' +
  '3c8c1a7792cb33873ffae89f995ad3adbc907b8f4ad1d9fa3ffb0e07298db666bc55c3d956dcaeba3ffb33a2b84f15fb' +
  'bc90a40e3da6f6403ffb59728de5593abc68d6f438ad93343ffb7f76f2fb5e47bc91eee26b588a353ffba5b030a1064a' +
  '3c74ffd70a5fddcd3ffbcc1e904bc1d2bc91bdfbfa9298ac3ffbf2c25bd71e093c736eae30af0cb33ffc199bdd85529c' +
  '3c8ee3325c9ffd943ffc40ab5fffd07a3c84e08fd10959ac3ffc67f12e57d14b3c63cdaf384e1a673ffc8f6d9406e7b5' +
  '3c676b2c6c9219683ffcb720dcef9069bc808a1883ccb5d23ffcdf0b555dc3fabc8fad5d3ffffa6f3ffd072d4a07897c' +
  'bc900dae3875a9493ffd2f87080d89f23c74a385a63d07a73ffd5818dcfba487bc82919e2040220f3ffd80e316c98398' +
  '3c8e5a50d5c192ac3ffda9e603db32853c843a59ac016b4b3ffdd321f301b460bc82d52107b43e1f3ffdfc97337b9b5f' +
  'bc892ab93b470dc93ffe264614f5a1293c74b604603a88d33ffe502ee78b3ff63c83c5ec519d72713ffe7a51fbc74c83' +
  'bc8ff7128fd391f03ffea4afa2a490dabc8dae98e223747d3ffecf482d8e67f13c8ec3bc41aa20083ffefa1bee615a27' +
  '3c842b94c3a9eb323fff252b376bba973c8a64a931d185ee3fff50765b6e4540bc8e37bae43be3ed3fff7bfdad9cbe14' +
  '3c77893b4d91cd9d3fffa7c1819e90d83c5305c14160cc893fffd3c22b8f71f1';

const powView = new DataView(new ArrayBuffer(8));

function doubleFromHex(h: string): number {
  powView.setUint32(0, parseInt(h.slice(0, 8), 16));
  powView.setUint32(4, parseInt(h.slice(8, 16), 16));
  return powView.getFloat64(0);
}

const POW_INVC: number[] = [];
const POW_LOGC: number[] = [];
const POW_LOGCTAIL: number[] = [];
for (let i = 0; i < 128; i++) {
  POW_INVC.push(doubleFromHex(POW_LOG_TABLE.slice(48 * i, 48 * i + 16)));
  POW_LOGC.push(doubleFromHex(POW_LOG_TABLE.slice(48 * i + 16, 48 * i + 32)));
  POW_LOGCTAIL.push(doubleFromHex(POW_LOG_TABLE.slice(48 * i + 32, 48 * i + 48)));
}
export const EXP_TAIL: number[] = [];
export const EXP_SCALE: number[] = [];
for (let k = 0; k < 128; k++) {
  EXP_TAIL.push(doubleFromHex(EXP_TABLE.slice(32 * k, 32 * k + 16)));
  EXP_SCALE.push(doubleFromHex(EXP_TABLE.slice(32 * k + 16, 32 * k + 32)));
}

const LN2HI = 0.6931471805598903; // 0x1.62e42fefa3800p-1
const LN2LO = 5.497923018708371e-14; // 0x1.ef35793c76730p-45
// The C table's coefficients, already multiplied by the scale factors it lists.
const POW_A = [
  -0.5,
  -0.6666666666666679, // 0x1.555555555556p-2 * -2
  0.5000000000000007, // -0x1.0000000000006p-2 * -2
  0.7999999995323976, // 0x1.999999959554ep-3 * 4
  -0.6666666663487739, // -0x1.555555529a47ap-3 * 4
  -1.142909628459501, // 0x1.2495b9b4845e9p-3 * -8
  1.0000415263675542, // -0x1.0002b8b263fc3p-3 * -8
];
const INV_LN2_N = 184.6649652337873; // 0x1.71547652b82fep0 * 128
const NEG_LN2_HI_N = -0.005415212348111709; // -0x1.62e42fefa0000p-8
const NEG_LN2_LO_N = -1.2864023111638346e-14; // -0x1.cf79abc9e3b3ap-47
const SHIFT = 6755399441055744; // 0x1.8p52
const EXP_C2 = 0.49999999999996786; // 0x1.ffffffffffdbdp-2
const EXP_C3 = 0.16666666666665886; // 0x1.555555555543cp-3
const EXP_C4 = 0.0416666808410674; // 0x1.55555cf172b91p-5
const EXP_C5 = 0.008333335853059549; // 0x1.1111167a4d017p-7

const SPLITTER = 134217729; // 2**27 + 1

/** The rounding error of a*b (Dekker's product, exact for these magnitudes). */
function productError(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/** The double next to r in the direction of dir. */
function nextToward(r: number, dir: number): number {
  if (r === 0) return dir > 0 ? 5e-324 : -5e-324;
  powView.setFloat64(0, r);
  let hi = powView.getUint32(0);
  let lo = powView.getUint32(4);
  if (r > 0 === dir > 0) {
    lo = (lo + 1) >>> 0;
    if (lo === 0) hi++;
  } else {
    if (lo === 0) hi--;
    lo = (lo - 1) >>> 0;
  }
  powView.setUint32(0, hi);
  powView.setUint32(4, lo);
  return powView.getFloat64(0);
}

/**
 * fma(a, b, c): a*b + c with one rounding. The exact value is s + u + v (Dekker and
 * Knuth sums); rounding s + u is right except on an exact tie, which v breaks.
 */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  const e = productError(a, b, p);
  const s = p + c;
  let z = s - p;
  const t = p - (s - z) + (c - z);
  const u = t + e;
  z = u - t;
  const v = t - (u - z) + (e - z);
  const r = s + u;
  z = r - s;
  const w = s - (r - z) + (u - z);
  if (w !== 0 && v !== 0 && w > 0 === v > 0) {
    const n = nextToward(r, w);
    if (n - r === 2 * w) return n;
  }
  return r;
}

let logTail = 0;

/** log_inline: log(x) = hi + logTail, x given by its two 32-bit words (normalised). */
function powLog(ixHi: number, ixLo: number): number {
  const tmpHi = (ixHi - 0x3fe69555) >>> 0;
  const i = (tmpHi >>> 13) & 127;
  const k = (tmpHi | 0) >> 20;
  const izHi = (ixHi - (tmpHi & 0xfff00000)) >>> 0;
  powView.setUint32(0, izHi);
  powView.setUint32(4, ixLo);
  const z = powView.getFloat64(0);
  const kd = k;
  const invc = POW_INVC[i];
  const logc = POW_LOGC[i];
  const logctail = POW_LOGCTAIL[i];
  const r = fma(z, invc, -1.0);
  const t1 = fma(kd, LN2HI, logc);
  const t2 = t1 + r;
  const lo1 = fma(kd, LN2LO, logctail);
  const lo2 = t1 - t2 + r;
  const A = POW_A;
  const ar = A[0] * r;
  const ar2 = r * ar;
  const ar3 = r * ar2;
  const hi = t2 + ar2;
  const lo3 = fma(ar, r, -ar2);
  const lo4 = t2 - hi + ar2;
  const q = fma(ar2, fma(ar2, fma(r, A[6], A[5]), fma(r, A[4], A[3])), fma(r, A[2], A[1]));
  const lo = fma(ar3, q, lo1 + lo2 + lo3 + lo4);
  const y = hi + lo;
  logTail = hi - y + lo;
  return y;
}

function top12(x: number): number {
  powView.setFloat64(0, x);
  return powView.getUint32(0) >>> 20;
}

/** exp_inline(x, xtail) for pow's positive results. */
export function powExp(x: number, xtail: number): number {
  let abstop = top12(x) & 0x7ff;
  if ((abstop - 0x3c9) >>> 0 >= 0x408 - 0x3c9) {
    if (abstop < 0x3c9) return 1.0 + x;
    if (abstop >= 0x409) return x < 0 ? 0 : Infinity;
    abstop = 0;
  }
  let kd = fma(INV_LN2_N, x, SHIFT);
  kd -= SHIFT;
  let r = fma(kd, NEG_LN2_LO_N, fma(kd, NEG_LN2_HI_N, x));
  r += xtail;
  const j = ((kd % 128) + 128) % 128;
  const e = (kd - j) / 128;
  const tail = EXP_TAIL[j];
  const r2 = r * r;
  const tmp = fma(r2 * r2, fma(r, EXP_C5, EXP_C4), fma(r2, fma(r, EXP_C3, EXP_C2), tail + r));
  const h = EXP_SCALE[j];
  if (abstop !== 0) {
    const scale = h * 2 ** e;
    return fma(scale, tmp, scale);
  }
  // specialcase: the result may overflow (k > 0) or be subnormal (k < 0).
  if (kd > 0) {
    const scale = h * 2 ** (e - 1009);
    return fma(scale, tmp, scale) * 2 ** 1009;
  }
  const scale = h * 2 ** (e + 1022);
  const st = scale * tmp;
  let y = scale + st;
  if (Math.abs(y) < 1.0) {
    let lo = scale - y + st;
    const hi = 1.0 + y;
    lo = 1.0 - hi + y + lo;
    y = hi + lo - 1.0;
    if (y === 0) y = 0;
  }
  return 2 ** -1022 * y;
}

/** pow(x, y) (ARM's pow.c) for finite x > 0, x != 1 and finite y != 0 (what float_pow passes). */
export function libmPow(x: number, y: number): number {
  powView.setFloat64(0, x);
  let ixHi = powView.getUint32(0);
  let ixLo = powView.getUint32(4);
  powView.setFloat64(0, y);
  const topy = powView.getUint32(0) >>> 20;
  const topx = ixHi >>> 20;
  if ((topx - 1) >>> 0 >= 0x7ff - 1 || ((topy & 0x7ff) - 0x3be) >>> 0 >= 0x43e - 0x3be) {
    if (((topy & 0x7ff) - 0x3be) >>> 0 >= 0x43e - 0x3be) {
      if ((topy & 0x7ff) < 0x3be) return x > 1.0 ? 1.0 + y : 1.0 - y;
      return x > 1.0 === topy < 0x800 ? Infinity : 0;
    }
    if (topx === 0) {
      // Subnormal x: normalise, letting the exponent go below zero.
      powView.setFloat64(0, x * 2 ** 52);
      ixHi = ((powView.getUint32(0) & 0x7fffffff) - (52 << 20)) >>> 0;
      ixLo = powView.getUint32(4);
    }
  }
  const hi = powLog(ixHi, ixLo);
  const lo = logTail;
  const ehi = y * hi;
  const elo = fma(y, lo, fma(y, hi, -ehi));
  return powExp(ehi, elo);
}

/** float_pow on doubles (the special cases before the platform pow). */
export function doublePow(iv: number, iw: number): number {
  if (iw === 0) return 1.0;
  if (iv !== iv) return iv;
  if (iw !== iw) return iv === 1.0 ? 1.0 : iw;
  if (iw === Infinity || iw === -Infinity) {
    const a = Math.abs(iv);
    if (a === 1.0) return 1.0;
    if (iw > 0 === a > 1.0) return Math.abs(iw);
    return 0.0;
  }
  if (iv === Infinity || iv === -Infinity) {
    const odd = isOddInteger(iw);
    if (iw > 0) return odd ? iv : Math.abs(iv);
    return odd ? copysign0(iv) : 0.0;
  }
  if (iv === 0) {
    const odd = isOddInteger(iw);
    if (iw < 0) raise(ZeroDivisionErrorType, '0.0 cannot be raised to a negative power');
    return odd ? iv : 0.0;
  }
  let negate = false;
  if (iv < 0) {
    if (iw !== Math.floor(iw)) {
      raise(
        NotImplementedErrorType,
        'complex numbers are not supported: a negative number raised to a fractional power has a complex result',
      );
    }
    iv = -iv;
    negate = isOddInteger(iw);
  }
  if (iv === 1.0) return negate ? -1.0 : 1.0;
  let ix = libmPow(iv, iw);
  if (!Number.isFinite(ix)) rangeError();
  if (negate) ix = -ix;
  return ix;
}

/** float_pow(v, w, z): z must be None. */
export function floatPow(v: PyObject, w: PyObject, z: PyObject): PyObject {
  if (z !== None) raise(TypeErrorType, 'pow() 3rd argument not allowed unless all arguments are integers');
  const iv = toDouble(v);
  if (iv === null) return notImplemented();
  const iw = toDouble(w);
  if (iw === null) return notImplemented();
  return newFloat(doublePow(iv, iw));
}

/**
 * Py_BuildValue("(dd)", a, b): the tuple is created before its two floats.
 */
function tupleOfTwoFloats(a: number, b: number): PyTuple {
  None.refcnt += 2;
  const t = newTuple([None, None]);
  try {
    t.items[0] = newFloat(a);
    None.refcnt--;
    t.items[1] = newFloat(b);
    None.refcnt--;
  } catch (e) {
    decref(t);
    throw e;
  }
  return t;
}

/**
 * BINARY_OP on two exact floats (oparg as NB_*): what float's slot computes, without the
 * generic dispatch (float has no in-place slots). Null for the operators left to the
 * generic path.
 */
export function floatBinaryOpExact(a: PyFloat, b: PyFloat, oparg: number): PyObject | null {
  switch (oparg >= 13 ? oparg - 13 : oparg) {
    case 0:
      return newFloat(a.value + b.value);
    case 10:
      return newFloat(a.value - b.value);
    case 5:
      return newFloat(a.value * b.value);
    default:
      return null;
  }
}

FloatType.nb_add = floatBinop((a, b) => newFloat(a + b));
FloatType.nb_subtract = floatBinop((a, b) => newFloat(a - b));
FloatType.nb_multiply = floatBinop((a, b) => newFloat(a * b));
FloatType.nb_true_divide = floatBinop((a, b) => {
  if (b === 0) raise(ZeroDivisionErrorType, 'float division by zero');
  return newFloat(a / b);
});
FloatType.nb_remainder = floatBinop((a, b) => newFloat(floatRem(a, b)));
FloatType.nb_divmod = floatBinop((a, b) => {
  if (b === 0) raise(ZeroDivisionErrorType, 'float divmod()');
  const [d, m] = floatDivMod(a, b);
  return tupleOfTwoFloats(d, m);
});
FloatType.nb_floor_divide = floatBinop((a, b) => {
  if (b === 0) raise(ZeroDivisionErrorType, 'float floor division by zero');
  return newFloat(floatDivMod(a, b)[0]);
});
FloatType.nb_power = (v, w) => floatPow(v, w, None);

/** float_float: an exact float itself, a subclass instance's value as a new float. */
function floatFloat(o: PyObject): PyObject {
  if (o.type === FloatType) return (o.refcnt++, o);
  return newFloat((o as PyFloat).value);
}

FloatType.nb_negative = (o) => newFloat(-(o as PyFloat).value);
FloatType.nb_absolute = (o) => newFloat(Math.abs((o as PyFloat).value));
FloatType.nb_positive = floatFloat;
FloatType.nb_bool = (o) => (o as PyFloat).value !== 0;
FloatType.nb_int = (o) => longFromDouble((o as PyFloat).value);
FloatType.nb_float = floatFloat;
FloatType.tp_repr = floatReprSlot;
FloatType.tp_hash = floatHash;
FloatType.tp_richcompare = floatRichCompare;
FloatType.tp_new = floatTpNew;
FloatType.tp_vectorcall = floatVectorcall;

// ------------------------------------------------------------------ methods

/** frexp: [m, e] with x = m * 2**e and 0.5 <= |m| < 1 (x finite, nonzero). */
function frexp(x: number): [number, number] {
  const [mant, e] = decompose(x);
  const mbits = mant.toString(2).length;
  const m = Number(mant) / 2 ** mbits;
  return [x < 0 ? -m : m, e + mbits];
}

function ldexp(x: number, e: number): number {
  let r = x;
  while (e > 1000) {
    r *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    r *= 2 ** -1000;
    e += 1000;
  }
  return r * 2 ** e;
}

/**
 * double_round: x rounded to a multiple of 10**-ndigits, correctly (the exact binary
 * value rounded half-even in decimal, then read back).
 */
function doubleRound(x: number, ndigits: number): number {
  if (x === 0) return x;
  const neg = x < 0;
  const ex = exactDigits(Math.abs(x));
  const keep = ex.decpt + ndigits;
  let digits: string;
  let decpt = ex.decpt;
  const ds = ex.digits;
  if (keep >= ds.length) digits = ds;
  else if (keep < 0) digits = '';
  else {
    const first = ds.charCodeAt(keep);
    const lastOdd = keep > 0 && (ds.charCodeAt(keep - 1) & 1) === 1;
    const up = first > 53 || (first === 53 && (ds.length > keep + 1 || lastOdd));
    digits = ds.slice(0, keep);
    if (up) {
      let i = keep - 1;
      while (i >= 0 && digits.charCodeAt(i) === 57) i--;
      if (i < 0) {
        digits = '1';
        decpt++;
      } else digits = digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1);
    }
  }
  const text = `${neg ? '-' : ''}0${digits === '' ? '' : '.' + digits}e${decpt}`;
  const r = Number(text);
  if (!Number.isFinite(r) && Math.abs(r) >= 1)
    raise(OverflowErrorType, 'rounded value too large to represent');
  return r;
}

/** float.__round__(ndigits=None). */
function floatRound(self: PyObject, o: PyObject | undefined): PyObject {
  const x = (self as PyFloat).value;
  if (o === undefined || o === None) {
    let rounded = cRound(x);
    if (Math.abs(x - rounded) === 0.5) rounded = 2.0 * cRound(x / 2.0);
    return longFromDouble(rounded);
  }
  const n = numberIndex(o);
  const nv = n.value;
  decref(n);
  // PyNumber_AsSsize_t(o, NULL) clips.
  const ndigits = typeof nv === 'number' ? nv : nv < 0n ? -Infinity : Infinity;
  if (!Number.isFinite(x)) return newFloat(x);
  if (ndigits > 323) return newFloat(x);
  if (ndigits < -308) return newFloat(0.0 * x);
  return newFloat(doubleRound(x, ndigits));
}

/** C's round(): halfway cases away from zero (Math.round rounds them up). */
function cRound(x: number): number {
  if (!Number.isFinite(x)) return x;
  const t = Math.trunc(x);
  return Math.abs(x - t) >= 0.5 ? t + Math.sign(x) : t;
}

const HEX = '0123456789abcdef';

/** float.hex(). */
function floatHex(x: number): string {
  if (!Number.isFinite(x)) return floatRepr(x);
  if (x === 0) return Object.is(x, -0) ? '-0x0.0p+0' : '0x0.0p+0';
  let [m, e] = frexp(Math.abs(x));
  const shift = 1 - Math.max(-1021 - e, 0);
  m = ldexp(m, shift);
  e -= shift;
  let s = HEX[Math.trunc(m)] + '.';
  m -= Math.trunc(m);
  for (let i = 0; i < 13; i++) {
    m *= 16.0;
    s += HEX[Math.trunc(m)];
    m -= Math.trunc(m);
  }
  const esign = e < 0 ? '-' : '+';
  return `${x < 0 ? '-' : ''}0x${s}p${esign}${Math.abs(e)}`;
}

function hexValue(c: string | undefined): number {
  if (c === undefined) return -1;
  const i = '0123456789abcdef'.indexOf(c.toLowerCase());
  return c.length === 1 && i >= 0 ? i : -1;
}

const C_SPACE = /[ \t\n\v\f\r]/;

/** float.fromhex(string). @cpython Objects/floatobject.c float_fromhex */
function floatFromHex(text: string): number {
  const s = text;
  let p = 0;
  const end = s.length;
  const parseError = (): never => raise(ValueErrorType, 'invalid hexadecimal floating-point string');
  const overflow = (): never =>
    raise(OverflowErrorType, 'hexadecimal value too large to represent as a float');
  while (p < end && C_SPACE.test(s[p])) p++;
  let x: number;
  let negate = false;
  const special = /^([+-]?)(inf(inity)?|nan)/i.exec(s.slice(p));
  if (special !== null) {
    const neg = special[1] === '-';
    x = special[2].toLowerCase() === 'nan' ? NaN : neg ? -Infinity : Infinity;
    p += special[0].length;
  } else {
    if (s[p] === '-') {
      p++;
      negate = true;
    } else if (s[p] === '+') p++;
    if (s[p] === '0' && (s[p + 1] === 'x' || s[p + 1] === 'X')) p += 2;
    const coeffStart = p;
    while (hexValue(s[p]) >= 0) p++;
    const intEnd = p;
    let coeffEnd: number;
    if (s[p] === '.') {
      p++;
      while (hexValue(s[p]) >= 0) p++;
      coeffEnd = p - 1;
    } else coeffEnd = p;
    let ndigits = coeffEnd - coeffStart;
    const fdigits = coeffEnd - intEnd;
    if (ndigits === 0) parseError();
    if (ndigits > Math.min(-1021 - 53 + 2 ** 62, 2 ** 62 + 1 - 1024) / 4) {
      raise(ValueErrorType, 'hexadecimal string too long to convert');
    }
    let exp = 0;
    if (s[p] === 'p' || s[p] === 'P') {
      p++;
      const expStart = p;
      if (s[p] === '-' || s[p] === '+') p++;
      if (!(s[p] >= '0' && s[p] <= '9')) parseError();
      p++;
      while (s[p] >= '0' && s[p] <= '9') p++;
      const ev = BigInt(s.slice(expStart, p));
      exp = ev > 2n ** 62n ? 2 ** 63 : ev < -(2n ** 62n) ? -(2 ** 63) : Number(ev);
    }
    // HEX_DIGIT(j): the j-th least significant hex digit of the coefficient.
    const hexDigit = (j: number): number => hexValue(j < fdigits ? s[coeffEnd - j] : s[coeffEnd - 1 - j]);
    while (ndigits > 0 && hexDigit(ndigits - 1) === 0) ndigits--;
    if (ndigits === 0 || exp < -(2 ** 62)) x = 0;
    else {
      if (exp > 2 ** 62) overflow();
      exp -= 4 * fdigits;
      let topExp = exp + 4 * (ndigits - 1);
      for (let digit = hexDigit(ndigits - 1); digit !== 0; digit = Math.floor(digit / 2)) topExp++;
      if (topExp < -1021 - 53) x = 0;
      else {
        if (topExp > 1024) overflow();
        const lsb = Math.max(topExp, -1021) - 53;
        x = 0;
        if (exp >= lsb) {
          for (let i = ndigits - 1; i >= 0; i--) x = 16.0 * x + hexDigit(i);
          x = ldexp(x, exp);
        } else {
          const halfEps = 1 << ((lsb - exp - 1) % 4);
          const keyDigit = Math.floor((lsb - exp - 1) / 4);
          for (let i = ndigits - 1; i > keyDigit; i--) x = 16.0 * x + hexDigit(i);
          const digit = hexDigit(keyDigit);
          x = 16.0 * x + (digit & (16 - 2 * halfEps));
          if ((digit & halfEps) !== 0) {
            let roundUp = false;
            if (
              (digit & (3 * halfEps - 1)) !== 0 ||
              (halfEps === 8 && keyDigit + 1 < ndigits && (hexDigit(keyDigit + 1) & 1) !== 0)
            ) {
              roundUp = true;
            } else {
              for (let i = keyDigit - 1; i >= 0; i--) {
                if (hexDigit(i) !== 0) {
                  roundUp = true;
                  break;
                }
              }
            }
            if (roundUp) {
              x += 2 * halfEps;
              if (topExp === 1024 && x === ldexp(2 * halfEps, 53)) overflow();
            }
          }
          x = ldexp(x, exp + 4 * keyDigit);
        }
      }
    }
  }
  while (p < end && C_SPACE.test(s[p])) p++;
  if (p !== end) parseError();
  return negate ? -x : x;
}

/** float.as_integer_ratio(): numerator and denominator via int shifts, then the tuple. */
function floatAsIntegerRatio(x: number): PyObject {
  if (x === Infinity || x === -Infinity) raise(OverflowErrorType, 'cannot convert Infinity to integer ratio');
  if (x !== x) raise(ValueErrorType, 'cannot convert NaN to integer ratio');
  let floatPart: number;
  let exponent: number;
  if (x === 0) {
    floatPart = x;
    exponent = 0;
  } else [floatPart, exponent] = frexp(x);
  for (let i = 0; i < 300 && floatPart !== Math.floor(floatPart); i++) {
    floatPart *= 2.0;
    exponent--;
  }
  let numerator = longFromDouble(floatPart);
  let denominator = newInt(1);
  const pyExponent = newInt(Math.abs(exponent));
  try {
    if (exponent > 0) {
      const t = longLshift(numerator, pyExponent);
      decref(numerator);
      numerator = t;
    } else {
      const t = longLshift(denominator, pyExponent);
      decref(denominator);
      denominator = t;
    }
    numerator.refcnt++;
    denominator.refcnt++;
    return newTuple([numerator, denominator]);
  } finally {
    decref(pyExponent);
    decref(denominator);
    decref(numerator);
  }
}

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

function unaryMethod(name: string, f: (o: PyObject) => PyObject): MethodSpec {
  return {
    name,
    call: (self, args, kw) => {
      noArgs(name, args, kw);
      return f(self);
    },
  };
}

function valueOf(o: PyObject): number {
  return (o as PyFloat).value;
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
      return reflected ? floatPow(args[0], self, mod) : floatPow(self, args[0], mod);
    },
  };
}

FloatType.methodSpecs.push(
  {
    name: '__new__',
    kind: 'classmethod',
    call: (_cls, args, kw) => {
      const st = checkNewWrapper('float', FloatType, args);
      return floatTpNew(st, args.slice(1), kw);
    },
  },
  unaryMethod('conjugate', floatFloat),
  unaryMethod('__trunc__', (o) => longFromDouble(valueOf(o))),
  unaryMethod('__floor__', (o) => longFromDouble(Math.floor(valueOf(o)))),
  unaryMethod('__ceil__', (o) => longFromDouble(Math.ceil(valueOf(o)))),
  {
    name: '__round__',
    call: (self, args, kw) => {
      if (kw !== null && kw.items.length > 0) raise(TypeErrorType, '__round__() takes no keyword arguments');
      if (args.length > 1) raise(TypeErrorType, `__round__ expected at most 1 argument, got ${args.length}`);
      return floatRound(self, args[0]);
    },
  },
  unaryMethod('as_integer_ratio', (o) => floatAsIntegerRatio(valueOf(o))),
  {
    name: 'fromhex',
    kind: 'classmethod',
    call: (cls, args, kw) => {
      const s = oneArg('fromhex', args, kw);
      if (!isStr(s)) raise(TypeErrorType, `fromhex() argument must be str, not ${s.type.name}`);
      const r = newFloat(floatFromHex((s as PyStr).value));
      if (cls === FloatType) return r;
      try {
        return call(cls, [r]);
      } finally {
        decref(r);
      }
    },
  },
  unaryMethod('hex', (o) => newStr(floatHex(valueOf(o)))),
  unaryMethod('is_integer', (o) => {
    const x = valueOf(o);
    return newBool(Number.isFinite(x) && Math.floor(x) === x);
  }),
  unaryMethod('__getnewargs__', (o) => {
    None.refcnt++;
    const t = newTuple([None]);
    t.items[0] = newFloat(valueOf(o));
    None.refcnt--;
    return t;
  }),
  {
    name: '__getformat__',
    kind: 'classmethod',
    call: (_cls, args, kw) => {
      const s = oneArg('__getformat__', args, kw);
      if (!isStr(s)) raise(TypeErrorType, `__getformat__() argument must be str, not ${s.type.name}`);
      const v = (s as PyStr).value;
      if (v !== 'double' && v !== 'float') {
        raise(ValueErrorType, "__getformat__() argument 1 must be 'double' or 'float'");
      }
      return newStr('IEEE, little-endian');
    },
  },
  {
    name: '__format__',
    call: (self, args, kw) => {
      const spec = oneArg('__format__', args, kw);
      if (!isStr(spec)) raise(TypeErrorType, `__format__() argument must be str, not ${spec.type.name}`);
      const s = (spec as PyStr).value;
      if (s === '') return objectStr(self);
      let text: string;
      try {
        text = formatFloat(valueOf(self), s, self.type.name);
      } catch (e) {
        return raiseTextError(e);
      }
      return formattedFloat(valueOf(self), s, text);
    },
  },
  // Slots CPython exposes as wrapper descriptors that the engine's slotdefs do not list.
  unaryMethod('__pos__', (o) => o.type.nb_positive!(o)),
  unaryMethod('__abs__', (o) => o.type.nb_absolute!(o)),
  unaryMethod('__bool__', (o) => newBool(o.type.nb_bool!(o))),
  unaryMethod('__int__', (o) => o.type.nb_int!(o)),
  unaryMethod('__float__', (o) => o.type.nb_float!(o)),
  powMethod(false),
  powMethod(true),
);

FloatType.getsetSpecs.push({ name: 'real', get: floatFloat }, { name: 'imag', get: () => newFloat(0.0) });
