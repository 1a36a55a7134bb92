/**
 * _collections: deque (with its iterators), defaultdict, _tuplegetter and
 * _count_elements. OrderedDict is in odictobject.ts. @cpython Modules/_collectionsmodule.c
 *
 * deque (216 bytes, GC, weakrefs) keeps its items in 64-slot blocks of 528 bytes, linked
 * left to right; each deque caches up to 16 freed blocks for reuse. An empty deque has
 * one block with the indices at its centre; sys.getsizeof counts the blocks the items
 * span. `deque(...)` goes through type_call (an argument tuple), clear() and dealloc
 * release the items left to right, and the iterators (40 bytes, GC) hold the deque.
 * defaultdict is a dict subclass of 56 bytes: default_factory after the dict's fields.
 */
import { CompareOp, PyObject, PyType, TypeFlag, decref, xdecref, type Visit } from '../objects/object';
import { staticType } from '../objects/roots';
import { None, newNotImplemented } from '../objects/noneobject';
import { True, False, newBool } from '../objects/boolobject';
import { newStr, type PyStr } from '../objects/unicodeobject';
import { newInt, type PyLong } from '../objects/longobject';
import { EmptyTuple, newTuple, tupleFromBorrowed, isTuple, type PyTuple } from '../objects/tupleobject';
import { newEmptyList, listExtend, type PyList } from '../objects/listobject';
import { DictType, dictGetItemWithHash, dictSetItemTake, isDict, type PyDict } from '../objects/dictobject';
import {
  asSsize,
  binaryOp,
  call,
  callMethod,
  getAttr,
  getIter,
  isCallable,
  iterNext,
  objectHash,
  objectRepr,
  reprEnter,
  reprLeave,
  richCompareBool,
  setItem,
  numberIndex,
} from '../objects/abstract';
import { typeLookupId } from '../objects/typeobject';
import { clearWeakrefs } from '../objects/weakrefobject';
import { IndexErrorType, RuntimeErrorType, ValueErrorType, AttributeErrorType } from '../objects/exceptions';
import { keyError, raise, typeError } from '../vm/errors';
import { rt } from '../vm/runtime';
import { pyFree, pyMalloc } from '../memory/alloc';
import { memoryObserver } from '../memory/memory-observer';
import { smallInt } from '../objects/longobject';
import { staticId } from '../objects/unicodeobject';
import { moduleBuilder } from './moduledef';
import type { PyModule } from '../objects/moduleobject';
import { gcFree, gcNew, genericAlloc, typeShortName } from './cobject';
import { clearField, clearingDealloc, fieldGetSet, releasingOnError } from './cutil';
import { exactArgs, noKeywords, parseTupleCount } from '../vm/args';
import { OrderedDictType } from '../objects/odictobject';

const BLOCKLEN = 64;
const CENTER = (BLOCKLEN - 1) >> 1;
const MAXFREEBLOCKS = 16;
/** sizeof(block): two links and BLOCKLEN item pointers. */
const BLOCK_BYTES = 8 + 8 * BLOCKLEN + 8;

class Block {
  left: Block | null = null;
  right: Block | null = null;
  readonly data: (PyObject | null)[] = new Array<PyObject | null>(BLOCKLEN).fill(null);
  constructor(readonly addr: number) {}
}

// ------------------------------------------------------------------ deque

export const DequeType: PyType = staticType({
  name: 'collections.deque',
  qualname: 'deque',
  module: 'collections',
  basicsize: 216,
  flags: TypeFlag.HAVE_GC | TypeFlag.BASETYPE,
});
DequeType.weakrefable = true;

export class PyDeque extends PyObject {
  size = 0;
  leftblock: Block | null = null;
  rightblock: Block | null = null;
  leftindex = CENTER + 1;
  rightindex = CENTER;
  state = 0;
  maxlen = -1;
  freeblocks: Block[] = [];
}

/** newblock: a cached block, else PyMem_Malloc(sizeof(block)). */
function newBlock(d: PyDeque): Block {
  memoryObserver?.objectResized?.(d);
  const b = d.freeblocks.pop();
  if (b !== undefined) {
    b.left = b.right = null;
    return b;
  }
  return new Block(pyMalloc(BLOCK_BYTES));
}

function freeBlock(d: PyDeque, b: Block): void {
  memoryObserver?.objectResized?.(d);
  if (d.freeblocks.length < MAXFREEBLOCKS) d.freeblocks.push(b);
  else pyFree(b.addr);
}

/** @cpython deque_new (tp_alloc, then the first block). */
function dequeNew(type: PyType): PyDeque {
  const d = genericAlloc(new PyDeque(type), type);
  const b = newBlock(d);
  d.leftblock = d.rightblock = b;
  d.leftindex = CENTER + 1;
  d.rightindex = CENTER;
  return d;
}

function dequePop(d: PyDeque): PyObject {
  if (d.size === 0) raise(IndexErrorType, 'pop from an empty deque');
  const rb = d.rightblock!;
  const item = rb.data[d.rightindex]!;
  rb.data[d.rightindex] = null;
  d.rightindex--;
  d.size--;
  d.state++;
  if (d.rightindex < 0) {
    if (d.size > 0) {
      const prev = rb.left!;
      freeBlock(d, rb);
      prev.right = null;
      d.rightblock = prev;
      d.rightindex = BLOCKLEN - 1;
    } else {
      d.leftindex = CENTER + 1;
      d.rightindex = CENTER;
    }
  }
  return item;
}

function dequePopLeft(d: PyDeque): PyObject {
  if (d.size === 0) raise(IndexErrorType, 'pop from an empty deque');
  const lb = d.leftblock!;
  const item = lb.data[d.leftindex]!;
  lb.data[d.leftindex] = null;
  d.leftindex++;
  d.size--;
  d.state++;
  if (d.leftindex === BLOCKLEN) {
    if (d.size > 0) {
      const next = lb.right!;
      freeBlock(d, lb);
      next.left = null;
      d.leftblock = next;
      d.leftindex = 0;
    } else {
      d.leftindex = CENTER + 1;
      d.rightindex = CENTER;
    }
  }
  return item;
}

/** A new block linked on the right, to be filled from its first slot. */
function addRightBlock(d: PyDeque): void {
  const b = newBlock(d);
  b.left = d.rightblock;
  d.rightblock!.right = b;
  d.rightblock = b;
  d.rightindex = -1;
}

/** deque_append_internal (steals item). */
function appendInternal(d: PyDeque, item: PyObject, maxlen: number): void {
  if (d.rightindex === BLOCKLEN - 1) addRightBlock(d);
  d.size++;
  d.rightindex++;
  d.rightblock!.data[d.rightindex] = item;
  if (maxlen >= 0 && maxlen < d.size) decref(dequePopLeft(d));
  else d.state++;
}

function appendLeftInternal(d: PyDeque, item: PyObject, maxlen: number): void {
  if (d.leftindex === 0) {
    const b = newBlock(d);
    b.right = d.leftblock;
    d.leftblock!.left = b;
    d.leftblock = b;
    d.leftindex = BLOCKLEN;
  }
  d.size++;
  d.leftindex--;
  d.leftblock!.data[d.leftindex] = item;
  if (maxlen >= 0 && maxlen < d.size) decref(dequePop(d));
  else d.state++;
}

/** The deque's items, left to right (borrowed). */
function dequeItems(d: PyDeque): PyObject[] {
  const out: PyObject[] = [];
  let b = d.leftblock!;
  let index = d.leftindex;
  for (let n = d.size; n > 0; n--) {
    out.push(b.data[index]!);
    index++;
    if (index === BLOCKLEN) {
      b = b.right!;
      index = 0;
    }
  }
  return out;
}

/** PySequence_List. */
function sequenceList(o: PyObject): PyList {
  const l = newEmptyList();
  releasingOnError(l, () => listExtend(l, o));
  return l;
}

/** Runs an iterator to exhaustion (maxlen == 0). */
function consumeIterator(it: PyObject): void {
  try {
    for (;;) {
      const item = iterNext(it);
      if (item === null) break;
      decref(item);
    }
  } finally {
    decref(it);
  }
}

/** deque_extend, or deque_extendleft when `left`. */
function dequeExtend(d: PyDeque, iterable: PyObject, left = false): void {
  if (iterable === d) {
    const s = sequenceList(iterable);
    try {
      dequeExtend(d, s, left);
    } finally {
      decref(s);
    }
    return;
  }
  const it = getIter(iterable);
  const maxlen = d.maxlen;
  if (maxlen === 0) return consumeIterator(it);
  if (d.size === 0) {
    // An empty deque starts at the end it grows from (its first block has room that way).
    d.leftindex = left ? BLOCKLEN - 1 : 1;
    d.rightindex = left ? BLOCKLEN - 2 : 0;
  }
  const append = left ? appendLeftInternal : appendInternal;
  try {
    for (;;) {
      const item = it.type.tp_iternext!(it);
      if (item === null) break;
      append(d, item, maxlen);
    }
  } finally {
    decref(it);
  }
}

/** deque_clear: the deque is emptied onto a new block first, then the items released left to right. */
function dequeClear(d: PyDeque): void {
  if (d.size === 0) return;
  const b = newBlock(d);
  let n = d.size;
  let leftblock = d.leftblock!;
  const leftindex = d.leftindex;
  d.size = 0;
  d.leftblock = d.rightblock = b;
  d.leftindex = CENTER + 1;
  d.rightindex = CENTER;
  d.state++;
  let m = BLOCKLEN - leftindex > n ? n : BLOCKLEN - leftindex;
  let i = leftindex;
  let limit = leftindex + m;
  n -= m;
  for (;;) {
    if (i === limit) {
      if (n === 0) break;
      const prev = leftblock;
      leftblock = leftblock.right!;
      m = n > BLOCKLEN ? BLOCKLEN : n;
      i = 0;
      limit = m;
      n -= m;
      freeBlock(d, prev);
    }
    const item = leftblock.data[i]!;
    leftblock.data[i] = null;
    i++;
    decref(item);
  }
  freeBlock(d, leftblock);
}

/** deque_copy. */
function dequeCopy(d: PyDeque): PyObject {
  if (d.type === DequeType) {
    const nd = dequeNew(DequeType);
    nd.maxlen = d.maxlen;
    releasingOnError(nd, () => {
      if (d.size === 1) {
        const item = d.leftblock!.data[d.leftindex]!;
        item.refcnt++;
        appendInternal(nd, item, nd.maxlen);
      } else dequeExtend(nd, d);
    });
    return nd;
  }
  const result =
    d.maxlen < 0 ? call(d.type, [d]) : withTuple([d, newInt(d.maxlen)], (args) => call(d.type, args));
  if (!result.type.isSubtypeOf(DequeType)) {
    const name = result.type.name;
    decref(result);
    typeError(`${d.type.name}() must return a deque, not ${name}`);
  }
  return result;
}

/** Calls fn with `items` (new references) held in a tuple, as PyObject_CallFunction packs them. */
function withTuple<T>(items: PyObject[], fn: (args: PyObject[]) => T): T {
  const t = newTuple(items);
  try {
    return fn(t.items);
  } finally {
    decref(t);
  }
}

/** _deque_rotate. */
function dequeRotate(d: PyDeque, n: number): void {
  let b: Block | null = null;
  let leftblock = d.leftblock!;
  let rightblock = d.rightblock!;
  let leftindex = d.leftindex;
  let rightindex = d.rightindex;
  const len = d.size;
  const halflen = len >> 1;
  if (len <= 1) return;
  if (n > halflen || n < -halflen) {
    n %= len;
    if (n > halflen) n -= len;
    else if (n < -halflen) n += len;
  }
  d.state++;
  while (n > 0) {
    if (leftindex === 0) {
      if (b === null) b = newBlock(d);
      b.right = leftblock;
      leftblock.left = b;
      leftblock = b;
      b.left = null;
      leftindex = BLOCKLEN;
      b = null;
    }
    let m = n;
    if (m > rightindex + 1) m = rightindex + 1;
    if (m > leftindex) m = leftindex;
    rightindex -= m;
    leftindex -= m;
    let src = rightindex + 1;
    let dest = leftindex;
    n -= m;
    while (m-- > 0) {
      leftblock.data[dest++] = rightblock.data[src];
      rightblock.data[src++] = null;
    }
    if (rightindex < 0) {
      b = rightblock;
      rightblock = rightblock.left!;
      rightblock.right = null;
      rightindex = BLOCKLEN - 1;
    }
  }
  while (n < 0) {
    if (rightindex === BLOCKLEN - 1) {
      if (b === null) b = newBlock(d);
      b.left = rightblock;
      rightblock.right = b;
      rightblock = b;
      b.right = null;
      rightindex = -1;
      b = null;
    }
    let m = -n;
    if (m > BLOCKLEN - leftindex) m = BLOCKLEN - leftindex;
    if (m > BLOCKLEN - 1 - rightindex) m = BLOCKLEN - 1 - rightindex;
    let src = leftindex;
    let dest = rightindex + 1;
    leftindex += m;
    rightindex += m;
    n += m;
    while (m-- > 0) {
      rightblock.data[dest++] = leftblock.data[src];
      leftblock.data[src++] = null;
    }
    if (leftindex === BLOCKLEN) {
      b = leftblock;
      leftblock = leftblock.right!;
      leftblock.left = null;
      leftindex = 0;
    }
  }
  if (b !== null) freeBlock(d, b);
  d.leftblock = leftblock;
  d.rightblock = rightblock;
  d.leftindex = leftindex;
  d.rightindex = rightindex;
}

/** The block and slot of item i (deque_item's walk). */
function locate(d: PyDeque, i: number, halfForward: boolean): [Block, number] {
  if (i === 0) return [d.leftblock!, d.leftindex];
  if (i === d.size - 1) return [d.rightblock!, d.rightindex];
  return walk(d, i, halfForward);
}

/** Walks to item i from the nearer end: the left one up to the middle (exclusive when `halfForward`). */
function walk(d: PyDeque, i: number, halfForward: boolean): [Block, number] {
  const index = i;
  i += d.leftindex;
  let n = Math.floor(i / BLOCKLEN);
  i %= BLOCKLEN;
  let b: Block;
  if (halfForward ? index < d.size >> 1 : index <= (d.size + 1) >> 1) {
    b = d.leftblock!;
    while (--n >= 0) b = b.right!;
  } else {
    n = Math.floor((d.leftindex + d.size - 1) / BLOCKLEN) - n;
    b = d.rightblock!;
    while (--n >= 0) b = b.left!;
  }
  return [b, i];
}

function dequeItem(d: PyDeque, i: number): PyObject {
  if (i < 0 || i >= d.size) raise(IndexErrorType, 'deque index out of range');
  const [b, at] = locate(d, i, true);
  const item = b.data[at]!;
  item.refcnt++;
  return item;
}

function dequeDelItem(d: PyDeque, i: number): void {
  dequeRotate(d, -i);
  const item = dequePopLeft(d);
  dequeRotate(d, i);
  decref(item);
}

function dequeAssItem(d: PyDeque, i: number, v: PyObject | null): void {
  if (i < 0 || i >= d.size) raise(IndexErrorType, 'deque index out of range');
  if (v === null) return dequeDelItem(d, i);
  // deque_ass_item does its own walk (it always uses the computed block).
  const [b, j] = walk(d, i, false);
  v.refcnt++;
  const old = b.data[j]!;
  b.data[j] = v;
  decref(old);
}

/** item == v (PyObject_RichCompareBool), the deque's item held while they compare. */
function heldEquals(item: PyObject, v: PyObject): boolean {
  item.refcnt++;
  try {
    return richCompareBool(item, v, CompareOp.EQ);
  } finally {
    decref(item);
  }
}

/** ValueError: "<repr> is not in deque". */
function notInDeque(v: PyObject): never {
  const r = objectRepr(v);
  const text = r.value;
  decref(r);
  return raise(ValueErrorType, `${text} is not in deque`);
}

/** An index argument (PyNumber_AsSsize_t with IndexError). */
function indexArg(o: PyObject): number {
  return asSsize(o, IndexErrorType);
}

DequeType.tp_new = (type) => dequeNew(type);
/** @cpython deque_init */
DequeType.tp_init = (self, args, kwnames) => {
  const d = self as PyDeque;
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  const npos = args.length - nkw;
  let iterable: PyObject | null = null;
  let maxlenobj: PyObject | null = null;
  if (npos > 2) typeError(`deque() takes at most 2 arguments (${npos} given)`);
  if (npos > 0) iterable = args[0];
  if (npos > 1) maxlenobj = args[1];
  for (let i = 0; i < nkw; i++) {
    const name = (kwnames!.items[i] as PyStr).value;
    if (name === 'iterable') {
      if (iterable !== null) typeError("argument for deque() given by name ('iterable') and position (1)");
      iterable = args[npos + i];
    } else if (name === 'maxlen') {
      if (maxlenobj !== null) typeError("argument for deque() given by name ('maxlen') and position (2)");
      maxlenobj = args[npos + i];
    } else typeError(`'${name}' is an invalid keyword argument for deque()`);
  }
  let maxlen = -1;
  if (maxlenobj !== null && maxlenobj !== None) {
    maxlen = asSsize(maxlenobj);
    if (maxlen < 0) raise(ValueErrorType, 'maxlen must be non-negative');
  }
  d.maxlen = maxlen;
  if (d.size > 0) dequeClear(d);
  if (iterable !== null) dequeExtend(d, iterable);
};

DequeType.tp_dealloc = (o) => {
  const d = o as PyDeque;
  rt.gc.untrack(d);
  if (d.weakrefs !== null) clearWeakrefs(d);
  if (d.leftblock !== null) {
    dequeClear(d);
    freeBlock(d, d.leftblock);
  }
  d.leftblock = d.rightblock = null;
  for (const b of d.freeblocks.splice(0)) pyFree(b.addr);
  gcFree(d);
};
DequeType.tp_clear = (o) => dequeClear(o as PyDeque);
DequeType.tp_traverse = (o, visit: Visit) => {
  const d = o as PyDeque;
  if (d.leftblock === null) return;
  dequeItems(d).forEach((item, i) => visit(item, `[${i}]`));
};
DequeType.tp_sizeof = (o) => {
  const d = o as PyDeque;
  const blocks = Math.floor((d.leftindex + d.size + BLOCKLEN - 1) / BLOCKLEN);
  return DequeType.basicsize + blocks * BLOCK_BYTES;
};
DequeType.mp_length = (o) => (o as PyDeque).size;
DequeType.sq_contains = (o, v) => {
  const d = o as PyDeque;
  let b = d.leftblock!;
  let index = d.leftindex;
  const startState = d.state;
  for (let n = d.size; n > 0; n--) {
    if (heldEquals(b.data[index]!, v)) return true;
    if (startState !== d.state) raise(RuntimeErrorType, 'deque mutated during iteration');
    index++;
    if (index === BLOCKLEN) {
      b = b.right!;
      index = 0;
    }
  }
  return false;
};
DequeType.mp_subscript = (o, key) => {
  if (key.type.nb_index === undefined) {
    typeError(`sequence index must be integer, not '${key.type.name}'`);
  }
  const d = o as PyDeque;
  let i = indexArg(key);
  if (i < 0) i += d.size;
  return dequeItem(d, i);
};
DequeType.mp_ass_subscript = (o, key, value) => {
  if (key.type.nb_index === undefined) {
    typeError(`sequence index must be integer, not '${key.type.name}'`);
  }
  const d = o as PyDeque;
  let i = indexArg(key);
  if (i < 0) i += d.size;
  dequeAssItem(d, i, value);
};
/** deque_concat (sq_concat). */
DequeType.sq_concat = (a, other) => {
  if (!other.type.isSubtypeOf(DequeType)) {
    typeError(`can only concatenate deque (not "${other.type.name}") to deque`);
  }
  const nd = dequeCopy(a as PyDeque) as PyDeque;
  releasingOnError(nd, () => dequeExtend(nd, other));
  return nd;
};
DequeType.sq_inplace_concat = (a, other) => {
  dequeExtend(a as PyDeque, other);
  a.refcnt++;
  return a;
};

function inplaceRepeat(d: PyDeque, n: number): PyObject {
  const size = d.size;
  if (size === 0 || n === 1) return (d.refcnt++, d);
  if (n <= 0) {
    dequeClear(d);
    return (d.refcnt++, d);
  }
  if (size === 1) {
    const item = d.leftblock!.data[d.leftindex]!;
    if (d.maxlen >= 0 && n > d.maxlen) n = d.maxlen;
    d.state++;
    let i = 0;
    while (i < n - 1) {
      if (d.rightindex === BLOCKLEN - 1) addRightBlock(d);
      let m = n - 1 - i;
      if (m > BLOCKLEN - 1 - d.rightindex) m = BLOCKLEN - 1 - d.rightindex;
      i += m;
      while (m-- > 0) {
        d.rightindex++;
        item.refcnt++;
        d.rightblock!.data[d.rightindex] = item;
      }
    }
    d.size += i;
    return (d.refcnt++, d);
  }
  const seq = sequenceList(d);
  try {
    if (d.maxlen >= 0 && n * size > d.maxlen) n = Math.floor((d.maxlen + size - 1) / size);
    for (let i = 0; i < n - 1; i++) dequeExtend(d, seq);
  } finally {
    decref(seq);
  }
  return (d.refcnt++, d);
}
DequeType.sq_inplace_repeat = (o, n) => inplaceRepeat(o as PyDeque, n);
DequeType.sq_repeat = (o, n) => {
  const nd = dequeCopy(o as PyDeque);
  try {
    return inplaceRepeat(nd as PyDeque, n);
  } finally {
    decref(nd);
  }
};
DequeType.tp_hash = undefined;

/** @cpython deque_repr */
DequeType.tp_repr = (o) => {
  const d = o as PyDeque;
  if (reprEnter(d)) return newStr('[...]');
  try {
    const aslist = sequenceList(d);
    try {
      const r = objectRepr(aslist);
      const name = shortName(d.type);
      const text = d.maxlen >= 0 ? `${name}(${r.value}, maxlen=${d.maxlen})` : `${name}(${r.value})`;
      decref(r);
      return newStr(text);
    } finally {
      decref(aslist);
    }
  } finally {
    reprLeave(d);
  }
};

/** _PyType_Name: the part of tp_name after the last dot. */
function shortName(t: PyType): string {
  return typeShortName(t);
}

/** @cpython deque_richcompare: element by element, the first difference decides. */
DequeType.tp_richcompare = (v, w, op) => {
  if (!v.type.isSubtypeOf(DequeType) || !w.type.isSubtypeOf(DequeType)) return newNotImplemented();
  const vs = (v as PyDeque).size;
  const ws = (w as PyDeque).size;
  if (op === CompareOp.EQ) {
    if (v === w) return (True.refcnt++, True);
    if (vs !== ws) return (False.refcnt++, False);
  }
  if (op === CompareOp.NE) {
    if (v === w) return (False.refcnt++, False);
    if (vs !== ws) return (True.refcnt++, True);
  }
  const it1 = getIter(v);
  let it2: PyObject | null = null;
  try {
    it2 = getIter(w);
    let x: PyObject | null;
    let y: PyObject | null;
    for (;;) {
      x = iterNext(it1);
      try {
        y = iterNext(it2);
      } catch (e) {
        xdecref(x);
        throw e;
      }
      if (x === null || y === null) break;
      let b: boolean;
      try {
        b = richCompareBool(x, y, CompareOp.EQ);
        if (!b) return newBool(richCompareBool(x, y, op));
      } finally {
        decref(x);
        decref(y);
      }
    }
    xdecref(x);
    xdecref(y);
    let cmp: boolean;
    switch (op) {
      case CompareOp.LT:
        cmp = y !== null;
        break;
      case CompareOp.LE:
        cmp = x === null;
        break;
      case CompareOp.EQ:
        cmp = x === y;
        break;
      case CompareOp.NE:
        cmp = x !== y;
        break;
      case CompareOp.GT:
        cmp = x !== null;
        break;
      default:
        cmp = y === null;
    }
    return newBool(cmp);
  } finally {
    decref(it1);
    xdecref(it2);
  }
};

const none = (): PyObject => (None.refcnt++, None);
const deq = (o: PyObject) => o as PyDeque;

function exactArg(name: string, args: PyObject[], kw: PyTuple | null, n: number): void {
  if (kw !== null && kw.items.length > 0) typeError(`deque.${name}() takes no keyword arguments`);
  if (args.length !== n) {
    if (n === 0) typeError(`deque.${name}() takes no arguments (${args.length} given)`);
    typeError(`deque.${name}() takes exactly one argument (${args.length} given)`);
  }
}

DequeType.methodSpecs.push(
  {
    name: 'append',
    call: (self, args, kw) => {
      exactArg('append', args, kw, 1);
      args[0].refcnt++;
      appendInternal(deq(self), args[0], deq(self).maxlen);
      return none();
    },
  },
  {
    name: 'appendleft',
    call: (self, args, kw) => {
      exactArg('appendleft', args, kw, 1);
      args[0].refcnt++;
      appendLeftInternal(deq(self), args[0], deq(self).maxlen);
      return none();
    },
  },
  {
    name: 'clear',
    call: (self, args, kw) => {
      exactArg('clear', args, kw, 0);
      dequeClear(deq(self));
      return none();
    },
  },
  { name: '__copy__', call: (self, args, kw) => (exactArg('__copy__', args, kw, 0), dequeCopy(deq(self))) },
  { name: 'copy', call: (self, args, kw) => (exactArg('copy', args, kw, 0), dequeCopy(deq(self))) },
  {
    name: 'count',
    call: (self, args, kw) => {
      exactArg('count', args, kw, 1);
      const d = deq(self);
      let b = d.leftblock!;
      let index = d.leftindex;
      let count = 0;
      const startState = d.state;
      for (let n = d.size; n > 0; n--) {
        if (heldEquals(b.data[index]!, args[0])) count++;
        if (startState !== d.state) raise(RuntimeErrorType, 'deque mutated during iteration');
        index++;
        if (index === BLOCKLEN) {
          b = b.right!;
          index = 0;
        }
      }
      return newInt(count);
    },
  },
  {
    name: 'extend',
    call: (self, args, kw) => (exactArg('extend', args, kw, 1), dequeExtend(deq(self), args[0]), none()),
  },
  {
    name: 'extendleft',
    call: (self, args, kw) => (
      exactArg('extendleft', args, kw, 1),
      dequeExtend(deq(self), args[0], true),
      none()
    ),
  },
  {
    name: 'index',
    call: (self, args, kw) => {
      noKeywords('deque.index', kw);
      parseTupleCount('index', args.length, 1, 3);
      const d = deq(self);
      const v = args[0];
      let start = args.length > 1 ? sliceIndex(args[1]) : 0;
      let stop = args.length > 2 ? sliceIndex(args[2]) : d.size;
      if (start < 0) {
        start += d.size;
        if (start < 0) start = 0;
      }
      if (stop < 0) {
        stop += d.size;
        if (stop < 0) stop = 0;
      }
      if (stop > d.size) stop = d.size;
      if (start > stop) start = stop;
      const items = dequeItems(d);
      const startState = d.state;
      for (let i = start; i < stop; i++) {
        if (heldEquals(items[i], v)) return newInt(i);
        if (startState !== d.state) raise(RuntimeErrorType, 'deque mutated during iteration');
      }
      return notInDeque(v);
    },
  },
  {
    name: 'insert',
    call: (self, args, kw) => {
      if (kw !== null && kw.items.length > 0) typeError('deque.insert() takes no keyword arguments');
      if (args.length !== 2) typeError(`insert expected 2 arguments, got ${args.length}`);
      const d = deq(self);
      const index = asSsize(args[0]);
      const value = args[1];
      const n = d.size;
      if (d.maxlen === d.size) raise(IndexErrorType, 'deque already at its maximum size');
      value.refcnt++;
      if (index >= n) {
        appendInternal(d, value, d.maxlen);
        return none();
      }
      if (index <= -n || index === 0) {
        appendLeftInternal(d, value, d.maxlen);
        return none();
      }
      dequeRotate(d, -index);
      if (index < 0) appendInternal(d, value, d.maxlen);
      else appendLeftInternal(d, value, d.maxlen);
      dequeRotate(d, index);
      return none();
    },
  },
  { name: 'pop', call: (self, args, kw) => (exactArg('pop', args, kw, 0), dequePop(deq(self))) },
  { name: 'popleft', call: (self, args, kw) => (exactArg('popleft', args, kw, 0), dequePopLeft(deq(self))) },
  {
    name: '__reduce__',
    call: (self) => {
      const d = deq(self);
      const state = getState(self);
      const it = getIter(self);
      self.type.refcnt++;
      const args =
        d.maxlen < 0
          ? (EmptyTuple.refcnt++, EmptyTuple)
          : newTuple([(EmptyTuple.refcnt++, EmptyTuple), newInt(d.maxlen)]);
      return newTuple([self.type, args, state, it]);
    },
  },
  {
    name: 'remove',
    call: (self, args, kw) => {
      exactArg('remove', args, kw, 1);
      const d = deq(self);
      const value = args[0];
      const items = dequeItems(d);
      const startState = d.state;
      let i = 0;
      for (; i < items.length; i++) {
        const cmp = heldEquals(items[i], value);
        if (startState !== d.state) raise(IndexErrorType, 'deque mutated during iteration');
        if (cmp) break;
      }
      if (i === items.length) notInDeque(value);
      dequeDelItem(d, i);
      return none();
    },
  },
  {
    name: '__reversed__',
    call: (self, args, kw) => (exactArg('__reversed__', args, kw, 0), newDequeIter(deq(self), true)),
  },
  {
    name: 'reverse',
    call: (self, args, kw) => {
      exactArg('reverse', args, kw, 0);
      const d = deq(self);
      let lb = d.leftblock!;
      let rb = d.rightblock!;
      let li = d.leftindex;
      let ri = d.rightindex;
      for (let n = d.size >> 1; --n >= 0;) {
        const tmp = lb.data[li];
        lb.data[li] = rb.data[ri];
        rb.data[ri] = tmp;
        li++;
        if (li === BLOCKLEN) {
          lb = lb.right!;
          li = 0;
        }
        ri--;
        if (ri < 0) {
          rb = rb.left!;
          ri = BLOCKLEN - 1;
        }
      }
      return none();
    },
  },
  {
    name: 'rotate',
    call: (self, args, kw) => {
      if (kw !== null && kw.items.length > 0) typeError('deque.rotate() takes no keyword arguments');
      if (args.length > 1) typeError(`deque.rotate expected at most 1 argument, got ${args.length}`);
      let n = 1;
      if (args.length > 0) {
        const i = numberIndex(args[0]);
        n = Number((i as PyLong).value);
        decref(i);
      }
      dequeRotate(deq(self), n);
      return none();
    },
  },
  {
    name: '__sizeof__',
    call: (self, args, kw) => (exactArg('__sizeof__', args, kw, 0), newInt(DequeType.tp_sizeof!(self))),
  },
);
DequeType.getsetSpecs.push({
  name: 'maxlen',
  get: (o) => (deq(o).maxlen < 0 ? none() : newInt(deq(o).maxlen)),
});
DequeType.tp_iter = (o) => newDequeIter(o as PyDeque, false);

/** _PyEval_SliceIndexNotNone. */
function sliceIndex(o: PyObject): number {
  if (o.type.nb_index === undefined) {
    typeError('slice indices must be integers or have an __index__ method');
  }
  const i = numberIndex(o);
  let v = Number((i as PyLong).value);
  decref(i);
  if (!Number.isSafeInteger(v)) v = v > 0 ? Number.MAX_SAFE_INTEGER : -Number.MAX_SAFE_INTEGER;
  return v;
}

/** _PyObject_GetState for objects without __getstate__ overrides: the __dict__ or None. */
function getState(o: PyObject): PyObject {
  const d = o.extra?.dict ?? null;
  if (d !== null && d.used > 0) return (d.refcnt++, d);
  return none();
}

// ------------------------------------------------------------------ deque iterators

export const DequeIterType: PyType = staticType({
  name: '_collections._deque_iterator',
  qualname: '_deque_iterator',
  module: '_collections',
  basicsize: 56,
  flags: TypeFlag.HAVE_GC,
});
export const DequeRevIterType: PyType = staticType({
  name: '_collections._deque_reverse_iterator',
  qualname: '_deque_reverse_iterator',
  module: '_collections',
  basicsize: 56,
  flags: TypeFlag.HAVE_GC,
});

class PyDequeIter extends PyObject {
  b: Block | null = null;
  index = 0;
  deque: PyDeque | null = null;
  state = 0;
  counter = 0;
}

function newDequeIter(d: PyDeque, reverse: boolean): PyDequeIter {
  const type = reverse ? DequeRevIterType : DequeIterType;
  const it = gcNew(new PyDequeIter(type), type);
  it.b = reverse ? d.rightblock : d.leftblock;
  it.index = reverse ? d.rightindex : d.leftindex;
  d.refcnt++;
  it.deque = d;
  it.state = d.state;
  it.counter = d.size;
  rt.gc.track(it);
  return it;
}

function dequeIterNext(o: PyObject): PyObject | null {
  const it = o as PyDequeIter;
  if (it.deque!.state !== it.state) {
    it.counter = 0;
    raise(RuntimeErrorType, 'deque mutated during iteration');
  }
  if (it.counter === 0) return null;
  const item = it.b!.data[it.index]!;
  it.index++;
  it.counter--;
  if (it.index === BLOCKLEN && it.counter > 0) {
    it.b = it.b!.right;
    it.index = 0;
  }
  item.refcnt++;
  return item;
}

function dequeRevIterNext(o: PyObject): PyObject | null {
  const it = o as PyDequeIter;
  if (it.counter === 0) return null;
  if (it.deque!.state !== it.state) {
    it.counter = 0;
    raise(RuntimeErrorType, 'deque mutated during iteration');
  }
  const item = it.b!.data[it.index]!;
  it.index--;
  it.counter--;
  if (it.index < 0 && it.counter > 0) {
    it.b = it.b!.left;
    it.index = BLOCKLEN - 1;
  }
  item.refcnt++;
  return item;
}

for (const [t, next] of [
  [DequeIterType, dequeIterNext],
  [DequeRevIterType, dequeRevIterNext],
] as [PyType, (o: PyObject) => PyObject | null][]) {
  t.tp_iternext = next;
  t.tp_iter = (o) => (o.refcnt++, o);
  t.tp_dealloc = (o) => {
    rt.gc.untrack(o);
    clearField(o as PyDequeIter, 'deque');
    gcFree(o);
  };
  t.tp_traverse = (o, visit: Visit) => {
    const d = (o as PyDequeIter).deque;
    if (d !== null) visit(d, 'deque');
  };
  t.lengthHint = (o) => (o as PyDequeIter).counter;
  t.methodSpecs.push(
    { name: '__length_hint__', call: (self) => newInt((self as PyDequeIter).counter) },
    {
      name: '__reduce__',
      call: (self) => {
        const it = self as PyDequeIter;
        self.type.refcnt++;
        return newTuple([
          self.type,
          tupleFromBorrowed([it.deque!, smallIntOrNew(it.deque!.size - it.counter)]),
        ]);
      },
    },
  );
  t.tp_new = (type, args, kwnames) => {
    if (kwnames !== null && kwnames.items.length > 0) typeError(`${type.name}() takes no keyword arguments`);
    if (args.length < 1 || !args[0].type.isSubtypeOf(DequeType)) {
      typeError(
        `argument 1 must be collections.deque, not ${args.length < 1 ? 'nothing' : args[0].type.name}`,
      );
    }
    const it = newDequeIter(args[0] as PyDeque, type === DequeRevIterType);
    const index = args.length > 1 ? asSsize(args[1]) : 0;
    for (let i = 0; i < index; i++) {
      const item = next(it);
      if (item === null) break;
      decref(item);
    }
    return it;
  };
}

function smallIntOrNew(n: number): PyObject {
  return newInt(n);
}

// ------------------------------------------------------------------ defaultdict

export const DefaultDictType: PyType = staticType({
  name: 'collections.defaultdict',
  qualname: 'defaultdict',
  module: 'collections',
  base: DictType,
  basicsize: 56,
  flags: TypeFlag.HAVE_GC | TypeFlag.BASETYPE | TypeFlag.DICT_SUBCLASS,
});

type DefDict = PyDict & { defaultFactory?: PyObject | null };

const factoryOf = (o: PyObject): PyObject | null => (o as DefDict).defaultFactory ?? null;

function defdictMissing(dd: PyObject, key: PyObject): PyObject {
  const factory = factoryOf(dd);
  // PyTuple_Pack(1, key): the KeyError holds its own reference to the key.
  if (factory === null || factory === None) keyError(key);
  const value = call(factory, []);
  releasingOnError(value, () => setItem(dd, key, value));
  return value;
}

/** new_defdict: type(default_factory, arg) through a call with two arguments. */
function newDefdict(dd: PyObject, arg: PyObject): PyObject {
  return call(dd.type, [factoryOf(dd) ?? None, arg]);
}

DefaultDictType.methodSpecs.push(
  { name: '__missing__', call: (self, args) => defdictMissing(self, args[0]) },
  { name: 'copy', call: (self) => newDefdict(self, self) },
  { name: '__copy__', call: (self) => newDefdict(self, self) },
  {
    name: '__reduce__',
    call: (self) => {
      const f = factoryOf(self);
      const args = f === null || f === None ? (EmptyTuple.refcnt++, EmptyTuple) : tupleFromBorrowed([f]);
      let items: PyObject;
      try {
        items = callMethod(self, staticId('items'), []);
      } catch (e) {
        decref(args);
        throw e;
      }
      let iter: PyObject;
      try {
        iter = getIter(items);
      } finally {
        decref(items);
      }
      try {
        return tupleFromBorrowed([self.type, args, None, None, iter]);
      } finally {
        decref(iter);
        decref(args);
      }
    },
  },
);
DefaultDictType.getsetSpecs.push({
  name: 'default_factory',
  get: (o) => {
    const f = factoryOf(o) ?? None;
    f.refcnt++;
    return f;
  },
  set: (o, v) => {
    const dd = o as DefDict;
    const old = dd.defaultFactory ?? null;
    if (v !== null) v.refcnt++;
    dd.defaultFactory = v;
    xdecref(old);
  },
});
DefaultDictType.tp_dealloc = (o) => {
  rt.gc.untrack(o);
  const dd = o as DefDict;
  const f = dd.defaultFactory ?? null;
  dd.defaultFactory = null;
  xdecref(f);
  DictType.tp_dealloc(o);
};
DefaultDictType.tp_traverse = (o, visit: Visit) => {
  const f = factoryOf(o);
  if (f !== null) visit(f, 'default_factory');
  DictType.tp_traverse!(o, visit);
};
DefaultDictType.tp_clear = (o) => {
  const dd = o as DefDict;
  const f = dd.defaultFactory ?? null;
  dd.defaultFactory = null;
  xdecref(f);
  DictType.tp_clear!(o);
};
/** @cpython defdict_repr: `defaultdict(<factory repr>, {...})`. */
DefaultDictType.tp_repr = (o) => {
  const base = DictType.tp_repr!(o) as PyStr;
  try {
    const f = factoryOf(o);
    let defrepr: string;
    if (f === null) defrepr = 'None';
    else if (reprEnter(f)) {
      defrepr = '...';
      reprLeave(f);
    } else {
      try {
        const r = objectRepr(f);
        defrepr = r.value;
        decref(r);
      } finally {
        reprLeave(f);
      }
    }
    return newStr(`${shortName(o.type)}(${defrepr}, ${base.value})`);
  } finally {
    decref(base);
  }
};
DefaultDictType.nb_or = (left, right) => {
  let self: PyObject;
  let other: PyObject;
  if (left.type.isSubtypeOf(DefaultDictType)) {
    self = left;
    other = right;
  } else {
    self = right;
    other = left;
  }
  if (!isDict(other)) return newNotImplemented();
  const n = newDefdict(self, left);
  releasingOnError(n, () => decref(callMethod(n, staticId('update'), [right])));
  return n;
};
/** @cpython defdict_init: the factory, then dict.__init__ with the remaining arguments. */
DefaultDictType.tp_init = (self, args, kwnames) => {
  const dd = self as DefDict;
  const olddefault = dd.defaultFactory ?? null;
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  const npos = args.length - nkw;
  let newdefault: PyObject | null = null;
  if (npos > 0) {
    newdefault = args[0];
    if (!isCallable(newdefault) && newdefault !== None) typeError('first argument must be callable or None');
  }
  // PySequence_GetSlice(args, 1, n): a new tuple of the other positional arguments.
  const newargs = tupleFromBorrowed(args.slice(npos > 0 ? 1 : 0, npos));
  try {
    if (newdefault !== null) newdefault.refcnt++;
    dd.defaultFactory = newdefault;
    DictType.tp_init!(self, [...newargs.items, ...args.slice(npos)], kwnames);
  } finally {
    decref(newargs);
    xdecref(olddefault);
  }
};

// ------------------------------------------------------------------ _tuplegetter

export const TupleGetterType: PyType = staticType({
  name: '_collections._tuplegetter',
  qualname: '_tuplegetter',
  module: '_collections',
  basicsize: 32,
  flags: TypeFlag.HAVE_GC,
});

class PyTupleGetter extends PyObject {
  index = 0;
  doc: PyObject | null = null;
}

TupleGetterType.tp_new = (type, args, kwnames) => {
  if (kwnames !== null && kwnames.items.length > 0) typeError('_tuplegetter() takes no keyword arguments');
  if (args.length !== 2) typeError(`_tuplegetter expected 2 arguments, got ${args.length}`);
  const index = asSsize(args[0]);
  const self = genericAlloc(new PyTupleGetter(type), type);
  self.index = index;
  args[1].refcnt++;
  self.doc = args[1];
  return self;
};
TupleGetterType.tp_descr_get = (self, obj) => {
  const index = (self as PyTupleGetter).index;
  if (obj === null) return (self.refcnt++, self);
  if (!isTuple(obj)) {
    if (obj === None) return (self.refcnt++, self);
    return typeError(
      `descriptor for index '${index}' for tuple subclasses doesn't apply to '${obj.type.name}' object`,
    );
  }
  const items = (obj as PyTuple).items;
  if (index < 0 || index >= items.length) raise(IndexErrorType, 'tuple index out of range');
  const r = items[index];
  r.refcnt++;
  return r;
};
TupleGetterType.tp_descr_set = (_self, _obj, value) => {
  raise(AttributeErrorType, value === null ? "can't delete attribute" : "can't set attribute");
};
TupleGetterType.tp_traverse = (o, visit: Visit) => {
  const doc = (o as PyTupleGetter).doc;
  if (doc !== null) visit(doc, '__doc__');
};
clearingDealloc(TupleGetterType, (o) => clearField(o as PyTupleGetter, 'doc'));
TupleGetterType.tp_repr = (o) => {
  const t = o as PyTupleGetter;
  const r = objectRepr(t.doc ?? None);
  const text = `${typeShortName(o.type)}(${t.index}, ${r.value})`;
  decref(r);
  return newStr(text);
};
TupleGetterType.getsetSpecs.push(fieldGetSet<PyTupleGetter>('__doc__', 'doc'));
TupleGetterType.methodSpecs.push({
  name: '__reduce__',
  call: (self) => {
    const t = self as PyTupleGetter;
    const inner = newTuple([newInt(t.index), ((t.doc ?? None).refcnt++, t.doc ?? None)]);
    self.type.refcnt++;
    return newTuple([self.type, inner]);
  },
});

// ------------------------------------------------------------------ _count_elements

/** _count_elements(mapping, iterable): Counter's fast path when get/__setitem__ are dict's. */
function countElements(args: PyObject[], kwnames: PyTuple | null): PyObject {
  exactArgs('_count_elements', args, kwnames, 2);
  const [mapping, iterable] = args;
  const one = smallInt(1);
  const it = getIter(iterable);
  try {
    const mappingGet = typeLookupId(mapping.type, 'get');
    const dictGet = typeLookupId(DictType, 'get');
    const mappingSet = typeLookupId(mapping.type, '__setitem__');
    const dictSet = typeLookupId(DictType, '__setitem__');
    if (
      mappingGet !== null &&
      mappingGet === dictGet &&
      mappingSet !== null &&
      mappingSet === dictSet &&
      isDict(mapping)
    ) {
      const d = mapping as PyDict;
      for (;;) {
        const key = iterNext(it);
        if (key === null) break;
        try {
          const hash = objectHash(key);
          const oldval = dictGetItemWithHash(d, key, hash);
          if (oldval === null) {
            key.refcnt++;
            one.refcnt++;
            dictSetItemTake(d, key, one, hash);
          } else {
            const newval = binaryOp(oldval, one, 'nb_add');
            key.refcnt++;
            dictSetItemTake(d, key, newval, hash);
          }
        } finally {
          decref(key);
        }
      }
    } else {
      const boundGet = getAttr(mapping, staticId('get'));
      try {
        const zero = smallInt(0);
        for (;;) {
          const key = iterNext(it);
          if (key === null) break;
          try {
            const oldval = withTuple([(key.refcnt++, key), (zero.refcnt++, zero)], (a) => call(boundGet, a));
            let newval: PyObject;
            try {
              newval = binaryOp(oldval, one, 'nb_add');
            } finally {
              decref(oldval);
            }
            try {
              setItem(mapping, key, newval);
            } finally {
              decref(newval);
            }
          } finally {
            decref(key);
          }
        }
      } finally {
        decref(boundGet);
      }
    }
  } finally {
    decref(it);
  }
  return none();
}

export function createCollectionsCModule(): PyModule {
  const { module: m, set, fn } = moduleBuilder('_collections');
  fn('_count_elements', countElements);
  set('deque', DequeType);
  set('defaultdict', DefaultDictType);
  set('OrderedDict', OrderedDictType);
  set('_deque_iterator', DequeIterType);
  set('_deque_reverse_iterator', DequeRevIterType);
  set('_tuplegetter', TupleGetterType);
  return m;
}
