/**
 * `import`: the modules a PyMem Lab program can use. Builtin modules are made in
 * TypeScript; a few standard modules are the engine's own Python sources (compiled like
 * the user's code, without the main script's AST arena). The lab is a sandbox: modules
 * that reach the host (os, subprocess, socket, …) raise ImportError saying so.
 * @cpython Python/import.c, Lib/importlib/_bootstrap.py (the observable part)
 */
import { PyObject, decref } from '../objects/object';
import { None } from '../objects/noneobject';
import { PyStr, isStr, internFromString, newStr, staticId } from '../objects/unicodeobject';
import { dictGetStr, dictSetItem, dictItems, type PyDict } from '../objects/dictobject';
import { PyModule, ModuleType } from '../objects/moduleobject';
import type { PyTuple } from '../objects/tupleobject';
import { getAttr, lookupAttr, iterateToArray, isTrue } from '../objects/abstract';
import { ImportErrorType, ModuleNotFoundErrorType } from '../objects/exceptions';
import { newException, raise } from '../vm/errors';
import type { Frame } from '../vm/frame';
import { rt } from '../vm/runtime';
import { isInt, type PyLong } from '../objects/longobject';
import { importBuiltinAsCPython } from '../startup';
import weakrefSource from './py/weakref.py';
import weakrefsetSource from './py/_weakrefset.py';
import copySource from './py/copy.py';
import keywordSource from './py/keyword.py';
import operatorSource from './py/operator.py';
import reprlibSource from './py/reprlib.py';
import collectionsSource from './py/collections.py';
import calibration from '../profiles/static-refs/calibration.json';
import functoolsSource from './py/functools.py';
import stringSource from './py/string.py';
import randomSource from './py/random.py';
import bisectSource from './py/bisect.py';
import heapqSource from './py/heapq.py';
import tracemallocSource from './py/tracemalloc.py';

/** Standard modules the engine provides as Python source. */
export const PY_MODULES: Record<string, string> = {
  weakref: weakrefSource,
  _weakrefset: weakrefsetSource,
  copy: copySource,
  keyword: keywordSource,
  operator: operatorSource,
  reprlib: reprlibSource,
  collections: collectionsSource,
  functools: functoolsSource,
  string: stringSource,
  random: randomSource,
  bisect: bisectSource,
  heapq: heapqSource,
  tracemalloc: tracemallocSource,
};

/** Modules that would reach the host: the lab does not provide them. */
const SANDBOXED = new Set([
  'os',
  'subprocess',
  'socket',
  'shutil',
  'pathlib',
  'io',
  'tempfile',
  'signal',
  'multiprocessing',
  'threading',
  'ctypes',
  'urllib',
  'http',
  'ssl',
  'select',
  'asyncio',
  'sqlite3',
  'glob',
  'fcntl',
  'pty',
  'resource',
  'mmap',
  'webbrowser',
  'ftplib',
  'smtplib',
  'posix',
  'nt',
  'builtins_open',
]);

/** Standard modules the engine does not implement yet (a clear message, not "No module"). */
const NOT_YET = new Set([
  'collections.abc',
  're',
  'json',
  'time',
  'datetime',
  'decimal',
  'fractions',
  'struct',
  'typing',
  'dataclasses',
  'enum',
  'abc',
  'contextlib',
  'types',
  'inspect',
  'traceback',
  'pickle',
  'statistics',
  'textwrap',
  'pprint',
  'timeit',
  'unittest',
  'doctest',
  'dis',
  'numbers',
  'warnings',
  'keyword',
  'locale',
  'codecs',
  'unicodedata',
  'zlib',
  'hashlib',
  'base64',
  'binascii',
  'queue',
  'uuid',
  'platform',
  'logging',
  'argparse',
  'objgraph',
  'pympler',
]);

/**
 * Standard modules CPython 3.11's startup (site and what it imports) has already loaded
 * when a script starts, so that importing them costs the script nothing: the engine loads
 * the ones a program mentions while it starts, before the script's own objects.
 */
const PRELOADED = [
  'weakref',
  'math',
  'itertools',
  'operator',
  'keyword',
  'reprlib',
  'functools',
  'collections',
  'bisect',
  'random',
];

/** The preloaded modules `source` may import (its text names them), in loading order. */
export function preloadedModules(source: string): string[] {
  return PRELOADED.filter((name) => new RegExp(`\\b${name}\\b`).test(source));
}

/**
 * References that other modules of CPython's startup hold to these modules' objects
 * (random's `from math import pi as _pi`, the classes decorated by total_ordering,
 * typing's and ipaddress's imports…), measured with sys.getrefcount under the oracle:
 * the engine holds as many, so the counts a program prints are CPython's.
 */
const STARTUP_REFERENCES: Record<string, [string, number][]> = {
  math: ['acos', 'ceil', 'cos', 'e', 'exp', 'floor', 'isfinite', 'log', 'pi', 'sin', 'sqrt', 'tau'].map(
    (n) => [n, 1],
  ),
  _operator: [
    ['index', 1],
    ['or_', 1],
  ],
  _functools: [['reduce', 1]],
  functools: [
    ['_ge_from_lt', 2],
    ['_gt_from_lt', 2],
    ['_le_from_lt', 2],
    ['wraps', 1],
  ],
  collections: [
    ['namedtuple', 1],
    ['_proxy', 1],
  ],
  // tempfile's Random and one more reference to _inst; the math and operator names that
  // random itself imports are counted above (as held by CPython's startup) already.
  random: [
    ['_inst', 1],
    ['Random', 1],
    ...[
      '_acos',
      '_ceil',
      '_cos',
      '_e',
      '_exp',
      '_floor',
      '_isfinite',
      '_log',
      '_pi',
      '_sin',
      '_sqrt',
      'TWOPI',
    ].map((n): [string, number] => [n, -1]),
    ['_index', -1],
  ],
};

/**
 * The references of STARTUP_REFERENCES, and those CPython's other startup modules hold to
 * the module itself (`import functools` in them), held until the run ends.
 */
function holdStartupReferences(name: string, m: PyModule): void {
  m.refcnt += (calibration.preloaded as Record<string, number>)[name] ?? 0;
  const refs = STARTUP_REFERENCES[name];
  if (refs === undefined || m.dict === null) return;
  for (const [attr, n] of refs) {
    const v = dictGetStr(m.dict, staticId(attr));
    if (v !== null) v.refcnt += n;
  }
}

export type ModuleFactory = () => PyModule;
const builtinFactories = new Map<string, ModuleFactory>();

export function registerBuiltinModule(name: string, factory: ModuleFactory): void {
  builtinFactories.set(name, factory);
}

/**
 * What CPython's import of a module does that the engine's source of it does not (the
 * modules CPython's imports besides): `wrapper` runs `load` and then models the rest.
 */
const importWrappers = new Map<string, (load: () => PyModule) => PyModule>();

export function wrapImport(name: string, wrapper: (load: () => PyModule) => PyModule): void {
  importWrappers.set(name, wrapper);
}

/** Runs a module's Python source into a new module (set by run.ts to avoid a cycle). */
let execSource: (name: string, source: string) => PyModule = () => {
  throw new Error('module execution is not set up');
};
export function setModuleExecutor(fn: (name: string, source: string) => PyModule): void {
  execSource = fn;
}

/** The module named `name`, imported if needed (borrowed from sys.modules). */
export function importModule(name: string): PyModule {
  const modules = rt.modules!;
  const key = internFromString(name);
  try {
    const found = dictGetStr(modules, key);
    if (found !== null && found !== None) return found as PyModule;
    let m: PyModule;
    const factory = builtinFactories.get(name);
    const base = name.split('.')[0];
    if (factory !== undefined) {
      m = importBuiltinAsCPython(name, factory) as PyModule;
    } else if (PY_MODULES[name] !== undefined) {
      const load = () => execSource(name, PY_MODULES[name]);
      const wrapper = importWrappers.get(name);
      m = wrapper !== undefined ? wrapper(load) : load();
    } else if (SANDBOXED.has(base)) {
      return raiseImportError(
        ImportErrorType,
        `PyMem Lab does not provide the '${name}' module: the lab runs without files, network or processes`,
        name,
      );
    } else if (NOT_YET.has(name) || NOT_YET.has(base)) {
      return raiseImportError(ImportErrorType, `PyMem Lab does not support the '${name}' module yet`, name);
    } else {
      return raiseImportError(ModuleNotFoundErrorType, `No module named '${name}'`, name);
    }
    dictSetItem(modules, key, m);
    decref(m);
    holdStartupReferences(name, m);
    return m;
  } finally {
    decref(key);
  }
}

function raiseImportError(type: typeof ImportErrorType, message: string, name: string): never {
  const e = newException(type, [newStr(message)]);
  e.fields = new Map([['name', newStr(name)]]);
  throw e;
}

/** IMPORT_NAME: the top package, or the module itself when there is a fromlist. */
export function importName(f: Frame, name: PyStr, fromlist: PyObject, level: PyObject): PyObject {
  if (isInt(level) && (level as PyLong).value !== 0) {
    raise(ImportErrorType, 'attempted relative import with no known parent package');
  }
  void f;
  const full = name.value;
  const m = importModule(full);
  const hasFromlist = fromlist !== None && isTrue(fromlist);
  if (hasFromlist || !full.includes('.')) return (m.refcnt++, m);
  const top = importModule(full.split('.')[0]);
  return (top.refcnt++, top);
}

/** IMPORT_FROM: an attribute of the module (ImportError naming both when missing). */
export function importFrom(from: PyObject, name: PyStr): PyObject {
  const r = lookupAttr(from, name);
  if (r !== null) return r;
  const modName = from.type === ModuleType ? moduleNameOf(from) : '?';
  return raiseImportError(
    ImportErrorType,
    `cannot import name '${name.value}' from '${modName}' (unknown location)`,
    modName,
  );
}

function moduleNameOf(m: PyObject): string {
  const d = (m as PyModule).dict;
  const n = d !== null ? dictGetStr(d, staticId('__name__')) : null;
  return n !== null && isStr(n) ? (n as PyStr).value : '?';
}

/** IMPORT_STAR: every public name (or __all__) into the current namespace. */
export function importStar(f: Frame, from: PyObject): void {
  const ns = f.locals as PyDict;
  const all = lookupAttr(from, staticId('__all__'));
  if (all !== null) {
    const names = iterateToArray(all);
    decref(all);
    try {
      for (const n of names) {
        const v = getAttr(from, n as PyStr);
        dictSetItem(ns, n, v);
        decref(v);
      }
    } finally {
      for (const n of names) decref(n);
    }
    return;
  }
  const d = (from as PyModule).dict!;
  for (const [k, v] of dictItems(d)) {
    if (isStr(k) && !(k as PyStr).value.startsWith('_')) dictSetItem(ns, k, v);
  }
}

export type { PyTuple };
