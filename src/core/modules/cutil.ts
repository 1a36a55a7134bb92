/**
 * Small idioms of CPython's C modules that the engine's stdlib types share: the dealloc,
 * clear and traverse of their fields, Py_CLEAR, a field as an attribute, releasing a new
 * reference when the next step raises, and the predicate test of the filter-like iterators.
 */
import { PyObject, decref, xdecref, type GetSetSpec, type PyType, type Visit } from '../objects/object';
import { None } from '../objects/noneobject';
import { call, isTrue } from '../objects/abstract';
import { clearWeakrefs } from '../objects/weakrefobject';
import { rt } from '../vm/runtime';
import { gcFree } from './cobject';

/** Empties each of the fields, then releases what they held, in that order (a tp_clear). */
export function clearFields<T extends object>(o: T, fields: readonly (keyof T)[]): void {
  const r = o as Record<keyof T, PyObject | null>;
  const held = fields.map((f) => r[f]);
  for (const f of fields) r[f] = null;
  for (const v of held) xdecref(v);
}

/**
 * tp_clear, and the tp_dealloc that goes with it: untrack, clear the weak references to the
 * object (if any), clear, free.
 */
export function clearingDealloc(t: PyType, clear: (o: PyObject) => void): void {
  t.tp_clear = clear;
  t.tp_dealloc = (o) => {
    rt.gc.untrack(o);
    if (o.weakrefs !== null) clearWeakrefs(o);
    clear(o);
    gcFree(o);
  };
}

/**
 * tp_dealloc and tp_traverse of a GC type from the object fields its instances hold: on
 * dealloc each field of `deallocOrder` is emptied, then they are released in that order;
 * traverse visits `traverseOrder` ('__class__' is the type, which heap types visit);
 * `free` releases what else the object owns (its C arrays) after the fields.
 */
export function fieldSlots<T extends PyObject>(
  t: PyType,
  deallocOrder: (keyof T & string)[],
  traverseOrder: ((keyof T & string) | '__class__')[],
  free?: (o: T) => void,
): void {
  t.tp_dealloc = (o) => {
    rt.gc.untrack(o);
    clearFields(o as T, deallocOrder);
    free?.(o as T);
    gcFree(o);
  };
  t.tp_traverse = (o, visit: Visit) => {
    const r = o as unknown as Record<string, PyObject | null>;
    for (const f of traverseOrder) {
      const v = f === '__class__' ? o.type : r[f];
      if (v !== null && v !== undefined) visit(v, f);
    }
  };
}

/** Py_CLEAR(o->field): the field is emptied first, then its old value released. */
export function clearField<T extends object>(o: T, field: keyof T): void {
  const r = o as Record<keyof T, PyObject | null>;
  const old = r[field];
  r[field] = null;
  xdecref(old);
}

/** An object field as a Python attribute: None while empty; assigning (or deleting) replaces it. */
export function fieldGetSet<T extends PyObject>(name: string, field: keyof T & string): GetSetSpec {
  const slot = (o: PyObject) => o as unknown as Record<string, PyObject | null>;
  return {
    name,
    get: (o) => {
      const v = slot(o)[field] ?? None;
      v.refcnt++;
      return v;
    },
    set: (o, v) => {
      const old = slot(o)[field];
      if (v !== null) v.refcnt++;
      slot(o)[field] = v;
      xdecref(old);
    },
  };
}

/** Runs fn; if it raises, `owned` (a new reference the caller holds) is released first. */
export function releasingOnError<R>(owned: PyObject, fn: () => R): R {
  try {
    return fn();
  } catch (e) {
    decref(owned);
    throw e;
  }
}

/**
 * Whether `item` passes: PyObject_IsTrue(item) when `checkTrue` (filter with None or bool),
 * else PyObject_IsTrue(func(item)). If that raises, the item is released.
 */
export function itemPasses(func: PyObject, item: PyObject, checkTrue = false): boolean {
  return releasingOnError(item, () => {
    if (checkTrue) return isTrue(item);
    const good = call(func, [item]);
    try {
      return isTrue(good);
    } finally {
      decref(good);
    }
  });
}
