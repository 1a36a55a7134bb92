/**
 * Short, safe descriptions of objects for the lab's views. Nothing here runs Python
 * code (no __repr__, no __sizeof__): a view must never change the run it shows.
 */
import type { PyObject, PyType } from '../objects/object';
import { isStr, type PyStr } from '../objects/unicodeobject';
import { isInt, type PyLong } from '../objects/longobject';
import { strRepr, bytesRepr } from '../text/strrepr';
import { floatRepr } from '../text/floatrepr';
import { PyFunction } from '../objects/funcobject';
import { PyCFunction, PyMethod } from '../objects/methodobject';
import { PyCode } from '../objects/codeobject';
import { PyModule } from '../objects/moduleobject';
import { PyWeakRef } from '../objects/weakrefobject';

const MAX_TEXT = 32;

function clip(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`;
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

function intText(v: bigint | number): string {
  const text = v.toString();
  return text.length <= 20
    ? text
    : `${text.slice(0, 8)}…${text.slice(-4)} (${text.replace('-', '').length} digits)`;
}

function isTypeObject(o: PyObject): o is PyType {
  return o.type.mro.some((t) => t.name === 'type' && t.module === 'builtins');
}

/** A label like the one a Python person would write for the object. */
export function labelOf(o: PyObject): string {
  const name = o.type.name;
  if (o.type.isHeapType) return isTypeObject(o) ? `class ${(o as PyType).name}` : `${name} object`;
  if (isInt(o)) {
    if (name === 'bool') return (o as PyLong).value ? 'True' : 'False';
    return intText((o as PyLong).value);
  }
  if (isStr(o)) return clip(strRepr((o as PyStr).value));
  switch (name) {
    case 'NoneType':
      return 'None';
    case 'float':
      return floatRepr((o as unknown as { value: number }).value);
    case 'bytes':
      return clip(bytesRepr((o as unknown as { bytes: Uint8Array }).bytes));
    case 'list':
    case 'tuple':
      return `${name} (${count((o as unknown as { items: unknown[] }).items.length, 'item')})`;
    case 'dict':
      return `dict (${count((o as unknown as { used: number }).used, 'item')})`;
    case 'set':
    case 'frozenset':
      return `${name} (${count((o as unknown as { used: number }).used, 'item')})`;
    case 'type':
      return `class ${(o as PyType).name}`;
  }
  if (o instanceof PyFunction) return `function ${o.qualname.value}`;
  if (o instanceof PyMethod) return `bound method ${labelOf(o.func).replace(/^function /, '')}`;
  if (o instanceof PyCFunction) return `built-in ${o.name}`;
  if (o instanceof PyCode) return `code ${o.name.value}`;
  if (o instanceof PyModule) return `module ${moduleNameOf(o)}`;
  if (o instanceof PyWeakRef)
    return o.referent === null ? 'dead weakref' : `weakref to ${o.referent.type.name}`;
  return `${name} object`;
}

function moduleNameOf(m: PyModule): string {
  if (m.dict === null) return '?';
  for (const [k, v] of dictEntries(m.dict)) if (k === '__name__' && isStr(v)) return (v as PyStr).value;
  return '?';
}

import { dictItems, type PyDict } from '../objects/dictobject';
function* dictEntries(d: PyDict): Iterable<[string, PyObject]> {
  for (const [k, v] of dictItems(d)) if (isStr(k)) yield [(k as PyStr).value, v];
}
