/**
 * super: attribute lookup that starts after a class in the MRO of an object's type.
 * `super()` with no arguments reads the calling frame's first argument and its
 * `__class__` cell. @cpython Objects/typeobject.c super_getattro, super_init (3.11)
 */
import { PyObject, PyType, TypeFlag, decref, xdecref, type Visit } from './object';
import { staticType } from './roots';
import { allocGCObject, gcDel } from '../memory/alloc';
import { rt } from '../vm/runtime';
import { dictGetStr } from './dictobject';
import { genericGetAttr, isType } from './typeobject';
import { PyStr, newStr } from './unicodeobject';
import { RuntimeErrorType } from './exceptions';
import { raise, typeError } from '../vm/errors';
import { PyCell, CellType } from './cellobject';
import { LocalKind } from './codeobject';

export const SuperType: PyType = staticType({
  name: 'super',
  basicsize: 40,
  flags: TypeFlag.HAVE_GC | TypeFlag.BASETYPE,
});

export class PySuper extends PyObject {
  constructor(
    type: PyType,
    public thisType: PyType | null,
    public obj: PyObject | null,
    public objType: PyType | null,
  ) {
    super(type);
  }
}

/** supercheck: the type whose MRO is searched (obj's type, or obj itself for classes). */
function superCheck(type: PyType, obj: PyObject): PyType {
  if (isType(obj) && (obj as PyType).isSubtypeOf(type)) return obj as PyType;
  if (obj.type.isSubtypeOf(type)) return obj.type;
  return typeError('super(type, obj): obj must be an instance or subtype of type');
}

function superNew(type: PyType, args: PyObject[]): PyObject {
  let thisType: PyType;
  let obj: PyObject | null;
  if (args.length === 0) {
    const f = rt.frame;
    if (f === null) raise(RuntimeErrorType, 'super(): no current frame');
    const co = f!.code;
    if (co.argcount === 0) raise(RuntimeErrorType, 'super(): no arguments');
    let first = f!.localsplus[0];
    if (first !== null && co.localspluskinds[0] & LocalKind.CELL && first.type === CellType)
      first = (first as PyCell).ref;
    if (first === null) raise(RuntimeErrorType, 'super(): arg[0] deleted');
    let cls: PyObject | null = null;
    const names = co.localsplusnames.items as PyStr[];
    for (let i = co.nlocalsplus - co.nfreevars; i < co.nlocalsplus; i++) {
      if (names[i].value === '__class__') {
        const cell = f!.localsplus[i];
        if (cell === null || cell.type !== CellType) raise(RuntimeErrorType, 'super(): bad __class__ cell');
        cls = (cell as PyCell).ref;
        if (cls === null) raise(RuntimeErrorType, 'super(): empty __class__ cell');
        break;
      }
    }
    if (cls === null) raise(RuntimeErrorType, 'super(): __class__ cell not found');
    thisType = cls as PyType;
    obj = first!;
  } else {
    if (!isType(args[0])) typeError(`super() argument 1 must be a type, not ${args[0].type.name}`);
    thisType = args[0] as PyType;
    obj = args.length > 1 && args[1].type.name !== 'NoneType' ? args[1] : null;
  }
  const objType = obj !== null ? superCheck(thisType, obj) : null;
  thisType.refcnt++;
  if (obj !== null) obj.refcnt++;
  if (objType !== null) objType.refcnt++;
  // An instance of a subclass of super is of that class, and holds it.
  const s = allocGCObject(new PySuper(type, thisType, obj, objType), type.basicsize);
  if (type !== SuperType) type.refcnt++;
  rt.gc.track(s);
  return s;
}

SuperType.tp_new = (type, args) => superNew(type, args);
SuperType.tp_vectorcall = (type, args, kwnames) => {
  if (kwnames !== null && kwnames.items.length > 0) typeError('super() takes no keyword arguments');
  if (args.length > 2) typeError(`super() expected at most 2 arguments, got ${args.length}`);
  return superNew(type as PyType, args);
};
SuperType.tp_init = () => {};
SuperType.tp_getattro = (self, name) => {
  const su = self as PySuper;
  const start = su.objType;
  if (start !== null && name.value !== '__class__') {
    const mro = start.mro;
    let i = 0;
    for (; i + 1 < mro.length; i++) if (mro[i] === su.thisType) break;
    i++;
    for (; i < mro.length; i++) {
      const dict = mro[i].dict;
      if (dict === null) continue;
      const res = dictGetStr(dict, name);
      if (res !== null) {
        const f = res.type.tp_descr_get;
        if (f !== undefined) {
          res.refcnt++;
          try {
            return f(res, su.obj === start ? null : su.obj, start);
          } finally {
            decref(res);
          }
        }
        res.refcnt++;
        return res;
      }
    }
  }
  return genericGetAttr(self, name);
};
SuperType.tp_dealloc = (o) => {
  const su = o as PySuper;
  rt.gc.untrack(su);
  xdecref(su.obj);
  xdecref(su.thisType);
  xdecref(su.objType);
  // A subclass instance's class is released by subtype_dealloc (subtype.ts), after this.
  gcDel(su);
};
SuperType.tp_traverse = (o, visit: Visit) => {
  const su = o as PySuper;
  if (su.obj !== null) visit(su.obj, '__self__');
  if (su.thisType !== null) visit(su.thisType, '__thisclass__');
  if (su.objType !== null) visit(su.objType, '__self_class__');
};
SuperType.tp_repr = (o) => {
  const su = o as PySuper;
  if (su.objType !== null)
    return newStr(`<super: <class '${su.thisType?.name}'>, <${su.objType.name} object>>`);
  return newStr(`<super: <class '${su.thisType?.name}'>, NULL>`);
};
