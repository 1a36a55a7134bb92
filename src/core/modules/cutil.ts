/**
 * Small idioms of CPython's C modules that the engine's stdlib types share: Py_CLEAR of a
 * field, releasing a new reference when the next step raises, and the predicate test of
 * the filter-like iterators.
 */
import { PyObject, decref, xdecref } from '../objects/object';
import { call, isTrue } from '../objects/abstract';

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
