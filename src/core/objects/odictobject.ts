/**
 * OrderedDict: a dict subclass (112 bytes) that keeps its keys in a doubly linked list of
 * nodes (32 bytes each, PyMem_Malloc) and a "fast nodes" array mirroring the dict's hash
 * table (8 bytes per slot), remade lazily when the dict's keys table changes.
 * sys.getsizeof adds both to the dict's size. @cpython Objects/odictobject.c (3.11)
 *
 * Its iterators (64 bytes, GC) follow keys, not nodes; the items iterator refills one
 * result tuple while nobody else holds it. update() and __init__ go through
 * MutableMapping's protocol (PyDict_Items of a dict argument: a list of pairs, each
 * unpacked through an iterator).
 */
import { CompareOp, PyObject, PyType, TypeFlag, decref, xdecref, type Visit } from './object';
import { staticType } from './roots';
import { None, newNotImplemented } from './noneobject';
import { True, False } from './boolobject';
import { newStr, staticId } from './unicodeobject';
import { newTuple, tuplePack, tupleAlloc, type PyTuple } from './tupleobject';
import { newList, type PyList } from './listobject';
import {
  DictType,
  DictKeys,
  dictClear,
  dictDelItemKnownHash,
  dictGetItemWithHash,
  dictItems,
  dictSetItem,
  isDict,
  lookupIndex,
  type PyDict,
} from './dictobject';
import { DictItemsType, DictKeysType, DictValuesType, PyDictView, newDictView } from './dicttype';
import {
  call,
  callMethod,
  getIter,
  isTrue,
  iterNext,
  lookupAttr,
  objectHash,
  objectRepr,
  reprEnter,
  reprLeave,
  richCompareBool,
  setItem,
  getItem,
  contains,
} from './abstract';
import { instanceDictGetSet } from './instanceobject';
import { clearWeakrefs } from './weakrefobject';
import { KeyErrorType, RuntimeErrorType, ValueErrorType } from './exceptions';
import { keyError, raise, typeError } from '../vm/errors';
import { parseParams } from '../vm/args';
import { rt } from '../vm/runtime';
import { allocGCObject, gcDel, pyFree, pyMalloc } from '../memory/alloc';
import { memoryObserver } from '../memory/memory-observer';
import { trashcanBegin, trashcanEnd } from '../memory/trashcan';

/** sizeof(_ODictNode): key, hash, next, prev. */
const NODE_BYTES = 32;

class ODictNode {
  next: ODictNode | null = null;
  prev: ODictNode | null = null;
  constructor(
    readonly key: PyObject,
    public hash: number,
    readonly addr: number,
  ) {}
}

/** The fields PyODictObject adds to the dict (kept on the dict object). */
interface ODict extends PyDict {
  odFirst: ODictNode | null;
  odLast: ODictNode | null;
  fastNodes: (ODictNode | null)[] | null;
  fastAddr: number;
  fastSize: number;
  sentinel: DictKeys | null;
  odState: number;
  dict: PyDict | null;
}

export const OrderedDictType: PyType = staticType({
  name: 'collections.OrderedDict',
  qualname: 'OrderedDict',
  module: 'collections',
  base: DictType,
  basicsize: 112,
  flags: TypeFlag.HAVE_GC | TypeFlag.BASETYPE | TypeFlag.DICT_SUBCLASS,
});
OrderedDictType.weakrefable = true;
OrderedDictType.hasInstanceDict = true;

export function isODict(o: PyObject): boolean {
  return o.type === OrderedDictType || o.type.isSubtypeOf(OrderedDictType);
}

function od(o: PyObject): ODict {
  return o as ODict;
}

/** The extra fields, zeroed as tp_alloc leaves them. */
function initFields(o: PyObject): void {
  const d = od(o);
  d.odFirst = null;
  d.odLast = null;
  d.fastNodes = null;
  d.fastAddr = 0;
  d.fastSize = 0;
  d.sentinel = null;
  d.odState = 0;
  d.dict = null;
}

/** dict_new for the subtype (PyODict_New is PyDict_Type.tp_new(&PyODict_Type)). */
export function newODict(type: PyType = OrderedDictType): PyObject {
  const d = DictType.tp_new!(type, [], null);
  initFields(d);
  return d;
}
OrderedDictType.tp_new = (type) => newODict(type);

// ------------------------------------------------------------------ nodes

/** _odict_get_index_raw: the entry index of key, or where a new entry would go. */
function indexRaw(d: ODict, key: PyObject, hash: number): number {
  const ix = lookupIndex(d, key, hash);
  return ix < 0 ? d.keys.nentries : ix;
}

/** _odict_resize: a fast-nodes table as large as the dict's table. */
function resize(d: ODict): void {
  const size = d.keys.size;
  const addr = pyMalloc(8 * size);
  const fast: (ODictNode | null)[] = new Array<ODictNode | null>(size).fill(null);
  for (let node = d.odFirst; node !== null; node = node.next) fast[indexRaw(d, node.key, node.hash)] = node;
  if (d.fastNodes !== null) pyFree(d.fastAddr);
  d.fastNodes = fast;
  d.fastAddr = addr;
  d.fastSize = size;
  memoryObserver?.objectResized?.(d);
  d.sentinel = d.keys;
}

/** _odict_get_index: resyncs the fast nodes with the dict's table first. */
function getIndex(d: ODict, key: PyObject, hash: number): number {
  if (d.sentinel !== d.keys || d.fastSize !== d.keys.size) resize(d);
  return indexRaw(d, key, hash);
}

function findNodeHash(d: ODict, key: PyObject, hash: number): ODictNode | null {
  if (d.odFirst === null) return null;
  const i = getIndex(d, key, hash);
  return d.fastNodes![i] ?? null;
}

function findNode(d: ODict, key: PyObject): ODictNode | null {
  if (d.odFirst === null) return null;
  return findNodeHash(d, key, objectHash(key));
}

function addHead(d: ODict, node: ODictNode): void {
  node.prev = null;
  node.next = d.odFirst;
  if (d.odFirst === null) d.odLast = node;
  else d.odFirst.prev = node;
  d.odFirst = node;
  d.odState++;
}

function addTail(d: ODict, node: ODictNode): void {
  node.prev = d.odLast;
  node.next = null;
  if (d.odLast === null) d.odFirst = node;
  else d.odLast.next = node;
  d.odLast = node;
  d.odState++;
}

/** _odict_add_new_node: a node at the end, unless the key already has one. */
function addNewNode(d: ODict, key: PyObject, hash: number): void {
  key.refcnt++;
  const i = getIndex(d, key, hash);
  if (d.fastNodes![i] !== null) {
    decref(key);
    return;
  }
  const node = new ODictNode(key, hash, pyMalloc(NODE_BYTES));
  addTail(d, node);
  memoryObserver?.objectResized?.(d);
  d.fastNodes![i] = node;
}

function removeNode(d: ODict, node: ODictNode): void {
  if (d.odFirst === node) d.odFirst = node.next;
  else if (node.prev !== null) node.prev.next = node.next;
  if (d.odLast === node) d.odLast = node.prev;
  else if (node.next !== null) node.next.prev = node.prev;
  node.prev = null;
  node.next = null;
  d.odState++;
}

function deallocNode(node: ODictNode): void {
  decref(node.key);
  pyFree(node.addr);
}

/** _odict_clear_node: the node leaves the table and the list, and is freed. */
function clearNode(d: ODict, node: ODictNode | null, key: PyObject, hash: number): void {
  if (d.odFirst === null) return;
  const i = getIndex(d, key, hash);
  if (node === null) node = d.fastNodes![i];
  if (node === null) return;
  d.fastNodes![i] = null;
  removeNode(d, node);
  memoryObserver?.objectResized?.(d);
  deallocNode(node);
}

/** _odict_clear_nodes. */
function clearNodes(d: ODict): void {
  if (d.fastNodes !== null) pyFree(d.fastAddr);
  d.fastNodes = null;
  d.fastSize = 0;
  memoryObserver?.objectResized?.(d);
  d.sentinel = null;
  let node = d.odFirst;
  d.odFirst = null;
  d.odLast = null;
  while (node !== null) {
    const next = node.next;
    deallocNode(node);
    node = next;
  }
}

// ------------------------------------------------------------------ item access

function setItemKnownHash(d: ODict, key: PyObject, value: PyObject, hash: number): void {
  dictSetItemHashed(d, key, value, hash);
  try {
    addNewNode(d, key, hash);
  } catch (e) {
    dictDelItemKnownHash(d, key, hash);
    throw e;
  }
}

function dictSetItemHashed(d: PyDict, key: PyObject, value: PyObject, hash: number): void {
  // _PyDict_SetItem_KnownHash: the engine's insert hashes again; the hash is the same.
  void hash;
  dictSetItem(d, key, value);
}

/** PyODict_SetItem. */
export function odictSetItem(o: PyObject, key: PyObject, value: PyObject): void {
  const hash = objectHash(key);
  setItemKnownHash(od(o), key, value, hash);
}

/** PyODict_DelItem. */
export function odictDelItem(o: PyObject, key: PyObject): void {
  const d = od(o);
  const hash = objectHash(key);
  clearNode(d, null, key, hash);
  if (!dictDelItemKnownHash(d, key, hash)) keyError(key);
}

OrderedDictType.mp_ass_subscript = (o, key, value) => {
  if (value === null) odictDelItem(o, key);
  else odictSetItem(o, key, value);
};

/** _odict_popkey_hash. */
function popKeyHash(o: PyObject, key: PyObject, failobj: PyObject | null, hash: number): PyObject {
  const d = od(o);
  const node = findNodeHash(d, key, hash);
  if (node !== null) {
    clearNode(d, node, key, hash);
    const value = dictGetItemWithHash(d, key, hash);
    if (value !== null) {
      value.refcnt++;
      dictDelItemKnownHash(d, key, hash);
      return value;
    }
    if (failobj !== null) return (failobj.refcnt++, failobj);
    return keyError(key);
  }
  if (failobj !== null) return (failobj.refcnt++, failobj);
  return keyError(key);
}

// ------------------------------------------------------------------ MutableMapping.update

/** mutablemapping_add_pairs: each pair unpacked through its iterator. */
function addPairs(self: PyObject, pairs: PyObject): void {
  const iterator = getIter(pairs);
  try {
    for (;;) {
      const pair = iterNext(iterator);
      if (pair === null) break;
      let pairIterator: PyObject | null = null;
      let key: PyObject | null = null;
      let value: PyObject | null = null;
      try {
        pairIterator = getIter(pair);
        key = iterNext(pairIterator);
        if (key === null) raise(ValueErrorType, 'need more than 0 values to unpack');
        value = iterNext(pairIterator);
        if (value === null) raise(ValueErrorType, 'need more than 1 value to unpack');
        const unexpected = iterNext(pairIterator);
        if (unexpected !== null) {
          decref(unexpected);
          raise(ValueErrorType, 'too many values to unpack (expected 2)');
        }
        setItem(self, key!, value!);
      } finally {
        decref(pair);
        xdecref(pairIterator);
        xdecref(key);
        xdecref(value);
      }
    }
  } finally {
    decref(iterator);
  }
}

/** PyDict_Items: a new list of (key, value) tuples. */
function dictItemsList(d: PyDict): PyList {
  const items = dictItems(d).map(([k, v]) => tuplePack(k, v));
  return newList(items);
}

/** mutablemapping_update_arg. */
function updateArg(self: PyObject, arg: PyObject): void {
  if (arg.type === DictType) {
    const items = dictItemsList(arg as PyDict);
    try {
      addPairs(self, items);
    } finally {
      decref(items);
    }
    return;
  }
  const keysFunc = lookupAttr(arg, staticId('keys'));
  if (keysFunc !== null) {
    let keys: PyObject;
    try {
      keys = call(keysFunc, []);
    } finally {
      decref(keysFunc);
    }
    let iterator: PyObject;
    try {
      iterator = getIter(keys);
    } finally {
      decref(keys);
    }
    try {
      for (;;) {
        const key = iterNext(iterator);
        if (key === null) break;
        try {
          const value = getItem(arg, key);
          try {
            setItem(self, key, value);
          } finally {
            decref(value);
          }
        } finally {
          decref(key);
        }
      }
    } finally {
      decref(iterator);
    }
    return;
  }
  const itemsFunc = lookupAttr(arg, staticId('items'));
  if (itemsFunc !== null) {
    let items: PyObject;
    try {
      items = call(itemsFunc, []);
    } finally {
      decref(itemsFunc);
    }
    try {
      addPairs(self, items);
    } finally {
      decref(items);
    }
    return;
  }
  addPairs(self, arg);
}

/** mutablemapping_update(self, args, kwargs) with vectorcall arguments. */
function mutableMappingUpdate(self: PyObject, args: PyObject[], kwnames: PyTuple | null): void {
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  const npos = args.length - nkw;
  if (npos > 1) typeError(`update() takes at most 1 positional argument (${npos} given)`);
  if (npos === 1) {
    const other = args[0];
    other.refcnt++;
    try {
      updateArg(self, other);
    } finally {
      decref(other);
    }
  }
  if (nkw > 0) {
    // PyDict_Items(kwargs): the pairs of the call's keyword dict.
    const items = newList(kwnames!.items.map((k, i) => tuplePack(k, args[npos + i])));
    try {
      addPairs(self, items);
    } finally {
      decref(items);
    }
  }
}

/** odict_init: at most one positional argument, then update(). */
OrderedDictType.tp_init = (self, args, kwnames) => {
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  const npos = args.length - nkw;
  if (npos > 1) typeError(`expected at most 1 arguments, got ${npos}`);
  mutableMappingUpdate(self, args, kwnames);
};

// ------------------------------------------------------------------ slots

OrderedDictType.tp_dealloc = (o) => {
  const d = od(o);
  rt.gc.untrack(d);
  if (!trashcanBegin(d)) return;
  const inst = d.dict;
  d.dict = null;
  xdecref(inst);
  if (d.weakrefs !== null) clearWeakrefs(d);
  clearNodes(d);
  DictType.tp_dealloc(d);
  trashcanEnd();
};

OrderedDictType.tp_traverse = (o, visit: Visit) => {
  const d = od(o);
  if (d.dict !== null) visit(d.dict, '__dict__');
  for (let node = d.odFirst; node !== null; node = node.next) visit(node.key, 'key');
  DictType.tp_traverse!(o, visit);
};

OrderedDictType.tp_clear = (o) => {
  const d = od(o);
  const inst = d.dict;
  d.dict = null;
  xdecref(inst);
  dictClear(d);
  clearNodes(d);
};

OrderedDictType.tp_sizeof = (o) => {
  const d = od(o);
  let res = DictType.tp_sizeof!(o);
  res += 8 * d.fastSize;
  if (d.odFirst !== null) res += NODE_BYTES * d.used;
  return res;
};

/** @cpython odict_repr: `OrderedDict([(k, v), ...])`. */
OrderedDictType.tp_repr = (o) => {
  const d = od(o);
  const name = o.type.name.slice(o.type.name.lastIndexOf('.') + 1);
  if (d.used === 0) return newStr(`${name}()`);
  if (reprEnter(d)) return newStr('...');
  try {
    let pieces: PyList;
    if (o.type === OrderedDictType) {
      const pairs: PyObject[] = [];
      for (let node = d.odFirst; node !== null; node = node.next) {
        const value = dictGetItemWithHash(d, node.key, node.hash);
        if (value === null) {
          for (const p of pairs) decref(p);
          keyError(node.key);
        }
        pairs.push(tuplePack(node.key, value!));
      }
      pieces = newList(pairs);
    } else {
      const items = callMethod(o, staticId('items'), []);
      try {
        pieces = newList([]);
        const it = getIter(items);
        try {
          for (;;) {
            const x = iterNext(it);
            if (x === null) break;
            pieces.items.push(x);
          }
        } finally {
          decref(it);
        }
      } finally {
        decref(items);
      }
    }
    try {
      const r = objectRepr(pieces);
      const text = `${name}(${r.value})`;
      decref(r);
      return newStr(text);
    } finally {
      decref(pieces);
    }
  } finally {
    reprLeave(d);
  }
};

function keysEqual(a: ODict, b: ODict): boolean {
  let na = a.odFirst;
  let nb = b.odFirst;
  for (;;) {
    if (na === null && nb === null) return true;
    if (na === null || nb === null) return false;
    if (!richCompareBool(na.key, nb.key, CompareOp.EQ)) return false;
    na = na.next;
    nb = nb.next;
  }
}

/** @cpython odict_richcompare: dict equality, and the same order against an OrderedDict. */
OrderedDictType.tp_richcompare = (v, w, op) => {
  if (!isODict(v) || !isDict(w)) return newNotImplemented();
  if (op === CompareOp.EQ || op === CompareOp.NE) {
    const cmp = DictType.tp_richcompare!(v, w, op);
    if (!isODict(w)) return cmp;
    if (op === CompareOp.EQ && cmp === False) return cmp;
    if (op === CompareOp.NE && cmp === True) return cmp;
    decref(cmp);
    const eq = keysEqual(od(v), od(w));
    const res = eq === (op === CompareOp.EQ) ? True : False;
    res.refcnt++;
    return res;
  }
  return newNotImplemented();
};

OrderedDictType.tp_iter = (o) => newODictIter(od(o), ITER_KEYS);

OrderedDictType.nb_or = (left, right) => {
  let type: PyType;
  let other: PyObject;
  if (isODict(left)) {
    type = left.type;
    other = right;
  } else {
    type = right.type;
    other = left;
  }
  if (!isDict(other)) return newNotImplemented();
  const n = call(type, [left]);
  try {
    updateArg(n, right);
  } catch (e) {
    decref(n);
    throw e;
  }
  return n;
};
OrderedDictType.nb_inplace_or = (self, other) => {
  updateArg(self, other);
  return (self.refcnt++, self);
};

// ------------------------------------------------------------------ methods

const none = (): PyObject => (None.refcnt++, None);

OrderedDictType.methodSpecs.push(
  {
    name: 'fromkeys',
    kind: 'classmethod',
    call: (cls, args, kw) => {
      const [seq, value] = parseParams('fromkeys', args, kw, ['iterable', 'value'], 1);
      const v = value ?? None;
      const d = call(cls, []);
      try {
        const it = getIter(seq!);
        try {
          for (;;) {
            const key = iterNext(it);
            if (key === null) break;
            try {
              setItem(d, key, v);
            } finally {
              decref(key);
            }
          }
        } finally {
          decref(it);
        }
      } catch (e) {
        decref(d);
        throw e;
      }
      return d;
    },
  },
  { name: '__sizeof__', call: (self) => newIntOf(OrderedDictType.tp_sizeof!(self)) },
  {
    name: '__reduce__',
    call: (self) => {
      const d = od(self);
      const state = d.dict !== null && d.dict.used > 0 ? (d.dict.refcnt++, d.dict) : none();
      const args = newTuple([]);
      const items = callMethod(self, staticId('items'), []);
      let itemsIter: PyObject;
      try {
        itemsIter = getIter(items);
      } finally {
        decref(items);
      }
      self.type.refcnt++;
      return newTuple([self.type, args, state, none(), itemsIter]);
    },
  },
  {
    name: 'setdefault',
    call: (self, args, kw) => {
      const [key, dflt] = parseParams('setdefault', args, kw, ['key', 'default'], 1);
      const defaultValue = dflt ?? None;
      if (self.type === OrderedDictType) {
        const found = dictGetItemWithHash(od(self), key!, objectHash(key!));
        if (found !== null) return (found.refcnt++, found);
        odictSetItem(self, key!, defaultValue);
        return (defaultValue.refcnt++, defaultValue);
      }
      if (contains(self, key!)) return getItem(self, key!);
      setItem(self, key!, defaultValue);
      return (defaultValue.refcnt++, defaultValue);
    },
  },
  {
    name: 'pop',
    call: (self, args, kw) => {
      const [key, dflt] = parseParams('pop', args, kw, ['key', 'default'], 1);
      const hash = objectHash(key!);
      return popKeyHash(self, key!, dflt ?? null, hash);
    },
  },
  {
    name: 'popitem',
    call: (self, args, kw) => {
      const [lastArg] = parseParams('popitem', args, kw, ['last'], 0);
      const last = lastArg === undefined ? true : isTrue(lastArg);
      const d = od(self);
      if (d.odFirst === null) raise(KeyErrorType, 'dictionary is empty');
      const node = last ? d.odLast! : d.odFirst!;
      const key = node.key;
      key.refcnt++;
      try {
        const value = popKeyHash(self, key, null, node.hash);
        const item = tuplePack(key, value);
        decref(value);
        return item;
      } finally {
        decref(key);
      }
    },
  },
  { name: 'keys', call: (self) => newDictView(self, ODictKeysType) },
  { name: 'values', call: (self) => newDictView(self, ODictValuesType) },
  { name: 'items', call: (self) => newDictView(self, ODictItemsType) },
  {
    name: 'update',
    varargs: true,
    call: (self, args, kw) => {
      mutableMappingUpdate(self, args, kw);
      return none();
    },
  },
  {
    name: 'clear',
    call: (self) => {
      dictClear(od(self));
      clearNodes(od(self));
      return none();
    },
  },
  {
    name: 'copy',
    call: (self) => {
      const exact = self.type === OrderedDictType;
      const copy = exact ? newODict() : call(self.type, []);
      try {
        const d = od(self);
        for (let node = d.odFirst; node !== null; node = node.next) {
          if (exact) {
            const value = dictGetItemWithHash(d, node.key, node.hash);
            if (value === null) keyError(node.key);
            setItemKnownHash(od(copy), node.key, value!, node.hash);
          } else {
            const value = getItem(self, node.key);
            try {
              setItem(copy, node.key, value);
            } finally {
              decref(value);
            }
          }
        }
      } catch (e) {
        decref(copy);
        throw e;
      }
      return copy;
    },
  },
  { name: '__reversed__', call: (self) => newODictIter(od(self), ITER_KEYS | ITER_REVERSED) },
  {
    name: 'move_to_end',
    call: (self, args, kw) => {
      const [key, lastArg] = parseParams('move_to_end', args, kw, ['key', 'last'], 1);
      const last = lastArg === undefined ? true : isTrue(lastArg);
      const d = od(self);
      if (d.odFirst === null) keyError(key!);
      let node = last ? d.odLast! : d.odFirst!;
      if (key !== node.key) {
        const found = findNode(d, key!);
        if (found === null) keyError(key!);
        node = found!;
        if (last) {
          if (node !== d.odLast) {
            removeNode(d, node);
            addTail(d, node);
          }
        } else if (node !== d.odFirst) {
          removeNode(d, node);
          addHead(d, node);
        }
      }
      return none();
    },
  },
);
OrderedDictType.getsetSpecs.push(instanceDictGetSet());

import { newInt } from './longobject';
function newIntOf(n: number): PyObject {
  return newInt(n);
}

// ------------------------------------------------------------------ iterators and views

const ITER_REVERSED = 1;
const ITER_KEYS = 2;
const ITER_VALUES = 4;
const ITER_ITEMS = ITER_KEYS | ITER_VALUES;

export const ODictIterType: PyType = staticType({
  name: 'odict_iterator',
  basicsize: 64,
  flags: TypeFlag.HAVE_GC,
});

class PyODictIter extends PyObject {
  kind = 0;
  odict: ODict | null = null;
  size = 0;
  state = 0;
  current: PyObject | null = null;
  result: PyTuple | null = null;
}

function newODictIter(d: ODict, kind: number): PyODictIter {
  const di = allocGCObject(new PyODictIter(ODictIterType), 64);
  if ((kind & ITER_ITEMS) === ITER_ITEMS) di.result = tuplePack(None, None);
  di.kind = kind;
  const node = kind & ITER_REVERSED ? d.odLast : d.odFirst;
  di.current = node !== null ? node.key : null;
  if (di.current !== null) di.current.refcnt++;
  di.size = d.used;
  di.state = d.odState;
  d.refcnt++;
  di.odict = d;
  rt.gc.track(di);
  return di;
}

/** odictiter_nextkey: the current key, then the next node's key. */
function nextKey(di: PyODictIter): PyObject | null {
  const reversed = di.kind & ITER_REVERSED;
  const d = di.odict;
  if (d === null) return null;
  const done = (): null => {
    di.odict = null;
    decref(d);
    return null;
  };
  if (di.current === null) return done();
  if (d.odState !== di.state) {
    done();
    raise(RuntimeErrorType, 'OrderedDict mutated during iteration');
  }
  if (di.size !== d.used) {
    di.size = -1;
    raise(RuntimeErrorType, 'OrderedDict changed size during iteration');
  }
  const node = findNode(d, di.current);
  if (node === null) {
    const cur = di.current;
    di.current = null;
    try {
      keyError(cur);
    } finally {
      decref(cur);
    }
  }
  const key = di.current;
  const next = reversed ? node!.prev : node!.next;
  if (next === null) di.current = null;
  else {
    di.current = next.key;
    di.current.refcnt++;
  }
  return key;
}

ODictIterType.tp_iternext = (o) => {
  const di = o as PyODictIter;
  const key = nextKey(di);
  if (key === null) return null;
  if (!(di.kind & ITER_VALUES)) return key;
  const d = di.odict!;
  const value = dictGetItemWithHash(d, key, objectHash(key));
  if (value === null) {
    const cur = di.current;
    di.current = null;
    xdecref(cur);
    const dd = di.odict;
    di.odict = null;
    xdecref(dd);
    try {
      keyError(key);
    } finally {
      decref(key);
    }
  }
  value!.refcnt++;
  if (!(di.kind & ITER_KEYS)) {
    decref(key);
    return value;
  }
  let result = di.result!;
  if (result.refcnt === 1) {
    result.refcnt++;
    decref(result.items[0]);
    decref(result.items[1]);
    if (result.gcNext === null) rt.gc.track(result);
  } else {
    result = tupleAlloc(2);
    rt.gc.track(result);
  }
  result.items = [key, value!];
  return result;
};
ODictIterType.tp_iter = (o) => (o.refcnt++, o);
ODictIterType.tp_dealloc = (o) => {
  const di = o as PyODictIter;
  rt.gc.untrack(di);
  const { odict, current, result } = di;
  di.odict = null;
  di.current = null;
  di.result = null;
  xdecref(odict);
  xdecref(current);
  if ((di.kind & ITER_ITEMS) === ITER_ITEMS) xdecref(result);
  gcDel(di);
};
ODictIterType.tp_traverse = (o, visit: Visit) => {
  const di = o as PyODictIter;
  if (di.odict !== null) visit(di.odict, 'odict');
  if (di.current !== null) visit(di.current, 'current');
  if (di.result !== null) visit(di.result, 'result');
};

export const ODictKeysType: PyType = staticType({
  name: 'odict_keys',
  base: DictKeysType,
  basicsize: 24,
  flags: TypeFlag.HAVE_GC,
});
export const ODictValuesType: PyType = staticType({
  name: 'odict_values',
  base: DictValuesType,
  basicsize: 24,
  flags: TypeFlag.HAVE_GC,
});
export const ODictItemsType: PyType = staticType({
  name: 'odict_items',
  base: DictItemsType,
  basicsize: 24,
  flags: TypeFlag.HAVE_GC,
});

for (const [t, kind] of [
  [ODictKeysType, ITER_KEYS],
  [ODictValuesType, ITER_VALUES],
  [ODictItemsType, ITER_ITEMS],
] as [PyType, number][]) {
  t.tp_iter = (o) => {
    const d = (o as PyDictView).dv;
    if (d === null) return none();
    return newODictIter(d as ODict, kind);
  };
  t.methodSpecs.push({
    name: '__reversed__',
    call: (self) => {
      const d = (self as PyDictView).dv;
      if (d === null) return none();
      return newODictIter(d as ODict, kind | ITER_REVERSED);
    },
  });
}
