/**
 * The size the lab shows for an object: `sys.getsizeof` without calling a Python-level
 * `__sizeof__` (the type's own tp_sizeof, else its basic size, plus the GC pre-header).
 * The snapshot's `size` (trace/capture.ts) and the `sizeof` channel of the memory series
 * (trace/memory-series.ts) both use it, so they agree.
 */
import type { PyObject } from '../objects/object';

export function sizeOf(o: PyObject): number {
  const own = o.type.tp_sizeof;
  return (own !== undefined ? own(o) : o.type.basicsize) + o.type.preheaderSize;
}
