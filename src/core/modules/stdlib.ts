/**
 * The standard-library modules written in TypeScript (CPython's C modules): registered
 * with the importer when the engine loads, so that their types exist before the builtin
 * types are readied. The pure-Python parts live in py/*.py (importer.ts PY_MODULES).
 */
import { registerBuiltinModule, wrapImport } from './importer';
import { createMathModule } from './mathmodule';
import { createFunctoolsCModule } from './functoolsmodule';
import { createCollectionsCModule } from './collectionsmodule';
import { createItertoolsModule } from './itertoolsmodule';
import { createOperatorCModule } from './operatormodule';
import { createThreadModule } from './threadmodule';
import { createRandomModule, createSha512Module } from './randommodule';
import { createBisectModule } from './bisectmodule';
import { createHeapqModule } from './heapqmodule';
import { createArrayModule } from './arraymodule';
import { importAsCPython } from './importcost';
import { createTracemallocModule, importTracemallocAsCPython } from './tracemallocmodule';
import { createLinecacheModule } from './linecachemodule';

registerBuiltinModule('math', createMathModule);
registerBuiltinModule('_functools', createFunctoolsCModule);
registerBuiltinModule('_collections', createCollectionsCModule);
registerBuiltinModule('itertools', createItertoolsModule);
registerBuiltinModule('_operator', createOperatorCModule);
registerBuiltinModule('_thread', createThreadModule);
registerBuiltinModule('_tracemalloc', createTracemallocModule);
wrapImport('tracemalloc', importTracemallocAsCPython);
registerBuiltinModule('linecache', createLinecacheModule);
registerBuiltinModule('_random', createRandomModule);
registerBuiltinModule('_sha512', createSha512Module);
registerBuiltinModule('_bisect', createBisectModule);
registerBuiltinModule('_heapq', createHeapqModule);
registerBuiltinModule('array', () => importAsCPython('array', createArrayModule));
wrapImport('heapq', (load) => importAsCPython('heapq', load));
wrapImport('copy', (load) => importAsCPython('copy', load));
wrapImport('string', (load) => importAsCPython('string', load));
