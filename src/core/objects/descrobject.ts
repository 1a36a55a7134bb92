/**
 * Descriptors: method_descriptor (a builtin type's method), getset_descriptor
 * (`__dict__`, `__weakref__`, computed attributes), member_descriptor (`__slots__`),
 * classmethod and staticmethod.
 * @cpython Objects/descrobject.c, Objects/funcobject.c (cm/sm) (3.11)
 */
import {
  PyObject,
  PyType,
  TypeFlag,
  decref,
  xdecref,
  newref,
  type MethodSpec,
  type GetSetSpec,
} from './object';
import { staticType } from './roots';
import { allocGCObject, gcDel } from '../memory/alloc';
import { placeStatic, staticObjectDied } from '../memory/static';
import { rt } from '../vm/runtime';
import { call, withArgumentTuple } from './abstract';
import { newCFunction, newMethod } from './methodobject';

import { typeError, attributeError } from '../vm/errors';

import type { PyTuple } from './tupleobject';
import type { PyDict } from './dictobject';
import { internFromString, newStr, type PyStr } from './unicodeobject';

// ---------------------------------------------------------- method_descriptor

export const MethodDescrType: PyType = staticType({
  name: 'method_descriptor',
  basicsize: 56,
  flags: TypeFlag.HAVE_GC | TypeFlag.METHOD_DESCRIPTOR,
});
export const ClassMethodDescrType: PyType = staticType({
  name: 'classmethod_descriptor',
  basicsize: 56,
  flags: TypeFlag.HAVE_GC,
});

export class PyMethodDescr extends PyObject {
  constructor(
    readonly spec: MethodSpec,
    readonly objclass: PyType,
  ) {
    super(spec.kind === 'classmethod' ? ClassMethodDescrType : MethodDescrType);
  }
}

/** Descriptors of static types live as long as the process, like the types themselves. */
export function staticMethodDescr(spec: MethodSpec, objclass: PyType): PyMethodDescr {
  const d = new PyMethodDescr(spec, objclass);
  d.refcnt = 0; // the type's dict holds it, as in CPython
  return placeStatic(d, 72, 16);
}

function checkSelf(d: PyMethodDescr, self: PyObject | undefined): PyObject {
  if (self === undefined) {
    return typeError(`unbound method ${d.objclass.name}.${d.spec.name}() needs an argument`);
  }
  if (!self.type.isSubtypeOf(d.objclass)) {
    return typeError(
      `descriptor '${d.spec.name}' for '${d.objclass.name}' objects doesn't apply to a '${self.type.name}' object`,
    );
  }
  return self;
}

MethodDescrType.hasVectorcall = () => true;
/** method_vectorcall_*: the method's C function, given self and the arguments after it. */
export function callMethodDescr(
  d: PyMethodDescr,
  self: PyObject | undefined,
  rest: PyObject[],
  kwnames: PyTuple | null,
): PyObject {
  const checked = checkSelf(d, self);
  // method_vectorcall_VARARGS: the arguments after self become a tuple.
  if (d.spec.varargs) return withArgumentTuple(rest, kwnames, () => d.spec.call(checked, rest, kwnames));
  return d.spec.call(checked, rest, kwnames);
}
MethodDescrType.tp_call = (callable, args, kwnames) =>
  callMethodDescr(callable as PyMethodDescr, args[0], args.slice(1), kwnames);
MethodDescrType.tp_descr_get = (descr, obj, type) => {
  const d = descr as PyMethodDescr;
  if (obj === null) return (descr.refcnt++, descr);
  checkSelf(d, obj);
  return bindSpec(d, obj, type);
};
ClassMethodDescrType.tp_descr_get = (descr, obj, type) => bindSpec(descr as PyMethodDescr, type, type);

/** PyCMethod_New: the builtin method bound to `self`. */
function bindSpec(d: PyMethodDescr, self: PyObject, type: PyType): PyObject {
  const impl = (s: PyObject | null, args: PyObject[], kw: PyTuple | null) => d.spec.call(s!, args, kw);
  return newCFunction(d.spec.name, impl, self, null, type.name, d.spec.varargs === true);
}
ClassMethodDescrType.tp_call = (callable, args, kwnames) => {
  const d = callable as PyMethodDescr;
  return d.spec.call(args[0], args.slice(1), kwnames);
};
MethodDescrType.tp_dealloc = ClassMethodDescrType.tp_dealloc = () => {
  throw new Error('deallocating a static method descriptor');
};
MethodDescrType.tp_traverse = ClassMethodDescrType.tp_traverse = () => {};

// ---------------------------------------------------------- getset_descriptor

export const GetSetDescrType: PyType = staticType({
  name: 'getset_descriptor',
  basicsize: 48,
  flags: TypeFlag.HAVE_GC,
});

export class PyGetSetDescr extends PyObject {
  constructor(
    readonly spec: GetSetSpec,
    public objclass: PyType,
  ) {
    super(GetSetDescrType);
  }
}

export function staticGetSetDescr(spec: GetSetSpec, objclass: PyType): PyGetSetDescr {
  const d = new PyGetSetDescr(spec, objclass);
  d.refcnt = 0; // the type's dict holds it, as in CPython
  return placeStatic(d, 64, 16);
}

/** PyDescr_NewGetSet for a heap type (holds a reference to its class). */
export function newGetSetDescr(spec: GetSetSpec, objclass: PyType): PyGetSetDescr {
  objclass.refcnt++;
  const d = allocGCObject(new PyGetSetDescr(spec, objclass), 48);
  rt.gc.track(d);
  return d;
}

GetSetDescrType.tp_descr_get = (descr, obj) => {
  const d = descr as PyGetSetDescr;
  if (obj === null) return (descr.refcnt++, descr);
  if (!obj.type.isSubtypeOf(d.objclass)) {
    typeError(
      `descriptor '${d.spec.name}' for '${d.objclass.name}' objects doesn't apply to a '${obj.type.name}' object`,
    );
  }
  return d.spec.get(obj);
};
GetSetDescrType.tp_descr_set = (descr, obj, value) => {
  const d = descr as PyGetSetDescr;
  if (d.spec.set === undefined) {
    attributeError(`attribute '${d.spec.name}' of '${d.objclass.name}' objects is not writable`);
  }
  d.spec.set!(obj, value);
};
GetSetDescrType.tp_dealloc = (o) => {
  const d = o as PyGetSetDescr;
  if (staticObjectDied(d)) return;
  rt.gc.untrack(d);
  decref(d.objclass);
  gcDel(d);
};
GetSetDescrType.tp_traverse = (o, visit) => {
  visit((o as PyGetSetDescr).objclass, '__objclass__');
};

// ---------------------------------------------------------- member_descriptor

export const MemberDescrType: PyType = staticType({
  name: 'member_descriptor',
  basicsize: 48,
  flags: TypeFlag.HAVE_GC,
});

/** A `__slots__` entry: reads and writes slot `index` of the instance. */
export class PyMemberDescr extends PyObject {
  /** d_qualname: made on first use of `__qualname__`, then kept. */
  qualname: PyStr | null = null;
  constructor(
    readonly name: string,
    readonly index: number,
    public objclass: PyType,
    /** d_name: the interned name (a reference). */
    readonly dName: PyStr,
  ) {
    super(MemberDescrType);
  }
}

/** PyDescr_NewMember: the name is interned from the member's C string (descr_new). */
export function newMemberDescr(name: string, index: number, objclass: PyType): PyMemberDescr {
  objclass.refcnt++;
  const d = allocGCObject(new PyMemberDescr(name, index, objclass, internFromString(name)), 48);
  rt.gc.track(d);
  return d;
}

/** @cpython Objects/descrobject.c descr_dealloc */
MemberDescrType.tp_dealloc = (o) => {
  const d = o as PyMemberDescr;
  rt.gc.untrack(d);
  decref(d.objclass);
  decref(d.dName);
  xdecref(d.qualname);
  gcDel(d);
};
MemberDescrType.getsetSpecs.push(
  { name: '__name__', get: (o) => newref((o as PyMemberDescr).dName) },
  { name: '__objclass__', get: (o) => newref((o as PyMemberDescr).objclass) },
  {
    // descr_get_qualname: "<type qualname>.<name>", made once.
    name: '__qualname__',
    get: (o) => {
      const d = o as PyMemberDescr;
      d.qualname ??= newStr(`${d.objclass.qualname}.${d.name}`);
      return newref(d.qualname);
    },
  },
);
MemberDescrType.tp_traverse = (o, visit) => visit((o as PyMemberDescr).objclass, '__objclass__');

// ---------------------------------------------------------- classmethod / staticmethod

export const ClassMethodType: PyType = staticType({
  name: 'classmethod',
  basicsize: 32,
  flags: TypeFlag.HAVE_GC | TypeFlag.BASETYPE,
});
export const StaticMethodType: PyType = staticType({
  name: 'staticmethod',
  basicsize: 32,
  flags: TypeFlag.HAVE_GC | TypeFlag.BASETYPE,
});

export class PyWrapperMethod extends PyObject {
  dict: PyDict | null = null;
  constructor(
    type: PyType,
    public callable: PyObject | null,
  ) {
    super(type);
  }
}

export function newWrapperMethod(type: PyType, callable: PyObject): PyWrapperMethod {
  callable.refcnt++;
  const w = allocGCObject(new PyWrapperMethod(type, callable), 32);
  rt.gc.track(w);
  return w;
}

ClassMethodType.tp_descr_get = (descr, _obj, type) => newMethod((descr as PyWrapperMethod).callable!, type);
StaticMethodType.tp_descr_get = (descr) => {
  const w = descr as PyWrapperMethod;
  return (w.callable!.refcnt++, w.callable!);
};
StaticMethodType.tp_call = (callable, args, kwnames) =>
  call((callable as PyWrapperMethod).callable!, args, kwnames);
for (const t of [ClassMethodType, StaticMethodType]) {
  t.tp_dealloc = (o) => {
    const w = o as PyWrapperMethod;
    rt.gc.untrack(w);
    const c = w.callable;
    w.callable = null;
    xdecref(c);
    xdecref(w.dict);
    gcDel(w);
  };
  t.tp_traverse = (o, visit) => {
    const w = o as PyWrapperMethod;
    if (w.callable !== null) visit(w.callable, '__func__');
    if (w.dict !== null) visit(w.dict, '__dict__');
  };
  t.tp_clear = (o) => {
    const w = o as PyWrapperMethod;
    const c = w.callable;
    w.callable = null;
    xdecref(c);
  };
}

// descr_repr: what a class's attribute shows when looked up on the class itself.
const descrRepr =
  (kind: string, nameOf: (d: PyObject) => string) =>
  (d: PyObject): PyObject =>
    newStr(`<${kind} '${nameOf(d)}' of '${(d as { objclass: PyType } & PyObject).objclass.name}' objects>`);
MethodDescrType.tp_repr = ClassMethodDescrType.tp_repr = descrRepr(
  'method',
  (d) => (d as PyMethodDescr).spec.name,
);
GetSetDescrType.tp_repr = descrRepr('attribute', (d) => (d as PyGetSetDescr).spec.name);
MemberDescrType.tp_repr = descrRepr('member', (d) => (d as PyMemberDescr).name);
