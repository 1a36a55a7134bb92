/**
 * enumerate and reversed. @cpython Objects/enumobject.c (3.11)
 *
 * enumerate (56 bytes, GC) holds the source iterator and a (index, item) result tuple
 * that it refills in place while nobody else holds it. reversed (32 bytes, GC) is only
 * built for sequences without `__reversed__`: list, dict and range objects return their
 * own reverse iterators from `__reversed__` (looked up like _PyObject_LookupSpecial,
 * which binds a method object).
 */
import { PyObject, PyType, TypeFlag, decref, type Visit } from './object';
import { staticType } from './roots';
import { allocGCObject, gcDel } from '../memory/alloc';
import { rt } from '../vm/runtime';
import { call, getIter } from './abstract';
import { None } from './noneobject';
import { newInt, newIntValue, smallInt, intAdd, type IntValue, type PyLong } from './longobject';
import { isStr, type PyStr } from './unicodeobject';
import { IndexErrorType, StopIterationType } from './exceptions';
import { typeError } from '../vm/errors';
import { exactArgs, noKeywords, parseParams, rangeArgs } from '../vm/args';
import { tupleAlloc, tuplePack, type PyTuple } from './tupleobject';
import { indexExact } from './rangeobject';
import { isExceptionOf, isSequence, lookupSpecial, sequenceGetItem, sequenceSize } from './iterobject';

/** PY_SSIZE_T_MAX, the index past which enumerate counts with int objects. */
const PY_SSIZE_T_MAX = (1n << 63n) - 1n;

// ------------------------------------------------------------------ enumerate

export const EnumerateType: PyType = staticType({
  name: 'enumerate',
  basicsize: 56,
  flags: TypeFlag.HAVE_GC | TypeFlag.BASETYPE,
});

export class PyEnumerate extends PyObject {
  /** en_index: a C Py_ssize_t (PY_SSIZE_T_MAX once counting has moved to longindex). */
  index: IntValue = 0;
  sit: PyObject | null = null;
  result: PyTuple | null = null;
  longindex: PyLong | null = null;
}

/** PyType_GenericAlloc: tracked at once; heap types gain a reference. */
function genericAlloc<T extends PyObject>(o: T, type: PyType): T {
  allocGCObject(o, (type.basicsize + 7) & ~7);
  if (type.isHeapType) type.refcnt++;
  rt.gc.track(o);
  return o;
}

/** @cpython Objects/enumobject.c enum_new_impl */
function enumNewImpl(type: PyType, iterable: PyObject, start: PyObject | undefined): PyEnumerate {
  const en = genericAlloc(new PyEnumerate(type), type);
  try {
    if (start !== undefined) {
      const s = indexExact(start);
      const sv = s.value;
      if (typeof sv === 'bigint' && (sv > PY_SSIZE_T_MAX || sv < -PY_SSIZE_T_MAX - 1n)) {
        en.index = PY_SSIZE_T_MAX;
        en.longindex = s;
      } else {
        en.index = sv;
        en.longindex = null;
        decref(s);
      }
    } else {
      en.index = 0;
      en.longindex = null;
    }
    en.sit = getIter(iterable);
    en.result = tuplePack(None, None);
  } catch (e) {
    decref(en);
    throw e;
  }
  return en;
}

function checkKeyword(kwnames: PyTuple, index: number, name: string): void {
  const kw = kwnames.items[index];
  if (!(isStr(kw) && (kw as PyStr).value === name)) {
    typeError(`'${(kw as PyStr).value}' is an invalid keyword argument for enumerate()`);
  }
}

/** enumerate_vectorcall: `enumerate(iterable, start=0)` parsed by hand as in CPython. */
EnumerateType.tp_vectorcall = (type, args, kwnames) => {
  const tp = type as PyType;
  const nkwargs = kwnames === null ? 0 : kwnames.items.length;
  const nargs = args.length - nkwargs;
  if (nargs + nkwargs === 2) {
    if (nkwargs === 1) {
      checkKeyword(kwnames!, 0, 'start');
    } else if (nkwargs === 2) {
      const kw0 = kwnames!.items[0] as PyStr;
      if (isStr(kw0) && kw0.value === 'start') {
        checkKeyword(kwnames!, 1, 'iterable');
        return enumNewImpl(tp, args[1], args[0]);
      }
      checkKeyword(kwnames!, 0, 'iterable');
      checkKeyword(kwnames!, 1, 'start');
    }
    return enumNewImpl(tp, args[0], args[1]);
  }
  if (nargs + nkwargs === 1) {
    if (nkwargs === 1) checkKeyword(kwnames!, 0, 'iterable');
    return enumNewImpl(tp, args[0], undefined);
  }
  if (nargs === 0) typeError("enumerate() missing required argument 'iterable'");
  return typeError(`enumerate() takes at most 2 arguments (${nargs + nkwargs} given)`);
};
/** enum_new (subclasses): Argument Clinic's `iterable, start=0`. */
EnumerateType.tp_new = (type, args, kwnames) => {
  const [iterable, start] = parseParams('enumerate', args, kwnames, ['iterable', 'start'], 1);
  return enumNewImpl(type, iterable!, start);
};

EnumerateType.tp_dealloc = (o) => {
  const en = o as PyEnumerate;
  rt.gc.untrack(en);
  const { sit, result, longindex } = en;
  en.sit = null;
  en.result = null;
  en.longindex = null;
  if (sit !== null) decref(sit);
  if (result !== null) decref(result);
  if (longindex !== null) decref(longindex);
  gcDel(en);
};
EnumerateType.tp_traverse = (o, visit: Visit) => {
  const en = o as PyEnumerate;
  if (en.sit !== null) visit(en.sit, 'iterator');
  if (en.result !== null) visit(en.result, 'result');
  if (en.longindex !== null) visit(en.longindex, 'index');
};
EnumerateType.tp_iter = (o) => (o.refcnt++, o);

/** Refills the result tuple when only enumerate holds it, else a new 2-tuple (steals both). */
function enumResult(en: PyEnumerate, nextIndex: PyObject, nextItem: PyObject): PyObject {
  const result = en.result!;
  if (result.refcnt === 1) {
    result.refcnt++;
    const oldIndex = result.items[0];
    const oldItem = result.items[1];
    result.items[0] = nextIndex;
    result.items[1] = nextItem;
    decref(oldIndex);
    decref(oldItem);
    if (result.gcNext === null) rt.gc.track(result);
    return result;
  }
  let r: PyTuple;
  try {
    r = tupleAlloc(2);
  } catch (e) {
    decref(nextIndex);
    decref(nextItem);
    throw e;
  }
  r.items = [nextIndex, nextItem];
  rt.gc.track(r);
  return r;
}

/** enum_next_long: counting with int objects past PY_SSIZE_T_MAX. */
function enumNextLong(en: PyEnumerate, nextItem: PyObject): PyObject {
  if (en.longindex === null) en.longindex = newIntValue(PY_SSIZE_T_MAX);
  const nextIndex = en.longindex;
  let steppedUp: PyLong;
  try {
    steppedUp = newIntValue(intAdd(nextIndex.value, smallInt(1).value));
  } catch (e) {
    decref(nextItem);
    throw e;
  }
  en.longindex = steppedUp;
  return enumResult(en, nextIndex, nextItem);
}

/** @cpython Objects/enumobject.c enum_next */
EnumerateType.tp_iternext = (o) => {
  const en = o as PyEnumerate;
  const it = en.sit!;
  const nextItem = it.type.tp_iternext!(it);
  if (nextItem === null) return null;
  if (en.index === PY_SSIZE_T_MAX) return enumNextLong(en, nextItem);
  let nextIndex: PyObject;
  try {
    nextIndex = newIntValue(en.index);
  } catch (e) {
    decref(nextItem);
    throw e;
  }
  en.index = intAdd(en.index, 1);
  if (typeof en.index === 'bigint' && en.index >= PY_SSIZE_T_MAX) en.index = PY_SSIZE_T_MAX;
  return enumResult(en, nextIndex, nextItem);
};

// ------------------------------------------------------------------ reversed

export const ReversedType: PyType = staticType({
  name: 'reversed',
  basicsize: 32,
  flags: TypeFlag.HAVE_GC | TypeFlag.BASETYPE,
});

export class PyReversed extends PyObject {
  index = -1;
  seq: PyObject | null = null;
}

/** @cpython Objects/enumobject.c reversed_new_impl */
function reversedNewImpl(type: PyType, seq: PyObject): PyObject {
  const meth = lookupSpecial(seq, '__reversed__');
  if (meth === None) {
    decref(meth);
    typeError(`'${seq.type.name}' object is not reversible`);
  }
  if (meth !== null) {
    try {
      return call(meth, []);
    } finally {
      decref(meth);
    }
  }
  if (!isSequence(seq)) typeError(`'${seq.type.name}' object is not reversible`);
  const n = sequenceSize(seq);
  const ro = genericAlloc(new PyReversed(type), type);
  ro.index = n - 1;
  seq.refcnt++;
  ro.seq = seq;
  return ro;
}

/** reversed(seq) for callers outside this module (seq borrowed). */
export function newReversed(seq: PyObject): PyObject {
  return reversedNewImpl(ReversedType, seq);
}

ReversedType.tp_vectorcall = (type, args, kwnames) => {
  noKeywords('reversed', kwnames);
  rangeArgs('reversed', args, null, 1, 1);
  return reversedNewImpl(type as PyType, args[0]);
};
ReversedType.tp_new = (type, args, kwnames) => {
  if (type === ReversedType || type.tp_init === ReversedType.tp_init) noKeywords('reversed', kwnames);
  const pos = args.slice(0, args.length - (kwnames === null ? 0 : kwnames.items.length));
  rangeArgs('reversed', pos, null, 1, 1);
  return reversedNewImpl(type, pos[0]);
};

/** @cpython Objects/enumobject.c reversed_next */
ReversedType.tp_iternext = (o) => {
  const ro = o as PyReversed;
  const index = ro.index;
  if (index >= 0 && ro.seq !== null) {
    try {
      const item = sequenceGetItem(ro.seq, index);
      ro.index--;
      return item;
    } catch (e) {
      if (isExceptionOf(e, IndexErrorType) || isExceptionOf(e, StopIterationType)) decref(e);
      else throw e;
    }
  }
  ro.index = -1;
  const seq = ro.seq;
  ro.seq = null;
  if (seq !== null) decref(seq);
  return null;
};
ReversedType.tp_iter = (o) => (o.refcnt++, o);
ReversedType.tp_dealloc = (o) => {
  const ro = o as PyReversed;
  rt.gc.untrack(ro);
  const seq = ro.seq;
  ro.seq = null;
  if (seq !== null) decref(seq);
  gcDel(ro);
};
ReversedType.tp_traverse = (o, visit: Visit) => {
  const seq = (o as PyReversed).seq;
  if (seq !== null) visit(seq, 'seq');
};
const reversedLen = (o: PyObject): number => {
  const ro = o as PyReversed;
  if (ro.seq === null) return 0;
  const seqsize = sequenceSize(ro.seq);
  const position = ro.index + 1;
  return seqsize < position ? 0 : position;
};
ReversedType.lengthHint = reversedLen;
ReversedType.methodSpecs.push({
  name: '__length_hint__',
  call: (self, args, kw) => {
    exactArgs('reversed.__length_hint__', args, kw, 0);
    return newInt(reversedLen(self));
  },
});
