/**
 * What happened in memory during one step of a run (`runSource(src, { stepEvents: N })`):
 * from the moment step N is reported (its snapshot) to the moment step N + 1 is (or the end of
 * the run). Plain data (JSON), like the Snapshot.
 *
 * Two kinds of events, in this order:
 * 1. Recorded as they happened, exact and in order: the allocator's and the collector's
 *    (allocate, reborn, free, to-freelist, buffer), finalizers, weakrefs cleared and their
 *    callbacks, collections with their phases, and the output written.
 * 2. Derived afterwards, per object, from the snapshots at the two ends of the step: the
 *    references added (`link`) and removed (`unlink`) between objects and frames as the graph
 *    labels them, and each object's net refcount change (`refcount`), with the part that no
 *    listed reference explains (`unexplained`: a value-stack temporary or a reference the
 *    snapshot does not list, e.g. from the interpreter's internals or a container too large to
 *    list). References that were taken and dropped again within the step (temporaries while
 *    a call ran, an iterator's item) are not listed: only the net change between the two ends.
 */
import type { FrameRef, ObjectId } from './snapshot-types';

/** Where a block went or came from: a pymalloc pool (blocks of up to 512 bytes) or the system allocator. */
export interface BlockPlace {
  /** The block's address (an object's `id()` is this plus its pre-header). */
  block: number;
  /** The pool's size class (8 … 512), or 0 for the system allocator (requests over 512 bytes). */
  blockSize: number;
  /** The pool's address, for a pymalloc block. */
  pool?: number;
}

export type StepEvent =
  /** An object was allocated: `size` bytes requested (its pre-header included), at `id()` `address`. */
  | ({ kind: 'allocate'; id: ObjectId; type: string; address: number; size: number } & BlockPlace)
  /** A dead object was taken back from a 3.11 free list (`list` names it) and is a new object. */
  | { kind: 'reborn'; id: ObjectId; previous: ObjectId; type: string; address: number; list: string }
  /** An object's memory went back to its pool (or the system allocator); `fromFreelist` when a free list let it go. */
  | ({ kind: 'free'; id: ObjectId; type: string; address: number; fromFreelist?: true } & BlockPlace)
  /** A dead object was kept by a free list instead of being freed (its memory stays allocated). */
  | { kind: 'to-freelist'; id: ObjectId; type: string; address: number; list: string }
  /** A block that is not an object (a list's item array, a dict's keys, a str's buffer…). */
  | ({ kind: 'buffer'; op: 'malloc' | 'free' | 'realloc'; size?: number; from?: number } & BlockPlace)
  /** tp_finalize is about to run on the object: its `__del__` (PEP 442: once), or a generator's close. */
  | { kind: 'finalize'; id: ObjectId; type: string }
  /** A weakref was unlinked from its referent: the referent is dying (or the weakref itself is: `weakrefDying`). */
  | { kind: 'weakref-cleared'; id: ObjectId; referent: ObjectId; weakrefDying?: true }
  /** A weakref's callback is about to be called. */
  | { kind: 'weakref-callback'; id: ObjectId }
  | { kind: 'gc-start'; generation: number; manual: boolean }
  /** A phase of the collection and the objects it concerns (candidates, unreachable, …). */
  | { kind: 'gc-phase'; name: string; objects: ObjectId[] }
  /** `collected + uncollectable` is what gc.collect() returns. */
  | { kind: 'gc-end'; generation: number; collected: number; uncollectable: number }
  /** Text the program wrote (as it reached the stream). */
  | { kind: 'output'; stream: 'stdout' | 'stderr'; text: string }
  /**
   * Derived: a reference to `to` that exists at the end of the step and not at its start, or
   * the reverse (`unlink`). `from` is an object or a frame (of the snapshot at the end for a
   * link, at the start for an unlink; `frame` names it); `label` as the graph draws it.
   */
  | ReferenceEvent<'link'>
  | ReferenceEvent<'unlink'>
  /**
   * Derived: the object's refcount at the start (`before`, null when the snapshot there did
   * not list it: created in the step, or not reachable from what a snapshot walks) and at the
   * end (`after`, null when it was freed, or is no longer listed), and how much of the change
   * no link or unlink explains (null when it cannot be known). Not given for shared objects
   * (None, small ints, interned strings, builtins), whose counts move with every step.
   */
  | {
      kind: 'refcount';
      id: ObjectId;
      before: number | null;
      after: number | null;
      unexplained: number | null;
    };

export type StepEventKind = StepEvent['kind'];

export interface ReferenceEvent<K extends 'link' | 'unlink'> {
  kind: K;
  to: ObjectId;
  from: ObjectId | FrameRef;
  /** The frame's function, when `from` is a frame. */
  frame?: string;
  label: string;
  weak?: true;
  temporary?: true;
}

/** An object the events mention. */
export interface StepEventObject {
  id: ObjectId;
  type: string;
  /** The snapshot's label, or the type's name for an object no snapshot lists (a temporary). */
  label: string;
  /** `id()`. */
  address: number;
  /** Listed by the snapshot at the start of the step (`before`) and at its end (`after`). */
  before: boolean;
  after: boolean;
}

export interface StepEvents {
  step: number;
  /** The step that ends this one (step + 1), or null when the run ended during it. */
  next: number | null;
  /** The line and event of the step (what its snapshot shows). */
  line: number;
  func: string;
  events: StepEvent[];
  /**
   * The objects the events mention, in the order they are first mentioned (those of a
   * collection's phases only when a snapshot lists them).
   */
  objects: StepEventObject[];
  /** Events not listed past the limit (MAX_STEP_EVENTS), by kind. */
  omitted: Partial<Record<StepEventKind, number>>;
  /** A snapshot stopped its heap walk early: references beyond it are missing. */
  truncated: boolean;
}
