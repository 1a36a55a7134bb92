/**
 * Addresses of statically allocated objects (builtin types, None, small ints, the
 * latin-1 one-character strings, …): CPython keeps them in the interpreter binary's data
 * segment, outside pymalloc, so they never share an address with a heap object.
 */
import type { PyObject } from '../objects/object';

const DATA_SEGMENT = 0x55d0_48a0_0000;
let next = DATA_SEGMENT;

/** Places `o` at the next static address; `size` includes any pre-header. */
export function placeStatic<T extends PyObject>(o: T, size: number, preheader = 0): T {
  o.addr = next + preheader;
  next += (size + 15) & ~15;
  return o;
}
