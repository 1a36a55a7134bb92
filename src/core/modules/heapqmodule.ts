/**
 * _heapq: the heap operations over a list, which py/heapq.py re-exports as CPython's
 * heapq.py does. @cpython Modules/_heapqmodule.c (3.11)
 *
 * siftup is CPython's, not the textbook one: the hole at `pos` moves down to a leaf
 * along the smaller children (one comparison per level, `a[child] < a[child+1]` decides,
 * ties go right), then siftdown moves the item back up from the leaf. Items swap places in
 * the list without reference changes; each comparison holds both items. heapify of more
 * than 2500 items goes row by row (cache_friendly_heapify), which orders ties as CPython
 * does. The _max variants compare the other way round.
 *
 * heapq is not loaded by CPython's startup: what its first `import heapq` does besides
 * running heapq.py (importlib, about 64 GC allocations) is replayed by importcost.ts.
 */
import { CompareOp, PyObject } from '../objects/object';
import { None } from '../objects/noneobject';
import { ListType, listAppend, listAssSlice, type PyList } from '../objects/listobject';
import type { PyTuple } from '../objects/tupleobject';
import { richCompareBool } from '../objects/abstract';
import { IndexErrorType, RuntimeErrorType } from '../objects/exceptions';
import { raise, typeError } from '../vm/errors';
import { exactArgs } from '../vm/args';
import { moduleBuilder } from './moduledef';
import type { PyModule } from '../objects/moduleobject';

/**
 * Whether a < b, both held during the comparison; released in that order (`aFirst`) or
 * the other way round, as each caller in CPython does.
 */
function less(a: PyObject, b: PyObject, aFirst: boolean): boolean {
  a.refcnt++;
  b.refcnt++;
  try {
    return richCompareBool(a, b, CompareOp.LT);
  } finally {
    decrefItem(aFirst ? a : b);
    decrefItem(aFirst ? b : a);
  }
}

function siftdown(heap: PyList, startpos: number, pos: number, max: boolean): void {
  const size = heap.items.length;
  if (pos >= size) raise(IndexErrorType, 'list index out of range');
  let arr = heap.items;
  let newitem = arr[pos];
  while (pos > startpos) {
    const parentpos = (pos - 1) >> 1;
    let parent = arr[parentpos];
    const cmp = max ? less(parent, newitem, true) : less(newitem, parent, false);
    if (size !== heap.items.length) raise(RuntimeErrorType, 'list changed size during iteration');
    if (!cmp) break;
    arr = heap.items;
    parent = arr[parentpos];
    newitem = arr[pos];
    arr[parentpos] = newitem;
    arr[pos] = parent;
    pos = parentpos;
  }
}

function siftup(heap: PyList, pos: number, max: boolean): void {
  const endpos = heap.items.length;
  const startpos = pos;
  if (pos >= endpos) raise(IndexErrorType, 'list index out of range');
  let arr = heap.items;
  const limit = endpos >> 1;
  while (pos < limit) {
    let childpos = 2 * pos + 1;
    if (childpos + 1 < endpos) {
      const a = arr[childpos];
      const b = arr[childpos + 1];
      const cmp = max ? less(b, a, false) : less(a, b, true);
      if (!cmp) childpos++;
      arr = heap.items;
      if (endpos !== heap.items.length) raise(RuntimeErrorType, 'list changed size during iteration');
    }
    const tmp1 = arr[childpos];
    const tmp2 = arr[pos];
    arr[childpos] = tmp2;
    arr[pos] = tmp1;
    pos = childpos;
  }
  siftdown(heap, startpos, pos, max);
}

/** The clinic's subclass_of=&PyList_Type check. */
function listArg(fname: string, o: PyObject, which: string): PyList {
  if (o.type !== ListType && !o.type.isSubtypeOf(ListType)) {
    typeError(`${fname}() argument${which} must be list, not ${o === None ? 'None' : o.type.name}`);
  }
  return o as PyList;
}

function heappush(args: PyObject[], kw: PyTuple | null): PyObject {
  exactArgs('heappush', args, kw, 2);
  const heap = listArg('heappush', args[0], ' 1');
  listAppend(heap, args[1]);
  siftdown(heap, 0, heap.items.length - 1, false);
  None.refcnt++;
  return None;
}

function heappopInternal(heap: PyList, max: boolean): PyObject {
  let n = heap.items.length;
  if (n === 0) raise(IndexErrorType, 'index out of range');
  const lastelt = heap.items[n - 1];
  lastelt.refcnt++;
  try {
    listAssSlice(heap, n - 1, n, null);
  } catch (e) {
    lastelt.refcnt--;
    throw e;
  }
  n--;
  if (n === 0) return lastelt;
  const returnitem = heap.items[0];
  heap.items[0] = lastelt;
  try {
    siftup(heap, 0, max);
  } catch (e) {
    decrefItem(returnitem);
    throw e;
  }
  return returnitem;
}

function heapreplaceInternal(heap: PyList, item: PyObject, max: boolean): PyObject {
  if (heap.items.length === 0) raise(IndexErrorType, 'index out of range');
  const returnitem = heap.items[0];
  item.refcnt++;
  heap.items[0] = item;
  try {
    siftup(heap, 0, max);
  } catch (e) {
    decrefItem(returnitem);
    throw e;
  }
  return returnitem;
}

function heappushpop(args: PyObject[], kw: PyTuple | null): PyObject {
  exactArgs('heappushpop', args, kw, 2);
  const heap = listArg('heappushpop', args[0], ' 1');
  const item = args[1];
  if (heap.items.length === 0) return (item.refcnt++, item);
  const top = heap.items[0];
  top.refcnt++;
  let cmp: boolean;
  try {
    cmp = richCompareBool(top, item, CompareOp.LT);
  } finally {
    decrefItem(top);
  }
  if (!cmp) return (item.refcnt++, item);
  return heapreplaceInternal(heap, item, false);
}

/** keep_top_bit: n with all but its highest set bit cleared. */
function keepTopBit(n: number): number {
  let i = 0;
  while (n > 1) {
    n >>= 1;
    i++;
  }
  return n << i;
}

function heapifyInternal(heap: PyList, max: boolean): PyObject {
  const n = heap.items.length;
  if (n > 2500) {
    const m = n >> 1;
    const leftmost = keepTopBit(m + 1) - 1;
    const mhalf = m >> 1;
    const rows = (from: number, to: number) => {
      for (let i = from; i >= to; i--) {
        let j = i;
        for (;;) {
          siftup(heap, j, max);
          if (!(j & 1)) break;
          j >>= 1;
        }
      }
    };
    rows(leftmost - 1, mhalf);
    rows(m - 1, leftmost);
  } else {
    for (let i = (n >> 1) - 1; i >= 0; i--) siftup(heap, i, max);
  }
  None.refcnt++;
  return None;
}

/** Py_DECREF of an item taken out of the heap. */
function decrefItem(o: PyObject): void {
  if (--o.refcnt === 0) o.type.tp_dealloc(o);
}

/** A METH_O function: `name() argument must be list` when it is not. */
function oneList(fname: string, fn: (heap: PyList, max: boolean) => PyObject, max: boolean) {
  return (args: PyObject[], kw: PyTuple | null): PyObject => {
    exactArgs(`_heapq.${fname}`, args, kw, 1);
    return fn(listArg(fname, args[0], ''), max);
  };
}

function replaceFn(fname: string, max: boolean) {
  return (args: PyObject[], kw: PyTuple | null): PyObject => {
    exactArgs(fname, args, kw, 2);
    return heapreplaceInternal(listArg(fname, args[0], ' 1'), args[1], max);
  };
}

export function createHeapqModule(): PyModule {
  const { module, fn, add } = moduleBuilder('_heapq');
  fn('heappush', heappush);
  fn('heappushpop', heappushpop);
  fn('heappop', oneList('heappop', heappopInternal, false));
  fn('heapreplace', replaceFn('heapreplace', false));
  fn('heapify', oneList('heapify', heapifyInternal, false));
  fn('_heappop_max', oneList('_heappop_max', heappopInternal, true));
  fn('_heapify_max', oneList('_heapify_max', heapifyInternal, true));
  fn('_heapreplace_max', replaceFn('_heapreplace_max', true));
  void add;
  return module;
}
