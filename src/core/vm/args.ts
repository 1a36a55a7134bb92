/**
 * Argument parsing for builtin callables (what Argument Clinic generates in CPython),
 * with CPython's error messages.
 */
import type { PyObject } from '../objects/object';
import type { PyTuple } from '../objects/tupleobject';
import type { PyStr } from '../objects/unicodeobject';
import { typeError } from './errors';

/** Splits vectorcall args into positionals and a name → value map of keywords (borrowed). */
export function splitKwargs(
  args: PyObject[],
  kwnames: PyTuple | null,
): { pos: PyObject[]; kw: Map<string, PyObject> | null } {
  if (kwnames === null || kwnames.items.length === 0) return { pos: args, kw: null };
  const nkw = kwnames.items.length;
  const npos = args.length - nkw;
  const kw = new Map<string, PyObject>();
  for (let i = 0; i < nkw; i++) kw.set((kwnames.items[i] as PyStr).value, args[npos + i]);
  return { pos: args.slice(0, npos), kw };
}

export function noKeywords(name: string, kwnames: PyTuple | null): void {
  if (kwnames !== null && kwnames.items.length > 0) typeError(`${name}() takes no keyword arguments`);
}

/** Exactly n positional arguments, no keywords. */
export function exactArgs(name: string, args: PyObject[], kwnames: PyTuple | null, n: number): void {
  noKeywords(name, kwnames);
  if (args.length !== n) {
    if (n === 0) typeError(`${name}() takes no arguments (${args.length} given)`);
    if (n === 1) typeError(`${name}() takes exactly one argument (${args.length} given)`);
    typeError(`${name} expected ${n} arguments, got ${args.length}`);
  }
}

/** Between min and max positional arguments, no keywords (the `|` of PyArg_ParseTuple). */
export function rangeArgs(
  name: string,
  args: PyObject[],
  kwnames: PyTuple | null,
  min: number,
  max: number,
): void {
  noKeywords(name, kwnames);
  if (args.length < min) {
    typeError(
      min === max
        ? `${name} expected ${min} argument${min === 1 ? '' : 's'}, got ${args.length}`
        : `${name} expected at least ${min} argument${min === 1 ? '' : 's'}, got ${args.length}`,
    );
  }
  if (args.length > max) {
    typeError(
      max === 0
        ? `${name}() takes no arguments (${args.length} given)`
        : `${name} expected at most ${max} argument${max === 1 ? '' : 's'}, got ${args.length}`,
    );
  }
}

/**
 * Positional-or-keyword parameters by name: returns one slot per name (undefined when not
 * given). `required` leading names must be present.
 */
export function parseParams(
  fname: string,
  args: PyObject[],
  kwnames: PyTuple | null,
  names: string[],
  required = 0,
  kwOnlyFrom = names.length,
): (PyObject | undefined)[] {
  const { pos, kw } = splitKwargs(args, kwnames);
  const maxPos = kwOnlyFrom;
  // _PyArg_UnpackKeywords: the total first, then the positional count.
  const given = pos.length + (kw?.size ?? 0);
  if (given > names.length) {
    const n = names.length;
    const what = pos.length === 0 ? 'keyword argument' : 'argument';
    typeError(`${fname}() takes at most ${n} ${what}${n === 1 ? '' : 's'} (${given} given)`);
  }
  if (pos.length > maxPos) {
    if (maxPos === 0) typeError(`${fname}() takes no positional arguments`);
    typeError(
      `${fname}() takes ${maxPos === required ? 'exactly' : 'at most'} ${maxPos} positional argument${maxPos === 1 ? '' : 's'} (${pos.length} given)`,
    );
  }
  const out: (PyObject | undefined)[] = new Array(names.length).fill(undefined);
  for (let i = 0; i < pos.length; i++) out[i] = pos[i];
  if (kw !== null) {
    for (const [k, v] of kw) {
      const i = names.indexOf(k);
      // A C function's parser words it this way (a Python function's: "got an unexpected …").
      if (i < 0) typeError(`'${k}' is an invalid keyword argument for ${fname}()`);
      if (out[i] !== undefined)
        typeError(`argument for ${fname}() given by name ('${k}') and position (${i + 1})`);
      out[i] = v;
    }
  }
  for (let i = 0; i < required; i++) {
    if (out[i] === undefined) typeError(`${fname}() missing required argument '${names[i]}' (pos ${i + 1})`);
  }
  return out;
}

/** PyArg_ParseTuple's count check (`"O|OO:count"`): `count() takes at least 1 argument (0 given)`. */
export function parseTupleCount(fname: string, nargs: number, min: number, max: number): void {
  if (nargs < min || nargs > max) {
    const n = nargs < min ? min : max;
    typeError(
      `${fname}() takes ${min === max ? 'exactly' : nargs < min ? 'at least' : 'at most'} ${n} argument${n === 1 ? '' : 's'} (${nargs} given)`,
    );
  }
}
