/**
 * The Snapshot of the running program at the current step: its frames, the objects they
 * reach (and those only cycles keep alive), the references between them, the collector's
 * state and the allocator's map. Reads the live runtime and changes nothing: no reference
 * is taken and no Python code runs.
 */
import { PyObject, GCFlag, type PyType } from '../objects/object';
import { PyFunction } from '../objects/funcobject';
import { rt } from '../vm/runtime';
import type { Frame } from '../vm/frame';
import { CodeFlag, LocalKind, PyCode } from '../objects/codeobject';
import { PyCell } from '../objects/cellobject';
import { PyModule } from '../objects/moduleobject';
import { PyWeakRef } from '../objects/weakrefobject';
import { dictItems, type PyDict } from '../objects/dictobject';
import { isStr, type PyStr } from '../objects/unicodeobject';
import { objectId } from '../memory/alloc';
import { isCountUnknown } from '../memory/static';
import type { TraceEvent } from '../index';
import { labelOf } from './labels';
import { allocatorView } from './allocator-view';
import { findCycles } from './cycles';
import { addMemoryDetail } from './memory-detail';
import { sizeOf } from './object-size';
import type {
  CollectionReport,
  FrameRef,
  GcView,
  ObjectId,
  Snapshot,
  SnapshotEdge,
  SnapshotFrame,
  SnapshotObject,
} from './snapshot-types';

export interface CaptureLimits {
  /** Objects in one snapshot; the heap walk stops there (`truncated`). */
  maxObjects: number;
  /** References listed per object; the rest are counted in `omittedEdges`. */
  maxEdgesPerObject: number;
}

export const DEFAULT_LIMITS: CaptureLimits = { maxObjects: 5000, maxEdgesPerObject: 64 };

/** Implementation references that say nothing a Python reader would look for. */
const HIDDEN_LABELS = new Set([
  '__globals__',
  '__builtins__',
  '__code__',
  '__name__',
  '__qualname__',
  '__module__',
  '__doc__',
  '__mro__',
  '__base__',
  '__bases__',
]);

const isDunder = (name: string) => name.length > 4 && name.startsWith('__') && name.endsWith('__');

export function captureSnapshot(
  step: number,
  event: TraceEvent,
  line: number,
  func: string,
  limits: CaptureLimits = DEFAULT_LIMITS,
): Snapshot {
  const walk = new HeapWalk(limits);
  const frames = walk.frames();
  walk.walkGarbage();
  return addMemoryDetail({
    step,
    event,
    line,
    func,
    stdout: rt.stdout,
    stderr: rt.stderr,
    frames,
    objects: walk.objects,
    edges: walk.edges,
    cycles: cyclesAmong(walk.objects, walk.edges),
    gc: gcView(),
    allocator: allocatorView(),
    truncated: walk.truncated,
  });
}

class HeapWalk {
  readonly objects: SnapshotObject[] = [];
  readonly edges: SnapshotEdge[] = [];
  truncated = false;
  private readonly seen = new Map<PyObject, SnapshotObject>();
  private readonly queue: PyObject[] = [];
  private readonly generation = generationsByObject();

  constructor(private readonly limits: CaptureLimits) {}

  /** The frames, outermost first, with their variables and temporaries as roots. */
  frames(): SnapshotFrame[] {
    const chain: Frame[] = [];
    for (let f = rt.frame; f !== null; f = f.previous) chain.push(f);
    chain.reverse();
    const out: SnapshotFrame[] = [];
    const hasModuleFrame = chain.some((f) => f.globals === rt.mainDict && f.locals === rt.mainDict);
    if (!hasModuleFrame && rt.mainDict !== null) {
      // Before the module runs or after it ended: its globals are still a root.
      out.push(this.namespaceFrame(`frame:${out.length}`, '<module globals>', 0, rt.mainDict));
    }
    for (const f of chain) {
      const ref: FrameRef = `frame:${out.length}`;
      const code = f.code;
      const frame: SnapshotFrame = {
        ref,
        name: code.name.value,
        qualname: code.qualname.value,
        line: f.currentLine(),
        locals: [],
      };
      if (code.filename !== rt.options.filename) frame.internal = true;
      if ((code.flags & CodeFlag.OPTIMIZED) === 0 && f.locals !== null && isPlainDict(f.locals)) {
        this.addNamespace(frame, f.locals as PyDict);
      } else {
        const names = code.localsplusnames.items as PyStr[];
        f.localsplus.forEach((value, i) => {
          if (value === null) return;
          const name = names[i].value;
          this.edges.push({ from: ref, to: this.reach(value), label: name });
          if (value instanceof PyCell && code.localspluskinds[i] & (LocalKind.CELL | LocalKind.FREE)) {
            // A variable shared with a closure: the frame holds the cell, the cell the value.
            if (value.ref !== null)
              frame.locals.push({ name, id: objectId(value.ref), cell: objectId(value) });
          } else {
            frame.locals.push({ name, id: objectId(value) });
          }
        });
      }
      for (const temp of f.stack) {
        if (temp === null) continue;
        this.reach(temp);
        this.edges.push({ from: ref, to: objectId(temp), label: 'stack', temporary: true });
      }
      out.push(frame);
    }
    this.drain(true);
    return out;
  }

  /** Objects alive only because cycles hold them: what a full collection would find. */
  walkGarbage(): void {
    for (const o of cyclicGarbage()) if (!this.seen.has(o)) this.reach(o);
    this.drain(false);
  }

  private namespaceFrame(ref: FrameRef, name: string, line: number, ns: PyDict): SnapshotFrame {
    const frame: SnapshotFrame = { ref, name, qualname: name, line, locals: [] };
    this.addNamespace(frame, ns);
    return frame;
  }

  private addNamespace(frame: SnapshotFrame, ns: PyDict): void {
    for (const [key, value] of dictItems(ns)) {
      if (!isStr(key)) continue;
      const name = (key as PyStr).value;
      if (isDunder(name)) continue;
      frame.locals.push({ name, id: this.reach(value) });
      this.edges.push({ from: frame.ref, to: objectId(value), label: name });
    }
  }

  /** Records `o` (once) and queues it for the walk; returns its id. */
  private reach(o: PyObject): ObjectId {
    if (!this.seen.has(o)) {
      if (this.seen.size >= this.limits.maxObjects) {
        this.truncated = true;
        return objectId(o);
      }
      const entry = describe(o, this.generation.get(o));
      this.seen.set(o, entry);
      this.objects.push(entry);
      this.queue.push(o);
    }
    return objectId(o);
  }

  private drain(reachable: boolean): void {
    while (this.queue.length > 0) {
      const o = this.queue.shift()!;
      const entry = this.seen.get(o)!;
      entry.reachable = reachable;
      if (!traversable(o)) continue;
      const refs = this.referencesOf(o);
      const shown = refs.slice(0, this.limits.maxEdgesPerObject);
      if (refs.length > shown.length) entry.omittedEdges = refs.length - shown.length;
      for (const { to, label, weak } of shown) {
        this.reach(to);
        const edge: SnapshotEdge = { from: entry.id, to: objectId(to), label };
        if (weak) edge.weak = true;
        this.edges.push(edge);
      }
    }
  }

  private readonly classDicts = new Set<PyObject>();

  /**
   * What `o` refers to, as tp_traverse reports it, minus implementation references; a
   * class's namespace keeps its methods but not its bookkeeping (`__module__`, `__dict__`…).
   */
  private referencesOf(o: PyObject): { to: PyObject; label: string; weak?: boolean }[] {
    const out: { to: PyObject; label: string; weak?: boolean }[] = [];
    const isClass = isTypeObject(o);
    if (isClass && (o as PyType).dict !== null) this.classDicts.add((o as PyType).dict!);
    const inClassDict = this.classDicts.has(o);
    o.type.tp_traverse?.(o, (to, label) => {
      if (HIDDEN_LABELS.has(label)) return;
      if (to === rt.mainDict || to === rt.builtins) return;
      if (isClass && label === '__class__' && to.type.name === 'type') return;
      if (inClassDict && /^\['__.+__'\]$/.test(label) && !(to instanceof PyFunction)) return;
      out.push({ to, label });
    });
    if (o instanceof PyWeakRef && o.referent !== null)
      out.push({ to: o.referent, label: 'referent', weak: true });
    return out;
  }
}

function isTypeObject(o: PyObject): boolean {
  return o.type.mro.some((t) => t.name === 'type' && !t.isHeapType);
}

declare module './snapshot-types' {
  interface SnapshotFrame {
    /** A frame of the lab's bundled Python code (weakref, copy), not of the user's file. */
    internal?: true;
  }
}

/**
 * deduce_unreachable over every generation, without touching the collector's state (a
 * snapshot may be taken while a collection runs a finalizer): tracked objects whose
 * references all come from other tracked objects, and that no externally referenced
 * object reaches.
 */
function cyclicGarbage(): PyObject[] {
  const tracked: PyObject[] = [];
  for (let g = 0; g < rt.gc.generations.length; g++) tracked.push(...rt.gc.objectsIn(g));
  const refs = new Map<PyObject, number>();
  for (const o of tracked) refs.set(o, o.refcnt);
  for (const o of tracked) {
    o.type.tp_traverse?.(o, (to) => {
      const n = refs.get(to);
      if (n !== undefined) refs.set(to, n - 1);
    });
  }
  const reachable = new Set<PyObject>();
  const pending = tracked.filter((o) => refs.get(o)! > 0);
  for (const o of pending) reachable.add(o);
  while (pending.length > 0) {
    const o = pending.pop()!;
    o.type.tp_traverse?.(o, (to) => {
      if (refs.has(to) && !reachable.has(to)) {
        reachable.add(to);
        pending.push(to);
      }
    });
  }
  return tracked.filter((o) => !reachable.has(o));
}

/** Cycles among the snapshot's own objects (static ones cannot be part of one). */
function cyclesAmong(objects: SnapshotObject[], edges: SnapshotEdge[]): ObjectId[][] {
  const out = new Map<ObjectId, ObjectId[]>();
  for (const e of edges) {
    if (typeof e.from !== 'number' || e.weak) continue;
    let list = out.get(e.from);
    if (list === undefined) out.set(e.from, (list = []));
    list.push(e.to);
  }
  const ids = objects.filter((o) => !o.shared).map((o) => o.id);
  return findCycles(ids, (id) => out.get(id) ?? []);
}

function isPlainDict(o: PyObject): boolean {
  return o.type.name === 'dict' && !o.type.isHeapType;
}

/** Whether the walk looks inside `o`: not into static, startup, module or code objects. */
function traversable(o: PyObject): boolean {
  if (o.serial <= rt.mainBirth) return false;
  return !(o instanceof PyModule || o instanceof PyCode || o === rt.mainDict || o === rt.builtins);
}

function describe(o: PyObject, generation: number | undefined): SnapshotObject {
  const type = o.type;
  const entry: SnapshotObject = {
    id: objectId(o),
    address: o.addr,
    type: type.isHeapType ? type.qualname : type.name,
    label: labelOf(o),
    size: sizeOf(o),
    refcount: o.refcnt,
    tracked: o.gcNext !== null,
    reachable: true,
  };
  if (generation !== undefined) entry.generation = generation;
  if (type.tp_finalize !== undefined) {
    entry.finalizer = true;
    if (o.gcFlags & GCFlag.FINALIZED) entry.finalized = true;
  }
  if (o.serial <= rt.mainBirth) entry.shared = true;
  if (isCountUnknown(o)) entry.refcountUnknown = true;
  return entry;
}

function generationsByObject(): Map<PyObject, number> {
  const map = new Map<PyObject, number>();
  for (let g = 0; g < rt.gc.generations.length; g++) for (const o of rt.gc.objectsIn(g)) map.set(o, g);
  return map;
}

function gcView(): GcView {
  const gc = rt.gc;
  const view: GcView = {
    counts: [...gc.count],
    thresholds: [...gc.threshold],
    enabled: gc.enabled,
    collections: gc.reports.length,
  };
  const last = gc.reports[gc.reports.length - 1];
  if (last !== undefined) view.last = toReport(last);
  return view;
}

function toReport(r: (typeof rt.gc.reports)[number]): CollectionReport {
  return {
    step: r.step,
    generation: r.generation,
    collected: r.collected,
    uncollectable: r.uncollectable,
    manual: r.manual,
    unreachable: r.unreachable,
    cycles: r.cycles,
    phases: r.phases,
  };
}
