/**
 * _bisect: bisect_left/right and insort_left/right (with key= since 3.10), which
 * py/bisect.py re-exports as CPython's bisect.py does. @cpython Modules/_bisectmodule.c (3.11)
 *
 * Each probe is PySequence_GetItem(a, mid) (a new reference released after the compare),
 * the key called on it when given; bisect_right compares `x < a[mid]`, bisect_left
 * `a[mid] < x`. hi=None (or -1, as in CPython) means len(a). insort inserts into an exact
 * list directly (PyList_Insert), into anything else through its insert() method.
 */
import { CompareOp, PyObject, decref } from '../objects/object';
import { None } from '../objects/noneobject';
import { newInt } from '../objects/longobject';
import { ListType, listResize, type PyList } from '../objects/listobject';
import { DictType } from '../objects/dictobject';
import type { PyTuple } from '../objects/tupleobject';
import { staticId, type PyStr } from '../objects/unicodeobject';
import { asSsize, callMethod, callOneArg, objectLength, richCompareBool } from '../objects/abstract';
import { sequenceGetItem } from '../objects/iterobject';
import { OverflowErrorType, ValueErrorType } from '../objects/exceptions';
import { raise, typeError } from '../vm/errors';
import { moduleBuilder } from './moduledef';
import type { PyModule } from '../objects/moduleobject';

interface BisectArgs {
  a: PyObject;
  x: PyObject;
  lo: number;
  hi: number;
  key: PyObject;
}

const NAMES = ['a', 'x', 'lo', 'hi'];

/** The clinic parsing of `f(a, x, lo=0, hi=None, *, key=None)`. */
function parseArgs(fname: string, args: PyObject[], kwnames: PyTuple | null): BisectArgs {
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  const npos = args.length - nkw;
  if (npos > 4) typeError(`${fname}() takes at most 4 positional arguments (${npos} given)`);
  const slots: (PyObject | undefined)[] = [undefined, undefined, undefined, undefined, undefined];
  for (let i = 0; i < npos; i++) slots[i] = args[i];
  for (let i = 0; i < nkw; i++) {
    const name = (kwnames!.items[i] as PyStr).value;
    const at = name === 'key' ? 4 : NAMES.indexOf(name);
    if (at < 0) typeError(`'${name}' is an invalid keyword argument for ${fname}()`);
    if (slots[at] !== undefined) {
      typeError(`argument for ${fname}() given by name ('${name}') and position (${at + 1})`);
    }
    slots[at] = args[npos + i];
  }
  for (let i = 0; i < 2; i++) {
    if (slots[i] === undefined)
      typeError(`${fname}() missing required argument '${NAMES[i]}' (pos ${i + 1})`);
  }
  let lo = 0;
  if (slots[2] !== undefined) lo = asSsize(slots[2], OverflowErrorType);
  let hi = -1;
  const h = slots[3];
  if (h !== undefined && h !== None) {
    if (h.type.nb_index === undefined) {
      typeError(`argument should be integer or None, not '${h.type.name}'`);
    }
    hi = asSsize(h, OverflowErrorType);
  }
  return { a: slots[0]!, x: slots[1]!, lo, hi, key: slots[4] ?? None };
}

/** PySequence_Size. */
function sequenceSize(o: PyObject): number {
  if (o.type === DictType || o.type.isSubtypeOf(DictType)) typeError(`${o.type.name} is not a sequence`);
  return objectLength(o);
}

/** PySequence_GetItem(a, i) (a list or tuple's slot read directly), then key(item). */
function probe(a: PyObject, i: number, key: PyObject): PyObject {
  const item = sequenceGetItem(a, i);
  if (key === None) return item;
  try {
    return callOneArg(key, item);
  } finally {
    decref(item);
  }
}

/** internal_bisect_right / internal_bisect_left. */
function internalBisect(
  a: PyObject,
  x: PyObject,
  lo: number,
  hi: number,
  key: PyObject,
  right: boolean,
): number {
  if (lo < 0) raise(ValueErrorType, 'lo must be non-negative');
  if (hi === -1) hi = sequenceSize(a);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const item = probe(a, mid, key);
    let res: boolean;
    try {
      res = right ? richCompareBool(x, item, CompareOp.LT) : richCompareBool(item, x, CompareOp.LT);
    } finally {
      decref(item);
    }
    if (right ? res : !res) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function bisect(fname: string, right: boolean) {
  return (args: PyObject[], kwnames: PyTuple | null): PyObject => {
    const p = parseArgs(fname, args, kwnames);
    return newInt(internalBisect(p.a, p.x, p.lo, p.hi, p.key, right));
  };
}

/** PyList_Insert (ins1). */
function listInsert(l: PyList, where: number, v: PyObject): void {
  const n = l.items.length;
  listResize(l, n + 1);
  if (where > n) where = n;
  l.items.length = n;
  v.refcnt++;
  l.items.splice(where, 0, v);
}

function insort(fname: string, right: boolean) {
  return (args: PyObject[], kwnames: PyTuple | null): PyObject => {
    const p = parseArgs(fname, args, kwnames);
    let index: number;
    if (p.key === None) index = internalBisect(p.a, p.x, p.lo, p.hi, p.key, right);
    else {
      const keyX = callOneArg(p.key, p.x);
      try {
        index = internalBisect(p.a, keyX, p.lo, p.hi, p.key, right);
      } finally {
        decref(keyX);
      }
    }
    if (p.a.type === ListType) listInsert(p.a as PyList, index, p.x);
    else {
      const i = newInt(index);
      try {
        decref(callMethod(p.a, staticId('insert'), [i, p.x]));
      } finally {
        decref(i);
      }
    }
    None.refcnt++;
    return None;
  };
}

export function createBisectModule(): PyModule {
  const { module, fn } = moduleBuilder('_bisect');
  fn('bisect_right', bisect('bisect_right', true));
  fn('insort_right', insort('insort_right', true));
  fn('bisect_left', bisect('bisect_left', false));
  fn('insort_left', insort('insort_left', false));
  return module;
}
