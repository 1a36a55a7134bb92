/**
 * The trashcan: bounds the C stack depth of deallocation cascades. Past 50 nested
 * container deallocs, an object is deposited on a LIFO chain instead and destroyed when
 * the outermost dealloc finishes, newest first. This changes `__del__` order for deep
 * structures, so the engine models it exactly.
 * @cpython Include/cpython/object.h Py_TRASHCAN_BEGIN, Objects/object.c _PyTrash_*
 */
import type { PyObject } from '../objects/object';
import { rt } from '../vm/runtime';

const UNWIND_LEVEL = 50;

/** Returns false when `o` was deposited: the dealloc must stop (skip to its end). */
export function trashcanBegin(o: PyObject): boolean {
  if (rt.trashNesting >= UNWIND_LEVEL) {
    rt.trashLater.push(o);
    return false;
  }
  rt.trashNesting++;
  return true;
}

export function trashcanEnd(): void {
  rt.trashNesting--;
  if (rt.trashLater.length > 0 && rt.trashNesting <= 0) destroyChain();
}

/** @cpython Objects/object.c _PyTrash_thread_destroy_chain */
function destroyChain(): void {
  rt.trashNesting++;
  while (rt.trashLater.length > 0) {
    const o = rt.trashLater.pop()!;
    o.type.tp_dealloc(o);
  }
  rt.trashNesting--;
}
