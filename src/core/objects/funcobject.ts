/**
 * function objects. @cpython Objects/funcobject.c (3.11)
 */
import { formatAddress } from './address';
import { PyObject, PyType, TypeFlag, decref, xdecref, type Visit } from './object';
import { staticType } from './roots';
import type { PyCode } from './codeobject';
import type { PyDict } from './dictobject';
import { PyTuple, isTuple } from './tupleobject';
import { PyStr, EmptyStr, isStr, newStr, staticId } from './unicodeobject';
import { None } from './noneobject';
import { allocGCObject, gcDel } from '../memory/alloc';
import { rt } from '../vm/runtime';
import { clearWeakrefs } from './weakrefobject';
import { newMethod } from './methodobject';
import { dictGetStr, isDict, newDict } from './dictobject';
import { instanceDictGetSet } from './instanceobject';
import { typeError } from '../vm/errors';

export const FunctionType: PyType = staticType({
  name: 'function',
  basicsize: 136,
  flags: TypeFlag.HAVE_GC | TypeFlag.METHOD_DESCRIPTOR,
});
FunctionType.weakrefable = true;
FunctionType.hasInstanceDict = true;

export class PyFunction extends PyObject {
  globals: PyDict | null;
  builtins: PyDict | null;
  module: PyObject | null;
  defaults: PyTuple | null = null;
  kwdefaults: PyDict | null = null;
  doc: PyObject | null;
  dict: PyDict | null = null;
  closure: PyTuple | null = null;
  annotations: PyObject | null = null;
  constructor(
    public code: PyCode,
    globals: PyDict,
    builtins: PyDict,
    public name: PyStr,
    public qualname: PyStr,
    module: PyObject | null,
    doc: PyObject,
  ) {
    super(FunctionType);
    this.globals = globals;
    this.builtins = builtins;
    this.module = module;
    this.doc = doc;
  }
}

/** PyFunction_New: the code, globals (and the builtins they name) are borrowed. */
export function newFunction(code: PyCode, globals: PyDict, builtins: PyDict): PyFunction {
  const consts = code.consts.items;
  let doc: PyObject = None;
  if (consts.length >= 1 && isStr(consts[0])) doc = consts[0];
  const module = dictGetStr(globals, staticId('__name__'));
  for (const o of [code, globals, builtins, code.name, code.qualname, doc]) o.refcnt++;
  if (module !== null) module.refcnt++;
  const f = allocGCObject(
    new PyFunction(code, globals, builtins, code.name, code.qualname, module, doc),
    136,
  );
  rt.gc.track(f);
  return f;
}

/** @cpython Objects/funcobject.c func_clear */
function funcClear(o: PyObject): void {
  const f = o as PyFunction;
  const fields: (PyObject | null)[] = [
    f.globals,
    f.builtins,
    f.module,
    f.defaults,
    f.kwdefaults,
    f.doc,
    f.dict,
    f.closure,
    f.annotations,
  ];
  f.globals =
    f.builtins =
    f.module =
    f.defaults =
    f.kwdefaults =
    f.doc =
    f.dict =
    f.closure =
    f.annotations =
      null;
  for (const x of fields) xdecref(x);
  const name = f.name;
  const qualname = f.qualname;
  EmptyStr.refcnt += 2;
  f.name = EmptyStr;
  f.qualname = EmptyStr;
  decref(name);
  decref(qualname);
}

FunctionType.tp_dealloc = (o) => {
  const f = o as PyFunction;
  rt.gc.untrack(f);
  if (f.weakrefs !== null) clearWeakrefs(f);
  funcClear(f);
  decref(f.code);
  decref(f.name);
  decref(f.qualname);
  gcDel(f);
};
FunctionType.tp_clear = funcClear;
FunctionType.tp_traverse = (o, visit: Visit) => {
  const f = o as PyFunction;
  visit(f.code, '__code__');
  if (f.globals !== null) visit(f.globals, '__globals__');
  if (f.builtins !== null) visit(f.builtins, '__builtins__');
  if (f.module !== null) visit(f.module, '__module__');
  if (f.defaults !== null) visit(f.defaults, '__defaults__');
  if (f.kwdefaults !== null) visit(f.kwdefaults, '__kwdefaults__');
  if (f.doc !== null) visit(f.doc, '__doc__');
  visit(f.name, '__name__');
  if (f.dict !== null) visit(f.dict, '__dict__');
  if (f.closure !== null) visit(f.closure, '__closure__');
  if (f.annotations !== null) visit(f.annotations, '__annotations__');
  visit(f.qualname, '__qualname__');
};
FunctionType.tp_descr_get = (descr, obj) => {
  if (obj === null || obj === None) return (descr.refcnt++, descr);
  return newMethod(descr, obj);
};
FunctionType.tp_repr = (o) => {
  const f = o as PyFunction;
  return newStr(`<function ${f.qualname.value} at ${formatAddress(f.addr)}>`);
};
FunctionType.tp_hash = (o) => Math.floor(o.addr / 16);

function getField(
  key: 'defaults' | 'kwdefaults' | 'closure' | 'doc' | 'module' | 'globals' | 'builtins' | 'annotations',
) {
  return (o: PyObject) => {
    const v = (o as PyFunction)[key] ?? None;
    v.refcnt++;
    return v;
  };
}
function setField(
  key: 'defaults' | 'kwdefaults' | 'doc' | 'module' | 'annotations',
  check?: (v: PyObject) => void,
) {
  return (o: PyObject, v: PyObject | null) => {
    const f = o as PyFunction;
    if (v !== null && v !== None) check?.(v);
    const old = f[key];
    if (v !== null && v !== None) v.refcnt++;
    (f as unknown as Record<string, PyObject | null>)[key] =
      v === None && key !== 'doc' && key !== 'module' ? null : v;
    xdecref(old);
  };
}

FunctionType.getsetSpecs.push(
  { name: '__code__', get: (o) => ((o as PyFunction).code.refcnt++, (o as PyFunction).code) },
  {
    name: '__defaults__',
    get: getField('defaults'),
    set: setField('defaults', (v) => {
      if (!isTuple(v)) typeError('__defaults__ must be set to a tuple object');
    }),
  },
  {
    name: '__kwdefaults__',
    get: getField('kwdefaults'),
    set: setField('kwdefaults', (v) => {
      if (!isDict(v)) typeError('__kwdefaults__ must be set to a dict object');
    }),
  },
  { name: '__closure__', get: getField('closure') },
  { name: '__globals__', get: getField('globals') },
  { name: '__builtins__', get: getField('builtins') },
  { name: '__doc__', get: getField('doc'), set: setField('doc') },
  { name: '__module__', get: getField('module'), set: setField('module') },
  {
    // func_get_annotations: an empty dict is made on first access.
    name: '__annotations__',
    get: (o) => {
      const f = o as PyFunction;
      if (f.annotations === null) f.annotations = newDict();
      return (f.annotations.refcnt++, f.annotations);
    },
    set: setField('annotations'),
  },
  instanceDictGetSet(),
  {
    name: '__name__',
    get: (o) => ((o as PyFunction).name.refcnt++, (o as PyFunction).name),
    set: (o, v) => {
      if (v === null || !isStr(v)) typeError('__name__ must be set to a string object');
      const f = o as PyFunction;
      const old = f.name;
      v!.refcnt++;
      f.name = v as PyStr;
      decref(old);
    },
  },
  {
    name: '__qualname__',
    get: (o) => ((o as PyFunction).qualname.refcnt++, (o as PyFunction).qualname),
    set: (o, v) => {
      if (v === null || !isStr(v)) typeError('__qualname__ must be set to a string object');
      const f = o as PyFunction;
      const old = f.qualname;
      v!.refcnt++;
      f.qualname = v as PyStr;
      decref(old);
    },
  },
);
