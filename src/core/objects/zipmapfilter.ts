/**
 * zip, map and filter. @cpython Python/bltinmodule.c (3.11)
 *
 * zip (48 bytes, GC) keeps a tuple of iterators and a result tuple it refills in place
 * while nobody else holds it (strict=True checks the lengths at the end). map (32 bytes,
 * GC) keeps a tuple of iterators and the function; filter (32 bytes, GC) the function
 * and one iterator. All three are allocated with PyType_GenericAlloc, so they are
 * tracked as soon as they exist; zip has no vectorcall in 3.11 (it goes through
 * tp_new).
 */
import { PyObject, PyType, TypeFlag, decref, type Visit } from './object';
import { staticType } from './roots';
import { allocGCObject, gcDel, pyFree, pyMalloc } from '../memory/alloc';
import { rt } from '../vm/runtime';
import { trashcanBegin, trashcanEnd } from '../memory/trashcan';
import { call, getIter, isTrue } from './abstract';
import { None } from './noneobject';
import { BoolType } from './boolobject';
import { isStr, type PyStr } from './unicodeobject';
import { StopIterationType } from './exceptions';
import { typeError, valueError } from '../vm/errors';
import { noKeywords, rangeArgs } from '../vm/args';
import { EmptyTuple, tupleAlloc, type PyTuple } from './tupleobject';
import { isExceptionOf } from './iterobject';

/** PyType_GenericAlloc: tracked at once; heap types gain a reference. */
function genericAlloc<T extends PyObject>(o: T, type: PyType): T {
  allocGCObject(o, (type.basicsize + 7) & ~7);
  if (type.isHeapType) type.refcnt++;
  rt.gc.track(o);
  return o;
}

/** PyTuple_New(n) with NULL slots (tracked), or the empty tuple. */
function tupleNewEmptySlots(n: number): PyTuple {
  if (n === 0) return (EmptyTuple.refcnt++, EmptyTuple);
  const t = tupleAlloc(n);
  t.items = new Array<PyObject>(n).fill(null as unknown as PyObject);
  rt.gc.track(t);
  return t;
}

/** A tuple of iter(x) for each x (PyTuple_New then PyObject_GetIter one by one). */
function iteratorsTuple(iterables: PyObject[]): PyTuple {
  const t = tupleNewEmptySlots(iterables.length);
  try {
    for (let i = 0; i < iterables.length; i++) t.items[i] = getIter(iterables[i]);
  } catch (e) {
    decref(t);
    throw e;
  }
  return t;
}

/** tp_iternext of an iterator, with StopIteration raised by it counted as exhaustion. */
function nextOf(it: PyObject): PyObject | null {
  return it.type.tp_iternext!(it);
}

// ------------------------------------------------------------------ zip

export const ZipType: PyType = staticType({
  name: 'zip',
  basicsize: 48,
  flags: TypeFlag.HAVE_GC | TypeFlag.BASETYPE,
});

export class PyZip extends PyObject {
  tuplesize = 0;
  ittuple: PyTuple | null = null;
  result: PyTuple | null = null;
  strict = false;
}

/** @cpython Python/bltinmodule.c zip_new */
function zipNew(type: PyType, args: PyObject[], kwnames: PyTuple | null): PyObject {
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  const npos = args.length - nkw;
  let strict = false;
  for (let i = 0; i < nkw; i++) {
    const name = kwnames!.items[i] as PyStr;
    if (!(isStr(name) && name.value === 'strict')) {
      typeError(`'${name.value}' is an invalid keyword argument for zip()`);
    }
    strict = isTrue(args[npos + i]);
  }
  const tuplesize = npos;
  const ittuple = iteratorsTuple(args.slice(0, npos));
  let result: PyTuple;
  try {
    result = tupleNewEmptySlots(tuplesize);
  } catch (e) {
    decref(ittuple);
    throw e;
  }
  for (let i = 0; i < tuplesize; i++) {
    None.refcnt++;
    result.items[i] = None;
  }
  let lz: PyZip;
  try {
    lz = genericAlloc(new PyZip(type), type);
  } catch (e) {
    decref(ittuple);
    decref(result);
    throw e;
  }
  lz.ittuple = ittuple;
  lz.tuplesize = tuplesize;
  lz.result = result;
  lz.strict = strict;
  return lz;
}

/** zip(*iterables, strict=False) for callers outside this module (borrowed args). */
export function newZip(iterables: PyObject[], strict = false): PyObject {
  const z = zipNew(ZipType, iterables, null) as PyZip;
  z.strict = strict;
  return z;
}

ZipType.tp_new = zipNew;

ZipType.tp_dealloc = (o) => {
  const lz = o as PyZip;
  rt.gc.untrack(lz);
  const { ittuple, result } = lz;
  lz.ittuple = null;
  lz.result = null;
  if (ittuple !== null) decref(ittuple);
  if (result !== null) decref(result);
  gcDel(lz);
};
ZipType.tp_traverse = (o, visit: Visit) => {
  const lz = o as PyZip;
  if (lz.ittuple !== null) visit(lz.ittuple, 'iterators');
  if (lz.result !== null) visit(lz.result, 'result');
};
ZipType.tp_iter = (o) => (o.refcnt++, o);

/** The strict=True check once argument i is exhausted (null: all ended together). */
function zipStrictCheck(lz: PyZip, i: number, error: unknown): null {
  if (error !== null) {
    if (!isExceptionOf(error, StopIterationType)) throw error;
    decref(error as PyObject);
  }
  const plural = (k: number) => (k === 1 ? ' ' : 's 1-');
  if (i) valueError(`zip() argument ${i + 1} is shorter than argument${plural(i)}${i}`);
  for (let k = 1; k < lz.tuplesize; k++) {
    const it = lz.ittuple!.items[k];
    let item: PyObject | null;
    try {
      item = nextOf(it);
    } catch (e) {
      if (!isExceptionOf(e, StopIterationType)) throw e;
      decref(e);
      item = null;
    }
    if (item !== null) {
      decref(item);
      valueError(`zip() argument ${k + 1} is longer than argument${plural(k)}${k}`);
    }
  }
  return null;
}

/** @cpython Python/bltinmodule.c zip_next */
ZipType.tp_iternext = (o) => {
  const lz = o as PyZip;
  const tuplesize = lz.tuplesize;
  if (tuplesize === 0) return null;
  let result = lz.result!;
  if (result.refcnt === 1) {
    result.refcnt++;
    for (let i = 0; i < tuplesize; i++) {
      const it = lz.ittuple!.items[i];
      let item: PyObject | null;
      try {
        item = nextOf(it);
      } catch (e) {
        decref(result);
        if (lz.strict) return zipStrictCheck(lz, i, e);
        throw e;
      }
      if (item === null) {
        decref(result);
        if (lz.strict) return zipStrictCheck(lz, i, null);
        return null;
      }
      const olditem = result.items[i];
      result.items[i] = item;
      decref(olditem);
    }
    if (result.gcNext === null) rt.gc.track(result);
  } else {
    result = tupleNewEmptySlots(tuplesize);
    for (let i = 0; i < tuplesize; i++) {
      const it = lz.ittuple!.items[i];
      let item: PyObject | null;
      try {
        item = nextOf(it);
      } catch (e) {
        decref(result);
        if (lz.strict) return zipStrictCheck(lz, i, e);
        throw e;
      }
      if (item === null) {
        decref(result);
        if (lz.strict) return zipStrictCheck(lz, i, null);
        return null;
      }
      result.items[i] = item;
    }
  }
  return result;
};

// ------------------------------------------------------------------ map

export const MapType: PyType = staticType({
  name: 'map',
  basicsize: 32,
  flags: TypeFlag.HAVE_GC | TypeFlag.BASETYPE,
});

export class PyMap extends PyObject {
  iters: PyTuple | null = null;
  func: PyObject | null = null;
}

function mapNewImpl(type: PyType, args: PyObject[]): PyObject {
  if (args.length < 2) typeError('map() must have at least two arguments.');
  const iters = iteratorsTuple(args.slice(1));
  let lz: PyMap;
  try {
    lz = genericAlloc(new PyMap(type), type);
  } catch (e) {
    decref(iters);
    throw e;
  }
  lz.iters = iters;
  args[0].refcnt++;
  lz.func = args[0];
  return lz;
}

/** map_vectorcall. */
MapType.tp_vectorcall = (type, args, kwnames) => {
  if (type === MapType) noKeywords('map', kwnames);
  return mapNewImpl(type as PyType, args);
};
/** map_new (subclasses). */
MapType.tp_new = (type, args, kwnames) => {
  if (type === MapType || type.tp_init === MapType.tp_init) noKeywords('map', kwnames);
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  return mapNewImpl(type, args.slice(0, args.length - nkw));
};

MapType.tp_dealloc = (o) => {
  const lz = o as PyMap;
  rt.gc.untrack(lz);
  const { iters, func } = lz;
  lz.iters = null;
  lz.func = null;
  if (iters !== null) decref(iters);
  if (func !== null) decref(func);
  gcDel(lz);
};
MapType.tp_traverse = (o, visit: Visit) => {
  const lz = o as PyMap;
  if (lz.iters !== null) visit(lz.iters, 'iterators');
  if (lz.func !== null) visit(lz.func, 'func');
};
MapType.tp_iter = (o) => (o.refcnt++, o);

/** _PY_FASTCALL_SMALL_STACK: more arguments than this need a PyMem stack. */
const SMALL_STACK = 5;

/** @cpython Python/bltinmodule.c map_next */
MapType.tp_iternext = (o) => {
  const lz = o as PyMap;
  const iters = lz.iters!.items;
  const niters = iters.length;
  const stackAddr = niters > SMALL_STACK ? pyMalloc(niters * 8) : 0;
  const stack: PyObject[] = [];
  try {
    for (let i = 0; i < niters; i++) {
      const val = nextOf(iters[i]);
      if (val === null) return null;
      stack.push(val);
    }
    return call(lz.func!, stack);
  } finally {
    for (const x of stack) decref(x);
    if (stackAddr !== 0) pyFree(stackAddr);
  }
};

// ------------------------------------------------------------------ filter

export const FilterType: PyType = staticType({
  name: 'filter',
  basicsize: 32,
  flags: TypeFlag.HAVE_GC | TypeFlag.BASETYPE,
});

export class PyFilter extends PyObject {
  func: PyObject | null = null;
  it: PyObject | null = null;
}

function filterNewImpl(type: PyType, func: PyObject, seq: PyObject): PyObject {
  const it = getIter(seq);
  let lz: PyFilter;
  try {
    lz = genericAlloc(new PyFilter(type), type);
  } catch (e) {
    decref(it);
    throw e;
  }
  func.refcnt++;
  lz.func = func;
  lz.it = it;
  return lz;
}

/** filter_vectorcall. */
FilterType.tp_vectorcall = (type, args, kwnames) => {
  if (type === FilterType) noKeywords('filter', kwnames);
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  const pos = args.slice(0, args.length - nkw);
  rangeArgs('filter', pos, null, 2, 2);
  return filterNewImpl(type as PyType, pos[0], pos[1]);
};
/** filter_new (subclasses). */
FilterType.tp_new = (type, args, kwnames) => {
  if (type === FilterType || type.tp_init === FilterType.tp_init) noKeywords('filter', kwnames);
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  const pos = args.slice(0, args.length - nkw);
  rangeArgs('filter', pos, null, 2, 2);
  return filterNewImpl(type, pos[0], pos[1]);
};

/** filter_dealloc (inside the trashcan). */
FilterType.tp_dealloc = (o) => {
  const lz = o as PyFilter;
  rt.gc.untrack(lz);
  if (!trashcanBegin(lz)) return;
  const { func, it } = lz;
  lz.func = null;
  lz.it = null;
  if (func !== null) decref(func);
  if (it !== null) decref(it);
  gcDel(lz);
  trashcanEnd();
};
FilterType.tp_traverse = (o, visit: Visit) => {
  const lz = o as PyFilter;
  if (lz.it !== null) visit(lz.it, 'iterator');
  if (lz.func !== null) visit(lz.func, 'func');
};
FilterType.tp_iter = (o) => (o.refcnt++, o);

/** @cpython Python/bltinmodule.c filter_next */
FilterType.tp_iternext = (o) => {
  const lz = o as PyFilter;
  const it = lz.it!;
  const checktrue = lz.func === None || lz.func === BoolType;
  for (;;) {
    const item = nextOf(it);
    if (item === null) return null;
    let ok: boolean;
    try {
      if (checktrue) {
        ok = isTrue(item);
      } else {
        const good = call(lz.func!, [item]);
        try {
          ok = isTrue(good);
        } finally {
          decref(good);
        }
      }
    } catch (e) {
      decref(item);
      throw e;
    }
    if (ok) return item;
    decref(item);
  }
};
