/**
 * The generational cyclic garbage collector of CPython 3.11.
 * @cpython Modules/gcmodule.c, Include/internal/pycore_gc.h
 *
 * Objects are tracked in three generation lists (intrusive doubly linked lists through
 * PyObject.gcNext/gcPrev). gc_collect_main reads like the C function: update counts,
 * merge younger generations, deduce_unreachable, untrack tuples, promote survivors,
 * handle weakrefs, finalize (PEP 442), handle resurrection, delete garbage (tp_clear).
 * Each collection produces a CollectionReport for the lab's views.
 */
import { GCFlag, PyObject, decref, incref, setTraverseLabels, type PyType } from '../objects/object';
import { GC_THRESHOLDS, STARTUP_LONG_LIVED_TOTAL } from '../profiles/cpython311';
import { objectId } from './alloc';
import { memoryObserver } from './memory-observer';
import { findCycles } from '../trace/cycles';

export const NUM_GENERATIONS = 3;

export const enum GCDebug {
  STATS = 1,
  COLLECTABLE = 2,
  UNCOLLECTABLE = 4,
  SAVEALL = 32,
  LEAK = 2 | 4 | 32,
}

/** What the collector did, phase by phase (the graph view animates it). */
export interface CollectionReport {
  generation: number;
  collected: number;
  uncollectable: number;
  /** The trace step during which it ran. */
  step: number;
  /** objectId()s of the objects found unreachable by the first deduce_unreachable. */
  unreachable: number[];
  /** Reference cycles among them (objectId()s), when phases are recorded. */
  cycles: number[][];
  phases: { name: string; objects: number[] }[];
  /** True when gc.collect() asked for it, false for an automatic collection. */
  manual: boolean;
}

/** Hooks into the rest of the engine that the collector needs but does not own. */
export interface GCHooks {
  /** _PyTuple_MaybeUntrack / _PyDict_MaybeUntrack. */
  maybeUntrackTuple(o: PyObject): void;
  maybeUntrackDict(o: PyObject): void;
  isExactTuple(o: PyObject): boolean;
  isExactDict(o: PyObject): boolean;
  isWeakref(o: PyObject): boolean;
  /** Clears a weakref without calling its callback (_PyWeakref_ClearRef). */
  clearWeakref(wr: PyObject): void;
  /** The weakrefs to `o`, in list order. */
  weakrefsOf(o: PyObject): PyObject[];
  weakrefCallback(wr: PyObject): PyObject | null;
  /** Calls callback(wr), reporting (not raising) any exception. */
  callWeakrefCallback(callback: PyObject, wr: PyObject): void;
  /** gc.callbacks entries called with (phase, info). */
  invokeCallbacks(
    phase: 'start' | 'stop',
    generation: number,
    collected: number,
    uncollectable: number,
  ): void;
  appendGarbage(o: PyObject): void;
  clearFreelists(): void;
  /** Whether an exception is being raised right now (no automatic collection then). */
  errorOccurred(): boolean;
  onCollection?(report: CollectionReport): void;
  /** The number of trace steps so far, to place a collection on the timeline. */
  currentStep(): number;
}

/** What `o` refers to, as its tp_traverse reports it. */
function referentsOf(o: PyObject): PyObject[] {
  const out: PyObject[] = [];
  o.type.tp_traverse?.(o, (r) => out.push(r));
  return out;
}

/** A generation's list head: a sentinel object that links to itself when empty. */
class GCList extends PyObject {
  constructor() {
    super(null as unknown as PyType);
    this.gcNext = this.gcPrev = this;
  }
}

function listInit(list: PyObject): void {
  list.gcNext = list.gcPrev = list;
}
function listIsEmpty(list: PyObject): boolean {
  return list.gcNext === list;
}
function listAppend(node: PyObject, list: PyObject): void {
  const last = list.gcPrev!;
  last.gcNext = node;
  node.gcPrev = last;
  node.gcNext = list;
  list.gcPrev = node;
}
function listRemove(node: PyObject): void {
  node.gcPrev!.gcNext = node.gcNext;
  node.gcNext!.gcPrev = node.gcPrev;
  node.gcNext = node.gcPrev = null;
}
function listMove(node: PyObject, list: PyObject): void {
  node.gcPrev!.gcNext = node.gcNext;
  node.gcNext!.gcPrev = node.gcPrev;
  listAppend(node, list);
}
/** Appends all of `from` to `to`, leaving `from` empty. */
function listMerge(from: PyObject, to: PyObject): void {
  if (listIsEmpty(from)) return;
  const tail = to.gcPrev!;
  tail.gcNext = from.gcNext;
  from.gcNext!.gcPrev = tail;
  to.gcPrev = from.gcPrev;
  from.gcPrev!.gcNext = to;
  listInit(from);
}
function listSize(list: PyObject): number {
  let n = 0;
  for (let g = list.gcNext!; g !== list; g = g.gcNext!) n++;
  return n;
}
function listObjects(list: PyObject): PyObject[] {
  const out: PyObject[] = [];
  for (let g = list.gcNext!; g !== list; g = g.gcNext!) out.push(g);
  return out;
}

export interface GenerationStats {
  collections: number;
  collected: number;
  uncollectable: number;
}

export class GCState {
  readonly generations = [new GCList(), new GCList(), new GCList()];
  readonly permanent = new GCList();
  /** gc.get_count() when the first line of a small script runs under CPython 3.11.7. */
  count = [248, 0, 2];
  threshold = [...GC_THRESHOLDS];
  enabled = true;
  debug = 0;
  collecting = false;
  /**
   * CPython has run no full collection when the script starts (gc.get_stats()), so the
   * first automatic full collection is not postponed by the 25 % rule.
   */
  longLivedTotal = 0;
  longLivedPending = 0;
  readonly stats: GenerationStats[] = [0, 1, 2].map(() => ({
    collections: 0,
    collected: 0,
    uncollectable: 0,
  }));
  /** Reports of every collection so far, oldest first. */
  readonly reports: CollectionReport[] = [];
  /** Record object addresses for each phase (the timeline turns this on). */
  recordPhases = false;

  constructor(readonly hooks: GCHooks) {}

  // ------------------------------------------------------------- tracking

  /** _PyObject_GC_TRACK: append at the tail of generation 0. */
  track(o: PyObject): void {
    if (o.gcNext !== null) return;
    listAppend(o, this.generations[0]);
  }

  /** PyObject_GC_UnTrack (safe on an untracked object). */
  untrack(o: PyObject): void {
    if (o.gcNext !== null) listRemove(o);
  }

  /**
   * _PyObject_GC_Link: every new GC allocation counts, and may start an automatic
   * collection before the new object is tracked.
   */
  link(): void {
    this.count[0]++;
    if (
      this.count[0] > this.threshold[0] &&
      this.enabled &&
      this.threshold[0] !== 0 &&
      !this.collecting &&
      !this.hooks.errorOccurred()
    ) {
      this.collecting = true;
      try {
        this.collectGenerations();
      } finally {
        this.collecting = false;
      }
    }
  }

  /** PyObject_GC_Del's bookkeeping: freeing a GC object lowers generation 0's count. */
  unlink(): void {
    if (this.count[0] > 0) this.count[0]--;
  }

  generationOf(o: PyObject): number | undefined {
    if (o.gcNext === null) return undefined;
    let g: PyObject = o;
    // Walk to the list head; heads are the GCList sentinels.
    while (!(g instanceof GCList)) g = g.gcNext!;
    const index = this.generations.indexOf(g);
    return index >= 0 ? index : undefined;
  }

  objectsIn(generation: number): PyObject[] {
    const out: PyObject[] = [];
    const head = this.generations[generation];
    for (let g = head.gcNext!; g !== head; g = g.gcNext!) out.push(g);
    return out;
  }

  sizeOf(generation: number): number {
    return listSize(this.generations[generation]);
  }

  /** Moves every tracked object to the oldest generation (what startup's collections did). */
  promoteAllToOldest(): void {
    for (let i = 0; i < NUM_GENERATIONS - 1; i++)
      listMerge(this.generations[i], this.generations[NUM_GENERATIONS - 1]);
  }

  freeze(): void {
    for (let i = 0; i < NUM_GENERATIONS; i++) {
      listMerge(this.generations[i], this.permanent);
      this.count[i] = 0;
    }
  }

  unfreeze(): void {
    listMerge(this.permanent, this.generations[NUM_GENERATIONS - 1]);
  }

  freezeCount(): number {
    return listSize(this.permanent);
  }

  // ---------------------------------------------------------- collecting

  /** gc.collect(generation): ignores thresholds; 0 when a collection is running. */
  collectManual(generation: number): number {
    if (this.collecting) return 0;
    this.collecting = true;
    try {
      return this.collectWithCallback(generation, true);
    } finally {
      this.collecting = false;
    }
  }

  /**
   * The oldest generation over its threshold is collected with all younger ones; a full
   * collection waits until the objects promoted since the last one are 25 % of the rest.
   * @cpython Modules/gcmodule.c gc_collect_generations
   */
  private collectGenerations(): number {
    for (let i = NUM_GENERATIONS - 1; i >= 0; i--) {
      if (this.count[i] > this.threshold[i]) {
        if (i === NUM_GENERATIONS - 1 && this.longLivedPending < Math.floor(this.longLivedTotal / 4))
          continue;
        return this.collectWithCallback(i, false);
      }
    }
    return 0;
  }

  private collectWithCallback(generation: number, manual: boolean): number {
    this.hooks.invokeCallbacks('start', generation, 0, 0);
    const report = this.collectMain(generation, manual);
    this.hooks.invokeCallbacks('stop', generation, report.collected, report.uncollectable);
    return report.collected + report.uncollectable;
  }

  /** @cpython Modules/gcmodule.c gc_collect_main */
  collectMain(generation: number, manual: boolean): CollectionReport {
    const record = this.recordPhases;
    memoryObserver?.gcStart?.(generation, manual);
    const phases: { name: string; objects: number[] }[] = [];
    const note = (name: string, list: PyObject) => {
      if (record) phases.push({ name, objects: listObjects(list).map(objectId) });
      if (record) memoryObserver?.gcPhase?.(name, phases[phases.length - 1].objects);
    };

    if (generation + 1 < NUM_GENERATIONS) this.count[generation + 1] += 1;
    for (let i = 0; i <= generation; i++) this.count[i] = 0;
    for (let i = 0; i < generation; i++) listMerge(this.generations[i], this.generations[generation]);

    const young = this.generations[generation];
    const old = generation < NUM_GENERATIONS - 1 ? this.generations[generation + 1] : young;
    note('candidates', young);

    const unreachable = new GCList();
    this.deduceUnreachable(young, unreachable);
    const unreachableObjects = record ? listObjects(unreachable) : [];
    const cycles = findCycles(unreachableObjects, referentsOf).map((c) => c.map(objectId));
    note('unreachable', unreachable);

    this.untrackTuples(young);
    if (young !== old) {
      if (generation === NUM_GENERATIONS - 2) this.longLivedPending += listSize(young);
      listMerge(young, old);
    } else {
      this.untrackDicts(young);
      this.longLivedPending = 0;
      // Startup objects stay in generation 2 for the whole run.
      this.longLivedTotal = listSize(young) + STARTUP_LONG_LIVED_TOTAL;
    }

    // A Python class's __del__ is tp_finalize, never a legacy tp_del: `finalizers` stays
    // empty unless a builtin with tp_del appears (none in the engine).
    const finalizers = new GCList();
    for (let g = unreachable.gcNext!; g !== unreachable; g = g.gcNext!) g.gcFlags &= ~GCFlag.UNREACHABLE;

    let m = this.handleWeakrefs(unreachable, old);
    note('weakrefs handled', unreachable);

    this.finalizeGarbage(unreachable);
    note('finalized', unreachable);

    const finalUnreachable = new GCList();
    this.handleResurrectedObjects(unreachable, finalUnreachable, old);
    note('still unreachable', finalUnreachable);

    m += listSize(finalUnreachable);
    this.deleteGarbage(finalUnreachable, old);

    const n = listSize(finalizers);
    this.handleLegacyFinalizers(finalizers, old);

    if (generation === NUM_GENERATIONS - 1) this.hooks.clearFreelists();

    const stats = this.stats[generation];
    stats.collections++;
    stats.collected += m;
    stats.uncollectable += n;

    const report: CollectionReport = {
      generation,
      collected: m,
      uncollectable: n,
      step: this.hooks.currentStep(),
      unreachable: unreachableObjects.map(objectId),
      cycles,
      phases,
      manual,
    };
    this.reports.push(report);
    memoryObserver?.gcEnd?.(generation, m, n);
    this.hooks.onCollection?.(report);
    return report;
  }

  /**
   * Copies each refcount into gc_refs, subtracts the references that come from inside
   * the set, and moves what is left at zero (and not reachable from anything above
   * zero) to `unreachable`.
   *
   * Contracts: `base` is a plain list; `unreachable` is empty. IMPORTANT: afterwards the
   * objects in `unreachable` still carry GCFlag.UNREACHABLE and GCFlag.COLLECTING.
   * @cpython Modules/gcmodule.c deduce_unreachable
   */
  private deduceUnreachable(base: PyObject, unreachable: PyObject): void {
    // No Python code runs in here: the traversals need no labels.
    const labels = setTraverseLabels(false);
    try {
      this.deduceUnreachableUnlabelled(base, unreachable);
    } finally {
      setTraverseLabels(labels);
    }
  }

  private deduceUnreachableUnlabelled(base: PyObject, unreachable: PyObject): void {
    // update_refs
    for (let g = base.gcNext!; g !== base; g = g.gcNext!) {
      g.gcRefs = g.refcnt;
      g.gcFlags |= GCFlag.COLLECTING;
    }
    // subtract_refs
    const visitDecref = (op: PyObject) => {
      if (op.gcFlags & GCFlag.COLLECTING) op.gcRefs--;
    };
    for (let g = base.gcNext!; g !== base; g = g.gcNext!) g.type.tp_traverse!(g, visitDecref);
    this.moveUnreachable(base, unreachable);
  }

  /** @cpython Modules/gcmodule.c move_unreachable */
  private moveUnreachable(young: PyObject, unreachable: PyObject): void {
    const visitReachable = (op: PyObject) => {
      if (!(op.gcFlags & GCFlag.COLLECTING)) return;
      if (op.gcFlags & GCFlag.UNREACHABLE) {
        // Found reachable after all: back to young, to be scanned when the walk gets there.
        op.gcFlags &= ~GCFlag.UNREACHABLE;
        listMove(op, young);
        op.gcRefs = 1;
      } else if (op.gcRefs === 0) {
        op.gcRefs = 1;
      }
    };
    let g = young.gcNext!;
    while (g !== young) {
      const next = g.gcNext!;
      if (g.gcRefs > 0) {
        g.type.tp_traverse!(g, visitReachable);
        g.gcFlags &= ~GCFlag.COLLECTING;
        // tp_traverse may have appended to young: `next` is read after it returns.
        g = g.gcNext!;
      } else {
        listMove(g, unreachable);
        g.gcFlags |= GCFlag.UNREACHABLE;
        g = next;
      }
    }
  }

  private untrackTuples(head: PyObject): void {
    for (let g = head.gcNext!; g !== head;) {
      const next = g.gcNext!;
      if (this.hooks.isExactTuple(g)) this.hooks.maybeUntrackTuple(g);
      g = next;
    }
  }

  private untrackDicts(head: PyObject): void {
    for (let g = head.gcNext!; g !== head;) {
      const next = g.gcNext!;
      if (this.hooks.isExactDict(g)) this.hooks.maybeUntrackDict(g);
      g = next;
    }
  }

  /**
   * Clears every weakref to an unreachable object. Callbacks of weakrefs that are not
   * garbage themselves run only after ALL of them are cleared, so that no callback can
   * reach an object in the unreachable set through a weakref (bpo-38006).
   * Returns the number of such weakrefs that died in their own callback.
   * @cpython Modules/gcmodule.c handle_weakrefs
   */
  private handleWeakrefs(unreachable: PyObject, old: PyObject): number {
    const hooks = this.hooks;
    const toCall = new GCList();
    for (let g = unreachable.gcNext!; g !== unreachable;) {
      const next = g.gcNext!;
      if (hooks.isWeakref(g)) hooks.clearWeakref(g);
      if (g.type.weakrefable && g.weakrefs !== null) {
        for (const wr of hooks.weakrefsOf(g)) {
          hooks.clearWeakref(wr);
          if (hooks.weakrefCallback(wr) === null) continue;
          if (wr.gcFlags & GCFlag.COLLECTING) continue;
          incref(wr);
          listMove(wr, toCall);
        }
      }
      g = next;
    }
    let freed = 0;
    while (!listIsEmpty(toCall)) {
      const wr = toCall.gcNext!;
      const callback = hooks.weakrefCallback(wr);
      if (callback !== null) hooks.callWeakrefCallback(callback, wr);
      decref(wr);
      if (toCall.gcNext === wr) listMove(wr, old);
      else freed++;
    }
    return freed;
  }

  /** Calls __del__ once per object, in list order, holding a temporary reference. */
  private finalizeGarbage(collectable: PyObject): void {
    const seen = new GCList();
    while (!listIsEmpty(collectable)) {
      const op = collectable.gcNext!;
      listMove(op, seen);
      const finalize = op.type.tp_finalize;
      if (!(op.gcFlags & GCFlag.FINALIZED) && finalize !== undefined) {
        op.gcFlags |= GCFlag.FINALIZED;
        incref(op);
        memoryObserver?.finalize?.(op);
        finalize(op);
        decref(op);
      }
    }
    listMerge(seen, collectable);
  }

  /** @cpython Modules/gcmodule.c handle_resurrected_objects */
  private handleResurrectedObjects(unreachable: PyObject, stillUnreachable: PyObject, old: PyObject): void {
    for (let g = unreachable.gcNext!; g !== unreachable; g = g.gcNext!) g.gcFlags &= ~GCFlag.COLLECTING;
    this.deduceUnreachable(unreachable, stillUnreachable);
    for (let g = stillUnreachable.gcNext!; g !== stillUnreachable; g = g.gcNext!)
      g.gcFlags &= ~GCFlag.UNREACHABLE;
    listMerge(unreachable, old);
  }

  /** tp_clear on each object to break the cycles; survivors move to the older generation. */
  private deleteGarbage(collectable: PyObject, old: PyObject): void {
    while (!listIsEmpty(collectable)) {
      const op = collectable.gcNext!;
      if (this.debug & GCDebug.SAVEALL) {
        this.hooks.appendGarbage(op);
      } else {
        const clear = op.type.tp_clear;
        if (clear !== undefined) {
          incref(op);
          clear(op);
          decref(op);
        }
      }
      if (collectable.gcNext === op) {
        op.gcFlags &= ~GCFlag.COLLECTING;
        listMove(op, old);
      }
    }
  }

  private handleLegacyFinalizers(finalizers: PyObject, old: PyObject): void {
    for (let g = finalizers.gcNext!; g !== finalizers; g = g.gcNext!) {
      if (this.debug & GCDebug.SAVEALL) this.hooks.appendGarbage(g);
    }
    listMerge(finalizers, old);
  }
}
