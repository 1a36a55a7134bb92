/**
 * bytearray. @cpython Objects/bytearrayobject.c (3.11)
 *
 * A 56-byte object (not tracked by the GC) owning a separate buffer of `alloc` bytes
 * (ob_bytes, NULL while empty), resized by PyByteArray_Resize: moderate growth
 * over-allocates like lists (`size + size/8 + (size < 9 ? 3 : 6)`), a big one allocates
 * exactly `size + 1`, shrinking below half reallocates exactly. Deleting from the front
 * only advances the logical start (ob_start) until the next reallocation.
 * `sys.getsizeof(b)` is `56 + alloc`.
 */
import { CompareOp, PyObject, PyType, TypeFlag, decref, newref } from './object';
import { staticType } from './roots';
import { allocGCObject, allocObject, freeObject, gcDel, pyFree, pyMalloc, pyRealloc } from '../memory/alloc';
import { memoryObserver } from '../memory/memory-observer';
import { rt } from '../vm/runtime';
import { newNone, newNotImplemented } from './noneobject';
import { IntType, newInt } from './longobject';
import { ListType, lengthHint, type PyList } from './listobject';
import { TupleType, type PyTuple } from './tupleobject';
import { isSlice, sliceIndices, type PySlice } from './sliceobject';
import { call, getIter, iterNext } from './abstract';
import { IndexErrorType, OverflowErrorType, TypeErrorType } from './exceptions';
import { indexError, typeError, valueError } from '../vm/errors';
import {
  asSsizeT,
  checkPositional,
  noArgs,
  noKeywords,
  oneArg,
  ssizeArg,
  unpackKeywords,
} from './str-clinic';
import { cStringArg, isStr, newStr, strEncode, type PyStr } from './unicodeobject';
import {
  PyBytes,
  byteSeqMethods,
  byteValue,
  bytesContains,
  checkBytesAlloc,
  compareBytes,
  getBuffer,
  parseHex,
  registerBufferReader,
  richResult,
  setupByteIterType,
  PySeqBytesIter,
  type ByteSeqOps,
} from './bytesobject';

export const ByteArrayType: PyType = staticType({
  name: 'bytearray',
  basicsize: 56,
  flags: TypeFlag.BASETYPE,
});

export class PyByteArray extends PyObject {
  /** The logical content is store[0, size); the JS store's capacity is not CPython's. */
  store = new Uint8Array(0);
  size = 0;
  /** ob_alloc: bytes of the buffer block (0 when ob_bytes is NULL). */
  alloc = 0;
  /** ob_start - ob_bytes. */
  offset = 0;
  /** Address of the buffer block (0 = NULL). */
  bufAddr = 0;
  constructor(type: PyType = ByteArrayType) {
    super(type);
  }
  /** The content (a view: copy it before keeping it). */
  get bytes(): Uint8Array {
    return this.store.subarray(0, this.size);
  }
}

/** The name other modules use. */
export const BytearrayType = ByteArrayType;

export function isByteArray(o: PyObject): o is PyByteArray {
  return o.type === ByteArrayType || o.type.isSubtypeOf(ByteArrayType);
}

registerBufferReader((o) => (o instanceof PyByteArray ? o.bytes : null));

// ---------------------------------------------------------------- memory

/** Replaces the content (the JS side only). */
function setContent(o: PyByteArray, content: Uint8Array): void {
  if (content.length > o.store.length) {
    const cap = Math.max(content.length, o.store.length * 2, 16);
    const s = new Uint8Array(cap);
    s.set(content);
    o.store = s;
  } else o.store.set(content);
  o.size = content.length;
}

/** @cpython Objects/bytearrayobject.c PyByteArray_Resize (the memory side; content as is). */
export function byteArrayResize(o: PyByteArray, requested: number): void {
  if (requested === o.size) return;
  let alloc = o.alloc;
  const offset = o.offset;
  const size = requested;
  if (size + offset + 1 <= alloc) {
    if (size < Math.floor(alloc / 2)) alloc = size + 1;
    else {
      truncateOrExtend(o, size);
      return;
    }
  } else if (size <= alloc * 1.125) {
    alloc = size + (size >> 3) + (size < 9 ? 3 : 6);
  } else alloc = size + 1;
  checkBytesAlloc(alloc);
  let addr: number;
  if (offset > 0) {
    addr = pyMalloc(alloc);
    pyFree(o.bufAddr);
  } else {
    addr = o.bufAddr === 0 ? pyMalloc(alloc) : pyRealloc(o.bufAddr, alloc);
  }
  o.bufAddr = addr;
  o.offset = 0;
  o.alloc = alloc;
  memoryObserver?.objectResized?.(o);
  truncateOrExtend(o, size);
}

function truncateOrExtend(o: PyByteArray, size: number): void {
  if (size > o.store.length) {
    const s = new Uint8Array(Math.max(size, o.store.length * 2, 16));
    s.set(o.store.subarray(0, o.size));
    o.store = s;
  }
  if (size > o.size) o.store.fill(0, o.size, size);
  o.size = size;
}

/** PyObject_New(PyByteArrayObject) / PyType_GenericAlloc for subclasses. */
function allocByteArray(type: PyType): PyByteArray {
  const o = new PyByteArray(type);
  if (type === ByteArrayType) return allocObject(o, 56);
  const size = (type.basicsize + 7) & ~7;
  if (type.isGC) allocGCObject(o, size);
  else allocObject(o, size);
  if (type.isHeapType) type.refcnt++;
  if (type.isGC) rt.gc.track(o);
  return o;
}

/** PyByteArray_FromStringAndSize: a buffer of exactly n + 1 bytes (none when empty). */
export function newByteArray(content: Uint8Array): PyByteArray {
  const o = allocByteArray(ByteArrayType);
  const n = content.length;
  if (n > 0) {
    try {
      checkBytesAlloc(n + 1);
      o.bufAddr = pyMalloc(n + 1);
    } catch (e) {
      decref(o);
      throw e;
    }
    o.alloc = n + 1;
    setContent(o, content);
  }
  return o;
}

function byteArrayDealloc(o: PyObject): void {
  const b = o as PyByteArray;
  if (b.bufAddr !== 0) pyFree(b.bufAddr);
  b.bufAddr = 0;
  if (o.type.isGC) gcDel(o);
  else freeObject(o);
}
ByteArrayType.tp_dealloc = byteArrayDealloc;

/** bytearray_sizeof_impl: the object plus its buffer. */
export function byteArraySizeof(o: PyObject): number {
  return o.type.basicsize + (o as PyByteArray).alloc;
}

// ---------------------------------------------------------------- content edits

/**
 * bytearray_setslice_linear: replaces [lo, hi) by `bytes`. Deleting at the front only
 * advances the logical start before the resize.
 */
function setSliceLinear(o: PyByteArray, lo: number, hi: number, bytes: Uint8Array): void {
  const old = o.bytes.slice();
  const growth = bytes.length - (hi - lo);
  const content = new Uint8Array(old.length + growth);
  content.set(old.subarray(0, lo), 0);
  content.set(bytes, lo);
  content.set(old.subarray(hi), lo + bytes.length);
  if (growth < 0 && lo === 0) o.offset -= growth;
  if (growth !== 0) byteArrayResize(o, old.length + growth);
  setContent(o, content);
}

/** bytearray_setslice: `b[lo:hi] = values` (values null deletes). */
function setSlice(o: PyByteArray, lo: number, hi: number, values: PyObject | null): void {
  if (values === o) {
    const copy = newByteArray(o.bytes.slice());
    try {
      setSlice(o, lo, hi, copy);
    } finally {
      decref(copy);
    }
    return;
  }
  let bytes = new Uint8Array(0);
  if (values !== null) {
    const b = getBuffer(values);
    if (b === null) typeError(`can't set bytearray slice from ${values.type.name}`);
    bytes = b!.slice();
  }
  if (lo < 0) lo = 0;
  if (hi < lo) hi = lo;
  if (hi > o.size) hi = o.size;
  setSliceLinear(o, lo, hi, bytes);
}

/** PyNumber_Check. */
function isNumberLike(o: PyObject): boolean {
  const t = o.type;
  return t.nb_index !== undefined || t.nb_int !== undefined || t.nb_float !== undefined;
}

/** bytearray_ass_subscript. */
function byteArrayAssSubscript(self: PyObject, index: PyObject, values: PyObject | null): void {
  const o = self as PyByteArray;
  let start: number;
  let stop: number;
  let step: number;
  let slicelen: number;
  if (index.type.nb_index !== undefined) {
    let i = asSsizeT(index, IndexErrorType);
    const ival = values !== null ? byteValue(values) : -1;
    if (i < 0) i += o.size;
    if (i < 0 || i >= o.size) indexError('bytearray index out of range');
    if (values !== null) {
      o.store[i] = ival;
      return;
    }
    start = i;
    stop = i + 1;
    step = 1;
    slicelen = 1;
  } else if (isSlice(index)) {
    [start, stop, step, slicelen] = sliceIndices(index as PySlice, o.size);
  } else {
    return typeError(`bytearray indices must be integers or slices, not ${index.type.name}`);
  }
  let bytes: Uint8Array;
  if (values === null) bytes = new Uint8Array(0);
  else if (values === o || !isByteArray(values)) {
    if (isNumberLike(values) || isStr(values)) {
      typeError('can assign only bytes, buffers, or iterables of ints in range(0, 256)');
    }
    const copy = byteArrayFromObject(values);
    try {
      byteArrayAssSubscript(o, index, copy);
    } finally {
      decref(copy);
    }
    return;
  } else bytes = (values as PyByteArray).bytes.slice();
  if ((step < 0 && start < stop) || (step > 0 && start > stop)) stop = start;
  if (step === 1) {
    setSliceLinear(o, start, stop, bytes);
    return;
  }
  if (bytes.length === 0) {
    if (slicelen === 0) return;
    const drop = new Set<number>();
    for (let k = 0, cur = start; k < slicelen; k++, cur += step) drop.add(cur);
    const old = o.bytes.slice();
    const kept = old.filter((_, i) => !drop.has(i));
    byteArrayResize(o, old.length - slicelen);
    setContent(o, kept);
    return;
  }
  if (bytes.length !== slicelen) {
    valueError(`attempt to assign bytes of size ${bytes.length} to extended slice of size ${slicelen}`);
  }
  for (let k = 0, cur = start; k < slicelen; k++, cur += step) o.store[cur] = bytes[k];
}

/** PyByteArray_FromObject: `bytearray(obj)`. */
function byteArrayFromObject(x: PyObject): PyByteArray {
  return call(ByteArrayType, [x]) as PyByteArray;
}

/** Appends one byte the way the iterator path of __init__ does. */
function appendByte(o: PyByteArray, v: number): void {
  if (o.size + 1 < o.alloc) truncateOrExtend(o, o.size + 1);
  else byteArrayResize(o, o.size + 1);
  o.store[o.size - 1] = v;
}

/** bytearray___init___impl. */
export function byteArrayInit(self: PyObject, args: PyObject[], kwnames: PyTuple | null): void {
  const o = self as PyByteArray;
  const [arg, encObj, errObj] = unpackKeywords(
    'bytearray',
    args,
    kwnames,
    ['source', 'encoding', 'errors'],
    0,
    0,
    3,
  );
  const encoding = encObj === undefined ? null : cStringArg('bytearray', "argument 'encoding'", encObj);
  const errors = errObj === undefined ? null : cStringArg('bytearray', "argument 'errors'", errObj);
  if (o.size !== 0) byteArrayResize(o, 0);
  if (arg === undefined) {
    if (encoding !== null || errors !== null) {
      typeError(
        encoding !== null ? 'encoding without a string argument' : 'errors without a string argument',
      );
    }
    return;
  }
  if (isStr(arg)) {
    if (encoding === null) typeError('string argument without an encoding');
    const encoded = strEncode(arg as PyStr, encoding, errors) as PyBytes;
    try {
      decref(iconcat(o, encoded));
    } finally {
      decref(encoded);
    }
    return;
  }
  if (encoding !== null || errors !== null) {
    typeError(encoding !== null ? 'encoding without a string argument' : 'errors without a string argument');
  }
  if (arg.type.nb_index !== undefined) {
    let count: number | null = null;
    try {
      count = asSsizeT(arg, OverflowErrorType);
    } catch (e) {
      if (!(e instanceof PyObject && e.type.isSubtypeOf(TypeErrorType))) throw e;
      decref(e);
    }
    if (count !== null) {
      if (count < 0) valueError('negative count');
      if (count > 0) byteArrayResize(o, count);
      return;
    }
  }
  const buf = getBuffer(arg);
  if (buf !== null) {
    const copy = buf.slice();
    byteArrayResize(o, copy.length);
    setContent(o, copy);
    return;
  }
  if (arg.type === ListType || arg.type === TupleType) {
    const items = (arg as PyList).items;
    let slow = false;
    byteArrayResize(o, items.length);
    for (let i = 0; i < items.length; i++) {
      if (items[i].type !== IntType) {
        if (o.size !== 0) byteArrayResize(o, 0);
        slow = true;
        break;
      }
      o.store[i] = byteValue(items[i]);
    }
    if (!slow) return;
  }
  let it: PyObject;
  try {
    it = getIter(arg);
  } catch (e) {
    if (e instanceof PyObject && e.type.isSubtypeOf(TypeErrorType)) {
      decref(e);
      typeError(`cannot convert '${arg.type.name}' object to bytearray`);
    }
    throw e;
  }
  try {
    for (;;) {
      const item = iterNext(it);
      if (item === null) break;
      let v: number;
      try {
        v = byteValue(item);
      } finally {
        decref(item);
      }
      appendByte(o, v);
    }
  } finally {
    decref(it);
  }
}

/** bytearray_iconcat (`b += x`). */
function iconcat(o: PyByteArray, other: PyObject): PyObject {
  const vo = getBuffer(other);
  if (vo === null) typeError(`can't concat ${other.type.name} to ${o.type.name}`);
  const add = vo!.slice();
  const size = o.size;
  byteArrayResize(o, size + add.length);
  o.store.set(add, size);
  return newref(o);
}

// ---------------------------------------------------------------- slots

/** bytearray_repr: always escapes `'`, picks `"` only when the content has `'` and no `"`. */
function byteArrayRepr(self: PyObject): PyObject {
  const o = self as PyByteArray;
  const d = o.bytes;
  let quote = "'";
  for (const c of d) {
    if (c === 34) {
      quote = "'";
      break;
    } else if (c === 39) quote = '"';
  }
  let out = `${o.type.name}(b${quote}`;
  for (const c of d) {
    if (c === 39 || c === 92) out += '\\' + String.fromCharCode(c);
    else if (c === 9) out += '\\t';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c < 32 || c >= 127) out += '\\x' + (c < 16 ? '0' : '') + c.toString(16);
    else out += String.fromCharCode(c);
  }
  return newStr(out + quote + ')');
}

function byteArrayRichCompare(a: PyObject, b: PyObject, op: CompareOp): PyObject {
  const va = getBuffer(a);
  const vb = getBuffer(b);
  if (va === null || vb === null) return newNotImplemented();
  return richResult(compareBytes(va, vb), op);
}

function byteArraySubscript(self: PyObject, index: PyObject): PyObject {
  const o = self as PyByteArray;
  if (index.type.nb_index !== undefined) {
    let i = asSsizeT(index, IndexErrorType);
    if (i < 0) i += o.size;
    if (i < 0 || i >= o.size) indexError('bytearray index out of range');
    return newInt(o.store[i]);
  }
  if (isSlice(index)) {
    const [start, , step, n] = sliceIndices(index as PySlice, o.size);
    if (n <= 0) return newByteArray(new Uint8Array(0));
    if (step === 1) return newByteArray(o.store.slice(start, start + n));
    const r = new Uint8Array(n);
    for (let k = 0, cur = start; k < n; k++, cur += step) r[k] = o.store[cur];
    return newByteArray(r);
  }
  return typeError(`bytearray indices must be integers or slices, not ${index.type.name}`);
}

/** PyByteArray_Concat. */
function byteArrayConcat(a: PyObject, b: PyObject): PyObject {
  const va = getBuffer(a);
  const vb = va === null ? null : getBuffer(b);
  if (va === null || vb === null) typeError(`can't concat ${b.type.name} to ${a.type.name}`);
  const r = new Uint8Array(va!.length + vb!.length);
  r.set(va!, 0);
  r.set(vb!, va!.length);
  return newByteArray(r);
}

function byteArrayRepeat(self: PyObject, count: number): PyObject {
  const o = self as PyByteArray;
  if (count < 0) count = 0;
  const size = o.size * count;
  checkBytesAlloc(size);
  const r = new Uint8Array(size);
  for (let i = 0; i < count; i++) r.set(o.bytes, i * o.size);
  return newByteArray(r);
}

function byteArrayIrepeat(self: PyObject, count: number): PyObject {
  const o = self as PyByteArray;
  if (count < 0) count = 0;
  else if (count === 1) return newref(o);
  const content = o.bytes.slice();
  const size = content.length * count;
  checkBytesAlloc(size);
  byteArrayResize(o, size);
  for (let i = 0; i < count; i++) o.store.set(content, i * content.length);
  return newref(o);
}

ByteArrayType.tp_repr = byteArrayRepr;
ByteArrayType.tp_str = byteArrayRepr;
ByteArrayType.tp_hash = (o) => typeError(`unhashable type: '${o.type.name}'`);
ByteArrayType.tp_richcompare = byteArrayRichCompare;
ByteArrayType.tp_sizeof = byteArraySizeof;
ByteArrayType.sq_concat = byteArrayConcat;
ByteArrayType.sq_repeat = byteArrayRepeat;
ByteArrayType.sq_inplace_concat = (a, b) => iconcat(a as PyByteArray, b);
ByteArrayType.sq_inplace_repeat = byteArrayIrepeat;
ByteArrayType.sq_contains = (o, arg) => bytesContains((o as PyByteArray).bytes, arg);
ByteArrayType.mp_length = (o) => (o as PyByteArray).size;
ByteArrayType.mp_subscript = byteArraySubscript;
ByteArrayType.mp_ass_subscript = byteArrayAssSubscript;
ByteArrayType.tp_new = (type) => allocByteArray(type);
ByteArrayType.tp_init = byteArrayInit;
ByteArrayType.tp_iter = (o) => {
  const it = allocGCObject(new PySeqBytesIter(ByteArrayIterType, o, 0), 32);
  o.refcnt++;
  rt.gc.track(it);
  return it;
};
export const ByteArrayIterType: PyType = staticType({
  name: 'bytearray_iterator',
  basicsize: 32,
  flags: TypeFlag.HAVE_GC,
});
setupByteIterType(ByteArrayIterType, (seq) => (seq as PyByteArray).bytes);

// ---------------------------------------------------------------- methods

const byteArrayOps: ByteSeqOps = {
  q: 'bytearray',
  mutable: true,
  data: (o) => (o as PyByteArray).bytes,
  make: (b) => newByteArray(b),
  makeFresh: (b) => newByteArray(b),
  isExact: (o) => o.type === ByteArrayType,
};

const Q = 'bytearray';

ByteArrayType.methodSpecs.push(
  ...byteSeqMethods(byteArrayOps),
  {
    name: 'append',
    call: (self, args, kw) => {
      const o = self as PyByteArray;
      const v = byteValue(oneArg(`${Q}.append`, args, kw));
      const n = o.size;
      byteArrayResize(o, n + 1);
      o.store[n] = v;
      return newNone();
    },
  },
  {
    name: 'extend',
    call: (self, args, kw) => {
      const o = self as PyByteArray;
      const src = oneArg(`${Q}.extend`, args, kw);
      if (getBuffer(src) !== null) {
        setSlice(o, o.size, o.size, src);
        return newNone();
      }
      let it: PyObject;
      try {
        it = getIter(src);
      } catch (e) {
        if (e instanceof PyObject && e.type.isSubtypeOf(TypeErrorType)) {
          decref(e);
          typeError(`can't extend bytearray with ${src.type.name}`);
        }
        throw e;
      }
      let tmp: PyByteArray | null = null;
      try {
        let bufSize = lengthHint(src, 32);
        tmp = newByteArray(new Uint8Array(bufSize));
        let len = 0;
        for (;;) {
          const item = iterNext(it);
          if (item === null) break;
          let v: number;
          try {
            v = byteValue(item);
          } finally {
            decref(item);
          }
          tmp.store[len++] = v;
          if (len >= bufSize) {
            bufSize = len + (len >> 1) + 1;
            byteArrayResize(tmp, bufSize);
          }
        }
        byteArrayResize(tmp, len);
        setSlice(o, o.size, o.size, tmp);
      } finally {
        decref(it);
        if (tmp !== null) decref(tmp);
      }
      return newNone();
    },
  },
  {
    name: 'pop',
    call: (self, args, kw) => {
      const o = self as PyByteArray;
      noKeywords(`${Q}.pop`, kw);
      checkPositional('pop', args.length, 0, 1);
      let index = args.length > 0 ? ssizeArg(args[0]) : -1;
      const n = o.size;
      if (n === 0) indexError('pop from empty bytearray');
      if (index < 0) index += n;
      if (index < 0 || index >= n) indexError('pop index out of range');
      const value = o.store[index];
      o.store.copyWithin(index, index + 1, n);
      byteArrayResize(o, n - 1);
      return newInt(value);
    },
  },
  {
    name: 'insert',
    call: (self, args, kw) => {
      const o = self as PyByteArray;
      noKeywords(`${Q}.insert`, kw);
      checkPositional('insert', args.length, 2, 2);
      let index = ssizeArg(args[0]);
      const item = byteValue(args[1]);
      const n = o.size;
      const content = o.bytes.slice();
      byteArrayResize(o, n + 1);
      if (index < 0) {
        index += n;
        if (index < 0) index = 0;
      }
      if (index > n) index = n;
      const r = new Uint8Array(n + 1);
      r.set(content.subarray(0, index), 0);
      r[index] = item;
      r.set(content.subarray(index), index + 1);
      setContent(o, r);
      return newNone();
    },
  },
  {
    name: 'remove',
    call: (self, args, kw) => {
      const o = self as PyByteArray;
      const value = byteValue(oneArg(`${Q}.remove`, args, kw));
      const where = o.bytes.indexOf(value);
      if (where < 0) valueError('value not found in bytearray');
      const n = o.size;
      o.store.copyWithin(where, where + 1, n);
      byteArrayResize(o, n - 1);
      return newNone();
    },
  },
  {
    name: 'clear',
    call: (self, args, kw) => {
      noArgs(`${Q}.clear`, args, kw);
      byteArrayResize(self as PyByteArray, 0);
      return newNone();
    },
  },
  {
    name: 'copy',
    call: (self, args, kw) => {
      noArgs(`${Q}.copy`, args, kw);
      return newByteArray((self as PyByteArray).bytes.slice());
    },
  },
  {
    name: 'reverse',
    call: (self, args, kw) => {
      noArgs(`${Q}.reverse`, args, kw);
      (self as PyByteArray).bytes.reverse();
      return newNone();
    },
  },
  {
    name: '__alloc__',
    call: (self, args, kw) => {
      noArgs(`${Q}.__alloc__`, args, kw);
      return newInt((self as PyByteArray).alloc);
    },
  },
  {
    name: '__sizeof__',
    call: (self, args, kw) => {
      noArgs(`${Q}.__sizeof__`, args, kw);
      return newInt(byteArraySizeof(self));
    },
  },
  {
    name: 'fromhex',
    kind: 'classmethod',
    call: (cls, args, kw) => {
      const data = parseHex(oneArg(`${Q}.fromhex`, args, kw), 'fromhex');
      const b = newByteArray(data);
      if (cls === ByteArrayType) return b;
      try {
        const o = allocByteArray(cls as PyType);
        byteArrayInit(o, [b], null);
        return o;
      } finally {
        decref(b);
      }
    },
  },
);
