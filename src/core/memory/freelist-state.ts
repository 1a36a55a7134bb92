/**
 * The occupancy of the 3.11 free lists, read and set without touching gc.get_count(): how the
 * replays of CPython's recorded imports (modules/importcost.ts, modules/tracemallocmodule.ts)
 * make the engine's own module objects leave no trace, then give the free lists the state
 * CPython's import leaves. Dead objects made to fill a list get blocks of their own.
 */
import type { PyObject } from '../objects/object';
import { PyTuple } from '../objects/tupleobject';
import { PyList } from '../objects/listobject';
import { DictKeys, KeysKind, PyDict } from '../objects/dictobject';
import { PyFloat } from '../objects/floatobject';
import { PySlice } from '../objects/sliceobject';
import { None } from '../objects/noneobject';
import { allocGCObject, allocObject, freeObject, gcDel, pyFree, pyMalloc } from './alloc';
import { rt } from '../vm/runtime';

/** Dead objects per free list, as the recorders write them: tuples by length 1…20. */
export interface FreeListState {
  tuples: number[];
  lists: number;
  dicts: number;
  dictKeys: number;
  floats: number;
}

export function freeListState(): FreeListState {
  const fl = rt.freelists;
  return {
    tuples: fl.tuples.slice(1).map((stack) => stack.length),
    lists: fl.lists.length,
    dicts: fl.dicts.length,
    dictKeys: fl.dictKeys.length,
    floats: fl.floats.length,
  };
}

/** An object made only to lie dead in a free list. */
export function dead<T extends PyObject>(o: T): T {
  o.refcnt = 0;
  return o;
}

/** Gives the free lists these occupancies; the generation counts stay as they are. */
export function setFreeListState(s: FreeListState): void {
  const gc = rt.gc;
  const fl = rt.freelists;
  const count = [...gc.count];
  const enabled = gc.enabled;
  gc.enabled = false;
  try {
    s.tuples.forEach((want, i) => {
      const n = i + 1;
      const stack = fl.tuples[n];
      while (stack.length > want) gcDel(stack.pop()!);
      while (stack.length < want) stack.push(dead(allocGCObject(new PyTuple([]), 24 + 8 * n)));
    });
    while (fl.lists.length > s.lists) gcDel(fl.lists.pop()!);
    while (fl.lists.length < s.lists) fl.lists.push(dead(allocGCObject(new PyList(), 40)));
    while (fl.dicts.length > s.dicts) gcDel(fl.dicts.pop()!);
    while (fl.dicts.length < s.dicts) fl.dicts.push(dead(allocGCObject(new PyDict(), 48)));
    const keysBytes = new DictKeys(3, KeysKind.UNICODE).bytes;
    while (fl.dictKeys.length > s.dictKeys) pyFree(fl.dictKeys.pop()!);
    while (fl.dictKeys.length < s.dictKeys) fl.dictKeys.push(pyMalloc(keysBytes));
    while (fl.floats.length > s.floats) freeObject(fl.floats.pop()!);
    while (fl.floats.length < s.floats) fl.floats.push(dead(allocObject(new PyFloat(0), 24)));
  } finally {
    gc.count = count;
    gc.enabled = enabled;
  }
}

/**
 * Runs `make` (objects the engine makes where CPython's were made by code it does not run)
 * with automatic collection off, then puts the generation counts and the free lists back.
 */
export function untracedByGc<T>(make: () => T): T {
  const gc = rt.gc;
  const count = [...gc.count];
  const before = freeListState();
  const enabled = gc.enabled;
  gc.enabled = false;
  try {
    const made = make();
    setFreeListState(before);
    return made;
  } finally {
    gc.count = count;
    gc.enabled = enabled;
  }
}

/** interp->slice_cache full, as importlib's slicing leaves it; the counts stay as they are. */
export function fillSliceCache(): void {
  if (rt.sliceCache !== null) return;
  const count = [...rt.gc.count];
  rt.sliceCache = dead(allocGCObject(new PySlice(None, None, None), 40));
  rt.gc.count = count;
}
