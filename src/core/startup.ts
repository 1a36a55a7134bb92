/**
 * The interpreter state a script starts from, as CPython 3.11 reaches it: after startup
 * (site included) the state is CPython's recorded baseline, then _PyRun_SimpleFileObject
 * and pyrun_file do their own allocations before the main file is parsed and compiled.
 * Compiling the file (compiler/compilerobjects.ts and the constant keys of consts.ts) and
 * PyEval_EvalCode's function object follow, so `gc.get_count()` and every free list are
 * CPython's when the first instruction runs. The first `import gc` (importlib finding and
 * loading a builtin module that startup did not load) replays the object traffic recorded
 * from CPython.
 *
 * The baseline and the import traffic come from profiles/fixtures/cpython311-startup.json,
 * recorded from the oracle by profiles/record_startup.py (gdb on CPython 3.11.7).
 * @cpython Python/pythonrun.c _PyRun_SimpleFileObject, set_main_loader, pyrun_file;
 *   Python/import.c PyImport_AddModuleObject; Lib/importlib/_bootstrap.py _find_and_load
 */
import startupProfile from './profiles/fixtures/cpython311-startup.json';
import { PyObject, decref, TypeFlag } from './objects/object';
import { staticType } from './objects/roots';
import { None } from './objects/noneobject';
import { newTuple } from './objects/tupleobject';
import { newEmptyList } from './objects/listobject';
import { newDict } from './objects/dictobject';
import { newFloat } from './objects/floatobject';
import { newStr } from './objects/unicodeobject';
import { allocGCObject, gcDel } from './memory/alloc';
import { clearFreelists } from './memory/freelistclear';
import { fillSliceCache, setFreeListState } from './memory/freelist-state';
import type { Runtime } from './vm/runtime';
import { rt } from './vm/runtime';

export type Event = [op: 'new' | 'del', type: string, size: number, part?: 'module'];

interface StartupProfile {
  gc_stats: { collections: number; collected: number; uncollectable: number }[];
  baseline: {
    count: [number, number, number];
    /** Free tuples of length 1 … 20. */
    tuples: number[];
    lists: number;
    dicts: number;
    dictKeys: number;
    floats: number;
  };
  import_gc: Event[];
  import_unicodedata: Event[];
}

const profile = startupProfile as unknown as StartupProfile;

/**
 * A GC object CPython makes that the engine has no type for (a weak reference, an import
 * lock, importlib's bound methods, the module's loader, …): allocated and freed like one,
 * never tracked and never seen by the program.
 */
const StandInType = staticType({ name: 'cpython_internal', basicsize: 16, flags: TypeFlag.HAVE_GC });
StandInType.tp_dealloc = (o) => gcDel(o);

export function standIn(size: number): PyObject {
  return allocGCObject(new PyObject(StandInType), size);
}

/** Runtimes whose program has started: imports now behave as in CPython's running script. */
const started = new WeakSet<Runtime>();

/**
 * The state of CPython's interpreter at the entry of _PyRun_SimpleFileObject: generation
 * counts and free lists as recorded. What the engine's own startup left in its free lists
 * is dropped first; the free lists are then filled with dead objects of CPython's numbers.
 */
export function applyStartupBaseline(): void {
  const b = profile.baseline;
  const gc = rt.gc;
  const enabled = gc.enabled;
  gc.enabled = false;
  clearFreelists();
  setFreeListState(b);
  // The interpreter's one-slice cache: startup has made and dropped a slice, so it is full.
  fillSliceCache();
  gc.count = [...b.count];
  // The objects made so far (the modules' dicts, __main__'s among them) are long-lived in
  // CPython by now: its startup's collections moved them to the oldest generation.
  gc.promoteAllToOldest();
  // gc.get_stats(): the collections CPython's startup ran before the script.
  profile.gc_stats.forEach((stats, generation) => Object.assign(gc.stats[generation], stats));
  gc.enabled = enabled;
}

/**
 * What _PyRun_SimpleFileObject does before pyrun_file parses the file:
 * PyImport_AddModule("__main__") makes and drops a weak reference to the module (gh-86160),
 * and set_main_loader calls SourceFileLoader("__main__", filename) with an argument tuple;
 * the loader stays in __main__.__dict__ until the end.
 */
export function runPythonrunPrelude(filename: string): void {
  decref(standIn(64));
  const args = newTuple([newStr('__main__'), newStr(filename)]);
  standIn(24);
  decref(args);
  started.add(rt);
}

/**
 * Imports a builtin module the way CPython's first `import` of it goes (importlib's
 * _find_and_load with BuiltinImporter): the recorded traffic before the module exists,
 * `make()` where create_builtin makes the module, then the rest. Only for modules CPython
 * has not imported by the time the script starts; the engine's startup imports the others.
 */
export function importBuiltinAsCPython(name: string, make: () => PyObject): PyObject {
  if (name !== 'gc' || !started.has(rt)) return make();
  let module: PyObject | null = null;
  replay(profile.import_gc, () => (module ??= make()));
  return module ?? make();
}

/** Runtimes whose parser has imported unicodedata. */
const normalizing = new WeakSet<Runtime>();

/**
 * The parser's first non-ASCII identifier: init_normalization imports unicodedata (a
 * shared library found by importlib's path finders) to NFKC-normalize it. The engine has
 * no unicodedata module: all of the recorded traffic is replayed, and what CPython keeps
 * (the module and its objects) stays allocated.
 * @cpython Parser/pegen.c init_normalization, _PyPegen_new_identifier
 */
export function importUnicodedataForParser(): void {
  if (!started.has(rt) || normalizing.has(rt)) return;
  normalizing.add(rt);
  replay(profile.import_unicodedata, null);
}

/**
 * Replays recorded allocations and deallocations with engine objects: a deallocation
 * releases the newest live object of its kind (the kind is all that decides which free
 * list it reaches). Objects still alive at the end stay alive, unreferenced. Events of the
 * module itself call `module()` when the engine makes the real module.
 */
export function replay(events: Event[], module: (() => void) | null): void {
  const live = new Map<string, PyObject[]>();
  for (const [op, type, size, part] of events) {
    if (part === 'module' && module !== null) {
      module();
      continue;
    }
    const kind = type === 'tuple' ? `tuple${size}` : type;
    if (op === 'new') {
      let stack = live.get(kind);
      if (stack === undefined) live.set(kind, (stack = []));
      stack.push(newOfKind(type, size));
    } else {
      const o = live.get(kind)?.pop();
      if (o !== undefined) decref(o);
    }
  }
}

function newOfKind(type: string, size: number): PyObject {
  switch (type) {
    case 'tuple': {
      const items: PyObject[] = [];
      for (let i = 0; i < size; i++) items.push((None.refcnt++, None));
      return newTuple(items);
    }
    case 'list':
      return newEmptyList();
    case 'dict':
      return newDict();
    case 'float':
      return newFloat(0);
    default:
      return standIn(size);
  }
}
