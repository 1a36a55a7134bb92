/**
 * The itertools module. @cpython Modules/itertoolsmodule.c (3.11)
 *
 * Every iterator type is a static GC type allocated by PyType_GenericAlloc (tracked at
 * once) and created through type_call, so `itertools.X(...)` packs its arguments into a
 * tuple first (none has vectorcall in 3.11; chain keeps an iterator over that tuple).
 * product, combinations, combinations_with_replacement, permutations and zip_longest
 * refill one result tuple while the caller does not hold it, and copy it when it does;
 * pairwise and groupby make a new tuple per item. Fields are released and visited in the
 * C order.
 */
import { CompareOp, PyObject, PyType, TypeFlag, decref, xdecref, type Visit } from '../objects/object';
import { staticType } from '../objects/roots';
import { None } from '../objects/noneobject';
import { BoolType } from '../objects/boolobject';
import { newStr, type PyStr } from '../objects/unicodeobject';
import { IntType, isInt, newInt, newIntValue, smallInt, type PyLong } from '../objects/longobject';
import {
  EmptyTuple,
  sequenceTuple,
  tupleAlloc,
  tupleFromBorrowed,
  tuplePack,
  type PyTuple,
} from '../objects/tupleobject';
import { newEmptyList, listAppend, type PyList } from '../objects/listobject';
import {
  asSsize,
  binaryOp,
  call,
  callObject,
  getIter,
  isTrue,
  iterNext,
  lookupAttr,
  getAttr,
  reprText,
  richCompareBool,
} from '../objects/abstract';
import { clearWeakrefs } from '../objects/weakrefobject';
import {
  OverflowErrorType,
  RuntimeErrorType,
  StopIterationType,
  ValueErrorType,
} from '../objects/exceptions';
import { isExceptionOf } from '../objects/iterobject';
import { raise, typeError } from '../vm/errors';
import { rt } from '../vm/runtime';
import { pyFree, pyMalloc } from '../memory/alloc';
import { staticId } from '../objects/unicodeobject';
import { moduleBuilder } from './moduledef';
import type { PyModule } from '../objects/moduleobject';
import { gcNew, genericAlloc, withCallArgs } from './cobject';
import { clearField, clearingDealloc, fieldSlots, itemPasses, releasingOnError } from './cutil';
import { noKeywords, parseTupleCount, rangeArgs } from '../vm/args';

const PY_SSIZE_T_MAX = 2 ** 63 - 1;

/** A new static itertools type (GC, subclassable unless said otherwise). */
function itType(name: string, basicsize: number, base = true): PyType {
  const t = staticType({
    name: `itertools.${name}`,
    qualname: name,
    module: 'itertools',
    basicsize,
    flags: TypeFlag.HAVE_GC | (base ? TypeFlag.BASETYPE : 0),
  });
  t.tp_iter = (o) => (o.refcnt++, o);
  return t;
}

/** Positional and keyword arguments by name, as Argument Clinic parses them. */
function parseArgs(
  fname: string,
  args: PyObject[],
  kwnames: PyTuple | null,
  names: string[],
  opts: { required: number; maxPos?: number; kwAllowed?: boolean; parseTuple?: boolean },
): (PyObject | undefined)[] {
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  const npos = args.length - nkw;
  const maxPos = opts.maxPos ?? names.length;
  // PyArg_ParseTupleAndKeywords (count) counts keywords too and words it its own way.
  if (opts.parseTuple === true) parseTupleCount(fname, args.length, 0, names.length);
  if (nkw > 0 && opts.kwAllowed === false) typeError(`${fname}() takes no keyword arguments`);
  if (npos > maxPos) {
    if (opts.kwAllowed === false || maxPos === names.length) {
      typeError(
        opts.required === maxPos
          ? `${fname} expected ${maxPos} argument${maxPos === 1 ? '' : 's'}, got ${npos}`
          : `${fname} expected at most ${maxPos} argument${maxPos === 1 ? '' : 's'}, got ${npos}`,
      );
    }
    typeError(
      `${fname}() takes at most ${maxPos} positional argument${maxPos === 1 ? '' : 's'} (${npos} given)`,
    );
  }
  const out: (PyObject | undefined)[] = new Array(names.length).fill(undefined);
  for (let i = 0; i < npos; i++) out[i] = args[i];
  for (let i = 0; i < nkw; i++) {
    const k = (kwnames!.items[i] as PyStr).value;
    const at = names.indexOf(k);
    if (at < 0) typeError(`'${k}' is an invalid keyword argument for ${fname}()`);
    if (out[at] !== undefined)
      typeError(`argument for ${fname}() given by name ('${k}') and position (${at + 1})`);
    out[at] = args[npos + i];
  }
  for (let i = 0; i < opts.required; i++) {
    if (out[i] === undefined) {
      if (opts.kwAllowed === false) {
        typeError(
          `${fname} expected ${opts.required === maxPos ? '' : 'at least '}${opts.required} argument${opts.required === 1 ? '' : 's'}, got ${npos}`,
        );
      }
      typeError(`${fname}() missing required argument '${names[i]}' (pos ${i + 1})`);
    }
  }
  return out;
}

/** PyTuple_New(n) with empty slots, tracked. */
function tupleWithSlots(n: number): PyTuple {
  if (n === 0) return (EmptyTuple.refcnt++, EmptyTuple);
  const t = tupleAlloc(n);
  t.items = new Array<PyObject>(n).fill(null as unknown as PyObject);
  rt.gc.track(t);
  return t;
}

const isRealInt = (o: PyObject): boolean => o.type === IntType || o.type.isSubtypeOf(IntType);

// ------------------------------------------------------------------ count

const CountType = itType('count', 40);
class PyCount extends PyObject {
  cnt = 0;
  longCnt: PyObject | null = null;
  longStep: PyObject | null = null;
}
fieldSlots<PyCount>(CountType, ['longCnt', 'longStep'], ['longCnt', 'longStep']);
CountType.tp_new = (type, args, kwnames) => {
  const [startArg, stepArg] = parseArgs('count', args, kwnames, ['start', 'step'], {
    required: 0,
    parseTuple: true,
  });
  const isNumber = (o: PyObject) =>
    o.type.nb_index !== undefined || o.type.nb_float !== undefined || o.type.nb_int !== undefined;
  if ((startArg !== undefined && !isNumber(startArg)) || (stepArg !== undefined && !isNumber(stepArg))) {
    typeError('a number is required');
  }
  let fast = (startArg === undefined || isRealInt(startArg)) && (stepArg === undefined || isRealInt(stepArg));
  let cnt = 0;
  let longCnt: PyObject;
  if (startArg !== undefined) {
    if (fast) {
      const v = (startArg as PyLong).value;
      if (typeof v === 'bigint' || v > PY_SSIZE_T_MAX || v < -PY_SSIZE_T_MAX - 1) fast = false;
      else cnt = v;
    }
    longCnt = startArg;
  } else longCnt = smallInt(0);
  longCnt.refcnt++;
  const longStep = stepArg ?? smallInt(1);
  longStep.refcnt++;
  if (fast && Number((longStep as PyLong).value) !== 1) fast = false;
  const lz = genericAlloc(new PyCount(type), type);
  if (fast) {
    decref(longCnt);
    lz.longCnt = null;
    lz.cnt = cnt;
  } else {
    lz.longCnt = longCnt;
    lz.cnt = PY_SSIZE_T_MAX;
  }
  lz.longStep = longStep;
  return lz;
};
CountType.tp_iternext = (o) => {
  const lz = o as PyCount;
  if (lz.cnt !== PY_SSIZE_T_MAX) return newIntValue(lz.cnt++);
  const longCnt = lz.longCnt ?? newIntValue(BigInt(PY_SSIZE_T_MAX));
  const steppedUp = binaryOp(longCnt, lz.longStep!, 'nb_add');
  lz.longCnt = steppedUp;
  return longCnt;
};
CountType.tp_repr = (o) => {
  const lz = o as PyCount;
  if (lz.cnt !== PY_SSIZE_T_MAX) return newStr(`count(${lz.cnt})`);
  const cnt = reprText(lz.longCnt!);
  const step = lz.longStep!;
  if (isInt(step) && Number((step as PyLong).value) === 1) return newStr(`count(${cnt})`);
  return newStr(`count(${cnt}, ${reprText(step)})`);
};

// ------------------------------------------------------------------ repeat

const RepeatType = itType('repeat', 32);
class PyRepeat extends PyObject {
  element: PyObject | null = null;
  cnt = -1;
}
fieldSlots<PyRepeat>(RepeatType, ['element'], ['element']);
RepeatType.tp_new = (type, args, kwnames) => {
  const [element, times] = parseArgs('repeat', args, kwnames, ['object', 'times'], { required: 1 });
  let cnt = -1;
  if (times !== undefined) {
    cnt = asSsize(times);
    if (cnt < 0) cnt = 0;
  }
  const ro = genericAlloc(new PyRepeat(type), type);
  element!.refcnt++;
  ro.element = element!;
  ro.cnt = cnt;
  return ro;
};
RepeatType.tp_iternext = (o) => {
  const ro = o as PyRepeat;
  if (ro.cnt === 0) return null;
  if (ro.cnt > 0) ro.cnt--;
  ro.element!.refcnt++;
  return ro.element;
};
RepeatType.tp_repr = (o) => {
  const ro = o as PyRepeat;
  const e = reprText(ro.element!);
  return newStr(ro.cnt === -1 ? `repeat(${e})` : `repeat(${e}, ${ro.cnt})`);
};
RepeatType.methodSpecs.push({
  name: '__length_hint__',
  call: (self) => {
    const ro = self as PyRepeat;
    if (ro.cnt === -1) typeError('len() of unsized object');
    return newInt(ro.cnt);
  },
});
RepeatType.lengthHint = (o) => {
  const ro = o as PyRepeat;
  if (ro.cnt === -1) typeError('len() of unsized object');
  return ro.cnt;
};

// ------------------------------------------------------------------ cycle

const CycleType = itType('cycle', 48);
class PyCycle extends PyObject {
  it: PyObject | null = null;
  saved: PyList | null = null;
  index = 0;
  firstpass = false;
}
fieldSlots<PyCycle>(CycleType, ['it', 'saved'], ['it', 'saved']);
CycleType.tp_new = (type, args, kwnames) => {
  const [iterable] = parseArgs('cycle', args, kwnames, ['iterable'], { required: 1, kwAllowed: false });
  const it = getIter(iterable!);
  const saved: PyList = releasingOnError(it, newEmptyList);
  const lz = genericAlloc(new PyCycle(type), type);
  lz.it = it;
  lz.saved = saved;
  return lz;
};
CycleType.tp_iternext = (o) => {
  const lz = o as PyCycle;
  if (lz.it !== null) {
    const item = iterNext(lz.it);
    if (item !== null) {
      if (lz.firstpass) return item;
      releasingOnError(item, () => listAppend(lz.saved!, item));
      return item;
    }
    clearField(lz, 'it');
  }
  const saved = lz.saved!;
  if (saved.items.length === 0) return null;
  const item = saved.items[lz.index];
  lz.index++;
  if (lz.index >= saved.items.length) lz.index = 0;
  item.refcnt++;
  return item;
};

// ------------------------------------------------------------------ chain

const ChainType = itType('chain', 32);
class PyChain extends PyObject {
  source: PyObject | null = null;
  active: PyObject | null = null;
}
fieldSlots<PyChain>(ChainType, ['active', 'source'], ['source', 'active']);
function chainNewInternal(type: PyType, source: PyObject): PyChain {
  const lz = genericAlloc(new PyChain(type), type);
  lz.source = source;
  return lz;
}
/** chain_new: the source iterates over the call's argument tuple itself. */
ChainType.tp_new = (type, args, kwnames) => {
  if (type === ChainType && kwnames !== null && kwnames.items.length > 0)
    typeError('chain() takes no keyword arguments');
  return withCallArgs(args, kwnames, (t) => chainNewInternal(type, getIter(t)));
};
ChainType.tp_iternext = (o) => {
  const lz = o as PyChain;
  while (lz.source !== null) {
    if (lz.active === null) {
      let iterable: PyObject | null = null;
      try {
        iterable = iterNext(lz.source);
        if (iterable !== null) lz.active = getIter(iterable);
      } catch (e) {
        clearField(lz, 'source');
        throw e;
      } finally {
        xdecref(iterable);
      }
      if (iterable === null) {
        clearField(lz, 'source');
        return null;
      }
    }
    const active = lz.active!;
    let item: PyObject | null;
    try {
      item = active.type.tp_iternext!(active);
    } catch (e) {
      if (!isExceptionOf(e, StopIterationType)) throw e;
      decref(e);
      item = null;
    }
    if (item !== null) return item;
    clearField(lz, 'active');
  }
  return null;
};
ChainType.methodSpecs.push({
  name: 'from_iterable',
  kind: 'classmethod',
  call: (cls, args, kw) => {
    if ((kw !== null && kw.items.length > 0) || args.length !== 1) {
      typeError(`chain.from_iterable() takes exactly one argument (${args.length} given)`);
    }
    return chainNewInternal(cls as PyType, getIter(args[0]));
  },
});

// ------------------------------------------------------------------ islice

const IsliceType = itType('islice', 56);
class PyIslice extends PyObject {
  it: PyObject | null = null;
  next = 0;
  stop = -1;
  step = 1;
  cnt = 0;
}
fieldSlots<PyIslice>(IsliceType, ['it'], ['it']);
/** PyNumber_AsSsize_t(o, OverflowError) with any error cleared: -1 on failure. */
function ssizeCleared(o: PyObject): number {
  try {
    return asSsize(o, OverflowErrorType);
  } catch (e) {
    if (e instanceof PyObject) {
      decref(e);
      return -1;
    }
    throw e;
  }
}
IsliceType.tp_new = (type, args, kwnames) => {
  if (type === IsliceType && kwnames !== null && kwnames.items.length > 0)
    typeError('islice() takes no keyword arguments');
  const npos = args.length - (kwnames === null ? 0 : kwnames.items.length);
  if (npos < 2) typeError(`islice expected at least 2 arguments, got ${npos}`);
  if (npos > 4) typeError(`islice expected at most 4 arguments, got ${npos}`);
  const seq = args[0];
  let start = 0;
  let stop = -1;
  let step = 1;
  const stopMessage = 'Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.';
  if (npos === 2) {
    if (args[1] !== None) {
      stop = ssizeCleared(args[1]);
      if (stop === -1) raise(ValueErrorType, stopMessage);
    }
  } else {
    if (args[1] !== None) start = ssizeCleared(args[1]);
    if (args[2] !== None) {
      stop = ssizeCleared(args[2]);
      if (stop === -1) raise(ValueErrorType, stopMessage);
    }
  }
  if (start < 0 || stop < -1) {
    raise(ValueErrorType, 'Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.');
  }
  if (npos === 4 && args[3] !== None) step = ssizeCleared(args[3]);
  if (step < 1) raise(ValueErrorType, 'Step for islice() must be a positive integer or None.');
  const it = getIter(seq);
  const lz = genericAlloc(new PyIslice(type), type);
  lz.it = it;
  lz.next = start;
  lz.stop = stop;
  lz.step = step;
  lz.cnt = 0;
  return lz;
};
IsliceType.tp_iternext = (o) => {
  const lz = o as PyIslice;
  const it = lz.it;
  const stop = lz.stop;
  if (it === null) return null;
  const empty = (): null => (clearField(lz, 'it'), null);
  while (lz.cnt < lz.next) {
    const item = it.type.tp_iternext!(it);
    if (item === null) return empty();
    decref(item);
    lz.cnt++;
  }
  if (stop !== -1 && lz.cnt >= stop) return empty();
  const item = it.type.tp_iternext!(it);
  if (item === null) return empty();
  lz.cnt++;
  const oldnext = lz.next;
  lz.next += lz.step;
  if (lz.next < oldnext || (stop !== -1 && lz.next > stop)) lz.next = stop;
  return item;
};

// ------------------------------------------------------------------ starmap, takewhile, dropwhile, filterfalse

class PyFuncIt extends PyObject {
  func: PyObject | null = null;
  it: PyObject | null = null;
  flag = 0;
}
/** One of the types made of a function and an iterator, and its tp_new. */
function funcItType(name: string, basicsize: number): PyType {
  const t = itType(name, basicsize);
  fieldSlots<PyFuncIt>(t, ['func', 'it'], ['it', 'func']);
  t.tp_new = (type: PyType, args: PyObject[], kwnames: PyTuple | null): PyObject => {
    if (!type.isHeapType && kwnames !== null && kwnames.items.length > 0) {
      typeError(`${name}() takes no keyword arguments`);
    }
    const npos = args.length - (kwnames === null ? 0 : kwnames.items.length);
    if (npos !== 2) typeError(`${name} expected 2 arguments, got ${npos}`);
    const it = getIter(args[1]);
    const lz = genericAlloc(new PyFuncIt(type), type);
    args[0].refcnt++;
    lz.func = args[0];
    lz.it = it;
    return lz;
  };
  return t;
}

const StarmapType = funcItType('starmap', 32);
StarmapType.tp_iternext = (o) => {
  const lz = o as PyFuncIt;
  const it = lz.it!;
  let args = it.type.tp_iternext!(it);
  if (args === null) return null;
  if (args.type !== EmptyTuple.type) {
    const t = sequenceTuple(args);
    decref(args);
    args = t;
  }
  try {
    return callObject(lz.func!, args as PyTuple, null);
  } finally {
    decref(args);
  }
};

const TakewhileType = funcItType('takewhile', 40);
TakewhileType.tp_iternext = (o) => {
  const lz = o as PyFuncIt;
  if (lz.flag === 1) return null;
  const it = lz.it!;
  const item = it.type.tp_iternext!(it);
  if (item === null) return null;
  if (itemPasses(lz.func!, item)) return item;
  decref(item);
  lz.flag = 1;
  return null;
};

const DropwhileType = funcItType('dropwhile', 40);
DropwhileType.tp_iternext = (o) => {
  const lz = o as PyFuncIt;
  const it = lz.it!;
  for (;;) {
    const item = it.type.tp_iternext!(it);
    if (item === null) return null;
    if (lz.flag === 1) return item;
    if (!itemPasses(lz.func!, item)) {
      lz.flag = 1;
      return item;
    }
    decref(item);
  }
};

const FilterfalseType = funcItType('filterfalse', 32);
FilterfalseType.tp_iternext = (o) => {
  const lz = o as PyFuncIt;
  const it = lz.it!;
  for (;;) {
    const item = it.type.tp_iternext!(it);
    if (item === null) return null;
    if (!itemPasses(lz.func!, item, lz.func === None || lz.func === BoolType)) return item;
    decref(item);
  }
};

// ------------------------------------------------------------------ compress

const CompressType = itType('compress', 32);
class PyCompress extends PyObject {
  data: PyObject | null = null;
  selectors: PyObject | null = null;
}
fieldSlots<PyCompress>(CompressType, ['data', 'selectors'], ['data', 'selectors']);
CompressType.tp_new = (type, args, kwnames) => {
  const [seq1, seq2] = parseArgs('compress', args, kwnames, ['data', 'selectors'], { required: 2 });
  const data = getIter(seq1!);
  const selectors = releasingOnError(data, () => getIter(seq2!));
  const lz = genericAlloc(new PyCompress(type), type);
  lz.data = data;
  lz.selectors = selectors;
  return lz;
};
CompressType.tp_iternext = (o) => {
  const lz = o as PyCompress;
  for (;;) {
    const datum = lz.data!.type.tp_iternext!(lz.data!);
    if (datum === null) return null;
    const selector = releasingOnError(datum, () => lz.selectors!.type.tp_iternext!(lz.selectors!));
    if (selector === null) {
      decref(datum);
      return null;
    }
    let ok: boolean;
    try {
      ok = releasingOnError(datum, () => isTrue(selector));
    } finally {
      decref(selector);
    }
    if (ok) return datum;
    decref(datum);
  }
};

// ------------------------------------------------------------------ accumulate

const AccumulateType = itType('accumulate', 48);
class PyAccumulate extends PyObject {
  total: PyObject | null = null;
  it: PyObject | null = null;
  binop: PyObject | null = null;
  initial: PyObject | null = null;
}
fieldSlots<PyAccumulate>(
  AccumulateType,
  ['binop', 'total', 'it', 'initial'],
  ['binop', 'it', 'total', 'initial'],
);
AccumulateType.tp_new = (type, args, kwnames) => {
  const [iterable, func, initial] = parseArgs('accumulate', args, kwnames, ['iterable', 'func', 'initial'], {
    required: 1,
    maxPos: 2,
  });
  const it = getIter(iterable!);
  const lz = genericAlloc(new PyAccumulate(type), type);
  if (func !== undefined && func !== None) {
    func.refcnt++;
    lz.binop = func;
  }
  lz.total = null;
  lz.it = it;
  const init = initial ?? None;
  init.refcnt++;
  lz.initial = init;
  return lz;
};
AccumulateType.tp_iternext = (o) => {
  const lz = o as PyAccumulate;
  if (lz.initial !== None) {
    lz.total = lz.initial;
    None.refcnt++;
    lz.initial = None;
    lz.total!.refcnt++;
    return lz.total;
  }
  const val = lz.it!.type.tp_iternext!(lz.it!);
  if (val === null) return null;
  if (lz.total === null) {
    val.refcnt++;
    lz.total = val;
    return val;
  }
  let newtotal: PyObject;
  try {
    newtotal = lz.binop === null ? binaryOp(lz.total, val, 'nb_add') : call(lz.binop, [lz.total, val]);
  } finally {
    decref(val);
  }
  const oldtotal = lz.total;
  lz.total = newtotal;
  decref(oldtotal);
  newtotal.refcnt++;
  return newtotal;
};

// ------------------------------------------------------------------ product

const ProductType = itType('product', 48);
class PyProduct extends PyObject {
  pools: PyTuple | null = null;
  indices: number[] = [];
  indicesAddr = 0;
  result: PyTuple | null = null;
  stopped = false;
}
fieldSlots<PyProduct>(ProductType, ['pools', 'result'], ['pools', 'result'], (lz) => pyFree(lz.indicesAddr));
ProductType.tp_sizeof = (o) => ProductType.basicsize + 8 * ((o as PyProduct).pools?.items.length ?? 0);
ProductType.tp_new = (type, args, kwnames) => {
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  const npos = args.length - nkw;
  let repeat = 1;
  for (let i = 0; i < nkw; i++) {
    const k = (kwnames!.items[i] as PyStr).value;
    if (k !== 'repeat' || nkw > 1) typeError(`product() got an unexpected keyword argument '${k}'`);
    repeat = asSsize(args[npos + i]);
    if (repeat < 0) raise(ValueErrorType, 'repeat argument cannot be negative');
  }
  const nargs = repeat === 0 ? 0 : npos;
  const npools = nargs * repeat;
  const indicesAddr = pyMalloc(Math.max(1, 8 * npools));
  const pools = tupleWithSlots(npools);
  try {
    for (let i = 0; i < nargs; i++) pools.items[i] = sequenceTuple(args[i]);
    for (let i = nargs; i < npools; i++) {
      const p = pools.items[i - nargs];
      p.refcnt++;
      pools.items[i] = p;
    }
  } catch (e) {
    decref(pools);
    pyFree(indicesAddr);
    throw e;
  }
  const lz = genericAlloc(new PyProduct(type), type);
  lz.pools = pools;
  lz.indices = new Array<number>(npools).fill(0);
  lz.indicesAddr = indicesAddr;
  lz.result = null;
  lz.stopped = false;
  return lz;
};

/** What product and the combinatorics keep: the result tuple they refill, and whether they are done. */
type Refilled = PyObject & { result: PyTuple | null; stopped: boolean };

/**
 * The tp_iternext of product and the combinatorics: `step` makes the first result or
 * refills the kept one (null: exhausted, for good); the caller gets a new reference.
 */
function refillingNext<T extends Refilled>(step: (o: T) => PyTuple | null) {
  return (o: PyObject): PyObject | null => {
    const lz = o as T;
    if (lz.stopped) return null;
    const result = step(lz);
    if (result === null) {
      lz.stopped = true;
      return null;
    }
    result.refcnt++;
    return result;
  };
}

/** The kept result to refill: a copy if the caller still holds it (_PyTuple_FromArray), else itself. */
function ownResult(lz: Refilled): PyTuple {
  const result = lz.result!;
  if (result.refcnt > 1) {
    const copy = tupleFromBorrowed(result.items);
    lz.result = copy;
    decref(result);
    return copy;
  }
  if (result.gcNext === null) rt.gc.track(result);
  return result;
}

function setItem(result: PyTuple, i: number, elem: PyObject): void {
  elem.refcnt++;
  const old = result.items[i];
  result.items[i] = elem;
  decref(old);
}

ProductType.tp_iternext = refillingNext<PyProduct>((lz) => {
  const pools = lz.pools!.items as PyTuple[];
  const npools = pools.length;
  if (lz.result === null) {
    const result = tupleWithSlots(npools);
    lz.result = result;
    for (let i = 0; i < npools; i++) {
      const pool = pools[i];
      if (pool.items.length === 0) return null;
      const elem = pool.items[0];
      elem.refcnt++;
      result.items[i] = elem;
    }
    return result;
  }
  const result = ownResult(lz);
  for (let i = npools - 1; i >= 0; i--) {
    const pool = pools[i];
    lz.indices[i]++;
    if (lz.indices[i] === pool.items.length) {
      lz.indices[i] = 0;
      setItem(result, i, pool.items[0]);
    } else {
      setItem(result, i, pool.items[lz.indices[i]]);
      return result;
    }
  }
  return null;
});

// ------------------------------------------------------------------ combinations, cwr, permutations

class PyCombinations extends PyObject {
  pool: PyTuple | null = null;
  indices: number[] = [];
  indicesAddr = 0;
  cycles: number[] = [];
  cyclesAddr = 0;
  result: PyTuple | null = null;
  r = 0;
  stopped = false;
}

const CombinationsType = itType('combinations', 56);
const CwrType = itType('combinations_with_replacement', 56);
const PermutationsType = itType('permutations', 64);
for (const t of [CombinationsType, CwrType, PermutationsType]) {
  fieldSlots<PyCombinations>(t, ['pool', 'result'], ['pool', 'result'], (co) => {
    pyFree(co.indicesAddr);
    if (co.cyclesAddr !== 0) pyFree(co.cyclesAddr);
  });
}
CombinationsType.tp_sizeof = (o) => CombinationsType.basicsize + 8 * (o as PyCombinations).r;
CwrType.tp_sizeof = (o) => CwrType.basicsize + 8 * (o as PyCombinations).r;
PermutationsType.tp_sizeof = (o) => {
  const po = o as PyCombinations;
  return PermutationsType.basicsize + 8 * po.pool!.items.length + 8 * po.r;
};

function combNew(name: string, withCycles: boolean) {
  return (type: PyType, args: PyObject[], kwnames: PyTuple | null): PyObject => {
    const [iterable, rArg] = parseArgs(name, args, kwnames, ['iterable', 'r'], {
      required: withCycles ? 1 : 2,
    });
    const pool = sequenceTuple(iterable!);
    const n = pool.items.length;
    let r: number;
    try {
      if (withCycles && (rArg === undefined || rArg === None)) r = n;
      else {
        if (withCycles && !isInt(rArg!)) typeError('Expected int as r');
        r = asSsize(rArg!);
        if (r < 0) raise(ValueErrorType, 'r must be non-negative');
      }
    } catch (e) {
      decref(pool);
      throw e;
    }
    const co = genericAlloc(new PyCombinations(type), type);
    co.pool = pool;
    co.r = r;
    if (name === 'permutations') {
      co.indicesAddr = pyMalloc(Math.max(1, 8 * n));
      co.cyclesAddr = pyMalloc(Math.max(1, 8 * r));
      co.indices = Array.from({ length: n }, (_, i) => i);
      co.cycles = Array.from({ length: r }, (_, i) => n - i);
      co.stopped = r > n;
    } else if (name === 'combinations') {
      co.indicesAddr = pyMalloc(Math.max(1, 8 * r));
      co.indices = Array.from({ length: r }, (_, i) => i);
      co.stopped = r > n;
    } else {
      co.indicesAddr = pyMalloc(Math.max(1, 8 * r));
      co.indices = new Array<number>(r).fill(0);
      co.stopped = n === 0 && r > 0;
    }
    return co;
  };
}
CombinationsType.tp_new = combNew('combinations', false);
CwrType.tp_new = combNew('combinations_with_replacement', false);
PermutationsType.tp_new = combNew('permutations', true);

/** The first result: pool[indices[i]] for i < r. */
function firstResult(co: PyCombinations): PyTuple {
  const result = tupleWithSlots(co.r);
  co.result = result;
  for (let i = 0; i < co.r; i++) {
    const elem = co.pool!.items[co.indices[i]];
    elem.refcnt++;
    result.items[i] = elem;
  }
  return result;
}

CombinationsType.tp_iternext = refillingNext<PyCombinations>((co) => {
  if (co.result === null) return firstResult(co);
  const n = co.pool!.items.length;
  const r = co.r;
  const indices = co.indices;
  const result = ownResult(co);
  let i = r - 1;
  while (i >= 0 && indices[i] === i + n - r) i--;
  if (i < 0) return null;
  indices[i]++;
  for (let j = i + 1; j < r; j++) indices[j] = indices[j - 1] + 1;
  for (; i < r; i++) setItem(result, i, co.pool!.items[indices[i]]);
  return result;
});

CwrType.tp_iternext = refillingNext<PyCombinations>((co) => {
  const n = co.pool!.items.length;
  const r = co.r;
  const indices = co.indices;
  if (co.result === null) {
    const result = tupleWithSlots(r);
    co.result = result;
    if (n > 0) {
      const elem = co.pool!.items[0];
      for (let i = 0; i < r; i++) {
        elem.refcnt++;
        result.items[i] = elem;
      }
    }
    return result;
  }
  const result = ownResult(co);
  let i = r - 1;
  while (i >= 0 && indices[i] === n - 1) i--;
  if (i < 0) return null;
  const index = indices[i] + 1;
  indices[i] = index;
  const elem = co.pool!.items[index];
  for (; i < r; i++) {
    indices[i] = index;
    setItem(result, i, elem);
  }
  return result;
});

PermutationsType.tp_iternext = refillingNext<PyCombinations>((po) => {
  if (po.result === null) return firstResult(po);
  const pool = po.pool!.items;
  const n = pool.length;
  const r = po.r;
  const indices = po.indices;
  const cycles = po.cycles;
  if (n === 0) return null;
  const result = ownResult(po);
  for (let i = r - 1; i >= 0; i--) {
    cycles[i] -= 1;
    if (cycles[i] === 0) {
      const index = indices[i];
      for (let j = i; j < n - 1; j++) indices[j] = indices[j + 1];
      indices[n - 1] = index;
      cycles[i] = n - i;
    } else {
      const j = cycles[i];
      const index = indices[i];
      indices[i] = indices[n - j];
      indices[n - j] = index;
      for (let k = i; k < r; k++) setItem(result, k, pool[indices[k]]);
      return result;
    }
  }
  return null;
});

// ------------------------------------------------------------------ zip_longest

const ZipLongestType = itType('zip_longest', 56);
class PyZipLongest extends PyObject {
  tuplesize = 0;
  numactive = 0;
  ittuple: PyTuple | null = null;
  result: PyTuple | null = null;
  fillvalue: PyObject | null = null;
}
fieldSlots<PyZipLongest>(
  ZipLongestType,
  ['ittuple', 'result', 'fillvalue'],
  ['ittuple', 'result', 'fillvalue'],
);
ZipLongestType.tp_new = (type, args, kwnames) => {
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  const npos = args.length - nkw;
  let fillvalue: PyObject = None;
  if (nkw > 0) {
    if (nkw !== 1 || (kwnames!.items[0] as PyStr).value !== 'fillvalue') {
      typeError('zip_longest() got an unexpected keyword argument');
    }
    fillvalue = args[npos];
  }
  const ittuple = tupleWithSlots(npos);
  releasingOnError(ittuple, () => {
    for (let i = 0; i < npos; i++) ittuple.items[i] = getIter(args[i]);
  });
  const result = tupleWithSlots(npos);
  for (let i = 0; i < npos; i++) result.items[i] = (None.refcnt++, None);
  const lz = genericAlloc(new PyZipLongest(type), type);
  lz.ittuple = ittuple;
  lz.tuplesize = npos;
  lz.numactive = npos;
  lz.result = result;
  fillvalue.refcnt++;
  lz.fillvalue = fillvalue;
  return lz;
};
ZipLongestType.tp_iternext = (o) => {
  const lz = o as PyZipLongest;
  const tuplesize = lz.tuplesize;
  if (tuplesize === 0 || lz.numactive === 0) return null;
  const nextItem = (i: number): PyObject | null => {
    const it = lz.ittuple!.items[i];
    if (it === null) {
      lz.fillvalue!.refcnt++;
      return lz.fillvalue;
    }
    let item: PyObject | null;
    try {
      item = iterNext(it);
    } catch (e) {
      lz.numactive = 0;
      throw e;
    }
    if (item === null) {
      lz.numactive -= 1;
      if (lz.numactive === 0) return null;
      lz.fillvalue!.refcnt++;
      lz.ittuple!.items[i] = null as unknown as PyObject;
      decref(it);
      return lz.fillvalue;
    }
    return item;
  };
  // The kept result is refilled in place while nobody else holds it, else a new one is made.
  const reuse = lz.result!.refcnt === 1;
  const result = reuse ? lz.result! : tupleWithSlots(tuplesize);
  if (reuse) result.refcnt++;
  for (let i = 0; i < tuplesize; i++) {
    const item = releasingOnError(result, () => nextItem(i));
    if (item === null) {
      decref(result);
      return null;
    }
    const old = result.items[i];
    result.items[i] = item;
    if (reuse) decref(old);
  }
  if (reuse && result.gcNext === null) rt.gc.track(result);
  return result;
};

// ------------------------------------------------------------------ pairwise

const PairwiseType = itType('pairwise', 32);
class PyPairwise extends PyObject {
  it: PyObject | null = null;
  old: PyObject | null = null;
}
fieldSlots<PyPairwise>(PairwiseType, ['it', 'old'], ['it', 'old']);
PairwiseType.tp_new = (type, args, kwnames) => {
  const [iterable] = parseArgs('pairwise', args, kwnames, ['iterable'], { required: 1, kwAllowed: false });
  const it = getIter(iterable!);
  const po = genericAlloc(new PyPairwise(type), type);
  po.it = it;
  return po;
};
PairwiseType.tp_iternext = (o) => {
  const po = o as PyPairwise;
  let it = po.it;
  if (it === null) return null;
  let old = po.old;
  if (old === null) {
    old = it.type.tp_iternext!(it);
    po.old = old;
    if (old === null) {
      clearField(po, 'it');
      return null;
    }
    it = po.it;
    if (it === null) {
      clearField(po, 'old');
      return null;
    }
  }
  old.refcnt++;
  const nw = it.type.tp_iternext!(it);
  if (nw === null) {
    clearField(po, 'it');
    clearField(po, 'old');
    decref(old);
    return null;
  }
  const result = tuplePack(old, nw);
  const prev = po.old;
  po.old = nw;
  xdecref(prev);
  decref(old);
  return result;
};

// ------------------------------------------------------------------ groupby

const GroupbyType = itType('groupby', 64);
class PyGroupby extends PyObject {
  it: PyObject | null = null;
  keyfunc: PyObject | null = null;
  tgtkey: PyObject | null = null;
  currkey: PyObject | null = null;
  currvalue: PyObject | null = null;
  /** currgrouper: a borrowed reference. */
  currgrouper: PyObject | null = null;
}
fieldSlots<PyGroupby>(
  GroupbyType,
  ['it', 'keyfunc', 'tgtkey', 'currkey', 'currvalue'],
  ['it', 'keyfunc', 'tgtkey', 'currkey', 'currvalue'],
);
GroupbyType.tp_new = (type, args, kwnames) => {
  const [iterable, key] = parseArgs('groupby', args, kwnames, ['iterable', 'key'], { required: 1 });
  const gbo = genericAlloc(new PyGroupby(type), type);
  const keyfunc = key ?? None;
  keyfunc.refcnt++;
  gbo.keyfunc = keyfunc;
  gbo.it = releasingOnError(gbo, () => getIter(iterable!));
  return gbo;
};

function groupbyStep(gbo: PyGroupby): boolean {
  const newvalue = iterNext(gbo.it!);
  if (newvalue === null) return false;
  let newkey: PyObject;
  if (gbo.keyfunc === None) {
    newvalue.refcnt++;
    newkey = newvalue;
  } else newkey = releasingOnError(newvalue, () => call(gbo.keyfunc!, [newvalue]));
  const oldvalue = gbo.currvalue;
  gbo.currvalue = newvalue;
  const oldkey = gbo.currkey;
  gbo.currkey = newkey;
  xdecref(oldkey);
  xdecref(oldvalue);
  return true;
}

GroupbyType.tp_iternext = (o) => {
  const gbo = o as PyGroupby;
  gbo.currgrouper = null;
  for (;;) {
    if (gbo.currkey === null) {
      // pass
    } else if (gbo.tgtkey === null) break;
    else if (!richCompareBool(gbo.tgtkey, gbo.currkey, CompareOp.EQ)) break;
    if (!groupbyStep(gbo)) return null;
  }
  gbo.currkey!.refcnt++;
  const oldtgt = gbo.tgtkey;
  gbo.tgtkey = gbo.currkey;
  xdecref(oldtgt);
  const grouper = newGrouper(gbo, gbo.tgtkey!);
  const r = tuplePack(gbo.currkey!, grouper);
  decref(grouper);
  return r;
};

const GrouperType = itType('_grouper', 32, false);
class PyGrouper extends PyObject {
  parent: PyGroupby | null = null;
  tgtkey: PyObject | null = null;
}
fieldSlots<PyGrouper>(GrouperType, ['parent', 'tgtkey'], ['parent', 'tgtkey']);
function newGrouper(parent: PyGroupby, tgtkey: PyObject): PyGrouper {
  const igo = gcNew(new PyGrouper(GrouperType), GrouperType);
  parent.refcnt++;
  igo.parent = parent;
  tgtkey.refcnt++;
  igo.tgtkey = tgtkey;
  parent.currgrouper = igo;
  rt.gc.track(igo);
  return igo;
}
GrouperType.tp_iternext = (o) => {
  const igo = o as PyGrouper;
  const gbo = igo.parent!;
  if (gbo.currgrouper !== igo) return null;
  if (gbo.currvalue === null) {
    if (!groupbyStep(gbo)) return null;
  }
  if (!richCompareBool(igo.tgtkey!, gbo.currkey!, CompareOp.EQ)) return null;
  const r = gbo.currvalue!;
  gbo.currvalue = null;
  clearField(gbo, 'currkey');
  return r;
};

// ------------------------------------------------------------------ tee

const LINKCELLS = 57;

const TeeDataType = itType('_tee_dataobject', 16 + 8 + 8 + 8 + 8 * LINKCELLS, false);
class PyTeeData extends PyObject {
  it: PyObject | null = null;
  numread = 0;
  running = false;
  nextlink: PyTeeData | null = null;
  values: (PyObject | null)[] = [];
}
function newTeeData(it: PyObject): PyTeeData {
  const tdo = gcNew(new PyTeeData(TeeDataType), TeeDataType);
  it.refcnt++;
  tdo.it = it;
  rt.gc.track(tdo);
  return tdo;
}
/** teedataobject_safe_decref: a chain of links released without recursion. */
function teeDataSafeDecref(obj: PyObject | null): void {
  while (obj !== null && obj.type === TeeDataType && obj.refcnt === 1) {
    const next = (obj as PyTeeData).nextlink;
    (obj as PyTeeData).nextlink = null;
    decref(obj);
    obj = next;
  }
  xdecref(obj);
}
function teeDataClear(o: PyObject): void {
  const tdo = o as PyTeeData;
  clearField(tdo, 'it');
  for (let i = 0; i < tdo.numread; i++) {
    const v = tdo.values[i];
    tdo.values[i] = null;
    xdecref(v);
  }
  const tmp = tdo.nextlink;
  tdo.nextlink = null;
  teeDataSafeDecref(tmp);
}
clearingDealloc(TeeDataType, teeDataClear);
TeeDataType.tp_traverse = (o, visit: Visit) => {
  const tdo = o as PyTeeData;
  if (tdo.it !== null) visit(tdo.it, 'it');
  for (let i = 0; i < tdo.numread; i++) {
    const v = tdo.values[i];
    if (v !== null) visit(v, `[${i}]`);
  }
  if (tdo.nextlink !== null) visit(tdo.nextlink, 'nextlink');
};
TeeDataType.tp_iter = undefined;

const TeeType = itType('_tee', 40, false);
TeeType.weakrefable = true;
class PyTee extends PyObject {
  dataobj: PyTeeData | null = null;
  index = 0;
}
function teeClear(o: PyObject): void {
  const to = o as PyTee;
  if (to.weakrefs !== null) clearWeakrefs(to);
  clearField(to, 'dataobj');
}
clearingDealloc(TeeType, teeClear);
TeeType.tp_traverse = (o, visit: Visit) => {
  const d = (o as PyTee).dataobj;
  if (d !== null) visit(d, 'dataobj');
};
function teeCopy(to: PyTee): PyTee {
  const n = gcNew(new PyTee(TeeType), TeeType);
  to.dataobj!.refcnt++;
  n.dataobj = to.dataobj;
  n.index = to.index;
  rt.gc.track(n);
  return n;
}
function teeFromIterable(iterable: PyObject): PyTee {
  const it = getIter(iterable);
  try {
    if (it.type === TeeType) return teeCopy(it as PyTee);
    const dataobj = newTeeData(it);
    const to = gcNew(new PyTee(TeeType), TeeType);
    to.dataobj = dataobj;
    to.index = 0;
    rt.gc.track(to);
    return to;
  } finally {
    decref(it);
  }
}
TeeType.tp_iternext = (o) => {
  const to = o as PyTee;
  if (to.index >= LINKCELLS) {
    const d = to.dataobj!;
    if (d.nextlink === null) d.nextlink = newTeeData(d.it!);
    d.nextlink.refcnt++;
    const link = d.nextlink;
    to.dataobj = link;
    decref(d);
    to.index = 0;
  }
  const tdo = to.dataobj!;
  const i = to.index;
  let value: PyObject;
  if (i < tdo.numread) value = tdo.values[i]!;
  else {
    if (tdo.running) raise(RuntimeErrorType, 'cannot re-enter the tee iterator');
    tdo.running = true;
    let v: PyObject | null;
    try {
      v = iterNext(tdo.it!);
    } finally {
      tdo.running = false;
    }
    if (v === null) return null;
    tdo.numread++;
    tdo.values[i] = v;
    value = v;
  }
  value.refcnt++;
  to.index++;
  return value;
};
TeeType.tp_new = (_type, args, kwnames) => {
  const [iterable] = parseArgs('_tee', args, kwnames, ['iterable'], { required: 1, kwAllowed: false });
  return teeFromIterable(iterable!);
};
TeeType.methodSpecs.push({ name: '__copy__', call: (self) => teeCopy(self as PyTee) });

/** itertools.tee(iterable, n=2): n copies of one tee (or of a copyable iterator). */
function tee(args: PyObject[], kwnames: PyTuple | null): PyObject {
  noKeywords('itertools.tee', kwnames);
  rangeArgs('tee', args, kwnames, 1, 2);
  const n = args.length > 1 ? asSsize(args[1]) : 2;
  if (n < 0) raise(ValueErrorType, 'n must be >= 0');
  const result = tupleWithSlots(n);
  if (n === 0) return result;
  let copyable: PyObject;
  let copyfunc: PyObject | null;
  try {
    const it = getIter(args[0]);
    copyfunc = lookupAttr(it, staticId('__copy__'));
    if (copyfunc !== null) copyable = it;
    else {
      try {
        copyable = teeFromIterable(it);
      } finally {
        decref(it);
      }
      copyfunc = getAttr(copyable, staticId('__copy__'));
    }
  } catch (e) {
    decref(result);
    throw e;
  }
  result.items[0] = copyable;
  try {
    for (let i = 1; i < n; i++) result.items[i] = call(copyfunc, []);
  } catch (e) {
    decref(result);
    throw e;
  } finally {
    decref(copyfunc);
  }
  return result;
}

export function createItertoolsModule(): PyModule {
  const { module: m, set, fn } = moduleBuilder('itertools');
  fn('tee', tee);
  for (const t of [
    AccumulateType,
    CombinationsType,
    CwrType,
    CycleType,
    DropwhileType,
    TakewhileType,
    IsliceType,
    StarmapType,
    ChainType,
    CompressType,
    FilterfalseType,
    CountType,
    ZipLongestType,
    PairwiseType,
    PermutationsType,
    ProductType,
    RepeatType,
    GroupbyType,
    GrouperType,
    TeeType,
    TeeDataType,
  ]) {
    set(t.qualname, t);
  }
  return m;
}
