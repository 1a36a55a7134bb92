/**
 * The generic iterators: `iterator` (iter() of an object that only has __getitem__) and
 * `callable_iterator` (`iter(f, sentinel)`). Both are 32-byte GC objects.
 * @cpython Objects/iterobject.c (3.11)
 *
 * Also the sequence helpers other iterator modules share: PySequence_GetItem,
 * PySequence_Check, PySequence_Size and _PyObject_LookupSpecial.
 */
import { CompareOp, PyObject, PyType, TypeFlag, decref, type Visit } from './object';
import { staticType } from './roots';
import { allocGCObject, gcDel } from '../memory/alloc';
import { rt } from '../vm/runtime';
import { call, richCompareBool } from './abstract';
import { IndexErrorType, StopIterationType } from './exceptions';
import { indexError, typeError } from '../vm/errors';
import { exactArgs } from '../vm/args';
import { newInt } from './longobject';
import { newNotImplemented } from './noneobject';
import { typeLookupId } from './typeobject';
import { DictType } from './dictobject';
import { TupleType, type PyTuple } from './tupleobject';
import { ListType, type PyList } from './listobject';

// ------------------------------------------------------------------ shared helpers

/**
 * _PyObject_LookupSpecial: the attribute from the type, bound to `o` (a new reference;
 * binding a builtin method creates a method object as in CPython), or null.
 */
export function lookupSpecial(o: PyObject, name: string): PyObject | null {
  const descr = typeLookupId(o.type, name);
  if (descr === null) return null;
  const get = descr.type.tp_descr_get;
  if (get === undefined) return (descr.refcnt++, descr);
  descr.refcnt++;
  try {
    return get(descr, o, o.type);
  } finally {
    decref(descr);
  }
}

/** PySequence_Check: has sq_item (here: a subscript slot) and is not a dict. */
export function isSequence(o: PyObject): boolean {
  if (o.type === DictType || o.type.isSubtypeOf(DictType)) return false;
  return o.type.mp_subscript !== undefined;
}

/** PySequence_Size. */
export function sequenceSize(o: PyObject): number {
  const f = o.type.mp_length;
  if (f === undefined) typeError(`object of type '${o.type.name}' has no len()`);
  return f!(o);
}

/**
 * PySequence_GetItem(o, i) for i >= 0: tuple_item/list_item read the slot directly;
 * anything else gets an int index (slot_sq_item / range_item create one).
 */
export function sequenceGetItem(o: PyObject, i: number): PyObject {
  const t = o.type;
  if (t.mp_subscript === TupleType.mp_subscript) {
    const items = (o as PyTuple).items;
    if (i < 0 || i >= items.length) indexError('tuple index out of range');
    const v = items[i];
    return (v.refcnt++, v);
  }
  if (t.mp_subscript === ListType.mp_subscript) {
    const items = (o as PyList).items;
    if (i < 0 || i >= items.length) indexError('list index out of range');
    const v = items[i];
    return (v.refcnt++, v);
  }
  const f = t.mp_subscript;
  if (f === undefined) typeError(`'${t.name}' object does not support indexing`);
  const index = newInt(i);
  try {
    return f!(o, index);
  } finally {
    decref(index);
  }
}

/** Whether a thrown value is a Python exception of (a subclass of) `type`. */
export function isExceptionOf(e: unknown, type: PyType): e is PyObject {
  return e instanceof PyObject && e.type.isSubtypeOf(type);
}

// ------------------------------------------------------------------ iterator

export const SeqIterType: PyType = staticType({
  name: 'iterator',
  basicsize: 32,
  flags: TypeFlag.HAVE_GC,
});

export class PySeqIter extends PyObject {
  index = 0;
  constructor(public seq: PyObject | null) {
    super(SeqIterType);
  }
}

/** PySeqIter_New (GET_ITER / iter() of an object with __getitem__ but no __iter__). */
export function newSeqIter(seq: PyObject): PyObject {
  const it = allocGCObject(new PySeqIter(null), 32);
  seq.refcnt++;
  it.seq = seq;
  rt.gc.track(it);
  return it;
}

/** iter_iternext: IndexError or StopIteration from __getitem__ ends the iteration. */
SeqIterType.tp_iternext = (o) => {
  const it = o as PySeqIter;
  const seq = it.seq;
  if (seq === null) return null;
  try {
    const result = sequenceGetItem(seq, it.index);
    it.index++;
    return result;
  } catch (e) {
    if (isExceptionOf(e, IndexErrorType) || isExceptionOf(e, StopIterationType)) {
      decref(e);
      it.seq = null;
      decref(seq);
      return null;
    }
    throw e;
  }
};
SeqIterType.tp_iter = (o) => (o.refcnt++, o);
SeqIterType.tp_dealloc = (o) => {
  const it = o as PySeqIter;
  rt.gc.untrack(it);
  const seq = it.seq;
  it.seq = null;
  if (seq !== null) decref(seq);
  gcDel(it);
};
SeqIterType.tp_traverse = (o, visit: Visit) => {
  const seq = (o as PySeqIter).seq;
  if (seq !== null) visit(seq, 'seq');
};
SeqIterType.methodSpecs.push({
  name: '__length_hint__',
  call: (self, args, kw) => {
    exactArgs('iterator.__length_hint__', args, kw, 0);
    const it = self as PySeqIter;
    if (it.seq !== null) {
      if (it.seq.type.mp_length === undefined) return newNotImplemented();
      const len = sequenceSize(it.seq) - it.index;
      if (len >= 0) return newInt(len);
    }
    return newInt(0);
  },
});

// ------------------------------------------------------------------ callable_iterator

export const CallIterType: PyType = staticType({
  name: 'callable_iterator',
  basicsize: 32,
  flags: TypeFlag.HAVE_GC,
});

export class PyCallIter extends PyObject {
  constructor(
    public callable: PyObject | null,
    public sentinel: PyObject | null,
  ) {
    super(CallIterType);
  }
}

/** PyCallIter_New: `iter(callable, sentinel)` (arguments borrowed). */
export function newCallIter(callable: PyObject, sentinel: PyObject): PyObject {
  const it = allocGCObject(new PyCallIter(null, null), 32);
  callable.refcnt++;
  it.callable = callable;
  sentinel.refcnt++;
  it.sentinel = sentinel;
  rt.gc.track(it);
  return it;
}

function callIterClear(it: PyCallIter): void {
  const c = it.callable;
  it.callable = null;
  if (c !== null) decref(c);
  const s = it.sentinel;
  it.sentinel = null;
  if (s !== null) decref(s);
}

/** calliter_iternext: stops at the sentinel (compared `sentinel == result`) or StopIteration. */
CallIterType.tp_iternext = (o) => {
  const it = o as PyCallIter;
  if (it.callable === null) return null;
  let result: PyObject;
  try {
    result = call(it.callable, []);
  } catch (e) {
    if (isExceptionOf(e, StopIterationType)) {
      decref(e);
      callIterClear(it);
      return null;
    }
    throw e;
  }
  if (it.sentinel !== null) {
    let ok: boolean;
    try {
      ok = richCompareBool(it.sentinel, result, CompareOp.EQ);
    } catch (e) {
      decref(result);
      throw e;
    }
    if (!ok) return result;
    callIterClear(it);
  }
  decref(result);
  return null;
};
CallIterType.tp_iter = (o) => (o.refcnt++, o);
CallIterType.tp_dealloc = (o) => {
  const it = o as PyCallIter;
  rt.gc.untrack(it);
  const c = it.callable;
  const s = it.sentinel;
  it.callable = null;
  it.sentinel = null;
  if (c !== null) decref(c);
  if (s !== null) decref(s);
  gcDel(it);
};
CallIterType.tp_traverse = (o, visit: Visit) => {
  const it = o as PyCallIter;
  if (it.callable !== null) visit(it.callable, 'callable');
  if (it.sentinel !== null) visit(it.sentinel, 'sentinel');
};
