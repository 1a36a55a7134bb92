/**
 * Object allocation and release, as CPython's object allocator API does them:
 * PyObject_Malloc/Free/Realloc for raw memory, and object headers placed after the
 * pre-header (GC head, managed-dict pointers) so that `id(o)` is block + pre-header.
 * @cpython Objects/obmalloc.c, Modules/gcmodule.c gc_alloc / PyObject_GC_Del
 */
import type { PyObject } from '../objects/object';
import { rt } from '../vm/runtime';
import { raiseMemoryError } from '../vm/memoryerror';
import { memoryObserver } from './memory-observer';

/** tracemalloc's hooks while it traces (modules/tracemallocmodule.ts), else null. */
export interface AllocTracer {
  malloc(address: number, nbytes: number): void;
  free(address: number): void;
  realloc(from: number, to: number, nbytes: number): void;
}
export let allocTracer: AllocTracer | null = null;
export function setAllocTracer(tracer: AllocTracer | null): void {
  allocTracer = tracer;
}

/** PyObject_Malloc / PyMem_Malloc: raises MemoryError past the run's memory limit. */
export function pyMalloc(nbytes: number): number {
  const address = rt.heap.malloc(nbytes);
  if (rt.heap.footprint() > rt.options.memoryLimit) {
    rt.heap.free(address);
    raiseMemoryError();
  }
  memoryObserver?.malloc(address, nbytes);
  if (allocTracer !== null) allocTracer.malloc(address, nbytes);
  return address;
}

export function pyFree(address: number): void {
  if (address === 0) return;
  memoryObserver?.free(address);
  if (allocTracer !== null) allocTracer.free(address);
  rt.heap.free(address);
}

export function pyRealloc(address: number, nbytes: number): number {
  const moved = rt.heap.realloc(address, nbytes);
  memoryObserver?.realloc(address, moved, nbytes);
  if (allocTracer !== null) allocTracer.realloc(address, moved, nbytes);
  if (rt.heap.footprint() > rt.options.memoryLimit) raiseMemoryError();
  return moved;
}

/** PyObject_Malloc of a non-GC object of `size` bytes; sets its address. */
export function allocObject<T extends PyObject>(o: T, size: number): T {
  o.addr = pyMalloc(size);
  o.serial = ++rt.births;
  memoryObserver?.objectAllocated(o);
  return o;
}

/**
 * How the lab's views identify an object across steps: its birth number, or for a static
 * object (which has none) its address, negated.
 */
export function objectId(o: PyObject): number {
  return o.serial > 0 ? o.serial : -o.addr / 16;
}

/**
 * An object whose block was allocated before the object was made (a long's digits, a str
 * writer's buffer): it is born now, for id() and for the lab's views.
 */
export function adoptBlock<T extends PyObject>(o: T, address: number): T {
  o.addr = address;
  o.serial = ++rt.births;
  memoryObserver?.objectAllocated(o);
  return o;
}

/** A dead object taken back from a free list is a new object for the lab's views. */
export function reborn(o: PyObject): void {
  o.serial = ++rt.births;
  memoryObserver?.objectReborn(o);
}

/**
 * gc_alloc: a GC object's block holds its pre-header first. Linking it may run an
 * automatic collection; the new object is not tracked yet, so that collection cannot see it.
 */
export function allocGCObject<T extends PyObject>(o: T, size: number): T {
  const pre = o.type.preheaderSize;
  o.addr = pyMalloc(pre + size) + pre;
  o.serial = ++rt.births;
  memoryObserver?.objectAllocated(o);
  rt.gc.link();
  return o;
}

/** PyObject_Free of a non-GC object. */
export function freeObject(o: PyObject): void {
  memoryObserver?.objectFreed(o);
  pyFree(o.addr);
}

/** PyObject_GC_Del: lowers generation 0's count and frees the block. */
export function gcDel(o: PyObject): void {
  rt.gc.untrack(o);
  rt.gc.unlink();
  memoryObserver?.objectFreed(o);
  pyFree(o.addr - o.type.preheaderSize);
}
