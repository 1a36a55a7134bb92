/**
 * _operator: the operator functions and itemgetter, attrgetter, methodcaller.
 * @cpython Modules/_operator.c (3.11)
 *
 * The functions are METH_O / METH_FASTCALL builtins (no argument tuple). The three types
 * are heap types in CPython ("operator.itemgetter"…, GC): `itemgetter(a, b)` keeps the
 * call's argument tuple as its items and methodcaller keeps the call's keyword dict, so
 * their construction packs the arguments as type_call does. itemgetter and attrgetter
 * are called by vectorcall; methodcaller through an argument tuple.
 */
import { CompareOp, PyObject, PyType, TypeFlag, decref } from '../objects/object';
import { staticType } from '../objects/roots';
import { None } from '../objects/noneobject';
import { newBool } from '../objects/boolobject';
import { internFromString, intern, isStr, newStr, type PyStr } from '../objects/unicodeobject';
import { newInt } from '../objects/longobject';
import { isTuple, newTuple, tupleFromBorrowed, type PyTuple } from '../objects/tupleobject';
import { lengthHint } from '../objects/listobject';
import {
  asSsize,
  binaryOp,
  call,
  callObject,
  contains,
  delItem,
  getAttr,
  getItem,
  getIter,
  inplaceOp,
  isTrue,
  iterNext,
  numberIndex,
  reprText,
  reprEnter,
  reprLeave,
  richCompare,
  richCompareBool,
  setItem,
  unaryOp,
} from '../objects/abstract';
import { dictNext, type PyDict } from '../objects/dictobject';
import { ValueErrorType } from '../objects/exceptions';
import { raise, typeError } from '../vm/errors';
import { rt } from '../vm/runtime';
import type { NumberSlot } from '../objects/object';
import { moduleBuilder } from './moduledef';
import type { PyModule } from '../objects/moduleobject';
import { gcNew, withCallArgs } from './cobject';
import { fieldSlots } from './cutil';
import { exactArgs, noKeywords, rangeArgs } from '../vm/args';

type Args = PyObject[];
type Kw = PyTuple | null;

/** _PyArg_NoKeywords + _PyArg_CheckPositional(name, nargs, 1, 1) of the getter types' calls. */
function oneArg(name: string, args: Args, kw: Kw): void {
  noKeywords(name, kw);
  if (args.length !== 1) typeError(`${name} expected 1 argument, got ${args.length}`);
}

/** One of the three types (heap types in CPython, not subclassable): GC objects. */
function getterType(name: string, basicsize: number): PyType {
  return staticType({
    name: `operator.${name}`,
    qualname: name,
    module: 'operator',
    basicsize,
    flags: TypeFlag.HAVE_GC,
  });
}

// ------------------------------------------------------------------ itemgetter

export const ItemGetterType: PyType = getterType('itemgetter', 48);
class PyItemGetter extends PyObject {
  nitems = 0;
  item: PyObject | null = null;
  index = -1;
}

/** itemgetter_new (args: the call's tuple). */
function itemgetterNew(args: PyTuple): PyObject {
  const nitems = args.items.length;
  let item: PyObject;
  if (nitems <= 1) {
    if (nitems === 0) typeError('itemgetter expected 1 argument, got 0');
    item = args.items[0];
  } else item = args;
  const ig = gcNew(new PyItemGetter(ItemGetterType), ItemGetterType);
  item.refcnt++;
  ig.item = item;
  ig.nitems = nitems;
  ig.index = -1;
  if (item.type.name === 'int' && !item.type.isHeapType) {
    const v = (item as unknown as { value: number | bigint }).value;
    if (typeof v === 'number' && v >= 0) ig.index = v;
  }
  rt.gc.track(ig);
  return ig;
}

ItemGetterType.tp_new = (_type, args, kw) => {
  noKeywords('itemgetter', kw);
  return withCallArgs(args, kw, (t) => itemgetterNew(t));
};
ItemGetterType.hasVectorcall = () => true;
ItemGetterType.tp_call = (callable, args, kw) => {
  const ig = callable as PyItemGetter;
  oneArg('itemgetter', args, kw);
  const obj = args[0];
  if (ig.nitems === 1) {
    if (ig.index >= 0 && obj.type.name === 'tuple' && !obj.type.isHeapType) {
      const items = (obj as PyTuple).items;
      if (ig.index < items.length) {
        const r = items[ig.index];
        r.refcnt++;
        return r;
      }
    }
    return getItem(obj, ig.item!);
  }
  return tupleOfResults((ig.item as PyTuple).items, (k) => getItem(obj, k));
};
fieldSlots<PyItemGetter>(ItemGetterType, ['item'], ['__class__', 'item']);
ItemGetterType.tp_repr = (o) => {
  const ig = o as PyItemGetter;
  if (reprEnter(ig)) return newStr('operator.itemgetter(...)');
  try {
    const r = reprText(ig.item!);
    return newStr(ig.nitems === 1 ? `operator.itemgetter(${r})` : `operator.itemgetter${r}`);
  } finally {
    reprLeave(ig);
  }
};

/** A tuple of f(x) for each x; if one raises, the results so far are released. */
function tupleOfResults(xs: PyObject[], f: (x: PyObject) => PyObject): PyTuple {
  const out: PyObject[] = [];
  try {
    for (const x of xs) out.push(f(x));
  } catch (e) {
    for (const x of out) decref(x);
    throw e;
  }
  return newTuple(out);
}

// ------------------------------------------------------------------ attrgetter

export const AttrGetterType: PyType = getterType('attrgetter', 40);
class PyAttrGetter extends PyObject {
  nattrs = 0;
  attr: PyTuple | null = null;
}

function attrgetterNew(args: PyTuple): PyObject {
  const nattrs = args.items.length;
  if (nattrs === 0) typeError('attrgetter expected 1 argument, got 0');
  const parts: PyObject[] = [];
  try {
    for (const item of args.items) {
      if (!isStr(item)) typeError('attribute name must be a string');
      const text = (item as PyStr).value;
      if (!text.includes('.')) {
        item.refcnt++;
        parts.push(intern(item as PyStr));
      } else {
        parts.push(newTuple(text.split('.').map((s) => internFromString(s))));
      }
    }
  } catch (e) {
    for (const p of parts) decref(p);
    throw e;
  }
  const attr = newTuple(parts);
  const ag = gcNew(new PyAttrGetter(AttrGetterType), AttrGetterType);
  ag.attr = attr;
  ag.nattrs = nattrs;
  rt.gc.track(ag);
  return ag;
}

function dottedGetattr(obj: PyObject, attr: PyObject): PyObject {
  if (isTuple(attr)) {
    obj.refcnt++;
    let cur = obj;
    for (const name of (attr as PyTuple).items) {
      try {
        const next = getAttr(cur, name as PyStr);
        decref(cur);
        cur = next;
      } catch (e) {
        decref(cur);
        throw e;
      }
    }
    return cur;
  }
  return getAttr(obj, attr as PyStr);
}

AttrGetterType.tp_new = (_type, args, kw) => {
  noKeywords('attrgetter', kw);
  return withCallArgs(args, kw, (t) => attrgetterNew(t));
};
AttrGetterType.hasVectorcall = () => true;
AttrGetterType.tp_call = (callable, args, kw) => {
  const ag = callable as PyAttrGetter;
  oneArg('attrgetter', args, kw);
  const obj = args[0];
  const attrs = ag.attr!.items;
  if (ag.nattrs === 1) return dottedGetattr(obj, attrs[0]);
  return tupleOfResults(attrs, (a) => dottedGetattr(obj, a));
};
fieldSlots<PyAttrGetter>(AttrGetterType, ['attr'], ['attr', '__class__']);
const dotJoin = (a: PyObject): string =>
  isTuple(a) ? (a as PyTuple).items.map((s) => (s as PyStr).value).join('.') : (a as PyStr).value;
AttrGetterType.tp_repr = (o) => {
  const ag = o as PyAttrGetter;
  if (reprEnter(ag)) return newStr('operator.attrgetter(...)');
  try {
    const names = ag.attr!.items.map((a) => newStr(dotJoin(a)));
    const t = newTuple(names);
    try {
      const target = ag.nattrs === 1 ? t.items[0] : t;
      const r = reprText(target);
      return newStr(ag.nattrs === 1 ? `operator.attrgetter(${r})` : `operator.attrgetter${r}`);
    } finally {
      decref(t);
    }
  } finally {
    reprLeave(ag);
  }
};

// ------------------------------------------------------------------ methodcaller

export const MethodCallerType: PyType = getterType('methodcaller', 40);
class PyMethodCaller extends PyObject {
  name: PyObject | null = null;
  args: PyTuple | null = null;
  kwds: PyDict | null = null;
}

function methodcallerNew(args: PyTuple, kwds: PyDict | null): PyObject {
  if (args.items.length < 1) typeError('methodcaller needs at least one argument, the method name');
  const name = args.items[0];
  if (!isStr(name)) typeError('method name must be a string');
  const mc = gcNew(new PyMethodCaller(MethodCallerType), MethodCallerType);
  name.refcnt++;
  mc.name = intern(name as PyStr);
  if (kwds !== null) kwds.refcnt++;
  mc.kwds = kwds;
  mc.args = tupleFromBorrowed(args.items.slice(1));
  rt.gc.track(mc);
  return mc;
}

MethodCallerType.tp_new = (_type, args, kw) => withCallArgs(args, kw, (t, d) => methodcallerNew(t, d));
/** methodcaller_call: tp_call only (the engine packs the tuple for it). */
MethodCallerType.tp_call = (callable, args, kw) => {
  const mc = callable as PyMethodCaller;
  oneArg('methodcaller', args, kw);
  const method = getAttr(args[0], mc.name as PyStr);
  try {
    return callObject(method, mc.args!, mc.kwds);
  } finally {
    decref(method);
  }
};
fieldSlots<PyMethodCaller>(MethodCallerType, ['name', 'args', 'kwds'], ['name', 'args', 'kwds', '__class__']);
MethodCallerType.tp_repr = (o) => {
  const mc = o as PyMethodCaller;
  if (reprEnter(mc)) return newStr('operator.methodcaller(...)');
  try {
    const nameRepr = reprText(mc.name!);
    const parts = mc.args!.items.map(reprText);
    if (mc.kwds !== null) {
      let pos = 0;
      for (;;) {
        const e = dictNext(mc.kwds, pos);
        if (e === null) break;
        pos = e.pos;
        parts.push(`${(e.key as PyStr).value}=${reprText(e.value)}`);
      }
    }
    if (parts.length === 0) return newStr(`operator.methodcaller(${nameRepr})`);
    return newStr(`operator.methodcaller(${nameRepr}, ${parts.join(', ')})`);
  } finally {
    reprLeave(mc);
  }
};

// ------------------------------------------------------------------ functions

/** PySequence_Concat: sequences only (those with sq_concat), a TypeError otherwise. */
function sequenceConcat(a: PyObject, b: PyObject, inplace: boolean): PyObject {
  const isSeq = (o: PyObject) => o.type.sq_concat !== undefined || o.type.mp_subscript !== undefined;
  if (!isSeq(a)) typeError(`'${a.type.name}' object can't be concatenated`);
  if (inplace && a.type.sq_inplace_concat !== undefined) return a.type.sq_inplace_concat(a, b);
  if (a.type.sq_concat !== undefined) return a.type.sq_concat(a, b);
  return inplace ? inplaceOp(a, b, 'nb_add') : binaryOp(a, b, 'nb_add');
}

/** PySequence_Count / PySequence_Index by iteration. */
function countOrIndex(a: PyObject, b: PyObject, index: boolean): PyObject {
  const it = getIter(a);
  let n = 0;
  let i = 0;
  try {
    for (;;) {
      const item = iterNext(it);
      if (item === null) break;
      let eq: boolean;
      try {
        eq = richCompareBool(item, b, CompareOp.EQ);
      } finally {
        decref(item);
      }
      if (eq) {
        if (index) return newInt(i);
        n++;
      }
      i++;
    }
  } finally {
    decref(it);
  }
  if (index) raise(ValueErrorType, 'sequence.index(x): x not in sequence');
  return newInt(n);
}

/**
 * Argument Clinic's checks for _operator's functions: keywords are refused under the module's
 * name, a count under the bare name (`_operator.neg() takes exactly one argument` for one).
 */
function opArgs(name: string, args: PyObject[], kwnames: PyTuple | null, n: number): void {
  noKeywords(`_operator.${name}`, kwnames);
  exactArgs(n === 1 ? `_operator.${name}` : name, args, null, n);
}

export function createOperatorCModule(): PyModule {
  const { module: m, set, fn } = moduleBuilder('_operator');
  const bin = (name: string, slot: NumberSlot) =>
    fn(name, (args, kw) => (opArgs(name, args, kw, 2), binaryOp(args[0], args[1], slot)));
  const ibin = (name: string, slot: NumberSlot) =>
    fn(name, (args, kw) => (opArgs(name, args, kw, 2), inplaceOp(args[0], args[1], slot)));
  const cmp = (name: string, op: CompareOp) =>
    fn(name, (args, kw) => (opArgs(name, args, kw, 2), richCompare(args[0], args[1], op)));
  fn('truth', (args, kw) => (opArgs('truth', args, kw, 1), newBool(isTrue(args[0]))));
  bin('add', 'nb_add');
  bin('sub', 'nb_subtract');
  bin('mul', 'nb_multiply');
  bin('matmul', 'nb_matrix_multiply');
  bin('floordiv', 'nb_floor_divide');
  bin('truediv', 'nb_true_divide');
  bin('mod', 'nb_remainder');
  fn('neg', (args, kw) => (opArgs('neg', args, kw, 1), unaryOp(args[0], 'nb_negative', 'unary -')));
  fn('pos', (args, kw) => (opArgs('pos', args, kw, 1), unaryOp(args[0], 'nb_positive', 'unary +')));
  fn('abs', (args, kw) => (opArgs('abs', args, kw, 1), unaryOp(args[0], 'nb_absolute', 'abs()')));
  fn('inv', (args, kw) => (opArgs('inv', args, kw, 1), unaryOp(args[0], 'nb_invert', 'unary ~')));
  fn('invert', (args, kw) => (opArgs('invert', args, kw, 1), unaryOp(args[0], 'nb_invert', 'unary ~')));
  bin('lshift', 'nb_lshift');
  bin('rshift', 'nb_rshift');
  fn('not_', (args, kw) => (opArgs('not_', args, kw, 1), newBool(!isTrue(args[0]))));
  bin('and_', 'nb_and');
  bin('xor', 'nb_xor');
  bin('or_', 'nb_or');
  ibin('iadd', 'nb_add');
  ibin('isub', 'nb_subtract');
  ibin('imul', 'nb_multiply');
  ibin('imatmul', 'nb_matrix_multiply');
  ibin('ifloordiv', 'nb_floor_divide');
  ibin('itruediv', 'nb_true_divide');
  ibin('imod', 'nb_remainder');
  ibin('ilshift', 'nb_lshift');
  ibin('irshift', 'nb_rshift');
  ibin('iand', 'nb_and');
  ibin('ixor', 'nb_xor');
  ibin('ior', 'nb_or');
  fn('concat', (args, kw) => (opArgs('concat', args, kw, 2), sequenceConcat(args[0], args[1], false)));
  fn('iconcat', (args, kw) => (opArgs('iconcat', args, kw, 2), sequenceConcat(args[0], args[1], true)));
  fn('contains', (args, kw) => (opArgs('contains', args, kw, 2), newBool(contains(args[0], args[1]))));
  fn('indexOf', (args, kw) => (opArgs('indexOf', args, kw, 2), countOrIndex(args[0], args[1], true)));
  fn('countOf', (args, kw) => (opArgs('countOf', args, kw, 2), countOrIndex(args[0], args[1], false)));
  fn('getitem', (args, kw) => (opArgs('getitem', args, kw, 2), getItem(args[0], args[1])));
  fn('setitem', (args, kw) => {
    opArgs('setitem', args, kw, 3);
    setItem(args[0], args[1], args[2]);
    return (None.refcnt++, None);
  });
  fn('delitem', (args, kw) => {
    opArgs('delitem', args, kw, 2);
    delItem(args[0], args[1]);
    return (None.refcnt++, None);
  });
  cmp('eq', CompareOp.EQ);
  cmp('ne', CompareOp.NE);
  cmp('lt', CompareOp.LT);
  cmp('le', CompareOp.LE);
  cmp('gt', CompareOp.GT);
  cmp('ge', CompareOp.GE);
  bin('pow', 'nb_power');
  ibin('ipow', 'nb_power');
  fn('index', (args, kw) => (opArgs('index', args, kw, 1), numberIndex(args[0])));
  fn('is_', (args, kw) => (opArgs('is_', args, kw, 2), newBool(args[0] === args[1])));
  fn('is_not', (args, kw) => (opArgs('is_not', args, kw, 2), newBool(args[0] !== args[1])));
  fn('length_hint', (args, kw) => {
    rangeArgs('length_hint', args, kw, 1, 2);
    const dflt = args.length > 1 ? asSsize(args[1]) : 0;
    return newInt(lengthHint(args[0], dflt));
  });
  fn('_compare_digest', (args, kw) => {
    opArgs('_compare_digest', args, kw, 2);
    return richCompare(args[0], args[1], CompareOp.EQ);
  });
  fn('call', (args, kw) => {
    const npos = args.length - (kw === null ? 0 : kw.items.length);
    if (npos < 1) typeError("call() missing 1 required positional argument: 'obj'");
    if (kw === null) return call(args[0], args.slice(1), null);
    return call(args[0], args.slice(1), kw);
  });
  set('attrgetter', AttrGetterType);
  set('itemgetter', ItemGetterType);
  set('methodcaller', MethodCallerType);
  return m;
}
