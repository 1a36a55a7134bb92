/**
 * dict at the Python level: its slots and methods, the three views (dict_keys,
 * dict_values, dict_items) and the six iterators, wired onto `DictType`. The table
 * itself (lookup, insert, resize, merge, dealloc) lives in dictobject.ts.
 * @cpython Objects/dictobject.c (3.11)
 *
 * Views are 24-byte GC objects holding the dict; iterators are 56-byte GC objects that
 * remember the dict's size (RuntimeError when it changes) and, for items, a result
 * tuple they reuse while nobody else holds it.
 */
import { CompareOp, PyObject, PyType, TypeFlag, decref, incref, type Visit } from './object';
import { staticType } from './roots';
import {
  DictType,
  EmptyKeys,
  KeysKind,
  PyDict,
  dictClear,
  dictDelItem,
  dictGetItemWithHash,
  dictKeyHash,
  dictPop,
  dictPopLastItem,
  dictResizeTo,
  dictSetFreshKeys,
  usableFraction,
  dictSetDefault,
  dictSetItem,
  dictSetItemTake,
  dictSizeof,
  dictCopyExact,
  dictDelItemKnownHash,
  dictMergeDict,
  estimateLog2Keysize,
  isDict,
  setDictErrorRaisers,
  setDictIterSlot,
} from './dictobject';
import { allocGCObject, gcDel } from '../memory/alloc';
import { rt } from '../vm/runtime';
import { StrType, isStr, newStr, type PyStr } from './unicodeobject';
import { None, newNone, newNotImplemented } from './noneobject';
import { newBool } from './boolobject';
import { newInt } from './longobject';
import {
  call,
  contains as sequenceContains,
  getItem,
  getIter,
  iterNext,
  lookupAttr,
  objectRepr,
  reprEnter,
  reprLeave,
  richCompareBool,
  setItem,
  withArgumentTuple,
} from './abstract';
import { KeyErrorType, TypeErrorType } from './exceptions';
import { keyError, raise, runtimeError, typeError, valueError } from '../vm/errors';
import { exactArgs, noKeywords, rangeArgs } from '../vm/args';
import { PyTuple, TupleType, tupleAlloc, tuplePack, isTuple } from './tupleobject';
import { ListType, newEmptyList, listExtend, type PyList } from './listobject';
import { newMappingProxy } from './mappingproxyobject';
import { staticId } from './unicodeobject';
import { lookupSpecial, isExceptionOf } from './iterobject';
import {
  FrozenSetType,
  SetType,
  PySet,
  hashAsNumber,
  isAnySet,
  newSet,
  setAdd,
  setEntries,
  setUpdate,
} from './setobject';

setDictErrorRaisers(
  (key) => keyError(key),
  () => runtimeError('dict mutated during update'),
);

// ------------------------------------------------------------------ helpers

/** _PyDict_Next with the entry's stored hash: the next live entry at or after `pos`. */
export function dictNextWithHash(
  d: PyDict,
  pos: number,
): { pos: number; key: PyObject; value: PyObject; hash: number } | null {
  const k = d.keys;
  if (d.values !== null) {
    if (pos >= d.used) return null;
    const ix = d.values.orderAt(pos);
    return { pos: pos + 1, key: k.keys[ix]!, value: d.values.slots[ix]!, hash: k.hashes[ix] };
  }
  while (pos < k.nentries && k.values[pos] === null) pos++;
  if (pos >= k.nentries) return null;
  return { pos: pos + 1, key: k.keys[pos]!, value: k.values[pos]!, hash: k.hashes[pos] };
}

/** Positional-only Argument Clinic parameters: `dict.get() takes no keyword arguments`, … */
function clinicArgs(
  qual: string,
  short: string,
  args: PyObject[],
  kwnames: PyTuple | null,
  min: number,
  max: number,
): void {
  noKeywords(qual, kwnames);
  rangeArgs(short, args, null, min, max);
}

/**
 * PyDict_Merge(self, kwds) where kwds is the kwargs dict CPython builds for the call
 * (_PyStack_AsDict: presized for n keys, filled in order). The engine's call machinery
 * allocates that dict itself (withArgumentTuple), so this reproduces the merge from the
 * names and values: an empty target gets a fresh keys object of the kwargs dict's size
 * (dict_merge clones clean sources), else one presizing resize and inserts.
 */
function dictMergeKeywords(self: PyDict, values: PyObject[], kwnames: PyTuple | null): void {
  const n = kwnames === null ? 0 : kwnames.items.length;
  if (n === 0) return;
  for (const k of kwnames!.items) if (!isStr(k)) typeError('keywords must be strings');
  const unicode = kwnames!.items.every((k) => k.type === StrType);
  if (self.used === 0) {
    dictSetFreshKeys(self, n > 5 ? estimateLog2Keysize(n) : 3, unicode);
  } else if (usableFraction(self.keys.size) < n) {
    dictResizeTo(self, estimateLog2Keysize(self.used + n), unicode);
  }
  for (let i = 0; i < n; i++) {
    const key = kwnames!.items[i];
    const value = values[i];
    key.refcnt++;
    value.refcnt++;
    dictSetItemTake(self, key, value, dictKeyHash(key));
  }
}

/** Splits vectorcall arguments into positionals and keyword values. */
function splitArgs(args: PyObject[], kwnames: PyTuple | null): { pos: PyObject[]; kwvalues: PyObject[] } {
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  return { pos: args.slice(0, args.length - nkw), kwvalues: args.slice(args.length - nkw) };
}

// ------------------------------------------------------------------ mapping slots

/** dict_subscript: KeyError, or `__missing__` for subclasses. */
export function dictSubscript(o: PyObject, key: PyObject): PyObject {
  const mp = o as PyDict;
  const hash = dictKeyHash(key);
  const value = dictGetItemWithHash(mp, key, hash);
  if (value === null) {
    if (mp.type !== DictType) {
      const missing = lookupSpecial(mp, '__missing__');
      if (missing !== null) {
        try {
          return call(missing, [key]);
        } finally {
          decref(missing);
        }
      }
    }
    keyError(key);
  }
  return (value!.refcnt++, value!);
}

/** dict_ass_sub: PyDict_SetItem, or PyDict_DelItem (KeyError when missing). */
function dictAssSub(o: PyObject, key: PyObject, value: PyObject | null): void {
  const mp = o as PyDict;
  if (value === null) {
    if (!dictDelItem(mp, key)) keyError(key);
    return;
  }
  dictSetItem(mp, key, value);
}

/** PyDict_Contains. */
export function dictContains(o: PyObject, key: PyObject): boolean {
  const mp = o as PyDict;
  return dictGetItemWithHash(mp, key, dictKeyHash(key)) !== null;
}

// ------------------------------------------------------------------ repr / compare

/** @cpython Objects/dictobject.c dict_repr */
function dictRepr(o: PyObject): PyObject {
  const mp = o as PyDict;
  if (reprEnter(mp)) return newStr('{...}');
  try {
    if (mp.used === 0) return newStr('{}');
    const parts: string[] = [];
    let pos = 0;
    for (;;) {
      const e = dictNextWithHash(mp, pos);
      if (e === null) break;
      pos = e.pos;
      const key = e.key;
      const value = e.value;
      incref(key);
      incref(value);
      try {
        const ks = objectRepr(key);
        const kt = ks.value;
        decref(ks);
        const vs = objectRepr(value);
        parts.push(kt + ': ' + vs.value);
        decref(vs);
      } finally {
        decref(key);
        decref(value);
      }
    }
    return newStr('{' + parts.join(', ') + '}');
  } finally {
    reprLeave(mp);
  }
}

/** @cpython Objects/dictobject.c dict_equal */
function dictEqual(a: PyDict, b: PyDict): boolean {
  if (a.used !== b.used) return false;
  for (let i = 0; i < a.keys.nentries; i++) {
    const k = a.keys;
    const key = k.keys[i];
    if (key === null || key === undefined) continue;
    const aval = a.values !== null ? (a.values.slots[i] ?? null) : k.values[i];
    if (aval === null) continue;
    const hash = k.hashes[i];
    incref(aval);
    incref(key);
    let bval: PyObject | null;
    try {
      bval = dictGetItemWithHash(b, key, hash);
    } catch (e) {
      decref(key);
      decref(aval);
      throw e;
    }
    if (bval === null) {
      decref(key);
      decref(aval);
      return false;
    }
    incref(bval);
    let cmp: boolean;
    try {
      cmp = richCompareBool(aval, bval, CompareOp.EQ);
    } finally {
      decref(key);
      decref(aval);
      decref(bval);
    }
    if (!cmp) return false;
  }
  return true;
}

function dictRichCompare(v: PyObject, w: PyObject, op: CompareOp): PyObject {
  if (!isDict(v) || !isDict(w)) return newNotImplemented();
  if (op === CompareOp.EQ || op === CompareOp.NE) {
    const cmp = dictEqual(v, w);
    return newBool(cmp === (op === CompareOp.EQ));
  }
  return newNotImplemented();
}

// ------------------------------------------------------------------ update / merge

/** dict_merge(a, b, override) for any mapping b. */
export function dictMergeAny(a: PyDict, b: PyObject, override: 0 | 1 | 2): void {
  if (isDict(b) && b.type.tp_iter === dictIter) {
    dictMergeDict(a, b as PyDict, override);
    return;
  }
  const keys = mappingKeys(b);
  const iter = getIter(keys);
  decref(keys);
  try {
    for (;;) {
      const key = iterNext(iter);
      if (key === null) break;
      try {
        if (override !== 1) {
          if (dictContains(a, key)) {
            if (override === 0) continue;
            keyError(key);
          }
        }
        const value = getItem(b, key);
        try {
          dictSetItem(a, key, value);
        } finally {
          decref(value);
        }
      } finally {
        decref(key);
      }
    }
  } finally {
    decref(iter);
  }
}

/** PyMapping_Keys: a list of the keys (PyDict_Keys for exact dicts, else list(o.keys())). */
function mappingKeys(o: PyObject): PyObject {
  if (o.type === DictType) return dictKeysList(o as PyDict);
  const meth = staticId('keys');
  const { callMethod } = abstractNs;
  const out = callMethod(o, meth, []);
  if (out.type === ListType) return out;
  let it: PyObject;
  try {
    it = getIter(out);
  } catch (e) {
    if (isExceptionOf(e, TypeErrorType)) {
      decref(e);
      const tname = out.type.name;
      decref(out);
      typeError(`${o.type.name}.keys() returned a non-iterable (type ${tname})`);
    }
    decref(out);
    throw e;
  }
  decref(out);
  const result = newEmptyList();
  try {
    listExtend(result, it);
  } catch (e) {
    decref(result);
    throw e;
  } finally {
    decref(it);
  }
  return result;
}
import * as abstractNs from './abstract';

/** PyDict_Keys / dict_keys: a list of exactly `used` keys. */
export function dictKeysList(mp: PyDict): PyList {
  const keys: PyObject[] = [];
  let pos = 0;
  for (;;) {
    const e = dictNextWithHash(mp, pos);
    if (e === null) break;
    pos = e.pos;
    keys.push(e.key);
  }
  const { newList } = listNs;
  for (const k of keys) k.refcnt++;
  return newList(keys);
}
import * as listNs from './listobject';

/** PySequence_Fast(item, ""): lists and tuples as they are, anything else as a list. */
function fastSequence(item: PyObject): PyObject {
  if (item.type === ListType || item.type === TupleType) return (item.refcnt++, item);
  const it = getIter(item);
  const l = newEmptyList();
  try {
    listExtend(l, it);
  } catch (e) {
    decref(l);
    throw e;
  } finally {
    decref(it);
  }
  return l;
}

/** @cpython Objects/dictobject.c PyDict_MergeFromSeq2 */
export function dictMergeFromSeq2(d: PyDict, seq2: PyObject, override: boolean): void {
  const it = getIter(seq2);
  try {
    for (let i = 0; ; i++) {
      const item = iterNext(it);
      if (item === null) break;
      try {
        let fast: PyObject;
        try {
          fast = fastSequence(item);
        } catch (e) {
          if (isExceptionOf(e, TypeErrorType)) {
            decref(e);
            typeError(`cannot convert dictionary update sequence element #${i} to a sequence`);
          }
          throw e;
        }
        try {
          const items = (fast as PyList | PyTuple).items;
          const n = items.length;
          if (n !== 2) valueError(`dictionary update sequence element #${i} has length ${n}; 2 is required`);
          const key = items[0];
          const value = items[1];
          incref(key);
          incref(value);
          try {
            if (override) dictSetItem(d, key, value);
            else dictSetDefault(d, key, value);
          } finally {
            decref(key);
            decref(value);
          }
        } finally {
          decref(fast);
        }
      } finally {
        decref(item);
      }
    }
  } finally {
    decref(it);
  }
}

/** dict_update_arg: a dict, anything with keys(), else an iterable of pairs. */
export function dictUpdateArg(self: PyDict, arg: PyObject): void {
  if (arg.type === DictType) {
    dictMergeAny(self, arg, 1);
    return;
  }
  const func = lookupAttr(arg, staticId('keys'));
  if (func !== null) {
    decref(func);
    dictMergeAny(self, arg, 1);
    return;
  }
  dictMergeFromSeq2(self, arg, true);
}

/** dict_update_common(self, args, kwds, methname), kwds given as vectorcall keywords. */
function dictUpdateCommon(self: PyDict, args: PyObject[], kwnames: PyTuple | null, methname: string): void {
  const { pos, kwvalues } = splitArgs(args, kwnames);
  rangeArgs(methname, pos, null, 0, 1);
  if (pos.length > 0) dictUpdateArg(self, pos[0]);
  dictMergeKeywords(self, kwvalues, kwnames);
}

// ------------------------------------------------------------------ construction

/** dict_new: _PyType_AllocNoTrack for dict (no free list), tracked only for subclasses. */
function dictNew(type: PyType): PyDict {
  const d = allocGCObject(new PyDict(type), (type.basicsize + 7) & ~7);
  if (type.isHeapType) type.refcnt++;
  d.keys = EmptyKeys;
  d.values = null;
  d.used = 0;
  if (type !== DictType) rt.gc.track(d);
  return d;
}

DictType.tp_new = (type) => dictNew(type);
/** dict_init (subclasses): dict_update_common (type_call made the args tuple and kwargs dict). */
DictType.tp_init = (self, args, kwnames) => {
  dictUpdateCommon(self as PyDict, args, kwnames, 'dict');
};
/** dict_vectorcall: `dict(...)` with keyword arguments inserted one by one. */
DictType.tp_vectorcall = (type, args, kwnames) => {
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  const nargs = args.length - nkw;
  rangeArgs('dict', args.slice(0, nargs), null, 0, 1);
  const self = dictNew(type as PyType);
  try {
    if (nargs === 1) dictUpdateArg(self, args[0]);
    for (let i = 0; i < nkw; i++) dictSetItem(self, kwnames!.items[i], args[nargs + i]);
  } catch (e) {
    decref(self);
    throw e;
  }
  return self;
};

/** _PyDict_FromKeys: `cls.fromkeys(iterable, value)`. */
function dictFromKeys(cls: PyObject, iterable: PyObject, value: PyObject): PyObject {
  const d = call(cls, []);
  try {
    if (d.type === DictType && (d as PyDict).used === 0) {
      const mp = d as PyDict;
      if (iterable.type === DictType) {
        const src = iterable as PyDict;
        dictResizeTo(mp, estimateLog2Keysize(src.used), src.keys.kind !== KeysKind.GENERAL);
        let pos = 0;
        for (;;) {
          const e = dictNextWithHash(src, pos);
          if (e === null) break;
          pos = e.pos;
          incref(e.key);
          incref(value);
          dictSetItemTake(mp, e.key, value, e.hash);
        }
        return d;
      }
      if (iterable.type === SetType || iterable.type === FrozenSetType) {
        const src = iterable as PySet;
        dictResizeTo(mp, estimateLog2Keysize(src.used), false);
        for (const [key, hash] of setEntries(src)) {
          incref(key);
          incref(value);
          dictSetItemTake(mp, key, value, hashAsNumber(hash));
        }
        return d;
      }
    }
    const it = getIter(iterable);
    try {
      for (;;) {
        const key = iterNext(it);
        if (key === null) break;
        try {
          if (d.type === DictType) dictSetItem(d as PyDict, key, value);
          else setItem(d, key, value);
        } finally {
          decref(key);
        }
      }
    } finally {
      decref(it);
    }
    return d;
  } catch (e) {
    decref(d);
    throw e;
  }
}

// ------------------------------------------------------------------ number slots

function dictOr(self: PyObject, other: PyObject): PyObject {
  if (!isDict(self) || !isDict(other)) return newNotImplemented();
  const n = dictCopyExact(self);
  try {
    dictUpdateArg(n, other);
  } catch (e) {
    decref(n);
    throw e;
  }
  return n;
}

function dictIor(self: PyObject, other: PyObject): PyObject {
  dictUpdateArg(self as PyDict, other);
  return (self.refcnt++, self);
}

// ------------------------------------------------------------------ methods

const meth = (
  name: string,
  f: (self: PyDict, args: PyObject[], kw: PyTuple | null) => PyObject,
  kind?: 'classmethod',
) => ({
  name,
  call: (self: PyObject, args: PyObject[], kw: PyTuple | null) => f(self as PyDict, args, kw),
  kind,
});

/** dict.popitem: the result tuple is allocated before the emptiness check. */
function dictPopItem(self: PyDict): PyObject {
  const res = tupleAlloc(2);
  res.items = [null as unknown as PyObject, null as unknown as PyObject];
  rt.gc.track(res);
  if (self.used === 0) {
    decref(res);
    raise(KeyErrorType, 'popitem(): dictionary is empty');
  }
  let kv: [PyObject, PyObject];
  try {
    kv = dictPopLastItem(self);
  } catch (e) {
    decref(res);
    throw e;
  }
  res.items[0] = kv[0];
  res.items[1] = kv[1];
  return res;
}

DictType.methodSpecs.push(
  meth('__contains__', (self, args, kw) => {
    exactArgs('dict.__contains__', args, kw, 1);
    return newBool(dictContains(self, args[0]));
  }),
  meth('__getitem__', (self, args, kw) => {
    exactArgs('dict.__getitem__', args, kw, 1);
    return dictSubscript(self, args[0]);
  }),
  meth('__sizeof__', (self, args, kw) => {
    exactArgs('dict.__sizeof__', args, kw, 0);
    return newInt(dictSizeof(self));
  }),
  meth('get', (self, args, kw) => {
    clinicArgs('dict.get', 'get', args, kw, 1, 2);
    const v = dictGetItemWithHash(self, args[0], dictKeyHash(args[0])) ?? args[1] ?? None;
    return (v.refcnt++, v);
  }),
  meth('setdefault', (self, args, kw) => {
    clinicArgs('dict.setdefault', 'setdefault', args, kw, 1, 2);
    const v = dictSetDefault(self, args[0], args[1] ?? None);
    return (v.refcnt++, v);
  }),
  meth('pop', (self, args, kw) => {
    clinicArgs('dict.pop', 'pop', args, kw, 1, 2);
    const v = dictPop(self, args[0]);
    if (v !== null) return v;
    if (args.length > 1) return (args[1].refcnt++, args[1]);
    return keyError(args[0]);
  }),
  meth('popitem', (self, args, kw) => {
    exactArgs('dict.popitem', args, kw, 0);
    return dictPopItem(self);
  }),
  meth('keys', (self, args, kw) => {
    exactArgs('dict.keys', args, kw, 0);
    return newDictView(self, DictKeysType);
  }),
  meth('items', (self, args, kw) => {
    exactArgs('dict.items', args, kw, 0);
    return newDictView(self, DictItemsType);
  }),
  meth('values', (self, args, kw) => {
    exactArgs('dict.values', args, kw, 0);
    return newDictView(self, DictValuesType);
  }),
  meth('update', (self, args, kw) => {
    // METH_VARARGS | METH_KEYWORDS: the descriptor makes the args tuple and kwargs dict.
    dictUpdateCommon(self, args, kw, 'update');
    return newNone();
  }),
  meth(
    'fromkeys',
    (cls, args, kw) => {
      clinicArgs('dict.fromkeys', 'fromkeys', args, kw, 1, 2);
      return dictFromKeys(cls, args[0], args[1] ?? None);
    },
    'classmethod',
  ),
  meth('clear', (self, args, kw) => {
    exactArgs('dict.clear', args, kw, 0);
    dictClear(self);
    return newNone();
  }),
  meth('copy', (self, args, kw) => {
    exactArgs('dict.copy', args, kw, 0);
    return dictCopyExact(self);
  }),
  meth('__reversed__', (self, args, kw) => {
    exactArgs('dict.__reversed__', args, kw, 0);
    return newDictIter(self, DictRevIterKeyType);
  }),
);

// ------------------------------------------------------------------ iterators

export const DictIterKeyType: PyType = staticType({
  name: 'dict_keyiterator',
  basicsize: 56,
  flags: TypeFlag.HAVE_GC,
});
export const DictIterValueType: PyType = staticType({
  name: 'dict_valueiterator',
  basicsize: 56,
  flags: TypeFlag.HAVE_GC,
});
export const DictIterItemType: PyType = staticType({
  name: 'dict_itemiterator',
  basicsize: 56,
  flags: TypeFlag.HAVE_GC,
});
export const DictRevIterKeyType: PyType = staticType({
  name: 'dict_reversekeyiterator',
  basicsize: 56,
  flags: TypeFlag.HAVE_GC,
});
export const DictRevIterItemType: PyType = staticType({
  name: 'dict_reverseitemiterator',
  basicsize: 56,
  flags: TypeFlag.HAVE_GC,
});
export const DictRevIterValueType: PyType = staticType({
  name: 'dict_reversevalueiterator',
  basicsize: 56,
  flags: TypeFlag.HAVE_GC,
});

export class PyDictIter extends PyObject {
  /** di_dict: null once exhausted. */
  di: PyDict | null = null;
  used = 0;
  pos = 0;
  /** di_result: the reusable (key, value) tuple of item iterators. */
  result: PyTuple | null = null;
  len = 0;
}

/** dictiter_new: GC_New, the result tuple (items), then tracking. */
export function newDictIter(d: PyDict, itertype: PyType): PyDictIter {
  const di = allocGCObject(new PyDictIter(itertype), 56);
  d.refcnt++;
  di.di = d;
  di.used = d.used;
  di.len = d.used;
  if (
    itertype === DictRevIterKeyType ||
    itertype === DictRevIterItemType ||
    itertype === DictRevIterValueType
  ) {
    di.pos = d.values !== null ? d.used - 1 : d.keys.nentries - 1;
  } else {
    di.pos = 0;
  }
  if (itertype === DictIterItemType || itertype === DictRevIterItemType) {
    try {
      di.result = tuplePack(None, None);
    } catch (e) {
      decref(di);
      throw e;
    }
  }
  rt.gc.track(di);
  return di;
}

/** The `fail:` exit of the iternext functions: drop the dict. */
function dictIterFail(di: PyDictIter): null {
  const d = di.di!;
  di.di = null;
  decref(d);
  return null;
}

/** Returns the entry index of the next live entry (or -1 at the end), or throws. */
function dictIterAdvance(di: PyDictIter): number {
  const d = di.di!;
  if (di.used !== d.used) {
    di.used = -1;
    runtimeError('dictionary changed size during iteration');
  }
  let i = di.pos;
  let index: number;
  if (d.values !== null) {
    if (i >= d.used) return -1;
    index = d.values.orderAt(i);
  } else {
    const k = d.keys;
    const n = k.nentries;
    while (i < n && k.values[i] === null) i++;
    if (i >= n) return -1;
    index = i;
  }
  if (di.len === 0) {
    dictIterFail(di);
    runtimeError('dictionary keys changed during iteration');
  }
  di.pos = i + 1;
  di.len--;
  return index;
}

function entryValueOf(d: PyDict, index: number): PyObject {
  return (d.values !== null ? d.values.slots[index] : d.keys.values[index])!;
}

/** Fills the reusable result tuple when only the iterator holds it, else a new 2-tuple. */
function itemResult(di: PyDictIter, key: PyObject, value: PyObject): PyObject {
  key.refcnt++;
  value.refcnt++;
  const result = di.result!;
  if (result.refcnt === 1) {
    const oldkey = result.items[0];
    const oldvalue = result.items[1];
    result.items[0] = key;
    result.items[1] = value;
    result.refcnt++;
    decref(oldkey);
    decref(oldvalue);
    if (result.gcNext === null) rt.gc.track(result);
    return result;
  }
  const r = tupleAlloc(2);
  r.items = [key, value];
  rt.gc.track(r);
  return r;
}

DictIterKeyType.tp_iternext = (o) => {
  const di = o as PyDictIter;
  if (di.di === null) return null;
  const index = dictIterAdvance(di);
  if (index < 0) return dictIterFail(di);
  const key = di.di.keys.keys[index]!;
  return (key.refcnt++, key);
};
DictIterValueType.tp_iternext = (o) => {
  const di = o as PyDictIter;
  if (di.di === null) return null;
  const index = dictIterAdvance(di);
  if (index < 0) return dictIterFail(di);
  const value = entryValueOf(di.di, index);
  return (value.refcnt++, value);
};
DictIterItemType.tp_iternext = (o) => {
  const di = o as PyDictIter;
  if (di.di === null) return null;
  const index = dictIterAdvance(di);
  if (index < 0) return dictIterFail(di);
  const d = di.di;
  return itemResult(di, d.keys.keys[index]!, entryValueOf(d, index));
};

/** dictreviter_iternext (shared by the three reverse iterators). */
function dictRevIterNext(o: PyObject): PyObject | null {
  const di = o as PyDictIter;
  const d = di.di;
  if (d === null) return null;
  if (di.used !== d.used) {
    di.used = -1;
    runtimeError('dictionary changed size during iteration');
  }
  let i = di.pos;
  if (i < 0) return dictIterFail(di);
  let key: PyObject;
  let value: PyObject;
  if (d.values !== null) {
    const index = d.values.orderAt(i);
    key = d.keys.keys[index]!;
    value = d.values.slots[index]!;
  } else {
    const k = d.keys;
    while (k.values[i] === null || k.values[i] === undefined) {
      if (--i < 0) return dictIterFail(di);
    }
    key = k.keys[i]!;
    value = k.values[i]!;
  }
  di.pos = i - 1;
  di.len--;
  if (di.type === DictRevIterKeyType) return (key.refcnt++, key);
  if (di.type === DictRevIterValueType) return (value.refcnt++, value);
  return itemResult(di, key, value);
}
DictRevIterKeyType.tp_iternext = dictRevIterNext;
DictRevIterItemType.tp_iternext = dictRevIterNext;
DictRevIterValueType.tp_iternext = dictRevIterNext;

const dictIterLen = (o: PyObject): number => {
  const di = o as PyDictIter;
  return di.di !== null && di.used === di.di.used ? di.len : 0;
};

for (const t of [
  DictIterKeyType,
  DictIterValueType,
  DictIterItemType,
  DictRevIterKeyType,
  DictRevIterItemType,
  DictRevIterValueType,
]) {
  t.tp_iter = (o) => (o.refcnt++, o);
  t.tp_dealloc = (o) => {
    const di = o as PyDictIter;
    rt.gc.untrack(di);
    const d = di.di;
    const r = di.result;
    di.di = null;
    di.result = null;
    if (d !== null) decref(d);
    if (r !== null) decref(r);
    gcDel(di);
  };
  t.tp_traverse = (o, visit: Visit) => {
    const di = o as PyDictIter;
    if (di.di !== null) visit(di.di, 'dict');
    if (di.result !== null) visit(di.result, 'result');
  };
  t.lengthHint = dictIterLen;
  t.methodSpecs.push({
    name: '__length_hint__',
    call: (self, args, kw) => {
      exactArgs(`${t.name}.__length_hint__`, args, kw, 0);
      return newInt(dictIterLen(self));
    },
  });
}

/** dict_iter: iter(d) is a dict_keyiterator. */
export function dictIter(o: PyObject): PyObject {
  return newDictIter(o as PyDict, DictIterKeyType);
}

// ------------------------------------------------------------------ views

export const DictKeysType: PyType = staticType({ name: 'dict_keys', basicsize: 24, flags: TypeFlag.HAVE_GC });
export const DictItemsType: PyType = staticType({
  name: 'dict_items',
  basicsize: 24,
  flags: TypeFlag.HAVE_GC,
});
export const DictValuesType: PyType = staticType({
  name: 'dict_values',
  basicsize: 24,
  flags: TypeFlag.HAVE_GC,
});

export class PyDictView extends PyObject {
  /** dv_dict. */
  dv: PyDict | null = null;
}

/** _PyDictView_New. */
export function newDictView(d: PyObject, type: PyType): PyDictView {
  if (!isDict(d)) typeError(`${type.name}() requires a dict argument, not '${d.type.name}'`);
  const dv = allocGCObject(new PyDictView(type), 24);
  d.refcnt++;
  dv.dv = d as PyDict;
  rt.gc.track(dv);
  return dv;
}

/** PyDictViewSet_Check: keys and items views (the set-like ones). */
function isDictViewSet(o: PyObject): o is PyDictView {
  return o.type === DictKeysType || o.type === DictItemsType;
}

const viewLen = (o: PyObject): number => {
  const dv = (o as PyDictView).dv;
  return dv === null ? 0 : dv.used;
};

/** PySequence_List(dv). */
function viewToList(o: PyObject): PyList {
  const l = newEmptyList();
  try {
    listExtend(l, o);
  } catch (e) {
    decref(l);
    throw e;
  }
  return l;
}

/** dictview_repr: `dict_keys(['a'])`, `...` for recursion. */
function dictViewRepr(o: PyObject): PyObject {
  if (reprEnter(o)) return newStr('...');
  try {
    const seq = viewToList(o);
    let r: PyStr;
    try {
      r = objectRepr(seq);
    } finally {
      decref(seq);
    }
    const result = newStr(`${o.type.name}(${r.value})`);
    decref(r);
    return result;
  } finally {
    reprLeave(o);
  }
}

/** all_contained_in(self, other): iterates self, checks `in other`. */
function allContainedIn(self: PyObject, other: PyObject): boolean {
  const iter = getIter(self);
  try {
    for (;;) {
      const next = iterNext(iter);
      if (next === null) return true;
      let ok: boolean;
      try {
        ok = sequenceContains(other, next);
      } finally {
        decref(next);
      }
      if (!ok) return false;
    }
  } finally {
    decref(iter);
  }
}

/** @cpython Objects/dictobject.c dictview_richcompare */
function dictViewRichCompare(self: PyObject, other: PyObject, op: CompareOp): PyObject {
  if (!isAnySet(other) && !isDictViewSet(other)) return newNotImplemented();
  const { objectLength } = abstractNs;
  const lenSelf = objectLength(self);
  const lenOther = objectLength(other);
  let ok = false;
  switch (op) {
    case CompareOp.NE:
    case CompareOp.EQ:
      if (lenSelf === lenOther) ok = allContainedIn(self, other);
      if (op === CompareOp.NE) ok = !ok;
      break;
    case CompareOp.LT:
      if (lenSelf < lenOther) ok = allContainedIn(self, other);
      break;
    case CompareOp.LE:
      if (lenSelf <= lenOther) ok = allContainedIn(self, other);
      break;
    case CompareOp.GT:
      if (lenSelf > lenOther) ok = allContainedIn(other, self);
      break;
    case CompareOp.GE:
      if (lenSelf >= lenOther) ok = allContainedIn(other, self);
      break;
  }
  return newBool(ok);
}

function dictKeysContains(o: PyObject, obj: PyObject): boolean {
  const d = (o as PyDictView).dv;
  if (d === null) return false;
  return dictContains(d, obj);
}

/** dictitems_contains: a 2-tuple whose value equals the dict's value for its key. */
function dictItemsContains(o: PyObject, obj: PyObject): boolean {
  const d = (o as PyDictView).dv;
  if (d === null) return false;
  if (!isTuple(obj) || obj.items.length !== 2) return false;
  const key = obj.items[0];
  const value = obj.items[1];
  const found = dictGetItemWithHash(d, key, dictKeyHash(key));
  if (found === null) return false;
  found.refcnt++;
  try {
    return richCompareBool(found, value, CompareOp.EQ);
  } finally {
    decref(found);
  }
}

/** dictviews_to_set: keys of an exact dict go through PySet_New's dict fast path. */
function dictViewsToSet(self: PyObject): PySet {
  let left: PyObject = self;
  if (self.type === DictKeysType) {
    const d = (self as PyDictView).dv;
    if (d !== null && d.type === DictType) left = d;
  }
  return newSet(left);
}

/** PyObject_CallMethodOneArg on a set (no bound method, like _PyObject_VectorcallMethod). */
function callSetMethod(so: PyObject, name: string, arg: PyObject): PyObject {
  const spec = SetType.methodSpecs.find((m) => m.name === name)!;
  if (spec.varargs) return withArgumentTuple([arg], null, () => spec.call(so, [arg], null));
  return spec.call(so, [arg], null);
}

function dictViewsSub(self: PyObject, other: PyObject): PyObject {
  const result = dictViewsToSet(self);
  try {
    decref(callSetMethod(result, 'difference_update', other));
  } catch (e) {
    decref(result);
    throw e;
  }
  return result;
}

/** _PyDictView_Intersect. */
function dictViewsAnd(self: PyObject, other: PyObject): PyObject {
  if (!isDictViewSet(self)) {
    const tmp = other;
    other = self;
    self = tmp;
  }
  const lenSelf = viewLen(self);
  if (other.type === SetType) {
    const { objectLength } = abstractNs;
    if (lenSelf <= objectLength(other)) return callSetMethod(other, 'intersection', self);
  }
  if (isDictViewSet(other)) {
    const lenOther = viewLen(other);
    if (lenOther > lenSelf) {
      const tmp = other;
      other = self;
      self = tmp;
    }
  }
  const result = newSet();
  try {
    const it = getIter(other);
    try {
      const containsFn = self.type === DictKeysType ? dictKeysContains : dictItemsContains;
      for (;;) {
        const key = iterNext(it);
        if (key === null) break;
        try {
          if (containsFn(self, key)) setAdd(result, key);
        } finally {
          decref(key);
        }
      }
    } finally {
      decref(it);
    }
  } catch (e) {
    decref(result);
    throw e;
  }
  return result;
}

function dictViewsOr(self: PyObject, other: PyObject): PyObject {
  const result = dictViewsToSet(self);
  try {
    setUpdate(result, other);
  } catch (e) {
    decref(result);
    throw e;
  }
  return result;
}

/** @cpython Objects/dictobject.c dictitems_xor */
function dictItemsXor(self: PyObject, other: PyObject): PyObject {
  const d1 = (self as PyDictView).dv!;
  const d2 = (other as PyDictView).dv!;
  let tempDict: PyDict | null = dictCopyExact(d1);
  let resultSet: PySet | null = null;
  try {
    resultSet = newSet();
    let pos = 0;
    for (;;) {
      const e = dictNextWithHash(d2, pos);
      if (e === null) break;
      pos = e.pos;
      const key = e.key;
      const val2 = e.value;
      const hash = e.hash;
      incref(key);
      incref(val2);
      let val1: PyObject | null = null;
      try {
        val1 = dictGetItemWithHash(tempDict, key, hash);
        let toDelete = false;
        if (val1 !== null) {
          incref(val1);
          toDelete = richCompareBool(val1, val2, CompareOp.EQ);
        }
        if (toDelete) {
          dictDelItemKnownHash(tempDict, key, hash);
        } else {
          const pair = tuplePack(key, val2);
          try {
            setAdd(resultSet, pair);
          } finally {
            decref(pair);
          }
        }
      } finally {
        decref(key);
        if (val1 !== null) decref(val1);
        decref(val2);
      }
    }
    const remaining = newDictView(tempDict, DictItemsType);
    try {
      setUpdate(resultSet, remaining);
    } catch (e) {
      decref(remaining);
      throw e;
    }
    const t = tempDict;
    tempDict = null;
    decref(t);
    decref(remaining);
    const r = resultSet;
    resultSet = null;
    return r;
  } finally {
    if (tempDict !== null) decref(tempDict);
    if (resultSet !== null) decref(resultSet);
  }
}

function dictViewsXor(self: PyObject, other: PyObject): PyObject {
  if (self.type === DictItemsType && other.type === DictItemsType) return dictItemsXor(self, other);
  const result = dictViewsToSet(self);
  try {
    decref(callSetMethod(result, 'symmetric_difference_update', other));
  } catch (e) {
    decref(result);
    throw e;
  }
  return result;
}

/** @cpython Objects/dictobject.c dictviews_isdisjoint */
function dictViewsIsDisjoint(self: PyObject, other: PyObject): PyObject {
  if (self === other) return newBool(viewLen(self) === 0);
  if (isAnySet(other) || isDictViewSet(other)) {
    const { objectLength } = abstractNs;
    const lenSelf = viewLen(self);
    const lenOther = objectLength(other);
    if (lenOther > lenSelf) {
      const tmp = other;
      other = self;
      self = tmp;
    }
  }
  const it = getIter(other);
  try {
    for (;;) {
      const item = iterNext(it);
      if (item === null) return newBool(true);
      let c: boolean;
      try {
        c = sequenceContains(self, item);
      } finally {
        decref(item);
      }
      if (c) return newBool(false);
    }
  } finally {
    decref(it);
  }
}

const viewIterOf = (itertype: PyType) => (o: PyObject) => {
  const d = (o as PyDictView).dv;
  if (d === null) return newNone();
  return newDictIter(d, itertype);
};

for (const t of [DictKeysType, DictItemsType, DictValuesType]) {
  t.tp_dealloc = (o) => {
    const dv = o as PyDictView;
    rt.gc.untrack(dv);
    const d = dv.dv;
    dv.dv = null;
    if (d !== null) decref(d);
    gcDel(dv);
  };
  t.tp_traverse = (o, visit: Visit) => {
    const d = (o as PyDictView).dv;
    if (d !== null) visit(d, 'mapping');
  };
  t.mp_length = viewLen;
  t.tp_repr = dictViewRepr;
  t.getsetSpecs.push({
    name: 'mapping',
    get: (o) => newMappingProxy((o as PyDictView).dv!),
  });
}
for (const t of [DictKeysType, DictItemsType]) {
  t.tp_richcompare = dictViewRichCompare;
  t.nb_subtract = dictViewsSub;
  t.nb_and = dictViewsAnd;
  t.nb_xor = dictViewsXor;
  t.nb_or = dictViewsOr;
  t.methodSpecs.push({
    name: 'isdisjoint',
    call: (self, args, kw) => {
      exactArgs(`${t.name}.isdisjoint`, args, kw, 1);
      return dictViewsIsDisjoint(self, args[0]);
    },
  });
}
DictKeysType.tp_iter = viewIterOf(DictIterKeyType);
DictItemsType.tp_iter = viewIterOf(DictIterItemType);
DictValuesType.tp_iter = viewIterOf(DictIterValueType);
DictKeysType.sq_contains = dictKeysContains;
DictItemsType.sq_contains = dictItemsContains;

const reversedMethod = (t: PyType, itertype: PyType) => ({
  name: '__reversed__',
  call: (self: PyObject, args: PyObject[], kw: PyTuple | null) => {
    exactArgs(`${t.name}.__reversed__`, args, kw, 0);
    return viewIterOf(itertype)(self);
  },
});
DictKeysType.methodSpecs.push(reversedMethod(DictKeysType, DictRevIterKeyType));
DictItemsType.methodSpecs.push(reversedMethod(DictItemsType, DictRevIterItemType));
DictValuesType.methodSpecs.push(reversedMethod(DictValuesType, DictRevIterValueType));

// ------------------------------------------------------------------ dict slots

DictType.tp_repr = dictRepr;
DictType.tp_richcompare = dictRichCompare;
DictType.tp_iter = dictIter;
DictType.mp_length = (o) => (o as PyDict).used;
DictType.mp_subscript = dictSubscript;
DictType.mp_ass_subscript = dictAssSub;
DictType.sq_contains = dictContains;
DictType.nb_or = dictOr;
DictType.nb_inplace_or = dictIor;
setDictIterSlot(dictIter);
