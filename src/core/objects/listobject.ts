/**
 * list. @cpython Objects/listobject.c (3.11)
 *
 * The item array is its own PyMem allocation of 8 * allocated bytes, over-allocated by
 * list_resize (0, 4, 8, 16, 24, 32, 40, 52, …). Dead list objects (not their arrays) go to
 * an 80-entry free list. Items are released last to first.
 */
import {
  CompareOp,
  PyObject,
  PyType,
  TypeFlag,
  decref,
  incref,
  xdecref,
  traverseLabels,
  type Visit,
} from './object';
import { staticType } from './roots';
import { allocGCObject, gcDel, pyFree, pyMalloc, pyRealloc, reborn } from '../memory/alloc';
import { memoryObserver } from '../memory/memory-observer';
import { rt } from '../vm/runtime';
import { standIn } from '../startup';
import { trashcanBegin, trashcanEnd } from '../memory/trashcan';
import { PyList_MAXFREELIST } from '../profiles/cpython311';
import { PyTuple, TupleType } from './tupleobject';
import { newStr, type PyStr } from './unicodeobject';
import { None, newNone, newNotImplemented } from './noneobject';
import { newBool } from './boolobject';
import { newInt } from './longobject';
import {
  asSsize,
  getIter,
  iterNext,
  objectRepr,
  reprEnter,
  reprLeave,
  richCompare,
  richCompareBool,
  call,
  isTrue,
  iterateToArray,
} from './abstract';
import { indexError, typeError, valueError } from '../vm/errors';
import { isSlice, sliceIndices, type PySlice } from './sliceobject';
import { exactArgs, noKeywords, parseParams, rangeArgs } from '../vm/args';
import { IndexErrorType } from './exceptions';

export const ListType: PyType = staticType({
  name: 'list',
  basicsize: 40,
  flags: TypeFlag.BASETYPE | TypeFlag.HAVE_GC | TypeFlag.LIST_SUBCLASS,
});

export class PyList extends PyObject {
  /** ob_item[0 … ob_size): the JS array's length is ob_size. */
  items: PyObject[] = [];
  allocated = 0;
  /** Address of the item array (0 when ob_item is NULL). */
  itemsAddr = 0;
  constructor(type: PyType = ListType) {
    super(type);
  }
}

// ---------------------------------------------------------------- memory

/** PyList_New(0): from the free list when possible (no GC count then), then tracked. */
function allocList(): PyList {
  const l = rt.freelists.lists.pop() as PyList | undefined;
  if (l !== undefined) {
    l.refcnt = 1;
    reborn(l);
    return l;
  }
  return allocGCObject(new PyList(), 40);
}

/** A new empty list (PyList_New(0)). */
export function newEmptyList(): PyList {
  const l = allocList();
  rt.gc.track(l);
  return l;
}

/** A list owning `items` (new references), allocated exactly (list_new_prealloc). */
export function newList(items: PyObject[]): PyList {
  const l = allocList();
  if (items.length > 0) {
    l.itemsAddr = pyMalloc(8 * items.length);
    l.allocated = items.length;
  }
  l.items = items;
  rt.gc.track(l);
  return l;
}

/** @cpython Objects/listobject.c list_resize */
export function listResize(l: PyList, newsize: number): void {
  resizeAllocation(l, newsize);
  l.items.length = newsize;
}

/** list_resize's allocation alone: the caller sets the items (ob_size) itself. */
function resizeAllocation(l: PyList, newsize: number): void {
  const allocated = l.allocated;
  if (allocated >= newsize && newsize >= allocated >> 1) return;
  let newAllocated = (newsize + (newsize >> 3) + 6) & ~3;
  if (newsize - l.items.length > newAllocated - newsize) newAllocated = (newsize + 3) & ~3;
  if (newsize === 0) newAllocated = 0;
  l.itemsAddr = l.itemsAddr === 0 ? pyMalloc(newAllocated * 8) : pyRealloc(l.itemsAddr, newAllocated * 8);
  l.allocated = newAllocated;
  memoryObserver?.objectResized?.(l);
}

/** list_preallocate_exact: even capacity, for an empty list about to receive n items. */
function preallocateExact(l: PyList, n: number): void {
  const size = (n + 1) & ~1;
  l.itemsAddr = pyMalloc(size * 8);
  l.allocated = size;
  memoryObserver?.objectResized?.(l);
}

/** _list_clear: empties the list first, then releases the items last to first. */
export function listClear(l: PyList): void {
  if (l.itemsAddr === 0 && l.items.length === 0) return;
  const items = l.items;
  const addr = l.itemsAddr;
  l.items = [];
  l.allocated = 0;
  l.itemsAddr = 0;
  memoryObserver?.objectResized?.(l);
  for (let i = items.length - 1; i >= 0; i--) xdecref(items[i]);
  pyFree(addr);
}

/** @cpython Objects/listobject.c list_dealloc */
export function listDealloc(o: PyObject): void {
  const l = o as PyList;
  rt.gc.untrack(l);
  if (!trashcanBegin(l)) return;
  const items = l.items;
  for (let i = items.length - 1; i >= 0; i--) decref(items[i]);
  if (l.itemsAddr !== 0) pyFree(l.itemsAddr);
  l.items = [];
  l.allocated = 0;
  l.itemsAddr = 0;
  if (rt.freelists.lists.length < PyList_MAXFREELIST && l.type === ListType) {
    rt.freelists.lists.push(l);
  } else {
    gcDel(l);
  }
  trashcanEnd();
}

/** list_traverse visits items last to first. */
export function listTraverse(o: PyObject, visit: Visit): void {
  const items = (o as PyList).items;
  for (let i = items.length - 1; i >= 0; i--) visit(items[i], traverseLabels ? `[${i}]` : '');
}

export function listSizeof(o: PyObject): number {
  // list___sizeof__: the type's basic size (a subclass may add a weakref slot), then the items.
  return o.type.basicsize + 8 * (o as PyList).allocated;
}

// ---------------------------------------------------------------- operations

/** PyList_Append / _PyList_AppendTakeRef (steals `item`). */
export function listAppendTake(l: PyList, item: PyObject): void {
  const n = l.items.length;
  if (l.allocated > n) {
    l.items.push(item);
    return;
  }
  try {
    resizeAllocation(l, n + 1);
  } catch (e) {
    decref(item);
    throw e;
  }
  // Pushed, not stored past the end: the items array stays packed.
  l.items.push(item);
}

export function listAppend(l: PyList, item: PyObject): void {
  item.refcnt++;
  listAppendTake(l, item);
}

/** @cpython Objects/listobject.c list_extend */
export function listExtend(l: PyList, iterable: PyObject): void {
  if (iterable.type === ListType || iterable.type === TupleType || iterable === l) {
    const src = (iterable as PyList | PyTuple).items.slice();
    const n = src.length;
    if (n === 0) return;
    const m = l.items.length;
    if (l.itemsAddr === 0) preallocateExact(l, n);
    else listResize(l, m + n);
    l.items.length = m;
    for (const o of src) {
      o.refcnt++;
      l.items.push(o);
    }
    return;
  }
  const it = getIter(iterable);
  try {
    const n = lengthHint(iterable, 8);
    const m = l.items.length;
    if (l.itemsAddr === 0) {
      if (n !== 0) preallocateExact(l, n);
    } else {
      listResize(l, m + n);
      l.items.length = m;
    }
    for (;;) {
      const item = iterNext(it);
      if (item === null) break;
      if (l.items.length < l.allocated) l.items.push(item);
      else listAppendTake(l, item);
    }
    if (l.items.length < l.allocated) listResize(l, l.items.length);
  } finally {
    decref(it);
  }
}

/**
 * PyObject_LengthHint: len() if available, else __length_hint__, else the default.
 * _PyObject_LookupSpecial binds the __length_hint__ method first: a builtin method object
 * (72 bytes with its GC head) is made and dropped around the call.
 */
export function lengthHint(o: PyObject, dflt: number): number {
  if (o.type.mp_length !== undefined) return o.type.mp_length(o);
  const hint = o.type.lengthHint;
  if (hint !== undefined) {
    const bound = standIn(56);
    try {
      return hint(o);
    } finally {
      decref(bound);
    }
  }
  return dflt;
}

/** list_slice: a new exactly-sized list of items [ilow, ihigh). */
export function listSlice(l: PyList, ilow: number, ihigh: number): PyList {
  const items = l.items.slice(ilow, ihigh);
  for (const o of items) o.refcnt++;
  if (items.length === 0) return newEmptyList();
  return newList(items);
}

/** list_ass_slice: replaces items [ilow, ihigh) by v's items (v null deletes). */
export function listAssSlice(l: PyList, ilow: number, ihigh: number, v: PyObject | null): void {
  if (v === l) {
    const copy = listSlice(l, 0, l.items.length);
    try {
      listAssSlice(l, ilow, ihigh, copy);
    } finally {
      decref(copy);
    }
    return;
  }
  let vitems: PyObject[] = [];
  let vSeq: PyObject | null = null;
  if (v !== null) {
    if (v.type === ListType || v.type === TupleType) vitems = (v as PyList).items.slice();
    else {
      vSeq = fastSequence(v, 'can only assign an iterable');
      vitems = (vSeq as PyList).items.slice();
    }
  }
  try {
    const size = l.items.length;
    if (ilow < 0) ilow = 0;
    else if (ilow > size) ilow = size;
    if (ihigh < ilow) ihigh = ilow;
    else if (ihigh > size) ihigh = size;
    const norig = ihigh - ilow;
    const d = vitems.length - norig;
    if (size + d === 0) {
      listClear(l);
      return;
    }
    const recycle = l.items.slice(ilow, ihigh);
    // More than 8 items to remove are recycled in a PyMem_Malloc'ed array (8 fit on the stack).
    const recycleAddr = norig > 8 ? pyMalloc(8 * norig) : 0;
    try {
      const newItems = l.items.slice(0, ilow);
      for (const w of vitems) {
        w.refcnt++;
        newItems.push(w);
      }
      const tail = l.items.slice(ihigh);
      if (d < 0) {
        shrinkTo(l, newItems.concat(tail));
      } else if (d > 0) {
        listResize(l, size + d);
        l.items = newItems.concat(tail);
      } else {
        l.items = newItems.concat(tail);
      }
      for (let k = recycle.length - 1; k >= 0; k--) xdecref(recycle[k]);
    } finally {
      if (recycleAddr !== 0) pyFree(recycleAddr);
    }
  } finally {
    if (vSeq !== null) decref(vSeq);
  }
}

/** list_resize when the final contents are already known (a shrink). */
function shrinkTo(l: PyList, contents: PyObject[]): void {
  l.items = contents;
  listResize(l, contents.length);
}

/** PySequence_Fast: a list for anything iterable (lists and tuples as they are). */
function fastSequence(v: PyObject, message: string): PyObject {
  if (v.type === ListType || v.type === TupleType) return (v.refcnt++, v);
  let items: PyObject[];
  try {
    items = iterateToArray(v);
  } catch (e) {
    if (e instanceof PyObject && e.type.isSubtypeOf(typeErrorTypeRef())) {
      decref(e);
      typeError(message);
    }
    throw e;
  }
  return newListFromIterable(items);
}
import { TypeErrorType } from './exceptions';
const typeErrorTypeRef = () => TypeErrorType;

/** A list built by extending an empty list with these new references (list(iterable)). */
function newListFromIterable(items: PyObject[]): PyList {
  const l = newEmptyList();
  if (items.length > 0) {
    preallocateExact(l, items.length);
    l.items = items;
  }
  return l;
}

function listItemIndex(l: PyList, key: PyObject): number {
  let i = asSsize(key, IndexErrorType);
  if (i < 0) i += l.items.length;
  return i;
}

function listSubscript(o: PyObject, key: PyObject): PyObject {
  const l = o as PyList;
  if (key.type.nb_index !== undefined) {
    const i = listItemIndex(l, key);
    if (i < 0 || i >= l.items.length) indexError('list index out of range');
    const v = l.items[i];
    return (v.refcnt++, v);
  }
  if (isSlice(key)) {
    const [start, stop, step, n] = sliceIndices(key as PySlice, l.items.length);
    if (n <= 0) return newEmptyList();
    if (step === 1) return listSlice(l, start, stop);
    const items: PyObject[] = [];
    for (let cur = start, i = 0; i < n; cur += step, i++) {
      const v = l.items[cur];
      v.refcnt++;
      items.push(v);
    }
    return newList(items);
  }
  return typeError(`list indices must be integers or slices, not ${key.type.name}`);
}

function listAssSubscript(o: PyObject, key: PyObject, value: PyObject | null): void {
  const l = o as PyList;
  if (key.type.nb_index !== undefined) {
    const i = listItemIndex(l, key);
    if (i < 0 || i >= l.items.length) indexError('list assignment index out of range');
    if (value === null) {
      listAssSlice(l, i, i + 1, null);
      return;
    }
    const old = l.items[i];
    value.refcnt++;
    l.items[i] = value;
    decref(old);
    return;
  }
  if (!isSlice(key)) typeError(`list indices must be integers or slices, not ${key.type.name}`);
  const slice = sliceIndices(key as PySlice, l.items.length);
  let [start, stop, step] = slice;
  const n = slice[3];
  if (step === 1) {
    listAssSlice(l, start, stop, value);
    return;
  }
  if ((step < 0 && start < stop) || (step > 0 && start > stop)) stop = start;
  if (value === null) {
    if (n <= 0) return;
    if (step < 0) {
      stop = start + 1;
      start = stop + step * (n - 1) - 1;
      step = -step;
    }
    const garbage: PyObject[] = [];
    const keep: PyObject[] = [];
    for (let i = 0; i < l.items.length; i++) {
      if (i >= start && i < stop && (i - start) % step === 0) garbage.push(l.items[i]);
      else keep.push(l.items[i]);
    }
    shrinkTo(l, keep);
    for (const g of garbage) decref(g);
    return;
  }
  const seq =
    value === l
      ? listSlice(l, 0, l.items.length)
      : fastSequence(value, 'must assign iterable to extended slice');
  try {
    const seqItems = (seq as PyList).items;
    if (seqItems.length !== n) {
      valueError(`attempt to assign sequence of size ${seqItems.length} to extended slice of size ${n}`);
    }
    const garbage: PyObject[] = [];
    for (let cur = start, i = 0; i < n; cur += step, i++) {
      garbage.push(l.items[cur]);
      const ins = seqItems[i];
      ins.refcnt++;
      l.items[cur] = ins;
    }
    for (const g of garbage) decref(g);
  } finally {
    decref(seq);
  }
}

function listRepr(o: PyObject): PyObject {
  const l = o as PyList;
  if (l.items.length === 0) return newStr('[]');
  if (reprEnter(l)) return newStr('[...]');
  try {
    const parts: string[] = [];
    // 3.11's list_repr takes no reference to the item it is repr'ing.
    for (let i = 0; i < l.items.length; i++) {
      const r = objectRepr(l.items[i]);
      parts.push(r.value);
      decref(r);
    }
    return newStr('[' + parts.join(', ') + ']');
  } finally {
    reprLeave(l);
  }
}

/** @cpython Objects/listobject.c list_richcompare */
export function sequenceRichCompare(
  a: PyObject[],
  b: PyObject[],
  op: CompareOp,
  liveA?: () => PyObject[],
  liveB?: () => PyObject[],
): PyObject {
  const A = liveA ?? (() => a);
  const B = liveB ?? (() => b);
  if (A().length !== B().length && (op === CompareOp.EQ || op === CompareOp.NE)) {
    return newBool(op === CompareOp.NE);
  }
  let i = 0;
  for (; i < A().length && i < B().length; i++) {
    const x = A()[i];
    const y = B()[i];
    x.refcnt++;
    y.refcnt++;
    let eq: boolean;
    try {
      eq = richCompareBool(x, y, CompareOp.EQ);
    } finally {
      decref(x);
      decref(y);
    }
    if (!eq) break;
  }
  if (i >= A().length || i >= B().length) {
    const la = A().length;
    const lb = B().length;
    const r =
      op === CompareOp.LT
        ? la < lb
        : op === CompareOp.LE
          ? la <= lb
          : op === CompareOp.EQ
            ? la === lb
            : op === CompareOp.NE
              ? la !== lb
              : op === CompareOp.GT
                ? la > lb
                : la >= lb;
    return newBool(r);
  }
  if (op === CompareOp.EQ) return newBool(false);
  if (op === CompareOp.NE) return newBool(true);
  return richCompare(A()[i], B()[i], op);
}

function listRichCompare(a: PyObject, b: PyObject, op: CompareOp): PyObject {
  if (!isList(a) || !isList(b)) return newNotImplemented();
  return sequenceRichCompare(
    (a as PyList).items,
    (b as PyList).items,
    op,
    () => (a as PyList).items,
    () => (b as PyList).items,
  );
}

function listConcat(a: PyObject, b: PyObject): PyObject {
  if (!isList(b)) typeError(`can only concatenate list (not "${b.type.name}") to list`);
  const items = [...(a as PyList).items, ...(b as PyList).items];
  for (const o of items) o.refcnt++;
  if (items.length === 0) return newEmptyList();
  return newList(items);
}

function listRepeat(o: PyObject, n: number): PyObject {
  const a = o as PyList;
  if (n < 0) n = 0;
  const size = a.items.length * n;
  if (size === 0) return newEmptyList();
  const items: PyObject[] = new Array(size);
  const src = a.items;
  for (const x of src) x.refcnt += n;
  for (let i = 0; i < size; i++) items[i] = src[i % src.length];
  return newList(items);
}

function listInplaceConcat(self: PyObject, other: PyObject): PyObject {
  listExtend(self as PyList, other);
  return (self.refcnt++, self);
}

function listInplaceRepeat(o: PyObject, n: number): PyObject {
  const l = o as PyList;
  const size = l.items.length;
  if (size === 0 || n === 1) return (l.refcnt++, l);
  if (n < 1) {
    listClear(l);
    return (l.refcnt++, l);
  }
  const src = l.items.slice();
  listResize(l, size * n);
  let p = size;
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < size; j++) {
      const x = src[j];
      x.refcnt++;
      l.items[p++] = x;
    }
  }
  return (l.refcnt++, l);
}

function listContains(o: PyObject, el: PyObject): boolean {
  const l = o as PyList;
  for (let i = 0; i < l.items.length; i++) {
    const item = l.items[i];
    item.refcnt++;
    try {
      if (richCompareBool(item, el, CompareOp.EQ)) return true;
    } finally {
      decref(item);
    }
  }
  return false;
}

export function isList(o: PyObject): o is PyList {
  return o.type === ListType || (o.type.flags & TypeFlag.LIST_SUBCLASS) !== 0;
}

// ----------------------------------------------------------------- methods

function listPop(l: PyList, index: number): PyObject {
  if (l.items.length === 0) indexError('pop from empty list');
  if (index < 0) index += l.items.length;
  if (index < 0 || index >= l.items.length) indexError('pop index out of range');
  const v = l.items[index];
  if (index === l.items.length - 1) {
    listResize(l, l.items.length - 1);
    return v;
  }
  v.refcnt++;
  listAssSlice(l, index, index + 1, null);
  return v;
}

function listInsert(l: PyList, where: number, v: PyObject): void {
  const n = l.items.length;
  listResize(l, n + 1);
  if (where < 0) {
    where += n;
    if (where < 0) where = 0;
  }
  if (where > n) where = n;
  l.items.length = n;
  v.refcnt++;
  l.items.splice(where, 0, v);
}

/** Stable merge sort using only `<`, as list.sort's contract requires. */
function mergeSort(keys: PyObject[], order: number[]): number[] {
  if (order.length <= 1) return order;
  const mid = order.length >> 1;
  const left = mergeSort(keys, order.slice(0, mid));
  const right = mergeSort(keys, order.slice(mid));
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const lt = richCompare(keys[right[j]], keys[left[i]], CompareOp.LT);
    let takeRight: boolean;
    try {
      takeRight = isTrue(lt);
    } finally {
      decref(lt);
    }
    if (takeRight) out.push(right[j++]);
    else out.push(left[i++]);
  }
  while (i < left.length) out.push(left[i++]);
  while (j < right.length) out.push(right[j++]);
  return out;
}

/** list.sort(key=None, reverse=False): the list looks empty while it is being sorted. */
export function listSort(l: PyList, keyfunc: PyObject | null, reverse: boolean): void {
  const saved = l.items;
  l.items = [];
  const keys: PyObject[] = [];
  try {
    if (keyfunc !== null && keyfunc !== None) {
      for (const x of saved) keys.push(call(keyfunc, [x]));
    } else {
      keys.push(...saved);
    }
    let order = saved.map((_, i) => i);
    if (reverse) order.reverse();
    order = mergeSort(keys, order);
    if (reverse) order.reverse();
    const sorted = order.map((i) => saved[i]);
    if (l.items.length > 0) {
      typeError('list modified during sort');
    }
    saved.splice(0, saved.length, ...sorted);
  } finally {
    if (keyfunc !== null && keyfunc !== None) for (const k of keys) decref(k);
    l.items = saved;
  }
}

ListType.methodSpecs.push(
  {
    name: 'append',
    call: (self, args, kw) => {
      exactArgs('append', args, kw, 1);
      listAppend(self as PyList, args[0]);
      return newNone();
    },
  },
  {
    name: 'extend',
    call: (self, args, kw) => {
      exactArgs('extend', args, kw, 1);
      listExtend(self as PyList, args[0]);
      return newNone();
    },
  },
  {
    name: 'insert',
    call: (self, args, kw) => {
      rangeArgs('insert', args, kw, 2, 2);
      listInsert(self as PyList, asSsize(args[0]), args[1]);
      return newNone();
    },
  },
  {
    name: 'pop',
    call: (self, args, kw) => {
      rangeArgs('pop', args, kw, 0, 1);
      return listPop(self as PyList, args.length > 0 ? asSsize(args[0]) : -1);
    },
  },
  {
    name: 'remove',
    call: (self, args, kw) => {
      exactArgs('remove', args, kw, 1);
      const l = self as PyList;
      for (let i = 0; i < l.items.length; i++) {
        const obj = l.items[i];
        obj.refcnt++;
        let eq: boolean;
        try {
          eq = richCompareBool(obj, args[0], CompareOp.EQ);
        } finally {
          decref(obj);
        }
        if (eq) {
          listAssSlice(l, i, i + 1, null);
          return newNone();
        }
      }
      return valueError('list.remove(x): x not in list');
    },
  },
  {
    name: 'index',
    call: (self, args, kw) => {
      noKeywords('list.index', kw);
      rangeArgs('index', args, kw, 1, 3);
      const l = self as PyList;
      let start = args.length > 1 ? asSsize(args[1]) : 0;
      let stop = args.length > 2 ? asSsize(args[2]) : l.items.length;
      if (start < 0) start = Math.max(0, start + l.items.length);
      if (stop < 0) stop = Math.max(0, stop + l.items.length);
      for (let i = start; i < stop && i < l.items.length; i++) {
        const obj = l.items[i];
        obj.refcnt++;
        let eq: boolean;
        try {
          eq = richCompareBool(obj, args[0], CompareOp.EQ);
        } finally {
          decref(obj);
        }
        if (eq) return newInt(i);
      }
      const { reprText } = abstractModule;
      return valueError(`${reprText(args[0])} is not in list`);
    },
  },
  {
    name: 'count',
    call: (self, args, kw) => {
      exactArgs('count', args, kw, 1);
      const l = self as PyList;
      let n = 0;
      for (let i = 0; i < l.items.length; i++) {
        const obj = l.items[i];
        obj.refcnt++;
        try {
          if (richCompareBool(obj, args[0], CompareOp.EQ)) n++;
        } finally {
          decref(obj);
        }
      }
      return newInt(n);
    },
  },
  {
    name: 'clear',
    call: (self, args, kw) => {
      exactArgs('clear', args, kw, 0);
      listClear(self as PyList);
      return newNone();
    },
  },
  {
    name: 'copy',
    call: (self, args, kw) => {
      exactArgs('copy', args, kw, 0);
      const l = self as PyList;
      return listSlice(l, 0, l.items.length);
    },
  },
  {
    name: 'reverse',
    call: (self, args, kw) => {
      exactArgs('reverse', args, kw, 0);
      (self as PyList).items.reverse();
      return newNone();
    },
  },
  {
    name: 'sort',
    call: (self, args, kw) => {
      if (args.length - (kw?.items.length ?? 0) > 0) typeError('sort() takes no positional arguments');
      const [key, reverse] = parseParams('sort', args, kw, ['key', 'reverse'], 0, 0);
      listSort(self as PyList, key ?? null, reverse !== undefined && isTrue(reverse));
      return newNone();
    },
  },
  {
    name: '__sizeof__',
    call: (self) => newInt(listSizeof(self)),
  },
  {
    name: '__reversed__',
    call: (self) => newListIterator(self as PyList, true),
  },
);
import * as abstractModule from './abstract';

ListType.tp_dealloc = listDealloc;
ListType.tp_traverse = listTraverse;
ListType.tp_clear = (o) => listClear(o as PyList);
ListType.tp_sizeof = listSizeof;
ListType.tp_repr = listRepr;
ListType.tp_richcompare = listRichCompare;
ListType.mp_length = (o) => (o as PyList).items.length;
ListType.mp_subscript = listSubscript;
ListType.mp_ass_subscript = listAssSubscript;
ListType.sq_contains = listContains;
ListType.sq_concat = listConcat;
ListType.sq_repeat = listRepeat;
ListType.sq_inplace_concat = listInplaceConcat;
ListType.sq_inplace_repeat = listInplaceRepeat;
ListType.tp_iter = (o) => newListIterator(o as PyList, false);
/** PyType_GenericNew: `list.__new__` never takes a list from the free list. */
ListType.tp_new = (type) => {
  const l = allocGCObject(new PyList(type), type.basicsize);
  if (type.isHeapType) type.refcnt++;
  rt.gc.track(l);
  return l;
};
ListType.tp_init = (self, args, kw) => {
  rangeArgs('list', args, kw, 0, 1);
  const l = self as PyList;
  if (l.itemsAddr !== 0 || l.items.length > 0) listClear(l);
  if (args.length > 0) listExtend(l, args[0]);
};
/** list_vectorcall: `list()` / `list(iterable)` without going through __new__/__init__. */
ListType.tp_vectorcall = (type, args, kw) => {
  rangeArgs('list', args, kw, 0, 1);
  // PyType_GenericAlloc: a new object, not one from the free list.
  const l = ListType.tp_new!(type as PyType, [], null) as PyList;
  if (args.length > 0) {
    try {
      listExtend(l, args[0]);
    } catch (e) {
      decref(l);
      throw e;
    }
  }
  void type;
  return l;
};

// ------------------------------------------------------------- list iterators

export const ListIterType: PyType = staticType({
  name: 'list_iterator',
  basicsize: 32,
  flags: TypeFlag.HAVE_GC,
});
export const ListRevIterType: PyType = staticType({
  name: 'list_reverseiterator',
  basicsize: 32,
  flags: TypeFlag.HAVE_GC,
});

export class PyListIter extends PyObject {
  constructor(
    type: PyType,
    public seq: PyList | null,
    public index: number,
  ) {
    super(type);
  }
}

export function newListIterator(l: PyList, reversed: boolean): PyListIter {
  l.refcnt++;
  const it = allocGCObject(
    new PyListIter(reversed ? ListRevIterType : ListIterType, l, reversed ? l.items.length - 1 : 0),
    32,
  );
  rt.gc.track(it);
  return it;
}

ListIterType.tp_iternext = (o) => {
  const it = o as PyListIter;
  const seq = it.seq;
  if (seq === null) return null;
  if (it.index < seq.items.length) {
    const v = seq.items[it.index++];
    return (v.refcnt++, v);
  }
  it.seq = null;
  decref(seq);
  return null;
};
ListRevIterType.tp_iternext = (o) => {
  const it = o as PyListIter;
  const seq = it.seq;
  if (seq === null) return null;
  if (it.index >= 0 && it.index < seq.items.length) {
    const v = seq.items[it.index--];
    return (v.refcnt++, v);
  }
  it.index = -1;
  it.seq = null;
  decref(seq);
  return null;
};
for (const t of [ListIterType, ListRevIterType]) {
  t.tp_iter = (o) => (o.refcnt++, o);
  t.tp_dealloc = (o) => {
    const it = o as PyListIter;
    rt.gc.untrack(it);
    const seq = it.seq;
    it.seq = null;
    xdecref(seq);
    gcDel(it);
  };
  t.tp_traverse = (o, visit) => {
    const seq = (o as PyListIter).seq;
    if (seq !== null) visit(seq, 'seq');
  };
  t.lengthHint = (o) => {
    const it = o as PyListIter;
    if (it.seq === null) return 0;
    return t === ListIterType ? Math.max(0, it.seq.items.length - it.index) : it.index + 1;
  };
}
export { incref, newStr };
export type { PyStr };
