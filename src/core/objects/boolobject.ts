/**
 * bool: True and False are static ints. @cpython Objects/boolobject.c (3.11)
 *
 * The type object and the two instances are created in longobject.ts (int's module
 * must be able to make them without evaluating this module first; see the note there)
 * and re-exported here. This module holds bool's own behaviour as function
 * declarations, which longobject.ts installs in BoolType's slots.
 */
import { TypeFlag, type PyObject, type PyType } from './object';
import type { PyTuple } from './tupleobject';
import { IntType, BoolType, True, False, newBool } from './longobject';
import { newStr } from './unicodeobject';
import { isTrue } from './abstract';
import { raise } from '../vm/errors';
import { TypeErrorType } from './exceptions';

export { BoolType, True, False, newBool };

/** bool_repr: 'True' or 'False' (str() falls back to it). */
export function boolRepr(self: PyObject): PyObject {
  return newStr(self === True ? 'True' : 'False');
}

function isBool(o: PyObject): boolean {
  return o === True || o === False;
}

/** bool_and: a bool for two bools, int's `&` otherwise. */
export function boolAnd(a: PyObject, b: PyObject): PyObject {
  if (!isBool(a) || !isBool(b)) return IntType.nb_and!(a, b);
  return newBool(a === True && b === True);
}

/** bool_or. */
export function boolOr(a: PyObject, b: PyObject): PyObject {
  if (!isBool(a) || !isBool(b)) return IntType.nb_or!(a, b);
  return newBool(a === True || b === True);
}

/** bool_xor. */
export function boolXor(a: PyObject, b: PyObject): PyObject {
  if (!isBool(a) || !isBool(b)) return IntType.nb_xor!(a, b);
  return newBool((a === True) !== (b === True));
}

function checkArgs(args: PyObject[], kwnames: PyTuple | null): void {
  if (kwnames !== null && kwnames.items.length > 0) raise(TypeErrorType, 'bool() takes no keyword arguments');
  if (args.length > 1) raise(TypeErrorType, `bool expected at most 1 argument, got ${args.length}`);
}

/** bool_new: `bool.__new__(bool, x)` through type_call. */
export function boolNew(type: PyType, args: PyObject[], kwnames: PyTuple | null): PyObject {
  void type;
  checkArgs(args, kwnames);
  return newBool(args.length > 0 && isTrue(args[0]));
}

/** bool_vectorcall: `bool()` / `bool(x)` (PyObject_IsTrue). */
export function boolVectorcall(callable: PyObject, args: PyObject[], kwnames: PyTuple | null): PyObject {
  void callable;
  checkArgs(args, kwnames);
  return newBool(args.length > 0 && isTrue(args[0]));
}

/** `bool.__new__(cls, x)`: tp_new_wrapper (cls must be bool) then bool_new. */
export function boolNewMethod(cls: PyObject, args: PyObject[], kwnames: PyTuple | null): PyObject {
  void cls;
  if (args.length < 1) raise(TypeErrorType, 'bool.__new__(): not enough arguments');
  const sub = args[0];
  if (sub !== BoolType) {
    if (!(sub.type.flags & TypeFlag.TYPE_SUBCLASS)) {
      raise(TypeErrorType, `bool.__new__(X): X is not a type object (${sub.type.name})`);
    }
    raise(
      TypeErrorType,
      `bool.__new__(${(sub as PyType).name}): ${(sub as PyType).name} is not a subtype of bool`,
    );
  }
  return boolNew(BoolType, args.slice(1), kwnames);
}
