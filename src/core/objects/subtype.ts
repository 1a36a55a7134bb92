/**
 * The memory slots of classes: instances of classes built on `object` are PyInstance
 * objects (subtype_dealloc/traverse/clear); instances of classes built on a builtin type
 * keep the builtin's layout and add what the class adds (a dict, weakrefs, __del__).
 * @cpython Objects/typeobject.c subtype_dealloc, subtype_traverse, subtype_clear
 */
import { PyObject, PyType, decref, xdecref, type Visit } from './object';
import { ObjectType } from './roots';
import { subtypeDealloc, subtypeTraverse, subtypeClear, callFinalizerFromDealloc } from './instanceobject';
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
    if (o.extra !== null) {
      const d = o.extra.dict;
      o.extra.dict = null;
      xdecref(d);
    }
    baseDealloc(o);
    decref(type);
  };
  // subtype_traverse: the instance dict and the class, then the static base's traverse.
  t.tp_traverse = (o: PyObject, visit: Visit) => {
    if (o.extra?.dict) visit(o.extra.dict, '__dict__');
    visit(o.type, '__class__');
    if (baseTraverse !== undefined) baseTraverse(o, visit);
  };
  t.tp_clear = (o: PyObject) => {
    if (baseClear !== undefined) baseClear(o);
    if (o.extra !== null) {
      const d = o.extra.dict;
      o.extra.dict = null;
      xdecref(d);
    }
  };
}
