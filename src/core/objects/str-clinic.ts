/**
 * Argument handling shared by str, bytes and bytearray methods: what Argument Clinic and
 * the method-descriptor call paths of CPython 3.11 do before a method body runs, with
 * their exact error messages, plus the conversion of the text helpers' TextError into
 * Python exceptions. @cpython Python/getargs.c, Objects/descrobject.c (method_check_args),
 * Objects/stringlib/find.h (stringlib_parse_args_finds), Python/ceval.c (_PyEval_SliceIndex)
 */
import { PyObject, decref } from './object';
import type { PyTuple } from './tupleobject';
import type { PyStr } from './unicodeobject';
import { None } from './noneobject';
import { isInt, type PyLong } from './longobject';
import { numberIndex } from './abstract';
import {
  IndexErrorType,
  KeyErrorType,
  LookupErrorType,
  OverflowErrorType,
  TypeErrorType,
  UnicodeEncodeErrorType,
  ValueErrorType,
} from './exceptions';
import { newException, raise, typeError } from '../vm/errors';
import { EncodeError, TextError } from '../text/errors';
import type { PyType } from './object';

export const PY_SSIZE_T_MAX = 9223372036854775807n;
export const PY_SSIZE_T_MIN = -9223372036854775808n;
const INT_MAX = 2147483647;
const INT_MIN = -2147483648;

// ------------------------------------------------------------ calling conventions

function nkw(kwnames: PyTuple | null): number {
  return kwnames === null ? 0 : kwnames.items.length;
}

/** method_check_args: METH_FASTCALL / METH_VARARGS methods refuse keywords. `q` is `str.center`. */
export function noKeywords(q: string, kwnames: PyTuple | null): void {
  if (nkw(kwnames) > 0) typeError(`${q}() takes no keyword arguments`);
}

/** METH_NOARGS: `str.upper() takes no arguments (1 given)`. */
export function noArgs(q: string, args: PyObject[], kwnames: PyTuple | null): void {
  noKeywords(q, kwnames);
  if (args.length !== 0) typeError(`${q}() takes no arguments (${args.length} given)`);
}

/** METH_O: `str.join() takes exactly one argument (0 given)`. Returns the argument. */
export function oneArg(q: string, args: PyObject[], kwnames: PyTuple | null): PyObject {
  noKeywords(q, kwnames);
  if (args.length !== 1) typeError(`${q}() takes exactly one argument (${args.length} given)`);
  return args[0];
}

/** _PyArg_CheckPositional: `center expected at least 1 argument, got 0`. */
export function checkPositional(name: string, nargs: number, min: number, max: number): void {
  if (nargs < min) {
    typeError(
      `${name} expected ${min === max ? '' : 'at least '}${min} argument${min === 1 ? '' : 's'}, got ${nargs}`,
    );
  }
  if (nargs === 0) return;
  if (nargs > max) {
    typeError(
      `${name} expected ${min === max ? '' : 'at most '}${max} argument${max === 1 ? '' : 's'}, got ${nargs}`,
    );
  }
}

/**
 * _PyArg_UnpackKeywords: positional-only parameters first (`posonly` of them), then the
 * named `keywords`. Returns one slot per parameter (undefined when not given).
 */
export function unpackKeywords(
  fname: string,
  args: PyObject[],
  kwnames: PyTuple | null,
  keywords: readonly string[],
  posonly: number,
  minpos: number,
  maxpos: number,
): (PyObject | undefined)[] {
  const nkwargs = nkw(kwnames);
  const nargs = args.length - nkwargs;
  const maxargs = posonly + keywords.length;
  const buf: (PyObject | undefined)[] = new Array(maxargs).fill(undefined);
  if (nkwargs === 0 && minpos <= nargs && nargs <= maxpos) {
    for (let i = 0; i < nargs; i++) buf[i] = args[i];
    return buf;
  }
  if (nargs + nkwargs > maxargs) {
    typeError(
      `${fname}() takes at most ${maxargs} ${nargs === 0 ? 'keyword ' : ''}argument${maxargs === 1 ? '' : 's'} (${nargs + nkwargs} given)`,
    );
  }
  if (nargs > maxpos) {
    if (maxpos === 0) typeError(`${fname}() takes no positional arguments`);
    typeError(
      `${fname}() takes ${minpos < maxpos ? 'at most' : 'exactly'} ${maxpos} positional argument${maxpos === 1 ? '' : 's'} (${nargs} given)`,
    );
  }
  const minposonly = Math.min(posonly, minpos);
  if (nargs < minposonly) {
    typeError(
      `${fname}() takes ${minposonly < maxpos ? 'at least' : 'exactly'} ${minposonly} positional argument${minposonly === 1 ? '' : 's'} (${nargs} given)`,
    );
  }
  for (let i = 0; i < nargs; i++) buf[i] = args[i];
  const names = kwnames === null ? [] : (kwnames.items as PyStr[]).map((k) => k.value);
  const find = (name: string): PyObject | undefined => {
    const j = names.indexOf(name);
    return j < 0 ? undefined : args[nargs + j];
  };
  let remaining = nkwargs;
  for (let i = Math.max(nargs, posonly); i < maxargs; i++) {
    let current: PyObject | undefined;
    if (remaining > 0) current = find(keywords[i - posonly]);
    else if (i >= minpos) break;
    buf[i] = current;
    if (current !== undefined) remaining--;
    else if (i < minpos) {
      typeError(`${fname}() missing required argument '${keywords[i - posonly]}' (pos ${i + 1})`);
    }
  }
  if (remaining > 0) {
    for (let i = posonly; i < nargs; i++) {
      const name = keywords[i - posonly];
      if (find(name) !== undefined) {
        typeError(`argument for ${fname}() given by name ('${name}') and position (${i + 1})`);
      }
    }
    for (const k of names) {
      if (!keywords.includes(k)) typeError(`'${k}' is an invalid keyword argument for ${fname}()`);
    }
    typeError(`invalid keyword argument for ${fname}()`);
  }
  return buf;
}

/** _PyArg_BadArgument: `replace() argument 1 must be str, not int`. */
export function badArgument(fname: string, displayname: string, expected: string, arg: PyObject): never {
  return typeError(
    `${fname}() ${displayname} must be ${expected}, not ${arg === None ? 'None' : arg.type.name}`,
  );
}

// ------------------------------------------------------------------ integers

function intValueOf(o: PyObject): bigint | number {
  const i = numberIndex(o);
  const v = (i as PyLong).value;
  decref(i);
  return v;
}

/** _PyNumber_Index + PyLong_AsSsize_t (clinic `Py_ssize_t`). */
export function ssizeArg(o: PyObject): number {
  const v = isInt(o) ? (o as PyLong).value : intValueOf(o);
  if (typeof v === 'number') return v;
  if (v > PY_SSIZE_T_MAX || v < PY_SSIZE_T_MIN) {
    return raise(OverflowErrorType, 'Python int too large to convert to C ssize_t');
  }
  return Number(v);
}

/** _PyLong_AsInt (clinic `int`). */
export function cIntArg(o: PyObject): number {
  const v = isInt(o) ? (o as PyLong).value : intValueOf(o);
  if (typeof v === 'number' && v <= INT_MAX && v >= INT_MIN) return v;
  return raise(OverflowErrorType, 'Python int too large to convert to C int');
}

/** PyNumber_AsSsize_t(o, excType): raises `excType` (or clamps when null) past the ssize_t range. */
export function asSsizeT(o: PyObject, excType: PyType | null): number {
  const v = isInt(o) ? (o as PyLong).value : intValueOf(o);
  if (typeof v === 'number') return v;
  if (v <= PY_SSIZE_T_MAX && v >= PY_SSIZE_T_MIN) return Number(v);
  if (excType === null) return v < 0n ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  return raise(excType, `cannot fit '${o.type.name}' into an index-sized integer`);
}

/**
 * _PyEval_SliceIndex for the optional start/end of find, count, startswith…: None keeps
 * the default; an index is clamped to the ssize_t range.
 */
export function sliceIndexArg(o: PyObject | undefined): number | null {
  if (o === undefined || o === None) return null;
  if (o.type.nb_index === undefined) {
    typeError('slice indices must be integers or None or have an __index__ method');
  }
  return asSsizeT(o, null);
}

// ------------------------------------------------------------------ text errors

const TEXT_ERROR_TYPES: Record<string, () => PyType> = {
  ValueError: () => ValueErrorType,
  TypeError: () => TypeErrorType,
  OverflowError: () => OverflowErrorType,
  IndexError: () => IndexErrorType,
  KeyError: () => KeyErrorType,
  LookupError: () => LookupErrorType,
};

/**
 * Raises the Python exception a text helper's TextError stands for. UnicodeEncodeError
 * gets CPython's five arguments (encoding, object, start, end, reason).
 */
export function raiseTextError(e: TextError): never {
  if (e instanceof EncodeError) {
    return raiseUnicodeError(
      UnicodeEncodeErrorType,
      e.encoding,
      newStrLazy(e.object),
      e.start,
      e.end,
      e.reason,
    );
  }
  const t = TEXT_ERROR_TYPES[e.pyType];
  if (t === undefined) throw e;
  return raise(t(), e.message);
}

/** Runs `fn`, turning a TextError into its Python exception. */
export function text<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof TextError) raiseTextError(e);
    throw e;
  }
}

/**
 * UnicodeEncodeError / UnicodeDecodeError(encoding, object, start, end, reason): `object`
 * is a new reference that the exception takes over.
 */
export function raiseUnicodeError(
  type: PyType,
  encoding: string,
  object: PyObject,
  start: number,
  end: number,
  reason: string,
): never {
  const enc = newStrLazy(encoding);
  const rsn = newStrLazy(reason);
  const s = newIntLazy(start);
  const en = newIntLazy(end);
  const e = newException(type, [enc, object, s, en, rsn]);
  for (const v of [enc, object, s, en, rsn]) v.refcnt++;
  e.fields = new Map([
    ['encoding', enc],
    ['object', object],
    ['start', s],
    ['end', en],
    ['reason', rsn],
  ]);
  throw e;
}

// Late-bound constructors (unicodeobject and longobject import this module).
import * as unicodeModule from './unicodeobject';
import * as longModule from './longobject';
function newStrLazy(s: string): PyObject {
  return unicodeModule.newStr(s);
}
function newIntLazy(n: number): PyObject {
  return longModule.newInt(n);
}
