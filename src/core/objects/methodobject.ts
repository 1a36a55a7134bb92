/**
 * builtin_function_or_method (a C function, bound to its module or to `self`) and
 * method (a Python function bound to an instance).
 * @cpython Objects/methodobject.c, Objects/classobject.c (3.11)
 */
import { PyObject, PyType, TypeFlag, decref, type Visit, CompareOp } from './object';
import { staticType } from './roots';
import type { PyTuple } from './tupleobject';
import { allocGCObject, gcDel } from '../memory/alloc';
import { rt } from '../vm/runtime';
import { call, isCallable, lookupAttr, objectRepr } from './abstract';
import { exactArgs } from '../vm/args';
import { typeError } from '../vm/errors';
import { newBool } from './boolobject';
import { newNotImplemented, None } from './noneobject';
import { isStr, newStr, staticId, type PyStr } from './unicodeobject';
import { formatAddress } from './address';
import { clearWeakrefs } from './weakrefobject';

export type BuiltinImpl = (self: PyObject | null, args: PyObject[], kwnames: PyTuple | null) => PyObject;

export const BuiltinFunctionType: PyType = staticType({
  name: 'builtin_function_or_method',
  basicsize: 56,
  flags: TypeFlag.HAVE_GC,
});

export class PyCFunction extends PyObject {
  constructor(
    readonly name: string,
    readonly impl: BuiltinImpl,
    public self: PyObject | null,
    /** The module name for module functions (`__module__`). */
    readonly module: string | null,
    /** The type the method comes from, for the repr of bound builtin methods. */
    readonly qualPrefix: string | null = null,
    /** METH_VARARGS: called through a tuple of the arguments (no vectorcall). */
    readonly varargs = false,
  ) {
    super(BuiltinFunctionType);
  }
}

/** A new builtin function/method object (GC-tracked, like PyCFunction_NewEx). */
export function newCFunction(
  name: string,
  impl: BuiltinImpl,
  self: PyObject | null,
  module: string | null,
  qualPrefix: string | null = null,
  varargs = false,
): PyCFunction {
  if (self !== null) self.refcnt++;
  const f = allocGCObject(new PyCFunction(name, impl, self, module, qualPrefix, varargs), 56);
  rt.gc.track(f);
  return f;
}

BuiltinFunctionType.hasVectorcall = (o) => !(o as PyCFunction).varargs;
BuiltinFunctionType.tp_call = (callable, args, kwnames) => {
  const f = callable as PyCFunction;
  return f.impl(f.self, args, kwnames);
};
// m_weakreflist, im_weakreflist: `weakref.ref(len)` and `weakref.ref(obj.method)` work (the
// latter dies with the bound method at once: why weakref.WeakMethod exists).
BuiltinFunctionType.weakrefable = true;
BuiltinFunctionType.tp_dealloc = (o) => {
  const f = o as PyCFunction;
  rt.gc.untrack(f);
  if (f.weakrefs !== null) clearWeakrefs(f);
  const self = f.self;
  f.self = null;
  if (self !== null) decref(self);
  gcDel(f);
};
BuiltinFunctionType.tp_traverse = (o, visit: Visit) => {
  const f = o as PyCFunction;
  if (f.self !== null) visit(f.self, '__self__');
};

// ----------------------------------------------------------------- bound methods

export const MethodType: PyType = staticType({ name: 'method', basicsize: 48, flags: TypeFlag.HAVE_GC });

export class PyMethod extends PyObject {
  constructor(
    public func: PyObject,
    public self: PyObject,
  ) {
    super(MethodType);
  }
}

/** PyMethod_New: both references are taken as new (incref'd here). */
export function newMethod(func: PyObject, self: PyObject): PyMethod {
  func.refcnt++;
  self.refcnt++;
  const m = allocGCObject(new PyMethod(func, self), 48);
  rt.gc.track(m);
  return m;
}

/** types.MethodType(function, instance). @cpython Objects/classobject.c method_new_impl */
MethodType.tp_new = (_type, args, kwnames) => {
  exactArgs('method', args, kwnames, 2);
  const [func, instance] = args;
  if (!isCallable(func)) typeError('first argument must be callable');
  if (instance === None) typeError('instance must not be None');
  return newMethod(func, instance);
};

MethodType.hasVectorcall = () => true;
MethodType.tp_call = (callable, args, kwnames) => {
  const m = callable as PyMethod;
  return call(m.func, [m.self, ...args], kwnames);
};
MethodType.weakrefable = true;
MethodType.tp_dealloc = (o) => {
  const m = o as PyMethod;
  rt.gc.untrack(m);
  // method_dealloc clears weakrefs, then drops im_func, im_self.
  if (m.weakrefs !== null) clearWeakrefs(m);
  const func = m.func;
  const self = m.self;
  decref(func);
  decref(self);
  gcDel(m);
};
MethodType.tp_traverse = (o, visit: Visit) => {
  const m = o as PyMethod;
  visit(m.func, '__func__');
  visit(m.self, '__self__');
};
/** method_repr: `<bound method QUALNAME of REPR(self)>` ('?' when the function has no str name). */
MethodType.tp_repr = (o) => {
  const m = o as PyMethod;
  let funcname = lookupAttr(m.func, staticId('__qualname__')) ?? lookupAttr(m.func, staticId('__name__'));
  if (funcname !== null && !isStr(funcname)) {
    decref(funcname);
    funcname = null;
  }
  try {
    const self = objectRepr(m.self);
    try {
      return newStr(`<bound method ${funcname !== null ? (funcname as PyStr).value : '?'} of ${self.value}>`);
    } finally {
      decref(self);
    }
  } finally {
    if (funcname !== null) decref(funcname);
  }
};
MethodType.tp_richcompare = (a, b, op) => {
  if ((op !== CompareOp.EQ && op !== CompareOp.NE) || b.type !== MethodType) return newNotImplemented();
  const x = a as PyMethod;
  const y = b as PyMethod;
  const eq = x.func === y.func && x.self === y.self;
  return newBool(op === CompareOp.EQ ? eq : !eq);
};

// --------------------------------------------------- builtin functions: repr, attributes

/** meth_repr: `<built-in function len>` or `<built-in method append of list object at …>`. */
BuiltinFunctionType.tp_repr = (o) => {
  const f = o as PyCFunction;
  if (f.self === null || f.self.type.name === 'module') return newStr(`<built-in function ${f.name}>`);
  return newStr(`<built-in method ${f.name} of ${f.self.type.name} object at ${formatAddress(f.self.addr)}>`);
};
BuiltinFunctionType.getsetSpecs.push(
  { name: '__name__', get: (o) => newStr((o as PyCFunction).name) },
  {
    name: '__qualname__',
    get: (o) => {
      const f = o as PyCFunction;
      if (f.self === null || f.self.type.name === 'module') return newStr(f.name);
      const owner = f.self.type.name === 'type' ? (f.self as PyType).qualname : f.self.type.qualname;
      return newStr(`${owner}.${f.name}`);
    },
  },
  {
    name: '__self__',
    get: (o) => {
      const s = (o as PyCFunction).self ?? None;
      s.refcnt++;
      return s;
    },
  },
  {
    name: '__module__',
    get: (o) => {
      const m = (o as PyCFunction).module;
      return m === null ? (None.refcnt++, None) : newStr(m);
    },
  },
);
