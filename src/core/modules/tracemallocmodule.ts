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
 *   tokenize and token besides the module itself. importTracemallocAsCPython replays its
 *   recorded GC traffic, so `gc.get_count()` and the free lists after the import are
 *   CPython's (the dict-keys free list is fitted), but not the addresses: the stand-ins
 *   have CPython's sizes, not the strings, code objects and other non-GC objects the import
 *   allocates, so `id()`s of later objects can differ. pickle, tokenize and token are not
 *   in sys.modules.
 * @cpython Modules/_tracemalloc.c (3.11)
 */
import { PyObject, decref } from '../objects/object';
import { None } from '../objects/noneobject';
import { newBool } from '../objects/boolobject';
import { internFromString, newStr, type PyStr } from '../objects/unicodeobject';
import { newInt } from '../objects/longobject';
import { newTuple, tupleAlloc, type PyTuple } from '../objects/tupleobject';
import { newEmptyList, listAppend } from '../objects/listobject';
import {
  ExceptionType,
  NotImplementedErrorType,
  OverflowErrorType,
  ValueErrorType,
} from '../objects/exceptions';
import { call, numberIndex } from '../objects/abstract';
import { TypeType } from '../objects/roots';
import { exactArgs, noKeywords, rangeArgs } from '../vm/args';
import { raise } from '../vm/errors';
import { rt, type Runtime } from '../vm/runtime';
import { setAllocTracer, type AllocTracer } from '../memory/alloc';
import { dictSetItem, newDict } from '../objects/dictobject';
import type { PyModule } from '../objects/moduleobject';
import { moduleBuilder } from './moduledef';
import { replay, type Event } from '../startup';
import {
  fillSliceCache,
  freeListState,
  setFreeListState,
  untracedByGc,
  type FreeListState,
} from '../memory/freelist-state';
import importFixture from '../profiles/fixtures/cpython311-import-tracemalloc.json';

/** A probe's generation counts and free lists before and after the recorded import. */
type ProbeState = FreeListState & { count: [number, number, number] };
const importProfile = importFixture as unknown as {
  events: Event[];
  probes: { program: string; start: ProbeState; end: ProbeState }[];
};

/**
 * Where, in the recorded traffic, pickle.py defines PickleError, PicklingError and
 * UnpicklingError (the event of PickleError's type) and where `from _pickle import …`
 * replaces them (after the module's last shorthand function): from there on, the three
 * classes are cyclic garbage (10 objects CPython's next collection of generation 1 finds).
 */
const PICKLE_ERRORS_DEFINED = 7106;
const PICKLE_ERRORS_REPLACED = 8859;

/** The events to replay: the markers of the pickle classes are the only 'module' events. */
const importEvents: Event[] = (() => {
  const events: Event[] = importProfile.events.map(([op, type, size]) => [op, type, size]);
  const marker: Event = ['new', 'pickle-errors', 0, 'module'];
  events.splice(PICKLE_ERRORS_REPLACED, 0, marker);
  events.splice(PICKLE_ERRORS_DEFINED, 0, marker);
  return events;
})();

/**
 * pickle.py's exception classes, made at the point CPython makes them and dropped where
 * CPython's drop them, so that a collection in between moves them to generation 1 and a
 * later one collects them, as in CPython. Their own allocations are already in the replay:
 * making them changes neither the count nor the free lists.
 */
function pickleErrors(): () => void {
  let classes: PyObject[] = [];
  return () => {
    if (classes.length > 0) {
      for (const c of classes.reverse()) decref(c);
      classes = [];
      return;
    }
    untracedByGc(() => {
      const make = (name: string, base: PyObject, doc: string) => {
        const ns = newDict();
        for (const [k, v] of [
          ['__module__', 'pickle'],
          ['__qualname__', name],
          ['__doc__', doc],
        ]) {
          const key = internFromString(k);
          const value = newStr(v);
          dictSetItem(ns, key, value);
          decref(key);
          decref(value);
        }
        const args = [newStr(name), newTuple([(base.refcnt++, base)]), ns];
        try {
          classes.push(call(TypeType, args));
        } finally {
          args.forEach(decref);
        }
      };
      make('PickleError', ExceptionType, 'A common base class for the other pickling exceptions.');
      make(
        'PicklingError',
        classes[0],
        'This exception is raised when an unpicklable object is passed to the\n    dump() method.\n\n    ',
      );
      make(
        'UnpicklingError',
        classes[0],
        'This exception is raised when there is a problem unpickling an object,\n    such as a security violation.\n\n    Note that other exceptions may also be raised during unpickling, including\n    (but not necessarily limited to) AttributeError, EOFError, ImportError,\n    and IndexError.\n\n    ',
      );
    });
  };
}

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
  /** set_reentrant(1): allocations are not traced (frees and reallocs still untrace). */
  reentrant = false;

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
    if (this.stale() || this.reentrant) return;
    this.add(address, nbytes);
  }

  free(address: number): void {
    if (this.stale()) return;
    this.remove(address);
  }

  realloc(from: number, to: number, nbytes: number): void {
    if (this.stale()) return;
    if (this.reentrant) {
      // tracemalloc_realloc_gil: a reentrant realloc untraces the block.
      if (from !== 0) this.remove(from);
      return;
    }
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
 * the traces are copied, then each becomes a (domain, size, traceback, total_nframe) tuple,
 * untraced; traces that share a traceback share its tuple.
 */
function getTraces(): PyObject {
  const list = newEmptyList();
  const tracer = state().tracer;
  if (tracer === null) return list;
  const copy = [...tracer.traces.values()];
  const tuples = new Map<Traceback, PyTuple>();
  const filenames = new Map<string, PyStr>();
  // The conversion runs with set_reentrant(1): the tuples and ints it makes are not traced.
  tracer.reentrant = true;
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
    tracer.reentrant = false;
    decref(list);
    throw e;
  } finally {
    for (const tb of tuples.values()) decref(tb);
    for (const name of filenames.values()) decref(name);
    tracer.reentrant = false;
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
 * The dict-keys free list after the import, which the replay does not model (the recorded
 * dicts are made without keys): it rises by up to RISE during the import, capped at
 * PyDict_MAXFREELIST, and ends DROP lower (fitted on the recorder's probes).
 */
const KEYS_RISE = 15;
const KEYS_DROP = 6;
const PyDict_MAXFREELIST = 80;
/** The list free list loses 6; the dict free list ends at max(before - 61, 4). */
const LISTS_CHANGE = -6;
const DICTS_CHANGE = -61;
const COUNT_CORRECTION = 1;

/**
 * Gives the free lists these occupancies (tuples of length 1…20 first), adding dead objects
 * or freeing kept ones, without changing `gc.get_count()` or running a collection.
 */
/**
 * `import tracemalloc` as CPython's goes. The engine's module (py/tracemalloc.py, which
 * imports only _tracemalloc and linecache) is loaded first without changing the generation
 * counts or the free lists; then the GC traffic CPython's import makes (recorded by
 * profiles/record_tracemalloc_import.py: pickle, tokenize, linecache, … and tracemalloc
 * itself) is replayed with stand-in objects, so the count, the two young collections the
 * import runs (and the objects they move to generation 1) and the free lists follow
 * CPython's. The dict-keys free list is fitted (KEYS_RISE), and the one-slice cache is full
 * after the import (tokenize slices).
 */
export function importTracemallocAsCPython(load: () => PyModule): PyModule {
  const before = freeListState();
  const m = untracedByGc(load);
  replay(importEvents, pickleErrors());
  // The recording misses a free after the import's last collection (the replay ends one
  // above CPython's count, whatever the count before the import).
  for (let i = 0; i < COUNT_CORRECTION; i++) rt.gc.unlink();
  // The free lists as CPython's import leaves them (the recording misses some list frees):
  // tuples and floats whatever they were before, lists, dicts and dict keys fitted on the
  // recorder's probes.
  const after = importProfile.probes[0].end;
  setFreeListState({
    tuples: after.tuples,
    lists: Math.max(0, before.lists + LISTS_CHANGE),
    dicts: Math.max(before.dicts + DICTS_CHANGE, after.dicts),
    dictKeys: Math.min(before.dictKeys + KEYS_RISE, PyDict_MAXFREELIST) - KEYS_DROP,
    floats: after.floats,
  });
  // The replay counted the slice already (a stand-in that stays alive).
  fillSliceCache();
  return m;
}
