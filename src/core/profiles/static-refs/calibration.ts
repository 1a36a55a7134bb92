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
import { asciiIdentifierStrs, latin1Char, EmptyStr, staticId } from '../../objects/unicodeobject';
import { builtinStaticTypes } from '../../objects/typeobject';
import { byteCharacter, EmptyBytes } from '../../objects/bytesobject';
import { None, Ellipsis, NotImplemented } from '../../objects/noneobject';
import { True, False } from '../../objects/boolobject';
import { EmptyTuple } from '../../objects/tupleobject';
import { NSMALLNEGINTS } from '../cpython311';
import type { PyObject } from '../../objects/object';
import type { PyModule } from '../../objects/moduleobject';
import { dictGetStr } from '../../objects/dictobject';

interface Calibration {
  ints: number[];
  chars: number[];
  identifiers: number[];
  bytes: number[];
  singletons: number[];
  /** sys, builtins: modules the engine makes for each run (importers' globals hold them in CPython). */
  modules: number[];
  /** The static identifier strings (profiles/static-strings), by value. */
  names: Record<string, number>;
  /** The static types, by `module.qualname`. */
  types: Record<string, number>;
  /** Objects the run's builtins and sys modules hold (builtin functions, sys.stdout…), by `module.name`. */
  attributes: Record<string, number>;
}

/** The static objects probe.py measures, in the order of its `singletons` list. */
function singletons(): PyObject[] {
  return [None, True, False, Ellipsis, NotImplemented, EmptyTuple, EmptyStr, EmptyBytes];
}

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
  for (const [name, delta] of Object.entries(c.names)) adjust(staticId(name), delta);
  for (const t of new Set(builtinStaticTypes())) {
    const delta = c.types[`${t.module}.${t.qualname}`];
    if (delta !== undefined) adjust(t, delta);
  }
}

/**
 * The references CPython's startup holds to the run's own sys and builtins modules (each
 * `import sys` of its modules is a global) and to their objects (builtin functions,
 * sys.stdout…: its copies of both module dicts…), added when the modules are made.
 * Returns every object whose count now includes CPython's startup references.
 */
export function applyStartupRefs(sys: PyModule, builtins: PyModule): PyObject[] {
  const c = calibration as Calibration;
  const [sysRefs, builtinsRefs] = c.modules;
  sys.refcnt += sysRefs;
  builtins.refcnt += builtinsRefs;
  // sys.stderr and sys.__stderr__ are one object: its delta is measured twice, added once.
  const attributes = new Set<PyObject>();
  for (const [key, delta] of Object.entries(c.attributes)) {
    const [moduleName, name] = key.split('.', 2);
    const value = dictGetStr((moduleName === 'sys' ? sys : builtins).dict!, staticId(name));
    if (value === null || attributes.has(value)) continue;
    value.refcnt += delta;
    attributes.add(value);
  }
  return [...calibrated, sys, builtins, ...attributes];
}
