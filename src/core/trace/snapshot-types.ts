/**
 * What every view of the lab draws: the state of a run at one step. Plain data (JSON),
 * produced by the engine and sent from the worker to the renderer unchanged.
 */
import type { TraceEvent } from '../index';

/**
 * Identifies an object across the steps of one run: its birth number (addresses are
 * reused after a free, so `id()` cannot), negative for static objects (None, small ints,
 * builtin types), which have no birth.
 */
export type ObjectId = number;
/** A frame of the snapshot, by its index in `frames` (0 is the outermost). */
export type FrameRef = `frame:${number}`;

export interface SnapshotFrame {
  ref: FrameRef;
  /** co_name: `<module>`, a function's name, `<listcomp>`, … */
  name: string;
  qualname: string;
  line: number;
  /**
   * Variables in CPython's order (module frames: the module's global names); `cell` is
   * set when the variable lives in a cell shared with closures (then `id` is its content).
   */
  locals: { name: string; id: ObjectId; cell?: ObjectId }[];
}

export interface SnapshotObject {
  id: ObjectId;
  /** What `id()` returns. */
  address: number;
  type: string;
  /** A short repr made without running Python code (`[3 items]`, `'abc'`, `Node object`). */
  label: string;
  /** `sys.getsizeof` (the type's own size; a Python-level `__sizeof__` is not called). */
  size: number;
  /** ob_refcnt: what `sys.getrefcount` would print here, minus 1. */
  refcount: number;
  /**
   * CPython's count of this static object is not known to the engine (a builtin type CPython
   * makes on the heap, a docstring…): `refcount` is not CPython's, views show it as unknown.
   */
  refcountUnknown?: boolean;
  /** gc.is_tracked. */
  tracked: boolean;
  /** The collector's generation (0–2) when tracked. */
  generation?: number;
  /** The object's type has a finalizer (`__del__`); `finalized` once it has run (PEP 442). */
  finalizer?: boolean;
  finalized?: boolean;
  /** Static or startup objects (None, small ints, interned names, builtins): views may fold them. */
  shared?: boolean;
  /** Reachable from a frame (or a module) at this step; false: only cycles keep it alive. */
  reachable: boolean;
  /** References not listed in `edges` because the container is large. */
  omittedEdges?: number;
}

export interface SnapshotEdge {
  from: ObjectId | FrameRef;
  to: ObjectId;
  /** As a Python person reads it: `[0]`, `['key']`, `.attr`, `__dict__`, `__class__`, a variable name. */
  label: string;
  /** A weak reference (does not count in the referent's refcount). */
  weak?: boolean;
  /** A temporary on a frame's value stack. */
  temporary?: boolean;
}

export interface CollectionReport {
  /** The step during which the collection ran. */
  step: number;
  generation: number;
  collected: number;
  uncollectable: number;
  manual: boolean;
  /** Objects found unreachable (before finalizers and resurrection). */
  unreachable: ObjectId[];
  /** Reference cycles among the unreachable objects (strongly connected, self-loops included). */
  cycles: ObjectId[][];
  phases: { name: string; objects: ObjectId[] }[];
}

export interface GcView {
  counts: number[];
  thresholds: number[];
  enabled: boolean;
  /** Collections so far in this run. */
  collections: number;
  last?: CollectionReport;
}

export interface PoolView {
  address: number;
  /** Block size of the pool's size class (8, 16, … 512). */
  blockSize: number;
  blocks: number;
  used: number;
  /** Free blocks in the order the next allocations will take them (LIFO head first). */
  freeBlocks: number[];
  /** Blocks never handed out yet (carved lazily after the free ones). */
  untouched: number;
}

export interface ArenaView {
  address: number;
  pools: PoolView[];
}

export interface AllocatorView {
  arenas: ArenaView[];
  /** Objects kept by the 3.11 free lists, by list (`tuple[2]`, `list`, `dict`, `float`, …). */
  freelists: { name: string; addresses: number[] }[];
  /** Allocations over 512 bytes, which go to the system allocator. */
  large: { address: number; size: number }[];
}

export interface Snapshot {
  step: number;
  event: TraceEvent;
  line: number;
  func: string;
  stdout: string;
  stderr: string;
  frames: SnapshotFrame[];
  objects: SnapshotObject[];
  edges: SnapshotEdge[];
  /** Reference cycles present now (strongly connected objects, self-loops included). */
  cycles: ObjectId[][];
  gc: GcView;
  allocator: AllocatorView;
  /** True when the object limit cut the heap walk short. */
  truncated: boolean;
}
