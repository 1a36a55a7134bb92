/**
 * What CPython's first `import heapq` / `array` / `copy` / `string` costs a script: CPython's
 * startup has not loaded them, so the import runs importlib (path finders, the FileFinder of
 * the script's folder, the module's cached code or shared library, spec, loader). The events
 * profiles/record_module_imports.py recorded under gdb (GC allocations and frees, and the
 * tuple/list/dict/float traffic that decides the free lists) are replayed with stand-in
 * objects (startup.ts replay), after the engine's own module was made without changing the
 * generation counts or the free lists. So gc.get_count() and the free lists right after the
 * import are CPython's. The first such import of a script also makes the FileFinder of its
 * folder: a later one is replayed from a recording made after another such import.
 */
import { PyObject, decref } from '../objects/object';
import { internFromString } from '../objects/unicodeobject';
import { PyTuple } from '../objects/tupleobject';
import { PyList } from '../objects/listobject';
import { DictKeys, KeysKind, PyDict, dictGetStr } from '../objects/dictobject';
import { PyFloat } from '../objects/floatobject';
import { PySlice } from '../objects/sliceobject';
import { None } from '../objects/noneobject';
import type { PyModule } from '../objects/moduleobject';
import { allocGCObject, allocObject, freeObject, gcDel, pyFree, pyMalloc } from '../memory/alloc';
import { rt } from '../vm/runtime';
import { replay, type Event } from '../startup';
import importFixture from '../profiles/fixtures/cpython311-module-imports.json';

interface ImportProfile {
  modules: Record<string, { events: Event[] }>;
}
const profile = importFixture as unknown as ImportProfile;

function dead<T extends PyObject>(o: T): T {
  o.refcnt = 0;
  return o;
}

interface FreeListState {
  tuples: number[];
  lists: number;
  dicts: number;
  keys: number;
  floats: number;
}

function freeListState(): FreeListState {
  const fl = rt.freelists;
  return {
    tuples: fl.tuples.map((stack) => stack.length),
    lists: fl.lists.length,
    dicts: fl.dicts.length,
    keys: fl.dictKeys.length,
    floats: fl.floats.length,
  };
}

/** Gives the free lists these occupancies, without changing gc.get_count(). */
function restoreFreeLists(s: FreeListState): void {
  const fl = rt.freelists;
  s.tuples.forEach((want, n) => {
    if (n === 0) return;
    const stack = fl.tuples[n];
    while (stack.length > want) gcDel(stack.pop()!);
    while (stack.length < want) stack.push(dead(allocGCObject(new PyTuple([]), 24 + 8 * n)));
  });
  while (fl.lists.length > s.lists) gcDel(fl.lists.pop()!);
  while (fl.lists.length < s.lists) fl.lists.push(dead(allocGCObject(new PyList(), 40)));
  while (fl.dicts.length > s.dicts) gcDel(fl.dicts.pop()!);
  while (fl.dicts.length < s.dicts) fl.dicts.push(dead(allocGCObject(new PyDict(), 48)));
  const keysBytes = new DictKeys(3, KeysKind.UNICODE).bytes;
  while (fl.dictKeys.length > s.keys) pyFree(fl.dictKeys.pop()!);
  while (fl.dictKeys.length < s.keys) fl.dictKeys.push(pyMalloc(keysBytes));
  while (fl.floats.length > s.floats) freeObject(fl.floats.pop()!);
  while (fl.floats.length < s.floats) fl.floats.push(dead(allocObject(new PyFloat(0), 24)));
}

/**
 * Modules the engine provides that CPython's startup has not loaded: importing one of them
 * made the FileFinder of the script's folder already.
 */
const PATH_IMPORTED = ['heapq', 'array', 'copy', 'string', 'tracemalloc'];

function anotherPathImportDone(): boolean {
  const modules = rt.modules!;
  return PATH_IMPORTED.some((n) => {
    const key = internFromString(n);
    try {
      return dictGetStr(modules, key) !== null;
    } finally {
      decref(key);
    }
  });
}

/** Makes the module with `load`, then replays CPython's recorded import of `name`. */
export function importAsCPython(name: 'heapq' | 'array' | 'copy' | 'string', load: () => PyModule): PyModule {
  const variant = anotherPathImportDone() ? `${name}_later` : name;
  const gc = rt.gc;
  const count = [...gc.count];
  const before = freeListState();
  const enabled = gc.enabled;
  gc.enabled = false;
  let m: PyModule;
  try {
    m = load();
    restoreFreeLists(before);
  } finally {
    gc.count = count;
    gc.enabled = enabled;
  }
  replay(profile.modules[variant].events, null);
  // importlib slices paths: CPython's one-slice cache is full after the import.
  if (rt.sliceCache === null) {
    const now = [...gc.count];
    rt.sliceCache = dead(allocGCObject(new PySlice(None, None, None), 40));
    gc.count = now;
  }
  return m;
}
