/**
 * What a bound method, a method descriptor and a slot wrapper tell about themselves:
 * `m.__self__`, `m.__func__`, `m.__name__` (a bound method passes other attributes on to its
 * function, as method_getattro does), `list.append.__qualname__`, `it.__next__.__self__`.
 * @cpython Objects/classobject.c method_getattro, method_memberlist;
 *   Objects/descrobject.c descr_members, descr_getset, wrapper_members
 */
import { PyObject, type GetSetSpec } from './object';
import { MethodType, type PyMethod } from './methodobject';
import { MethodDescrType, ClassMethodDescrType, type PyMethodDescr } from './descrobject';
import { WrapperDescrType, MethodWrapperType, type PyWrapperDescr, type PyMethodWrapper } from './slotdefs';
import { typeLookup } from './typeobject';
import { getAttr } from './abstract';
import { newStr, staticId } from './unicodeobject';

const borrowed = (o: PyObject): PyObject => (o.refcnt++, o);

MethodType.getsetSpecs.push(
  { name: '__func__', get: (o) => borrowed((o as PyMethod).func) },
  { name: '__self__', get: (o) => borrowed((o as PyMethod).self) },
  { name: '__doc__', get: (o) => getAttr((o as PyMethod).func, staticId('__doc__')) },
);
MethodType.tp_getattro = (o, name) => {
  const descr = typeLookup(o.type, name);
  if (descr !== null) {
    const get = descr.type.tp_descr_get;
    return get !== undefined ? get(descr, o, o.type) : borrowed(descr);
  }
  return getAttr((o as PyMethod).func, name);
};

/** __name__, __qualname__ and __objclass__ of a descriptor of a builtin type's attribute. */
function descriptorNames(nameOf: (d: PyObject) => string): GetSetSpec[] {
  const owner = (d: PyObject) => (d as PyObject & { objclass: PyObject & { qualname: string } }).objclass;
  return [
    { name: '__name__', get: (d) => newStr(nameOf(d)) },
    { name: '__qualname__', get: (d) => newStr(`${owner(d).qualname}.${nameOf(d)}`) },
    { name: '__objclass__', get: (d) => borrowed(owner(d)) },
  ];
}
const methodName = (d: PyObject) => (d as PyMethodDescr).spec.name;
MethodDescrType.getsetSpecs.push(...descriptorNames(methodName));
ClassMethodDescrType.getsetSpecs.push(...descriptorNames(methodName));
WrapperDescrType.getsetSpecs.push(...descriptorNames((d) => (d as PyWrapperDescr).name));

MethodWrapperType.getsetSpecs.push(
  { name: '__self__', get: (o) => borrowed((o as PyMethodWrapper).self) },
  { name: '__name__', get: (o) => newStr((o as PyMethodWrapper).descr.name) },
  {
    name: '__qualname__',
    get: (o) => {
      const w = o as PyMethodWrapper;
      return newStr(`${w.self.type.qualname}.${w.descr.name}`);
    },
  },
);
