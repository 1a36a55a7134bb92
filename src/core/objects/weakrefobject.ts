/**
 * weakref.ref, KeyedRef-style subclasses and weakref.proxy.
 * @cpython Objects/weakrefobject.c (3.11)
 *
 * Each weakly referenceable object has a list of its weakrefs: the callback-less basic
 * ref first, then the basic proxy, then every other one inserted right after those, so
 * callbacks run newest first. See NOTES.md ("weakrefs and finalizers").
 */
import { formatAddress } from './address';
import {
  PyObject,
  PyType,
  TypeFlag,
  decref,
  xdecref,
  type Visit,
  CompareOp,
  NUMBER_SLOTS,
  type InplaceSlot,
  type NumberSlot,
} from './object';
import { staticType } from './roots';
import { None, newNotImplemented } from './noneobject';
import { newBool } from './boolobject';
import { allocGCObject, gcDel } from '../memory/alloc';
import { rt } from '../vm/runtime';
import { callOneArg, objectHash, richCompare, getAttr, setAttr, lookupAttr } from './abstract';
import { typeError, raise } from '../vm/errors';
import { ReferenceErrorType } from './exceptions';
import { writeUnraisable } from '../vm/unraisable';
import { isStr, newStr, staticId, type PyStr } from './unicodeobject';
import { memoryObserver } from '../memory/memory-observer';

export const WeakRefType: PyType = staticType({
  name: 'weakref.ReferenceType',
  basicsize: 64,
  flags: TypeFlag.HAVE_GC | TypeFlag.BASETYPE,
});
WeakRefType.qualname = 'ReferenceType';
WeakRefType.module = 'weakref';
export const ProxyType: PyType = staticType({
  name: 'weakref.ProxyType',
  module: 'weakref',
  qualname: 'ProxyType',
  basicsize: 64,
  flags: TypeFlag.HAVE_GC,
});
export const CallableProxyType: PyType = staticType({
  name: 'weakref.CallableProxyType',
  module: 'weakref',
  qualname: 'CallableProxyType',
  basicsize: 64,
  flags: TypeFlag.HAVE_GC,
});

export class PyWeakRef extends PyObject {
  /** wr_object: null once cleared (CPython stores None). */
  referent: PyObject | null;
  callback: PyObject | null;
  hash = -1;
  wrPrev: PyWeakRef | null = null;
  wrNext: PyWeakRef | null = null;
  /** Extra attributes of subclasses (KeyedRef.key). */
  dict: import('./dictobject').PyDict | null = null;
  constructor(type: PyType, referent: PyObject, callback: PyObject | null) {
    super(type);
    this.referent = referent;
    this.callback = callback;
  }
}

export function isWeakref(o: PyObject): o is PyWeakRef {
  return o instanceof PyWeakRef;
}

function getBasicRefs(head: PyWeakRef | null): [PyWeakRef | null, PyWeakRef | null] {
  let ref: PyWeakRef | null = null;
  let proxy: PyWeakRef | null = null;
  if (head !== null && head.callback === null) {
    if (head.type === WeakRefType) {
      ref = head;
      head = head.wrNext;
    }
    if (
      head !== null &&
      head.callback === null &&
      (head.type === ProxyType || head.type === CallableProxyType)
    ) {
      proxy = head;
    }
  }
  return [ref, proxy];
}

function insertHead(o: PyObject, wr: PyWeakRef): void {
  const next = o.weakrefs;
  wr.wrPrev = null;
  wr.wrNext = next;
  if (next !== null) next.wrPrev = wr;
  o.weakrefs = wr;
}

function insertAfter(wr: PyWeakRef, prev: PyWeakRef): void {
  wr.wrPrev = prev;
  wr.wrNext = prev.wrNext;
  if (prev.wrNext !== null) prev.wrNext.wrPrev = wr;
  prev.wrNext = wr;
}

/** weakref___new__ / PyWeakref_NewRef: reuses the basic ref when there is no callback. */
export function newWeakRef(type: PyType, o: PyObject, callback: PyObject | null): PyWeakRef {
  if (!o.type.weakrefable) typeError(`cannot create weak reference to '${o.type.name}' object`);
  if (callback === None) callback = null;
  const isBasicType = type === WeakRefType;
  const [ref] = getBasicRefs(o.weakrefs);
  if (callback === null && isBasicType && ref !== null) {
    ref.refcnt++;
    return ref;
  }
  const wr = allocGCObject(new PyWeakRef(type, o, callback), type.basicsize);
  if (type !== WeakRefType) type.refcnt++;
  if (callback !== null) callback.refcnt++;
  if (callback === null && isBasicType) insertHead(o, wr);
  else {
    const [r, p] = getBasicRefs(o.weakrefs);
    const prev = p ?? r;
    if (prev === null) insertHead(o, wr);
    else insertAfter(wr, prev);
  }
  rt.gc.track(wr);
  return wr;
}

/** PyWeakref_NewProxy: the basic proxy is shared like the basic ref. */
export function newProxy(o: PyObject, callback: PyObject | null): PyWeakRef {
  if (!o.type.weakrefable) typeError(`cannot create weak reference to '${o.type.name}' object`);
  if (callback === None) callback = null;
  const [ref, proxy] = getBasicRefs(o.weakrefs);
  if (callback === null && proxy !== null) {
    proxy.refcnt++;
    return proxy;
  }
  const type = o.type.tp_call !== undefined ? CallableProxyType : ProxyType;
  const wr = allocGCObject(new PyWeakRef(type, o, callback), 64);
  if (callback !== null) callback.refcnt++;
  if (callback === null) {
    if (ref !== null) insertAfter(wr, ref);
    else insertHead(o, wr);
  } else {
    const [r, p] = getBasicRefs(o.weakrefs);
    const prev = p ?? r;
    if (prev === null) insertHead(o, wr);
    else insertAfter(wr, prev);
  }
  rt.gc.track(wr);
  return wr;
}

/** clear_weakref: unlink from the referent's list and drop the callback. */
export function clearWeakref(wr: PyWeakRef): void {
  const callback = wr.callback;
  const o = wr.referent;
  if (o !== null) {
    memoryObserver?.weakrefCleared?.(wr, o);
    if (o.weakrefs === wr) o.weakrefs = wr.wrNext;
    wr.referent = null;
    if (wr.wrPrev !== null) wr.wrPrev.wrNext = wr.wrNext;
    if (wr.wrNext !== null) wr.wrNext.wrPrev = wr.wrPrev;
    wr.wrPrev = null;
    wr.wrNext = null;
  }
  if (callback !== null) {
    wr.callback = null;
    decref(callback);
  }
}

/** _PyWeakref_ClearRef: unlink without touching the callback (the collector's use). */
export function clearWeakrefKeepCallback(wr: PyWeakRef): void {
  const callback = wr.callback;
  wr.callback = null;
  clearWeakref(wr);
  wr.callback = callback;
}

export function weakrefsOf(o: PyObject): PyWeakRef[] {
  const out: PyWeakRef[] = [];
  for (let w = o.weakrefs; w !== null; w = w.wrNext) out.push(w);
  return out;
}

function handleCallback(wr: PyWeakRef, callback: PyObject): void {
  memoryObserver?.weakrefCallback(wr);
  try {
    const r = callOneArg(callback, wr);
    decref(r);
  } catch (e) {
    writeUnraisable(e, callback, 'Exception ignored in');
  }
}

/**
 * PyObject_ClearWeakRefs: called when `o` dies by refcount. The basic ref and proxy
 * are cleared silently; the rest are cleared first and their callbacks called after.
 */
export function clearWeakrefs(o: PyObject): void {
  if (o.weakrefs !== null && o.weakrefs.callback === null) {
    clearWeakref(o.weakrefs);
    if (o.weakrefs !== null && o.weakrefs.callback === null) clearWeakref(o.weakrefs);
  }
  if (o.weakrefs === null) return;
  const saved = rt.errorInFlight;
  try {
    const refs = weakrefsOf(o);
    if (refs.length === 1) {
      const current = refs[0];
      const callback = current.callback;
      current.callback = null;
      clearWeakref(current);
      if (callback !== null) {
        if (current.refcnt > 0) handleCallback(current, callback);
        decref(callback);
      }
      return;
    }
    const pending: [PyWeakRef, PyObject][] = [];
    for (const current of refs) {
      const callback = current.callback;
      if (current.refcnt > 0) {
        current.refcnt++;
        if (callback !== null) pending.push([current, callback]);
        else pending.push([current, null as unknown as PyObject]);
      } else if (callback !== null) {
        decref(callback);
      }
      current.callback = null;
      clearWeakref(current);
    }
    for (const [wr, callback] of pending) {
      if (callback !== null) handleCallback(wr, callback);
    }
    // The snapshot tuple is released: references to the refs, then to the callbacks.
    for (const [wr, callback] of pending) {
      decref(wr);
      if (callback !== null) decref(callback);
    }
  } finally {
    rt.errorInFlight = saved;
  }
}

/** Clears weakrefs created during __del__ without calling their callbacks. */
export function clearWeakrefsNoCallbacks(o: PyObject): void {
  while (o.weakrefs !== null) clearWeakrefKeepCallback(o.weakrefs);
}

/** _PyWeakref_GetWeakrefCount. */
export function weakrefCount(o: PyObject): number {
  let n = 0;
  for (let w = o.weakrefs; w !== null; w = w.wrNext) n++;
  return n;
}

// --------------------------------------------------------------- ref type slots

function weakrefDealloc(o: PyObject): void {
  const wr = o as PyWeakRef;
  rt.gc.untrack(wr);
  clearWeakref(wr);
  const d = wr.dict;
  wr.dict = null;
  xdecref(d);
  // A subclass instance's class is released by subtype_dealloc (subtype.ts), after this.
  gcDel(wr);
}

function weakrefTraverse(o: PyObject, visit: Visit): void {
  const wr = o as PyWeakRef;
  if (wr.callback !== null) visit(wr.callback, '__callback__');
  if (wr.dict !== null) visit(wr.dict, '__dict__');
}

function weakrefClear(o: PyObject): void {
  clearWeakref(o as PyWeakRef);
}

WeakRefType.tp_dealloc = weakrefDealloc;
WeakRefType.tp_traverse = weakrefTraverse;
WeakRefType.tp_clear = weakrefClear;
WeakRefType.weakrefable = false;
WeakRefType.tp_call = (callable, args, kwnames) => {
  if (args.length !== 0 || (kwnames !== null && kwnames.items.length > 0)) {
    typeError(`weakref() takes no arguments`);
  }
  const r = (callable as PyWeakRef).referent ?? None;
  r.refcnt++;
  return r;
};
WeakRefType.tp_hash = (o) => {
  const wr = o as PyWeakRef;
  if (wr.hash !== -1) return wr.hash;
  if (wr.referent === null) typeError('weak object has gone away');
  wr.hash = objectHash(wr.referent!);
  return wr.hash;
};
WeakRefType.tp_richcompare = (a, b, op) => {
  if ((op !== CompareOp.EQ && op !== CompareOp.NE) || !(b instanceof PyWeakRef)) return newNotImplemented();
  const x = a as PyWeakRef;
  const y = b as PyWeakRef;
  if (x.referent === null || y.referent === null) {
    const same = x === y;
    return newBool(op === CompareOp.EQ ? same : !same);
  }
  return richCompare(x.referent, y.referent, op);
};
WeakRefType.tp_repr = (o) => {
  const wr = o as PyWeakRef;
  const hex = formatAddress;
  if (wr.referent === null) return newStr(`<weakref at ${hex(wr.addr)}; dead>`);
  const to = `<weakref at ${hex(wr.addr)}; to '${wr.referent.type.name}' at ${hex(wr.referent.addr)}`;
  // weakref_repr names the referent when it has a str __name__ (a class, a function).
  const name = lookupAttr(wr.referent, staticId('__name__'));
  const shown = name !== null && isStr(name) ? `${to} (${name.value})>` : `${to}>`;
  xdecref(name);
  return newStr(shown);
};
WeakRefType.tp_new = (type, args) => {
  if (args.length < 1 || args.length > 2)
    typeError(`__new__ expected at most 2 arguments, got ${args.length}`);
  return newWeakRef(type, args[0], args[1] ?? null);
};
WeakRefType.tp_init = () => {};
WeakRefType.getsetSpecs.push({
  name: '__callback__',
  get: (o) => {
    const c = (o as PyWeakRef).callback ?? None;
    c.refcnt++;
    return c;
  },
});

// ----------------------------------------------------------------- proxies

function proxyReferent(p: PyObject): PyObject {
  const r = (p as PyWeakRef).referent;
  if (r === null) raise(ReferenceErrorType, 'weakly-referenced object no longer exists');
  return r!;
}

/** UNWRAP: a proxy operand stands for its referent (ReferenceError once it is gone). */
function unwrap(o: PyObject): PyObject {
  return o.type === ProxyType || o.type === CallableProxyType ? proxyReferent(o) : o;
}

/** WRAP_UNARY: the operation on the referent, held for the call. */
function wrapUnary(generic: (o: PyObject) => PyObject): (p: PyObject) => PyObject {
  return (p) => {
    const r = unwrap(p);
    r.refcnt++;
    try {
      return generic(r);
    } finally {
      decref(r);
    }
  };
}

/** WRAP_BINARY: the operation on both operands, proxies unwrapped and held for the call. */
function wrapBinary(generic: (a: PyObject, b: PyObject) => PyObject): (x: PyObject, y: PyObject) => PyObject {
  return (x, y) => {
    const a = unwrap(x);
    const b = unwrap(y);
    a.refcnt++;
    b.refcnt++;
    try {
      return generic(a, b);
    } finally {
      decref(a);
      decref(b);
    }
  };
}

const INPLACE_SLOTS: readonly [InplaceSlot, NumberSlot][] = NUMBER_SLOTS.filter((s) => s !== 'nb_divmod').map(
  (s) => [s.replace('nb_', 'nb_inplace_') as InplaceSlot, s],
);

// The proxy types forward every operation to the referent (@cpython Objects/weakrefobject.c proxy_*).
for (const t of [ProxyType, CallableProxyType]) {
  t.tp_dealloc = weakrefDealloc;
  t.tp_traverse = weakrefTraverse;
  t.tp_clear = weakrefClear;
  t.tp_getattro = (o, name: PyStr) => {
    const r = proxyReferent(o);
    r.refcnt++;
    try {
      return getAttr(r, name);
    } finally {
      decref(r);
    }
  };
  t.tp_setattro = (o, name, value) => {
    const r = proxyReferent(o);
    r.refcnt++;
    try {
      setAttr(r, name, value);
    } finally {
      decref(r);
    }
  };
  t.tp_repr = (o) => {
    const wr = o as PyWeakRef;
    const hex = formatAddress;
    if (wr.referent === null) return newStr(`<weakproxy at ${hex(wr.addr)}; dead>`);
    return newStr(
      `<weakproxy at ${hex(wr.addr)}; to '${wr.referent.type.name}' at ${hex(wr.referent.addr)}>`,
    );
  };
  t.tp_str = wrapUnary((r) => abstract.objectStr(r));
  t.tp_richcompare = (p, v, op) => richCompare(unwrap(p), unwrap(v), op);
  // With tp_richcompare and no tp_hash, CPython's type_ready puts __hash__ = None in the
  // dict; the hash is unhashable here without it, as static-refs' calibration of None's
  // count was measured without those two dict entries.
  t.tp_hash = (p) => typeError(`unhashable type: '${p.type.name}'`);
  for (const slot of NUMBER_SLOTS) t[slot] = wrapBinary((a, b) => abstract.binaryOp(a, b, slot));
  for (const [slot, binary] of INPLACE_SLOTS)
    t[slot] = wrapBinary((a, b) => abstract.inplaceOp(a, b, binary));
  t.nb_negative = wrapUnary((r) => abstract.unaryOp(r, 'nb_negative', 'unary -'));
  t.nb_positive = wrapUnary((r) => abstract.unaryOp(r, 'nb_positive', 'unary +'));
  t.nb_absolute = wrapUnary((r) => abstract.unaryOp(r, 'nb_absolute', 'abs()'));
  t.nb_invert = wrapUnary((r) => abstract.unaryOp(r, 'nb_invert', 'unary ~'));
  t.nb_index = wrapUnary((r) => abstract.numberIndex(r));
  t.nb_bool = (p) => {
    const r = proxyReferent(p);
    r.refcnt++;
    try {
      return abstract.isTrue(r);
    } finally {
      decref(r);
    }
  };
  t.sq_contains = (p, v) => abstract.contains(proxyReferent(p), v);
  t.mp_length = (p) => abstract.objectLength(proxyReferent(p));
  t.mp_subscript = wrapBinary((a, b) => abstract.getItem(a, b));
  t.mp_ass_subscript = (p, key, value) => {
    const r = proxyReferent(p);
    if (value === null) abstract.delItem(r, key);
    else abstract.setItem(r, key, value);
  };
  t.tp_iter = (p) => abstract.getIter(proxyReferent(p));
  t.tp_iternext = (p) => {
    const r = proxyReferent(p);
    if (r.type.tp_iternext === undefined) {
      typeError(`Weakref proxy referenced a non-iterator '${r.type.name}' object`);
    }
    r.refcnt++;
    try {
      return abstract.iterNext(r);
    } finally {
      decref(r);
    }
  };
}
CallableProxyType.tp_call = (callable, args, kwnames) => {
  const r = proxyReferent(callable);
  const { call } = abstract;
  return call(r, args, kwnames);
};
import * as abstract from './abstract';
