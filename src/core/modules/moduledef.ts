/**
 * Filling a builtin module's dict, as PyModule_AddFunctions and PyModule_AddObjectRef do:
 * functions are builtin_function_or_method objects bound to the module.
 */
import { decref, type PyObject } from '../objects/object';
import { newModule, type PyModule } from '../objects/moduleobject';
import { newCFunction } from '../objects/methodobject';
import { dictSetItem } from '../objects/dictobject';
import { internFromString } from '../objects/unicodeobject';
import type { PyTuple } from '../objects/tupleobject';

export type ModuleFunction = (args: PyObject[], kwnames: PyTuple | null) => PyObject;

export interface ModuleBuilder {
  readonly module: PyModule;
  /** Stores a borrowed reference under `name`. */
  set(name: string, value: PyObject): void;
  /** Stores `value` and releases the caller's reference to it. */
  add(name: string, value: PyObject): void;
  /** A module function; `varargs` marks METH_VARARGS ones (called with an argument tuple). */
  fn(name: string, impl: ModuleFunction, varargs?: boolean): void;
}

export function moduleBuilder(name: string): ModuleBuilder {
  const module = newModule(name);
  const dict = module.dict!;
  const set = (key: string, value: PyObject) => {
    const k = internFromString(key);
    dictSetItem(dict, k, value);
    decref(k);
  };
  const add = (key: string, value: PyObject) => {
    set(key, value);
    decref(value);
  };
  const fn = (key: string, impl: ModuleFunction, varargs = false) =>
    add(
      key,
      newCFunction(key, (_self, args, kw) => impl(args, kw), module, name, null, varargs),
    );
  return { module, set, add, fn };
}
