/**
 * The memory events of one step (see step-events-types.ts for what they mean and what is
 * exact). `runSource` takes the snapshot at the start of the step, starts a StepEventRecorder,
 * lets the step run, stops it and takes the snapshot at its end; `buildStepEvents` then adds
 * the reference changes derived from the two snapshots.
 *
 * The recorder stands in for the memory observer while the step runs and passes every call on
 * to the observer it replaced (the memory recorder, which notes each object's allocating line).
 */
import type { PyObject } from '../objects/object';
import { objectId } from '../memory/alloc';
import { memoryObserver, setMemoryObserver, type MemoryObserver } from '../memory/memory-observer';
import { rt } from '../vm/runtime';
import { edgeKeys } from './diff';
import type { ObjectId, Snapshot, SnapshotEdge } from './snapshot-types';
import type {
  BlockPlace,
  ReferenceEvent,
  StepEvent,
  StepEventKind,
  StepEventObject,
  StepEvents,
} from './step-events-types';

/** Events listed per step; the rest are counted by kind (`omitted`). */
export const MAX_STEP_EVENTS = 2000;

const typeName = (o: PyObject) => (o.type.isHeapType ? o.type.qualname : o.type.name);

function place(block: number): BlockPlace {
  const pool = rt.heap.poolOf(block);
  return pool === undefined
    ? { block, blockSize: 0 }
    : { block, blockSize: pool.blockSize, pool: pool.address };
}

/** The lengths of the free lists, to find which one an object was just pushed on. */
function freelistLengths(): number[] {
  const f = rt.freelists;
  return [...f.tuples.map((t) => t.length), f.lists.length, f.dicts.length, f.floats.length];
}

function freelistName(before: number[], fallback: string): string {
  const after = freelistLengths();
  const n = rt.freelists.tuples.length;
  for (let i = 0; i < after.length; i++) {
    if (after[i] === before[i] + 1)
      return i < n ? `tuple[${i}]` : (['list', 'dict', 'float'][i - n] ?? fallback);
  }
  return fallback;
}

interface Seen {
  type: string;
  address: number;
}

export class StepEventRecorder implements MemoryObserver {
  readonly events: StepEvent[] = [];
  readonly omitted: Partial<Record<StepEventKind, number>> = {};
  /** Objects met while recording: their type and address then. */
  readonly seen = new Map<ObjectId, Seen>();
  /** Objects that died during the step: freed, or kept dead by a free list. */
  readonly died = new Set<ObjectId>();
  /** Objects allocated (or reborn) during the step. */
  readonly allocated = new Set<ObjectId>();
  private inner: MemoryObserver | null = null;
  private recording = false;
  // A block request waits for the object it may be for; a freed object for its block.
  private pendingMalloc: { address: number; nbytes: number } | null = null;
  private pendingFree: {
    id: ObjectId;
    type: string;
    address: number;
    block: number;
    fromFreelist: boolean;
  } | null = null;
  private pendingPush: { event: StepEvent & { kind: 'to-freelist' }; lengths: number[] } | null = null;
  /** The object a free list just gave up, and its id there. */
  private popped: { o: PyObject; id: ObjectId } | null = null;

  start(): void {
    this.inner = memoryObserver;
    this.recording = true;
    setMemoryObserver(this);
  }

  stop(): void {
    if (!this.recording) return;
    this.flush();
    this.recording = false;
    setMemoryObserver(this.inner);
  }

  output(stream: 'stdout' | 'stderr', text: string): void {
    if (!this.recording) return;
    this.flush();
    const last = this.events[this.events.length - 1];
    if (last?.kind === 'output' && last.stream === stream) last.text += text;
    else this.push({ kind: 'output', stream, text });
  }

  // ------------------------------------------------------------ MemoryObserver

  objectAllocated(o: PyObject): void {
    this.inner?.objectAllocated(o);
    const block = o.addr - o.type.preheaderSize;
    const m = this.pendingMalloc;
    this.pendingMalloc = null;
    if (m !== null && m.address !== block) this.bufferEvent('malloc', m.address, m.nbytes);
    this.flush();
    const id = this.note(o);
    this.allocated.add(id);
    this.push({
      kind: 'allocate',
      id,
      type: typeName(o),
      address: o.addr,
      size: m?.nbytes ?? 0,
      ...place(block),
    });
  }

  objectReborn(o: PyObject): void {
    this.inner?.objectReborn(o);
    this.flush();
    const previous = this.popped?.o === o ? this.popped.id : 0;
    this.popped = null;
    const id = this.note(o);
    this.allocated.add(id);
    this.push({ kind: 'reborn', id, previous, type: typeName(o), address: o.addr, list: freelistOf(o) });
  }

  objectFreed(o: PyObject): void {
    this.inner?.objectFreed(o);
    this.flush();
    const fromFreelist = this.popped?.o === o;
    const id = fromFreelist ? this.popped!.id : this.note(o);
    if (fromFreelist) this.popped = null;
    this.died.add(id);
    const block = o.addr - o.type.preheaderSize;
    this.pendingFree = { id, type: typeName(o), address: o.addr, block, fromFreelist };
  }

  freelistPush(o: PyObject): void {
    this.inner?.freelistPush(o);
    this.flush();
    const id = this.note(o);
    this.died.add(id);
    const event = { kind: 'to-freelist', id, type: typeName(o), address: o.addr, list: typeName(o) } as const;
    this.pendingPush = { event: { ...event }, lengths: freelistLengths() };
    this.push(this.pendingPush.event);
  }

  freelistPop(o: PyObject): void {
    this.inner?.freelistPop(o);
    this.flush();
    this.popped = { o, id: objectId(o) };
  }

  malloc(address: number, nbytes: number): void {
    this.inner?.malloc(address, nbytes);
    this.flush();
    this.pendingMalloc = { address, nbytes };
  }

  free(address: number): void {
    this.inner?.free(address);
    const f = this.pendingFree;
    this.pendingFree = null;
    if (f !== null && f.block === address) {
      this.flush();
      const event: StepEvent = {
        kind: 'free',
        id: f.id,
        type: f.type,
        address: f.address,
        ...place(address),
      };
      if (f.fromFreelist) event.fromFreelist = true;
      this.push(event);
      return;
    }
    if (f !== null) this.pendingFree = f;
    this.flush();
    this.bufferEvent('free', address);
  }

  realloc(from: number, to: number, nbytes: number): void {
    this.inner?.realloc(from, to, nbytes);
    this.flush();
    const event: StepEvent = { kind: 'buffer', op: 'realloc', size: nbytes, ...place(to) };
    if (from !== to) event.from = from;
    this.push(event);
  }

  // What only the memory recorder listens to: passed on.
  objectResized(o: PyObject): void {
    this.inner?.objectResized?.(o);
  }

  splitDict(d: PyObject, keys: object): void {
    this.inner?.splitDict?.(d, keys);
  }

  sharedKeysChanged(keys: object): void {
    this.inner?.sharedKeysChanged?.(keys);
  }

  weakrefCallback(wr: PyObject): void {
    this.inner?.weakrefCallback(wr);
    this.flush();
    this.push({ kind: 'weakref-callback', id: this.note(wr) });
  }

  weakrefCleared(wr: PyObject, referent: PyObject): void {
    this.inner?.weakrefCleared?.(wr, referent);
    this.flush();
    const event: StepEvent = { kind: 'weakref-cleared', id: this.note(wr), referent: this.note(referent) };
    if (wr.refcnt === 0) event.weakrefDying = true;
    this.push(event);
  }

  finalize(o: PyObject): void {
    this.inner?.finalize?.(o);
    this.flush();
    this.push({ kind: 'finalize', id: this.note(o), type: typeName(o) });
  }

  gcStart(generation: number, manual: boolean): void {
    this.inner?.gcStart?.(generation, manual);
    this.flush();
    this.push({ kind: 'gc-start', generation, manual });
  }

  gcPhase(name: string, objects: number[]): void {
    this.inner?.gcPhase?.(name, objects);
    this.flush();
    this.push({ kind: 'gc-phase', name, objects: [...objects] });
  }

  gcEnd(generation: number, collected: number, uncollectable: number): void {
    this.inner?.gcEnd?.(generation, collected, uncollectable);
    this.flush();
    this.push({ kind: 'gc-end', generation, collected, uncollectable });
  }

  // ------------------------------------------------------------ internals

  /** Emits what was waiting for a partner that did not come. */
  private flush(): void {
    const m = this.pendingMalloc;
    if (m !== null) {
      this.pendingMalloc = null;
      this.bufferEvent('malloc', m.address, m.nbytes);
    }
    const f = this.pendingFree;
    if (f !== null) {
      // Freed without its block being released here (not expected): still a free.
      this.pendingFree = null;
      const event: StepEvent = {
        kind: 'free',
        id: f.id,
        type: f.type,
        address: f.address,
        ...place(f.block),
      };
      if (f.fromFreelist) event.fromFreelist = true;
      this.push(event);
    }
    const p = this.pendingPush;
    if (p !== null) {
      this.pendingPush = null;
      p.event.list = freelistName(p.lengths, p.event.list);
    }
  }

  private bufferEvent(op: 'malloc' | 'free', address: number, nbytes?: number): void {
    const event: StepEvent = { kind: 'buffer', op, ...place(address) };
    if (nbytes !== undefined) event.size = nbytes;
    this.push(event);
  }

  private note(o: PyObject): ObjectId {
    const id = objectId(o);
    if (!this.seen.has(id)) this.seen.set(id, { type: typeName(o), address: o.addr });
    return id;
  }

  private push(event: StepEvent): void {
    if (this.events.length < MAX_STEP_EVENTS) this.events.push(event);
    else this.omitted[event.kind] = (this.omitted[event.kind] ?? 0) + 1;
  }
}

function freelistOf(o: PyObject): string {
  const name = typeName(o);
  if (name !== 'tuple') return name;
  const n = (o as PyObject & { items?: unknown[] }).items?.length;
  return n === undefined ? name : `tuple[${n}]`;
}

/**
 * The step's events: those recorded, then the reference changes derived from the snapshots
 * at its start (`before`) and its end (`after`, that of the next step or of the run's end).
 */
export function buildStepEvents(
  before: Snapshot,
  after: Snapshot,
  next: number | null,
  recorder: StepEventRecorder,
): StepEvents {
  const events = [...recorder.events];
  const omitted = { ...recorder.omitted };
  for (const e of referenceEvents(before, after, recorder)) {
    if (events.length < MAX_STEP_EVENTS) events.push(e);
    else omitted[e.kind] = (omitted[e.kind] ?? 0) + 1;
  }
  return {
    step: before.step,
    next,
    line: before.line,
    func: before.func,
    events,
    objects: objectsOf(events, before, after, recorder),
    omitted,
    truncated: before.truncated || after.truncated,
  };
}

/** Links, unlinks and refcount changes, object by object (in the later snapshot's order). */
export function referenceEvents(before: Snapshot, after: Snapshot, recorder: StepEventRecorder): StepEvent[] {
  const keysA = edgeKeys(before);
  const keysB = edgeKeys(after);
  const setA = new Set(keysA);
  const setB = new Set(keysB);
  const byTarget = new Map<ObjectId, { added: SnapshotEdge[]; removed: SnapshotEdge[] }>();
  const entry = (id: ObjectId) => {
    let e = byTarget.get(id);
    if (e === undefined) byTarget.set(id, (e = { added: [], removed: [] }));
    return e;
  };
  before.edges.forEach((e, i) => {
    if (!setB.has(keysA[i])) entry(e.to).removed.push(e);
  });
  after.edges.forEach((e, i) => {
    if (!setA.has(keysB[i])) entry(e.to).added.push(e);
  });
  const objectsA = new Map(before.objects.map((o) => [o.id, o]));
  const objectsB = new Map(after.objects.map((o) => [o.id, o]));
  const order: ObjectId[] = [...after.objects.map((o) => o.id)];
  for (const o of before.objects) if (!objectsB.has(o.id)) order.push(o.id);
  for (const id of byTarget.keys()) if (!objectsA.has(id) && !objectsB.has(id)) order.push(id);

  const out: StepEvent[] = [];
  const edgeEvent = (kind: 'link' | 'unlink', e: SnapshotEdge, s: Snapshot): StepEvent => {
    const event: ReferenceEvent<'link' | 'unlink'> = { kind, to: e.to, from: e.from, label: e.label };
    if (typeof e.from === 'string')
      event.frame = s.frames[Number(e.from.slice('frame:'.length))]?.name ?? '?';
    if (e.weak) event.weak = true;
    if (e.temporary) event.temporary = true;
    return event as StepEvent;
  };
  for (const id of order) {
    const changes = byTarget.get(id);
    const a = objectsA.get(id);
    const b = objectsB.get(id);
    const removed = changes?.removed ?? [];
    const added = changes?.added ?? [];
    for (const e of removed) out.push(edgeEvent('unlink', e, before));
    for (const e of added) out.push(edgeEvent('link', e, after));
    const explained = added.filter((e) => !e.weak).length - removed.filter((e) => !e.weak).length;
    // Shared objects (None, small ints, interned strings) are referenced from everywhere:
    // only the references to them from the snapshot's objects and frames are told.
    if (a?.shared || b?.shared) continue;
    const beforeCount = a?.refcount ?? (recorder.allocated.has(id) ? 0 : null);
    const afterCount = b?.refcount ?? (recorder.died.has(id) ? 0 : null);
    if (beforeCount === afterCount && explained === 0) continue;
    const unexplained =
      beforeCount === null || afterCount === null ? null : afterCount - beforeCount - explained;
    if (beforeCount === afterCount && unexplained === 0) continue;
    out.push({
      kind: 'refcount',
      id,
      before: a?.refcount ?? null,
      after: b?.refcount ?? null,
      unexplained,
    });
  }
  return out;
}

function objectsOf(
  events: StepEvent[],
  before: Snapshot,
  after: Snapshot,
  recorder: StepEventRecorder,
): StepEventObject[] {
  const a = new Map(before.objects.map((o) => [o.id, o]));
  const b = new Map(after.objects.map((o) => [o.id, o]));
  const out = new Map<ObjectId, StepEventObject>();
  const add = (id: ObjectId | string) => {
    if (typeof id !== 'number' || out.has(id)) return;
    const known = b.get(id) ?? a.get(id);
    const seen = recorder.seen.get(id);
    // An object of a collection's phase that neither snapshot lists (startup's): only counted.
    if (known === undefined && seen === undefined) return;
    out.set(id, {
      id,
      type: known?.type ?? seen?.type ?? '?',
      label: known?.label ?? seen?.type ?? '?',
      address: known?.address ?? seen?.address ?? 0,
      before: a.has(id),
      after: b.has(id),
    });
  };
  for (const e of events) {
    switch (e.kind) {
      case 'allocate':
      case 'reborn':
      case 'free':
      case 'to-freelist':
      case 'finalize':
      case 'weakref-callback':
      case 'refcount':
        add(e.id);
        break;
      case 'weakref-cleared':
        add(e.id);
        add(e.referent);
        break;
      case 'gc-phase':
        for (const id of e.objects) add(id);
        break;
      case 'link':
      case 'unlink':
        add(e.from);
        add(e.to);
        break;
      default:
        break;
    }
  }
  return [...out.values()];
}
