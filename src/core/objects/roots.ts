/**
 * The two roots of the type system, created before anything else: `type` (its own
 * metatype) and `object` (the base of everything). Their slots and methods are filled in
 * by typeobject.ts and baseobject.ts; other type modules only need the objects to exist.
 * @cpython Objects/typeobject.c PyType_Type, PyBaseObject_Type
 */
import { PyType, TypeFlag } from './object';

export const TypeType = new PyType({
  name: 'type',
  base: null,
  basicsize: 904,
  itemsize: 40,
  flags: TypeFlag.HAVE_GC | TypeFlag.BASETYPE | TypeFlag.TYPE_SUBCLASS,
});
TypeType.type = TypeType;

export const ObjectType = new PyType({
  name: 'object',
  base: null,
  basicsize: 16,
  flags: TypeFlag.BASETYPE,
  metatype: TypeType,
});
TypeType.base = ObjectType;

/** Creates a static (builtin) type: its metatype is `type`, its base `object` unless given. */
export function staticType(init: {
  name: string;
  base?: PyType;
  basicsize: number;
  itemsize?: number;
  flags?: number;
  module?: string;
  /** For a tp_name with a module prefix ("collections.deque"): the type's __qualname__. */
  qualname?: string;
}): PyType {
  const t = new PyType({ ...init, base: init.base ?? ObjectType, metatype: TypeType });
  if (init.module !== undefined) t.module = init.module;
  created.push(t);
  return t;
}

const created: PyType[] = [];

/** Every builtin type made by staticType, in creation order (alltypes.ts readies them). */
export function createdStaticTypes(): readonly PyType[] {
  return created;
}
