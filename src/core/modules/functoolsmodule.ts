/**
 * _functools: partial, reduce, cmp_to_key and the C wrapper of lru_cache.
 * @cpython Modules/_functoolsmodule.c (3.11)
 *
 * - partial (64 bytes, GC, weakrefs and a lazily made __dict__): `partial(f, ...)` goes
 *   through type_call, so the call packs an argument tuple and, with keywords, a dict that
 *   the partial keeps when nobody else holds it. Calling a partial uses vectorcall (no
 *   tuple) while it has no keywords and its function supports vectorcall; otherwise
 *   partial_call concatenates the argument tuples and copies the keywords.
 * - reduce is METH_VARARGS and recycles one 2-tuple for the calls while the function does
 *   not keep it.
 * - cmp_to_key returns a KeyWrapper (32 bytes, GC); calling it makes another.
 * - _lru_cache_wrapper (152 bytes, GC, a method descriptor) has no vectorcall: each call
 *   packs an argument tuple, which becomes the cache key unless the call is f(str|int).
 *   A bounded cache keeps one _lru_list_elem (56 bytes, not GC) per entry.
 */
import { CompareOp, PyObject, PyType, TypeFlag, decref, xdecref, type Visit } from '../objects/object';
import { staticType } from '../objects/roots';
import { None } from '../objects/noneobject';
import { newStr, type PyStr } from '../objects/unicodeobject';
import { newInt, type PyLong } from '../objects/longobject';
import {
  EmptyTuple,
  isTuple,
  newTuple,
  sequenceTuple,
  tupleAlloc,
  tupleFromBorrowed,
  type PyTuple,
} from '../objects/tupleobject';
import {
  dictCopy,
  dictGetItemWithHash,
  dictMerge,
  dictNext,
  dictPop,
  dictSetItem,
  dictClear,
  isDict,
  newDict,
  type PyDict,
} from '../objects/dictobject';
import {
  call,
  callObject,
  getIter,
  isCallable,
  iterNext,
  numberIndex,
  objectHash,
  objectRepr,
  objectStr,
  reprText,
  reprEnter,
  reprLeave,
  richCompare,
  getAttr,
} from '../objects/abstract';
import { newMethod } from '../objects/methodobject';
import { instanceDictGetSet } from '../objects/instanceobject';
import { TypeErrorType, AttributeErrorType } from '../objects/exceptions';
import { attributeError, raise, typeError } from '../vm/errors';
import { rt } from '../vm/runtime';
import { smallInt } from '../objects/longobject';
import { staticId } from '../objects/unicodeobject';
import { moduleBuilder } from './moduledef';
import type { PyModule } from '../objects/moduleobject';
import { gcNew, genericAlloc, objectFree, objectNew, withCallArgs, withNewPacked } from './cobject';
import { clearFields, clearingDealloc, fieldGetSet } from './cutil';
import { rangeArgs } from '../vm/args';
import { ObjectType } from '../objects/roots';
import { allocObject } from '../memory/alloc';

const splitPos = (args: PyObject[], kwnames: PyTuple | null): number =>
  args.length - (kwnames === null ? 0 : kwnames.items.length);

// ------------------------------------------------------------------ partial

export const PartialType: PyType = staticType({
  name: 'functools.partial',
  qualname: 'partial',
  module: 'functools',
  basicsize: 64,
  flags: TypeFlag.HAVE_GC | TypeFlag.BASETYPE,
});
PartialType.weakrefable = true;
PartialType.hasInstanceDict = true;

export class PyPartial extends PyObject {
  fn: PyObject | null = null;
  args: PyTuple | null = null;
  kw: PyDict | null = null;
  dict: PyDict | null = null;
  /** pto->vectorcall is set: calls go by vectorcall (no argument tuple). */
  vectorcall = false;
}

/** partial_setvectorcall: vectorcall only when the function supports it. */
function setVectorcall(pto: PyPartial): void {
  const fn = pto.fn!;
  pto.vectorcall = fn.type.tp_call !== undefined && (fn.type.hasVectorcall?.(fn) ?? false);
}

/** @cpython Modules/_functoolsmodule.c partial_new (args: the call's tuple; kw its dict). */
function partialNew(type: PyType, args: PyTuple, kw: PyDict | null): PyPartial {
  if (args.items.length < 1) typeError("type 'partial' takes at least one argument");
  let func = args.items[0];
  let pargs: PyTuple | null = null;
  let pkw: PyDict | null = null;
  if (func instanceof PyPartial && func.type.tp_call === PartialType.tp_call && func.dict === null) {
    pargs = func.args;
    pkw = func.kw;
    func = func.fn!;
  }
  if (!isCallable(func)) typeError('the first argument must be callable');
  const pto = genericAlloc(new PyPartial(type), type);
  func.refcnt++;
  pto.fn = func;
  try {
    const nargs = tupleFromBorrowed(args.items.slice(1));
    if (pargs === null) pto.args = nargs;
    else {
      pto.args = tupleConcat(pargs, nargs);
      decref(nargs);
    }
    if (pkw === null || pkw.used === 0) {
      if (kw === null) pto.kw = newDict();
      else if (kw.refcnt === 1) {
        kw.refcnt++;
        pto.kw = kw;
      } else pto.kw = dictCopy(kw);
    } else {
      pto.kw = dictCopy(pkw);
      if (kw !== null) dictMerge(pto.kw, kw, true);
    }
  } catch (e) {
    decref(pto);
    throw e;
  }
  setVectorcall(pto);
  return pto;
}

/** tupleconcat: an empty side returns the other tuple itself. */
function tupleConcat(a: PyTuple, b: PyTuple): PyTuple {
  if (a.items.length === 0 && b.type === EmptyTuple.type) return (b.refcnt++, b);
  if (b.items.length === 0 && a.type === EmptyTuple.type) return (a.refcnt++, a);
  return tupleFromBorrowed([...a.items, ...b.items]);
}

/** partial_new through type_call: the call's argument tuple and keyword dict. */
PartialType.tp_new = (type, args, kwnames) => withCallArgs(args, kwnames, (t, d) => partialNew(type, t, d));

/** @cpython Modules/_functoolsmodule.c partial_call */
function partialCall(pto: PyPartial, args: PyTuple, kwargs: PyDict | null): PyObject {
  let kwargs2: PyDict | null;
  if (pto.kw!.used === 0) {
    kwargs2 = kwargs;
    if (kwargs2 !== null) kwargs2.refcnt++;
  } else {
    kwargs2 = dictCopy(pto.kw!);
    if (kwargs !== null) {
      try {
        dictMerge(kwargs2, kwargs, true);
      } catch (e) {
        decref(kwargs2);
        throw e;
      }
    }
  }
  let args2: PyTuple;
  try {
    args2 = tupleConcat(pto.args!, args);
  } catch (e) {
    if (kwargs2 !== null) decref(kwargs2);
    throw e;
  }
  try {
    return callObject(pto.fn!, args2, kwargs2);
  } finally {
    decref(args2);
    if (kwargs2 !== null) decref(kwargs2);
  }
}

PartialType.hasVectorcall = (o) => (o as PyPartial).vectorcall;
/** partial_vectorcall, or partial_call with the arguments packed (_PyObject_MakeTpCall). */
PartialType.tp_call = (callable, args, kwnames) => {
  const pto = callable as PyPartial;
  if (pto.vectorcall) {
    if (pto.kw!.used > 0) {
      // partial_vectorcall_fallback: vectorcall is given up for good.
      pto.vectorcall = false;
      return withNewPacked(args, kwnames, (t, d) => partialCall(pto, t, d));
    }
    const ptoArgs = pto.args!.items;
    if (args.length === 0) return call(pto.fn!, ptoArgs, null);
    return call(pto.fn!, [...ptoArgs, ...args], kwnames);
  }
  return withCallArgs(args, kwnames, (t, d) => partialCall(pto, t, d));
};

clearingDealloc(PartialType, (o) => clearFields(o as PyPartial, ['fn', 'args', 'kw', 'dict']));
PartialType.tp_traverse = (o, visit: Visit) => {
  const pto = o as PyPartial;
  visit(o.type, '__class__');
  if (pto.fn !== null) visit(pto.fn, '.func');
  if (pto.args !== null) visit(pto.args, '.args');
  if (pto.kw !== null) visit(pto.kw, '.keywords');
  if (pto.dict !== null) visit(pto.dict, '__dict__');
};

/** @cpython Modules/_functoolsmodule.c partial_repr */
PartialType.tp_repr = (o) => {
  const pto = o as PyPartial;
  if (reprEnter(pto)) return newStr('...');
  try {
    let arglist = '';
    for (const a of pto.args!.items) arglist += `, ${reprText(a)}`;
    let pos = 0;
    for (;;) {
      const e = dictNext(pto.kw!, pos);
      if (e === null) break;
      pos = e.pos;
      e.value.refcnt++;
      try {
        const k = objectStr(e.key);
        const v = objectRepr(e.value);
        arglist += `, ${k.value}=${v.value}`;
        decref(k);
        decref(v);
      } finally {
        decref(e.value);
      }
    }
    const fnRepr = reprText(pto.fn!);
    const name = o.type === PartialType ? 'functools.partial' : o.type.name;
    return newStr(`${name}(${fnRepr}${arglist})`);
  } finally {
    reprLeave(pto);
  }
};

const member = (name: string, get: (p: PyPartial) => PyObject | null) => ({
  name,
  get: (o: PyObject) => {
    const v = get(o as PyPartial) ?? None;
    v.refcnt++;
    return v;
  },
  // T_OBJECT members with READONLY
  set: () => attributeError('readonly attribute'),
});
PartialType.getsetSpecs.push(
  member('func', (p) => p.fn),
  member('args', (p) => p.args),
  member('keywords', (p) => p.kw),
  instanceDictGetSet(),
);
PartialType.methodSpecs.push(
  {
    name: '__reduce__',
    call: (self) => {
      const p = self as PyPartial;
      const dict = p.dict ?? None;
      return newTuple([
        (self.type.refcnt++, self.type),
        tupleFromBorrowed([p.fn!]),
        tupleFromBorrowed([p.fn!, p.args!, p.kw!, dict]),
      ]);
    },
  },
  {
    name: '__setstate__',
    call: (self, args) => {
      const p = self as PyPartial;
      const state = args[0];
      if (!isTuple(state) || (state as PyTuple).items.length !== 4) typeError('invalid partial state');
      const [fn, fnargs, kw, dict] = (state as PyTuple).items;
      if (!isCallable(fn) || !isTuple(fnargs) || (kw !== None && !isDict(kw)))
        typeError('invalid partial state');
      const newArgs =
        fnargs.type === EmptyTuple.type ? (fnargs.refcnt++, fnargs as PyTuple) : sequenceTuple(fnargs);
      const newKw =
        kw === None
          ? newDict()
          : kw.type.name === 'dict'
            ? (kw.refcnt++, kw as PyDict)
            : dictCopy(kw as PyDict);
      const newDictObj = dict === None ? null : (dict.refcnt++, dict as PyDict);
      fn.refcnt++;
      const old = [p.fn, p.args, p.kw, p.dict];
      p.fn = fn;
      p.args = newArgs;
      p.kw = newKw;
      p.dict = newDictObj;
      for (const x of old) xdecref(x);
      setVectorcall(p);
      return (None.refcnt++, None);
    },
  },
);

// ------------------------------------------------------------------ cmp_to_key

export const KeyWrapperType: PyType = staticType({
  name: 'functools.KeyWrapper',
  qualname: 'KeyWrapper',
  module: 'functools',
  basicsize: 32,
  flags: TypeFlag.HAVE_GC,
});

class PyKeyWrapper extends PyObject {
  cmp: PyObject | null = null;
  object: PyObject | null = null;
}

function newKeyWrapper(cmp: PyObject, object: PyObject | null): PyKeyWrapper {
  const k = gcNew(new PyKeyWrapper(KeyWrapperType), KeyWrapperType);
  cmp.refcnt++;
  k.cmp = cmp;
  if (object !== null) object.refcnt++;
  k.object = object;
  rt.gc.track(k);
  return k;
}

clearingDealloc(KeyWrapperType, (o) => clearFields(o as PyKeyWrapper, ['cmp', 'object']));
KeyWrapperType.tp_traverse = (o, visit: Visit) => {
  const k = o as PyKeyWrapper;
  visit(o.type, '__class__');
  if (k.cmp !== null) visit(k.cmp, '.cmp');
  if (k.object !== null) visit(k.object, '.obj');
};
/** keyobject_call: K(obj) through a tuple (tp_call only). */
KeyWrapperType.tp_call = (callable, args, kwnames) => {
  const k = callable as PyKeyWrapper;
  const npos = splitPos(args, kwnames);
  let obj: PyObject | undefined = npos > 0 ? args[0] : undefined;
  if (kwnames !== null) {
    kwnames.items.forEach((name, i) => {
      if ((name as PyStr).value !== 'obj')
        typeError(`'${(name as PyStr).value}' is an invalid keyword argument for K()`);
      if (obj !== undefined) typeError("argument for K() given by name ('obj') and position (1)");
      obj = args[npos + i];
    });
  }
  if (npos > 1) typeError(`K() takes at most 1 argument (${npos} given)`);
  if (obj === undefined) typeError("K() missing required argument 'obj' (pos 1)");
  return newKeyWrapper(k.cmp!, obj!);
};
/** keyobject_richcompare: cmp(x, y) compared with 0. */
KeyWrapperType.tp_richcompare = (a, b, op: CompareOp) => {
  if (b.type !== a.type) return raise(TypeErrorType, 'other argument must be K instance');
  const ka = a as PyKeyWrapper;
  const x = ka.object;
  const y = (b as PyKeyWrapper).object;
  if (x === null || y === null) return raise(AttributeErrorType, 'object');
  const res = call(ka.cmp!, [x, y]);
  try {
    return richCompare(res, smallInt(0), op);
  } finally {
    decref(res);
  }
};
KeyWrapperType.getsetSpecs.push(fieldGetSet<PyKeyWrapper>('obj', 'object'));

// ------------------------------------------------------------------ lru_cache

export const LruListElemType: PyType = staticType({
  name: 'functools._lru_list_elem',
  qualname: '_lru_list_elem',
  module: 'functools',
  basicsize: 56,
});

class PyLruListElem extends PyObject {
  prev: PyLruListElem | null = null;
  next: PyLruListElem | null = null;
  hash = 0;
  key: PyObject | null = null;
  result: PyObject | null = null;
}
LruListElemType.tp_dealloc = (o) => {
  clearFields(o as PyLruListElem, ['key', 'result']);
  objectFree(o);
};

export const LruCacheType: PyType = staticType({
  name: 'functools._lru_cache_wrapper',
  qualname: '_lru_cache_wrapper',
  module: 'functools',
  basicsize: 152,
  flags: TypeFlag.HAVE_GC | TypeFlag.METHOD_DESCRIPTOR,
});
LruCacheType.weakrefable = true;
LruCacheType.hasInstanceDict = true;

type Wrapper = (self: PyLruCache, args: PyTuple, kwds: PyDict | null) => PyObject;

class PyLruCache extends PyObject {
  /** The root of the circular list of links (the object itself in C). */
  root: PyLruListElem = new PyLruListElem(LruListElemType);
  wrapper: Wrapper = uncachedWrapper;
  typed = false;
  cache: PyDict | null = null;
  hits = 0;
  func: PyObject | null = null;
  maxsize = 0;
  misses = 0;
  kwdMark: PyObject | null = null;
  cacheInfoType: PyObject | null = null;
  dict: PyDict | null = null;
  constructor(type: PyType) {
    super(type);
    this.root.prev = this.root;
    this.root.next = this.root;
  }
}

/** The module's kwd_mark (an object()) of the current run. */
const kwdMarks = new WeakMap<object, PyObject>();
function kwdMark(): PyObject {
  let m = kwdMarks.get(rt);
  if (m === undefined) {
    m = allocObject(new PyObject(ObjectType), 16);
    kwdMarks.set(rt, m);
  }
  return m;
}

/** lru_cache_make_key: f(x) with x an exact str or int is keyed by x, else the args tuple. */
function makeKey(mark: PyObject, args: PyTuple, kwds: PyDict | null, typed: boolean): PyObject {
  const kwdsSize = kwds === null ? 0 : kwds.used;
  if (!typed && kwdsSize === 0) {
    if (args.items.length === 1) {
      const key = args.items[0];
      if (key.type.name === 'str' && !key.type.isHeapType) return (key.refcnt++, key);
      if (key.type.name === 'int' && !key.type.isHeapType) return (key.refcnt++, key);
    }
    args.refcnt++;
    return args;
  }
  const items: PyObject[] = [...args.items];
  const kwItems: [PyObject, PyObject][] = [];
  if (kwdsSize > 0) {
    let pos = 0;
    for (;;) {
      const e = dictNext(kwds!, pos);
      if (e === null) break;
      pos = e.pos;
      kwItems.push([e.key, e.value]);
    }
    items.push(mark);
    for (const [k, v] of kwItems) items.push(k, v);
  }
  if (typed) {
    for (const a of args.items) items.push(a.type);
    for (const [, v] of kwItems) items.push(v.type);
  }
  return tupleFromBorrowed(items);
}

function uncachedWrapper(self: PyLruCache, args: PyTuple, kwds: PyDict | null): PyObject {
  self.misses++;
  return callObject(self.func!, args, kwds);
}

function infiniteWrapper(self: PyLruCache, args: PyTuple, kwds: PyDict | null): PyObject {
  const key = makeKey(self.kwdMark!, args, kwds, self.typed);
  try {
    const hash = objectHash(key);
    const found = dictGetItemWithHash(self.cache!, key, hash);
    if (found !== null) {
      found.refcnt++;
      self.hits++;
      return found;
    }
    self.misses++;
    const result = callObject(self.func!, args, kwds);
    try {
      dictSetItem(self.cache!, key, result);
    } catch (e) {
      decref(result);
      throw e;
    }
    return result;
  } finally {
    decref(key);
  }
}

function extractLink(link: PyLruListElem): void {
  const prev = link.prev!;
  const next = link.next!;
  prev.next = link.next;
  next.prev = link.prev;
}
function appendLink(self: PyLruCache, link: PyLruListElem): void {
  const root = self.root;
  const last = root.prev!;
  last.next = root.prev = link;
  link.prev = last;
  link.next = root;
}

/** @cpython Modules/_functoolsmodule.c bounded_lru_cache_wrapper */
function boundedWrapper(self: PyLruCache, args: PyTuple, kwds: PyDict | null): PyObject {
  const key = makeKey(self.kwdMark!, args, kwds, self.typed);
  let hash: number;
  try {
    hash = objectHash(key);
  } catch (e) {
    decref(key);
    throw e;
  }
  const found = dictGetItemWithHash(self.cache!, key, hash) as PyLruListElem | null;
  if (found !== null) {
    extractLink(found);
    appendLink(self, found);
    const result = found.result!;
    self.hits++;
    result.refcnt++;
    decref(key);
    return result;
  }
  self.misses++;
  let result: PyObject;
  try {
    result = callObject(self.func!, args, kwds);
  } catch (e) {
    decref(key);
    throw e;
  }
  if (dictGetItemWithHash(self.cache!, key, hash) !== null) {
    decref(key);
    return result;
  }
  const cache = self.cache!;
  if (cache.used < self.maxsize || self.root.next === self.root) {
    const link = objectNew(new PyLruListElem(LruListElemType), LruListElemType);
    link.hash = hash;
    link.key = key;
    link.result = result;
    dictSetItem(cache, key, link);
    decref(link);
    appendLink(self, link);
    result.refcnt++;
    return result;
  }
  const link = self.root.next!;
  extractLink(link);
  const popresult = dictPop(cache, link.key!);
  if (popresult === null) {
    decref(link);
    decref(key);
    return result;
  }
  const oldkey = link.key!;
  const oldresult = link.result!;
  link.hash = hash;
  link.key = key;
  link.result = result;
  dictSetItem(cache, key, link);
  appendLink(self, link);
  result.refcnt++;
  decref(popresult);
  decref(oldkey);
  decref(oldresult);
  return result;
}

function lruCacheNew(type: PyType, args: PyObject[], kwnames: PyTuple | null): PyObject {
  const names = ['user_function', 'maxsize', 'typed', 'cache_info_type'];
  const npos = splitPos(args, kwnames);
  const vals: (PyObject | undefined)[] = args.slice(0, npos);
  if (npos > 4) typeError(`lru_cache() takes at most 4 arguments (${npos} given)`);
  if (kwnames !== null) {
    kwnames.items.forEach((k, i) => {
      const at = names.indexOf((k as PyStr).value);
      if (at < 0) typeError(`'${(k as PyStr).value}' is an invalid keyword argument for lru_cache()`);
      vals[at] = args[npos + i];
    });
  }
  for (let i = 0; i < 4; i++) {
    if (vals[i] === undefined)
      typeError(`lru_cache() missing required argument '${names[i]}' (pos ${i + 1})`);
  }
  const [func, maxsizeO, typedO, cacheInfoType] = vals as PyObject[];
  const typed = isTrueObject(typedO);
  if (!isCallable(func)) typeError('the first argument must be callable');
  let wrapper: Wrapper;
  let maxsize: number;
  if (maxsizeO === None) {
    wrapper = infiniteWrapper;
    maxsize = -1;
  } else if (maxsizeO.type.nb_index !== undefined) {
    const i = numberIndex(maxsizeO);
    maxsize = Number((i as PyLong).value);
    decref(i);
    if (maxsize < 0) maxsize = 0;
    wrapper = maxsize === 0 ? uncachedWrapper : boundedWrapper;
  } else {
    return typeError('maxsize should be integer or None');
  }
  const cachedict = newDict();
  const obj = genericAlloc(new PyLruCache(type), type);
  obj.wrapper = wrapper;
  obj.typed = typed;
  obj.cache = cachedict;
  func.refcnt++;
  obj.func = func;
  obj.maxsize = maxsize;
  const mark = kwdMark();
  mark.refcnt++;
  obj.kwdMark = mark;
  cacheInfoType.refcnt++;
  obj.cacheInfoType = cacheInfoType;
  return obj;
}

function isTrueObject(o: PyObject): boolean {
  // PyArg "p": PyObject_IsTrue.
  const { isTrue } = abstractTruth;
  return isTrue(o);
}
import * as abstractTruth from '../objects/abstract';

LruCacheType.tp_new = (type, args, kwnames) => lruCacheNew(type, args, kwnames);

/** lru_cache_unlink_list: the links, detached from the root. */
function unlinkList(self: PyLruCache): PyLruListElem | null {
  const root = self.root;
  const link = root.next!;
  if (link === root) return null;
  root.prev!.next = null;
  root.next = root.prev = root;
  return link;
}
function clearList(link: PyLruListElem | null): void {
  while (link !== null) {
    const next = link.next;
    decref(link);
    link = next;
  }
}

function lruClear(o: PyObject): void {
  const self = o as PyLruCache;
  const list = unlinkList(self);
  clearFields(self, ['cache', 'func', 'kwdMark', 'cacheInfoType', 'dict']);
  clearList(list);
}
clearingDealloc(LruCacheType, lruClear);
LruCacheType.tp_traverse = (o, visit: Visit) => {
  const self = o as PyLruCache;
  visit(o.type, '__class__');
  for (let link = self.root.next!; link !== self.root; link = link.next!) {
    if (link.key !== null) visit(link.key, 'cache key');
    if (link.result !== null) visit(link.result, 'cache result');
  }
  if (self.cache !== null) visit(self.cache, 'cache');
  if (self.func !== null) visit(self.func, '__wrapped__');
  if (self.kwdMark !== null) visit(self.kwdMark, 'kwd_mark');
  if (self.cacheInfoType !== null) visit(self.cacheInfoType, 'cache_info_type');
  if (self.dict !== null) visit(self.dict, '__dict__');
};
/** No vectorcall: the call's argument tuple (packed, or the caller's) may become the key. */
LruCacheType.tp_call = (callable, args, kwnames) => {
  const self = callable as PyLruCache;
  return withCallArgs(args, kwnames, (t, d) => self.wrapper(self, t, d));
};
LruCacheType.tp_descr_get = (descr, obj) => {
  if (obj === null || obj === None) return (descr.refcnt++, descr);
  return newMethod(descr, obj);
};
LruCacheType.getsetSpecs.push(instanceDictGetSet());
LruCacheType.methodSpecs.push(
  {
    name: 'cache_info',
    call: (self) => {
      const c = self as PyLruCache;
      const size = newInt(c.cache!.used);
      const args =
        c.maxsize === -1
          ? [newInt(c.hits), newInt(c.misses), (None.refcnt++, None), size]
          : [newInt(c.hits), newInt(c.misses), newInt(c.maxsize), size];
      // PyObject_CallFunction(type, "nnnn", ...) builds an argument tuple.
      const t = newTuple(args);
      try {
        return callObject(c.cacheInfoType!, t, null);
      } finally {
        decref(t);
      }
    },
  },
  {
    name: 'cache_clear',
    call: (self) => {
      const c = self as PyLruCache;
      const list = unlinkList(c);
      c.hits = c.misses = 0;
      dictClear(c.cache!);
      clearList(list);
      return (None.refcnt++, None);
    },
  },
  { name: '__reduce__', call: (self) => getAttr(self, staticId('__qualname__')) },
  { name: '__copy__', call: (self) => (self.refcnt++, self), varargs: true },
  { name: '__deepcopy__', call: (self) => (self.refcnt++, self), varargs: true },
);

// ------------------------------------------------------------------ the module

/** reduce(function, iterable[, initial]): one recycled argument tuple. */
function reduce(args: PyObject[], kwnames: PyTuple | null): PyObject {
  rangeArgs('reduce', args, kwnames, 2, 3);
  const [func, seq] = args;
  let result: PyObject | null = args.length === 3 ? (args[2].refcnt++, args[2]) : null;
  let it: PyObject;
  try {
    it = getIter(seq);
  } catch (e) {
    xdecref(result);
    if (e instanceof PyObject && e.type === TypeErrorType) {
      decref(e);
      typeError('reduce() arg 2 must support iteration');
    }
    throw e;
  }
  const newArgs = (): PyTuple => {
    const t = tupleAlloc(2);
    t.items = [null as unknown as PyObject, null as unknown as PyObject];
    rt.gc.track(t);
    return t;
  };
  let tup: PyTuple | null = null;
  try {
    tup = newArgs();
    for (;;) {
      if (tup.refcnt > 1) {
        decref(tup);
        tup = null;
        tup = newArgs();
      }
      const op2 = iterNext(it);
      if (op2 === null) break;
      if (result === null) result = op2;
      else {
        const old0 = tup.items[0];
        tup.items[0] = result;
        xdecref(old0);
        const old1 = tup.items[1];
        tup.items[1] = op2;
        xdecref(old1);
        result = null;
        result = callObject(func, tup, null);
        if (tup.gcNext === null) rt.gc.track(tup);
      }
    }
    decref(tup);
    tup = null;
    if (result === null) typeError('reduce() of empty iterable with no initial value');
    return result!;
  } catch (e) {
    if (tup !== null) decref(tup);
    xdecref(result);
    throw e;
  } finally {
    decref(it);
  }
}

/** cmp_to_key(mycmp): METH_VARARGS | METH_KEYWORDS. */
function cmpToKey(args: PyObject[], kwnames: PyTuple | null): PyObject {
  const npos = splitPos(args, kwnames);
  let cmp: PyObject | undefined = npos > 0 ? args[0] : undefined;
  if (kwnames !== null) {
    kwnames.items.forEach((name, i) => {
      if ((name as PyStr).value !== 'mycmp') {
        typeError(`'${(name as PyStr).value}' is an invalid keyword argument for cmp_to_key()`);
      }
      if (cmp !== undefined) typeError("argument for cmp_to_key() given by name ('mycmp') and position (1)");
      cmp = args[npos + i];
    });
  }
  if (npos > 1) typeError(`cmp_to_key() takes at most 1 argument (${npos} given)`);
  if (cmp === undefined) typeError("cmp_to_key() missing required argument 'mycmp' (pos 1)");
  return newKeyWrapper(cmp!, null);
}

export function createFunctoolsCModule(): PyModule {
  const { module: m, set, fn } = moduleBuilder('_functools');
  fn('reduce', reduce, true);
  fn('cmp_to_key', cmpToKey, true);
  kwdMark();
  set('partial', PartialType);
  set('_lru_cache_wrapper', LruCacheType);
  return m;
}
