/**
 * bytes. @cpython Objects/bytesobject.c, Objects/bytes_methods.c, Objects/stringlib (3.11)
 *
 * A PyBytesObject is 33 bytes plus its content (the struct ends with the trailing NUL),
 * allocated in one block, not tracked by the GC. `b''` and the 256 one-byte strings are
 * static singletons (_Py_SINGLETON(bytes_empty), bytes_characters). Which results are the
 * singletons follows CPython: PyBytes_FromStringAndSize(data, n) shares them,
 * PyBytes_FromStringAndSize(NULL, n) + fill (concatenation, repetition, case changes,
 * extended slices, bytes(tuple)) makes a new object even for one byte.
 *
 * The methods shared with bytearray are built by `byteSeqMethods` for both types.
 */
import { CompareOp, PyObject, PyType, TypeFlag, decref, newref, type MethodSpec } from './object';
import { staticType } from './roots';
import { CodeType, type PyCode } from './codeobject';
import { assembleBytes } from '../compiler/bytecode';
import { allocGCObject, allocObject, freeObject, gcDel, pyMalloc } from '../memory/alloc';
import { placeStatic } from '../memory/static';
import { rt } from '../vm/runtime';
import { IMMORTAL_REFCNT } from '../profiles/cpython311';
import { raiseMemoryError } from '../vm/memoryerror';
import { None, newNotImplemented } from './noneobject';
import { newBool } from './boolobject';
import { newInt } from './longobject';
import { ListType, newEmptyList, listAppendTake, type PyList } from './listobject';
import { TupleType, isTuple, newTuple, tupleFromBorrowed, type PyTuple } from './tupleobject';

import { isSlice, sliceIndices, type PySlice } from './sliceobject';
import { getIter, iterNext, objectLength } from './abstract';
import { callSpecial } from './slotdefs';
import { IndexErrorType, OverflowErrorType, TypeErrorType } from './exceptions';
import { indexError, raise, typeError, valueError } from '../vm/errors';
import {
  asSsizeT,
  badArgument,
  cIntArg,
  checkPositional,
  noArgs,
  noKeywords,
  oneArg,
  sliceIndexArg,
  ssizeArg,
  unpackKeywords,
} from './str-clinic';
import { parseTupleCount } from '../vm/args';
import {
  PyStr,
  isStr,
  newStr,
  newStrFresh,
  sequenceFast,
  cStringArg,
  decodeBytes,
  setBytesLikeReader,
  setBytesMaker,
  strEncode,
  unicodeKind,
} from './unicodeobject';
import { bytesRepr, strMethods as M } from '../text';

export const BytesType: PyType = staticType({
  name: 'bytes',
  basicsize: 33,
  itemsize: 1,
  flags: TypeFlag.BASETYPE,
});

export class PyBytes extends PyObject {
  /** Cached hash (ob_shash); -1 until computed. */
  hash = -1;
  constructor(
    public bytes: Uint8Array,
    type: PyType = BytesType,
  ) {
    super(type);
  }
}

// ---------------------------------------------------------------- buffers

const bufferReaders: ((o: PyObject) => Uint8Array | null)[] = [];

/** Registers how a bytes-like type exposes its buffer (PyObject_GetBuffer, PyBUF_SIMPLE). */
export function registerBufferReader(fn: (o: PyObject) => Uint8Array | null): void {
  bufferReaders.push(fn);
}

/** The content of a bytes-like object (bytes, bytearray), or null (no buffer protocol). */
export function getBuffer(o: PyObject): Uint8Array | null {
  for (const f of bufferReaders) {
    const b = f(o);
    if (b !== null) return b;
  }
  return null;
}

/** PyObject_GetBuffer with its TypeError. */
export function requireBuffer(o: PyObject): Uint8Array {
  const b = getBuffer(o);
  if (b === null) typeError(`a bytes-like object is required, not '${o.type.name}'`);
  return b!;
}

export function isBytes(o: PyObject): o is PyBytes {
  return o.type === BytesType || o.type.isSubtypeOf(BytesType);
}

registerBufferReader((o) => (o instanceof PyBytes ? o.bytes : null));
setBytesLikeReader(getBuffer);

// ---------------------------------------------------------------- creation

function staticBytes(b: Uint8Array): PyBytes {
  const o = new PyBytes(b);
  o.refcnt = IMMORTAL_REFCNT;
  return placeStatic(o, 33 + b.length);
}

export const EmptyBytes = staticBytes(new Uint8Array(0));
const characters: PyBytes[] = [];
/** The static one-byte bytes object for `b` (borrowed). */
export function byteCharacter(b: number): PyBytes {
  return characters[b];
}
for (let c = 0; c < 256; c++) characters.push(staticBytes(Uint8Array.of(c)));

const MAX_BYTES = 2 ** 31;

/** Before allocating n bytes of content: MemoryError past the run's limits. */
export function checkBytesAlloc(n: number): void {
  if (n > MAX_BYTES || 33 + n > rt.options.memoryLimit) raiseMemoryError();
}

/** PyBytes_FromStringAndSize(data, n): b'' and single bytes are the singletons. */
export function newBytes(b: Uint8Array): PyBytes {
  if (b.length <= 1) {
    const s = b.length === 0 ? EmptyBytes : characters[b[0]];
    s.refcnt++;
    return s;
  }
  return allocObject(new PyBytes(b), 33 + b.length);
}

/** PyBytes_FromStringAndSize(NULL, n) then filled: a new object unless empty. */
export function newBytesFresh(b: Uint8Array): PyBytes {
  if (b.length === 0) return (EmptyBytes.refcnt++, EmptyBytes);
  return allocObject(new PyBytes(b), 33 + b.length);
}

setBytesMaker((b) => newBytes(b));

/** bytes___sizeof___impl: basicsize + n (the subclass's own size for subclass instances). */
export function bytesSizeof(o: PyObject): number {
  return o.type.basicsize + (o as PyBytes).bytes.length;
}

/** bytes_subtype_new: PyType_GenericAlloc(type, n) and a copy of the content. */
function bytesSubtypeNew(type: PyType, src: PyBytes): PyBytes {
  const n = src.bytes.length;
  const o = new PyBytes(src.bytes.slice(), type);
  const size = (type.basicsize + (n + 1) * type.itemsize + 7) & ~7;
  if (type.isGC) allocGCObject(o, size);
  else allocObject(o, size);
  if (type.isHeapType) type.refcnt++;
  if (type.isGC) rt.gc.track(o);
  return o;
}

export function bytesDealloc(o: PyObject): void {
  if (o.type.isGC) gcDel(o);
  else freeObject(o);
}
BytesType.tp_dealloc = bytesDealloc;

// ---------------------------------------------------------------- helpers

export function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) {
    s += String.fromCharCode(...b.subarray(i, Math.min(i + 8192, b.length)));
  }
  return s;
}

export function fromLatin1(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

/** Py_ISSPACE: ASCII whitespace (space, \t \n \v \f \r). */
const isSpaceByte = (c: number) => c === 32 || (c >= 9 && c <= 13);
const isUpperByte = (c: number) => c >= 65 && c <= 90;
const isLowerByte = (c: number) => c >= 97 && c <= 122;
const isAlphaByte = (c: number) => isUpperByte(c) || isLowerByte(c);
const isDigitByte = (c: number) => c >= 48 && c <= 57;

/** The FNV hash of the str module over the same units, so hash(b'a') == hash('a'); b'' is 0. */
export function bytesHashOf(b: Uint8Array): number {
  if (b.length === 0) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < b.length; i++) {
    h ^= b[i];
    h = Math.imul(h, 0x01000193);
  }
  h |= 0;
  return h === -1 ? -2 : h;
}

/** memcmp order, then length. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export function richResult(c: number, op: CompareOp): PyObject {
  switch (op) {
    case CompareOp.LT:
      return newBool(c < 0);
    case CompareOp.LE:
      return newBool(c <= 0);
    case CompareOp.EQ:
      return newBool(c === 0);
    case CompareOp.NE:
      return newBool(c !== 0);
    case CompareOp.GT:
      return newBool(c > 0);
    default:
      return newBool(c >= 0);
  }
}

/** _getbytevalue: an int in range(256) (via __index__). */
export function byteValue(o: PyObject): number {
  const v = asSsizeT(o, null);
  if (v < 0 || v >= 256) valueError('byte must be in range(0, 256)');
  return v;
}

/** _Py_bytes_contains: an int in range(256), or a bytes-like substring. */
export function bytesContains(data: Uint8Array, arg: PyObject): boolean {
  if (arg.type.nb_index !== undefined) {
    const v = asSsizeT(arg, null);
    if (v < 0 || v >= 256) valueError('byte must be in range(0, 256)');
    return data.indexOf(v) >= 0;
  }
  const sub = requireBuffer(arg);
  return M.find(latin1(data), latin1(sub)) >= 0;
}

/** _Py_strhex_with_sep. */
export function hexOf(data: Uint8Array, sep: PyObject | undefined, bytesPerSep: number): PyStr {
  let sepChar = '';
  if (sep !== undefined) {
    const n = objectLength(sep);
    if (n !== 1) valueError('sep must be length 1.');
    if (isStr(sep)) {
      if (unicodeKind(sep as PyStr) > 1) valueError('sep must be ASCII.');
      sepChar = (sep as PyStr).value;
    } else if (isBytes(sep)) sepChar = String.fromCharCode((sep as PyBytes).bytes[0]);
    else typeError('sep must be str or bytes.');
    if (sepChar.charCodeAt(0) > 127) valueError('sep must be ASCII.');
  } else bytesPerSep = 0;
  const hex = (c: number) => (c < 16 ? '0' : '') + c.toString(16);
  const abs = Math.abs(bytesPerSep);
  const len = data.length;
  if (bytesPerSep === 0 || abs >= len) {
    let out = '';
    for (let i = 0; i < len; i++) out += hex(data[i]);
    return newStrFresh(out);
  }
  const groups: string[] = [];
  if (bytesPerSep < 0) {
    for (let i = 0; i < len; i += abs) {
      let g = '';
      for (let k = i; k < Math.min(i + abs, len); k++) g += hex(data[k]);
      groups.push(g);
    }
  } else {
    for (let end = len; end > 0; end -= abs) {
      let g = '';
      for (let k = Math.max(0, end - abs); k < end; k++) g += hex(data[k]);
      groups.unshift(g);
    }
  }
  return newStrFresh(groups.join(sepChar));
}

/** bytes.fromhex / bytearray.fromhex: the bytes of a hex string (spaces allowed between pairs). */
export function parseHex(s: PyObject, fname: string): Uint8Array {
  if (!isStr(s)) badArgument(fname, 'argument', 'str', s);
  const t = (s as PyStr).value;
  const out: number[] = [];
  let i = 0;
  const hexval = (c: string) => {
    const code = c.charCodeAt(0);
    if (code >= 48 && code <= 57) return code - 48;
    if (code >= 97 && code <= 102) return code - 87;
    if (code >= 65 && code <= 70) return code - 55;
    return -1;
  };
  while (i < t.length) {
    if (t[i] === ' ' || t[i] === '\t' || t[i] === '\n' || t[i] === '\r' || t[i] === '\v' || t[i] === '\f') {
      i++;
      continue;
    }
    const top = hexval(t[i]);
    const bot = i + 1 < t.length ? hexval(t[i + 1]) : -1;
    if (top < 0 || bot < 0) {
      const pos = top < 0 ? i : i + 1;
      if (top >= 0 && i + 1 >= t.length) {
        valueError(`non-hexadecimal number found in fromhex() arg at position ${i + 1}`);
      }
      valueError(`non-hexadecimal number found in fromhex() arg at position ${pos}`);
    }
    out.push(top * 16 + bot);
    i += 2;
  }
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------- slots

function bytesReprSlot(o: PyObject): PyObject {
  return newStr(bytesRepr((o as PyBytes).bytes));
}

function bytesHash(o: PyObject): number {
  const b = o as PyBytes;
  if (b.hash === -1) b.hash = bytesHashOf(b.bytes);
  return b.hash;
}

function bytesRichCompare(a: PyObject, b: PyObject, op: CompareOp): PyObject {
  if (!isBytes(a) || !isBytes(b)) return newNotImplemented();
  if (a === b) return newBool(op === CompareOp.EQ || op === CompareOp.LE || op === CompareOp.GE);
  return richResult(compareBytes(a.bytes, b.bytes), op);
}

/** bytes_concat. */
function bytesConcat(a: PyObject, b: PyObject): PyObject {
  const va = getBuffer(a);
  const vb = va === null ? null : getBuffer(b);
  if (va === null || vb === null) typeError(`can't concat ${b.type.name} to ${a.type.name}`);
  if (va!.length === 0 && b.type === BytesType) return newref(b);
  if (vb!.length === 0 && a.type === BytesType) return newref(a);
  checkBytesAlloc(va!.length + vb!.length);
  const r = new Uint8Array(va!.length + vb!.length);
  r.set(va!, 0);
  r.set(vb!, va!.length);
  return newBytesFresh(r);
}

/** bytes_repeat: a new block even for an empty result (only `b * 1` is shared). */
function bytesRepeat(o: PyObject, n: number): PyObject {
  const a = o as PyBytes;
  if (n < 0) n = 0;
  const len = a.bytes.length;
  if (n > 0 && len > Number(9223372036854775807n / BigInt(n)))
    raise(OverflowErrorType, 'repeated bytes are too long');
  const size = len * n;
  if (size === len && a.type === BytesType) return newref(a);
  checkBytesAlloc(size);
  const r = new Uint8Array(size);
  for (let i = 0; i < n; i++) r.set(a.bytes, i * len);
  return allocObject(new PyBytes(r), 33 + size);
}

function bytesSubscript(o: PyObject, item: PyObject): PyObject {
  const self = o as PyBytes;
  const data = self.bytes;
  if (item.type.nb_index !== undefined) {
    let i = asSsizeT(item, IndexErrorType);
    if (i < 0) i += data.length;
    if (i < 0 || i >= data.length) indexError('index out of range');
    return newInt(data[i]);
  }
  if (isSlice(item)) {
    const [start, , step, n] = sliceIndices(item as PySlice, data.length);
    if (n <= 0) return (EmptyBytes.refcnt++, EmptyBytes);
    if (start === 0 && step === 1 && n === data.length && self.type === BytesType) return newref(self);
    if (step === 1) return newBytes(data.slice(start, start + n));
    const r = new Uint8Array(n);
    for (let k = 0, cur = start; k < n; k++, cur += step) r[k] = data[cur];
    return newBytesFresh(r);
  }
  return typeError(`byte indices must be integers or slices, not ${item.type.name}`);
}

BytesType.tp_repr = bytesReprSlot;
BytesType.tp_str = bytesReprSlot;
BytesType.tp_hash = bytesHash;
BytesType.tp_richcompare = bytesRichCompare;
BytesType.tp_sizeof = bytesSizeof;
BytesType.sq_concat = bytesConcat;
BytesType.sq_repeat = bytesRepeat;
BytesType.sq_contains = (o, arg) => bytesContains((o as PyBytes).bytes, arg);
BytesType.mp_length = (o) => (o as PyBytes).bytes.length;
BytesType.mp_subscript = bytesSubscript;
BytesType.tp_iter = (o) => newBytesIterator(o as PyBytes);

// ---------------------------------------------------------------- construction

/** Builds the content from an int count, a buffer, or an iterable of ints (PyBytes_FromObject). */
function bytesFromObject(x: PyObject): PyBytes {
  if (x.type === BytesType) return newref(x as PyBytes);
  const buf = getBuffer(x);
  if (buf !== null) return newBytesFresh(buf.slice());
  if (x.type === ListType || x.type === TupleType) {
    const items = (x as PyList).items;
    const out = new Uint8Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const v = asSsizeT(item, null);
      if (v < 0 || v >= 256) valueError('bytes must be in range(0, 256)');
      out[i] = v;
    }
    // _PyBytes_FromList goes through a _PyBytesWriter (one byte is shared);
    // _PyBytes_FromTuple fills PyBytes_FromStringAndSize(NULL, n).
    return x.type === ListType ? newBytes(out) : newBytesFresh(out);
  }
  if (!isStr(x)) {
    let it: PyObject;
    try {
      it = getIter(x);
    } catch (e) {
      if (e instanceof PyObject && e.type.isSubtypeOf(TypeErrorType)) {
        decref(e);
        return typeError(`cannot convert '${x.type.name}' object to bytes`);
      }
      throw e;
    }
    try {
      const out: number[] = [];
      for (;;) {
        const item = iterNext(it);
        if (item === null) break;
        let v: number;
        try {
          v = asSsizeT(item, null);
        } finally {
          decref(item);
        }
        if (v < 0 || v >= 256) valueError('bytes must be in range(0, 256)');
        out.push(v);
      }
      return newBytes(Uint8Array.from(out));
    } finally {
      decref(it);
    }
  }
  return typeError(`cannot convert '${x.type.name}' object to bytes`);
}

/** bytes_new_impl. */
export function bytesNew(type: PyType, args: PyObject[], kwnames: PyTuple | null): PyObject {
  const [x, encObj, errObj] = unpackKeywords(
    'bytes',
    args,
    kwnames,
    ['source', 'encoding', 'errors'],
    0,
    0,
    3,
  );
  const encoding = encObj === undefined ? null : cStringArg('bytes', "argument 'encoding'", encObj);
  const errors = errObj === undefined ? null : cStringArg('bytes', "argument 'errors'", errObj);
  let bytes: PyBytes;
  if (x === undefined) {
    if (encoding !== null || errors !== null) {
      typeError(
        encoding !== null ? 'encoding without a string argument' : 'errors without a string argument',
      );
    }
    bytes = (EmptyBytes.refcnt++, EmptyBytes);
  } else if (encoding !== null) {
    if (!isStr(x)) typeError('encoding without a string argument');
    bytes = strEncode(x as PyStr, encoding, errors) as PyBytes;
  } else if (errors !== null) {
    return typeError(isStr(x) ? 'string argument without an encoding' : 'errors without a string argument');
  } else {
    const r = callSpecial(x, '__bytes__', []);
    if (r !== null) {
      if (!isBytes(r)) {
        const name = r.type.name;
        decref(r);
        typeError(`__bytes__ returned non-bytes (type ${name})`);
      }
      bytes = r as PyBytes;
    } else if (isStr(x)) {
      return typeError('string argument without an encoding');
    } else if (x.type.nb_index !== undefined) {
      let size: number | null = null;
      try {
        size = asSsizeT(x, OverflowErrorType);
      } catch (e) {
        if (!(e instanceof PyObject && e.type.isSubtypeOf(TypeErrorType))) throw e;
        decref(e);
      }
      if (size === null) bytes = bytesFromObject(x);
      else {
        if (size < 0) valueError('negative count');
        checkBytesAlloc(size);
        bytes = newBytesFresh(new Uint8Array(size));
      }
    } else bytes = bytesFromObject(x);
  }
  if (type !== BytesType) {
    try {
      return bytesSubtypeNew(type, bytes);
    } finally {
      decref(bytes);
    }
  }
  return bytes;
}

BytesType.tp_new = bytesNew;
// ---------------------------------------------------------------- iterator

export const BytesIterType: PyType = staticType({
  name: 'bytes_iterator',
  basicsize: 32,
  flags: TypeFlag.HAVE_GC,
});

export class PySeqBytesIter extends PyObject {
  constructor(
    type: PyType,
    public seq: PyObject | null,
    public index: number,
  ) {
    super(type);
  }
}

export function newBytesIterator(b: PyBytes): PySeqBytesIter {
  const it = allocGCObject(new PySeqBytesIter(BytesIterType, b, 0), 32);
  b.refcnt++;
  rt.gc.track(it);
  return it;
}

/** Installs the iterator slots of bytes_iterator / bytearray_iterator. */
export function setupByteIterType(t: PyType, dataOf: (seq: PyObject) => Uint8Array): void {
  t.tp_iter = (o) => newref(o);
  t.tp_iternext = (o) => {
    const it = o as PySeqBytesIter;
    const seq = it.seq;
    if (seq === null) return null;
    const data = dataOf(seq);
    if (it.index < data.length) return newInt(data[it.index++]);
    it.seq = null;
    decref(seq);
    return null;
  };
  t.tp_dealloc = (o) => {
    const it = o as PySeqBytesIter;
    rt.gc.untrack(it);
    const seq = it.seq;
    it.seq = null;
    if (seq !== null) decref(seq);
    gcDel(it);
  };
  t.tp_traverse = (o, visit) => {
    const seq = (o as PySeqBytesIter).seq;
    if (seq !== null) visit(seq, 'seq');
  };
  const hint = (o: PyObject) => {
    const it = o as PySeqBytesIter;
    return it.seq === null ? 0 : Math.max(0, dataOf(it.seq).length - it.index);
  };
  t.lengthHint = hint;
  t.methodSpecs.push({ name: '__length_hint__', call: (self) => newInt(hint(self)) });
}
setupByteIterType(BytesIterType, (seq) => (seq as PyBytes).bytes);

// ------------------------------------------------------- shared byte methods

/** How bytes and bytearray differ for the shared stringlib methods. */
export interface ByteSeqOps {
  /** 'bytes' or 'bytearray' (for `bytes.upper()` in messages). */
  q: string;
  /** bytearray: results are never the receiver (STRINGLIB_MUTABLE). */
  mutable: boolean;
  /** The current content (a view for bytearray). */
  data(o: PyObject): Uint8Array;
  /** STRINGLIB_NEW(data, n). */
  make(b: Uint8Array): PyObject;
  /** STRINGLIB_NEW(NULL, n) filled afterwards. */
  makeFresh(b: Uint8Array): PyObject;
  /** STRINGLIB_CHECK_EXACT. */
  isExact(o: PyObject): boolean;
}

/** return_self: the receiver for an exact immutable bytes, else a copy. */
function returnSelf(ops: ByteSeqOps, self: PyObject): PyObject {
  if (!ops.mutable && ops.isExact(self)) return newref(self);
  return ops.make(ops.data(self).slice());
}

function fillCharByte(fname: string, argNum: number, o: PyObject): number {
  const b = isBytes(o) || (o.type.name === 'bytearray' && !o.type.isHeapType) ? getBuffer(o) : null;
  if (b === null || b.length !== 1) badArgument(fname, `argument ${argNum}`, 'a byte string of length 1', o);
  return b![0];
}

/** Whitespace split of bytes (Py_ISSPACE), as stringlib split_whitespace. */
function splitWhitespace(data: Uint8Array, maxcount: number, right: boolean): [number, number][] {
  const out: [number, number][] = [];
  const n = data.length;
  if (!right) {
    let i = 0;
    while (maxcount-- > 0) {
      while (i < n && isSpaceByte(data[i])) i++;
      if (i === n) break;
      const j = i;
      i++;
      while (i < n && !isSpaceByte(data[i])) i++;
      out.push([j, i]);
    }
    if (i < n) {
      while (i < n && isSpaceByte(data[i])) i++;
      if (i !== n) out.push([i, n]);
    }
    return out;
  }
  let i = n - 1;
  while (maxcount-- > 0) {
    while (i >= 0 && isSpaceByte(data[i])) i--;
    if (i < 0) break;
    const j = i;
    i--;
    while (i >= 0 && !isSpaceByte(data[i])) i--;
    out.push([i + 1, j + 1]);
  }
  if (i >= 0) {
    while (i >= 0 && isSpaceByte(data[i])) i--;
    if (i >= 0) out.push([0, i + 1]);
  }
  return out;
}

const MAX_PREALLOC = 12;

function preallocatedList(n: number): PyList {
  const l = newEmptyList();
  if (n > 0) {
    l.itemsAddr = pyMalloc(8 * n);
    l.allocated = n;
  }
  return l;
}

function splitAdd(l: PyList, sub: PyObject): void {
  if (l.items.length < l.allocated && l.items.length < MAX_PREALLOC) l.items.push(sub);
  else listAppendTake(l, sub);
}

function splitMethod(ops: ByteSeqOps, right: boolean) {
  const name = right ? 'rsplit' : 'split';
  return (self: PyObject, args: PyObject[], kw: PyTuple | null): PyObject => {
    const [sepObj, ms] = unpackKeywords(name, args, kw, ['sep', 'maxsplit'], 0, 0, 2);
    const maxsplit = ms === undefined ? -1 : ssizeArg(ms);
    const maxcount = maxsplit < 0 ? Number.MAX_SAFE_INTEGER : maxsplit;
    const data = ops.data(self);
    const sep = sepObj === undefined || sepObj === None ? null : requireBuffer(sepObj).slice();
    if (sep !== null && sep.length === 0) valueError('empty separator');
    const l = preallocatedList(maxcount >= MAX_PREALLOC ? MAX_PREALLOC : maxcount + 1);
    try {
      let spans: [number, number][];
      if (sep === null) spans = splitWhitespace(data, maxcount, right);
      else {
        const s = latin1(data);
        const parts = right ? M.rsplit(s, latin1(sep), maxsplit) : M.split(s, latin1(sep), maxsplit);
        spans = [];
        let pos = 0;
        const seplen = sep.length;
        for (const p of parts) {
          spans.push([pos, pos + p.length]);
          pos += p.length + seplen;
        }
        if (right) spans.reverse();
      }
      const whole = spans.length === 1 && spans[0][0] === 0 && spans[0][1] === data.length;
      if (whole && !ops.mutable && ops.isExact(self) && (sep !== null || (data.length > 0 && maxcount > 0))) {
        splitAdd(l, newref(self));
        return l;
      }
      for (const [a, b] of spans) splitAdd(l, ops.make(data.slice(a, b)));
      if (right) l.items.reverse();
      return l;
    } catch (e) {
      decref(l);
      throw e;
    }
  };
}

function stripMethod(ops: ByteSeqOps, name: 'strip' | 'lstrip' | 'rstrip') {
  return (self: PyObject, args: PyObject[], kw: PyTuple | null): PyObject => {
    noKeywords(`${ops.q}.${name}`, kw);
    checkPositional(name, args.length, 0, 1);
    const data = ops.data(self);
    const charsObj = args[0];
    const set = charsObj === undefined || charsObj === None ? null : new Set(requireBuffer(charsObj));
    const strip = (c: number) => (set === null ? isSpaceByte(c) : set.has(c));
    let i = 0;
    let j = data.length;
    if (name !== 'rstrip') while (i < j && strip(data[i])) i++;
    if (name !== 'lstrip') while (j > i && strip(data[j - 1])) j--;
    if (i === 0 && j === data.length && !ops.mutable && ops.isExact(self)) return newref(self);
    return ops.make(data.slice(i, j));
  };
}

/** stringlib_parse_args_finds + parse_args_finds_byte: the needle as bytes. */
function findArgs(
  ops: ByteSeqOps,
  name: string,
  args: PyObject[],
  kw: PyTuple | null,
): [string, number | null, number | null] {
  noKeywords(`${ops.q}.${name}`, kw);
  const t = tupleFromBorrowed(args);
  try {
    parseTupleCount(name, args.length, 1, 3);
    const start = sliceIndexArg(args[1]);
    const end = sliceIndexArg(args[2]);
    const sub = args[0];
    const buf = getBuffer(sub);
    if (buf !== null) return [latin1(buf), start, end];
    if (sub.type.nb_index === undefined) {
      typeError(`argument should be integer or bytes-like object, not '${sub.type.name}'`);
    }
    const v = asSsizeT(sub, null);
    if (v < 0 || v > 255) valueError('byte must be in range(0, 256)');
    return [String.fromCharCode(v), start, end];
  } finally {
    decref(t);
  }
}

function findMethod(ops: ByteSeqOps, name: 'find' | 'rfind' | 'index' | 'rindex' | 'count') {
  return (self: PyObject, args: PyObject[], kw: PyTuple | null): PyObject => {
    const [sub, start, end] = findArgs(ops, name, args, kw);
    const s = latin1(ops.data(self));
    if (name === 'index' || name === 'rindex') {
      const i = name === 'index' ? M.find(s, sub, start, end) : M.rfind(s, sub, start, end);
      if (i < 0) valueError('subsection not found');
      return newInt(i);
    }
    return newInt(M[name](s, sub, start, end));
  };
}

function tailMethod(ops: ByteSeqOps, name: 'startswith' | 'endswith') {
  return (self: PyObject, args: PyObject[], kw: PyTuple | null): PyObject => {
    noKeywords(`${ops.q}.${name}`, kw);
    const t = tupleFromBorrowed(args);
    try {
      parseTupleCount(name, args.length, 1, 3);
      const start = sliceIndexArg(args[1]);
      const end = sliceIndexArg(args[2]);
      const s = latin1(ops.data(self));
      const sub = args[0];
      if (isTuple(sub)) {
        for (const item of (sub as PyTuple).items) {
          if (M[name](s, latin1(requireBuffer(item)), start, end)) return newBool(true);
        }
        return newBool(false);
      }
      const buf = getBuffer(sub);
      if (buf === null)
        typeError(`${name} first arg must be bytes or a tuple of bytes, not ${sub.type.name}`);
      return newBool(M[name](s, latin1(buf!), start, end));
    } finally {
      decref(t);
    }
  };
}

function caseMethod(ops: ByteSeqOps, name: 'upper' | 'lower' | 'capitalize' | 'swapcase' | 'title') {
  return (self: PyObject, args: PyObject[], kw: PyTuple | null): PyObject => {
    noArgs(`${ops.q}.${name}`, args, kw);
    const d = ops.data(self);
    const r = new Uint8Array(d.length);
    let prevCased = false;
    for (let i = 0; i < d.length; i++) {
      const c = d[i];
      let o = c;
      switch (name) {
        case 'upper':
          o = isLowerByte(c) ? c - 32 : c;
          break;
        case 'lower':
          o = isUpperByte(c) ? c + 32 : c;
          break;
        case 'swapcase':
          o = isLowerByte(c) ? c - 32 : isUpperByte(c) ? c + 32 : c;
          break;
        case 'capitalize':
          o = i === 0 ? (isLowerByte(c) ? c - 32 : c) : isUpperByte(c) ? c + 32 : c;
          break;
        case 'title':
          if (isUpperByte(c)) o = prevCased ? c + 32 : c;
          else if (isLowerByte(c)) o = prevCased ? c : c - 32;
          prevCased = isAlphaByte(c);
          break;
      }
      r[i] = o;
    }
    return ops.makeFresh(r);
  };
}

function predicate(ops: ByteSeqOps, name: string, test: (d: Uint8Array) => boolean) {
  return {
    name,
    call: (self: PyObject, args: PyObject[], kw: PyTuple | null): PyObject => {
      noArgs(`${ops.q}.${name}`, args, kw);
      return newBool(test(ops.data(self)));
    },
  };
}

function casedTest(d: Uint8Array, want: (c: number) => boolean, reject: (c: number) => boolean): boolean {
  let cased = false;
  for (const c of d) {
    if (reject(c)) return false;
    if (want(c)) cased = true;
  }
  return cased;
}

function justifyMethod(ops: ByteSeqOps, name: 'center' | 'ljust' | 'rjust') {
  return (self: PyObject, args: PyObject[], kw: PyTuple | null): PyObject => {
    noKeywords(`${ops.q}.${name}`, kw);
    checkPositional(name, args.length, 1, 2);
    const width = ssizeArg(args[0]);
    const fill = args.length > 1 ? fillCharByte(name, 2, args[1]) : 32;
    const d = ops.data(self);
    if (d.length >= width) return returnSelf(ops, self);
    checkBytesAlloc(width);
    const marg = width - d.length;
    const left = name === 'ljust' ? 0 : name === 'rjust' ? marg : (marg >> 1) + (marg & width & 1);
    const r = new Uint8Array(width).fill(fill);
    r.set(d, left);
    return ops.makeFresh(r);
  };
}

function partitionMethod(ops: ByteSeqOps, right: boolean) {
  const name = right ? 'rpartition' : 'partition';
  return (self: PyObject, args: PyObject[], kw: PyTuple | null): PyObject => {
    const sepObj = oneArg(`${ops.q}.${name}`, args, kw);
    const sepBuf = requireBuffer(sepObj);
    if (sepBuf.length === 0) valueError('empty separator');
    const d = ops.data(self);
    const s = latin1(d);
    const sep = latin1(sepBuf);
    const at = right ? M.rfind(s, sep) : M.find(s, sep);
    // bytearray works on a new bytearray copy of the separator.
    const sepItem = ops.mutable ? ops.make(sepBuf.slice()) : newref(sepObj);
    if (at < 0) {
      if (ops.mutable) {
        const whole = ops.make(d.slice());
        const e1 = ops.make(new Uint8Array(0));
        const e2 = ops.make(new Uint8Array(0));
        decref(sepItem);
        return right ? newTuple([e1, e2, whole]) : newTuple([whole, e1, e2]);
      }
      decref(sepItem);
      EmptyBytes.refcnt += 2;
      self.refcnt++;
      return right ? newTuple([EmptyBytes, EmptyBytes, self]) : newTuple([self, EmptyBytes, EmptyBytes]);
    }
    const first = ops.make(d.slice(0, at));
    const last = ops.make(d.slice(at + sepBuf.length));
    return newTuple([first, sepItem, last]);
  };
}

function replaceMethod(ops: ByteSeqOps) {
  return (self: PyObject, args: PyObject[], kw: PyTuple | null): PyObject => {
    noKeywords(`${ops.q}.replace`, kw);
    checkPositional('replace', args.length, 2, 3);
    const from = requireBuffer(args[0]);
    const to = requireBuffer(args[1]);
    const count = args.length > 2 ? ssizeArg(args[2]) : -1;
    const d = ops.data(self);
    if (d.length < from.length || count === 0) return returnSelf(ops, self);
    if (from.length === 0 && to.length === 0) return returnSelf(ops, self);
    const s = latin1(d);
    const f = latin1(from);
    if (from.length > 0 && M.find(s, f) < 0) return returnSelf(ops, self);
    const r = M.replace(s, f, latin1(to), count);
    checkBytesAlloc(r.length);
    return ops.makeFresh(fromLatin1(r));
  };
}

function splitlinesMethod(ops: ByteSeqOps) {
  return (self: PyObject, args: PyObject[], kw: PyTuple | null): PyObject => {
    const [ke] = unpackKeywords('splitlines', args, kw, ['keepends'], 0, 0, 1);
    const keepends = ke === undefined ? false : cIntArg(ke) !== 0;
    const d = ops.data(self);
    const l = newEmptyList();
    try {
      const n = d.length;
      for (let i = 0, j = 0; i < n;) {
        while (i < n && d[i] !== 10 && d[i] !== 13) i++;
        let eol = i;
        if (i < n) {
          if (d[i] === 13 && i + 1 < n && d[i + 1] === 10) i += 2;
          else i++;
          if (keepends) eol = i;
        }
        if (j === 0 && eol === n && !ops.mutable && ops.isExact(self)) {
          listAppendTake(l, newref(self));
          break;
        }
        listAppendTake(l, ops.make(d.slice(j, eol)));
        j = i;
      }
      return l;
    } catch (e) {
      decref(l);
      throw e;
    }
  };
}

/** stringlib join: `sep.join(iterable_of_bytes)`. */
export function bytesJoin(ops: ByteSeqOps, sep: PyObject, iterable: PyObject): PyObject {
  const seq = sequenceFast(iterable, 'can only join an iterable');
  try {
    const items = seq.items;
    if (items.length === 0) return ops.make(new Uint8Array(0));
    if (items.length === 1 && !ops.mutable && ops.isExact(items[0])) return newref(items[0]);
    const sepData = ops.data(sep).slice();
    const parts: Uint8Array[] = [];
    let total = 0;
    for (let i = 0; i < items.length; i++) {
      const b = getBuffer(items[i]);
      if (b === null)
        typeError(`sequence item ${i}: expected a bytes-like object, ${items[i].type.name} found`);
      parts.push(b!.slice());
      total += b!.length + (i > 0 ? sepData.length : 0);
    }
    checkBytesAlloc(total);
    const r = new Uint8Array(total);
    let pos = 0;
    for (let i = 0; i < parts.length; i++) {
      if (i > 0) {
        r.set(sepData, pos);
        pos += sepData.length;
      }
      r.set(parts[i], pos);
      pos += parts[i].length;
    }
    return ops.makeFresh(r);
  } finally {
    decref(seq);
  }
}

function affixMethod(ops: ByteSeqOps, name: 'removeprefix' | 'removesuffix') {
  return (self: PyObject, args: PyObject[], kw: PyTuple | null): PyObject => {
    const affix = requireBuffer(oneArg(`${ops.q}.${name}`, args, kw));
    const d = ops.data(self);
    const s = latin1(d);
    const a = latin1(affix);
    if (affix.length > 0 && d.length >= affix.length) {
      if (name === 'removeprefix' && s.startsWith(a)) return ops.make(d.slice(affix.length));
      if (name === 'removesuffix' && s.endsWith(a)) return ops.make(d.slice(0, d.length - affix.length));
    }
    return returnSelf(ops, self);
  };
}

/** The stringlib methods bytes and bytearray share. */
export function byteSeqMethods(ops: ByteSeqOps): MethodSpec[] {
  const q = ops.q;
  return [
    {
      name: 'decode',
      call: (self, args, kw) => {
        const [e, r] = unpackKeywords('decode', args, kw, ['encoding', 'errors'], 0, 0, 2);
        const encoding = e === undefined ? null : cStringArg('decode', "argument 'encoding'", e);
        const errors = r === undefined ? null : cStringArg('decode', "argument 'errors'", r);
        return decodeBytes(ops.data(self).slice(), encoding, errors, self);
      },
    },
    {
      name: 'hex',
      call: (self, args, kw) => {
        const [sep, bps] = unpackKeywords('hex', args, kw, ['sep', 'bytes_per_sep'], 0, 0, 2);
        return hexOf(ops.data(self), sep, bps === undefined ? 1 : cIntArg(bps));
      },
    },
    { name: 'join', call: (self, args, kw) => bytesJoin(ops, self, oneArg(`${q}.join`, args, kw)) },
    { name: 'split', call: splitMethod(ops, false) },
    { name: 'rsplit', call: splitMethod(ops, true) },
    { name: 'strip', call: stripMethod(ops, 'strip') },
    { name: 'lstrip', call: stripMethod(ops, 'lstrip') },
    { name: 'rstrip', call: stripMethod(ops, 'rstrip') },
    { name: 'startswith', call: tailMethod(ops, 'startswith') },
    { name: 'endswith', call: tailMethod(ops, 'endswith') },
    { name: 'find', call: findMethod(ops, 'find') },
    { name: 'rfind', call: findMethod(ops, 'rfind') },
    { name: 'index', call: findMethod(ops, 'index') },
    { name: 'rindex', call: findMethod(ops, 'rindex') },
    { name: 'count', call: findMethod(ops, 'count') },
    { name: 'replace', call: replaceMethod(ops) },
    { name: 'upper', call: caseMethod(ops, 'upper') },
    { name: 'lower', call: caseMethod(ops, 'lower') },
    { name: 'capitalize', call: caseMethod(ops, 'capitalize') },
    { name: 'swapcase', call: caseMethod(ops, 'swapcase') },
    { name: 'title', call: caseMethod(ops, 'title') },
    { name: 'partition', call: partitionMethod(ops, false) },
    { name: 'rpartition', call: partitionMethod(ops, true) },
    { name: 'removeprefix', call: affixMethod(ops, 'removeprefix') },
    { name: 'removesuffix', call: affixMethod(ops, 'removesuffix') },
    { name: 'splitlines', call: splitlinesMethod(ops) },
    { name: 'center', call: justifyMethod(ops, 'center') },
    { name: 'ljust', call: justifyMethod(ops, 'ljust') },
    { name: 'rjust', call: justifyMethod(ops, 'rjust') },
    {
      name: 'zfill',
      call: (self, args, kw) => {
        const width = ssizeArg(oneArg(`${q}.zfill`, args, kw));
        const d = ops.data(self);
        if (d.length >= width) return returnSelf(ops, self);
        checkBytesAlloc(width);
        return ops.makeFresh(fromLatin1(M.zfill(latin1(d), width)));
      },
    },
    {
      name: 'expandtabs',
      call: (self, args, kw) => {
        const [ts] = unpackKeywords('expandtabs', args, kw, ['tabsize'], 0, 0, 1);
        const tabsize = ts === undefined ? 8 : cIntArg(ts);
        const s = latin1(ops.data(self));
        let out = '';
        let col = 0;
        for (const ch of s) {
          if (ch === '\t') {
            if (tabsize > 0) {
              const inc = tabsize - (col % tabsize);
              out += ' '.repeat(inc);
              col += inc;
            }
          } else {
            out += ch;
            col = ch === '\n' || ch === '\r' ? 0 : col + 1;
          }
        }
        return ops.makeFresh(fromLatin1(out));
      },
    },
    predicate(ops, 'isalnum', (d) => d.length > 0 && d.every((c) => isAlphaByte(c) || isDigitByte(c))),
    predicate(ops, 'isalpha', (d) => d.length > 0 && d.every(isAlphaByte)),
    predicate(ops, 'isascii', (d) => d.every((c) => c < 128)),
    predicate(ops, 'isdigit', (d) => d.length > 0 && d.every(isDigitByte)),
    predicate(ops, 'isspace', (d) => d.length > 0 && d.every(isSpaceByte)),
    predicate(ops, 'islower', (d) => casedTest(d, isLowerByte, isUpperByte)),
    predicate(ops, 'isupper', (d) => casedTest(d, isUpperByte, isLowerByte)),
    predicate(ops, 'istitle', (d) => {
      let cased = false;
      let prev = false;
      for (const c of d) {
        if (isUpperByte(c)) {
          if (prev) return false;
          prev = cased = true;
        } else if (isLowerByte(c)) {
          if (!prev) return false;
          prev = cased = true;
        } else prev = false;
      }
      return cased;
    }),
  ];
}

// ---------------------------------------------------------------- bytes' methods

const bytesOps: ByteSeqOps = {
  q: 'bytes',
  mutable: false,
  data: (o) => (o as PyBytes).bytes,
  make: (b) => newBytes(b),
  makeFresh: (b) => newBytesFresh(b),
  isExact: (o) => o.type === BytesType,
};

function oneArgWrapper(name: string, args: PyObject[], kw: PyTuple | null): PyObject {
  if (kw !== null && kw.items.length > 0) typeError(`wrapper ${name}() takes no keyword arguments`);
  if (args.length !== 1) typeError(`expected 1 argument, got ${args.length}`);
  return args[0];
}

BytesType.methodSpecs.push(
  {
    name: '__new__',
    kind: 'classmethod',
    call: (_owner, args, kw) => {
      if (args.length - (kw?.items.length ?? 0) < 1) typeError('bytes.__new__(): not enough arguments');
      const sub = args[0];
      if (!(sub instanceof PyType)) typeError(`bytes.__new__(X): X is not a type object (${sub.type.name})`);
      if (!(sub as PyType).isSubtypeOf(BytesType)) {
        typeError(
          `bytes.__new__(${(sub as PyType).name}): ${(sub as PyType).name} is not a subtype of bytes`,
        );
      }
      return bytesNew(sub as PyType, args.slice(1), kw);
    },
  },
  ...byteSeqMethods(bytesOps),
  {
    name: '__bytes__',
    call: (self, args, kw) => {
      noArgs('bytes.__bytes__', args, kw);
      if (self.type === BytesType) return newref(self);
      return newBytes((self as PyBytes).bytes.slice());
    },
  },
  {
    name: '__getnewargs__',
    call: (self, args, kw) => {
      noArgs('bytes.__getnewargs__', args, kw);
      return newTuple([newBytes((self as PyBytes).bytes.slice())]);
    },
  },
  {
    name: '__sizeof__',
    call: (self, args, kw) => {
      noArgs('bytes.__sizeof__', args, kw);
      return newInt(bytesSizeof(self));
    },
  },
  {
    name: 'fromhex',
    kind: 'classmethod',
    call: (cls, args, kw) => {
      const data = parseHex(oneArg('bytes.fromhex', args, kw), 'fromhex');
      const b = newBytes(data);
      if (cls === BytesType) return b;
      try {
        return bytesSubtypeNew(cls as PyType, b);
      } finally {
        decref(b);
      }
    },
  },
  { name: '__add__', call: (self, args, kw) => bytesConcat(self, oneArgWrapper('__add__', args, kw)) },
  {
    name: '__mul__',
    call: (self, args, kw) =>
      bytesRepeat(self, asSsizeT(oneArgWrapper('__mul__', args, kw), OverflowErrorType)),
  },
  {
    name: '__rmul__',
    call: (self, args, kw) =>
      bytesRepeat(self, asSsizeT(oneArgWrapper('__rmul__', args, kw), OverflowErrorType)),
  },
);

export { bytesOps };

// code.co_code, defined here (codeobject.ts is loaded before this module): _PyCode_GetCode
// makes a bytes of the deoptimized instructions (caches zeroed) once and keeps it (_co_code).
CodeType.getsetSpecs.push({
  name: 'co_code',
  get: (o) => {
    const c = o as PyCode;
    if (c.coCode === null) c.coCode = newBytes(assembleBytes(c, c.firstlineno).code);
    c.coCode.refcnt++;
    return c.coCode;
  },
});
