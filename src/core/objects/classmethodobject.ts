/**
 * classmethod(f) and staticmethod(f) as Python code makes them: allocation, the
 * one-argument init that copies the wrapped function's attributes into the wrapper's own
 * `__dict__` (functools_wraps: `__annotations__` too, which makes the function's dict of
 * them), and their attributes.
 * The implicit wrappers of `__new__`/`__init_subclass__` skip init, as in CPython.
 * @cpython Objects/funcobject.c cm_init, sm_init, functools_wraps (3.11)
 */
import { PyObject, PyType, decref, type GetSetSpec } from './object';
import { ClassMethodType, StaticMethodType, PyWrapperMethod } from './descrobject';
import { allocGCObject } from '../memory/alloc';
import { rt } from '../vm/runtime';
import { noKeywords } from '../vm/args';
import { typeError } from '../vm/errors';
import { isTrue, lookupAttr, reprText, setAttr } from './abstract';
import { newStr, staticId } from './unicodeobject';
import { instanceDictGetSet } from './instanceobject';
import { newBool } from './longobject';

const WRAPPED_ATTRIBUTES = ['__module__', '__name__', '__qualname__', '__doc__', '__annotations__'];

/** functools_wraps: each attribute the callable has is set on the wrapper. */
function copyWrappedAttributes(wrapper: PyObject, wrapped: PyObject): void {
  for (const name of WRAPPED_ATTRIBUTES) {
    const value = lookupAttr(wrapped, staticId(name));
    if (value === null) continue;
    try {
      setAttr(wrapper, staticId(name), value);
    } finally {
      decref(value);
    }
  }
}

function callableOf(o: PyObject): PyObject {
  const c = (o as PyWrapperMethod).callable;
  if (c === null) typeError(`uninitialized ${o.type.name} object`);
  return c!;
}

for (const t of [ClassMethodType, StaticMethodType]) {
  t.hasInstanceDict = true;
  t.tp_new = (type: PyType) => {
    const w = allocGCObject(new PyWrapperMethod(type, null), type.basicsize);
    if (type.isHeapType) type.refcnt++;
    rt.gc.track(w);
    return w;
  };
  t.tp_init = (self, args, kwnames) => {
    noKeywords(t.name, kwnames);
    if (args.length !== 1) {
      typeError(`${t.name} expected 1 argument, got ${args.length}`);
    }
    const w = self as PyWrapperMethod;
    const old = w.callable;
    args[0].refcnt++;
    w.callable = args[0];
    if (old !== null) decref(old);
    copyWrappedAttributes(self, args[0]);
  };
  t.tp_repr = (o) => newStr(`<${t.name}(${reprText(callableOf(o))})>`);
  const func: GetSetSpec = {
    name: '__func__',
    get: (o) => {
      const c = callableOf(o);
      return (c.refcnt++, c);
    },
  };
  t.getsetSpecs.push(
    func,
    { ...func, name: '__wrapped__' },
    {
      name: '__isabstractmethod__',
      get: (o) => {
        const flag = lookupAttr(callableOf(o), staticId('__isabstractmethod__'));
        if (flag === null) return newBool(false);
        try {
          return newBool(isTrue(flag));
        } finally {
          decref(flag);
        }
      },
    },
    instanceDictGetSet(),
  );
}
