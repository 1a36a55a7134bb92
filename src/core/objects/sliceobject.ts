/**
 * slice objects and index arithmetic. @cpython Objects/sliceobject.c (3.11)
 *
 * Slices are GC objects in 3.11, with a one-element cache (interp->slice_cache).
 */
import { CompareOp, PyObject, PyType, TypeFlag, decref, type Visit } from './object';
import { staticType } from './roots';
import { None, newNotImplemented } from './noneobject';
import { newBool } from './boolobject';
import { newStr } from './unicodeobject';
import { newTuple } from './tupleobject';
import { OverflowErrorType } from './exceptions';
import { exactArgs, noKeywords } from '../vm/args';
import { allocGCObject, gcDel } from '../memory/alloc';
import { rt } from '../vm/runtime';
import { asSsize, reprText, richCompare } from './abstract';
import { typeError, valueError } from '../vm/errors';
import { isInt, newInt, type PyLong } from './longobject';

export const SliceType: PyType = staticType({ name: 'slice', basicsize: 40, flags: TypeFlag.HAVE_GC });

export class PySlice extends PyObject {
  constructor(
    public start: PyObject,
    public stop: PyObject,
    public step: PyObject,
  ) {
    super(SliceType);
  }
}

/** PySlice_New: borrowed arguments. Reuses the cached slice when there is one. */
export function newSlice(start: PyObject, stop: PyObject, step: PyObject): PySlice {
  start.refcnt++;
  stop.refcnt++;
  step.refcnt++;
  const cached = rt.sliceCache;
  let s: PySlice;
  if (cached !== null) {
    rt.sliceCache = null;
    s = cached;
    s.refcnt = 1;
    s.start = start;
    s.stop = stop;
    s.step = step;
  } else {
    s = allocGCObject(new PySlice(start, stop, step), 40);
  }
  rt.gc.track(s);
  return s;
}

SliceType.tp_dealloc = (o) => {
  const s = o as PySlice;
  rt.gc.untrack(s);
  decref(s.step);
  decref(s.start);
  decref(s.stop);
  if (rt.sliceCache === null) rt.sliceCache = s;
  else gcDel(s);
};
SliceType.tp_traverse = (o, visit: Visit) => {
  const s = o as PySlice;
  visit(s.start, 'start');
  visit(s.stop, 'stop');
  visit(s.step, 'step');
};

const PY_SSIZE_T_MAX = Number.MAX_SAFE_INTEGER;

function sliceIndex(o: PyObject): number {
  if (isInt(o)) {
    const v = (o as PyLong).value;
    if (typeof v === 'number') return v;
    return v > 0n ? PY_SSIZE_T_MAX : -PY_SSIZE_T_MAX;
  }
  if (o.type.nb_index === undefined) {
    typeError('slice indices must be integers or None or have an __index__ method');
  }
  return asSsize(o);
}

/** PySlice_Unpack: start, stop, step with None filled in (before clamping to a length). */
export function sliceUnpack(s: PySlice): [number, number, number] {
  let step = 1;
  if (s.step !== None) {
    step = sliceIndex(s.step);
    if (step === 0) valueError('slice step cannot be zero');
  }
  const start = s.start === None ? (step < 0 ? PY_SSIZE_T_MAX : 0) : sliceIndex(s.start);
  const stop = s.stop === None ? (step < 0 ? -PY_SSIZE_T_MAX - 1 : PY_SSIZE_T_MAX) : sliceIndex(s.stop);
  return [start, stop, step];
}

/** PySlice_AdjustIndices: clamps to `length` and returns [start, stop, slicelength]. */
export function sliceAdjust(
  length: number,
  start: number,
  stop: number,
  step: number,
): [number, number, number] {
  if (start < 0) {
    start += length;
    if (start < 0) start = step < 0 ? -1 : 0;
  } else if (start >= length) {
    start = step < 0 ? length - 1 : length;
  }
  if (stop < 0) {
    stop += length;
    if (stop < 0) stop = step < 0 ? -1 : 0;
  } else if (stop >= length) {
    stop = step < 0 ? length - 1 : length;
  }
  let n = 0;
  if (step < 0) {
    if (stop < start) n = Math.floor((start - stop - 1) / -step) + 1;
  } else if (start < stop) {
    n = Math.floor((stop - start - 1) / step) + 1;
  }
  return [start, stop, n];
}

/** Unpack and adjust in one step: [start, stop, step, slicelength]. */
export function sliceIndices(s: PySlice, length: number): [number, number, number, number] {
  const [a, b, step] = sliceUnpack(s);
  const [start, stop, n] = sliceAdjust(length, a, b, step);
  return [start, stop, step, n];
}

export function isSlice(o: PyObject): o is PySlice {
  return o.type === SliceType;
}

// ------------------------------------------------------------------ the slice type's methods

/** slice_new: slice(stop), slice(start, stop[, step]). */
SliceType.tp_new = (_type, args, kwnames) => {
  noKeywords('slice', kwnames);
  if (args.length < 1) typeError(`slice expected at least 1 argument, got ${args.length}`);
  if (args.length > 3) typeError(`slice expected at most 3 arguments, got ${args.length}`);
  const [start, stop, step] =
    args.length === 1 ? [None, args[0]!, None] : [args[0]!, args[1]!, args[2] ?? None];
  return newSlice(start, stop, step);
};

SliceType.tp_repr = (o) => {
  const s = o as PySlice;
  return newStr(`slice(${reprText(s.start)}, ${reprText(s.stop)}, ${reprText(s.step)})`);
};

/** slice_richcompare: as the tuples (start, stop, step) compare. */
SliceType.tp_richcompare = (v, w, op) => {
  if (!isSlice(v) || !isSlice(w)) return newNotImplemented();
  if (v === w && (op === CompareOp.EQ || op === CompareOp.LE || op === CompareOp.GE)) return newBool(true);
  if (v === w && (op === CompareOp.NE || op === CompareOp.LT || op === CompareOp.GT)) return newBool(false);
  const parts = (s: PySlice) => [s.start, s.stop, s.step].map((x) => (x.refcnt++, x));
  const t1 = newTuple(parts(v));
  const t2 = newTuple(parts(w));
  try {
    return richCompare(t1, t2, op);
  } finally {
    decref(t1);
    decref(t2);
  }
};

for (const name of ['start', 'stop', 'step'] as const) {
  SliceType.getsetSpecs.push({
    name,
    get: (o) => {
      const x = (o as PySlice)[name];
      return (x.refcnt++, x);
    },
  });
}

SliceType.methodSpecs.push({
  name: 'indices',
  call: (self, args, kwnames) => {
    exactArgs('indices', args, kwnames, 1);
    const length = asSsize(args[0]!, OverflowErrorType);
    if (length < 0) valueError('length should not be negative');
    const [start, stop, step] = sliceIndices(self as PySlice, length);
    return newTuple([newInt(start), newInt(stop), newInt(step)]);
  },
});
