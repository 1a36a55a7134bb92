/**
 * module objects. @cpython Objects/moduleobject.c (3.11)
 */
import builtinModules from '../profiles/fixtures/builtin-modules.json';
import { PyObject, PyType, TypeFlag, decref, xdecref, type Visit } from './object';
import { staticType } from './roots';
import { PyDict, dictGetStr, newDict, dictSetItem } from './dictobject';
import { PyStr, isStr, newStr, staticId, internFromString } from './unicodeobject';
import { None } from './noneobject';
import { allocGCObject, gcDel } from '../memory/alloc';
import { rt } from '../vm/runtime';
import { genericGetAttr } from './typeobject';
import { call } from './abstract';
import { attributeError } from '../vm/errors';

export const ModuleType: PyType = staticType({
  name: 'module',
  basicsize: 56,
  flags: TypeFlag.HAVE_GC | TypeFlag.BASETYPE,
});
ModuleType.weakrefable = true;
ModuleType.hasInstanceDict = true;

export class PyModule extends PyObject {
  constructor(public dict: PyDict | null) {
    super(ModuleType);
  }
}

/** PyModule_New: a module with __name__, __doc__, __package__, __loader__, __spec__ set. */
export function newModule(name: string): PyModule {
  const d = newDict();
  const m = allocGCObject(new PyModule(d), 56);
  for (const [k, v] of [
    ['__name__', newStr(name)],
    ['__doc__', (None.refcnt++, None)],
    ['__package__', (None.refcnt++, None)],
    ['__loader__', (None.refcnt++, None)],
    ['__spec__', (None.refcnt++, None)],
  ] as [string, PyObject][]) {
    const key = internFromString(k);
    dictSetItem(d, key, v);
    decref(key);
    decref(v);
  }
  rt.gc.track(m);
  return m;
}

export function moduleName(o: PyObject): string {
  const d = (o as PyModule).dict;
  if (d === null) return '?';
  const n = dictGetStr(d, staticId('__name__'));
  return n !== null && isStr(n) ? (n as PyStr).value : '?';
}

ModuleType.tp_dealloc = (o) => {
  const m = o as PyModule;
  rt.gc.untrack(m);
  const d = m.dict;
  m.dict = null;
  xdecref(d);
  gcDel(m);
};
ModuleType.tp_traverse = (o, visit: Visit) => {
  const d = (o as PyModule).dict;
  if (d !== null) visit(d, '__dict__');
};
ModuleType.tp_clear = (o) => {
  const m = o as PyModule;
  const d = m.dict;
  m.dict = null;
  xdecref(d);
};
/** module_getattro: a module-level __getattr__ is the fallback. */
ModuleType.tp_getattro = (o, name) => {
  const r = genericGetAttr(o, name);
  if (r !== null) return r;
  const d = (o as PyModule).dict;
  if (d !== null) {
    const hook = dictGetStr(d, staticId('__getattr__'));
    if (hook !== null) return call(hook, [name]);
  }
  return attributeError(`module '${moduleName(o)}' has no attribute '${name.value}'`, o, name);
};
const compiledIn = new Set((builtinModules as { builtin_module_names: string[] }).builtin_module_names);
/** module_repr (importlib's _module_repr): `from` its file, `(built-in)` when compiled in. */
ModuleType.tp_repr = (o) => {
  const name = moduleName(o);
  const d = (o as PyModule).dict;
  const file = d !== null ? dictGetStr(d, staticId('__file__')) : null;
  if (file !== null && isStr(file)) return newStr(`<module '${name}' from '${(file as PyStr).value}'>`);
  return newStr(compiledIn.has(name) ? `<module '${name}' (built-in)>` : `<module '${name}'>`);
};
/** module.__dict__ (a read-only member). */
ModuleType.getsetSpecs.push({
  name: '__dict__',
  get: (o) => {
    const d = (o as PyModule).dict ?? None;
    d.refcnt++;
    return d;
  },
});
