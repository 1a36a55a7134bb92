/**
 * range, range_iterator and longrange_iterator. @cpython Objects/rangeobject.c (3.11)
 *
 * A range is a 48-byte non-GC object holding four ints (start, stop, step, length),
 * all computed with int objects the way CPython does (temporaries included). Its
 * iterator is a 48-byte non-GC `range_iterator` of C longs when start, stop, step and
 * the length fit in a C long, else a `longrange_iterator` of int objects (also not GC,
 * though it holds references).
 */
import { CompareOp, PyObject, PyType, decref } from './object';
import { staticType } from './roots';
import { allocObject, freeObject } from '../memory/alloc';
import {
  IntType,
  PyLong,
  intAdd,
  intCompare,
  intFloorDiv,
  intMod,
  intMul,
  intNeg,
  intSign,
  intSub,
  newInt,
  newIntValue,
  smallInt,
  type IntValue,
} from './longobject';
import { BoolType, newBool } from './boolobject';
import { None, newNotImplemented } from './noneobject';
import { newStr } from './unicodeobject';
import { getIter, iterNext, numberIndex, objectRepr, richCompareBool } from './abstract';
import { raise, typeError, valueError } from '../vm/errors';
import { exactArgs, noKeywords } from '../vm/args';
import { IndexErrorType, OverflowErrorType } from './exceptions';
import { isSlice, type PySlice } from './sliceobject';
import { tupleAlloc, tupleHashBig, newTuple, registerExactHash } from './tupleobject';
import { rt } from '../vm/runtime';

export const RangeType: PyType = staticType({ name: 'range', basicsize: 48 });
export const RangeIterType: PyType = staticType({ name: 'range_iterator', basicsize: 48 });
export const LongRangeIterType: PyType = staticType({ name: 'longrange_iterator', basicsize: 48 });

export class PyRange extends PyObject {
  constructor(
    public start: PyLong,
    public stop: PyLong,
    public step: PyLong,
    public length: PyLong,
  ) {
    super(RangeType);
  }
}

// ------------------------------------------------------------------ int helpers

const v = (o: PyObject): IntValue => (o as PyLong).value;
const ZERO = (): PyLong => smallInt(0);
const ONE = (): PyLong => smallInt(1);
const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);
const big = (x: IntValue): bigint => (typeof x === 'bigint' ? x : BigInt(x));
const norm = (x: bigint): IntValue =>
  x <= BigInt(Number.MAX_SAFE_INTEGER) && x >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(x) : x;

/** PyNumber_Add/Subtract/… of two exact ints: a new int object. */
const add = (a: PyObject, b: PyObject): PyLong => newIntValue(intAdd(v(a), v(b)));
const sub = (a: PyObject, b: PyObject): PyLong => newIntValue(intSub(v(a), v(b)));
const mul = (a: PyObject, b: PyObject): PyLong => newIntValue(intMul(v(a), v(b)));
const floordiv = (a: PyObject, b: PyObject): PyLong => newIntValue(intFloorDiv(v(a), v(b)));
const mod = (a: PyObject, b: PyObject): PyLong => newIntValue(intMod(v(a), v(b)));
const cmp = (a: PyObject, b: PyObject): number => intCompare(v(a), v(b));

/** PyNumber_Index, with int subclasses (bool) copied to exact ints. */
export function indexExact(o: PyObject): PyLong {
  const r = numberIndex(o);
  if (r.type === IntType) return r;
  const value = r.value;
  decref(r);
  return newIntValue(value);
}

/** PyLong_AsLong succeeds. */
const fitsLong = (x: IntValue): boolean => {
  if (typeof x === 'number') return true;
  return x >= LONG_MIN && x <= LONG_MAX;
};

// ------------------------------------------------------------------ construction

/** @cpython Objects/rangeobject.c compute_range_length */
function computeRangeLength(start: PyLong, stop: PyLong, step: PyLong): PyLong {
  let lo: PyLong;
  let hi: PyLong;
  if (intSign(v(step)) > 0) {
    lo = start;
    hi = stop;
    step.refcnt++;
  } else {
    lo = stop;
    hi = start;
    step = newIntValue(intNeg(v(step)));
  }
  if (cmp(lo, hi) >= 0) {
    decref(step);
    const z = ZERO();
    return (z.refcnt++, z);
  }
  const tmp1 = sub(hi, lo);
  const diff = sub(tmp1, ONE());
  const tmp2 = floordiv(diff, step);
  const result = add(tmp2, ONE());
  decref(tmp2);
  decref(diff);
  decref(step);
  decref(tmp1);
  return result;
}

/** make_range_object: steals start, stop and step. */
function makeRangeObject(start: PyLong, stop: PyLong, step: PyLong): PyRange {
  const length = computeRangeLength(start, stop, step);
  let obj: PyRange;
  try {
    obj = allocObject(new PyRange(start, stop, step, length), 48);
  } catch (e) {
    decref(length);
    throw e;
  }
  return obj;
}

/** validate_step. */
function validateStep(step: PyObject | undefined): PyLong {
  if (step === undefined) {
    const one = ONE();
    return (one.refcnt++, one);
  }
  const s = indexExact(step);
  if (intSign(s.value) === 0) {
    decref(s);
    valueError('range() arg 3 must not be zero');
  }
  return s;
}

/** @cpython Objects/rangeobject.c range_from_array */
function rangeFromArray(args: PyObject[]): PyRange {
  let start: PyLong;
  let stop: PyLong;
  let step: PyLong;
  switch (args.length) {
    case 3:
    case 2: {
      start = indexExact(args[0]);
      try {
        stop = indexExact(args[1]);
      } catch (e) {
        decref(start);
        throw e;
      }
      try {
        step = validateStep(args[2]);
      } catch (e) {
        decref(start);
        decref(stop);
        throw e;
      }
      break;
    }
    case 1:
      stop = indexExact(args[0]);
      start = ZERO();
      start.refcnt++;
      step = ONE();
      step.refcnt++;
      break;
    case 0:
      return typeError('range expected at least 1 argument, got 0');
    default:
      return typeError(`range expected at most 3 arguments, got ${args.length}`);
  }
  try {
    return makeRangeObject(start, stop, step);
  } catch (e) {
    decref(start);
    decref(stop);
    decref(step);
    throw e;
  }
}

/** A new range (for callers outside this module): arguments borrowed, as `range(*args)`. */
export function newRange(args: PyObject[]): PyRange {
  return rangeFromArray(args);
}

RangeType.tp_vectorcall = (_type, args, kwnames) => {
  noKeywords('range', kwnames);
  return rangeFromArray(args);
};
RangeType.tp_new = (_type, args, kwnames) => {
  noKeywords('range', kwnames);
  return rangeFromArray(args);
};

RangeType.tp_dealloc = (o) => {
  const r = o as PyRange;
  decref(r.start);
  decref(r.stop);
  decref(r.step);
  decref(r.length);
  freeObject(r);
};

// ------------------------------------------------------------------ sequence

/** range_length: PyLong_AsSsize_t(length). */
function rangeLength(o: PyObject): number {
  const len = v((o as PyRange).length);
  if (typeof len === 'bigint') {
    if (len > LONG_MAX) raise(OverflowErrorType, 'Python int too large to convert to C ssize_t');
    return Number(len);
  }
  return len;
}

/** compute_item: start + i * step (start + i when step is the cached 1). */
function computeItem(r: PyRange, i: PyLong): PyLong {
  if (r.step === ONE()) return add(r.start, i);
  const incr = mul(i, r.step);
  const result = add(r.start, incr);
  decref(incr);
  return result;
}

/** compute_range_item: IndexError outside the range. */
function computeRangeItem(r: PyRange, arg: PyLong): PyLong {
  let i: PyLong;
  if (intSign(arg.value) < 0) i = add(r.length, arg);
  else i = (arg.refcnt++, arg);
  if (intSign(i.value) < 0 || cmp(i, r.length) >= 0) {
    decref(i);
    return raise(IndexErrorType, 'range object index out of range');
  }
  const result = computeItem(r, i);
  decref(i);
  return result;
}

/** evaluate_slice_index. */
function evaluateSliceIndex(o: PyObject): PyLong {
  if (o.type.nb_index !== undefined) return indexExact(o);
  return typeError('slice indices must be integers or None or have an __index__ method');
}

/** _PySlice_GetLongIndices: start, stop, step as ints clamped to the length. */
function sliceLongIndices(slice: PySlice, length: PyLong): [PyLong, PyLong, PyLong] {
  const owned: PyLong[] = [];
  const keep = (x: PyLong): PyLong => (owned.push(x), x);
  try {
    let step: PyLong;
    let stepNegative: boolean;
    if (slice.step === None) {
      step = ONE();
      step.refcnt++;
      stepNegative = false;
    } else {
      step = evaluateSliceIndex(slice.step);
      const sign = intSign(step.value);
      if (sign === 0) {
        decref(step);
        valueError('slice step cannot be zero');
      }
      stepNegative = sign < 0;
    }
    keep(step);
    let lower: PyLong;
    let upper: PyLong;
    if (stepNegative) {
      lower = keep(newIntValue(-1));
      upper = keep(add(length, lower));
    } else {
      lower = ZERO();
      lower.refcnt++;
      keep(lower);
      upper = length;
      upper.refcnt++;
      keep(upper);
    }
    const bound = (o: PyObject, none: PyLong): PyLong => {
      if (o === None) return (none.refcnt++, none);
      let x = evaluateSliceIndex(o);
      if (intSign(x.value) < 0) {
        const tmp = add(x, length);
        decref(x);
        x = tmp;
        if (cmp(x, lower) < 0) {
          lower.refcnt++;
          decref(x);
          x = lower;
        }
      } else if (cmp(x, upper) > 0) {
        upper.refcnt++;
        decref(x);
        x = upper;
      }
      return x;
    };
    const start = bound(slice.start, stepNegative ? upper : lower);
    let stop: PyLong;
    try {
      stop = bound(slice.stop, stepNegative ? lower : upper);
    } catch (e) {
      decref(start);
      throw e;
    }
    owned.splice(owned.indexOf(step), 1);
    return [start, stop, step];
  } finally {
    // upper then lower (and step on error), as the C code releases them.
    for (let i = owned.length - 1; i >= 0; i--) decref(owned[i]);
  }
}

/** compute_slice: a new range of the same type. */
function computeSlice(r: PyRange, slice: PySlice): PyRange {
  const [start0, stop0, step0] = sliceLongIndices(slice, r.length);
  let start: PyLong | null = start0;
  let stop: PyLong | null = stop0;
  let step: PyLong | null = step0;
  let substep: PyLong | null = null;
  let substart: PyLong | null = null;
  let substop: PyLong | null = null;
  try {
    substep = mul(r.step, step);
    decref(step);
    step = null;
    substart = computeItem(r, start);
    decref(start);
    start = null;
    substop = computeItem(r, stop);
    decref(stop);
    stop = null;
    const result = makeRangeObject(substart, substop, substep);
    substart = substop = substep = null;
    return result;
  } finally {
    for (const x of [start, stop, step, substart, substop, substep]) if (x !== null) decref(x);
  }
}

/** range_contains_long (ob is an int or a bool). */
function rangeContainsLong(r: PyRange, ob: PyObject): boolean {
  let c2: boolean;
  let c3: boolean;
  if (intSign(r.step.value) > 0) {
    c2 = cmp(r.start, ob) <= 0;
    c3 = cmp(ob, r.stop) < 0;
  } else {
    c2 = cmp(ob, r.start) <= 0;
    c3 = cmp(r.stop, ob) < 0;
  }
  if (!c2 || !c3) return false;
  const tmp1 = sub(ob, r.start);
  let tmp2: PyLong;
  try {
    tmp2 = mod(tmp1, r.step);
  } catch (e) {
    decref(tmp1);
    throw e;
  }
  const result = intSign(tmp2.value) === 0;
  decref(tmp1);
  decref(tmp2);
  return result;
}

const isIntOrBool = (o: PyObject): boolean => o.type === IntType || o.type === BoolType;

/** _PySequence_IterSearch over a range (item == obj, item first). */
function iterSearch(seq: PyObject, obj: PyObject, operation: 'count' | 'index' | 'contains'): number {
  const it = getIter(seq);
  let n = 0;
  try {
    for (;;) {
      const item = iterNext(it);
      if (item === null) break;
      let eq: boolean;
      try {
        eq = richCompareBool(item, obj, CompareOp.EQ);
      } finally {
        decref(item);
      }
      if (eq) {
        if (operation === 'contains') return 1;
        if (operation === 'index') return n;
        n++;
      } else if (operation === 'index') {
        n++;
      }
    }
  } finally {
    decref(it);
  }
  if (operation === 'index') valueError('sequence.index(x): x not in sequence');
  return operation === 'contains' ? 0 : n;
}

function rangeContains(o: PyObject, ob: PyObject): boolean {
  if (isIntOrBool(ob)) return rangeContainsLong(o as PyRange, ob);
  return iterSearch(o, ob, 'contains') === 1;
}

/** range_equals: same length, and (when non-empty) same start and, beyond one item, same step. */
function rangeEquals(r0: PyRange, r1: PyRange): boolean {
  if (r0 === r1) return true;
  if (cmp(r0.length, r1.length) !== 0) return false;
  if (intSign(r0.length.value) === 0) return true;
  if (cmp(r0.start, r1.start) !== 0) return false;
  if (cmp(r0.length, ONE()) === 0) return true;
  return cmp(r0.step, r1.step) === 0;
}

function rangeRichCompare(self: PyObject, other: PyObject, op: CompareOp): PyObject {
  if (other.type !== RangeType) return newNotImplemented();
  if (op === CompareOp.EQ || op === CompareOp.NE) {
    const result = rangeEquals(self as PyRange, other as PyRange);
    return newBool(op === CompareOp.NE ? !result : result);
  }
  return newNotImplemented();
}

/** range_hash: hash((len, start or None, step or None)) through a real 3-tuple. */
function rangeHashBig(o: PyObject): bigint {
  const r = o as PyRange;
  const t = tupleAlloc(3);
  r.length.refcnt++;
  const items: PyObject[] = [r.length];
  if (intSign(r.length.value) === 0) {
    None.refcnt += 2;
    items.push(None, None);
  } else {
    r.start.refcnt++;
    items.push(r.start);
    if (cmp(r.length, ONE()) === 0) {
      None.refcnt++;
      items.push(None);
    } else {
      r.step.refcnt++;
      items.push(r.step);
    }
  }
  t.items = items;
  rt.gc.track(t);
  try {
    return tupleHashBig(t);
  } finally {
    decref(t);
  }
}
const rangeHash = (o: PyObject): number => Number(rangeHashBig(o));
registerExactHash(rangeHash, rangeHashBig);

/** range_repr: the step is shown unless it is 1. */
function rangeRepr(o: PyObject): PyObject {
  const r = o as PyRange;
  const s = v(r.step);
  const parts = [r.start, r.stop];
  if (!(typeof s === 'number' && s === 1)) parts.push(r.step);
  const texts = parts.map((p) => {
    const t = objectRepr(p);
    const text = t.value;
    decref(t);
    return text;
  });
  return newStr(`range(${texts.join(', ')})`);
}

/** range_subscript. */
function rangeSubscript(o: PyObject, item: PyObject): PyObject {
  const r = o as PyRange;
  if (item.type.nb_index !== undefined) {
    const i = indexExact(item);
    try {
      return computeRangeItem(r, i);
    } finally {
      decref(i);
    }
  }
  if (isSlice(item)) return computeSlice(r, item as PySlice);
  return typeError(`range indices must be integers or slices, not ${item.type.name}`);
}

function rangeCount(r: PyRange, ob: PyObject): PyObject {
  if (isIntOrBool(ob)) return newIntValue(rangeContainsLong(r, ob) ? 1 : 0);
  return newIntValue(iterSearch(r, ob, 'count'));
}

function rangeIndex(r: PyRange, ob: PyObject): PyObject {
  if (!isIntOrBool(ob)) return newIntValue(iterSearch(r, ob, 'index'));
  if (rangeContainsLong(r, ob)) {
    const idx = sub(ob, r.start);
    if (r.step === ONE()) return idx;
    const sidx = floordiv(idx, r.step);
    decref(idx);
    return sidx;
  }
  const t = objectRepr(ob);
  const text = t.value;
  decref(t);
  return valueError(`${text} is not in range`);
}

RangeType.tp_repr = rangeRepr;
RangeType.tp_hash = rangeHash;
RangeType.tp_richcompare = rangeRichCompare;
RangeType.tp_iter = (o) => rangeIter(o as PyRange);
RangeType.mp_length = rangeLength;
RangeType.mp_subscript = rangeSubscript;
RangeType.sq_contains = rangeContains;
RangeType.nb_bool = (o) => intSign((o as PyRange).length.value) !== 0;

RangeType.methodSpecs.push(
  {
    name: '__reversed__',
    call: (self, args, kw) => {
      exactArgs('range.__reversed__', args, kw, 0);
      return rangeReverse(self as PyRange);
    },
  },
  {
    name: '__reduce__',
    call: (self) => {
      const r = self as PyRange;
      RangeType.refcnt++;
      r.start.refcnt++;
      r.stop.refcnt++;
      r.step.refcnt++;
      return newTuple([RangeType, newTuple([r.start, r.stop, r.step])]);
    },
  },
  {
    name: 'count',
    call: (self, args, kw) => {
      exactArgs('range.count', args, kw, 1);
      return rangeCount(self as PyRange, args[0]);
    },
  },
  {
    name: 'index',
    call: (self, args, kw) => {
      exactArgs('range.index', args, kw, 1);
      return rangeIndex(self as PyRange, args[0]);
    },
  },
);
for (const name of ['start', 'stop', 'step'] as const) {
  RangeType.getsetSpecs.push({
    name,
    get: (o) => {
      const x = (o as PyRange)[name];
      return (x.refcnt++, x);
    },
  });
}

// ------------------------------------------------------------------ range_iterator

export class PyRangeIter extends PyObject {
  index: IntValue = 0;
  /** Every value the iterator can produce is a safe JS integer: plain number arithmetic. */
  readonly safe: boolean;
  constructor(
    public start: IntValue,
    public step: IntValue,
    public len: IntValue,
  ) {
    super(RangeIterType);
    this.safe =
      typeof start === 'number' &&
      typeof step === 'number' &&
      typeof len === 'number' &&
      Number.isSafeInteger(Math.abs(start) + Math.abs(step) * len);
  }
}

function fastRangeIter(start: IntValue, step: IntValue, len: IntValue): PyRangeIter {
  return allocObject(new PyRangeIter(start, step, len), 48);
}

RangeIterType.tp_iter = (o) => (o.refcnt++, o);
RangeIterType.tp_iternext = (o) => {
  const r = o as PyRangeIter;
  if (r.safe) {
    const i = r.index as number;
    if (i >= (r.len as number)) return null;
    r.index = i + 1;
    return newInt((r.start as number) + i * (r.step as number));
  }
  if (intCompare(r.index, r.len) < 0) {
    const i = r.index;
    r.index = intAdd(i, 1);
    return newIntValue(intAdd(r.start, intMul(i, r.step)));
  }
  return null;
};
RangeIterType.tp_dealloc = (o) => freeObject(o);
const rangeIterLen = (o: PyObject): IntValue => {
  const r = o as PyRangeIter;
  return intSub(r.len, r.index);
};
RangeIterType.lengthHint = (o) => Number(rangeIterLen(o));
RangeIterType.methodSpecs.push({
  name: '__length_hint__',
  call: (self, args, kw) => {
    exactArgs('range_iterator.__length_hint__', args, kw, 0);
    return newIntValue(rangeIterLen(self));
  },
});

/** get_len_of_range on C longs (exact in bigint). */
function lenOfRange(lo: bigint, hi: bigint, step: bigint): bigint {
  if (step > 0n && lo < hi) return 1n + (hi - 1n - lo) / step;
  if (step < 0n && lo > hi) return 1n + (lo - 1n - hi) / -step;
  return 0n;
}

// ------------------------------------------------------------------ longrange_iterator

export class PyLongRangeIter extends PyObject {
  constructor(
    public index: PyLong | null,
    public start: PyLong | null,
    public step: PyLong | null,
    public len: PyLong | null,
  ) {
    super(LongRangeIterType);
  }
}

LongRangeIterType.tp_iter = (o) => (o.refcnt++, o);
LongRangeIterType.tp_iternext = (o) => {
  const r = o as PyLongRangeIter;
  if (cmp(r.index!, r.len!) >= 0) return null;
  const newIndex = add(r.index!, ONE());
  const product = mul(r.index!, r.step!);
  const result = add(r.start!, product);
  decref(product);
  const old = r.index!;
  r.index = newIndex;
  decref(old);
  return result;
};
LongRangeIterType.tp_dealloc = (o) => {
  const r = o as PyLongRangeIter;
  for (const x of [r.index, r.start, r.step, r.len]) if (x !== null) decref(x);
  freeObject(r);
};
const longRangeIterLen = (o: PyObject): IntValue => {
  const r = o as PyLongRangeIter;
  return intSub(v(r.len!), v(r.index!));
};
LongRangeIterType.lengthHint = (o) => Number(longRangeIterLen(o));
LongRangeIterType.methodSpecs.push({
  name: '__length_hint__',
  call: (self, args, kw) => {
    exactArgs('longrange_iterator.__length_hint__', args, kw, 0);
    return newIntValue(longRangeIterLen(self));
  },
});

/** range_iter: the C-long iterator when everything fits, else the int-object one. */
export function rangeIter(r: PyRange): PyObject {
  const s = v(r.start);
  const e = v(r.stop);
  const st = v(r.step);
  if (fitsLong(s) && fitsLong(e) && fitsLong(st)) {
    const lstart = big(s);
    const lstop = big(e);
    const lstep = big(st);
    const ulen = lenOfRange(lstart, lstop, lstep);
    let ok = ulen <= LONG_MAX;
    if (ok && ulen !== 0n) {
      if (lstep > 0n) {
        if (lstop > LONG_MAX - (lstep - 1n)) ok = false;
      } else if (lstop < LONG_MIN + (-1n - lstep)) {
        ok = false;
      }
    }
    if (ok) return fastRangeIter(s, st, norm(ulen));
  }
  r.start.refcnt++;
  r.step.refcnt++;
  r.length.refcnt++;
  const zero = ZERO();
  zero.refcnt++;
  return allocObject(new PyLongRangeIter(zero, r.start, r.step, r.length), 48);
}

/** range_reverse: reversed(range(start, stop, step)). */
export function rangeReverse(r: PyRange): PyObject {
  const s = v(r.start);
  const e = v(r.stop);
  const st = v(r.step);
  if (fitsLong(s) && fitsLong(e) && fitsLong(st)) {
    const lstart = big(s);
    const lstop = big(e);
    const lstep = big(st);
    let ok = lstep !== LONG_MIN;
    if (ok) {
      if (lstep > 0n) {
        if (lstart - LONG_MIN < lstep) ok = false;
      } else if (LONG_MAX - lstart < -lstep) {
        ok = false;
      }
    }
    if (ok) {
      const ulen = lenOfRange(lstart, lstop, lstep);
      if (ulen <= LONG_MAX) {
        const newStop = lstart - lstep;
        const newStart = newStop + ulen * lstep;
        return fastRangeIter(norm(newStart), norm(-lstep), norm(ulen));
      }
    }
  }
  const it = allocObject(new PyLongRangeIter(null, null, null, null), 48);
  try {
    r.length.refcnt++;
    it.len = r.length;
    const diff = sub(it.len, ONE());
    const product = mul(diff, r.step);
    decref(diff);
    const sum = add(r.start, product);
    decref(product);
    it.start = sum;
    it.step = newIntValue(intNeg(v(r.step)));
    const zero = ZERO();
    zero.refcnt++;
    it.index = zero;
  } catch (err) {
    decref(it);
    throw err;
  }
  return it;
}

export function isRange(o: PyObject): o is PyRange {
  return o.type === RangeType;
}
