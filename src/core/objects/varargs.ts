/**
 * The builtin methods CPython 3.11 defines as METH_VARARGS: each call packs its arguments
 * into a tuple (an allocation that gc.get_count() and the tuple free list see), where
 * METH_FASTCALL/METH_O methods take them in place. Kept as one table so it can be checked
 * against the C sources (`grep METH_VARARGS Objects/*.c`).
 */
import type { PyType } from './object';
import { DictType } from './dictobject';
import { SetType, FrozenSetType } from './setobject';
import { StrType } from './unicodeobject';
import { BytesType } from './bytesobject';
import { ByteArrayType } from './bytearrayobject';
import { PropertyType } from './propertyobject';
import { IntType } from './longobject';
import { FloatType } from './floatobject';
import { BoolType } from './boolobject';

const SEARCH = ['count', 'find', 'index', 'rfind', 'rindex', 'startswith', 'endswith'];

const VARARGS_METHODS: [PyType, string[]][] = [
  [DictType, ['update']],
  [SetType, ['difference', 'difference_update', 'intersection', 'intersection_update', 'union', 'update']],
  [FrozenSetType, ['difference', 'intersection', 'union']],
  [StrType, [...SEARCH, 'format']],
  [BytesType, SEARCH],
  [ByteArrayType, SEARCH],
  [PropertyType, ['__set_name__']],
  // tp_new_wrapper: every builtin type's __new__.
  [IntType, ['__new__']],
  [FloatType, ['__new__']],
  [BoolType, ['__new__']],
  [BytesType, ['__new__']],
];

/** Marks the specs before the types are readied (descriptors keep the spec objects). */
export function markVarargsMethods(): void {
  for (const [type, names] of VARARGS_METHODS) {
    for (const name of names) {
      const spec = type.methodSpecs.find((s) => s.name === name);
      if (spec === undefined) throw new Error(`${type.name}.${name} has no method spec`);
      spec.varargs = true;
    }
  }
}
