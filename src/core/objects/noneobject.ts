/**
 * None, NotImplemented and Ellipsis: static singletons with ordinary (counted) refcounts.
 * @cpython Objects/object.c _Py_NoneStruct, _Py_NotImplementedStruct; Objects/sliceobject.c
 */
import { PyObject } from './object';
import { staticType } from './roots';
import { placeStatic } from '../memory/static';
import { newStr } from './unicodeobject';
import { typeError } from '../vm/errors';

export const NoneType = staticType({ name: 'NoneType', basicsize: 16 });
export const NotImplementedType = staticType({ name: 'NotImplementedType', basicsize: 16 });
export const EllipsisType = staticType({ name: 'ellipsis', basicsize: 16 });

/** Counted like any object; CPython's value at startup is in the thousands and varies. */
const STARTUP_REFS = 5000;

function singleton(type: typeof NoneType): PyObject {
  const o = placeStatic(new PyObject(type), 16);
  o.refcnt = STARTUP_REFS;
  return o;
}

export const None = singleton(NoneType);
export const NotImplemented = singleton(NotImplementedType);
export const Ellipsis = singleton(EllipsisType);

for (const t of [NoneType, NotImplementedType, EllipsisType]) {
  // Static objects are never deallocated; a count reaching 0 would be a refcount bug.
  t.tp_dealloc = () => {
    throw new Error(`deallocating ${t.name}`);
  };
}

export function newNone(): PyObject {
  None.refcnt++;
  return None;
}

export function newNotImplemented(): PyObject {
  NotImplemented.refcnt++;
  return NotImplemented;
}

NoneType.tp_repr = () => newStr('None');
NoneType.nb_bool = () => false;
NotImplementedType.tp_repr = () => newStr('NotImplemented');
EllipsisType.tp_repr = () => newStr('Ellipsis');

// none_new, notimplemented_new, ellipsis_new: calling the type returns the singleton.
for (const [t, o, name] of [
  [NoneType, None, 'NoneType'],
  [NotImplementedType, NotImplemented, 'NotImplementedType'],
  [EllipsisType, Ellipsis, 'EllipsisType'],
] as const) {
  t.tp_new = (_type, args) => {
    if (args.length > 0) typeError(`${name} takes no arguments`);
    o.refcnt++;
    return o;
  };
}
