/**
 * References that CPython's own interpreter state holds when a program starts (code objects
 * of the startup modules, their dicts, the runtime's tables) to the static objects (in 3.11
 * small ints, static strings and singletons start at 999,999,999 and are counted like any
 * other, so `sys.getrefcount(1)` prints about 1,000,000,300; builtin types start at 1), and
 * to the sys and builtins modules and their objects. The engine does not load those modules,
 * so it adds the difference, measured with record.py from CPython 3.11.7 against the engine
 * on probe.py (the program's own references are the engine's to model).
 */
import calibration from './calibration.json';
import { smallInt } from '../../objects/longobject';
import {
  asciiIdentifierStrs,
  latin1Char,
  EmptyStr,
  existingStaticStr,
  staticId,
  type PyStr,
} from '../../objects/unicodeobject';
import { builtinStaticTypes } from '../../objects/typeobject';
import { byteCharacter, EmptyBytes } from '../../objects/bytesobject';
import { None, Ellipsis, NotImplemented } from '../../objects/noneobject';
import { True, False } from '../../objects/boolobject';
import { EmptyTuple } from '../../objects/tupleobject';
import { NSMALLNEGINTS } from '../cpython311';
import { PyType, type PyObject } from '../../objects/object';
import { markCountUnknown, staticObjects } from '../../memory/static';
import { moduleName, type PyModule } from '../../objects/moduleobject';
import { dictGetStr, dictItems } from '../../objects/dictobject';

interface Calibration {
  ints: number[];
  chars: number[];
  identifiers: number[];
  bytes: number[];
  singletons: number[];
  /** sys, builtins and their dicts: the engine makes them for each run (CPython's startup modules hold them). */
  modules: number[];
  /** The static identifier strings (profiles/static-strings), by value. */
  names: Record<string, number>;
  /** The static types, by `module.qualname`. */
  types: Record<string, number>;
  /** The objects in the static types' dicts (descriptors…), by `module.qualname.name`. */
  descriptors: Record<string, number>;
  /** The modules CPython's startup loads that the engine loads on demand, by name. */
  preloaded: Record<string, number>;
  /** Objects the run's builtins and sys modules hold (builtin functions, sys.stdout…), by `module.name`. */
  attributes: Record<string, number>;
}

/** The static objects probe.py measures, in the order of its `singletons` list. */
function singletons(): PyObject[] {
  return [None, True, False, Ellipsis, NotImplemented, EmptyTuple, EmptyStr, EmptyBytes];
}

/** Counts this high are placeholders or 999,999,999-based: CPython's startup decides them. */
const PLACEHOLDER_FLOOR = 1 << 29;

/** The static objects whose counts the calibration set (borrowed). */
let calibrated: PyObject[] = [];

export function applyStaticRefCalibration(): void {
  const c = calibration as Calibration;
  const adjust = (o: PyObject, delta: number) => {
    o.refcnt += delta;
    calibrated.push(o);
  };
  calibrated = [];
  c.ints.forEach((delta, i) => adjust(smallInt(i - NSMALLNEGINTS), delta));
  c.chars.forEach((delta, i) => adjust(latin1Char(i), delta));
  const identifiers = asciiIdentifierStrs();
  c.identifiers.forEach((delta, i) => adjust(identifiers[i], delta));
  c.bytes.forEach((delta, i) => adjust(byteCharacter(i), delta));
  singletons().forEach((o, i) => adjust(o, c.singletons[i]));
  // A startup name the engine keeps as an ordinary string (unicodeobject.ts) has no static.
  for (const [name, delta] of Object.entries(c.names)) {
    const s = existingStaticStr(name);
    if (s !== undefined) adjust(s, delta);
  }
  const typesByKey = new Map(builtinStaticTypes().map((t) => [`${t.module}.${t.qualname}`, t]));
  for (const [key, t] of typesByKey) {
    const delta = c.types[key];
    if (delta !== undefined) adjust(t, delta);
    // The probe lists CPython's static types: one of the engine's it does not list is a type
    // CPython's C modules make on the heap.
    else t.heapInCPython = true;
  }
  for (const [key, delta] of Object.entries(c.descriptors)) {
    const dot = key.lastIndexOf('.');
    const t = typesByKey.get(key.slice(0, dot));
    const value =
      t?.dict === null || t === undefined ? null : dictGetStr(t.dict, staticId(key.slice(dot + 1)));
    if (value !== null) adjust(value, delta);
  }
  // What no probe measured: builtin types CPython does not have as static types (its heap
  // types, the engine's stand-ins) and placeholder or immortal counts (type dicts, docstrings).
  const measured = new Set(calibrated);
  for (const o of staticObjects()) {
    if (!measured.has(o) && (o instanceof PyType || o.refcnt >= PLACEHOLDER_FLOOR)) markCountUnknown(o);
  }
}

/** The static objects whose counts include CPython's startup references (borrowed). */
export function calibratedStaticObjects(): readonly PyObject[] {
  return calibrated;
}

/**
 * The references CPython's startup holds to the run's own sys and builtins modules (each
 * `import sys` of its modules is a global) and to their objects (builtin functions,
 * sys.stdout…: its copies of both module dicts…), added when the modules are made.
 * Returns the run's objects whose counts now include CPython's startup references.
 */
export function applyStartupRefs(sys: PyModule, builtins: PyModule): PyObject[] {
  const c = calibration as Calibration;
  // The two modules, then their dicts (every function of CPython's startup modules holds the
  // builtins dict as its func_builtins).
  const [sysRefs, builtinsRefs, sysDictRefs, builtinsDictRefs] = c.modules;
  sys.refcnt += sysRefs;
  builtins.refcnt += builtinsRefs;
  sys.dict!.refcnt += sysDictRefs ?? 0;
  builtins.dict!.refcnt += builtinsDictRefs ?? 0;
  const byKey = new Map<string, PyObject>();
  for (const module of [sys, builtins]) {
    for (const [name, value] of dictItems(module.dict!))
      byKey.set(`${moduleName(module)}.${(name as PyStr).value}`, value);
  }
  // sys.stderr and sys.__stderr__ are one object: its delta is measured twice, added once.
  const attributes = new Set<PyObject>();
  for (const [key, delta] of Object.entries(c.attributes)) {
    const value = byKey.get(key);
    if (value === undefined || attributes.has(value)) continue;
    value.refcnt += delta;
    attributes.add(value);
  }
  return [sys, builtins, sys.dict!, builtins.dict!, ...attributes];
}
