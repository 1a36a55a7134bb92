/**
 * References that CPython's own interpreter state holds to its static objects when a
 * program starts (code objects of the startup modules, the runtime's tables): in 3.11
 * these objects start at 999,999,999 and are counted like any other, so
 * `sys.getrefcount(1)` prints about 1,000,000,300. The engine does not load those
 * modules, so it adds the difference, measured with record.py from CPython 3.11.7
 * against the engine on probe.py (the program's own references are the engine's to model).
 */
import calibration from './calibration.json';
import { smallInt } from '../../objects/longobject';
import { asciiIdentifierStrs, latin1Char, EmptyStr } from '../../objects/unicodeobject';
import { byteCharacter, EmptyBytes } from '../../objects/bytesobject';
import { None, Ellipsis, NotImplemented } from '../../objects/noneobject';
import { True, False } from '../../objects/boolobject';
import { EmptyTuple } from '../../objects/tupleobject';
import { NSMALLNEGINTS } from '../cpython311';
import type { PyObject } from '../../objects/object';

interface Calibration {
  ints: number[];
  chars: number[];
  identifiers: number[];
  bytes: number[];
  singletons: number[];
  /** sys, builtins: modules the engine makes for each run (importers' globals hold them in CPython). */
  modules: number[];
}

/** The static objects probe.py measures, in the order of its `singletons` list. */
function singletons(): PyObject[] {
  return [None, True, False, Ellipsis, NotImplemented, EmptyTuple, EmptyStr, EmptyBytes];
}

export function applyStaticRefCalibration(): void {
  const c = calibration as Calibration;
  c.ints.forEach((delta, i) => (smallInt(i - NSMALLNEGINTS).refcnt += delta));
  c.chars.forEach((delta, i) => (latin1Char(i).refcnt += delta));
  const identifiers = asciiIdentifierStrs();
  c.identifiers.forEach((delta, i) => (identifiers[i].refcnt += delta));
  c.bytes.forEach((delta, i) => (byteCharacter(i).refcnt += delta));
  singletons().forEach((o, i) => (o.refcnt += c.singletons[i]));
}

/**
 * The references CPython's startup modules hold to the `sys` and `builtins` modules (each
 * `import sys` in them is a global): added to the run's own module objects when they are made.
 */
export function startupModuleRefs(): { sys: number; builtins: number } {
  const [sys, builtins] = (calibration as Calibration).modules;
  return { sys, builtins };
}
