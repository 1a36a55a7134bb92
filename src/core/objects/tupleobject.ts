/**
 * tuple. @cpython Objects/tupleobject.c (3.11)
 *
 * `()` is a static singleton. Dead tuples of 1…20 items go to per-length free lists
 * (2000 each); tuple_alloc only pops lengths 1…19 from them (`size < PyTuple_MAXSAVESIZE`),
 * so a dead 20-tuple is kept but never reused. Reusing one neither allocates nor counts
 * for the GC. Tuples are tracked when created and untracked lazily by the collector
 * (_PyTuple_MaybeUntrack) once none of their items can be tracked.
 *
 * While a tuple is being filled (PySequence_Tuple) its slots may still be NULL: `items`
 * then holds `null`s, which dealloc, traverse and MaybeUntrack skip like CPython does.
 */
import { CompareOp, PyObject, PyType, TypeFlag, decref, xdecref, traverseLabels, type Visit } from './object';
import { staticType } from './roots';
import { allocGCObject, gcDel, pyRealloc, reborn } from '../memory/alloc';
import { memoryObserver } from '../memory/memory-observer';
import { isStatic, placeStatic, staticObjectDied } from '../memory/static';
import { rt } from '../vm/runtime';
import { trashcanBegin, trashcanEnd } from '../memory/trashcan';
import { IMMORTAL_REFCNT, PyTuple_MAXFREELIST, PyTuple_MAXSAVESIZE } from '../profiles/cpython311';
import { IndexErrorType, setEmptyTupleSource } from './exceptions';
import {
  asSsize,
  getIter,
  iterNext,
  numberIndex,
  objectHash,
  objectRepr,
  reprEnter,
  reprLeave,
  richCompare,
  richCompareBool,
} from './abstract';
import { newStr } from './unicodeobject';
import { newBool } from './boolobject';
import { IntType, newInt, isInt, type PyLong } from './longobject';
import { FloatType, floatHashExact, isFloat } from './floatobject';
import { slotHash, slotHashExact } from './slotdefs';
import { newNotImplemented } from './noneobject';
import { isSlice, sliceAdjust, sliceUnpack, type PySlice } from './sliceobject';
import { indexError, typeError, valueError } from '../vm/errors';
import { exactArgs, noKeywords, rangeArgs } from '../vm/args';
import { raiseMemoryError } from '../vm/memoryerror';
import { ListType, lengthHint, type PyList } from './listobject';

export const TupleType: PyType = staticType({
  name: 'tuple',
  basicsize: 24,
  itemsize: 8,
  flags: TypeFlag.BASETYPE | TypeFlag.HAVE_GC | TypeFlag.TUPLE_SUBCLASS,
});

export class PyTuple extends PyObject {
  constructor(
    public items: PyObject[],
    type: PyType = TupleType,
  ) {
    super(type);
  }
}

/** The static empty tuple (borrowed). */
export const EmptyTuple = placeStatic(new PyTuple([]), 40, 16);
EmptyTuple.refcnt = IMMORTAL_REFCNT;
setEmptyTupleSource(() => EmptyTuple);

/** object.__sizeof__ for tuples: basicsize + 8 * len (a subclass's basicsize is larger). */
export function tupleSizeof(t: PyObject): number {
  return t.type.basicsize + 8 * (t as PyTuple).items.length;
}

const PY_SSIZE_T_MAX = Number.MAX_SAFE_INTEGER;

/**
 * tuple_alloc: an exact tuple of n > 0 slots, from the free list (lengths 1…19) or
 * PyObject_GC_NewVar. Not tracked yet; the caller fills `items` and tracks it.
 */
export function tupleAlloc(n: number): PyTuple {
  if (n < PyTuple_MAXSAVESIZE) {
    const t = rt.freelists.tuples[n].pop() as PyTuple | undefined;
    if (t !== undefined) {
      t.refcnt = 1;
      t.items = [];
      reborn(t);
      return t;
    }
  }
  if (n > (PY_SSIZE_T_MAX - 24) / 8) raiseMemoryError();
  return allocGCObject(new PyTuple([]), 24 + 8 * n);
}

/**
 * tuple_alloc + PyTuple_New: takes ownership of `items` (new references), returns a new
 * tracked tuple. @cpython Objects/tupleobject.c tuple_alloc
 */
export function newTuple(items: PyObject[]): PyTuple {
  const n = items.length;
  if (n === 0) {
    EmptyTuple.refcnt++;
    return EmptyTuple;
  }
  let t: PyTuple;
  try {
    t = tupleAlloc(n);
  } catch (e) {
    for (const o of items) decref(o);
    throw e;
  }
  t.items = items;
  rt.gc.track(t);
  return t;
}

/** Builds a tuple from borrowed references (_PyTuple_FromArray). */
export function tupleFromBorrowed(items: PyObject[]): PyTuple {
  const n = items.length;
  if (n === 0) return (EmptyTuple.refcnt++, EmptyTuple);
  const t = tupleAlloc(n);
  const copy = items.slice();
  for (const o of copy) o.refcnt++;
  t.items = copy;
  rt.gc.track(t);
  return t;
}

/** PyTuple_Pack with borrowed references. */
export function tuplePack(...items: PyObject[]): PyTuple {
  return tupleFromBorrowed(items);
}

/** @cpython Objects/tupleobject.c tupledealloc */
export function tupleDealloc(o: PyObject): void {
  const t = o as PyTuple;
  if (t === EmptyTuple) return;
  if (isStatic(t) && staticObjectDied(t)) return;
  rt.gc.untrack(t);
  if (!trashcanBegin(t)) return;
  const items = t.items;
  for (let i = items.length - 1; i >= 0; i--) xdecref(items[i]);
  const n = items.length;
  if (
    n > 0 &&
    t.type === TupleType &&
    n <= PyTuple_MAXSAVESIZE &&
    rt.freelists.tuples[n].length < PyTuple_MAXFREELIST
  ) {
    t.items = [];
    rt.freelists.tuples[n].push(t);
  } else {
    gcDel(t);
  }
  trashcanEnd();
}

/** Referents last to first, as tupletraverse visits them. */
export function tupleTraverse(o: PyObject, visit: Visit): void {
  const items = (o as PyTuple).items;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item != null) visit(item, traverseLabels ? `[${i}]` : '');
  }
}

/**
 * _PyTuple_MaybeUntrack: untrack a tuple when no item may be tracked (an untracked
 * tuple inside it counts as untracked; a dict never does).
 */
export function tupleMaybeUntrack(o: PyObject): void {
  const items = (o as PyTuple).items;
  for (const item of items) {
    if (item == null) return;
    if (mayBeTracked(item)) return;
  }
  rt.gc.untrack(o);
}

/**
 * _PyObject_GC_MAY_BE_TRACKED: a GC object that is tracked, or not a tuple. A static type
 * is not a GC object (PyObject_IS_GC asks type_is_gc, which wants a heap type).
 */
export function mayBeTracked(o: PyObject): boolean {
  if (!o.type.isGC) return false;
  if (o instanceof PyType && !o.isHeapType) return false;
  if (o.type === TupleType) return o.gcNext !== null;
  return true;
}

export function isTuple(o: PyObject): o is PyTuple {
  return o.type === TupleType || (o.type.flags & TypeFlag.TUPLE_SUBCLASS) !== 0;
}

// ------------------------------------------------------------------ resizing

/**
 * _PyTuple_Resize for an exact tuple this code owns alone (refcount 1, or the empty
 * singleton). Returns the (possibly different) tuple. Shrinking releases the dropped
 * slots; the block is PyObject_GC_Resize'd (realloc: it may move) and re-tracked at the
 * young end of generation 0.
 */
export function tupleResize(v: PyTuple, newsize: number): PyTuple {
  const oldsize = v.items.length;
  if (oldsize === newsize) return v;
  if (newsize === 0) {
    decref(v);
    EmptyTuple.refcnt++;
    return EmptyTuple;
  }
  if (oldsize === 0) {
    decref(v);
    const t = tupleAlloc(newsize);
    t.items = new Array<PyObject>(newsize).fill(null as unknown as PyObject);
    rt.gc.track(t);
    return t;
  }
  rt.gc.untrack(v);
  for (let i = newsize; i < oldsize; i++) {
    const o = v.items[i];
    v.items[i] = null as unknown as PyObject;
    xdecref(o);
  }
  const pre = v.type.preheaderSize;
  v.addr = pyRealloc(v.addr - pre, pre + 24 + 8 * newsize) + pre;
  if (newsize < oldsize) v.items.length = newsize;
  else for (let i = oldsize; i < newsize; i++) v.items.push(null as unknown as PyObject);
  memoryObserver?.objectResized?.(v);
  rt.gc.track(v);
  return v;
}

/**
 * PySequence_Tuple: `tuple(x)`. Exact tuples are returned as they are, lists are copied
 * exactly; anything else is iterated into a tuple presized by its length hint (10 by
 * default) that grows by `n + 10 + (n + 10) / 4` and is cut back at the end.
 * @cpython Objects/abstract.c PySequence_Tuple
 */
export function sequenceTuple(v: PyObject): PyTuple {
  if (v.type === TupleType) return (v.refcnt++, v as PyTuple);
  if (v.type === ListType) return tupleFromBorrowed((v as PyList).items);
  const it = getIter(v);
  let result: PyTuple | null = null;
  try {
    let n = lengthHint(v, 10);
    if (n === 0) result = (EmptyTuple.refcnt++, EmptyTuple);
    else {
      result = tupleAlloc(n);
      result.items = new Array<PyObject>(n).fill(null as unknown as PyObject);
      rt.gc.track(result);
    }
    let j = 0;
    for (; ; j++) {
      const item = iterNext(it);
      if (item === null) break;
      if (j >= n) {
        let newn = n + 10;
        newn += newn >> 2;
        n = newn;
        try {
          result = tupleResize(result, n);
        } catch (e) {
          result = null;
          decref(item);
          throw e;
        }
      }
      result.items[j] = item;
    }
    if (j < n) result = tupleResize(result, j);
    const r = result;
    result = null;
    return r;
  } finally {
    if (result !== null) decref(result);
    decref(it);
  }
}

// ------------------------------------------------------------------ repr and hash

/** @cpython Objects/tupleobject.c tuplerepr */
function tupleRepr(o: PyObject): PyObject {
  const t = o as PyTuple;
  const n = t.items.length;
  if (n === 0) return newStr('()');
  if (reprEnter(t)) return newStr('(...)');
  try {
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      const s = objectRepr(t.items[i]);
      parts.push(s.value);
      decref(s);
    }
    return newStr(n > 1 ? '(' + parts.join(', ') + ')' : '(' + parts[0] + ',)');
  } finally {
    reprLeave(t);
  }
}

const M64 = (1n << 64n) - 1n;
const XXPRIME_1 = 11400714785074694791n;
const XXPRIME_2 = 14029467366897019727n;
const XXPRIME_5 = 2870177450012600261n;

/** The unsigned 64-bit value of a Py_hash_t held as a JS number. */
export function hashToU64(h: number): bigint {
  return BigInt.asUintN(64, BigInt(h));
}

/**
 * Hash functions whose exact 64-bit result a JS number cannot hold (tuple, frozenset):
 * they register a bigint version, which objectHashExact uses so that hashes of nested
 * containers are computed from exact item hashes.
 */
const exactHashers = new Map<(o: PyObject) => number, (o: PyObject) => bigint>();
export function registerExactHash(hash: (o: PyObject) => number, exact: (o: PyObject) => bigint): void {
  exactHashers.set(hash, exact);
}

// A class's __hash__ (registered here: slotdefs.ts is evaluated before this module).
registerExactHash(slotHash, slotHashExact);

/** The registered exact hasher for this object's tp_hash, or undefined. */
export function exactHasherOf(o: PyObject): ((o: PyObject) => bigint) | undefined {
  const f = o.type.tp_hash;
  return f === undefined ? undefined : exactHashers.get(f);
}

const HASH_MODULUS = (1n << 61n) - 1n;

/**
 * PyObject_Hash as an exact signed 64-bit bigint: tuples and frozensets through their
 * registered exact hashers, big ints by long_hash on the bigint, floats by _Py_HashDouble
 * (whose values reach 2**61), anything else from
 * its tp_hash. `hash(x)` should print this value.
 */
export function objectHashExact(o: PyObject): bigint {
  const f = o.type.tp_hash;
  if (f !== undefined) {
    const exact = exactHashers.get(f);
    if (exact !== undefined) return exact(o);
    if (f === FloatType.tp_hash && isFloat(o)) {
      const h = floatHashExact(o);
      return typeof h === 'bigint' ? h : BigInt(h);
    }
    if (isInt(o) && f === IntType.tp_hash) {
      const v = (o as PyLong).value;
      if (typeof v === 'bigint') {
        const neg = v < 0n;
        let h = (neg ? -v : v) % HASH_MODULUS;
        if (neg) h = -h;
        return h === -1n ? -2n : h;
      }
    }
  }
  return BigInt(objectHash(o));
}

/**
 * tuplehash (3.11, xxHash based), computed on exact 64-bit values; the signed
 * Py_hash_t. @cpython Objects/tupleobject.c tuplehash
 */
export function tupleHashBig(o: PyObject): bigint {
  const items = (o as PyTuple).items;
  const len = items.length;
  let acc = XXPRIME_5;
  for (let i = 0; i < len; i++) {
    const lane = BigInt.asUintN(64, objectHashExact(items[i]));
    acc = (acc + lane * XXPRIME_2) & M64;
    acc = ((acc << 31n) | (acc >> 33n)) & M64;
    acc = (acc * XXPRIME_1) & M64;
  }
  acc = (acc + (BigInt(len) ^ (XXPRIME_5 ^ 3527539n))) & M64;
  if (acc === M64) return 1546275796n;
  return BigInt.asIntN(64, acc);
}

/** tp_hash: the exact hash as a JS number (rounded above 2**53). */
export function tupleHash(o: PyObject): number {
  return Number(tupleHashBig(o));
}
registerExactHash(tupleHash, tupleHashBig);

/** @cpython Objects/tupleobject.c tuplerichcompare */
function tupleRichCompare(v: PyObject, w: PyObject, op: CompareOp): PyObject {
  if (!isTuple(v) || !isTuple(w)) return newNotImplemented();
  const a = v.items;
  const b = w.items;
  const vlen = a.length;
  const wlen = b.length;
  let i = 0;
  for (; i < vlen && i < wlen; i++) {
    if (!richCompareBool(a[i], b[i], CompareOp.EQ)) break;
  }
  if (i >= vlen || i >= wlen) return newBool(compareSizes(vlen, wlen, op));
  if (op === CompareOp.EQ) return newBool(false);
  if (op === CompareOp.NE) return newBool(true);
  return richCompare(a[i], b[i], op);
}

/** Py_RETURN_RICHCOMPARE on two lengths. */
export function compareSizes(a: number, b: number, op: CompareOp): boolean {
  switch (op) {
    case CompareOp.LT:
      return a < b;
    case CompareOp.LE:
      return a <= b;
    case CompareOp.EQ:
      return a === b;
    case CompareOp.NE:
      return a !== b;
    case CompareOp.GT:
      return a > b;
    default:
      return a >= b;
  }
}

// ------------------------------------------------------------------ sequence slots

/** @cpython Objects/tupleobject.c tupleconcat */
function tupleConcat(a: PyObject, bb: PyObject): PyObject {
  const ta = a as PyTuple;
  if (ta.items.length === 0 && bb.type === TupleType) return (bb.refcnt++, bb);
  if (!isTuple(bb)) typeError(`can only concatenate tuple (not "${bb.type.name}") to tuple`);
  const b = bb as PyTuple;
  if (b.items.length === 0 && ta.type === TupleType) return (ta.refcnt++, ta);
  const size = ta.items.length + b.items.length;
  if (size === 0) return (EmptyTuple.refcnt++, EmptyTuple);
  const np = tupleAlloc(size);
  const items = ta.items.concat(b.items);
  for (const x of items) x.refcnt++;
  np.items = items;
  rt.gc.track(np);
  return np;
}

/** @cpython Objects/tupleobject.c tuplerepeat */
function tupleRepeat(o: PyObject, n: number): PyObject {
  const a = o as PyTuple;
  const len = a.items.length;
  if ((len === 0 || n === 1) && a.type === TupleType) return (a.refcnt++, a);
  if (len === 0 || n <= 0) return (EmptyTuple.refcnt++, EmptyTuple);
  if (n > PY_SSIZE_T_MAX / len) raiseMemoryError();
  const size = len * n;
  const np = tupleAlloc(size);
  const items: PyObject[] = new Array(size);
  for (const x of a.items) x.refcnt += n;
  for (let i = 0; i < size; i++) items[i] = a.items[i % len];
  np.items = items;
  rt.gc.track(np);
  return np;
}

/** @cpython Objects/tupleobject.c tuplecontains */
function tupleContains(o: PyObject, el: PyObject): boolean {
  const items = (o as PyTuple).items;
  for (let i = 0; i < items.length; i++) {
    if (richCompareBool(items[i], el, CompareOp.EQ)) return true;
  }
  return false;
}

/** tupleitem: a new reference, IndexError outside the tuple. */
export function tupleItem(t: PyTuple, i: number): PyObject {
  if (i < 0 || i >= t.items.length) indexError('tuple index out of range');
  const v = t.items[i];
  return (v.refcnt++, v);
}

/** tupleslice: `t[:]` of an exact tuple is t itself. */
export function tupleSlice(a: PyTuple, ilow: number, ihigh: number): PyTuple {
  const n = a.items.length;
  if (ilow < 0) ilow = 0;
  if (ihigh > n) ihigh = n;
  if (ihigh < ilow) ihigh = ilow;
  if (ilow === 0 && ihigh === n && a.type === TupleType) return (a.refcnt++, a);
  return tupleFromBorrowed(a.items.slice(ilow, ihigh));
}

/** @cpython Objects/tupleobject.c tuplesubscript */
function tupleSubscript(o: PyObject, item: PyObject): PyObject {
  const self = o as PyTuple;
  if (item.type.nb_index !== undefined) {
    let i = asSsize(item, IndexErrorType);
    if (i < 0) i += self.items.length;
    return tupleItem(self, i);
  }
  if (isSlice(item)) {
    const [a, b, step] = sliceUnpack(item as PySlice);
    const [start, , slicelength] = sliceAdjust(self.items.length, a, b, step);
    if (slicelength <= 0) return (EmptyTuple.refcnt++, EmptyTuple);
    if (start === 0 && step === 1 && slicelength === self.items.length && self.type === TupleType) {
      return (self.refcnt++, self);
    }
    const result = tupleAlloc(slicelength);
    const items: PyObject[] = new Array(slicelength);
    for (let cur = start, i = 0; i < slicelength; cur += step, i++) {
      const it = self.items[cur];
      it.refcnt++;
      items[i] = it;
    }
    result.items = items;
    rt.gc.track(result);
    return result;
  }
  return typeError(`tuple indices must be integers or slices, not ${item.type.name}`);
}

// ------------------------------------------------------------------ methods

/** _PyEval_SliceIndexNotNone: an int-like start/stop, clamped to the ssize_t range. */
export function sliceIndexArg(o: PyObject): number {
  if (isInt(o)) {
    const v = (o as PyLong).value;
    if (typeof v === 'number') return v;
    return v > 0n ? PY_SSIZE_T_MAX : -PY_SSIZE_T_MAX - 1;
  }
  if (o.type.nb_index === undefined) {
    typeError('slice indices must be integers or have an __index__ method');
  }
  const i = numberIndex(o);
  try {
    const v = i.value;
    if (typeof v === 'number') return v;
    return v > 0n ? PY_SSIZE_T_MAX : -PY_SSIZE_T_MAX - 1;
  } finally {
    decref(i);
  }
}

/** @cpython Objects/tupleobject.c tuple_index_impl */
function tupleIndex(self: PyTuple, value: PyObject, start: number, stop: number): PyObject {
  const n = self.items.length;
  if (start < 0) {
    start += n;
    if (start < 0) start = 0;
  }
  if (stop < 0) stop += n;
  else if (stop > n) stop = n;
  for (let i = start; i < stop; i++) {
    if (richCompareBool(self.items[i], value, CompareOp.EQ)) return newInt(i);
  }
  return valueError('tuple.index(x): x not in tuple');
}

function tupleCount(self: PyTuple, value: PyObject): PyObject {
  let count = 0;
  for (let i = 0; i < self.items.length; i++) {
    if (richCompareBool(self.items[i], value, CompareOp.EQ)) count++;
  }
  return newInt(count);
}

TupleType.methodSpecs.push(
  {
    name: '__getnewargs__',
    call: (self, args, kw) => {
      exactArgs('tuple.__getnewargs__', args, kw, 0);
      const t = self as PyTuple;
      return newTuple([tupleSlice(t, 0, t.items.length)]);
    },
  },
  {
    name: 'index',
    call: (self, args, kw) => {
      noKeywords('tuple.index', kw);
      rangeArgs('index', args, null, 1, 3);
      const start = args.length > 1 ? sliceIndexArg(args[1]) : 0;
      const stop = args.length > 2 ? sliceIndexArg(args[2]) : PY_SSIZE_T_MAX;
      return tupleIndex(self as PyTuple, args[0], start, stop);
    },
  },
  {
    name: 'count',
    call: (self, args, kw) => {
      exactArgs('tuple.count', args, kw, 1);
      return tupleCount(self as PyTuple, args[0]);
    },
  },
);

// ------------------------------------------------------------------ construction

/** tuple_new_impl for the exact type (iterable may be absent). */
function tupleNewExact(iterable: PyObject | undefined): PyObject {
  if (iterable === undefined) return (EmptyTuple.refcnt++, EmptyTuple);
  return sequenceTuple(iterable);
}

/** tuple_subtype_new: the exact tuple first, then a PyType_GenericAlloc'd copy. */
function tupleSubtypeNew(type: PyType, iterable: PyObject | undefined): PyObject {
  const tmp = tupleNewExact(iterable) as PyTuple;
  const n = tmp.items.length;
  let obj: PyTuple;
  try {
    // PyType_GenericAlloc: basicsize + itemsize * (n + 1), tracked at once.
    obj = allocGCObject(new PyTuple([], type), (type.basicsize + 8 * (n + 1) + 7) & ~7);
  } catch (e) {
    decref(tmp);
    throw e;
  }
  if (type.isHeapType) type.refcnt++;
  rt.gc.track(obj);
  const items = tmp.items.slice();
  for (const x of items) x.refcnt++;
  obj.items = items;
  decref(tmp);
  return obj;
}

TupleType.tp_new = (type, args, kwnames) => {
  if (type === TupleType || type.tp_init === TupleType.tp_init) noKeywords('tuple', kwnames);
  const pos = args.slice(0, args.length - (kwnames === null ? 0 : kwnames.items.length));
  rangeArgs('tuple', pos, null, 0, 1);
  if (type !== TupleType) return tupleSubtypeNew(type, pos[0]);
  return tupleNewExact(pos[0]);
};

/** tuple_vectorcall. */
TupleType.tp_vectorcall = (_type, args, kwnames) => {
  noKeywords('tuple', kwnames);
  rangeArgs('tuple', args, null, 0, 1);
  if (args.length > 0) return tupleNewExact(args[0]);
  return (EmptyTuple.refcnt++, EmptyTuple);
};

// ------------------------------------------------------------------ tuple_iterator

export const TupleIterType: PyType = staticType({
  name: 'tuple_iterator',
  basicsize: 32,
  flags: TypeFlag.HAVE_GC,
});

export class PyTupleIter extends PyObject {
  index = 0;
  constructor(public seq: PyTuple | null) {
    super(TupleIterType);
  }
}

/** tuple_iter. */
export function newTupleIterator(t: PyTuple): PyTupleIter {
  const it = allocGCObject(new PyTupleIter(null), 32);
  t.refcnt++;
  it.seq = t;
  rt.gc.track(it);
  return it;
}

TupleIterType.tp_iter = (o) => (o.refcnt++, o);
TupleIterType.tp_iternext = (o) => {
  const it = o as PyTupleIter;
  const seq = it.seq;
  if (seq === null) return null;
  if (it.index < seq.items.length) {
    const item = seq.items[it.index++];
    return (item.refcnt++, item);
  }
  it.seq = null;
  decref(seq);
  return null;
};
TupleIterType.tp_dealloc = (o) => {
  const it = o as PyTupleIter;
  rt.gc.untrack(it);
  const seq = it.seq;
  it.seq = null;
  xdecref(seq);
  gcDel(it);
};
TupleIterType.tp_traverse = (o, visit) => {
  const seq = (o as PyTupleIter).seq;
  if (seq !== null) visit(seq, 'seq');
};
const tupleIterLen = (o: PyObject): number => {
  const it = o as PyTupleIter;
  return it.seq === null ? 0 : it.seq.items.length - it.index;
};
TupleIterType.lengthHint = tupleIterLen;
TupleIterType.methodSpecs.push({
  name: '__length_hint__',
  call: (self, args, kw) => {
    exactArgs('tuple_iterator.__length_hint__', args, kw, 0);
    return newInt(tupleIterLen(self));
  },
});

// ------------------------------------------------------------------ slots

TupleType.tp_dealloc = tupleDealloc;
TupleType.tp_traverse = tupleTraverse;
TupleType.tp_sizeof = tupleSizeof;
TupleType.tp_repr = tupleRepr;
TupleType.tp_hash = tupleHash;
TupleType.tp_richcompare = tupleRichCompare;
TupleType.tp_iter = (o) => newTupleIterator(o as PyTuple);
TupleType.mp_length = (o) => (o as PyTuple).items.length;
TupleType.mp_subscript = tupleSubscript;
TupleType.sq_contains = tupleContains;
TupleType.sq_concat = tupleConcat;
TupleType.sq_repeat = tupleRepeat;
