/**
 * array: typed arrays of numbers (and of 'u' characters) stored unboxed in one buffer.
 * @cpython Modules/arraymodule.c (3.11)
 *
 * An array object is 64 bytes (PyObject_VAR_HEAD, ob_item, allocated, ob_descr,
 * weakreflist, ob_exports), GC-tracked from creation (array.array is a heap type in 3.11;
 * its traverse visits only the type), plus a separately PyMem_Malloc'ed buffer of
 * `allocated * itemsize` bytes: sys.getsizeof is 64 + 16 (GC head) + that buffer.
 * array(tc, list|tuple) allocates exactly len items; an iterable (range, a generator…)
 * is appended item by item through array_resize, which over-allocates
 * newsize + newsize/16 + (3 if the old size < 8 else 7) and keeps the buffer while the
 * new size is at most `allocated` and not 16 or more below the old size. Items are kept
 * as C would (a DataView over the buffer's bytes): getting one makes a new int/float/str.
 * The array module is not loaded by CPython's startup: what CPython's `import array` does
 * besides making the module (importlib, about 68 GC allocations) is replayed by
 * importcost.ts (registered in stdlib.ts).
 */
import { CompareOp, PyObject, PyType, TypeFlag, decref, type Visit } from '../objects/object';
import { staticType } from '../objects/roots';
import { None, newNotImplemented } from '../objects/noneobject';
import { False, True, newBool } from '../objects/boolobject';
import { newInt, newIntValue, norm, toBig } from '../objects/longobject';
import { floatAsDouble, newFloat } from '../objects/floatobject';
import { newTuple, isTuple, type PyTuple } from '../objects/tupleobject';
import { newList, isList, type PyList } from '../objects/listobject';
import { isBytes, newBytes, registerBufferReader, type PyBytes } from '../objects/bytesobject';
import { ByteArrayType, PyByteArray } from '../objects/bytearrayobject';
import { isStr, newStr, staticId, strFromCodePoint, type PyStr } from '../objects/unicodeobject';
import { isSlice, sliceIndices, type PySlice } from '../objects/sliceobject';
import { sequenceGetItem } from '../objects/iterobject';
import {
  callMethod,
  getIter,
  iterNext,
  numberIndex,
  objectRepr,
  richCompare,
  richCompareBool,
} from '../objects/abstract';
import { clearWeakrefs } from '../objects/weakrefobject';
import {
  BufferErrorType,
  EOFErrorType,
  IndexErrorType,
  OverflowErrorType,
  ValueErrorType,
  RuntimeErrorType,
} from '../objects/exceptions';
import { raise, typeError } from '../vm/errors';
import { exactArgs, rangeArgs } from '../vm/args';
import { rt } from '../vm/runtime';
import { pyFree, pyMalloc, pyRealloc } from '../memory/alloc';
import { memoryObserver } from '../memory/memory-observer';
import { moduleBuilder } from './moduledef';
import type { PyModule } from '../objects/moduleobject';
import { gcFree, genericAlloc, typeShortName } from './cobject';

type Value = number | bigint | string;

interface Descr {
  typecode: string;
  itemsize: number;
  get(v: DataView, off: number): Value;
  set(v: DataView, off: number, x: Value): void;
  /** The Python object → C value conversion of X_setitem (raises as CPython). */
  convert(o: PyObject): Value;
  kind: 'int' | 'float' | 'unicode';
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** PyLong_AsLong (after __index__): an int64 or "Python int too large to convert to C long". */
function asLong(o: PyObject): bigint {
  const i = numberIndex(o);
  const v = toBig(i.value);
  decref(i);
  if (v < INT64_MIN || v > INT64_MAX) raise(OverflowErrorType, 'Python int too large to convert to C long');
  return v;
}

/** The index of o as a bigint (PyNumber_Index when not an int). */
function indexValue(o: PyObject): bigint {
  const i = numberIndex(o);
  const v = toBig(i.value);
  decref(i);
  return v;
}

/** PyLong_AsUnsignedLong (after __index__), as the 'I' and 'L' setitems use it. */
function asUnsignedLong(o: PyObject): bigint {
  const x = indexValue(o);
  if (x < 0n) raise(OverflowErrorType, "can't convert negative value to unsigned int");
  if (x > UINT64_MAX) raise(OverflowErrorType, 'Python int too large to convert to C unsigned long');
  return x;
}

function rangeCheck(x: bigint, lo: bigint, hi: bigint, less: string, greater: string): void {
  if (x < lo) raise(OverflowErrorType, less);
  if (x > hi) raise(OverflowErrorType, greater);
}

const SHORT = 'signed short integer is';
const INT = 'signed integer is';

/** A C range the value must be in, and the words of its errors (`<what> less than minimum`). */
type Bound = [lo: bigint, hi: bigint, what: string];
const SHORT_RANGE: Bound = [-32768n, 32767n, SHORT];
const INT_RANGE: Bound = [-(1n << 31n), (1n << 31n) - 1n, INT];

/** X_setitem for a small int type: PyArg_Parse's range checks, in CPython's order. */
function bounded(...bounds: Bound[]): (o: PyObject) => bigint {
  return (o) => {
    const x = asLong(o);
    for (const [lo, hi, what] of bounds)
      rangeCheck(x, lo, hi, `${what} less than minimum`, `${what} greater than maximum`);
    return x;
  };
}

function intDescr(
  typecode: string,
  itemsize: number,
  get: (v: DataView, off: number) => number | bigint,
  set: (v: DataView, off: number, x: bigint) => void,
  convert: (o: PyObject) => bigint,
): Descr {
  return {
    typecode,
    itemsize,
    get,
    set: (v, off, x) => set(v, off, x as bigint),
    convert,
    kind: 'int',
  };
}

const DESCRIPTORS: Descr[] = [
  intDescr(
    'b',
    1,
    (v, o) => v.getInt8(o),
    (v, o, x) => v.setInt8(o, Number(x)),
    bounded(SHORT_RANGE, [-128n, 127n, 'signed char is']),
  ),
  intDescr(
    'B',
    1,
    (v, o) => v.getUint8(o),
    (v, o, x) => v.setUint8(o, Number(x)),
    bounded([0n, 255n, 'unsigned byte integer is']),
  ),
  {
    typecode: 'u',
    itemsize: 4,
    get: (v, o) => String.fromCodePoint(v.getUint32(o, true)),
    set: (v, o, x) => v.setUint32(o, (x as string).codePointAt(0)!, true),
    convert: (o) => {
      const s = isStr(o) ? (o as PyStr).value : '';
      if (!isStr(o) || [...s].length !== 1) typeError('array item must be unicode character');
      return s;
    },
    kind: 'unicode',
  },
  intDescr(
    'h',
    2,
    (v, o) => v.getInt16(o, true),
    (v, o, x) => v.setInt16(o, Number(x), true),
    bounded(SHORT_RANGE),
  ),
  intDescr(
    'H',
    2,
    (v, o) => v.getUint16(o, true),
    (v, o, x) => v.setUint16(o, Number(x), true),
    bounded(INT_RANGE, [0n, 65535n, 'unsigned short is']),
  ),
  intDescr(
    'i',
    4,
    (v, o) => v.getInt32(o, true),
    (v, o, x) => v.setInt32(o, Number(x), true),
    bounded(INT_RANGE),
  ),
  intDescr(
    'I',
    4,
    (v, o) => v.getUint32(o, true),
    (v, o, x) => v.setUint32(o, Number(x), true),
    (o) => {
      const x = asUnsignedLong(o);
      if (x > 0xffffffffn) raise(OverflowErrorType, 'unsigned int is greater than maximum');
      return x;
    },
  ),
  intDescr(
    'l',
    8,
    (v, o) => v.getBigInt64(o, true),
    (v, o, x) => v.setBigInt64(o, x, true),
    (o) => asLong(o),
  ),
  intDescr(
    'L',
    8,
    (v, o) => v.getBigUint64(o, true),
    (v, o, x) => v.setBigUint64(o, x, true),
    asUnsignedLong,
  ),
  intDescr(
    'q',
    8,
    (v, o) => v.getBigInt64(o, true),
    (v, o, x) => v.setBigInt64(o, x, true),
    (o) => {
      const x = indexValue(o);
      if (x < INT64_MIN || x > INT64_MAX) raise(OverflowErrorType, 'int too big to convert');
      return x;
    },
  ),
  intDescr(
    'Q',
    8,
    (v, o) => v.getBigUint64(o, true),
    (v, o, x) => v.setBigUint64(o, x, true),
    (o) => {
      const x = indexValue(o);
      if (x < 0n) raise(OverflowErrorType, "can't convert negative int to unsigned");
      if (x > UINT64_MAX) raise(OverflowErrorType, 'int too big to convert');
      return x;
    },
  ),
  {
    typecode: 'f',
    itemsize: 4,
    get: (v, o) => v.getFloat32(o, true),
    set: (v, o, x) => v.setFloat32(o, x as number, true),
    convert: (o) => floatAsDouble(o),
    kind: 'float',
  },
  {
    typecode: 'd',
    itemsize: 8,
    get: (v, o) => v.getFloat64(o, true),
    set: (v, o, x) => v.setFloat64(o, x as number, true),
    convert: (o) => floatAsDouble(o),
    kind: 'float',
  },
];
const TYPECODES = 'bBuhHiIlLqQfd';

export const ArrayType: PyType = staticType({
  name: 'array.array',
  qualname: 'array',
  module: 'array',
  basicsize: 64,
  flags: TypeFlag.HAVE_GC | TypeFlag.BASETYPE,
});
ArrayType.weakrefable = true;

export class PyArray extends PyObject {
  descr: Descr = DESCRIPTORS[0];
  size = 0;
  allocated = 0;
  /** Address of ob_item (0 when NULL). */
  itemsAddr = 0;
  bytes = new Uint8Array(0);
  view = new DataView(this.bytes.buffer);
  exports = 0;
}

const arr = (o: PyObject) => o as PyArray;
const none = (): PyObject => (None.refcnt++, None);

function isArray(o: PyObject): o is PyArray {
  return o.type === ArrayType || o.type.isSubtypeOf(ArrayType);
}

/**
 * Makes room for `n` items, keeping the first `keep` ones. The JS buffer grows by doubling
 * (what CPython allocates is `allocated`, not this buffer's length); bytes past the size
 * are never read before they are written, as in C.
 */
function setStorage(a: PyArray, n: number, keep: number): void {
  const need = n * a.descr.itemsize;
  if (need <= a.bytes.length) return;
  const b = new Uint8Array(Math.max(need, 2 * a.bytes.length));
  b.set(a.bytes.subarray(0, Math.min(keep * a.descr.itemsize, a.bytes.length)));
  a.bytes = b;
  a.view = new DataView(b.buffer);
}

/** @cpython arraymodule.c newarrayobject */
function newArray(type: PyType, size: number, descr: Descr): PyArray {
  const a = genericAlloc(new PyArray(type), type);
  a.descr = descr;
  a.allocated = size;
  a.size = size;
  if (size > 0) {
    a.itemsAddr = pyMalloc(size * descr.itemsize);
    setStorage(a, size, 0);
  }
  return a;
}

/** @cpython arraymodule.c array_resize */
function arrayResize(a: PyArray, newsize: number): void {
  if (a.exports > 0 && newsize !== a.size)
    raise(bufferError(), 'cannot resize an array that is exporting buffers');
  if (a.allocated >= newsize && a.size < newsize + 16 && a.itemsAddr !== 0) {
    a.size = newsize;
    return;
  }
  if (newsize === 0) {
    pyFree(a.itemsAddr);
    a.itemsAddr = 0;
    a.size = 0;
    a.allocated = 0;
    memoryObserver?.objectResized?.(a);
    setStorage(a, 0, 0);
    return;
  }
  const newAllocated = (newsize >> 4) + (a.size < 8 ? 3 : 7) + newsize;
  const nbytes = newAllocated * a.descr.itemsize;
  a.itemsAddr = a.itemsAddr === 0 ? pyMalloc(nbytes) : pyRealloc(a.itemsAddr, nbytes);
  setStorage(a, newAllocated, a.size);
  a.size = newsize;
  a.allocated = newAllocated;
  memoryObserver?.objectResized?.(a);
}

function bufferError(): PyType {
  return BufferErrorType;
}

function getValue(a: PyArray, i: number): Value {
  return a.descr.get(a.view, i * a.descr.itemsize);
}

function setValue(a: PyArray, i: number, x: Value): void {
  a.descr.set(a.view, i * a.descr.itemsize, x);
}

/** getarrayitem: a new object for item i. */
function boxValue(d: Descr, x: Value): PyObject {
  if (d.kind === 'float') return newFloat(x as number);
  if (d.kind === 'unicode') return strFromCodePoint((x as string).codePointAt(0)!);
  return typeof x === 'bigint' ? newIntValue(norm(x)) : newInt(x as number);
}

function getItemAt(a: PyArray, i: number): PyObject {
  return boxValue(a.descr, getValue(a, i));
}

/** ins1: converts first (the type check), then grows and stores. */
function ins1(a: PyArray, where: number, v: PyObject): void {
  const x = a.descr.convert(v);
  const n = a.size;
  arrayResize(a, n + 1);
  if (where < 0) {
    where += n;
    if (where < 0) where = 0;
  }
  if (where > n) where = n;
  const s = a.descr.itemsize;
  if (where !== n) a.bytes.copyWithin((where + 1) * s, where * s, n * s);
  setValue(a, where, x);
}

/** array_del_slice. */
function delSlice(a: PyArray, ilow: number, ihigh: number): void {
  if (ilow < 0) ilow = 0;
  else if (ilow > a.size) ilow = a.size;
  if (ihigh < 0) ihigh = 0;
  if (ihigh < ilow) ihigh = ilow;
  else if (ihigh > a.size) ihigh = a.size;
  const d = ihigh - ilow;
  if (a.exports > 0) raise(bufferError(), 'cannot resize an array that is exporting buffers');
  if (d > 0) {
    const s = a.descr.itemsize;
    a.bytes.copyWithin(ilow * s, ihigh * s, a.size * s);
    arrayResize(a, a.size - d);
  }
}

/** array_iter_extend. */
function iterExtend(a: PyArray, iterable: PyObject): void {
  const it = getIter(iterable);
  try {
    for (;;) {
      const v = iterNext(it);
      if (v === null) break;
      try {
        ins1(a, a.size, v);
      } finally {
        decref(v);
      }
    }
  } finally {
    decref(it);
  }
}

/** array_do_extend. */
function doExtend(a: PyArray, bb: PyObject): void {
  if (!isArray(bb)) return iterExtend(a, bb);
  const b = bb as PyArray;
  if (a.descr !== b.descr) typeError('can only extend with array of same kind');
  const oldsize = a.size;
  const bbsize = b.size;
  const src = b.bytes.slice(0, bbsize * b.descr.itemsize);
  arrayResize(a, oldsize + bbsize);
  if (bbsize > 0) a.bytes.set(src, oldsize * a.descr.itemsize);
}

/** frombytes: appends the items of a bytes-like object. */
function fromBytes(a: PyArray, data: Uint8Array): void {
  const s = a.descr.itemsize;
  if (data.length % s !== 0) raise(ValueErrorType, 'bytes length not a multiple of item size');
  const n = data.length / s;
  if (n > 0) {
    const old = a.size;
    const copy = data.slice();
    arrayResize(a, old + n);
    a.bytes.set(copy, old * s);
  }
}

function bytesOf(o: PyObject): Uint8Array | null {
  if (o instanceof PyByteArray) return o.store.subarray(0, o.size);
  if (isBytes(o)) return (o as PyBytes).bytes;
  return null;
}

/** @cpython arraymodule.c array_new */
ArrayType.tp_new = (type, args, kwnames) => {
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  if (type === ArrayType && nkw > 0) typeError('array.array() takes no keyword arguments');
  const npos = args.length - nkw;
  if (npos < 1) typeError(`array() takes at least 1 argument (${npos} given)`);
  if (npos > 2) typeError(`array() takes at most 2 arguments (${npos} given)`);
  const tc = args[0];
  if (!isStr(tc) || [...(tc as PyStr).value].length !== 1) {
    typeError(`array() argument 1 must be a unicode character, not ${tc === None ? 'None' : tc.type.name}`);
  }
  const c = (tc as PyStr).value;
  let initial: PyObject | null = npos > 1 ? args[1] : null;
  if (initial !== null && c !== 'u') {
    if (isStr(initial)) typeError(`cannot use a str to initialize an array with typecode '${c}'`);
    if (isArray(initial) && initial.descr.typecode === 'u') {
      typeError(`cannot use a unicode array to initialize an array with typecode '${c}'`);
    }
  }
  let it: PyObject | null = null;
  if (!(
    initial === null ||
    isList(initial) ||
    initial.type === ByteArrayType ||
    initial.type.isSubtypeOf(ByteArrayType) ||
    isBytes(initial) ||
    isTuple(initial) ||
    (c === 'u' && isStr(initial)) ||
    (isArray(initial) && c === initial.descr.typecode)
  )) {
    it = getIter(initial);
    initial = null;
  }
  try {
    const descr = DESCRIPTORS.find((d) => d.typecode === c);
    if (descr === undefined) {
      raise(ValueErrorType, 'bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)');
    }
    let len = 0;
    if (initial !== null) {
      if (isList(initial)) len = (initial as PyList).items.length;
      else if (isTuple(initial)) len = (initial as PyTuple).items.length;
      else if (isArray(initial)) len = initial.size;
    }
    const a = newArray(type, len, descr!);
    try {
      if (len > 0 && !isArray(initial!)) {
        for (let i = 0; i < len; i++) {
          const v = sequenceGetItem(initial!, i);
          try {
            setValue(a, i, descr!.convert(v));
          } finally {
            decref(v);
          }
        }
      } else if (initial !== null && bytesOf(initial) !== null) {
        fromBytes(a, bytesOf(initial)!);
      } else if (initial !== null && isStr(initial)) {
        // The array takes PyUnicode_AsWideCharString's buffer (n + 1 wchar_t): allocated = n.
        const chars = [...(initial as PyStr).value];
        if (chars.length > 0) {
          a.itemsAddr = pyMalloc((chars.length + 1) * 4);
          a.size = a.allocated = chars.length;
          memoryObserver?.objectResized?.(a);
          setStorage(a, chars.length, 0);
          chars.forEach((ch, i) => setValue(a, i, ch));
        }
      } else if (initial !== null && isArray(initial) && len > 0) {
        a.bytes.set(initial.bytes.subarray(0, len * descr!.itemsize));
      }
      if (it !== null) iterExtend(a, it);
    } catch (e) {
      decref(a);
      throw e;
    }
    return a;
  } finally {
    if (it !== null) decref(it);
  }
};

function fromUnicode(a: PyArray, s: PyStr): void {
  if (a.descr.typecode !== 'u')
    raise(ValueErrorType, 'fromunicode() may only be called on unicode type arrays');
  const chars = [...s.value];
  if (chars.length === 0) return;
  const old = a.size;
  arrayResize(a, old + chars.length);
  chars.forEach((ch, i) => setValue(a, old + i, ch));
}

ArrayType.tp_dealloc = (o) => {
  const a = arr(o);
  rt.gc.untrack(a);
  if (a.weakrefs !== null) clearWeakrefs(a);
  if (a.itemsAddr !== 0) pyFree(a.itemsAddr);
  a.itemsAddr = 0;
  gcFree(a);
};
ArrayType.tp_traverse = (_o, _visit: Visit) => {};
ArrayType.tp_sizeof = (o) => o.type.basicsize + arr(o).allocated * arr(o).descr.itemsize;
ArrayType.tp_hash = undefined;
ArrayType.mp_length = (o) => arr(o).size;

function itemIndex(a: PyArray, key: PyObject): number {
  const i = numberIndex(key);
  const v = i.value;
  decref(i);
  if (typeof v === 'bigint') raise(IndexErrorType, `cannot fit 'int' into an index-sized integer`);
  return (v as number) < 0 ? (v as number) + a.size : (v as number);
}

ArrayType.mp_subscript = (o, key) => {
  const a = arr(o);
  if (key.type.nb_index !== undefined) {
    const i = itemIndex(a, key);
    if (i < 0 || i >= a.size) raise(IndexErrorType, 'array index out of range');
    return getItemAt(a, i);
  }
  if (!isSlice(key)) typeError('array indices must be integers');
  const [start, , step, n] = sliceIndices(key as PySlice, a.size);
  const r = newArray(ArrayType, n, a.descr);
  const s = a.descr.itemsize;
  for (let i = 0, cur = start; i < n; i++, cur += step)
    r.bytes.set(a.bytes.subarray(cur * s, cur * s + s), i * s);
  return r;
};

ArrayType.mp_ass_subscript = (o, key, value) => {
  const a = arr(o);
  if (key.type.nb_index !== undefined) {
    const i = itemIndex(a, key);
    if (i < 0 || i >= a.size) raise(IndexErrorType, 'array assignment index out of range');
    if (value === null) return delSlice(a, i, i + 1);
    setValue(a, i, a.descr.convert(value));
    return;
  }
  if (!isSlice(key)) typeError('array indices must be integers');
  const [start, stop, step, slicelength] = sliceIndices(key as PySlice, a.size);
  let other: PyArray | null = null;
  let needed = 0;
  if (value !== null) {
    if (!isArray(value)) {
      typeError(`can only assign array (not "${value.type.name}") to array slice`);
    }
    other = value as PyArray;
    needed = other.size;
    if (other.descr !== a.descr) typeError('bad argument type for built-in operation');
  }
  const s = a.descr.itemsize;
  const src = other !== null ? other.bytes.slice(0, needed * s) : new Uint8Array(0);
  let stop2 = stop;
  if ((step > 0 && stop2 < start) || (step < 0 && stop2 > start)) stop2 = start;
  if (step === 1) {
    if (slicelength > needed) {
      a.bytes.copyWithin((start + needed) * s, stop2 * s, a.size * s);
      arrayResize(a, a.size + needed - slicelength);
    } else if (slicelength < needed) {
      const oldsize = a.size;
      arrayResize(a, a.size + needed - slicelength);
      a.bytes.copyWithin((start + needed) * s, stop2 * s, oldsize * s);
    }
    if (needed > 0) a.bytes.set(src, start * s);
    return;
  }
  if (needed === 0) {
    // delete an extended slice
    const keep: number[] = [];
    const del = new Set<number>();
    for (let i = 0, cur = start; i < slicelength; i++, cur += step) del.add(cur);
    for (let i = 0; i < a.size; i++) if (!del.has(i)) keep.push(i);
    const old = a.bytes.slice(0, a.size * s);
    keep.forEach((from, i) => a.bytes.set(old.subarray(from * s, from * s + s), i * s));
    arrayResize(a, keep.length);
    return;
  }
  if (needed !== slicelength) {
    raise(
      ValueErrorType,
      `attempt to assign array of size ${needed} to extended slice of size ${slicelength}`,
    );
  }
  for (let i = 0, cur = start; i < slicelength; i++, cur += step)
    a.bytes.set(src.subarray(i * s, i * s + s), cur * s);
};

ArrayType.sq_contains = (o, v) => {
  const a = arr(o);
  for (let i = 0; i < a.size; i++) {
    const item = getItemAt(a, i);
    try {
      if (richCompareBool(item, v, CompareOp.EQ)) return true;
    } finally {
      decref(item);
    }
  }
  return false;
};

ArrayType.sq_concat = (o, bb) => {
  const a = arr(o);
  if (!isArray(bb)) typeError(`can only append array (not "${bb.type.name}") to array`);
  const b = bb as PyArray;
  if (a.descr !== b.descr) typeError('bad argument type for built-in operation');
  const s = a.descr.itemsize;
  const r = newArray(ArrayType, a.size + b.size, a.descr);
  r.bytes.set(a.bytes.subarray(0, a.size * s));
  r.bytes.set(b.bytes.subarray(0, b.size * s), a.size * s);
  return r;
};
ArrayType.sq_repeat = (o, n) => {
  const a = arr(o);
  if (n < 0) n = 0;
  const s = a.descr.itemsize;
  const r = newArray(ArrayType, a.size * n, a.descr);
  const chunk = a.bytes.slice(0, a.size * s);
  for (let i = 0; i < n; i++) r.bytes.set(chunk, i * chunk.length);
  return r;
};
ArrayType.sq_inplace_concat = (o, bb) => {
  if (!isArray(bb)) typeError(`can only extend array with array (not "${bb.type.name}")`);
  doExtend(arr(o), bb);
  o.refcnt++;
  return o;
};
ArrayType.sq_inplace_repeat = (o, n) => {
  const a = arr(o);
  const s = a.descr.itemsize;
  if (a.size > 0) {
    if (n <= 0) delSlice(a, 0, a.size);
    else {
      const chunk = a.bytes.slice(0, a.size * s);
      const old = a.size;
      arrayResize(a, old * n);
      for (let i = 1; i < n; i++) a.bytes.set(chunk, i * chunk.length);
    }
  }
  o.refcnt++;
  return o;
};

/** The items as Python objects (new references). */
function toList(a: PyArray): PyList {
  const items: PyObject[] = [];
  for (let i = 0; i < a.size; i++) items.push(getItemAt(a, i));
  return newList(items);
}

function toUnicode(a: PyArray): string {
  let s = '';
  for (let i = 0; i < a.size; i++) s += getValue(a, i) as string;
  return s;
}

/** @cpython arraymodule.c array_repr */
ArrayType.tp_repr = (o) => {
  const a = arr(o);
  const name = typeShortName(o.type);
  const tc = a.descr.typecode;
  if (a.size === 0) return newStr(`${name}('${tc}')`);
  let v: PyObject;
  if (tc === 'u') v = newStr(toUnicode(a));
  else v = toList(a);
  try {
    const r = objectRepr(v);
    const text = `${name}('${tc}', ${r.value})`;
    decref(r);
    return newStr(text);
  } finally {
    decref(v);
  }
};

/** @cpython arraymodule.c array_richcompare */
ArrayType.tp_richcompare = (v, w, op) => {
  if (!isArray(v) || !isArray(w)) return newNotImplemented();
  const va = v as PyArray;
  const wa = w as PyArray;
  if (va.size !== wa.size && (op === CompareOp.EQ || op === CompareOp.NE)) {
    return newBool(op === CompareOp.NE);
  }
  let k = true;
  let vi: PyObject | null = null;
  let wi: PyObject | null = null;
  for (let i = 0; i < va.size && i < wa.size; i++) {
    vi = getItemAt(va, i);
    wi = getItemAt(wa, i);
    try {
      k = richCompareBool(vi, wi, CompareOp.EQ);
    } catch (e) {
      decref(vi);
      decref(wi);
      throw e;
    }
    if (!k) break;
    decref(vi);
    decref(wi);
    vi = wi = null;
  }
  if (k) {
    const vs = va.size;
    const ws = wa.size;
    const cmp = [vs < ws, vs <= ws, vs === ws, vs !== ws, vs > ws, vs >= ws][op];
    return newBool(cmp);
  }
  try {
    if (op === CompareOp.EQ) return (False.refcnt++, False);
    if (op === CompareOp.NE) return (True.refcnt++, True);
    return richCompare(vi!, wi!, op);
  } finally {
    decref(vi!);
    decref(wi!);
  }
};

// ------------------------------------------------------------------ methods

function searchIndex(a: PyArray, v: PyObject, start: number, stop: number): number {
  for (let i = start; i < stop && i < a.size; i++) {
    const item = getItemAt(a, i);
    try {
      if (richCompareBool(item, v, CompareOp.EQ)) return i;
    } finally {
      decref(item);
    }
  }
  return -1;
}

/** _PyEval_SliceIndexNotNone for index()'s start and stop. */
function clampIndex(o: PyObject): number {
  const v = toBig(numberIndex(o).value);
  const n = v > INT64_MAX ? Number.MAX_SAFE_INTEGER : v < INT64_MIN ? -Number.MAX_SAFE_INTEGER : Number(v);
  return Math.max(Math.min(n, Number.MAX_SAFE_INTEGER), -Number.MAX_SAFE_INTEGER);
}

ArrayType.methodSpecs.push(
  {
    name: 'append',
    call: (self, args, kw) => (
      exactArgs('append', args, kw, 1),
      ins1(arr(self), arr(self).size, args[0]),
      none()
    ),
  },
  {
    name: 'buffer_info',
    call: (self, args, kw) => {
      exactArgs('buffer_info', args, kw, 0);
      return newTuple([newInt(arr(self).itemsAddr), newInt(arr(self).size)]);
    },
  },
  {
    name: 'byteswap',
    call: (self, args, kw) => {
      exactArgs('byteswap', args, kw, 0);
      const a = arr(self);
      const s = a.descr.itemsize;
      for (let i = 0; i < a.size; i++) a.bytes.subarray(i * s, i * s + s).reverse();
      return none();
    },
  },
  {
    name: 'count',
    call: (self, args, kw) => {
      exactArgs('count', args, kw, 1);
      const a = arr(self);
      let n = 0;
      for (let i = 0; i < a.size; i++) {
        const item = getItemAt(a, i);
        try {
          if (richCompareBool(item, args[0], CompareOp.EQ)) n++;
        } finally {
          decref(item);
        }
      }
      return newInt(n);
    },
  },
  {
    name: 'extend',
    call: (self, args, kw) => (exactArgs('extend', args, kw, 1), doExtend(arr(self), args[0]), none()),
  },
  {
    name: 'frombytes',
    call: (self, args, kw) => {
      exactArgs('frombytes', args, kw, 1);
      const b = bytesOf(args[0]);
      if (b === null) typeError(`a bytes-like object is required, not '${args[0].type.name}'`);
      fromBytes(arr(self), b!);
      return none();
    },
  },
  {
    name: 'fromlist',
    call: (self, args, kw) => {
      exactArgs('fromlist', args, kw, 1);
      const a = arr(self);
      const list = args[0];
      if (!isList(list)) typeError('arg must be list');
      const items = (list as PyList).items;
      const n = items.length;
      if (n > 0) {
        const old = a.size;
        arrayResize(a, old + n);
        for (let i = 0; i < n; i++) {
          try {
            setValue(a, a.size - n + i, a.descr.convert(items[i]));
          } catch (e) {
            arrayResize(a, old);
            throw e;
          }
          if (n !== items.length) {
            arrayResize(a, old);
            raise(RuntimeErrorType, 'list changed size during iteration');
          }
        }
      }
      return none();
    },
  },
  {
    name: 'fromunicode',
    call: (self, args, kw) => {
      exactArgs('fromunicode', args, kw, 1);
      if (!isStr(args[0])) typeError(`fromunicode() argument must be str, not ${args[0].type.name}`);
      fromUnicode(arr(self), args[0] as PyStr);
      return none();
    },
  },
  {
    name: 'index',
    call: (self, args, kw) => {
      rangeArgs('index', args, kw, 1, 3);
      const a = arr(self);
      let start = args.length > 1 ? clampIndex(args[1]) : 0;
      let stop = args.length > 2 ? clampIndex(args[2]) : Number.MAX_SAFE_INTEGER;
      if (start < 0) start = Math.max(0, start + a.size);
      if (stop < 0) stop = Math.max(0, stop + a.size);
      const i = searchIndex(a, args[0], start, stop);
      if (i < 0) raise(ValueErrorType, 'array.index(x): x not in array');
      return newInt(i);
    },
  },
  {
    name: 'insert',
    call: (self, args, kw) => {
      exactArgs('insert', args, kw, 2);
      const i = clampIndex(args[0]);
      ins1(arr(self), i, args[1]);
      return none();
    },
  },
  {
    name: 'pop',
    call: (self, args, kw) => {
      rangeArgs('pop', args, kw, 0, 1);
      const a = arr(self);
      let i = args.length > 0 ? clampIndex(args[0]) : -1;
      if (a.size === 0) raise(IndexErrorType, 'pop from empty array');
      if (i < 0) i += a.size;
      if (i < 0 || i >= a.size) raise(IndexErrorType, 'pop index out of range');
      const v = getItemAt(a, i);
      try {
        delSlice(a, i, i + 1);
      } catch (e) {
        decref(v);
        throw e;
      }
      return v;
    },
  },
  {
    name: 'remove',
    call: (self, args, kw) => {
      exactArgs('remove', args, kw, 1);
      const a = arr(self);
      const i = searchIndex(a, args[0], 0, a.size);
      if (i < 0) raise(ValueErrorType, 'array.remove(x): x not in array');
      delSlice(a, i, i + 1);
      return none();
    },
  },
  {
    name: 'reverse',
    call: (self, args, kw) => {
      exactArgs('reverse', args, kw, 0);
      const a = arr(self);
      const vals: Value[] = [];
      for (let i = 0; i < a.size; i++) vals.push(getValue(a, i));
      vals.reverse().forEach((x, i) => setValue(a, i, x));
      return none();
    },
  },
  {
    name: 'tobytes',
    call: (self, args, kw) => {
      exactArgs('tobytes', args, kw, 0);
      const a = arr(self);
      return newBytes(a.bytes.slice(0, a.size * a.descr.itemsize));
    },
  },
  { name: 'tolist', call: (self, args, kw) => (exactArgs('tolist', args, kw, 0), toList(arr(self))) },
  {
    name: 'tounicode',
    call: (self, args, kw) => {
      exactArgs('tounicode', args, kw, 0);
      if (arr(self).descr.typecode !== 'u') {
        raise(ValueErrorType, 'tounicode() may only be called on unicode type arrays');
      }
      return newStr(toUnicode(arr(self)));
    },
  },
  {
    name: '__copy__',
    call: (self, args, kw) => {
      exactArgs('__copy__', args, kw, 0);
      const a = arr(self);
      const r = newArray(ArrayType, a.size, a.descr);
      r.bytes.set(a.bytes.subarray(0, a.size * a.descr.itemsize));
      return r;
    },
  },
  {
    name: 'tofile',
    call: (self, args, kw) => {
      // array_array_tofile: f.write() of 64 KiB blocks (the lab has no files: any object with write()).
      exactArgs('tofile', args, kw, 1);
      const a = arr(self);
      const data = a.bytes.slice(0, a.size * a.descr.itemsize);
      const BLOCKSIZE = 64 * 1024;
      for (let at = 0; at < data.length; at += BLOCKSIZE) {
        const chunk = newBytes(data.slice(at, at + BLOCKSIZE));
        try {
          decref(callMethod(args[0], staticId('write'), [chunk]));
        } finally {
          decref(chunk);
        }
      }
      return none();
    },
  },
  {
    name: 'fromfile',
    call: (self, args, kw) => {
      // array_array_fromfile: f.read(n * itemsize), then frombytes; EOFError when short.
      exactArgs('fromfile', args, kw, 2);
      const a = arr(self);
      const n = clampIndex(args[1]);
      if (n < 0) raise(ValueErrorType, 'negative count');
      const nbytes = n * a.descr.itemsize;
      const count = newInt(nbytes);
      let b: PyObject;
      try {
        b = callMethod(args[0], staticId('read'), [count]);
      } finally {
        decref(count);
      }
      try {
        if (!isBytes(b)) typeError("read() didn't return bytes");
        const data = (b as PyBytes).bytes;
        fromBytes(a, data);
        if (data.length !== nbytes) raise(EOFErrorType, "read() didn't return enough bytes");
      } finally {
        decref(b);
      }
      return none();
    },
  },
  {
    name: '__deepcopy__',
    call: (self, args, kw) => {
      exactArgs('__deepcopy__', args, kw, 1);
      const a = arr(self);
      const r = newArray(ArrayType, a.size, a.descr);
      r.bytes.set(a.bytes.subarray(0, a.size * a.descr.itemsize));
      return r;
    },
  },
  {
    name: '__reduce_ex__',
    call: (self, args, kw) => {
      // array_array___reduce_ex___impl for protocols below 3: (type, (typecode, list), dict)
      exactArgs('__reduce_ex__', args, kw, 1);
      const a = arr(self);
      const dict = self.extra?.dict ?? null;
      const state = dict !== null && dict.used > 0 ? (dict.refcnt++, dict) : none();
      self.type.refcnt++;
      return newTuple([self.type, newTuple([newStr(a.descr.typecode), toList(a)]), state]);
    },
  },
  {
    name: '__sizeof__',
    call: (self, args, kw) => (exactArgs('__sizeof__', args, kw, 0), newInt(ArrayType.tp_sizeof!(self))),
  },
);
ArrayType.getsetSpecs.push(
  { name: 'typecode', get: (o) => newStr(arr(o).descr.typecode) },
  { name: 'itemsize', get: (o) => newInt(arr(o).descr.itemsize) },
);

registerBufferReader((o) => (o instanceof PyArray ? o.bytes.subarray(0, o.size * o.descr.itemsize) : null));

// ------------------------------------------------------------------ iterator

export const ArrayIterType: PyType = staticType({
  name: 'array.arrayiterator',
  qualname: 'arrayiterator',
  module: 'array',
  basicsize: 40,
  flags: TypeFlag.HAVE_GC,
});
class PyArrayIter extends PyObject {
  index = 0;
  ao: PyArray | null = null;
}

ArrayType.tp_iter = (o) => {
  const it = genericAlloc(new PyArrayIter(ArrayIterType), ArrayIterType);
  it.ao = arr(o);
  o.refcnt++;
  return it;
};
ArrayIterType.tp_iter = (o) => (o.refcnt++, o);
ArrayIterType.tp_iternext = (o) => {
  const it = o as PyArrayIter;
  const a = it.ao;
  if (a === null) return null;
  if (it.index < a.size) return getItemAt(a, it.index++);
  it.ao = null;
  decref(a);
  return null;
};
ArrayIterType.tp_dealloc = (o) => {
  const it = o as PyArrayIter;
  rt.gc.untrack(it);
  const a = it.ao;
  it.ao = null;
  if (a !== null) decref(a);
  gcFree(it);
};
ArrayIterType.tp_traverse = (o, visit: Visit) => {
  const a = (o as PyArrayIter).ao;
  if (a !== null) visit(a, 'ao');
};

export function createArrayModule(): PyModule {
  const { module, set, add } = moduleBuilder('array');
  add('typecodes', newStr(TYPECODES));
  set('ArrayType', ArrayType);
  set('array', ArrayType);
  return module;
}
