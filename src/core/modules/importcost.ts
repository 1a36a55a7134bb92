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
import { decref } from '../objects/object';
import { internFromString } from '../objects/unicodeobject';
import { dictGetStr } from '../objects/dictobject';
import { fillSliceCache, untracedByGc } from '../memory/freelist-state';
import type { PyModule } from '../objects/moduleobject';
import { rt } from '../vm/runtime';
import { replay, type Event } from '../startup';
import importFixture from '../profiles/fixtures/cpython311-module-imports.json';

interface ImportProfile {
  modules: Record<string, { events: Event[] }>;
}
const profile = importFixture as unknown as ImportProfile;

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
  const m = untracedByGc(load);
  replay(profile.modules[variant].events, null);
  // importlib slices paths: CPython's one-slice cache is full after the import.
  fillSliceCache();
  return m;
}
