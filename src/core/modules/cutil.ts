/**
 * Small idioms of CPython's C modules that the engine's stdlib types share: Py_CLEAR of a
 * field, releasing a new reference when the next step raises, and the predicate test of
 * the filter-like iterators.
 */
import { PyObject, decref, xdecref, type PyType, type Visit } from '../objects/object';
import { call, isTrue } from '../objects/abstract';
import { rt } from '../vm/runtime';
import { gcFree } from './cobject';

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
    const r = o as unknown as Record<string, PyObject | null>;
    const held = deallocOrder.map((f) => r[f]);
    for (const f of deallocOrder) r[f] = null;
    for (const v of held) xdecref(v);
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
