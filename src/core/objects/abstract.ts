/**
 * The abstract object protocols: what the interpreter calls to operate on any object,
 * dispatching through the type's slots exactly as CPython does (including the order in
 * which reflected operands are tried). @cpython Objects/abstract.c, Objects/object.c
 */
import {
  CompareOp,
  PyObject,
  PyType,
  TypeFlag,
  decref,
  type BinaryFunc,
  type NumberSlot,
  type InplaceSlot,
} from './object';
import { NotImplemented, None } from './noneobject';
import { False, True, BoolType } from './boolobject';
import { newTuple, tupleFromBorrowed, PyTuple } from './tupleobject';
import { internFromString, isStr, type PyStr } from './unicodeobject';
import { listAppend, listAssSlice, newEmptyList, type PyList } from './listobject';
import { IntType, PyLong, isInt } from './longobject';
import { AttributeErrorType, IndexErrorType, OverflowErrorType, RecursionErrorType } from './exceptions';
import { TypeType } from './roots';
import { StrType } from './unicodeobject';
import { DictType, dictItems, dictSetItem, newDict, newDictPresized, type PyDict } from './dictobject';
import { ModuleType, moduleName } from './moduleobject';
import { newSeqIter } from './iterobject';
import { classGetItem, genericGetAttr, typeLookup } from './typeobject';
import { getOwnAttr } from './instanceobject';
import { raise, typeError, attributeError } from '../vm/errors';
import { rt } from '../vm/runtime';

export const OP_SYMBOLS: Record<NumberSlot, string> = {
  nb_add: '+',
  nb_subtract: '-',
  nb_multiply: '*',
  nb_matrix_multiply: '@',
  nb_true_divide: '/',
  nb_floor_divide: '//',
  nb_remainder: '%',
  nb_power: '** or pow()',
  nb_lshift: '<<',
  nb_rshift: '>>',
  nb_and: '&',
  nb_or: '|',
  nb_xor: '^',
  nb_divmod: 'divmod()',
};

const SWAPPED: CompareOp[] = [
  CompareOp.GT,
  CompareOp.GE,
  CompareOp.EQ,
  CompareOp.NE,
  CompareOp.LT,
  CompareOp.LE,
];
const OP_STRINGS = ['<', '<=', '==', '!=', '>', '>='];

// ------------------------------------------------------------------ repr and str

/** PyObject_Repr: a new reference to a str. */
export function objectRepr(o: PyObject): PyStr {
  const f = o.type.tp_repr!;
  if (rt.recursionDepth > rt.recursionLimit) recursionError(' while getting the repr of an object');
  rt.recursionDepth++;
  try {
    const r = f(o);
    if (!isStr(r)) {
      decref(r);
      typeError(`__repr__ returned non-string (type ${r.type.name})`);
    }
    return r as PyStr;
  } finally {
    rt.recursionDepth--;
  }
}

/** PyObject_Str: a new reference to a str. */
export function objectStr(o: PyObject): PyStr {
  if (o.type === StrType) return (o.refcnt++, o as PyStr);
  const f = o.type.tp_str ?? o.type.tp_repr!;
  rt.recursionDepth++;
  try {
    const r = f(o);
    if (!isStr(r)) {
      decref(r);
      typeError(`__str__ returned non-string (type ${r.type.name})`);
    }
    return r as PyStr;
  } finally {
    rt.recursionDepth--;
  }
}

export function reprText(o: PyObject): string {
  const r = objectRepr(o);
  const v = r.value;
  decref(r);
  return v;
}

export function strText(o: PyObject): string {
  const r = objectStr(o);
  const v = r.value;
  decref(r);
  return v;
}

/**
 * Py_ReprEnter: true when `o` is already being repr'd higher up (print `[...]`). The
 * objects being repr'd are kept, as in CPython, in a list stored in the thread state's
 * dict under 'Py_Repr': both are made by the first container repr and live on (two GC
 * allocations gc.get_count() sees), and the list holds a reference to each object.
 */
export function reprEnter(o: PyObject): boolean {
  const list = reprList();
  for (let i = list.items.length - 1; i >= 0; i--) if (list.items[i] === o) return true;
  listAppend(list, o);
  return false;
}

/** Py_ReprLeave. */
export function reprLeave(o: PyObject): void {
  const list = reprList();
  for (let i = list.items.length - 1; i >= 0; i--) {
    if (list.items[i] === o) {
      listAssSlice(list, i, i + 1, null);
      return;
    }
  }
}

function reprList(): PyList {
  if (rt.reprList === null) {
    // PyThreadState_GetDict makes the thread's dict on first use; the list goes into it.
    rt.threadDict ??= newDict();
    const list = newEmptyList();
    const key = internFromString('Py_Repr');
    dictSetItem(rt.threadDict, key, list);
    decref(key);
    decref(list);
    rt.reprList = list;
  }
  return rt.reprList;
}

function recursionError(where: string): never {
  return raise(RecursionErrorType, `maximum recursion depth exceeded${where}`);
}

// ------------------------------------------------------------------ hashing

/** PyObject_Hash. */
export function objectHash(o: PyObject): number {
  const f = o.type.tp_hash;
  if (f === undefined) typeError(`unhashable type: '${o.type.name}'`);
  return f!(o);
}

// ----------------------------------------------------------------- comparison

/** PyObject_RichCompare: a new reference. */
export function richCompare(v: PyObject, w: PyObject, op: CompareOp): PyObject {
  if (rt.recursionDepth > rt.recursionLimit) recursionError(' in comparison');
  rt.recursionDepth++;
  try {
    return doRichCompare(v, w, op);
  } finally {
    rt.recursionDepth--;
  }
}

function doRichCompare(v: PyObject, w: PyObject, op: CompareOp): PyObject {
  let checkedReverse = false;
  const vt = v.type;
  const wt = w.type;
  if (vt !== wt && wt.isSubtypeOf(vt) && wt.tp_richcompare !== undefined) {
    checkedReverse = true;
    const res = wt.tp_richcompare(w, v, SWAPPED[op]);
    if (res !== NotImplemented) return res;
    decref(res);
  }
  if (vt.tp_richcompare !== undefined) {
    const res = vt.tp_richcompare(v, w, op);
    if (res !== NotImplemented) return res;
    decref(res);
  }
  if (!checkedReverse && wt.tp_richcompare !== undefined) {
    const res = wt.tp_richcompare(w, v, SWAPPED[op]);
    if (res !== NotImplemented) return res;
    decref(res);
  }
  if (op === CompareOp.EQ || op === CompareOp.NE) {
    const r = (v === w) === (op === CompareOp.EQ) ? True : False;
    r.refcnt++;
    return r;
  }
  return typeError(`'${OP_STRINGS[op]}' not supported between instances of '${vt.name}' and '${wt.name}'`);
}

/** PyObject_RichCompareBool: identity implies equality. */
export function richCompareBool(v: PyObject, w: PyObject, op: CompareOp): boolean {
  if (v === w) {
    if (op === CompareOp.EQ) return true;
    if (op === CompareOp.NE) return false;
  }
  const res = richCompare(v, w, op);
  if (res === True) return (decref(res), true);
  if (res === False) return (decref(res), false);
  try {
    return isTrue(res);
  } finally {
    decref(res);
  }
}

// --------------------------------------------------------------------- truth

/** PyObject_IsTrue. */
export function isTrue(o: PyObject): boolean {
  if (o === True) return true;
  if (o === False || o === None) return false;
  const t = o.type;
  if (t.nb_bool !== undefined) return t.nb_bool(o);
  if (t.mp_length !== undefined) return t.mp_length(o) > 0;
  return true;
}

// ------------------------------------------------------------------ attributes

/** PyObject_GetAttr: a new reference; raises AttributeError when missing. */
export function getAttr(o: PyObject, name: PyStr): PyObject {
  const r = o.type.tp_getattro!(o, name);
  if (r === null) missingAttribute(o, name);
  return r!;
}

/** _PyObject_LookupAttr: a new reference, or null when missing (no exception). */
export function lookupAttr(o: PyObject, name: PyStr): PyObject | null {
  try {
    return o.type.tp_getattro!(o, name);
  } catch (e) {
    if (isAttributeError(e)) {
      decref(e as PyObject);
      return null;
    }
    throw e;
  }
}

export function isAttributeError(e: unknown): boolean {
  return e instanceof PyObject && e.type.isSubtypeOf(AttributeErrorType);
}

export function missingAttribute(o: PyObject, name: PyStr): never {
  if (o.type === TypeType || o.type.isSubtypeOf(TypeType)) {
    return attributeError(`type object '${(o as PyType).name}' has no attribute '${name.value}'`, o, name);
  }
  if (o.type === ModuleType) {
    const modName = moduleName(o);
    return attributeError(`module '${modName}' has no attribute '${name.value}'`, o, name);
  }
  return attributeError(`'${o.type.name}' object has no attribute '${name.value}'`, o, name);
}

/** PyObject_SetAttr (value null deletes). */
export function setAttr(o: PyObject, name: PyStr, value: PyObject | null): void {
  const f = o.type.tp_setattro;
  if (f === undefined) {
    const hasGet = o.type.tp_getattro !== undefined;
    typeError(
      `'${o.type.name}' object has ${hasGet ? 'only read-only' : 'no'} attributes (${value === null ? 'del' : 'assign to'} .${name.value})`,
    );
  }
  f!(o, name, value);
}

// ------------------------------------------------------------------- items

/** PyObject_GetItem: a new reference. */
export function getItem(o: PyObject, key: PyObject): PyObject {
  const f = o.type.mp_subscript;
  if (f !== undefined) return f(o, key);
  if (o.type === TypeType || o.type.isSubtypeOf(TypeType)) {
    return classGetItem(o as PyType, key);
  }
  return typeError(`'${o.type.name}' object is not subscriptable`);
}

export function setItem(o: PyObject, key: PyObject, value: PyObject): void {
  const f = o.type.mp_ass_subscript;
  if (f === undefined) typeError(`'${o.type.name}' object does not support item assignment`);
  f!(o, key, value);
}

export function delItem(o: PyObject, key: PyObject): void {
  const f = o.type.mp_ass_subscript;
  if (f === undefined) typeError(`'${o.type.name}' object does not support item deletion`);
  f!(o, key, null);
}

/** PyObject_Size / len(). */
export function objectLength(o: PyObject): number {
  const f = o.type.mp_length;
  if (f === undefined) typeError(`object of type '${o.type.name}' has no len()`);
  return f!(o);
}

/** PySequence_Contains: sq_contains, else iterate and compare. */
export function contains(container: PyObject, item: PyObject): boolean {
  const f = container.type.sq_contains;
  if (f !== undefined) return f(container, item);
  const it = getIterOrNull(container);
  if (it === null) typeError(`argument of type '${container.type.name}' is not iterable`);
  try {
    for (;;) {
      const x = iterNext(it!);
      if (x === null) return false;
      const eq = richCompareBoolAndRelease(x, item);
      if (eq) return true;
    }
  } finally {
    decref(it!);
  }
}

function richCompareBoolAndRelease(x: PyObject, item: PyObject): boolean {
  try {
    return richCompareBool(x, item, CompareOp.EQ);
  } finally {
    decref(x);
  }
}

// ------------------------------------------------------------------- iteration

/** PyObject_GetIter: a new reference to an iterator. */
export function getIter(o: PyObject): PyObject {
  const it = getIterOrNull(o);
  if (it === null) typeError(`'${o.type.name}' object is not iterable`);
  return it!;
}

function getIterOrNull(o: PyObject): PyObject | null {
  const f = o.type.tp_iter;
  if (f !== undefined) {
    const it = f(o);
    if (it.type.tp_iternext === undefined) {
      const name = it.type.name;
      decref(it);
      typeError(`iter() returned non-iterator of type '${name}'`);
    }
    return it;
  }
  if (o.type.mp_subscript !== undefined && !isDictLike(o)) return newSeqIter(o);
  return null;
}

function isDictLike(o: PyObject): boolean {
  return o.type === DictType || o.type.isSubtypeOf(DictType);
}

/** PyIter_Next: a new reference, or null when exhausted. */
export function iterNext(it: PyObject): PyObject | null {
  const f = it.type.tp_iternext;
  if (f === undefined) typeError(`'${it.type.name}' object is not an iterator`);
  return f!(it);
}

/** Collects an iterable into an array of new references. */
export function iterateToArray(o: PyObject): PyObject[] {
  const it = getIter(o);
  const out: PyObject[] = [];
  try {
    for (;;) {
      const x = iterNext(it);
      if (x === null) break;
      out.push(x);
    }
  } catch (e) {
    for (const x of out) decref(x);
    throw e;
  } finally {
    decref(it);
  }
  return out;
}

// -------------------------------------------------------------------- calls

/** PyObject_Vectorcall: args borrowed; kwnames names the trailing args. New reference. */
export function call(callable: PyObject, args: PyObject[], kwnames: PyTuple | null = null): PyObject {
  const t = callable.type;
  const f = t.tp_call;
  if (f === undefined) typeError(`'${t.name}' object is not callable`);
  if (rt.recursionDepth > rt.recursionLimit) recursionError(' while calling a Python object');
  if (t.hasVectorcall?.(callable)) return f!(callable, args, kwnames);
  return makeTpCall(callable, args, kwnames, f!);
}

/**
 * PyObject_Call: arguments already packed as a tuple (and keywords as a dict). Vectorcall
 * callables get them unpacked (_PyStack_UnpackDict makes a kwnames tuple); others receive
 * the existing tuple and dict, so nothing new is allocated for them.
 */
export function callObject(callable: PyObject, args: PyTuple, kwargs: PyDict | null): PyObject {
  const t = callable.type;
  const f = t.tp_call;
  if (f === undefined) typeError(`'${t.name}' object is not callable`);
  if (rt.recursionDepth > rt.recursionLimit) recursionError(' while calling a Python object');
  if (kwargs === null || kwargs.used === 0)
    return withPacked(args, null, () => f!(callable, args.items, null));
  const items = dictItems(kwargs);
  const values = [...args.items, ...items.map(([, v]) => v)];
  if (!t.hasVectorcall?.(callable)) {
    // tp_call reads the dict itself; the engine passes its keys as names (no object made).
    return withPacked(args, kwargs, () => f!(callable, values, new PyTuple(items.map(([k]) => k))));
  }
  const kwnames = newTuple(items.map(([k]) => (k.refcnt++, k)));
  try {
    return f!(callable, values, kwnames);
  } finally {
    decref(kwnames);
  }
}

/** _PyStack_AsDict: the keyword arguments of a vectorcall as a new dict. */
export function dictFromKeywords(kwnames: PyTuple, args: PyObject[], npos: number): PyDict {
  const d = newDictPresized(kwnames.items.length);
  kwnames.items.forEach((key, i) => dictSetItem(d, key, args[npos + i]));
  return d;
}

/**
 * _PyObject_MakeTpCall: a callable without vectorcall receives its arguments as a tuple
 * (and its keywords as a dict); both live for the duration of the call.
 */
export function makeTpCall(
  callable: PyObject,
  args: PyObject[],
  kwnames: PyTuple | null,
  f: (callable: PyObject, args: PyObject[], kwnames: PyTuple | null) => PyObject,
): PyObject {
  return withArgumentTuple(args, kwnames, () => f(callable, args, kwnames));
}

/**
 * Runs `fn` while the positional arguments exist as a tuple and the keywords as a dict,
 * as they do for METH_VARARGS functions and tp_call slots.
 */
export function withArgumentTuple<T>(args: PyObject[], kwnames: PyTuple | null, fn: () => T): T {
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  const npos = args.length - nkw;
  const argsTuple = tupleFromBorrowed(args.slice(0, npos));
  let kwargs: PyDict | null = null;
  try {
    if (nkw > 0) kwargs = dictFromKeywords(kwnames!, args, npos);
    return withPacked(argsTuple, kwargs, fn);
  } finally {
    if (kwargs !== null) decref(kwargs);
    decref(argsTuple);
  }
}

/**
 * The argument tuple (and keyword dict) of the tp_call or tp_new now running, as CPython
 * passes them: the ones _PyObject_MakeTpCall packed, or the caller's own (PyObject_Call).
 * C types that keep them (lru_cache keys, chain, partial, itemgetter) read them here.
 */
export let packedArgs: PyTuple | null = null;
export let packedKwargs: PyDict | null = null;

function withPacked<T>(args: PyTuple, kwargs: PyDict | null, fn: () => T): T {
  const savedArgs = packedArgs;
  const savedKwargs = packedKwargs;
  packedArgs = args;
  packedKwargs = kwargs;
  try {
    return fn();
  } finally {
    packedArgs = savedArgs;
    packedKwargs = savedKwargs;
  }
}

export function callOneArg(callable: PyObject, arg: PyObject): PyObject {
  return call(callable, [arg], null);
}

export function isCallable(o: PyObject): boolean {
  return o.type.tp_call !== undefined;
}

/** Calls a method by name with borrowed args (PyObject_CallMethodObjArgs). */
/**
 * _PyObject_GetMethod: the unbound function for `obj.name(...)` when the attribute is a
 * plain method (no bound method is created), else null.
 */
export function getMethod(obj: PyObject, name: PyStr): PyObject | null {
  const tp = obj.type;
  if (tp.tp_getattro !== genericGetAttr || !isStr(name)) return null;
  const descr = typeLookup(tp, name);
  if (descr === null || (descr.type.flags & TypeFlag.METHOD_DESCRIPTOR) === 0) return null;
  // An instance attribute of the same name shadows the method.
  if (tp.hasInstanceDict) {
    const own = getOwnAttr(obj, name);
    if (own !== null) {
      decref(own);
      return null;
    }
  }
  descr.refcnt++;
  return descr;
}

/** PyObject_VectorcallMethod: `o.name(*args)` without a bound method when possible. */
export function callMethod(
  o: PyObject,
  name: PyStr,
  args: PyObject[],
  kwnames: PyTuple | null = null,
): PyObject {
  const unbound = getMethod(o, name);
  const m = unbound ?? getAttr(o, name);
  try {
    return unbound !== null ? call(m, [o, ...args], kwnames) : call(m, args, kwnames);
  } finally {
    decref(m);
  }
}

// ------------------------------------------------------------------- numbers

/** binary_op1: left slot, reflected right slot, subclass priority. NotImplemented if neither. */
export function binaryOp1(v: PyObject, w: PyObject, slot: NumberSlot): PyObject {
  const slotv = v.type[slot] as BinaryFunc | undefined;
  let slotw: BinaryFunc | undefined;
  if (w.type !== v.type) {
    slotw = w.type[slot] as BinaryFunc | undefined;
    if (slotw === slotv) slotw = undefined;
  }
  if (slotv !== undefined) {
    if (slotw !== undefined && w.type.isSubtypeOf(v.type)) {
      const x = slotw(v, w);
      if (x !== NotImplemented) return x;
      decref(x);
      slotw = undefined;
    }
    const x = slotv(v, w);
    if (x !== NotImplemented) return x;
    decref(x);
  }
  if (slotw !== undefined) {
    const x = slotw(v, w);
    if (x !== NotImplemented) return x;
    decref(x);
  }
  NotImplemented.refcnt++;
  return NotImplemented;
}

function binopTypeError(v: PyObject, w: PyObject, symbol: string): never {
  return typeError(`unsupported operand type(s) for ${symbol}: '${v.type.name}' and '${w.type.name}'`);
}

/** PyNumber_<op> for every binary operator, with the sequence fallbacks of + and *. */
export function binaryOp(v: PyObject, w: PyObject, slot: NumberSlot): PyObject {
  const r = binaryOp1(v, w, slot);
  if (r !== NotImplemented) return r;
  decref(r);
  if (slot === 'nb_add') {
    const concat = v.type.sq_concat;
    if (concat !== undefined) return concat(v, w);
  } else if (slot === 'nb_multiply') {
    if (v.type.sq_repeat !== undefined) return sequenceRepeat(v.type.sq_repeat, v, w);
    if (w.type.sq_repeat !== undefined) return sequenceRepeat(w.type.sq_repeat, w, v);
  }
  return binopTypeError(v, w, OP_SYMBOLS[slot]);
}

function sequenceRepeat(repeat: (o: PyObject, n: number) => PyObject, seq: PyObject, n: PyObject): PyObject {
  if (n.type.nb_index === undefined) {
    return typeError(`can't multiply sequence by non-int of type '${n.type.name}'`);
  }
  const count = asSsize(n);
  return repeat(seq, count);
}

const INPLACE_OF: Record<NumberSlot, InplaceSlot | null> = {
  nb_add: 'nb_inplace_add',
  nb_subtract: 'nb_inplace_subtract',
  nb_multiply: 'nb_inplace_multiply',
  nb_matrix_multiply: 'nb_inplace_matrix_multiply',
  nb_true_divide: 'nb_inplace_true_divide',
  nb_floor_divide: 'nb_inplace_floor_divide',
  nb_remainder: 'nb_inplace_remainder',
  nb_power: 'nb_inplace_power',
  nb_lshift: 'nb_inplace_lshift',
  nb_rshift: 'nb_inplace_rshift',
  nb_and: 'nb_inplace_and',
  nb_or: 'nb_inplace_or',
  nb_xor: 'nb_inplace_xor',
  nb_divmod: null,
};

/** PyNumber_InPlace<op>: the in-place slot first, then the binary operation. */
export function inplaceOp(v: PyObject, w: PyObject, slot: NumberSlot): PyObject {
  const islot = INPLACE_OF[slot];
  if (islot !== null) {
    const f = v.type[islot] as BinaryFunc | undefined;
    if (f !== undefined) {
      const x = f(v, w);
      if (x !== NotImplemented) return x;
      decref(x);
    }
  }
  const r = binaryOp1(v, w, slot);
  if (r !== NotImplemented) return r;
  decref(r);
  if (slot === 'nb_add') {
    const f = v.type.sq_inplace_concat ?? v.type.sq_concat;
    if (f !== undefined) return f(v, w);
  } else if (slot === 'nb_multiply') {
    const f = v.type.sq_inplace_repeat ?? v.type.sq_repeat;
    if (f !== undefined) return sequenceRepeat(f, v, w);
    if (w.type.sq_repeat !== undefined) return sequenceRepeat(w.type.sq_repeat, w, v);
  }
  const symbol = OP_SYMBOLS[slot] === '** or pow()' ? '**=' : OP_SYMBOLS[slot] + '=';
  return binopTypeError(v, w, symbol);
}

export function unaryOp(
  o: PyObject,
  slot: 'nb_negative' | 'nb_positive' | 'nb_invert' | 'nb_absolute',
  symbol: string,
): PyObject {
  const f = o.type[slot];
  if (f === undefined) typeError(`bad operand type for ${symbol}: '${o.type.name}'`);
  return f!(o);
}

/** PyNumber_Index: a new reference to an exact int (or int subclass). */
export function numberIndex(o: PyObject): PyLong {
  if (isInt(o)) return (o.refcnt++, o);
  const f = o.type.nb_index;
  if (f === undefined) {
    typeError(`'${o.type.name}' object cannot be interpreted as an integer`);
  }
  const r = f!(o);
  if (!isInt(r)) {
    decref(r);
    typeError(`__index__ returned non-int (type ${r.type.name})`);
  }
  return r as PyLong;
}

/** PyNumber_AsSsize_t: clamps like CPython would overflow (raises for huge values). */
export function asSsize(o: PyObject, errorType?: PyType): number {
  const i = numberIndex(o);
  const v = i.value;
  decref(i);
  if (typeof v === 'bigint') {
    return raise(errorType ?? IndexErrorType, `cannot fit 'int' into an index-sized integer`);
  }
  return v;
}

/** An int argument for builtins that take a C long (with CPython's error text). */
export function intArg(o: PyObject): number {
  if (o.type === IntType || o.type === BoolType) {
    const v = (o as PyLong).value;
    if (typeof v === 'number') return v;
  }
  return asSsize(o, OverflowErrorType);
}
