/**
 * _tracemalloc, the C half of `tracemalloc` (the Python half is py/tracemalloc.py): while
 * tracing, every PyMem_RawMalloc / PyMem_Malloc / PyObject_Malloc request the engine models
 * (memory/alloc.ts pyMalloc, pyRealloc) is a trace of its request size and the traceback of
 * the Python frames running at that moment; pyFree removes it. A realloc replaces the trace
 * at the block's new address (its size and traceback are the realloc's). Blocks allocated
 * before start() are not traced, so freeing them changes nothing. Dead objects kept by a
 * 3.11 free list are not freed: they stay traced, as in CPython.
 *
 * Not modelled:
 * - get_tracemalloc_memory() (the size of tracemalloc's own hash tables) raises
 *   NotImplementedError;
 * - importing tracemalloc: CPython's imports pickle, _pickle, _compat_pickle, linecache,
 *   tokenize and token besides the module itself; the engine's module imports nothing. The
 *   free lists are left as CPython's import leaves them (importTracemallocAsCPython), since
 *   they decide what later allocations cost, but `gc.get_count()` (CPython's import runs two
 *   young collections and leaves a count that depends on where the program stood) and the
 *   addresses a program sees after `import tracemalloc` are not CPython's.
 * @cpython Modules/_tracemalloc.c (3.11)
 */
import { PyObject, decref } from '../objects/object';
import { None } from '../objects/noneobject';
import { newBool } from '../objects/boolobject';
import { newStr, type PyStr } from '../objects/unicodeobject';
import { newInt } from '../objects/longobject';
import { newTuple, tupleAlloc } from '../objects/tupleobject';
import { newEmptyList, listAppend } from '../objects/listobject';
import { NotImplementedErrorType, OverflowErrorType, ValueErrorType } from '../objects/exceptions';
import { numberIndex } from '../objects/abstract';
import { exactArgs, noKeywords, rangeArgs } from '../vm/args';
import { raise } from '../vm/errors';
import { rt, type Runtime } from '../vm/runtime';
import {
  allocGCObject,
  allocObject,
  freeObject,
  gcDel,
  pyFree,
  pyMalloc,
  setAllocTracer,
  type AllocTracer,
} from '../memory/alloc';
import { PyTuple } from '../objects/tupleobject';
import { PyList } from '../objects/listobject';
import { DictKeys, KeysKind, PyDict } from '../objects/dictobject';
import { PyFloat } from '../objects/floatobject';
import { PySlice } from '../objects/sliceobject';
import type { PyModule } from '../objects/moduleobject';
import { moduleBuilder } from './moduledef';

/** The traceback of a trace: frames from the most recent, as _tracemalloc stores them. */
interface Traceback {
  /** [filename, lineno] pairs, most recent first (at most the traceback limit). */
  frames: [string, number][];
  /** How many Python frames were running (capped at 65535). */
  totalNframe: number;
}

interface Trace {
  size: number;
  traceback: Traceback;
}

/** tracemalloc_empty_traceback: an allocation made while no Python frame runs. */
const UNKNOWN: Traceback = { frames: [['<unknown>', 0]], totalNframe: 1 };

const MAX_NFRAME = 65535;

/** The tracing state of one runtime. */
class Tracer implements AllocTracer {
  readonly traces = new Map<number, Trace>();
  /** Interned tracebacks (tracemalloc_tracebacks), by filename/lineno key. */
  private readonly tracebacks = new Map<string, Traceback>();
  traced = 0;
  peak = 0;

  constructor(
    readonly runtime: Runtime,
    readonly maxNframe: number,
  ) {}

  /** traceback_new: the frames running now, interned. */
  private traceback(): Traceback {
    let f = this.runtime.frame;
    if (f === null) return UNKNOWN;
    const frames: [string, number][] = [];
    let total = 0;
    let key = '';
    for (; f !== null; f = f.previous) {
      if (frames.length < this.maxNframe) {
        const line = f.currentLine();
        const frame: [string, number] = [f.code.filename, line < 0 ? 0 : line];
        frames.push(frame);
        key += `${frame[0]}\0${frame[1]}\0`;
      }
      if (total < MAX_NFRAME) total++;
    }
    key += total;
    let tb = this.tracebacks.get(key);
    if (tb === undefined) this.tracebacks.set(key, (tb = { frames, totalNframe: total }));
    return tb;
  }

  /** tracemalloc_add_trace: a trace already at `address` is replaced. */
  private add(address: number, size: number): void {
    const old = this.traces.get(address);
    if (old !== undefined) this.traced -= old.size;
    this.traces.set(address, { size, traceback: this.traceback() });
    this.traced += size;
    if (this.traced > this.peak) this.peak = this.traced;
  }

  /** tracemalloc_remove_trace: nothing for a block allocated before tracing started. */
  private remove(address: number): void {
    const old = this.traces.get(address);
    if (old === undefined) return;
    this.traces.delete(address);
    this.traced -= old.size;
  }

  malloc(address: number, nbytes: number): void {
    if (this.stale()) return;
    this.add(address, nbytes);
  }

  free(address: number): void {
    if (this.stale()) return;
    this.remove(address);
  }

  realloc(from: number, to: number, nbytes: number): void {
    if (this.stale()) return;
    if (from !== 0 && from !== to) this.remove(from);
    this.add(to, nbytes);
  }

  /** A tracer left installed by a run that ended while tracing: uninstalls itself. */
  private stale(): boolean {
    if (this.runtime === rt) return false;
    setAllocTracer(null);
    return true;
  }

  clear(): void {
    this.traces.clear();
    this.tracebacks.clear();
    this.traced = 0;
    this.peak = 0;
  }
}

/** The state of each runtime: its tracer while tracing, its traceback limit. */
interface State {
  tracer: Tracer | null;
  maxNframe: number;
}
const states = new WeakMap<Runtime, State>();

function state(): State {
  let s = states.get(rt);
  if (s === undefined) states.set(rt, (s = { tracer: null, maxNframe: 1 }));
  return s;
}

/** The traces of the current runtime, for the engine's own tests. */
export function tracedMemory(): [number, number] {
  const t = state().tracer;
  return t === null ? [0, 0] : [t.traced, t.peak];
}

function start(args: PyObject[]): void {
  let nframe = 1;
  if (args.length > 0) {
    // _PyLong_AsInt
    const i = numberIndex(args[0]);
    const v = i.value;
    decref(i);
    if (typeof v === 'bigint' || v > 2147483647 || v < -2147483648) {
      raise(OverflowErrorType, 'Python int too large to convert to C int');
    }
    nframe = v;
  }
  if (nframe < 1 || nframe > MAX_NFRAME) {
    raise(ValueErrorType, `the number of frames must be in range [1; ${MAX_NFRAME}]`);
  }
  const s = state();
  // tracemalloc_start: a second start() changes nothing (neither the traces nor the limit).
  if (s.tracer !== null) return;
  s.maxNframe = nframe;
  s.tracer = new Tracer(rt, nframe);
  setAllocTracer(s.tracer);
}

function stop(): void {
  const s = state();
  if (s.tracer === null) return;
  setAllocTracer(null);
  s.tracer.clear();
  s.tracer = null;
}

/**
 * _get_traces: the list is made first (an empty list, possibly from the free list), then
 * the traces are copied, then each becomes a (domain, size, traceback, total_nframe) tuple;
 * traces that share a traceback share its tuple.
 */
function getTraces(): PyObject {
  const list = newEmptyList();
  const tracer = state().tracer;
  if (tracer === null) return list;
  const copy = [...tracer.traces.values()];
  const tuples = new Map<Traceback, PyTuple>();
  const filenames = new Map<string, PyStr>();
  try {
    for (const trace of copy) {
      const t = tupleAlloc(4);
      t.items = [newInt(0), newInt(trace.size)];
      rt.gc.track(t);
      let tb = tuples.get(trace.traceback);
      if (tb === undefined) {
        tb = tupleAlloc(trace.traceback.frames.length);
        rt.gc.track(tb);
        for (const [filename, lineno] of trace.traceback.frames) {
          let name = filenames.get(filename);
          if (name === undefined) filenames.set(filename, (name = newStr(filename)));
          name.refcnt++;
          const pair = tupleAlloc(2);
          pair.items = [name, newInt(lineno)];
          rt.gc.track(pair);
          tb.items.push(pair);
        }
        tuples.set(trace.traceback, tb);
      }
      tb.refcnt++;
      t.items.push(tb, newInt(trace.traceback.totalNframe));
      listAppend(list, t);
      decref(t);
    }
  } catch (e) {
    decref(list);
    throw e;
  } finally {
    for (const tb of tuples.values()) decref(tb);
    for (const name of filenames.values()) decref(name);
  }
  return list;
}

/**
 * _get_object_traceback: the traceback of the block that starts at `obj` (16 bytes before
 * a GC object), as a tuple of (filename, lineno) pairs, or None.
 */
function getObjectTraceback(obj: PyObject): PyObject {
  const tracer = state().tracer;
  // 3.11 steps back over the GC head only, even for a type with a managed dict (whose
  // block starts 32 bytes before the object): such objects have no traceback.
  const trace = tracer?.traces.get(obj.addr - (obj.type.preheaderSize > 0 ? 16 : 0));
  if (trace === undefined) return (None.refcnt++, None);
  return newTuple(trace.traceback.frames.map(([f, l]) => newTuple([newStr(f), newInt(l)])));
}

export function createTracemallocModule(): PyModule {
  const { module: m, fn } = moduleBuilder('_tracemalloc');
  fn('is_tracing', (args, kw) => {
    exactArgs('_tracemalloc.is_tracing', args, kw, 0);
    return newBool(state().tracer !== null);
  });
  fn('clear_traces', (args, kw) => {
    exactArgs('_tracemalloc.clear_traces', args, kw, 0);
    state().tracer?.clear();
    return (None.refcnt++, None);
  });
  fn('_get_traces', (args, kw) => {
    exactArgs('_tracemalloc._get_traces', args, kw, 0);
    return getTraces();
  });
  fn('_get_object_traceback', (args, kw) => {
    exactArgs('_tracemalloc._get_object_traceback', args, kw, 1);
    return getObjectTraceback(args[0]);
  });
  fn('start', (args, kw) => {
    noKeywords('_tracemalloc.start', kw);
    rangeArgs('start', args, kw, 0, 1);
    start(args);
    return (None.refcnt++, None);
  });
  fn('stop', (args, kw) => {
    exactArgs('_tracemalloc.stop', args, kw, 0);
    stop();
    return (None.refcnt++, None);
  });
  fn('get_traceback_limit', (args, kw) => {
    exactArgs('_tracemalloc.get_traceback_limit', args, kw, 0);
    return newInt(state().maxNframe);
  });
  fn('get_tracemalloc_memory', (args, kw) => {
    exactArgs('_tracemalloc.get_tracemalloc_memory', args, kw, 0);
    return raise(
      NotImplementedErrorType,
      "PyMem Lab does not model tracemalloc.get_tracemalloc_memory() (the size of tracemalloc's own tables)",
    );
  });
  fn('get_traced_memory', (args, kw) => {
    exactArgs('_tracemalloc.get_traced_memory', args, kw, 0);
    // The numbers are read first, then Py_BuildValue("nn") makes the tuple, then the ints.
    const [size, peak] = tracedMemory();
    const t = tupleAlloc(2);
    t.items = [newInt(size)];
    rt.gc.track(t);
    t.items.push(newInt(peak));
    return t;
  });
  fn('reset_peak', (args, kw) => {
    exactArgs('_tracemalloc.reset_peak', args, kw, 0);
    const t = state().tracer;
    if (t !== null) t.peak = t.traced;
    return (None.refcnt++, None);
  });
  return m;
}

/**
 * The free lists right after CPython 3.11.7 runs `import tracemalloc` from a script
 * (recorded with src/core/profiles/record_tracemalloc_import.sh, the same on several
 * programs): tuples of length 1…20, dicts, dict keys and floats as numbers; the list free
 * list as a change (it never empties during the import, so it keeps the program's own).
 * The one-slice cache is full after the import too (a[:] reuses it).
 */
const AFTER_IMPORT = {
  tuples: [4, 16, 4, 5, 1, 0, 0, 4, 2, 3, 3, 3, 4, 2, 1, 1, 1, 2, 1, 6],
  dicts: 4,
  dictKeys: 43,
  floats: 4,
  listsChange: -5,
};

/**
 * `import tracemalloc` as CPython's goes for the free lists: the engine's module is loaded,
 * then every free list gets CPython's occupancy (dead objects added or freed, without
 * changing `gc.get_count()`).
 */
export function importTracemallocAsCPython(load: () => PyModule): PyModule {
  const lists = rt.freelists.lists.length;
  const m = load();
  const gc = rt.gc;
  const enabled = gc.enabled;
  const count = [...gc.count];
  gc.enabled = false;
  try {
    const fl = rt.freelists;
    AFTER_IMPORT.tuples.forEach((want, i) => {
      const n = i + 1;
      const stack = fl.tuples[n];
      while (stack.length > want) gcDel(stack.pop()!);
      while (stack.length < want) stack.push(dead(allocGCObject(new PyTuple([]), 24 + 8 * n)));
    });
    const wantLists = Math.max(0, lists + AFTER_IMPORT.listsChange);
    while (fl.lists.length > wantLists) gcDel(fl.lists.pop()!);
    while (fl.lists.length < wantLists) fl.lists.push(dead(allocGCObject(new PyList(), 40)));
    while (fl.dicts.length > AFTER_IMPORT.dicts) gcDel(fl.dicts.pop()!);
    while (fl.dicts.length < AFTER_IMPORT.dicts) fl.dicts.push(dead(allocGCObject(new PyDict(), 48)));
    const keysBytes = new DictKeys(3, KeysKind.UNICODE).bytes;
    while (fl.dictKeys.length > AFTER_IMPORT.dictKeys) pyFree(fl.dictKeys.pop()!);
    while (fl.dictKeys.length < AFTER_IMPORT.dictKeys) fl.dictKeys.push(pyMalloc(keysBytes));
    while (fl.floats.length > AFTER_IMPORT.floats) freeObject(fl.floats.pop()!);
    while (fl.floats.length < AFTER_IMPORT.floats) fl.floats.push(dead(allocObject(new PyFloat(0), 24)));
    // The import slices (tokenize, linecache): a dead slice waits in interp->slice_cache.
    if (rt.sliceCache === null) rt.sliceCache = dead(allocGCObject(new PySlice(None, None, None), 40));
  } finally {
    gc.count = count;
    gc.enabled = enabled;
  }
  return m;
}

function dead<T extends PyObject>(o: T): T {
  o.refcnt = 0;
  return o;
}
