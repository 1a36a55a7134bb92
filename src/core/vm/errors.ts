/**
 * Raising Python exceptions from TypeScript: the engine throws the exception object
 * itself (which owns one reference), and the evaluation loop catches it. JS errors that
 * are not Python exceptions are engine bugs and propagate as such.
 * @cpython Python/errors.c PyErr_SetString, PyErr_Format
 */
import { PyObject, PyType } from '../objects/object';
import {
  AttributeErrorType,
  IndexErrorType,
  KeyErrorType,
  MemoryErrorType,
  NameErrorType,
  OverflowErrorType,
  PyBaseException,
  RuntimeErrorType,
  TypeErrorType,
  ValueErrorType,
  ZeroDivisionErrorType,
  isBaseException,
} from '../objects/exceptions';
import { newTuple, EmptyTuple } from '../objects/tupleobject';
import { newStr } from '../objects/unicodeobject';
import { allocGCObject } from '../memory/alloc';
import { rt } from './runtime';
import { setMemoryErrorRaiser } from './memoryerror';

/** A new exception instance of a builtin exception type; takes ownership of `args`. */
export function newException(type: PyType, args: PyObject[]): PyBaseException {
  const argsTuple = args.length === 0 ? (EmptyTuple.refcnt++, EmptyTuple) : newTuple(args);
  const e = allocGCObject(new PyBaseException(type, argsTuple), type.basicsize);
  rt.gc.track(e);
  return e;
}

/** PyErr_SetString: raises `type(message)`. */
export function raise(type: PyType, message?: string): never {
  throw newException(type, message === undefined ? [] : [newStr(message)]);
}

/**
 * _PyErr_FormatFromCause: raises `type(message)` chained to `cause` as both its
 * `__cause__` and `__context__` (consumes the reference to `cause`).
 */
export function raiseFromCause(type: PyType, message: string, cause: PyObject): never {
  if (!isPyException(cause)) throw cause;
  const e = newException(type, [newStr(message)]);
  cause.refcnt++;
  e.cause = cause;
  e.context = cause;
  e.suppressContext = true;
  throw e;
}

/** Raises an existing exception object (consumes the reference). */
export function raiseObject(e: PyBaseException): never {
  throw e;
}

export function isPyException(e: unknown): e is PyBaseException {
  return e instanceof PyObject && isBaseException(e);
}

export const typeError = (message: string): never => raise(TypeErrorType, message);
export const valueError = (message: string): never => raise(ValueErrorType, message);
export const indexError = (message: string): never => raise(IndexErrorType, message);
export const overflowError = (message: string): never => raise(OverflowErrorType, message);
export const zeroDivisionError = (message: string): never => raise(ZeroDivisionErrorType, message);
export const runtimeError = (message: string): never => raise(RuntimeErrorType, message);

/** KeyError(key): the key object itself is the argument. */
export function keyError(key: PyObject): never {
  key.refcnt++;
  throw newException(KeyErrorType, [key]);
}

/** AttributeError with the `name` and `obj` fields set (for "Did you mean" suggestions). */
export function attributeError(message: string, obj?: PyObject, name?: PyObject): never {
  const e = newException(AttributeErrorType, [newStr(message)]);
  if (obj !== undefined && name !== undefined) {
    obj.refcnt++;
    name.refcnt++;
    e.fields = new Map([
      ['name', name],
      ['obj', obj],
    ]);
  }
  throw e;
}

export function nameError(name: PyObject, message: string): never {
  const e = newException(NameErrorType, [newStr(message)]);
  name.refcnt++;
  e.fields = new Map([['name', name]]);
  throw e;
}

let memoryErrorDepth = 0;
setMemoryErrorRaiser(() => {
  // Creating the exception allocates; past the limit that must not recurse.
  if (memoryErrorDepth > 0) throw new Error('MemoryError while raising MemoryError');
  memoryErrorDepth++;
  const saved = rt.options.memoryLimit;
  rt.options.memoryLimit = Infinity;
  try {
    return raise(MemoryErrorType);
  } finally {
    rt.options.memoryLimit = saved;
    memoryErrorDepth--;
  }
});

/** The `type` name CPython prints in messages: `'list' object`, `'NoneType' object`. */
export function typeName(o: PyObject): string {
  return o.type.name;
}
