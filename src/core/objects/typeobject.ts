/**
 * type: readying builtin types, attribute lookup along the MRO, creating classes
 * (type_new: __slots__, __dict__/__weakref__ descriptors, shared instance keys) and
 * calling a type. @cpython Objects/typeobject.c (3.11)
 */
import {
  PyObject,
  PyType,
  TypeFlag,
  decref,
  incref,
  newref,
  NUMBER_SLOTS,
  xdecref,
  typeLookupEpoch,
  type MethodSpec,
  type Visit,
} from './object';
import { ObjectType, TypeType } from './roots';
import { PyStr, StrType, isStr, staticId, internFromString, newStr } from './unicodeobject';
import { PyTuple, newTuple, tupleFromBorrowed, isTuple, EmptyTuple, sequenceTuple } from './tupleobject';
import {
  PyDict,
  DictType,
  DictKeys,
  KeysKind,
  dictGetStr,
  dictSetItem,
  dictItems,
  dictCopyExact,
  dictDelItem,
  newDict,
  isDict,
  keysDecref,
} from './dictobject';
import {
  PyGetSetDescr,
  PyMethodDescr,
  newGetSetDescr,
  newMemberDescr,
  staticGetSetDescr,
  staticMethodDescr,
  StaticMethodType,
  ClassMethodType,
  newWrapperMethod,
} from './descrobject';
import { None } from './noneobject';
import { allocGCObject, gcDel, pyMalloc, pyFree } from '../memory/alloc';
import { placeStatic, staticObjectDied } from '../memory/static';
import { PyCFunction } from './methodobject';
import { rt } from '../vm/runtime';
import { typeError, attributeError, raise, raiseFromCause } from '../vm/errors';
import { call, getAttr, isTrue, makeTpCall, missingAttribute, reprText } from './abstract';
import { CellType, type PyCell } from './cellobject';
import { newMappingProxy } from './mappingproxyobject';
import { SuperType } from './superobject';
import { lookupSpecial } from './iterobject';
import { TypeErrorType, RuntimeErrorType } from './exceptions';
import { installSlotDispatchers, updateSlot, slotWrappersFor } from './slotdefs';
import { installInstanceSlots } from './subtype';
import { getOwnAttr, setOwnAttr, instanceDictGetSet } from './instanceobject';
import { FunctionType } from './funcobject';
import { addSubclass, removeSubclass } from './typesubclasses';
import { clearWeakrefs } from './weakrefobject';

/** Every builtin type, readied once per process by readyStaticTypes(). */
const staticTypes: PyType[] = [];

// -------------------------------------------------------------- lookup

/** _PyType_Lookup: the attribute along the MRO, borrowed, or null. Cached per type. */
export function typeLookup(type: PyType, name: PyStr): PyObject | null {
  rt.typeCache.lookedUp(type, name);
  // The name's own one-entry cache first (a code object's names are long-lived objects).
  if (name.lookupType === type && name.lookupEpoch === typeLookupEpoch) return name.lookupResult;
  const result = typeLookupCached(type, name);
  name.lookupType = type;
  name.lookupEpoch = typeLookupEpoch;
  name.lookupResult = result;
  return result;
}

function typeLookupCached(type: PyType, name: PyStr): PyObject | null {
  const key = name.value;
  const cache = type.lookupCache;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let found: PyObject | null = null;
  const mro = type.mro;
  for (let i = 0; i < mro.length; i++) {
    const d = mro[i].dict;
    if (d === null) continue;
    const v = dictGetStr(d, name);
    if (v !== null) {
      found = v;
      break;
    }
  }
  cache.set(key, found);
  return found;
}

/** A new run starts with no version tags on the builtin types (each run has its own cache). */
export function forgetVersionTags(): void {
  for (const t of staticTypes) t.versionTag = 0;
}

/** Lookup by JS name for the engine's own use (interned static id). */
export function typeLookupId(type: PyType, name: string): PyObject | null {
  return typeLookup(type, staticId(name));
}

/** PyDescr_IsData: the descriptor defines __set__ (tp_descr_set). */
export function isDataDescriptor(o: PyObject): boolean {
  return o.type.tp_descr_set !== undefined;
}

// ------------------------------------------------------ generic attributes

/**
 * PyObject_GenericGetAttr: data descriptors, then the instance dict (inline values or a
 * dict), then other descriptors and class attributes. Null when missing.
 * @cpython Objects/object.c _PyObject_GenericGetAttrWithDict
 */
export function genericGetAttr(obj: PyObject, name: PyStr): PyObject | null {
  const tp = obj.type;
  const descr = typeLookup(tp, name);
  let f: PyType['tp_descr_get'];
  if (descr !== null) {
    f = descr.type.tp_descr_get;
    if (f !== undefined && descr.type.tp_descr_set !== undefined) {
      incref(descr);
      try {
        return f(descr, obj, tp);
      } finally {
        decref(descr);
      }
    }
  }
  if (tp.hasInstanceDict) {
    const found = getOwnAttr(obj, name);
    if (found !== null) return found;
  }
  if (f !== undefined) {
    incref(descr!);
    try {
      return f(descr!, obj, tp);
    } finally {
      decref(descr!);
    }
  }
  if (descr !== null) return (descr.refcnt++, descr);
  return null;
}

/** PyObject_GenericSetAttr (value null deletes). */
export function genericSetAttr(obj: PyObject, name: PyStr, value: PyObject | null): void {
  const tp = obj.type;
  const descr = typeLookup(tp, name);
  if (descr !== null) {
    const f = descr.type.tp_descr_set;
    if (f !== undefined) {
      incref(descr);
      try {
        f(descr, obj, value);
      } finally {
        decref(descr);
      }
      return;
    }
  }
  if (tp.hasInstanceDict) {
    if (setOwnAttr(obj, name, value)) return;
    if (value === null) {
      missingAttribute(obj, name);
    }
    return;
  }
  if (descr === null) {
    attributeError(`'${tp.name}' object has no attribute '${name.value}'`, obj, name);
  }
  attributeError(`'${tp.name}' object attribute '${name.value}' is read-only`);
}

// --------------------------------------------------------- type attributes

/** @cpython Objects/typeobject.c type_getattro */
export function typeGetAttro(o: PyObject, name: PyStr): PyObject | null {
  const type = o as PyType;
  const metatype = type.type;
  const metaAttribute = typeLookup(metatype, name);
  let metaGet: PyType['tp_descr_get'];
  if (metaAttribute !== null) {
    metaGet = metaAttribute.type.tp_descr_get;
    if (metaGet !== undefined && metaAttribute.type.tp_descr_set !== undefined) {
      return metaGet(metaAttribute, type, metatype);
    }
  }
  const attribute = typeLookup(type, name);
  if (attribute !== null) {
    const localGet = attribute.type.tp_descr_get;
    if (localGet !== undefined) {
      incref(attribute);
      try {
        return localGet(attribute, null, type);
      } finally {
        decref(attribute);
      }
    }
    return (attribute.refcnt++, attribute);
  }
  if (metaGet !== undefined) return metaGet(metaAttribute!, type, metatype);
  if (metaAttribute !== null) return (metaAttribute.refcnt++, metaAttribute);
  return null;
}

/** @cpython Objects/typeobject.c type_setattro */
export function typeSetAttro(o: PyObject, name: PyStr, value: PyObject | null): void {
  const type = o as PyType;
  if (!type.isHeapType) {
    typeError(`cannot set '${name.value}' attribute of immutable type '${type.name}'`);
  }
  const metaAttribute = typeLookup(type.type, name);
  if (metaAttribute !== null && metaAttribute.type.tp_descr_set !== undefined) {
    metaAttribute.type.tp_descr_set(metaAttribute, type, value);
  } else {
    const interned = internFromString(name.value);
    try {
      if (value === null) {
        if (!dictDelItem(type.dict!, interned)) {
          attributeError(`type object '${type.name}' has no attribute '${name.value}'`, type, name);
        }
      } else {
        dictSetItem(type.dict!, interned, value);
      }
    } finally {
      decref(interned);
    }
  }
  type.modified();
  if (name.value.startsWith('__') && name.value.endsWith('__')) updateSlot(type, name.value);
}

// ------------------------------------------------------------ readying

/** Registers a builtin type to be readied: its dict, MRO and inherited slots. */
export function registerStaticType(t: PyType): PyType {
  staticTypes.push(t);
  return t;
}

/** Slots a type inherits from its base when it does not define them (inherit_slots). */
const INHERITED_SLOTS = [
  'tp_dealloc',
  'tp_traverse',
  'tp_clear',
  'tp_repr',
  'tp_str',
  'tp_getattro',
  'tp_setattro',
  'tp_call',
  'tp_iter',
  'tp_iternext',
  'tp_descr_get',
  'tp_descr_set',
  'tp_init',
  'tp_new',
  'tp_sizeof',
  'tp_finalize',
  'nb_bool',
  'nb_index',
  'nb_int',
  'nb_float',
  'nb_negative',
  'nb_positive',
  'nb_invert',
  'nb_absolute',
  ...NUMBER_SLOTS,
  'nb_inplace_add',
  'nb_inplace_subtract',
  'nb_inplace_multiply',
  'nb_inplace_matrix_multiply',
  'nb_inplace_true_divide',
  'nb_inplace_floor_divide',
  'nb_inplace_remainder',
  'nb_inplace_power',
  'nb_inplace_lshift',
  'nb_inplace_rshift',
  'nb_inplace_and',
  'nb_inplace_or',
  'nb_inplace_xor',
  'mp_length',
  'mp_subscript',
  'mp_ass_subscript',
  'sq_contains',
  'sq_concat',
  'sq_repeat',
  'sq_inplace_concat',
  'sq_inplace_repeat',
] as const;

export function inheritSlots(t: PyType, base: PyType): void {
  const target = t as unknown as Record<string, unknown>;
  const source = base as unknown as Record<string, unknown>;
  for (const slot of INHERITED_SLOTS) {
    if (target[slot] === undefined && source[slot] !== undefined) target[slot] = source[slot];
  }
  // Comparison and hashing are inherited together, and only by a type that defines
  // neither; one that defines __eq__ alone is unhashable (inherit_slots).
  if (t.tp_richcompare === undefined && t.tp_hash === undefined && !overridesHash(t)) {
    t.tp_richcompare = base.tp_richcompare;
    t.tp_hash = base.tp_hash;
  }
}

/** overrides_hash: the class body defines __eq__ or __hash__. */
function overridesHash(t: PyType): boolean {
  if (t.dict === null || !t.isHeapType) return false;
  return dictGetStr(t.dict, staticId('__eq__')) !== null || dictGetStr(t.dict, staticId('__hash__')) !== null;
}

/** tp_bases and tp_mro of a builtin type: held by the type alone, as in CPython. */
function staticTuple(items: PyObject[]): PyTuple {
  const tuple = placeStatic(new PyTuple(items), 24 + 8 * items.length + 16, 16);
  tuple.refcnt = 1;
  return tuple;
}

/** The static part of PyType_Ready for a builtin type (once per process). */
function readyStatic(t: PyType): void {
  if (t.dict !== null) return;
  if (t.base !== null) readyStatic(t.base);
  placeStatic(t, 424, 16);
  // A static type starts at 1 (PyVarObject_HEAD_INIT) and is counted like any object; the
  // references CPython's startup holds are added by the calibration (profiles/static-refs).
  t.refcnt = 1;
  t.mro = t.base === null ? [t] : [t, ...t.base.mro];
  // tp_bases and tp_mro exist from startup: `int.__mro__ is int.__mro__`, and no allocation.
  t.bases = t.base === null ? EmptyTuple : staticTuple([t.base]);
  t.mroTuple = staticTuple(t.mro);
  const d = new PyDict();
  placeStatic(d, 64, 16);
  d.refcnt = 1 << 30;
  t.dict = d;
  for (const spec of t.methodSpecs) {
    staticDictSet(d, spec.name, staticMethodDescr(spec, t));
  }
  if (t.tp_new !== undefined && !t.methodSpecs.some((spec) => spec.name === '__new__')) {
    staticDictSet(d, '__new__', staticNewWrapper(t));
  }
  for (const spec of t.getsetSpecs) {
    staticDictSet(d, spec.name, staticGetSetDescr(spec, t));
  }
  if (t.base !== null) inheritSlots(t, t.base);
  if (t.tp_hash === undefined && t.base !== null) {
    // type_ready_set_hash: an unhashable builtin says so in its dict (`list.__hash__ is None`).
    staticDictSet(d, '__hash__', None);
    t.tp_hash = unhashable;
  }
  for (const [name, wrapper] of slotWrappersFor(t)) {
    if (dictGetStr(d, staticId(name)) === null) staticDictSet(d, name, wrapper);
  }
  if (t.doc !== null) staticDictSet(d, '__doc__', staticStrObject(t.doc));
  if (t.tp_getattro === undefined) t.tp_getattro = genericGetAttr;
  if (t.tp_setattro === undefined) t.tp_setattro = genericSetAttr;
  if (t.base !== null) t.base.subclasses.push(t);
}

/** PyObject_HashNotImplemented. */
function unhashable(o: PyObject): number {
  return typeError(`unhashable type: '${o.type.name}'`);
}

/**
 * add_tp_new_wrapper: a builtin type's `__new__` is a builtin function bound to the type (not
 * a descriptor), so `tuple.__new__ is tuple.__new__`; static, held by the type's dict.
 */
function staticNewWrapper(t: PyType): PyCFunction {
  const spec = newWrapperSpec(t);
  const f = new PyCFunction(
    '__new__',
    (self, args, kwnames) => spec.call(self!, args, kwnames),
    t,
    null,
    null,
    true,
  );
  f.refcnt = 0;
  return placeStatic(f, 56, 16);
}

/** tp_new_wrapper: `T.__new__(S, ...)` for a builtin T, bound to T whatever class asks. */
function newWrapperSpec(owner: PyType): MethodSpec {
  return {
    name: '__new__',
    kind: 'classmethod',
    varargs: true,
    call: (_cls, args, kwnames) => {
      const nkw = kwnames?.items.length ?? 0;
      if (args.length - nkw < 1) typeError(`${owner.name}.__new__(): not enough arguments`);
      const sub = args[0];
      if (!isType(sub)) typeError(`${owner.name}.__new__(X): X is not a type object (${sub.type.name})`);
      const st = sub as PyType;
      if (!st.isSubtypeOf(owner)) {
        typeError(`${owner.name}.__new__(${st.name}): ${st.name} is not a subtype of ${owner.name}`);
      }
      let staticBase: PyType | null = st;
      while (staticBase !== null && staticBase.isHeapType) staticBase = staticBase.base;
      if (staticBase !== null && staticBase.tp_new !== owner.tp_new) {
        typeError(`${owner.name}.__new__(${st.name}) is not safe, use ${staticBase.name}.__new__()`);
      }
      return owner.tp_new!(st, args.slice(1), kwnames);
    },
  };
}

function staticStrObject(text: string): PyStr {
  return staticId(text);
}

/**
 * Static dicts are built before any run exists, with no allocation accounting: a JS-side
 * insert into the keys structure (the dict's own bookkeeping is still CPython's).
 */
function staticDictSet(d: PyDict, name: string, value: PyObject): void {
  const key = staticId(name);
  withStaticAllocation(() => dictSetItem(d, key, value));
}

let staticAllocator: (<T>(fn: () => T) => T) | null = null;
/** Set by run.ts: runs `fn` against a throwaway runtime, for process-level setup. */
export function setStaticAllocator(fn: <T>(fn: () => T) => T): void {
  staticAllocator = fn;
}
function withStaticAllocation<T>(fn: () => T): T {
  if (staticAllocator === null) throw new Error('static allocator not set');
  return staticAllocator(fn);
}

let staticReady = false;

/** Every builtin type, in the order they were registered. */
export function builtinStaticTypes(): readonly PyType[] {
  return staticTypes;
}

/** Readies every registered builtin type; safe to call more than once. */
export function readyStaticTypes(): void {
  if (staticReady) return;
  staticReady = true;
  for (const t of staticTypes) readyStatic(t);
}

// ------------------------------------------------------------- MRO

/** C3 linearisation (mro_implementation). */
function computeMro(type: PyType, bases: PyType[]): PyType[] {
  if (bases.length === 1) return [type, ...bases[0].mro];
  const seqs: PyType[][] = bases.map((b) => [...b.mro]);
  seqs.push([...bases]);
  const result: PyType[] = [type];
  for (;;) {
    const nonEmpty = seqs.filter((s) => s.length > 0);
    if (nonEmpty.length === 0) return result;
    let candidate: PyType | null = null;
    for (const s of nonEmpty) {
      const head = s[0];
      if (!nonEmpty.some((other) => other.indexOf(head) > 0)) {
        candidate = head;
        break;
      }
    }
    if (candidate === null) {
      return typeError(
        `Cannot create a consistent method resolution order (MRO) for bases ${bases.map((b) => b.name).join(', ')}`,
      );
    }
    result.push(candidate);
    for (const s of nonEmpty) if (s[0] === candidate) s.shift();
  }
}

/** best_base: the base whose layout the new class extends. */
function solidBase(t: PyType): PyType {
  const base = t.base;
  const extends_ = base === null ? ObjectType : solidBase(base);
  // A type adds to the layout when its basicsize grew beyond its base's (slots aside).
  if (base !== null && (t.basicsize !== base.basicsize || t.itemsize !== base.itemsize) && !t.isHeapType)
    return t;
  return extends_;
}

// --------------------------------------------------------------- type_new

/** type_new_slots: the names `__slots__` declares, and whether instances get a __dict__ and weakrefs. */
function classSlots(ns: PyDict, base: PyType, name: PyStr) {
  // __slots__
  const slotsObj = dictGetStr(ns, staticId('__slots__'));
  let slotNames: string[] | null = null;
  let htSlots: PyTuple | null = null;
  let addDict = false;
  let addWeak = false;
  const baseHasDict = base.hasInstanceDict;
  const baseWeak = base.weakrefable;
  if (slotsObj === null) {
    addDict = !baseHasDict;
    addWeak = !baseWeak && base.itemsize === 0;
  } else {
    // ctx->slots: a str is packed into a 1-tuple, anything else through PySequence_Tuple.
    const ctxSlots = isStr(slotsObj) ? tupleFromBorrowed([slotsObj]) : sequenceTuple(slotsObj);
    const items = ctxSlots.items;
    slotNames = [];
    try {
      for (const it of items) {
        if (!isStr(it)) typeError(`__slots__ items must be strings, not '${it.type.name}'`);
        const n = (it as PyStr).value;
        if (n === '__dict__') {
          if (baseHasDict || addDict) typeError(`__dict__ slot disallowed: we already got one`);
          addDict = true;
        } else if (n === '__weakref__') {
          if (baseWeak || addWeak)
            typeError(
              `__weakref__ slot disallowed: either we already got one, or the base type's itemsize is not zero`,
            );
          addWeak = true;
        } else {
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) typeError('__slots__ must be identifiers');
          slotNames.push(
            n.startsWith('__') && !n.endsWith('__') ? `_${name.value.replace(/^_+/, '')}${n}` : n,
          );
        }
      }
      slotNames.sort();
      if (slotNames.length > 0 && base.itemsize !== 0) {
        typeError(`nonempty __slots__ not supported for subtype of '${base.name}'`);
      }
      htSlots = copySlots(items as PyStr[], slotNames, name);
    } finally {
      decref(ctxSlots);
    }
  }
  return { slotNames, addDict, addWeak, baseHasDict, baseWeak, htSlots };
}

/**
 * type_new_copy_slots: the names (mangled) in a new list, sorted, turned into the tuple the
 * type keeps (ht_slots) while it lives; the list and its item array are freed at once.
 */
function copySlots(items: PyStr[], sorted: string[], name: PyStr): PyTuple {
  const names: PyObject[] = [];
  for (const it of items) {
    const n = it.value;
    if (n === '__dict__' || n === '__weakref__') continue;
    names.push(
      n.startsWith('__') && !n.endsWith('__')
        ? newStr(`_${name.value.replace(/^_+/, '')}${n}`)
        : (incref(it), it),
    );
  }
  const list = listobject.newList(names);
  try {
    list.items.sort((a, b) => sorted.indexOf((a as PyStr).value) - sorted.indexOf((b as PyStr).value));
    return tupleFromBorrowed(list.items);
  } finally {
    decref(list);
  }
}

/** ht_slots of the classes that declare __slots__ (released by type_dealloc). */
const htSlotsOf = new WeakMap<PyType, PyTuple>();
/** tp_doc of the classes whose __doc__ is a str: the address of the copy. */
const tpDocOf = new WeakMap<PyType, number>();
/** ht_name and ht_qualname of classes made by type_new: references to the strs given. */
const htNamesOf = new WeakMap<PyType, { name: PyStr; qualname: PyStr }>();

function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/**
 * Creates a class: `type(name, bases, namespace)` and the `class` statement.
 * @cpython Objects/typeobject.c type_new_impl
 */
export function typeNew(
  metatype: PyType,
  name: PyStr,
  basesTuple: PyTuple,
  ns: PyDict,
  kwargs: PyObject[] = [],
  kwnames: PyTuple | null = null,
): PyType {
  let bases = basesTuple.items as PyType[];
  for (const b of bases) {
    if (!(b.type === TypeType || b.type.isSubtypeOf(TypeType))) {
      typeError(`bases must be types`);
    }
    if (!((b as PyType).flags & TypeFlag.BASETYPE)) {
      typeError(`type '${(b as PyType).name}' is not an acceptable base type`);
    }
  }
  // type_new_get_bases: `class A:` gets a new (object,); given bases are kept as they are.
  let basesRef: PyTuple;
  if (bases.length === 0) {
    bases = [ObjectType];
    basesRef = tupleFromBorrowed(bases);
  } else {
    basesRef = basesTuple;
    basesTuple.refcnt++;
  }
  let base: PyType;
  let slots: ReturnType<typeof classSlots>;
  try {
    base = bestBase(bases);
    slots = classSlots(ns, base, name);
  } catch (e) {
    decref(basesRef);
    throw e;
  }
  const { slotNames, addDict, addWeak, baseHasDict, baseWeak, htSlots } = slots;

  let flags = TypeFlag.HEAPTYPE | TypeFlag.BASETYPE | TypeFlag.HAVE_GC | (base.flags & SUBCLASS_FLAGS);
  let basicsize = base.basicsize;
  const nslots = slotNames?.length ?? 0;
  basicsize += 8 * nslots;
  if (addDict && base.itemsize === 0) flags |= TypeFlag.MANAGED_DICT;
  else if (addDict) basicsize += 8;
  if (addWeak) basicsize += 8;

  const t = new PyType({ name: name.value, base, basicsize, itemsize: base.itemsize, flags, metatype });
  // PyType_GenericAlloc: an instance holds its type only when that type is a heap type.
  if (metatype.isHeapType) incref(metatype);
  t.slotNames = slotNames ?? [];
  if (htSlots !== null) htSlotsOf.set(t, htSlots);
  t.slotBase = countInheritedSlots(base);
  t.hasInstanceDict = baseHasDict || addDict;
  t.weakrefable = baseWeak || addWeak;
  // PyType_GenericAlloc(&PyType_Type, nslots): the heap type object itself, with room for
  // nslots + 1 member definitions (the last is the sentinel).
  allocGCObject(t, 904 + 40 * (nslots + 1));
  // PyType_GenericAlloc tracks the type at once: a collection during the class's creation sees it.
  rt.gc.track(t);

  incref(base);
  t.bases = basesRef;
  const mro = computeMro(t, bases);
  t.mro = mro;
  t.mroTuple = tupleFromBorrowed(mro);

  // The class dict is a copy of the namespace (PyDict_Copy: a clean table is cloned).
  const dict = dictCopyExact(ns);
  t.dict = dict;
  const qualname = dictGetStr(dict, staticId('__qualname__'));
  if (qualname !== null) {
    if (!isStr(qualname)) typeError(`type __qualname__ must be a str, not ${qualname.type.name}`);
    t.qualname = (qualname as PyStr).value;
    htNamesOf.set(t, { name: newref(name), qualname: newref(qualname as PyStr) });
    dictDelItem(dict, staticId('__qualname__'));
  } else {
    t.qualname = name.value;
    htNamesOf.set(t, { name: newref(name), qualname: newref(name) });
  }
  const moduleName = dictGetStr(dict, staticId('__module__'));
  if (moduleName === null && rt.frame !== null) {
    const g = rt.frame.globals;
    const n = dictGetStr(g, staticId('__name__'));
    if (n !== null) setClassAttr(dict, '__module__', n);
  }
  const mod = dictGetStr(dict, staticId('__module__'));
  if (mod !== null && isStr(mod)) t.module = (mod as PyStr).value;
  // type_new_set_doc: tp_doc is a PyObject_Malloc'ed copy of a str __doc__ (its UTF-8
  // bytes and a NUL), freed by type_dealloc. (A non-ASCII docstring's own UTF-8 cache,
  // which PyUnicode_AsUTF8AndSize also allocates, is not modelled.)
  const doc = dictGetStr(dict, staticId('__doc__'));
  if (doc !== null && isStr(doc)) tpDocOf.set(t, pyMalloc(utf8Length((doc as PyStr).value) + 1));

  // Special methods that are implicitly static/class methods.
  wrapImplicit(dict, '__new__', StaticMethodType);
  wrapImplicit(dict, '__init_subclass__', ClassMethodType);
  wrapImplicit(dict, '__class_getitem__', ClassMethodType);

  // Descriptors for __slots__, __dict__ and __weakref__.
  slotNames?.forEach((slot, i) => {
    const descr = newMemberDescr(slot, t.slotBase + i, t);
    setClassAttrTake(dict, slot, descr);
  });
  if (addDict) setClassAttrTake(dict, '__dict__', newGetSetDescr(instanceDictGetSet(), t));
  if (addWeak) setClassAttrTake(dict, '__weakref__', newGetSetDescr(weakrefGetSetSpec, t));
  // type_dict_set_doc (PyType_Ready, after the members and getsets): __doc__ None unless given.
  if (dictGetStr(dict, staticId('__doc__')) === null) setClassAttr(dict, '__doc__', None);

  setClassCell(t, dict);
  if (t.hasManagedDict) t.cachedKeys = newSharedKeys();

  inheritSlots(t, base);
  for (const b of bases) if (b !== base) inheritSlots(t, b);
  installInstanceSlots(t);
  t.tp_getattro = base.tp_getattro === typeGetAttro ? typeGetAttro : genericGetAttr;
  t.tp_setattro = base.tp_setattro === typeSetAttro ? typeSetAttro : genericSetAttr;
  installSlotDispatchers(t);
  for (const b of bases) addSubclass(b, t);
  try {
    callSetNames(t);
    callInitSubclass(t, kwargs, kwnames);
  } catch (e) {
    decref(t);
    throw e;
  }
  return t;
}

/** type_new_set_classcell: the class body's `__class__` cell now holds the class. */
function setClassCell(t: PyType, dict: PyDict): void {
  const cell = dictGetStr(dict, staticId('__classcell__'));
  if (cell === null) return;
  if (cell.type !== CellType) typeError(`__classcell__ must be a nonlocal cell, not ${reprText(cell.type)}`);
  const c = cell as PyCell;
  const old = c.ref;
  t.refcnt++;
  c.ref = t;
  xdecref(old);
  dictDelItem(dict, staticId('__classcell__'));
}

/** type_new_set_names: `__set_name__(owner, name)` on every attribute that has one. */
function callSetNames(t: PyType): void {
  const names = dictCopyExact(t.dict!);
  try {
    for (const [key, value] of dictItems(names)) {
      const setName = lookupSpecial(value, '__set_name__');
      if (setName === null) continue;
      try {
        decref(call(setName, [t, key]));
      } catch (e) {
        const cause = e as PyObject;
        const message = `Error calling __set_name__ on '${value.type.name}' instance ${reprText(key)} in '${t.name}'`;
        raiseFromCause(RuntimeErrorType, message, cause);
      } finally {
        decref(setName);
      }
    }
  } finally {
    decref(names);
  }
}

/** type_new_init_subclass: `super(t, t).__init_subclass__(**kwargs)`. */
function callInitSubclass(t: PyType, kwargs: PyObject[], kwnames: PyTuple | null): void {
  const su = call(SuperType, [t, t]);
  let init: PyObject;
  try {
    init = getAttr(su, staticId('__init_subclass__'));
  } finally {
    decref(su);
  }
  try {
    decref(call(init, kwargs, kwnames));
  } finally {
    decref(init);
  }
}

/** Inherited by every subclass (inherit_special; the managed dict is part of the layout). */
const SUBCLASS_FLAGS =
  TypeFlag.MANAGED_DICT |
  TypeFlag.LONG_SUBCLASS |
  TypeFlag.LIST_SUBCLASS |
  TypeFlag.TUPLE_SUBCLASS |
  TypeFlag.UNICODE_SUBCLASS |
  TypeFlag.DICT_SUBCLASS |
  TypeFlag.BASE_EXC_SUBCLASS |
  TypeFlag.TYPE_SUBCLASS;

function countInheritedSlots(base: PyType): number {
  let n = 0;
  for (const t of base.mro) n += t.slotNames.length;
  return n;
}

/** best_base: the base with the most derived layout; layouts must not conflict. */
function bestBase(bases: PyType[]): PyType {
  let winner: PyType | null = null;
  let base: PyType | null = null;
  for (const b of bases) {
    const candidate = solidBase(b);
    if (winner === null) {
      winner = candidate;
      base = b;
    } else if (winner.isSubtypeOf(candidate)) {
      // keep
    } else if (candidate.isSubtypeOf(winner)) {
      winner = candidate;
      base = b;
    } else {
      typeError('multiple bases have instance lay-out conflict');
    }
  }
  return base!;
}

function setClassAttr(dict: PyDict, name: string, value: PyObject): void {
  const key = internFromString(name);
  dictSetItem(dict, key, value);
  decref(key);
}

function setClassAttrTake(dict: PyDict, name: string, value: PyObject): void {
  setClassAttr(dict, name, value);
  decref(value);
}

function wrapImplicit(dict: PyDict, name: string, wrapper: PyType): void {
  const f = dictGetStr(dict, staticId(name));
  if (f !== null && f.type === FunctionType) setClassAttrTake(dict, name, newWrapperMethod(wrapper, f));
}

/** The `__weakref__` attribute: the first weakref to the instance, or None. */
const weakrefGetSetSpec = {
  name: '__weakref__',
  get: (self: PyObject) => {
    const w = self.weakrefs ?? None;
    w.refcnt++;
    return w;
  },
};

/** ht_cached_keys: 64 slots, usable set to SHARED_KEYS_MAX_SIZE (30). */
function newSharedKeys(): DictKeys {
  const k = new DictKeys(6, KeysKind.SPLIT);
  k.usable = 30;
  k.addr = pyMalloc(k.bytes);
  return k;
}

// --------------------------------------------------------------- type dealloc

/** @cpython Objects/typeobject.c type_dealloc (heap types only reach this). */
function typeDealloc(o: PyObject): void {
  const t = o as PyType;
  if (!t.isHeapType && staticObjectDied(t)) return;
  rt.gc.untrack(t);
  for (const b of t.bases?.items ?? []) removeSubclass(b as PyType, t);
  clearWeakrefs(t);
  const base = t.base;
  const dict = t.dict;
  const bases = t.bases;
  const mro = t.mroTuple;
  t.base = null;
  t.dict = null;
  t.bases = null;
  t.mroTuple = null;
  xdecref(base);
  xdecref(dict);
  xdecref(bases);
  xdecref(mro);
  const registry = t.subclassRegistry;
  t.subclassRegistry = null;
  xdecref(registry);
  const tpDoc = tpDocOf.get(t);
  if (tpDoc !== undefined) {
    tpDocOf.delete(t);
    pyFree(tpDoc);
  }
  const names = htNamesOf.get(t);
  if (names !== undefined) {
    htNamesOf.delete(t);
    decref(names.name);
    decref(names.qualname);
  }
  const htSlots = htSlotsOf.get(t);
  if (htSlots !== undefined) {
    htSlotsOf.delete(t);
    decref(htSlots);
  }
  if (t.cachedKeys !== null) {
    keysDecref(t.cachedKeys);
    t.cachedKeys = null;
  }
  // A heap metaclass is released by subtype_dealloc (subtype.ts), after this.
  gcDel(t);
}

/** @cpython Objects/typeobject.c type_traverse */
function typeTraverse(o: PyObject, visit: Visit): void {
  const t = o as PyType;
  if (!t.isHeapType) return;
  // type_traverse does not visit the metaclass (subtype_traverse does, for a heap metaclass).
  if (t.dict !== null) visit(t.dict, '__dict__');
  if (t.mroTuple !== null) visit(t.mroTuple, '__mro__');
  if (t.bases !== null) visit(t.bases, '__bases__');
  if (t.base !== null) visit(t.base, '__base__');
}

/**
 * @cpython Objects/typeobject.c type_clear: only the dict and MRO are cleared; the cached
 * keys stay, since instances in the same cycle still need them to free their values.
 */
function typeClear(o: PyObject): void {
  const t = o as PyType;
  const dict = t.dict;
  if (dict !== null) {
    const { dictClear } = dictobject;
    dictClear(dict);
  }
  t.modified();
  const mro = t.mroTuple;
  t.mroTuple = null;
  xdecref(mro);
}
import * as dictobject from './dictobject';

function typeSizeof(o: PyObject): number {
  const t = o as PyType;
  if (!t.isHeapType && !t.heapInCPython) return 408;
  return 904 + (t.cachedKeys !== null ? t.cachedKeys.bytes : 0);
}

// --------------------------------------------------------------- type_call

/** Calling a class: its own vectorcall when it has one, else type_call. */
export function typeCall(callable: PyObject, args: PyObject[], kwnames: PyTuple | null): PyObject {
  const type = callable as PyType;
  if (type.tp_vectorcall !== undefined) return type.tp_vectorcall(type, args, kwnames);
  return typeCallSlots(type, args, kwnames);
}

/** @cpython Objects/typeobject.c type_call: tp_new, then tp_init when it made an instance. */
function typeCallSlots(type: PyType, args: PyObject[], kwnames: PyTuple | null): PyObject {
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  if (type === TypeType && args.length === 1 && nkw === 0) {
    const t = args[0].type;
    t.refcnt++;
    return t;
  }
  if (type.tp_new === undefined) typeError(`cannot create '${type.name}' instances`);
  const obj = type.tp_new!(type, args, kwnames);
  if (!obj.type.isSubtypeOf(type)) return obj;
  const init = obj.type.tp_init;
  if (init !== undefined) {
    try {
      init(obj, args, kwnames);
    } catch (e) {
      decref(obj);
      throw e;
    }
  }
  return obj;
}

/** type(name, bases, dict) and type.__new__. */
function typeTpNew(metatype: PyType, args: PyObject[], kwnames: PyTuple | null): PyObject {
  const nkw = kwnames?.items.length ?? 0;
  if (args.length - nkw !== 3) typeError(`type() takes 1 or 3 arguments`);
  const [name, bases, ns] = args;
  if (!isStr(name)) typeError(`type.__new__() argument 1 must be str, not ${name.type.name}`);
  if (!isTuple(bases)) typeError(`type.__new__() argument 2 must be tuple, not ${bases.type.name}`);
  if (!isDict(ns)) typeError(`type.__new__() argument 3 must be dict, not ${ns.type.name}`);
  return typeNew(metatype, name as PyStr, bases as PyTuple, ns as PyDict, args.slice(3), kwnames);
}

/** __class_getitem__ support for `list[int]`-style expressions is not modelled. */
export function classGetItem(type: PyType, key: PyObject): PyObject {
  const f = typeLookupId(type, '__class_getitem__');
  if (f !== null) {
    const bound = f.type.tp_descr_get ? f.type.tp_descr_get(f, null, type) : (incref(f), f);
    try {
      return call(bound, [key]);
    } finally {
      decref(bound);
    }
  }
  return typeError(`type '${type.name}' is not subscriptable`);
}

// ------------------------------------------------------------ type's attributes

function typeRepr(o: PyObject): PyObject {
  const t = o as PyType;
  const mod = t.module;
  if (mod !== 'builtins') return newStr(`<class '${mod}.${t.qualname}'>`);
  return newStr(`<class '${t.qualname}'>`);
}

export function isType(o: PyObject): o is PyType {
  return o.type === TypeType || o.type.isSubtypeOf(TypeType);
}

TypeType.tp_dealloc = typeDealloc;
TypeType.tp_traverse = typeTraverse;
TypeType.tp_clear = typeClear;
TypeType.tp_sizeof = typeSizeof;
TypeType.tp_call = typeCall;
/** A class is called by vectorcall when it has one (list, dict, …); others get a tuple. */
TypeType.hasVectorcall = (o) => (o as PyType).tp_vectorcall !== undefined;
/** type_vectorcall: `type(x)` directly, anything else through _PyObject_MakeTpCall. */
TypeType.tp_vectorcall = (meta, args, kwnames) => {
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  if (meta === TypeType && args.length === 1 && nkw === 0) {
    const t = args[0].type;
    t.refcnt++;
    return t;
  }
  return makeTpCall(meta, args, kwnames, (m, a, k) => typeCallSlots(m as PyType, a, k));
};
TypeType.tp_new = typeTpNew;
TypeType.tp_getattro = typeGetAttro;
TypeType.tp_setattro = typeSetAttro;
TypeType.tp_repr = typeRepr;
TypeType.tp_hash = (o) => Math.floor(o.addr / 16);
TypeType.weakrefable = true;
// tp_dictoffset: a class has its __dict__, so a metaclass adds no __dict__ descriptor.
TypeType.hasInstanceDict = true;

TypeType.getsetSpecs.push(
  {
    name: '__name__',
    // A static type's tp_name may carry its module ("collections.deque"): __name__ is the rest.
    get: (o) => {
      const names = htNamesOf.get(o as PyType);
      if (names !== undefined) return newref(names.name);
      const n = (o as PyType).name;
      return newStr((o as PyType).isHeapType ? n : n.slice(n.lastIndexOf('.') + 1));
    },
    set: (o, v) => setTypeName(o as PyType, v, 'name'),
  },
  {
    name: '__qualname__',
    get: (o) => {
      const names = htNamesOf.get(o as PyType);
      return names !== undefined ? newref(names.qualname) : newStr((o as PyType).qualname);
    },
    set: (o, v) => setTypeName(o as PyType, v, 'qualname'),
  },
  {
    name: '__module__',
    get: (o) => {
      const t = o as PyType;
      if (t.isHeapType && t.dict !== null) {
        const m = dictGetStr(t.dict, staticId('__module__'));
        if (m !== null) return (m.refcnt++, m);
      }
      return newStr(t.module);
    },
    /** type_set_module: heap types store it in their dict. */
    set: (o, v) => {
      const t = o as PyType;
      if (!t.isHeapType) typeError(`cannot set '__module__' attribute of immutable type '${t.name}'`);
      if (v === null) typeError(`cannot delete '__module__' attribute of immutable type '${t.name}'`);
      setClassAttr(t.dict!, '__module__', v!);
      if (isStr(v!)) t.module = (v as PyStr).value;
      t.modified();
    },
  },
  { name: '__dict__', get: (o) => newMappingProxy((o as PyType).dict!) },
  {
    name: '__bases__',
    get: (o) => {
      const b = (o as PyType).bases;
      if (b === null) return (EmptyTuple.refcnt++, EmptyTuple);
      return (b.refcnt++, b);
    },
  },
  {
    name: '__base__',
    get: (o) => {
      const b = (o as PyType).base ?? None;
      b.refcnt++;
      return b;
    },
  },
  {
    name: '__mro__',
    get: (o) => {
      const t = o as PyType;
      if (t.mroTuple !== null) return (t.mroTuple.refcnt++, t.mroTuple);
      return tupleFromBorrowed(t.mro);
    },
  },
  {
    name: '__doc__',
    get: (o) => {
      const t = o as PyType;
      if (t.dict !== null) {
        const d = dictGetStr(t.dict, staticId('__doc__'));
        if (d !== null) {
          const get = d.type.tp_descr_get;
          if (get !== undefined) return get(d, null, t);
          return (d.refcnt++, d);
        }
      }
      return t.doc !== null ? newStr(t.doc) : (None.refcnt++, None);
    },
  },
);

function setTypeName(t: PyType, v: PyObject | null, which: 'name' | 'qualname'): void {
  if (!t.isHeapType) typeError(`cannot set '__${which}__' attribute of immutable type '${t.name}'`);
  if (v === null) typeError(`cannot delete '__${which}__' attribute of immutable type '${t.name}'`);
  if (!isStr(v!)) typeError(`can only assign string to ${t.name}.__${which}__, not '${v!.type.name}'`);
  t[which] = (v as PyStr).value;
  const names = htNamesOf.get(t);
  if (names !== undefined) {
    const old = names[which];
    names[which] = newref(v as PyStr);
    decref(old);
  }
}

TypeType.methodSpecs.push(
  {
    name: 'mro',
    call: (self) => {
      const { newList } = listobject;
      return newList((self as PyType).mro.map((t) => (incref(t), t)));
    },
  },
  {
    name: '__subclasses__',
    call: (self) => {
      const { newList } = listobject;
      return newList((self as PyType).subclasses.map((t) => (incref(t), t)));
    },
  },
  {
    name: '__instancecheck__',
    call: (self, args) => {
      const { newBool } = boolobject;
      return newBool(args[0].type.isSubtypeOf(self as PyType));
    },
  },
  {
    name: '__subclasscheck__',
    call: (self, args) => {
      const { newBool } = boolobject;
      return newBool(isType(args[0]) && (args[0] as PyType).isSubtypeOf(self as PyType));
    },
  },
);
import * as listobject from './listobject';
import * as boolobject from './boolobject';

export {
  PyGetSetDescr,
  PyMethodDescr,
  TypeErrorType,
  raise,
  isTrue,
  StrType,
  DictType,
  dictItems,
  newTuple,
  newDict,
  pyFree,
};
