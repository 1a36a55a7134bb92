/**
 * The link between dunder methods and type slots, both ways:
 *  - a class that defines `__repr__` gets a tp_repr that calls it (slot_tp_repr …);
 *  - a builtin type's slot is visible from Python as a wrapper_descriptor
 *    (`object.__init__`, `int.__add__`), which `super()` and explicit calls use.
 * @cpython Objects/typeobject.c slotdefs, update_one_slot, slot_*, wrap_* (3.11)
 */
import {
  CompareOp,
  PyObject,
  PyType,
  TypeFlag,
  decref,
  incref,
  type BinaryFunc,
  type NumberSlot,
  type InplaceSlot,
} from './object';
import { staticType } from './roots';
import { PyStr, isStr, newStr, staticId } from './unicodeobject';
import { formatAddress } from './address';
import { None, NotImplemented, newNotImplemented } from './noneobject';
import { True, False, newBool } from './boolobject';
import { tupleFromBorrowed, type PyTuple } from './tupleobject';
import { PyLong, isInt, intHashExact } from './longobject';
import { OverflowErrorType, StopIterationType } from './exceptions';
import { typeLookup, genericGetAttr, genericSetAttr } from './typeobject';
import { call, isAttributeError, isTrue, missingAttribute, richCompareBool } from './abstract';
import { typeError } from '../vm/errors';
import { allocGCObject, gcDel } from '../memory/alloc';
import { placeStatic } from '../memory/static';
import { rt } from '../vm/runtime';
import { writeUnraisable } from '../vm/unraisable';

// -------------------------------------------------------------- calling dunders

/**
 * lookup_maybe_method + call: finds the dunder on the type and calls it with self first,
 * without creating a bound method for functions (vectorcall_method). Null if absent.
 */
export function callSpecial(
  self: PyObject,
  name: string,
  args: PyObject[],
  kwnames: PyTuple | null = null,
): PyObject | null {
  const type = self.type;
  const f = typeLookup(type, staticId(name));
  if (f === null) return null;
  incref(f);
  try {
    if (f.type.flags & TypeFlag.METHOD_DESCRIPTOR) return call(f, [self, ...args], kwnames);
    const get = f.type.tp_descr_get;
    if (get === undefined) return call(f, args, kwnames);
    const bound = get(f, self, type);
    try {
      return call(bound, args, kwnames);
    } finally {
      decref(bound);
    }
  } finally {
    decref(f);
  }
}

function callRequired(self: PyObject, name: string, args: PyObject[]): PyObject {
  const r = callSpecial(self, name, args);
  if (r === null) missingAttribute(self, staticId(name));
  return r!;
}

// ------------------------------------------------------ dispatchers (slot_*)

const slotRepr = (self: PyObject) => callRequired(self, '__repr__', []);
const slotStr = (self: PyObject) => callRequired(self, '__str__', []);

/**
 * slot_tp_hash: __hash__'s int as it is when a Py_hash_t holds it, else long_hash of it;
 * -1 becomes -2. Exact (a bigint): the int may need 64 bits.
 */
export function slotHashExact(self: PyObject): bigint {
  const f = typeLookup(self.type, staticId('__hash__'));
  if (f === null || f === None) typeError(`unhashable type: '${self.type.name}'`);
  const r = callSpecial(self, '__hash__', [])!;
  try {
    if (!isInt(r)) typeError('__hash__ method should return an integer');
    const v = (r as PyLong).value;
    let h: bigint;
    if (typeof v === 'number') h = BigInt(v);
    else if (v >= -(1n << 63n) && v < 1n << 63n) h = v;
    else h = BigInt(intHashExact(v));
    return h === -1n ? -2n : h;
  } finally {
    decref(r);
  }
}

export function slotHash(self: PyObject): number {
  return Number(slotHashExact(self));
}

const RICH_NAMES = ['__lt__', '__le__', '__eq__', '__ne__', '__gt__', '__ge__'];
function slotRichCompare(self: PyObject, other: PyObject, op: CompareOp): PyObject {
  const r = callSpecial(self, RICH_NAMES[op], [other]);
  return r ?? newNotImplemented();
}

function slotCall(self: PyObject, args: PyObject[], kwnames: PyTuple | null): PyObject {
  const r = callSpecial(self, '__call__', args, kwnames);
  if (r === null) typeError(`'${self.type.name}' object is not callable`);
  return r!;
}

function slotIter(self: PyObject): PyObject {
  const f = typeLookup(self.type, staticId('__iter__'));
  if (f === None) typeError(`'${self.type.name}' object is not iterable`);
  return callRequired(self, '__iter__', []);
}

/** slot_tp_iternext: StopIteration from __next__ means exhausted (null). */
function slotIterNext(self: PyObject): PyObject | null {
  try {
    return callRequired(self, '__next__', []);
  } catch (e) {
    if (e instanceof PyObject && e.type.isSubtypeOf(StopIterationType)) {
      decref(e);
      return null;
    }
    throw e;
  }
}

/** slot_tp_getattr_hook: __getattribute__, then __getattr__ on AttributeError. */
function slotGetAttrHook(self: PyObject, name: PyStr): PyObject | null {
  const type = self.type;
  const getattribute = typeLookup(type, staticId('__getattribute__'));
  let res: PyObject | null;
  try {
    if (getattribute === null || getattribute === objectGetAttributeWrapper) res = genericGetAttr(self, name);
    else res = callSpecial(self, '__getattribute__', [name]);
  } catch (e) {
    if (!isAttributeError(e)) throw e;
    decref(e as PyObject);
    res = null;
  }
  if (res !== null) return res;
  const getattr = typeLookup(type, staticId('__getattr__'));
  if (getattr === null) return null;
  return callSpecial(self, '__getattr__', [name]);
}

function slotSetAttr(self: PyObject, name: PyStr, value: PyObject | null): void {
  const r =
    value === null
      ? callRequired(self, '__delattr__', [name])
      : callRequired(self, '__setattr__', [name, value]);
  decref(r);
}

function slotDescrGet(self: PyObject, obj: PyObject | null, type: PyType): PyObject {
  return callRequired(self, '__get__', [obj ?? None, type]);
}

function slotDescrSet(self: PyObject, obj: PyObject, value: PyObject | null): void {
  const r =
    value === null ? callRequired(self, '__delete__', [obj]) : callRequired(self, '__set__', [obj, value]);
  decref(r);
}

function slotInit(self: PyObject, args: PyObject[], kwnames: PyTuple | null): void {
  const r = callSpecial(self, '__init__', args, kwnames);
  if (r === null) return;
  if (r !== None) {
    const name = r.type.name;
    decref(r);
    typeError(`__init__() should return None, not '${name}'`);
  }
  decref(r);
}

/** slot_tp_new: type.__new__ is a staticmethod taking the class first. */
function slotNew(type: PyType, args: PyObject[], kwnames: PyTuple | null): PyObject {
  const f = typeLookup(type, staticId('__new__'))!;
  const get = f.type.tp_descr_get;
  const fn = get !== undefined ? get(f, null, type) : (incref(f), f);
  try {
    return call(fn, [type, ...args], kwnames);
  } finally {
    decref(fn);
  }
}

/** slot_tp_finalize: __del__; an exception is reported as unraisable, not raised. */
function slotFinalize(self: PyObject): void {
  const del = typeLookup(self.type, staticId('__del__'));
  if (del === null) return;
  incref(del);
  const savedError = rt.errorInFlight;
  try {
    const r = callSpecial(self, '__del__', []);
    if (r !== null) decref(r);
  } catch (e) {
    writeUnraisable(e, del, 'Exception ignored in');
  } finally {
    rt.errorInFlight = savedError;
    decref(del);
  }
}

function slotBool(self: PyObject): boolean {
  let r = callSpecial(self, '__bool__', []);
  if (r !== null) {
    try {
      if (r !== True && r !== False) typeError(`__bool__ should return bool, returned ${r.type.name}`);
      return r === True;
    } finally {
      decref(r);
    }
  }
  r = callSpecial(self, '__len__', []);
  if (r === null) return true;
  try {
    return lengthResult(r) > 0;
  } finally {
    decref(r);
  }
}

function lengthResult(r: PyObject): number {
  if (!isInt(r)) typeError(`'${r.type.name}' object cannot be interpreted as an integer`);
  const v = (r as PyLong).value;
  if (typeof v !== 'number' || v < 0) {
    if (typeof v === 'number' || v < 0n) raiseLenNegative();
    typeError(`cannot fit 'int' into an index-sized integer`);
  }
  return v as number;
}
function raiseLenNegative(): never {
  const { valueError } = errorsModule;
  return valueError('__len__() should return >= 0');
}
import * as errorsModule from '../vm/errors';

function slotLength(self: PyObject): number {
  const r = callRequired(self, '__len__', []);
  try {
    return lengthResult(r);
  } finally {
    decref(r);
  }
}

const slotGetItem = (self: PyObject, key: PyObject) => callRequired(self, '__getitem__', [key]);

function slotAssSubscript(self: PyObject, key: PyObject, value: PyObject | null): void {
  const r =
    value === null
      ? callRequired(self, '__delitem__', [key])
      : callRequired(self, '__setitem__', [key, value]);
  decref(r);
}

function slotContains(self: PyObject, item: PyObject): boolean {
  const f = typeLookup(self.type, staticId('__contains__'));
  if (f === null || f === None) {
    const { contains } = abstractModule;
    // Fall back to iteration, like _PySequence_IterSearch.
    const saved = self.type.sq_contains;
    self.type.sq_contains = undefined;
    try {
      return contains(self, item);
    } finally {
      self.type.sq_contains = saved;
    }
  }
  const r = callSpecial(self, '__contains__', [item])!;
  try {
    return isTrue(r);
  } finally {
    decref(r);
  }
}
import * as abstractModule from './abstract';

const unarySlot = (name: string) => (self: PyObject) => callRequired(self, name, []);

/** SLOT1BINFULL: the left operand's dunder, or the right's reflected one. */
function binarySlot(slot: NumberSlot, dunder: string, rdunder: string): BinaryFunc {
  const fn: BinaryFunc = (self, other) => {
    let doOther = self.type !== other.type && other.type[slot] === fn;
    if (self.type[slot] === fn) {
      if (doOther && other.type.isSubtypeOf(self.type) && methodIsOverloaded(self, other, rdunder)) {
        const r = callSpecial(other, rdunder, [self]) ?? newNotImplemented();
        if (r !== NotImplemented) return r;
        decref(r);
        doOther = false;
      }
      const r = callSpecial(self, dunder, [other]) ?? newNotImplemented();
      if (r !== NotImplemented || other.type === self.type) return r;
      decref(r);
    }
    if (doOther) return callSpecial(other, rdunder, [self]) ?? newNotImplemented();
    return newNotImplemented();
  };
  return fn;
}

function methodIsOverloaded(left: PyObject, right: PyObject, name: string): boolean {
  const b = typeLookup(right.type, staticId(name));
  if (b === null) return false;
  const a = typeLookup(left.type, staticId(name));
  if (a === null) return true;
  return !richCompareBool(a, b, CompareOp.NE) ? false : true;
}

const inplaceSlot = (dunder: string) => (self: PyObject, other: PyObject) =>
  callSpecial(self, dunder, [other]) ?? newNotImplemented();

// ----------------------------------------------------------------- the table

interface SlotDef {
  dunders: string[];
  slot: keyof PyType;
  dispatch: unknown;
}

const BINARY: [NumberSlot, string][] = [
  ['nb_add', 'add'],
  ['nb_subtract', 'sub'],
  ['nb_multiply', 'mul'],
  ['nb_matrix_multiply', 'matmul'],
  ['nb_true_divide', 'truediv'],
  ['nb_floor_divide', 'floordiv'],
  ['nb_remainder', 'mod'],
  ['nb_power', 'pow'],
  ['nb_lshift', 'lshift'],
  ['nb_rshift', 'rshift'],
  ['nb_and', 'and'],
  ['nb_or', 'or'],
  ['nb_xor', 'xor'],
  ['nb_divmod', 'divmod'],
];

const SLOTDEFS: SlotDef[] = [
  { dunders: ['__repr__'], slot: 'tp_repr', dispatch: slotRepr },
  { dunders: ['__str__'], slot: 'tp_str', dispatch: slotStr },
  { dunders: ['__hash__'], slot: 'tp_hash', dispatch: slotHash },
  { dunders: ['__call__'], slot: 'tp_call', dispatch: slotCall },
  { dunders: ['__iter__'], slot: 'tp_iter', dispatch: slotIter },
  { dunders: ['__next__'], slot: 'tp_iternext', dispatch: slotIterNext },
  { dunders: ['__getattribute__', '__getattr__'], slot: 'tp_getattro', dispatch: slotGetAttrHook },
  { dunders: ['__setattr__', '__delattr__'], slot: 'tp_setattro', dispatch: slotSetAttr },
  { dunders: ['__get__'], slot: 'tp_descr_get', dispatch: slotDescrGet },
  { dunders: ['__set__', '__delete__'], slot: 'tp_descr_set', dispatch: slotDescrSet },
  { dunders: ['__init__'], slot: 'tp_init', dispatch: slotInit },
  { dunders: ['__new__'], slot: 'tp_new', dispatch: slotNew },
  { dunders: ['__del__'], slot: 'tp_finalize', dispatch: slotFinalize },
  { dunders: RICH_NAMES, slot: 'tp_richcompare', dispatch: slotRichCompare },
  { dunders: ['__bool__', '__len__'], slot: 'nb_bool', dispatch: slotBool },
  { dunders: ['__len__'], slot: 'mp_length', dispatch: slotLength },
  { dunders: ['__getitem__'], slot: 'mp_subscript', dispatch: slotGetItem },
  { dunders: ['__setitem__', '__delitem__'], slot: 'mp_ass_subscript', dispatch: slotAssSubscript },
  { dunders: ['__contains__'], slot: 'sq_contains', dispatch: slotContains },
  { dunders: ['__index__'], slot: 'nb_index', dispatch: unarySlot('__index__') },
  { dunders: ['__int__'], slot: 'nb_int', dispatch: unarySlot('__int__') },
  { dunders: ['__float__'], slot: 'nb_float', dispatch: unarySlot('__float__') },
  { dunders: ['__neg__'], slot: 'nb_negative', dispatch: unarySlot('__neg__') },
  { dunders: ['__pos__'], slot: 'nb_positive', dispatch: unarySlot('__pos__') },
  { dunders: ['__invert__'], slot: 'nb_invert', dispatch: unarySlot('__invert__') },
  { dunders: ['__abs__'], slot: 'nb_absolute', dispatch: unarySlot('__abs__') },
  ...BINARY.map(([slot, op]) => ({
    dunders: [`__${op}__`, `__r${op}__`],
    slot: slot as keyof PyType,
    dispatch: binarySlot(slot, `__${op}__`, `__r${op}__`),
  })),
  ...BINARY.filter(([s]) => s !== 'nb_divmod').map(([slot, op]) => ({
    dunders: [`__i${op}__`],
    slot: slot.replace('nb_', 'nb_inplace_') as InplaceSlot as keyof PyType,
    dispatch: inplaceSlot(`__i${op}__`),
  })),
];

/** Whether `name` is defined by a class (a heap type) along the MRO of `type`. */
function definedByClass(type: PyType, name: string): boolean {
  const key = staticId(name);
  for (const t of type.mro) {
    if (t.dict === null) continue;
    const { dictGetStr } = dictModule;
    if (dictGetStr(t.dict, key) !== null) return t.isHeapType;
  }
  return false;
}
import * as dictModule from './dictobject';

/** fixup_slot_dispatchers: every dunder a class defines routes its slot to the dunder. */
export function installSlotDispatchers(type: PyType): void {
  const { dictGetStr, dictSetItem } = dictModule;
  const d = type.dict!;
  // A class defining __eq__ without __hash__ is unhashable (type_ready_set_hash).
  if (dictGetStr(d, staticId('__eq__')) !== null && dictGetStr(d, staticId('__hash__')) === null) {
    dictSetItem(d, staticId('__hash__'), None);
  }
  for (const def of SLOTDEFS) applySlotDef(type, def);
}

function applySlotDef(type: PyType, def: SlotDef): void {
  const target = type as unknown as Record<string, unknown>;
  if (def.dunders.some((n) => definedByClass(type, n))) {
    target[def.slot as string] = def.dispatch;
  } else if (def.slot === 'tp_hash' && typeLookup(type, staticId('__hash__')) === None) {
    target.tp_hash = undefined;
  }
}

/** update_slot: a dunder assigned or deleted on a class after its creation. */
export function updateSlot(type: PyType, name: string): void {
  for (const def of SLOTDEFS) {
    if (!def.dunders.includes(name)) continue;
    const apply = (t: PyType) => {
      t.modified();
      if (!definedByClass(t, name)) {
        const base = t.base as unknown as Record<string, unknown>;
        (t as unknown as Record<string, unknown>)[def.slot as string] = base[def.slot as string];
      }
      applySlotDef(t, def);
      for (const sub of t.subclasses) apply(sub);
    };
    apply(type);
  }
}

// ------------------------------------------------ wrapper_descriptor (wrap_*)

export const WrapperDescrType: PyType = staticType({
  name: 'wrapper_descriptor',
  basicsize: 56,
  flags: TypeFlag.HAVE_GC | TypeFlag.METHOD_DESCRIPTOR,
});
export const MethodWrapperType: PyType = staticType({
  name: 'method-wrapper',
  basicsize: 32,
  flags: TypeFlag.HAVE_GC,
});

type Wrapper = (self: PyObject, args: PyObject[], kwnames: PyTuple | null) => PyObject;

export class PyWrapperDescr extends PyObject {
  constructor(
    readonly name: string,
    readonly objclass: PyType,
    readonly wrap: Wrapper,
  ) {
    super(WrapperDescrType);
  }
}

export class PyMethodWrapper extends PyObject {
  constructor(
    public descr: PyWrapperDescr,
    public self: PyObject,
  ) {
    super(MethodWrapperType);
  }
}

function checkWrapperSelf(d: PyWrapperDescr, self: PyObject | undefined): PyObject {
  if (self === undefined)
    typeError(`descriptor '${d.name}' of '${d.objclass.name}' object needs an argument`);
  if (!self!.type.isSubtypeOf(d.objclass)) {
    typeError(
      `descriptor '${d.name}' requires a '${d.objclass.name}' object but received a '${self!.type.name}'`,
    );
  }
  return self!;
}

WrapperDescrType.tp_call = (callable, args, kwnames) => {
  const d = callable as PyWrapperDescr;
  const self = checkWrapperSelf(d, args[0]);
  // wrapperdescr_call slices the arguments after self into a tuple of their own.
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  const rest = tupleFromBorrowed(args.slice(1, args.length - nkw));
  try {
    return d.wrap(self, args.slice(1), kwnames);
  } finally {
    decref(rest);
  }
};
WrapperDescrType.tp_descr_get = (descr, obj) => {
  if (obj === null) return (descr.refcnt++, descr);
  const d = descr as PyWrapperDescr;
  checkWrapperSelf(d, obj);
  descr.refcnt++;
  obj.refcnt++;
  const w = allocGCObject(new PyMethodWrapper(d, obj), 32);
  rt.gc.track(w);
  return w;
};
WrapperDescrType.tp_dealloc = () => {
  throw new Error('deallocating a static wrapper descriptor');
};
WrapperDescrType.tp_traverse = () => {};
MethodWrapperType.tp_call = (callable, args, kwnames) => {
  const w = callable as PyMethodWrapper;
  return w.descr.wrap(w.self, args, kwnames);
};
MethodWrapperType.tp_dealloc = (o) => {
  const w = o as PyMethodWrapper;
  rt.gc.untrack(w);
  decref(w.descr);
  decref(w.self);
  gcDel(w);
};
MethodWrapperType.tp_traverse = (o, visit) => {
  const w = o as PyMethodWrapper;
  visit(w.descr, '__objclass__');
  visit(w.self, '__self__');
};

function noKw(name: string, kwnames: PyTuple | null): void {
  if (kwnames !== null && kwnames.items.length > 0) typeError(`${name}() takes no keyword arguments`);
}
function nArgs(name: string, args: PyObject[], n: number): void {
  if (args.length !== n) typeError(`expected ${n} argument${n === 1 ? '' : 's'}, got ${args.length}`);
  void name;
}

/** How a builtin type's slot is called from Python (wrap_* in typeobject.c). */
function wrapperFor(t: PyType, dunder: string): Wrapper | null {
  const unary = (
    slot:
      | 'tp_repr'
      | 'tp_str'
      | 'tp_iter'
      | 'nb_negative'
      | 'nb_positive'
      | 'nb_invert'
      | 'nb_absolute'
      | 'nb_index'
      | 'nb_int'
      | 'nb_float',
  ) =>
    t[slot] === undefined
      ? null
      : (self: PyObject, args: PyObject[], kw: PyTuple | null) => {
          noKw(dunder, kw);
          nArgs(dunder, args, 0);
          return self.type[slot] === t[slot] ? t[slot]!(self) : t[slot]!(self);
        };
  switch (dunder) {
    case '__repr__':
      return unary('tp_repr');
    case '__str__':
      return unary('tp_str');
    case '__iter__':
      return unary('tp_iter');
    case '__index__':
      return unary('nb_index');
    case '__neg__':
      return unary('nb_negative');
    case '__init__':
      return t.tp_init === undefined
        ? null
        : (self, args, kw) => {
            t.tp_init!(self, args, kw);
            None.refcnt++;
            return None;
          };
    case '__hash__':
      return t.tp_hash === undefined
        ? null
        : (self, args) => {
            nArgs(dunder, args, 0);
            const { newInt } = longModule;
            return newInt(t.tp_hash!(self));
          };
    case '__next__':
      return t.tp_iternext === undefined
        ? null
        : (self) => {
            const r = t.tp_iternext!(self);
            if (r === null) errorsModule.raise(StopIterationType);
            return r!;
          };
    case '__len__':
      return t.mp_length === undefined
        ? null
        : (self) => {
            const { newInt } = longModule;
            return newInt(t.mp_length!(self));
          };
    case '__getitem__':
      return t.mp_subscript === undefined
        ? null
        : (self, args) => (nArgs(dunder, args, 1), t.mp_subscript!(self, args[0]));
    case '__setitem__':
      return t.mp_ass_subscript === undefined
        ? null
        : (self, args) => {
            nArgs(dunder, args, 2);
            t.mp_ass_subscript!(self, args[0], args[1]);
            None.refcnt++;
            return None;
          };
    case '__delitem__':
      return t.mp_ass_subscript === undefined
        ? null
        : (self, args) => {
            nArgs(dunder, args, 1);
            t.mp_ass_subscript!(self, args[0], null);
            None.refcnt++;
            return None;
          };
    case '__contains__':
      return t.sq_contains === undefined
        ? null
        : (self, args) => (nArgs(dunder, args, 1), newBool(t.sq_contains!(self, args[0])));
    case '__call__':
      return t.tp_call === undefined ? null : (self, args, kw) => t.tp_call!(self, args, kw);
    case '__getattribute__':
      return t.tp_getattro === undefined
        ? null
        : (self, args) => {
            nArgs(dunder, args, 1);
            if (!isStr(args[0])) typeError(`attribute name must be string, not '${args[0].type.name}'`);
            const r = t.tp_getattro!(self, args[0] as PyStr);
            if (r === null) missingAttribute(self, args[0] as PyStr);
            return r!;
          };
    case '__setattr__':
      return t.tp_setattro === undefined
        ? null
        : (self, args) => {
            nArgs(dunder, args, 2);
            if (!isStr(args[0])) typeError(`attribute name must be string, not '${args[0].type.name}'`);
            t.tp_setattro!(self, args[0] as PyStr, args[1]);
            None.refcnt++;
            return None;
          };
    case '__delattr__':
      return t.tp_setattro === undefined
        ? null
        : (self, args) => {
            nArgs(dunder, args, 1);
            t.tp_setattro!(self, args[0] as PyStr, null);
            None.refcnt++;
            return None;
          };
    case '__get__':
      return t.tp_descr_get === undefined
        ? null
        : (self, args) =>
            t.tp_descr_get!(self, args[0] === None ? null : args[0], (args[1] ?? args[0].type) as PyType);
    case '__eq__':
    case '__ne__':
    case '__lt__':
    case '__le__':
    case '__gt__':
    case '__ge__': {
      if (t.tp_richcompare === undefined) return null;
      const op = RICH_NAMES.indexOf(dunder) as CompareOp;
      return (self, args) => (nArgs(dunder, args, 1), t.tp_richcompare!(self, args[0], op));
    }
    default: {
      const bin = BINARY.find(([, op]) => dunder === `__${op}__` || dunder === `__r${op}__`);
      if (bin !== undefined) {
        const f = t[bin[0]] as BinaryFunc | undefined;
        if (f === undefined) return null;
        const reflected =
          dunder.startsWith('__r') && dunder !== '__rshift__' ? true : dunder === '__rrshift__';
        return (self, args) => (nArgs(dunder, args, 1), reflected ? f(args[0], self) : f(self, args[0]));
      }
      // wrap_binaryfunc over an in-place slot: set.__iand__, dict.__ior__…
      const inplace = BINARY.find(([slot, op]) => slot !== 'nb_divmod' && dunder === `__i${op}__`);
      if (inplace !== undefined) {
        const f = t[inplace[0].replace('nb_', 'nb_inplace_') as InplaceSlot] as BinaryFunc | undefined;
        if (f === undefined) return null;
        return (self, args) => (nArgs(dunder, args, 1), f(self, args[0]));
      }
      return null;
    }
  }
}
import * as longModule from './longobject';

const WRAPPED_DUNDERS = [
  '__repr__',
  '__str__',
  '__hash__',
  '__call__',
  '__iter__',
  '__next__',
  '__getattribute__',
  '__setattr__',
  '__delattr__',
  '__get__',
  '__init__',
  '__eq__',
  '__ne__',
  '__lt__',
  '__le__',
  '__gt__',
  '__ge__',
  '__len__',
  '__getitem__',
  '__setitem__',
  '__delitem__',
  '__contains__',
  '__index__',
  '__neg__',
  ...BINARY.flatMap(([, op]) => [`__${op}__`, `__r${op}__`]),
  ...BINARY.filter(([slot]) => slot !== 'nb_divmod').map(([, op]) => `__i${op}__`),
];

/** Slot wrappers a builtin type exposes for the slots it defines itself. */
export function slotWrappersFor(t: PyType): [string, PyObject][] {
  const out: [string, PyObject][] = [];
  const own = t as unknown as Record<string, unknown>;
  const base = (t.base ?? null) as unknown as Record<string, unknown> | null;
  const add = (dunder: string, wrap: Wrapper) => {
    const d = new PyWrapperDescr(dunder, t, wrap);
    d.refcnt = 0; // the type's dict holds it, as in CPython
    placeStatic(d, 72, 16);
    if (t.name === 'object' && dunder === '__getattribute__') objectGetAttributeWrapper = d;
    out.push([dunder, d]);
  };
  for (const dunder of WRAPPED_DUNDERS) {
    // __len__ is listed under nb_bool too (a class's __len__ makes it truthy or not).
    const slot = dunder === '__len__' ? 'mp_length' : slotOfDunder(dunder);
    if (slot === null || own[slot] === undefined) continue;
    if (base !== null && base[slot] === own[slot]) continue;
    const wrap = wrapperFor(t, dunder);
    if (wrap !== null) add(dunder, wrap);
  }
  for (const [dunder, wrap] of sequenceWrappers(t)) {
    if (!out.some(([name]) => name === dunder)) add(dunder, wrap);
  }
  return out;
}

/** The slot wrappers of the sequence slots and nb_bool a builtin type defines itself. */
function sequenceWrappers(t: PyType): [string, Wrapper][] {
  const own = (slot: 'sq_concat' | 'sq_repeat' | 'sq_inplace_concat' | 'sq_inplace_repeat' | 'nb_bool') =>
    t[slot] !== undefined && (t.base === null || t.base[slot] !== t[slot]);
  const { asSsize } = abstractModule;
  // wrap_indexargfunc: the count as a Py_ssize_t, OverflowError past it.
  const count = (dunder: string, args: PyObject[]) => (
    nArgs(dunder, args, 1),
    asSsize(args[0], OverflowErrorType)
  );
  const out: [string, Wrapper][] = [];
  if (own('nb_bool'))
    out.push(['__bool__', (self, args) => (nArgs('__bool__', args, 0), newBool(t.nb_bool!(self)))]);
  if (own('sq_concat'))
    out.push(['__add__', (self, args) => (nArgs('__add__', args, 1), t.sq_concat!(self, args[0]))]);
  if (own('sq_repeat')) {
    out.push(['__mul__', (self, args) => t.sq_repeat!(self, count('__mul__', args))]);
    out.push(['__rmul__', (self, args) => t.sq_repeat!(self, count('__rmul__', args))]);
  }
  if (own('sq_inplace_concat'))
    out.push(['__iadd__', (self, args) => (nArgs('__iadd__', args, 1), t.sq_inplace_concat!(self, args[0]))]);
  if (own('sq_inplace_repeat'))
    out.push(['__imul__', (self, args) => t.sq_inplace_repeat!(self, count('__imul__', args))]);
  return out;
}

let objectGetAttributeWrapper: PyObject | null = null;

function slotOfDunder(dunder: string): string | null {
  for (const def of SLOTDEFS) if (def.dunders.includes(dunder)) return def.slot as string;
  return null;
}

export { genericSetAttr, False };

WrapperDescrType.tp_repr = (d) =>
  newStr(
    `<slot wrapper '${(d as PyWrapperDescr).name}' of '${(d as PyWrapperDescr).objclass.name}' objects>`,
  );
/** wrapper_repr: the slot's name, the bound object's type and address. */
MethodWrapperType.tp_repr = (o) => {
  const w = o as PyMethodWrapper;
  return newStr(
    `<method-wrapper '${w.descr.name}' of ${w.self.type.name} object at ${formatAddress(w.self.addr)}>`,
  );
};
