/**
 * Instances of classes: allocation, the 3.11 managed dict (inline values over the class's
 * shared keys, materialised into a split dict on request), __slots__, and
 * subtype_dealloc/traverse/clear. @cpython Objects/typeobject.c subtype_*,
 * Objects/dictobject.c init_inline_values / _PyObject_StoreInstanceAttribute (3.11)
 */
import {
  GCFlag,
  PyObject,
  PyType,
  decref,
  incref,
  xdecref,
  type GetSetSpec,
  traverseLabels,
  type Visit,
} from './object';
import { PyStr, StrType } from './unicodeobject';
import {
  PyDict,
  SplitValues,
  dictGetStr,
  dictSetItem,
  dictDelItem,
  newDict,
  newValues,
  freeValues,
  newDictWithSharedKeys,
  isExactStr,
  isDict,
  lookupStrInKeys,
  insertIntoSharedKeys,
} from './dictobject';
import { mayBeTracked } from './tupleobject';
import { allocGCObject, gcDel } from '../memory/alloc';
import { rt } from '../vm/runtime';
import { trashcanBegin, trashcanEnd } from '../memory/trashcan';
import { memoryObserver } from '../memory/memory-observer';
import { clearWeakrefs, clearWeakrefsNoCallbacks } from './weakrefobject';
import { strHash } from './unicodeobject';

export class PyInstance extends PyObject {
  /** Inline values over the class's shared keys; null once a dict is materialised. */
  values: SplitValues | null = null;
  dict: PyDict | null = null;
  /** __slots__ values, by slot index across the MRO. */
  slots: (PyObject | null)[];
  constructor(type: PyType, nslots: number) {
    super(type);
    this.slots = nslots === 0 ? EMPTY_SLOTS : new Array<PyObject | null>(nslots).fill(null);
  }
}
const EMPTY_SLOTS: (PyObject | null)[] = [];

function totalSlots(type: PyType): number {
  let n = 0;
  for (const t of type.mro) n += t.slotNames.length;
  return n;
}

/**
 * object.__new__ for a class whose instances are PyInstance: PyType_GenericAlloc (a GC
 * allocation) then _PyObject_InitializeDict (the inline values array).
 */
export function allocInstance(type: PyType): PyInstance {
  const o = allocGCObject(new PyInstance(type, totalSlots(type)), type.basicsize);
  incref(type);
  if (type.hasManagedDict) initInlineValues(o, type);
  rt.gc.track(o);
  return o;
}

/** @cpython Objects/dictobject.c init_inline_values */
function initInlineValues(o: PyInstance, type: PyType): void {
  const keys = type.cachedKeys!;
  if (keys.usable > 1) keys.usable--;
  memoryObserver?.sharedKeysChanged?.(keys);
  o.values = newValues(keys.nentries + keys.usable);
}

/** The instance dict pointer of any object that has one (null if not created yet). */
function dictSlot(o: PyObject): PyDict | null {
  if (o instanceof PyInstance) return o.dict;
  const d = (o as { dict?: PyDict | null }).dict;
  if (d !== undefined) return d;
  return o.extra?.dict ?? null;
}

function setDictSlot(o: PyObject, d: PyDict | null): void {
  if (o instanceof PyInstance || 'dict' in o) (o as { dict: PyDict | null }).dict = d;
  else {
    if (o.extra === null) o.extra = { dict: null };
    o.extra.dict = d;
  }
}

/** make_dict_from_instance_attributes: the values array moves into a new split dict. */
function materializeDict(o: PyInstance): PyDict {
  const values = o.values!;
  let used = 0;
  let track = false;
  for (const v of values.slots) {
    if (v !== null) {
      used++;
      if (mayBeTracked(v)) track = true;
    }
  }
  const d = newDictWithSharedKeys(o.type.cachedKeys!, values, used);
  if (track) rt.gc.track(d);
  o.values = null;
  o.dict = d;
  return d;
}

/**
 * The dict an object without one gets on first use: a split dict over its class's shared
 * keys when the class has them (a managed-dict subclass of list, dict, str...), else a
 * plain dict. @cpython Objects/dictobject.c PyObject_GenericGetDict, _PyObjectDict_SetItem
 */
function newOwnDict(o: PyObject): PyDict {
  const keys = o.type.isHeapType ? o.type.cachedKeys : null;
  if (keys === null) return newDict();
  return newDictWithSharedKeys(keys, newValues(keys.nentries + keys.usable), 0);
}

/** PyObject_GenericGetDict: `obj.__dict__` (new reference), creating or materialising it. */
export function instanceDictOf(o: PyObject): PyDict {
  if (o instanceof PyInstance && o.type.hasManagedDict) {
    if (o.values !== null) {
      const d = materializeDict(o);
      return (d.refcnt++, d);
    }
    if (o.dict === null) o.dict = newDict();
    return (o.dict.refcnt++, o.dict);
  }
  let d = dictSlot(o);
  if (d === null) {
    d = newOwnDict(o);
    setDictSlot(o, d);
  }
  d.refcnt++;
  return d;
}

export function setInstanceDict(o: PyObject, d: PyDict): void {
  if (o instanceof PyInstance && o.values !== null) {
    const values = o.values;
    o.values = null;
    for (const v of values.slots) xdecref(v);
    freeValues(values);
  }
  const old = dictSlot(o);
  d.refcnt++;
  setDictSlot(o, d);
  xdecref(old);
}

/**
 * The `__dict__` attribute (PyObject_GenericGetDict / PyObject_GenericSetDict); a function
 * so that type modules can use it while this module is still loading.
 */
export function instanceDictGetSet(): GetSetSpec {
  return {
    name: '__dict__',
    get: (self) => instanceDictOf(self),
    set: (self, value) => {
      if (value === null) typeError('cannot delete __dict__');
      if (!isDict(value!)) typeError(`__dict__ must be set to a dictionary, not a '${value!.type.name}'`);
      setInstanceDict(self, value as PyDict);
    },
  };
}

/** Looks `name` up in the instance's own attributes (new reference or null). */
export function getOwnAttr(o: PyObject, name: PyStr): PyObject | null {
  if (o instanceof PyInstance && o.values !== null) {
    if (name.type === StrType) {
      const ix = lookupStrInKeys(o.type.cachedKeys!, name, strHash(name));
      if (ix >= 0) {
        const v = o.values.slots[ix];
        if (v !== null) return (v.refcnt++, v);
      }
      return null;
    }
    materializeDict(o);
  }
  const d = dictSlot(o);
  if (d === null) return null;
  const v = dictGetStr(d, name);
  return v === null ? null : (v.refcnt++, v);
}

/**
 * Stores (or deletes, value null) an attribute in the instance's own storage.
 * Returns false only for a delete of a missing attribute.
 * @cpython Objects/dictobject.c _PyObject_StoreInstanceAttribute
 */
export function setOwnAttr(o: PyObject, name: PyStr, value: PyObject | null): boolean {
  if (o instanceof PyInstance && o.values !== null) {
    const values = o.values;
    let ix = -1;
    if (isExactStr(name)) ix = insertIntoSharedKeys(o.type.cachedKeys!, name);
    if (ix < 0) {
      const d = materializeDict(o);
      return storeInDict(d, name, value);
    }
    const old = values.slots[ix];
    if (value !== null) value.refcnt++;
    values.slots[ix] = value;
    if (old === null) {
      if (value === null) return false;
      values.pushOrder(ix);
    } else {
      if (value === null) values.removeOrder(ix);
      decref(old);
    }
    return true;
  }
  let d = dictSlot(o);
  if (d === null) {
    if (value === null) return false;
    d = newOwnDict(o);
    setDictSlot(o, d);
  }
  return storeInDict(d, name, value);
}

function storeInDict(d: PyDict, name: PyStr, value: PyObject | null): boolean {
  if (value === null) return dictDelItem(d, name);
  dictSetItem(d, name, value);
  return true;
}

// ------------------------------------------------------------ slots of instances

/** Visits what an instance references, as subtype_traverse does. */
export function subtypeTraverse(o: PyObject, visit: Visit): void {
  const inst = o as PyInstance;
  const type = inst.type;
  for (let i = 0; i < inst.slots.length; i++) {
    const v = inst.slots[i];
    if (v !== null) visit(v, traverseLabels ? `.${slotName(type, i)}` : '');
  }
  if (inst.values !== null) {
    const keys = type.cachedKeys!;
    for (let i = 0; i < keys.nentries; i++) {
      const v = inst.values.slots[i];
      if (v !== null) visit(v, traverseLabels ? `.${(keys.keys[i] as PyStr).value}` : '');
    }
  } else if (inst.dict !== null) {
    visit(inst.dict, '__dict__');
  }
  visit(type, '__class__');
}

function slotName(type: PyType, index: number): string {
  for (const t of type.mro) {
    if (index >= t.slotBase && index < t.slotBase + t.slotNames.length)
      return t.slotNames[index - t.slotBase];
  }
  return `slot${index}`;
}

/** subtype_clear: slots, then the dict (or the inline values). */
export function subtypeClear(o: PyObject): void {
  const inst = o as PyInstance;
  for (let i = 0; i < inst.slots.length; i++) {
    const v = inst.slots[i];
    inst.slots[i] = null;
    xdecref(v);
  }
  if (inst.values !== null) {
    const keys = inst.type.cachedKeys!;
    for (let i = 0; i < keys.nentries; i++) {
      const v = inst.values.slots[i];
      inst.values.slots[i] = null;
      xdecref(v);
    }
    inst.values.clearOrder();
  } else if (inst.dict !== null) {
    const d = inst.dict;
    inst.dict = null;
    decref(d);
  }
}

/**
 * The finaliser protocol of subtype_dealloc: run __del__ at a temporary refcount of 1;
 * returns true when the object was resurrected.
 * @cpython Objects/object.c PyObject_CallFinalizerFromDealloc
 */
export function callFinalizerFromDealloc(o: PyObject): boolean {
  o.refcnt = 1;
  if (!(o.gcFlags & GCFlag.FINALIZED)) {
    memoryObserver?.finalize?.(o);
    o.type.tp_finalize!(o);
    o.gcFlags |= GCFlag.FINALIZED;
  }
  o.refcnt--;
  return o.refcnt > 0;
}

/** @cpython Objects/typeobject.c subtype_dealloc (for PyInstance objects) */
export function subtypeDealloc(o: PyObject): void {
  const inst = o as PyInstance;
  const type = inst.type;
  rt.gc.untrack(inst);
  if (!trashcanBegin(inst)) return;
  try {
    if (type.tp_finalize !== undefined) {
      rt.gc.track(inst);
      if (callFinalizerFromDealloc(inst)) return;
      rt.gc.untrack(inst);
    }
    if (type.weakrefable) clearWeakrefs(inst);
    if (type.tp_finalize !== undefined && type.weakrefable) clearWeakrefsNoCallbacks(inst);
    for (let i = 0; i < inst.slots.length; i++) {
      const v = inst.slots[i];
      inst.slots[i] = null;
      xdecref(v);
    }
    if (inst.dict !== null) {
      const d = inst.dict;
      inst.dict = null;
      decref(d);
    } else if (inst.values !== null) {
      const values = inst.values;
      inst.values = null;
      const n = type.cachedKeys!.nentries;
      for (let i = 0; i < n; i++) xdecref(values.slots[i]);
      freeValues(values);
    }
    gcDel(inst);
    decref(type);
  } finally {
    trashcanEnd();
  }
}

export function instanceSizeof(o: PyObject): number {
  return o.type.basicsize;
}

// ------------------------------------------------------------ __slots__ members

import { MemberDescrType, type PyMemberDescr } from './descrobject';
import { attributeError, typeError } from '../vm/errors';

type ExtraWithSlots = { dict: PyDict | null; slots?: (PyObject | null)[] };

function slotsOf(o: PyObject): (PyObject | null)[] {
  if (o instanceof PyInstance) return o.slots;
  if (o.extra === null) o.extra = { dict: null };
  const extra = o.extra as ExtraWithSlots;
  if (extra.slots === undefined) extra.slots = [];
  return extra.slots;
}

/** The __slots__ values of an instance of a class built on a builtin type (clear_slots). */
export function clearExtraSlots(o: PyObject): void {
  const slots = (o.extra as ExtraWithSlots | null)?.slots;
  if (slots === undefined) return;
  for (let i = 0; i < slots.length; i++) {
    const v = slots[i];
    slots[i] = null;
    xdecref(v);
  }
}

/** traverse_slots for an instance of a class built on a builtin type. */
export function traverseExtraSlots(o: PyObject, visit: Visit): void {
  const slots = (o.extra as ExtraWithSlots | null)?.slots;
  if (slots === undefined) return;
  for (let i = 0; i < slots.length; i++) {
    const v = slots[i];
    if (v !== null) visit(v, traverseLabels ? `.${slotName(o.type, i)}` : '');
  }
}

/** member_get for __slots__: AttributeError when the slot is empty. */
MemberDescrType.tp_descr_get = (descr, obj) => {
  const d = descr as PyMemberDescr;
  if (obj === null) return (descr.refcnt++, descr);
  if (!obj.type.isSubtypeOf(d.objclass)) {
    typeError(
      `descriptor '${d.name}' for '${d.objclass.name}' objects doesn't apply to a '${obj.type.name}' object`,
    );
  }
  const v = slotsOf(obj)[d.index] ?? null;
  if (v === null) attributeError(`'${obj.type.name}' object has no attribute '${d.name}'`);
  return (v!.refcnt++, v!);
};
MemberDescrType.tp_descr_set = (descr, obj, value) => {
  const d = descr as PyMemberDescr;
  const slots = slotsOf(obj);
  const old = slots[d.index] ?? null;
  if (value === null && old === null)
    attributeError(`'${obj.type.name}' object has no attribute '${d.name}'`);
  if (value !== null) value.refcnt++;
  slots[d.index] = value;
  xdecref(old);
};
