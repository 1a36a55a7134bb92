/**
 * `object`: the base of every class. Its slots give instances their default behaviour:
 * identity equality and hash, `<__main__.C object at 0x…>` repr, generic attributes, and
 * the excess-argument rules of object.__new__ / object.__init__.
 * @cpython Objects/typeobject.c object_new, object_init, object_repr, object_richcompare
 */
import { CompareOp, PyObject, PyType, TypeFlag, decref } from './object';
import { ObjectType, TypeType } from './roots';
import { newStr, isStr, type PyStr } from './unicodeobject';
import { newNotImplemented, None, NotImplemented } from './noneobject';
import { newBool, True, False } from './boolobject';
import { newInt } from './longobject';
import type { PyTuple } from './tupleobject';
import { genericGetAttr, genericSetAttr, typeLookup, isType } from './typeobject';
import {
  allocInstance,
  subtypeDealloc,
  subtypeTraverse,
  subtypeClear,
  instanceSizeof,
  PyInstance,
} from './instanceobject';
import { typeError } from '../vm/errors';
import { freeObject } from '../memory/alloc';
import { formatAddress } from './address';
import { staticId } from './unicodeobject';
import { richCompare } from './abstract';
import { newTuple } from './tupleobject';

function excessArgs(args: PyObject[], kwnames: PyTuple | null): boolean {
  return args.length > 0 || (kwnames !== null && kwnames.items.length > 0);
}

/** The static base (a builtin type) whose layout a class's instances have. */
export function layoutBase(t: PyType): PyType {
  let b: PyType = t;
  while (b.isHeapType) b = b.base!;
  return b;
}

/** @cpython Objects/typeobject.c object_new */
function objectNew(type: PyType, args: PyObject[], kwnames: PyTuple | null): PyObject {
  if (excessArgs(args, kwnames)) {
    if (type.tp_new !== objectNew)
      typeError('object.__new__() takes exactly one argument (the type to instantiate)');
    if (type.tp_init === objectInit) typeError(`${type.name}() takes no arguments`);
  }
  if (!type.isHeapType) {
    if (type === ObjectType) {
      const o = new PyObject(ObjectType);
      o.addr = 0;
      return allocPlainObject(o);
    }
    typeError(`object.__new__(${type.name}) is not safe, use ${type.name}.__new__()`);
  }
  if (layoutBase(type) !== ObjectType) {
    typeError(`object.__new__(${type.name}) is not safe, use ${layoutBase(type).name}.__new__()`);
  }
  return allocInstance(type);
}

function allocPlainObject(o: PyObject): PyObject {
  return allocObjectOfSize(o, 16);
}
import { allocObject as allocObjectOfSize } from '../memory/alloc';

/** @cpython Objects/typeobject.c object_init */
function objectInit(self: PyObject, args: PyObject[], kwnames: PyTuple | null): void {
  if (excessArgs(args, kwnames)) {
    const type = self.type;
    if (type.tp_init !== objectInit)
      typeError('object.__init__() takes exactly one argument (the instance to initialize)');
    if (type.tp_new === objectNew) typeError(`${type.name}() takes no arguments`);
  }
}

/** @cpython Objects/typeobject.c object_repr */
export function objectRepr(self: PyObject): PyObject {
  const type = self.type;
  const mod = type.isHeapType ? moduleOf(type) : 'builtins';
  const name = mod !== null && mod !== 'builtins' ? `${mod}.${type.qualname}` : type.qualname;
  return newStr(`<${name} object at ${formatAddress(self.addr)}>`);
}

function moduleOf(type: PyType): string | null {
  const m = type.dict !== null ? typeLookupOwn(type, '__module__') : null;
  if (m !== null && isStr(m)) return (m as PyStr).value;
  return type.module;
}

function typeLookupOwn(type: PyType, name: string): PyObject | null {
  const { dictGetStr } = dictmodule;
  return dictGetStr(type.dict!, staticId(name));
}
import * as dictmodule from './dictobject';

/** object_str: str() falls back to repr(). */
function objectStr(self: PyObject): PyObject {
  const f = self.type.tp_repr!;
  return f(self);
}

/** _Py_HashPointer: the address rotated right by 4 bits (low bits are always zero). */
export function hashPointer(o: PyObject): number {
  const a = o.addr;
  // (a >> 4) | (a << 60) on 64 bits; the high part only matters above 2**53.
  const h = Math.floor(a / 16) + (a % 16) * 2 ** 60;
  return h === -1 ? -2 : h > Number.MAX_SAFE_INTEGER ? Math.floor(a / 16) : h;
}

/** @cpython Objects/typeobject.c object_richcompare */
function objectRichCompare(self: PyObject, other: PyObject, op: CompareOp): PyObject {
  switch (op) {
    case CompareOp.EQ:
      return self === other ? newBool(true) : newNotImplemented();
    case CompareOp.NE: {
      // By default, __ne__ delegates to __eq__ and inverts the result.
      if (self.type.tp_richcompare === undefined) return newNotImplemented();
      const res = self.type.tp_richcompare(self, other, CompareOp.EQ);
      if (res === NotImplemented) return res;
      if (res === True || res === False) {
        const r = newBool(res === False);
        decref(res);
        return r;
      }
      try {
        const { isTrue } = abstract;
        return newBool(!isTrue(res));
      } finally {
        decref(res);
      }
    }
    default:
      return newNotImplemented();
  }
}
import * as abstract from './abstract';

ObjectType.tp_new = objectNew;
ObjectType.tp_init = objectInit;
ObjectType.tp_repr = objectRepr;
ObjectType.tp_str = objectStr;
ObjectType.tp_hash = hashPointer;
ObjectType.tp_richcompare = objectRichCompare;
ObjectType.tp_getattro = genericGetAttr;
ObjectType.tp_setattro = genericSetAttr;
ObjectType.tp_dealloc = (o) => {
  if (o instanceof PyInstance) return subtypeDealloc(o);
  freeObject(o);
};
ObjectType.tp_sizeof = (o) => o.type.basicsize;

ObjectType.getsetSpecs.push({
  name: '__class__',
  get: (o) => (o.type.refcnt++, o.type),
  set: (o, v) => {
    if (v === null) typeError("can't delete __class__ attribute");
    if (!isType(v!)) typeError(`__class__ must be set to a class, not '${v!.type.name}' object`);
    const nt = v as PyType;
    if (layoutBase(nt) !== layoutBase(o.type) || !nt.isHeapType || !o.type.isHeapType) {
      typeError(`__class__ assignment only supported for mutable types or ModuleType subclasses`);
    }
    nt.refcnt++;
    const old = o.type;
    o.type = nt;
    decref(old);
  },
});

ObjectType.methodSpecs.push(
  { name: '__sizeof__', call: (self) => newInt(self.type.tp_sizeof!(self)) },
  {
    name: '__format__',
    call: (self, args) => {
      const spec = args[0];
      if (spec === undefined || !isStr(spec)) typeError('__format__() argument must be str');
      if ((spec as PyStr).value !== '') {
        typeError(`unsupported format string passed to ${self.type.name}.__format__`);
      }
      const { objectStr: str } = abstract;
      return str(self);
    },
  },
  {
    name: '__init_subclass__',
    kind: 'classmethod',
    call: (_self, args) => {
      if (args.length > 0) typeError('__init_subclass__() takes no arguments');
      None.refcnt++;
      return None;
    },
  },
  { name: '__reduce_ex__', call: (self) => newTuple([(self.type.refcnt++, self.type)]) },
);

export { subtypeTraverse, subtypeClear, instanceSizeof, typeLookup, richCompare, TypeType, TypeFlag };
