/**
 * What the lab's memory recorder (trace/memory-series.ts) hears from the allocator: each
 * object's birth and death, each block requested and released, free-list traffic and weakref
 * callbacks. The calls cost one null test when nothing observes, so a run that records no
 * memory series runs as before.
 */
import type { PyObject } from '../objects/object';

export interface MemoryObserver {
  /** A new object (allocObject / allocGCObject), its serial just assigned. */
  objectAllocated(o: PyObject): void;
  /** A dead object taken back from a free list, its new serial just assigned. */
  objectReborn(o: PyObject): void;
  /** freeObject / gcDel: the object's memory goes back to the allocator. */
  objectFreed(o: PyObject): void;
  /** A dead object kept by a 3.11 free list instead of being freed. */
  freelistPush(o: PyObject): void;
  /** A dead object leaves a free list: reborn next, or freed when the lists are cleared. */
  freelistPop(o: PyObject): void;
  /** PyObject_Malloc / PyMem_Malloc handed out `nbytes` at `address`. */
  malloc(address: number, nbytes: number): void;
  free(address: number): void;
  realloc(from: number, to: number, nbytes: number): void;
  /** A weakref's callback is about to be called (its referent died). */
  weakrefCallback(wr: PyObject): void;
  /**
   * What sys.getsizeof(o) returns may have changed (a list's, dict's, set's… buffer was
   * resized; a str was resized in place). Only the object is noted: its size is read at the
   * next step boundary.
   */
  objectResized?(o: PyObject): void;
  /** `d` is a split dict over the class's shared `keys` (sys.getsizeof(d) counts them when d alone holds them). */
  splitDict?(d: PyObject, keys: object): void;
  /**
   * sys.getsizeof of the split dicts over these shared keys may change: the class lets them go
   * (a dict about to hold them alone counts them), or a new instance took one of their usable
   * entries (init_inline_values: every split dict over them shrinks by a slot).
   */
  sharedKeysChanged?(keys: object): void;
  // What only the step-events recorder (trace/step-events.ts) listens to: optional, so the
  // memory recorder need not implement them.
  /** A weakref is unlinked from its referent (which is dying, or the weakref itself is). */
  weakrefCleared?(wr: PyObject, referent: PyObject): void;
  /** tp_finalize (`__del__`, a generator's close) is about to run on `o`. */
  finalize?(o: PyObject): void;
  /** A collection of `generation` starts (gc_collect_main). */
  gcStart?(generation: number, manual: boolean): void;
  /** A phase of the collection, with the objectId()s it concerns (only when phases are recorded). */
  gcPhase?(name: string, objects: number[]): void;
  /** The collection ended: what it collected. */
  gcEnd?(generation: number, collected: number, uncollectable: number): void;
}

/** The observer of the current run, or null (the default: nothing is recorded). */
export let memoryObserver: MemoryObserver | null = null;

export function setMemoryObserver(observer: MemoryObserver | null): void {
  memoryObserver = observer;
}
