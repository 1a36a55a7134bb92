/**
 * The memory slots of classes: instances of classes built on `object` are PyInstance
 * objects (subtype_dealloc/traverse/clear); instances of classes built on a builtin type
 * keep the builtin's layout and add what the class adds (a dict, weakrefs, __del__).
 * @cpython Objects/typeobject.c subtype_dealloc, subtype_traverse, subtype_clear
 */
import { PyObject, PyType, decref, xdecref, type Visit } from './object';
import { ObjectType } from './roots';
import {
  subtypeDealloc,
  subtypeTraverse,
  subtypeClear,
  callFinalizerFromDealloc,
  clearExtraSlots,
  traverseExtraSlots,
} from './instanceobject';
import { clearWeakrefs } from './weakrefobject';
import { rt } from '../vm/runtime';

function layoutBase(t: PyType): PyType {
  let b: PyType = t;
  while (b.isHeapType) b = b.base!;
  return b;
}

export function installInstanceSlots(t: PyType): void {
  const base = layoutBase(t);
  if (base === ObjectType) {
    t.tp_dealloc = subtypeDealloc;
    t.tp_traverse = subtypeTraverse;
    t.tp_clear = subtypeClear;
    return;
  }
  const baseDealloc = base.tp_dealloc;
  const baseTraverse = base.tp_traverse;
  const baseClear = base.tp_clear;
  t.tp_dealloc = (o: PyObject) => {
    const type = o.type;
    if (type.tp_finalize !== undefined) {
      if (type.isGC) rt.gc.track(o);
      if (callFinalizerFromDealloc(o)) return;
      rt.gc.untrack(o);
    }
    if (type.weakrefable && !base.weakrefable) clearWeakrefs(o);
    clearExtraSlots(o);
    clearExtraDict(o);
    baseDealloc(o);
    decref(type);
  };
  // subtype_traverse: the __slots__ values, the instance dict and the class, then the static base's.
  t.tp_traverse = (o: PyObject, visit: Visit) => {
    traverseExtraSlots(o, visit);
    if (o.extra?.dict) visit(o.extra.dict, '__dict__');
    visit(o.type, '__class__');
    if (baseTraverse !== undefined) baseTraverse(o, visit);
  };
  // subtype_clear: the __slots__ values and the dict, then the static base's.
  t.tp_clear = (o: PyObject) => {
    clearExtraSlots(o);
    clearExtraDict(o);
    if (baseClear !== undefined) baseClear(o);
  };
}

function clearExtraDict(o: PyObject): void {
  if (o.extra === null) return;
  const d = o.extra.dict;
  o.extra.dict = null;
  xdecref(d);
}
