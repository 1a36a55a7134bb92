/**
 * Allocation helpers for the objects of the engine's C-level standard-library types, as
 * CPython's C modules allocate them. In CPython 3.11 some of these types are heap types
 * made from a spec (functools, operator): their instances hold a reference to the type.
 * The engine keeps them as static types (their refcounts are not observable as numbers),
 * so the reference is taken only for real heap types (Python subclasses).
 */
import { PyObject, PyType, decref } from '../objects/object';
import { tupleFromBorrowed, type PyTuple } from '../objects/tupleobject';
import type { PyDict } from '../objects/dictobject';
import { dictFromKeywords, packedArgs, packedKwargs } from '../objects/abstract';
import { allocGCObject, allocObject, freeObject, gcDel } from '../memory/alloc';
import { rt } from '../vm/runtime';

/** PyType_GenericAlloc: GC-allocated, tracked at once; heap types gain a reference. */
export function genericAlloc<T extends PyObject>(o: T, type: PyType): T {
  allocGCObject(o, (type.basicsize + 7) & ~7);
  if (type.isHeapType) type.refcnt++;
  rt.gc.track(o);
  return o;
}

/** PyObject_GC_New: GC-allocated, not tracked yet (the caller tracks it when filled). */
export function gcNew<T extends PyObject>(o: T, type: PyType): T {
  allocGCObject(o, (type.basicsize + 7) & ~7);
  if (type.isHeapType) type.refcnt++;
  return o;
}

/** PyObject_New: a non-GC object. */
export function objectNew<T extends PyObject>(o: T, type: PyType): T {
  allocObject(o, (type.basicsize + 7) & ~7);
  if (type.isHeapType) type.refcnt++;
  return o;
}

/**
 * tp_free of a GC object. A Python subclass's instance has its type's reference released
 * by the subclass's dealloc (subtype_dealloc), after this.
 */
export function gcFree(o: PyObject): void {
  gcDel(o);
}

/** tp_free of a non-GC object. */
export function objectFree(o: PyObject): void {
  freeObject(o);
}

/**
 * The argument tuple and keyword dict a tp_call / tp_new of a C type receives in CPython:
 * the ones the call packed (or the caller passed to PyObject_Call), borrowed, when they
 * hold these arguments; otherwise new ones (owned: the caller releases them).
 */
export function callArgs(
  args: PyObject[],
  kwnames: PyTuple | null,
): { t: PyTuple; d: PyDict | null; owned: boolean } {
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  const npos = args.length - nkw;
  const t = packedArgs;
  if (t !== null && t.items.length === npos && t.items.every((x, i) => x === args[i])) {
    const d = packedKwargs;
    if (nkw === 0 ? d === null || d.used === 0 : d !== null && d.used === nkw) return { t, d, owned: false };
  }
  const own = tupleFromBorrowed(args.slice(0, npos));
  let d: PyDict | null = null;
  if (nkw > 0) {
    try {
      d = dictFromKeywords(kwnames!, args, npos);
    } catch (e) {
      decref(own);
      throw e;
    }
  }
  return { t: own, d, owned: true };
}

/** Runs fn with the call's tuple and dict (callArgs), releasing them if they were made. */
export function withCallArgs<T>(
  args: PyObject[],
  kwnames: PyTuple | null,
  fn: (t: PyTuple, d: PyDict | null) => T,
): T {
  const { t, d, owned } = callArgs(args, kwnames);
  try {
    return fn(t, d);
  } finally {
    if (owned) {
      if (d !== null) decref(d);
      decref(t);
    }
  }
}

/** _PyObject_MakeTpCall's packing done by the type itself (always new objects). */
export function withNewPacked<T>(
  args: PyObject[],
  kwnames: PyTuple | null,
  fn: (t: PyTuple, d: PyDict | null) => T,
): T {
  const npos = args.length - (kwnames === null ? 0 : kwnames.items.length);
  const t = tupleFromBorrowed(args.slice(0, npos));
  let d: PyDict | null = null;
  try {
    if (kwnames !== null && kwnames.items.length > 0) d = dictFromKeywords(kwnames, args, npos);
    return fn(t, d);
  } finally {
    if (d !== null) decref(d);
    decref(t);
  }
}

/** _PyType_Name: a type's tp_name without its module prefix (for reprs). */
export function typeShortName(t: PyType): string {
  return t.name.slice(t.name.lastIndexOf('.') + 1);
}
