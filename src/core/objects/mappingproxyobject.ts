/**
 * mappingproxy: the read-only view a class's `__dict__` returns. Reads go to the
 * underlying mapping; methods call the mapping's own methods.
 * @cpython Objects/descrobject.c mappingproxy_* (3.11)
 */
import { PyObject, PyType, TypeFlag, decref, type MethodSpec } from './object';
import { staticType } from './roots';
import { allocGCObject, gcDel } from '../memory/alloc';
import { rt } from '../vm/runtime';
import {
  callMethod,
  contains,
  getItem,
  getIter,
  objectLength,
  reprText,
  richCompare,
  objectStr,
} from './abstract';
import { newStr, staticId } from './unicodeobject';

export const MappingProxyType: PyType = staticType({
  name: 'mappingproxy',
  basicsize: 24,
  flags: TypeFlag.HAVE_GC,
});

export class PyMappingProxy extends PyObject {
  constructor(public mapping: PyObject) {
    super(MappingProxyType);
  }
}

export function newMappingProxy(mapping: PyObject): PyMappingProxy {
  mapping.refcnt++;
  const p = allocGCObject(new PyMappingProxy(mapping), 24);
  rt.gc.track(p);
  return p;
}

const mappingOf = (o: PyObject) => (o as PyMappingProxy).mapping;

MappingProxyType.tp_dealloc = (o) => {
  const p = o as PyMappingProxy;
  rt.gc.untrack(p);
  decref(p.mapping);
  gcDel(p);
};
MappingProxyType.tp_traverse = (o, visit) => visit(mappingOf(o), 'mapping');
MappingProxyType.mp_subscript = (o, key) => getItem(mappingOf(o), key);
MappingProxyType.mp_length = (o) => objectLength(mappingOf(o));
MappingProxyType.sq_contains = (o, key) => contains(mappingOf(o), key);
MappingProxyType.tp_iter = (o) => getIter(mappingOf(o));
MappingProxyType.tp_repr = (o) => newStr(`mappingproxy(${reprText(mappingOf(o))})`);
MappingProxyType.tp_str = (o) => objectStr(mappingOf(o));
MappingProxyType.tp_richcompare = (o, other, op) => richCompare(mappingOf(o), other, op);

function forward(name: string): MethodSpec {
  return { name, call: (self, args, kwnames) => callMethod(mappingOf(self), staticId(name), args, kwnames) };
}
MappingProxyType.methodSpecs.push(
  forward('get'),
  forward('keys'),
  forward('values'),
  forward('items'),
  forward('copy'),
  forward('__reversed__'),
);
