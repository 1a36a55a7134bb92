/**
 * Memory over time: a few numbers per trace step for the whole run, kept as running totals
 * that the allocator updates (memory/memory-observer.ts), never by walking the heap. Each
 * number is a channel that stores only the steps where it changed, so a step where nothing was
 * allocated or freed costs a few comparisons and no bytes.
 *
 * What is counted starts at the program's first step (objects made before belong to the
 * interpreter's startup and to the compiler):
 * - `bytes`: the bytes of every block requested since then and not freed yet, as tracemalloc
 *   counts them (request sizes: objects with their buffers, and the dead objects free lists
 *   keep);
 * - `blocks`: pymalloc blocks in use (all of them, startup's included);
 * - `objects` and one channel per type: objects made since then and alive (an object kept by a
 *   free list is dead);
 * - `sizeof`: the sum of sys.getsizeof over those same objects (trace/object-size.ts: the
 *   type's own size, GC head included, as the snapshot's `size`). An object's size is read at
 *   the end of the step that made it (it is often filled in after it is allocated), and again
 *   at the end of a step where the allocator said it changed (objectResized: a list's array,
 *   a dict's keys, a str resized in place…);
 * - `gc0`…`gc2`: `gc.get_count()`.
 * Snapshot runs use the same recorder for the line that allocated each object (the memory
 * profile); see trace/memory-detail.ts.
 */
import type { PyObject, PyType } from '../objects/object';
import { rt } from '../vm/runtime';
import { setMemoryObserver, type MemoryObserver } from '../memory/memory-observer';
import type { TraceEvent } from '../index';
import { AddressTable } from './address-table';
import { sizeOf } from './object-size';

/** One number over the run: `values[i]` holds from step `steps[i]` until the next change. */
export interface MemoryChannel {
  name: string;
  steps: Uint32Array;
  values: Uint32Array;
}

export const enum MemoryEventKind {
  /** A `__del__` method was called (its `call` step). */
  Finalizer = 0,
  /** A weakref callback was called (the first step after it). */
  WeakrefCallback = 1,
}

export interface MemorySeries {
  stepCount: number;
  /** `bytes`, `blocks`, `objects`, `gc0`, `gc1`, `gc2`, `sizeof`. */
  channels: MemoryChannel[];
  /** Live objects per type (the type's name as the snapshot gives it). */
  types: MemoryChannel[];
  events: { steps: Uint32Array; kinds: Uint8Array };
  /** Every collection, at the first step that shows its effect (CollectionReport.step). */
  collections: {
    steps: Uint32Array;
    generations: Uint8Array;
    collected: Uint32Array;
    uncollectable: Uint32Array;
    /** 0 automatic, 1 gc.collect(), 2 the interpreter's at exit (after the module returned). */
    manual: Uint8Array;
  };
}

export const MEMORY_CHANNELS = ['bytes', 'blocks', 'objects', 'gc0', 'gc1', 'gc2', 'sizeof'] as const;

const U32_MAX = 0xffff_ffff;

/** A channel being recorded: appends a (step, value) pair when the value changes. */
class ChannelRecorder {
  steps = new Uint32Array(256);
  values = new Uint32Array(256);
  length = 0;
  private last = -1;

  constructor(readonly name: string) {}

  record(step: number, value: number): void {
    const v = value < 0 ? 0 : value > U32_MAX ? U32_MAX : value;
    if (v === this.last) return;
    this.last = v;
    if (this.length === this.steps.length) {
      this.steps = grow(this.steps);
      this.values = grow(this.values);
    }
    this.steps[this.length] = step;
    this.values[this.length++] = v;
  }

  finish(): MemoryChannel {
    return {
      name: this.name,
      steps: this.steps.slice(0, this.length),
      values: this.values.slice(0, this.length),
    };
  }
}

/** The address of an object's block (its pre-header first): the key of its size. */
function blockOf(o: PyObject): number {
  return o.addr - o.type.preheaderSize;
}

function grow<T extends Uint32Array | Uint8Array | Int32Array>(a: T): T {
  const bigger = new (a.constructor as new (n: number) => T)(a.length * 2);
  bigger.set(a);
  return bigger;
}

export interface MemoryRecorderOptions {
  /** Record the per-step series (the main run). */
  series: boolean;
  /** Record the line that allocated each object (snapshot runs: the memory profile). */
  lines: boolean;
}

let active: MemoryRecorder | null = null;

/** The recorder of the current run, if it records (for the snapshot's memory detail). */
export function activeMemoryRecorder(): MemoryRecorder | null {
  return active;
}

/**
 * Starts recording for the run about to start (or stops a previous run's recorder when
 * neither option is on). Returns the recorder, which starts counting at its first step.
 */
export function startMemoryRecording(options: MemoryRecorderOptions): MemoryRecorder | null {
  setMemoryObserver(null);
  active = options.series || options.lines ? new MemoryRecorder(options) : null;
  return active;
}

export class MemoryRecorder implements MemoryObserver {
  private readonly series: boolean;
  private readonly lines: boolean;
  /** Births before the first step: those objects are not counted. */
  private base = -1;

  // tracemalloc-like traced blocks: address → request size.
  private readonly traced = new AddressTable((n) => new Uint32Array(n));
  private bytes = 0;

  private readonly typeIndex = new Map<PyType, number>();
  private readonly nameIndex = new Map<string, number>();
  private counts = new Int32Array(64);
  private dirty = new Uint8Array(64);
  /** Types whose count changed since the last step: dirtyList[0 … dirtyCount). */
  private dirtyList = new Int32Array(64);
  private dirtyCount = 0;
  private readonly typeChannels: ChannelRecorder[] = [];
  private objects = 0;
  /** The object a free list just gave up: reborn next, or freed by clear_freelists. */
  private popped: PyObject | null = null;
  /** The slice kept in interp->slice_cache counts as dead (the cache calls no hook). */
  private sliceIndex = -1;
  private cachedSlice: PyObject | null = null;

  // sys.getsizeof of the live objects born since the first step.
  /**
   * Each counted object's size when last read, by its block's address (a Map keyed by the
   * objects costs several times more). Objects made during the current step are not in it yet.
   */
  private readonly sizes = new AddressTable((n) => new Uint32Array(n));
  /**
   * Objects made (or reborn) during the current step: the one of serial stepBirths + 1 + i
   * at i (every birth is reported), null once dead.
   */
  private readonly newborns: (PyObject | null)[] = [];
  private stepBirths = 0;
  /**
   * Objects read at a step inside an automatic collection (gc.callbacks, __del__ and weakref
   * callbacks run Python code there), with their serials: the object whose allocation started
   * the collection is not filled in yet, so each is read again at the first step after it.
   */
  private readonly provisional: PyObject[] = [];
  private readonly provisionalSerials: number[] = [];
  /** Objects whose size may have changed during the current step (repeats do no harm). */
  private readonly resized: PyObject[] = [];
  private liveSize = 0;
  /**
   * The realloc just made (block addresses; movedTo 0 once anything else is allocated or freed):
   * a str or tuple resized in place may have moved.
   */
  private movedFrom = 0;
  private movedTo = 0;
  /**
   * The split dicts over each class's shared keys (with their serials: a dead or reborn one is
   * skipped), to read again when their size may change (sharedKeysChanged).
   */
  private readonly splitDicts = new Map<object, { dicts: PyObject[]; serials: number[]; kept: number }>();

  private readonly channels = MEMORY_CHANNELS.map((name) => new ChannelRecorder(name));
  // The channels by name (destructuring `channels` at every step costs more than the step).
  private readonly bytesChannel = this.channels[0];
  private readonly blocksChannel = this.channels[1];
  private readonly objectsChannel = this.channels[2];
  private readonly gcChannels = this.channels.slice(3, 6);
  private readonly sizeofChannel = this.channels[6];
  private eventSteps = new Uint32Array(64);
  private eventKinds = new Uint8Array(64);
  private eventCount = 0;
  /** The step where the module returned: collections after it are the interpreter's at exit. */
  private moduleEnd = Infinity;

  /** Allocating line of each object born since the first step, by serial − base − 1. */
  private birthLines = new Int32Array(0);
  /** Block address → the last object freed there: step × 2^16 + its type's index. */
  private readonly lastFreed = new AddressTable((n) => new Float64Array(n));

  constructor(options: MemoryRecorderOptions) {
    this.series = options.series;
    this.lines = options.lines;
    if (this.lines) this.birthLines = new Int32Array(1024);
  }

  /** Called at every trace step, before any snapshot of that step is taken. */
  step(step: number, event: TraceEvent, func: string): void {
    if (this.base < 0) {
      // The program's first step: from here on the allocator reports to this recorder.
      this.base = rt.births;
      this.stepBirths = rt.births;
      setMemoryObserver(this);
    }
    if (!this.series) return;
    this.bytesChannel.record(step, this.bytes);
    this.blocksChannel.record(step, rt.heap.blocksInUse);
    const count = rt.gc.count;
    const gc = this.gcChannels;
    gc[0].record(step, count[0]);
    gc[1].record(step, count[1]);
    gc[2].record(step, count[2]);
    const slice = rt.sliceCache !== null && rt.sliceCache.serial > this.base ? rt.sliceCache : null;
    if (slice !== this.cachedSlice) {
      this.cachedSlice = slice;
      if (this.sliceIndex < 0 && slice !== null) this.sliceIndex = this.indexOf(slice.type);
      if (this.sliceIndex >= 0) this.markDirty(this.sliceIndex);
    }
    this.objectsChannel.record(step, this.objects - (slice !== null ? 1 : 0));
    this.settleSizes();
    const sliceSize = slice !== null ? Math.max(0, this.sizes.get(blockOf(slice))) : 0;
    this.sizeofChannel.record(step, this.liveSize - sliceSize);
    const dirty = this.dirtyList;
    for (let i = 0; i < this.dirtyCount; i++) {
      const t = dirty[i];
      this.dirty[t] = 0;
      const cached = t === this.sliceIndex && slice !== null ? 1 : 0;
      this.typeChannels[t].record(step, this.counts[t] - cached);
    }
    this.dirtyCount = 0;
    if (event === 'call' && func === '__del__') this.event(step, MemoryEventKind.Finalizer);
    else if (event === 'return' && func === '<module>') this.moduleEnd = step;
  }

  /** The series of a run that reached `stepCount` steps. */
  finish(stepCount: number): MemorySeries | undefined {
    if (active === this) active = null;
    setMemoryObserver(null);
    if (!this.series) return undefined;
    const last = Math.max(0, stepCount - 1);
    const reports = rt.gc.reports;
    const n = reports.length;
    const collections = {
      steps: new Uint32Array(n),
      generations: new Uint8Array(n),
      collected: new Uint32Array(n),
      uncollectable: new Uint32Array(n),
      manual: new Uint8Array(n),
    };
    reports.forEach((r, i) => {
      collections.steps[i] = Math.min(r.step, last);
      collections.generations[i] = r.generation;
      collections.collected[i] = r.collected;
      collections.uncollectable[i] = r.uncollectable;
      collections.manual[i] = !r.manual ? 0 : r.step > this.moduleEnd ? 2 : 1;
    });
    const steps = this.eventSteps.slice(0, this.eventCount);
    for (let i = 0; i < steps.length; i++) steps[i] = Math.min(steps[i], last);
    return {
      stepCount,
      channels: this.channels.map((c) => c.finish()),
      types: this.typeChannels.map((c) => c.finish()),
      events: { steps, kinds: this.eventKinds.slice(0, this.eventCount) },
      collections,
    };
  }

  /** The line (1-based; 0 before the first) that allocated the object with this serial. */
  birthLine(serial: number): number | undefined {
    const i = serial - this.base - 1;
    return this.base >= 0 && i >= 0 && i < this.birthLines.length ? this.birthLines[i] : undefined;
  }

  /** The last object freed in the block at `address` (snapshot runs), if any since the first step. */
  lastFreedAt(address: number): { step: number; type: string } | undefined {
    const packed = this.lastFreed.get(address);
    if (packed < 0) return undefined;
    const type = packed % 65536;
    return { step: (packed - type) / 65536, type: this.typeChannels[type].name };
  }

  // ------------------------------------------------------------ MemoryObserver

  objectAllocated(o: PyObject): void {
    if (this.series) {
      this.count(o.type, 1);
      this.newborns.push(o);
    }
    if (this.lines) this.noteLine(o.serial);
  }

  objectReborn(o: PyObject): void {
    if (this.popped === o) this.popped = null;
    if (this.series) {
      this.count(o.type, 1);
      this.newborns.push(o);
    }
    if (this.lines) this.noteLine(o.serial);
  }

  objectFreed(o: PyObject): void {
    if (this.lines)
      this.lastFreed.set(o.addr - o.type.preheaderSize, rt.steps * 65536 + this.indexOf(o.type));
    if (this.popped === o) {
      // Dead already: it was counted when the free list took it.
      this.popped = null;
      return;
    }
    if (this.series && o.serial > this.base) {
      this.count(o.type, -1);
      this.forgetSize(o);
    }
  }

  freelistPush(o: PyObject): void {
    if (this.series && o.serial > this.base) {
      this.count(o.type, -1);
      this.forgetSize(o);
    }
  }

  objectResized(o: PyObject): void {
    if (!this.series || o.serial > this.stepBirths) return; // made this step: read at its end
    const at = blockOf(o);
    if (at === this.movedTo && this.movedFrom !== at) {
      // Its block moved (the realloc just before this call, nothing allocated or freed since): so does its entry.
      const size = this.sizes.take(this.movedFrom);
      if (size !== -1) this.sizes.set(at, size);
    }
    this.movedTo = 0;
    this.resized.push(o);
  }

  splitDict(d: PyObject, keys: object): void {
    if (!this.series) return;
    let split = this.splitDicts.get(keys);
    if (split === undefined) this.splitDicts.set(keys, (split = { dicts: [], serials: [], kept: 8 }));
    split.dicts.push(d);
    split.serials.push(d.serial);
    if (split.dicts.length > 2 * split.kept) split.kept = Math.max(8, this.pruneSplit(split));
  }

  sharedKeysChanged(keys: object): void {
    const split = this.splitDicts.get(keys);
    if (split === undefined) return;
    const { dicts, serials } = split;
    for (let i = 0; i < dicts.length; i++) {
      const d = dicts[i];
      if (d.refcnt > 0 && d.serial === serials[i]) this.objectResized(d);
    }
    if (this.pruneSplit(split) === 0) this.splitDicts.delete(keys);
  }

  freelistPop(o: PyObject): void {
    this.popped = o;
  }

  malloc(address: number, nbytes: number): void {
    if (!this.series) return;
    this.traced.set(address, Math.min(nbytes, U32_MAX - 1));
    this.bytes += nbytes;
    this.movedTo = 0;
  }

  free(address: number): void {
    if (!this.series) return;
    const n = this.traced.take(address);
    if (n >= 0) this.bytes -= n; // else allocated before the first step
    this.movedTo = 0;
  }

  realloc(from: number, to: number, nbytes: number): void {
    if (!this.series) return;
    this.free(from);
    this.malloc(to, nbytes);
    this.movedFrom = from;
    this.movedTo = to;
  }

  weakrefCallback(): void {
    if (this.series) this.event(rt.steps, MemoryEventKind.WeakrefCallback);
  }

  // ------------------------------------------------------------ internals

  /** The end of a step: reads the sizes of the objects it made and of those it resized. */
  private settleSizes(): void {
    const sizes = this.sizes;
    const resized = this.resized;
    const collecting = rt.gc.collecting;
    const provisional = this.provisional;
    if (!collecting && provisional.length > 0) {
      for (let i = 0; i < provisional.length; i++) {
        const o = provisional[i];
        if (o.refcnt > 0 && o.serial === this.provisionalSerials[i]) resized.push(o);
      }
      provisional.length = 0;
      this.provisionalSerials.length = 0;
    }
    if (resized.length > 0) {
      for (let i = 0; i < resized.length; i++) {
        const o = resized[i];
        const at = blockOf(o);
        const old = sizes.get(at);
        if (old < 0) continue; // not counted, or dead
        const size = sizeOf(o);
        this.liveSize += size - old;
        sizes.set(at, size);
      }
      resized.length = 0;
    }
    const newborns = this.newborns;
    if (newborns.length > 0) {
      for (let i = 0; i < newborns.length; i++) {
        const o = newborns[i];
        if (o === null) continue; // died in its birth step
        const size = sizeOf(o);
        this.liveSize += size;
        sizes.set(blockOf(o), size);
        if (collecting) {
          provisional.push(o);
          this.provisionalSerials.push(o.serial);
        }
      }
      newborns.length = 0;
    }
    this.stepBirths = rt.births;
  }

  /** Drops the dead (or reborn) dicts of a class's list; returns how many are left. */
  private pruneSplit(split: { dicts: PyObject[]; serials: number[] }): number {
    const { dicts, serials } = split;
    let n = 0;
    for (let i = 0; i < dicts.length; i++) {
      if (dicts[i].refcnt > 0 && dicts[i].serial === serials[i]) {
        dicts[n] = dicts[i];
        serials[n++] = serials[i];
      }
    }
    dicts.length = n;
    serials.length = n;
    return n;
  }

  /** The object died: its size leaves the total. */
  private forgetSize(o: PyObject): void {
    const i = o.serial - this.stepBirths - 1;
    if (i >= 0) {
      this.newborns[i] = null;
      return;
    }
    const size = this.sizes.take(blockOf(o));
    if (size > 0) this.liveSize -= size;
  }

  private count(type: PyType, delta: number): void {
    const i = this.indexOf(type);
    this.counts[i] += delta;
    this.objects += delta;
    this.markDirty(i);
  }

  private markDirty(i: number): void {
    if (this.dirty[i] === 0) {
      this.dirty[i] = 1;
      this.dirtyList[this.dirtyCount++] = i;
    }
  }

  private indexOf(type: PyType): number {
    let i = this.typeIndex.get(type);
    if (i !== undefined) return i;
    const name = type.isHeapType ? type.qualname : type.name;
    i = this.nameIndex.get(name);
    if (i === undefined) {
      i = this.typeChannels.length;
      this.nameIndex.set(name, i);
      this.typeChannels.push(new ChannelRecorder(name));
      if (i === this.counts.length) {
        this.counts = grow(this.counts);
        this.dirty = grow(this.dirty);
        this.dirtyList = grow(this.dirtyList);
      }
    }
    this.typeIndex.set(type, i);
    return i;
  }

  private noteLine(serial: number): void {
    const i = serial - this.base - 1;
    if (i < 0) return;
    while (i >= this.birthLines.length) this.birthLines = grow(this.birthLines);
    let f = rt.frame;
    // The innermost frame of the person's file: bundled modules' lines mean nothing to them.
    while (f !== null && !f.traced) f = f.previous;
    this.birthLines[i] = f === null ? 0 : f.currentLine();
  }

  private event(step: number, kind: MemoryEventKind): void {
    if (this.eventCount === this.eventSteps.length) {
      this.eventSteps = grow(this.eventSteps);
      this.eventKinds = grow(this.eventKinds);
    }
    this.eventSteps[this.eventCount] = step;
    this.eventKinds[this.eventCount++] = kind;
  }
}
