/**
 * PyObject and PyTypeObject: the header every object carries, the type's slots, and
 * reference counting. @cpython Include/object.h, Objects/object.c (3.11)
 *
 * Reference conventions follow the C API: a function that returns an object returns a
 * NEW reference unless its name says `borrowed`; arguments are borrowed. Errors are
 * Python exception objects thrown as JS exceptions (see vm/errors.ts).
 */
import type { PyDict } from './dictobject';
import type { PyStr } from './unicodeobject';
import type { PyTuple } from './tupleobject';
import type { DictKeys } from './dictobject';
import type { PyWeakRef } from './weakrefobject';

/** A reference from one object to another, as tp_traverse reports it (with a graph label). */
export type Visit = (referent: PyObject, label: string) => void;

/**
 * Whether tp_traverse calls need their labels. The collector's own traversals ignore them,
 * so it turns this off while it counts references: the hot traverses (list, tuple, dict,
 * instance) then pass '' instead of building a string per reference.
 */
export let traverseLabels = true;
export function setTraverseLabels(on: boolean): boolean {
  const was = traverseLabels;
  traverseLabels = on;
  return was;
}

/** GC header flag bits (the low bits of `_gc_prev` in CPython). */
export const enum GCFlag {
  /** tp_finalize (`__del__`) has run: never run it again. @cpython _PyGC_PREV_MASK_FINALIZED */
  FINALIZED = 1,
  /** In the generation being collected. @cpython _PyGC_PREV_MASK_COLLECTING */
  COLLECTING = 2,
  /** Tentatively unreachable during move_unreachable. @cpython NEXT_MASK_UNREACHABLE */
  UNREACHABLE = 4,
}

export const enum TypeFlag {
  HEAPTYPE = 1 << 9,
  BASETYPE = 1 << 10,
  HAVE_GC = 1 << 14,
  MANAGED_DICT = 1 << 4,
  /** LOAD_METHOD may skip creating a bound method. @cpython Py_TPFLAGS_METHOD_DESCRIPTOR */
  METHOD_DESCRIPTOR = 1 << 17,
  LONG_SUBCLASS = 1 << 24,
  LIST_SUBCLASS = 1 << 25,
  TUPLE_SUBCLASS = 1 << 26,
  UNICODE_SUBCLASS = 1 << 28,
  DICT_SUBCLASS = 1 << 29,
  BASE_EXC_SUBCLASS = 1 << 30,
  TYPE_SUBCLASS = 1 << 31,
}

/** Rich comparison operators, in CPython's order (Py_LT … Py_GE). */
export const enum CompareOp {
  LT = 0,
  LE = 1,
  EQ = 2,
  NE = 3,
  GT = 4,
  GE = 5,
}

/** Per-instance extras for instances of heap types whose base is a builtin type. */
export interface InstanceExtra {
  dict: PyDict | null;
}

export class PyObject {
  /** ob_refcnt. */
  refcnt = 1;
  /** The object's address: what id() returns. 0 until allocated. */
  addr = 0;
  /**
   * Birth number within the run (0: static or not yet allocated). Addresses are reused,
   * so the lab's views identify an object across steps by this.
   */
  serial = 0;
  // The fields below start on PyObject.prototype (null or 0) and become the object's own
  // only when needed: a JS object per Python object is the engine's main memory cost, and
  // ints, floats and strs never use them. GC objects get the GC header at construction, so
  // that the collector sees one shape per class.
  /** GC list links; null while not tracked. */
  gcNext!: PyObject | null;
  gcPrev!: PyObject | null;
  /** gc_refs during a collection. */
  gcRefs!: number;
  gcFlags!: number;
  /** The weak references to this object, basic ref first (tp_weaklistoffset). */
  weakrefs!: PyWeakRef | null;
  /** For instances of heap types built on a builtin base: the instance __dict__. */
  extra!: InstanceExtra | null;
  constructor(public type: PyType) {
    // `type` is null only while the first types are made (their metatype is patched in).
    if (type !== null && (type.flags & TypeFlag.HAVE_GC) !== 0) {
      this.gcNext = null;
      this.gcPrev = null;
      this.gcRefs = 0;
      this.gcFlags = 0;
    }
  }
}
PyObject.prototype.gcNext = null;
PyObject.prototype.gcPrev = null;
PyObject.prototype.gcRefs = 0;
PyObject.prototype.gcFlags = 0;
PyObject.prototype.weakrefs = null;
PyObject.prototype.extra = null;

// -------------------------------------------------------------- reference counting

export function incref(o: PyObject): void {
  o.refcnt++;
}

/** Py_NewRef: incref and return, for returning a borrowed object as a new reference. */
export function newref<T extends PyObject>(o: T): T {
  o.refcnt++;
  return o;
}

/** Py_DECREF: an object whose count reaches zero goes to its type's tp_dealloc. */
export function decref(o: PyObject): void {
  if (--o.refcnt === 0) o.type.tp_dealloc(o);
}

export function xdecref(o: PyObject | null | undefined): void {
  if (o != null && --o.refcnt === 0) o.type.tp_dealloc(o);
}

export function xincref(o: PyObject | null | undefined): void {
  if (o != null) o.refcnt++;
}

// ---------------------------------------------------------------------- type slots

export type UnaryFunc = (o: PyObject) => PyObject;
export type BinaryFunc = (a: PyObject, b: PyObject) => PyObject;
/** Vectorcall: positional args followed by keyword values; kwnames names the tail. */
export type CallFunc = (callable: PyObject, args: PyObject[], kwnames: PyTuple | null) => PyObject;

/** The binary number slots, in PyNumberMethods order. */
export const NUMBER_SLOTS = [
  'nb_add',
  'nb_subtract',
  'nb_multiply',
  'nb_matrix_multiply',
  'nb_true_divide',
  'nb_floor_divide',
  'nb_remainder',
  'nb_power',
  'nb_lshift',
  'nb_rshift',
  'nb_and',
  'nb_or',
  'nb_xor',
  'nb_divmod',
] as const;

/** Names of the binary number slots, as in PyNumberMethods. */
export type NumberSlot = (typeof NUMBER_SLOTS)[number];

export type InplaceSlot =
  | 'nb_inplace_add'
  | 'nb_inplace_subtract'
  | 'nb_inplace_multiply'
  | 'nb_inplace_matrix_multiply'
  | 'nb_inplace_true_divide'
  | 'nb_inplace_floor_divide'
  | 'nb_inplace_remainder'
  | 'nb_inplace_power'
  | 'nb_inplace_lshift'
  | 'nb_inplace_rshift'
  | 'nb_inplace_and'
  | 'nb_inplace_or'
  | 'nb_inplace_xor';

/** A method, getter or member a builtin type puts in its tp_dict when it is readied. */
export interface MethodSpec {
  name: string;
  /** self is borrowed; args and kwnames as in vectorcall. */
  call: (self: PyObject, args: PyObject[], kwnames: PyTuple | null) => PyObject;
  kind?: 'method' | 'classmethod' | 'staticmethod';
  /** METH_VARARGS: CPython passes the arguments as a tuple (an allocation per call). */
  varargs?: boolean;
}
export interface GetSetSpec {
  name: string;
  get: (self: PyObject) => PyObject;
  set?: (self: PyObject, value: PyObject | null) => void;
}

export class PyType extends PyObject {
  name: string;
  qualname: string;
  module = 'builtins';
  flags: number;
  basicsize: number;
  itemsize = 0;
  base: PyType | null;
  /** tp_bases and tp_mro as tuples (real objects: they hold references); mro also as an array. */
  bases: PyTuple | null = null;
  mroTuple: PyTuple | null = null;
  mro: PyType[] = [];
  dict: PyDict | null = null;
  /** Subclasses, to invalidate lookup caches when a class attribute changes. */
  subclasses: PyType[] = [];
  /** tp_subclasses: `{id(sub): weakref.ref(sub)}` once a subclass was made (typesubclasses.ts). */
  subclassRegistry: PyObject | null = null;
  /**
   * A builtin type of the engine that CPython 3.11 makes on the heap (PyType_FromSpec: a C
   * module's functools.partial, operator.itemgetter…): its size is a heap type's.
   */
  heapInCPython = false;
  /** Whether instances can be weakly referenced (tp_weaklistoffset != 0). */
  weakrefable = false;
  /** tp_dictoffset != 0: instances have a __dict__ (managed or not). */
  hasInstanceDict = false;
  /** Heap types with a managed dict: the shared keys of their instances (ht_cached_keys). */
  cachedKeys: DictKeys | null = null;
  /** Names of __slots__ declared by this type itself, in order. */
  slotNames: string[] = [];
  /** Offset (in slots) where this type's own __slots__ start in the instance. */
  slotBase = 0;
  /** Lookup cache for _PyType_Lookup, invalidated by type attribute changes. */
  lookupCache = new Map<string, PyObject | null>();
  /** tp_version_tag: 0 until the method cache first stores a lookup on this type (typecache.ts). */
  versionTag = 0;
  /** Builtin types describe their methods here; readyType turns them into descriptors. */
  methodSpecs: MethodSpec[] = [];
  getsetSpecs: GetSetSpec[] = [];
  /** The `__doc__` of builtin types, when the engine provides one. */
  doc: string | null = null;

  // ---- slots: undefined means "inherit" (readyType copies from the base) ----
  // Every slot is initialised here (to undefined), in this order, so that all type objects
  // share one V8 hidden class: `o.type.tp_xxx` is then a fixed-offset load everywhere, not
  // a megamorphic lookup (each type used to get its own class from its own slot order).
  tp_dealloc: (o: PyObject) => void = undefined!;
  tp_traverse?: (o: PyObject, visit: Visit) => void = undefined;
  tp_clear?: (o: PyObject) => void = undefined;
  tp_finalize?: (o: PyObject) => void = undefined;
  tp_repr?: UnaryFunc = undefined;
  tp_str?: UnaryFunc = undefined;
  tp_hash?: (o: PyObject) => number = undefined;
  tp_richcompare?: (a: PyObject, b: PyObject, op: CompareOp) => PyObject = undefined;
  /** Returns a new reference, or null when the attribute does not exist (no exception set). */
  tp_getattro?: (o: PyObject, name: PyStr) => PyObject | null = undefined;
  /** value null deletes. */
  tp_setattro?: (o: PyObject, name: PyStr, value: PyObject | null) => void = undefined;
  tp_call?: CallFunc = undefined;
  /**
   * Whether calling an instance goes by vectorcall (Py_TPFLAGS_HAVE_VECTORCALL and a
   * non-NULL vectorcall pointer). When not, _PyObject_MakeTpCall packs the arguments
   * into a tuple (and keywords into a dict) for tp_call. Not inherited.
   */
  hasVectorcall?: (callable: PyObject) => boolean = undefined;
  tp_iter?: UnaryFunc = undefined;
  /** Returns a new reference, or null when exhausted (no StopIteration object is made). */
  tp_iternext?: (o: PyObject) => PyObject | null = undefined;
  /** obj null means looked up on the type itself. */
  tp_descr_get?: (descr: PyObject, obj: PyObject | null, type: PyType) => PyObject = undefined;
  tp_descr_set?: (descr: PyObject, obj: PyObject, value: PyObject | null) => void = undefined;
  tp_init?: (self: PyObject, args: PyObject[], kwnames: PyTuple | null) => void = undefined;
  tp_new?: (type: PyType, args: PyObject[], kwnames: PyTuple | null) => PyObject = undefined;
  /** Alternative to tp_new+tp_init for builtin types called directly (vectorcall). */
  tp_vectorcall?: CallFunc = undefined;
  /** __length_hint__ of iterators (PyObject_LengthHint). */
  lengthHint?: (o: PyObject) => number = undefined;
  /** `__sizeof__`, without the GC and managed-dict pre-header. */
  tp_sizeof?: (o: PyObject) => number = undefined;

  nb_bool?: (o: PyObject) => boolean = undefined;
  nb_index?: UnaryFunc = undefined;
  nb_int?: UnaryFunc = undefined;
  nb_float?: UnaryFunc = undefined;
  nb_negative?: UnaryFunc = undefined;
  nb_positive?: UnaryFunc = undefined;
  nb_invert?: UnaryFunc = undefined;
  nb_absolute?: UnaryFunc = undefined;
  nb_add?: BinaryFunc = undefined;
  nb_subtract?: BinaryFunc = undefined;
  nb_multiply?: BinaryFunc = undefined;
  nb_matrix_multiply?: BinaryFunc = undefined;
  nb_true_divide?: BinaryFunc = undefined;
  nb_floor_divide?: BinaryFunc = undefined;
  nb_remainder?: BinaryFunc = undefined;
  nb_power?: BinaryFunc = undefined;
  nb_lshift?: BinaryFunc = undefined;
  nb_rshift?: BinaryFunc = undefined;
  nb_and?: BinaryFunc = undefined;
  nb_or?: BinaryFunc = undefined;
  nb_xor?: BinaryFunc = undefined;
  nb_divmod?: BinaryFunc = undefined;
  nb_inplace_add?: BinaryFunc = undefined;
  nb_inplace_subtract?: BinaryFunc = undefined;
  nb_inplace_multiply?: BinaryFunc = undefined;
  nb_inplace_matrix_multiply?: BinaryFunc = undefined;
  nb_inplace_true_divide?: BinaryFunc = undefined;
  nb_inplace_floor_divide?: BinaryFunc = undefined;
  nb_inplace_remainder?: BinaryFunc = undefined;
  nb_inplace_power?: BinaryFunc = undefined;
  nb_inplace_lshift?: BinaryFunc = undefined;
  nb_inplace_rshift?: BinaryFunc = undefined;
  nb_inplace_and?: BinaryFunc = undefined;
  nb_inplace_or?: BinaryFunc = undefined;
  nb_inplace_xor?: BinaryFunc = undefined;

  /** sq_length / mp_length. */
  mp_length?: (o: PyObject) => number = undefined;
  mp_subscript?: BinaryFunc = undefined;
  /** value null deletes. */
  mp_ass_subscript?: (o: PyObject, key: PyObject, value: PyObject | null) => void = undefined;
  sq_contains?: (o: PyObject, item: PyObject) => boolean = undefined;
  /** `+` and `*` of sequences, tried after the number slots (PySequenceMethods). */
  sq_concat?: BinaryFunc = undefined;
  sq_repeat?: (o: PyObject, n: number) => PyObject = undefined;
  sq_inplace_concat?: BinaryFunc = undefined;
  sq_inplace_repeat?: (o: PyObject, n: number) => PyObject = undefined;

  constructor(init: {
    name: string;
    qualname?: string;
    base: PyType | null;
    basicsize: number;
    itemsize?: number;
    flags?: number;
    metatype?: PyType;
  }) {
    // The metatype of the very first type (`type`) is itself: patched by the caller.
    super(init.metatype ?? (null as unknown as PyType));
    this.name = init.name;
    this.qualname = init.qualname ?? init.name;
    this.base = init.base;
    this.basicsize = init.basicsize;
    this.itemsize = init.itemsize ?? 0;
    this.flags = init.flags ?? 0;
  }

  get isGC(): boolean {
    return (this.flags & TypeFlag.HAVE_GC) !== 0;
  }
  get isHeapType(): boolean {
    return (this.flags & TypeFlag.HEAPTYPE) !== 0;
  }
  get hasManagedDict(): boolean {
    return (this.flags & TypeFlag.MANAGED_DICT) !== 0;
  }
  /** Bytes in front of the object: managed-dict pointers, then the GC head. */
  get preheaderSize(): number {
    return (this.isGC ? 16 : 0) + (this.hasManagedDict ? 16 : 0);
  }
  /** PyType_IsSubtype, by the MRO. */
  isSubtypeOf(other: PyType): boolean {
    if (this === other) return true;
    const mro = this.mro;
    for (let i = 0; i < mro.length; i++) if (mro[i] === other) return true;
    return false;
  }
  /** Clears the lookup caches of this type and all its subclasses (PyType_Modified). */
  modified(): void {
    typeLookupEpoch++;
    this.lookupCache.clear();
    this.versionTag = 0;
    for (const sub of this.subclasses) sub.modified();
  }
}

/**
 * Bumped by every PyType.modified(): the one-entry lookup cache each attribute name keeps
 * (typeobject.ts typeLookup) is valid only for the epoch it was filled in.
 */
export let typeLookupEpoch = 0;

/** Whether `o` is an instance of `t` or of a subclass (PyObject_TypeCheck). */
export function typeCheck(o: PyObject, t: PyType): boolean {
  return o.type === t || o.type.isSubtypeOf(t);
}
