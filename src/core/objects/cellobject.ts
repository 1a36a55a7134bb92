/**
 * cell: the storage of a variable shared between a function and its closures.
 * @cpython Objects/cellobject.c (3.11)
 */
import { formatAddress } from './address';
import { PyObject, PyType, TypeFlag, xdecref } from './object';
import { staticType } from './roots';
import { allocGCObject, gcDel } from '../memory/alloc';
import { rt } from '../vm/runtime';
import { valueError } from '../vm/errors';
import { newStr } from './unicodeobject';

export const CellType: PyType = staticType({ name: 'cell', basicsize: 24, flags: TypeFlag.HAVE_GC });

export class PyCell extends PyObject {
  constructor(public ref: PyObject | null) {
    super(CellType);
  }
}

/** PyCell_New: takes a new reference to `value` (may be null: an empty cell). */
export function newCell(value: PyObject | null): PyCell {
  if (value !== null) value.refcnt++;
  const c = allocGCObject(new PyCell(value), 24);
  rt.gc.track(c);
  return c;
}

CellType.tp_dealloc = (o) => {
  const c = o as PyCell;
  rt.gc.untrack(c);
  const v = c.ref;
  c.ref = null;
  xdecref(v);
  gcDel(c);
};
CellType.tp_traverse = (o, visit) => {
  const v = (o as PyCell).ref;
  if (v !== null) visit(v, 'cell_contents');
};
CellType.tp_clear = (o) => {
  const c = o as PyCell;
  const v = c.ref;
  c.ref = null;
  xdecref(v);
};
CellType.tp_repr = (o) => {
  const v = (o as PyCell).ref;
  const at = formatAddress(o.addr);
  if (v === null) return newStr(`<cell at ${at}: empty>`);
  return newStr(`<cell at ${at}: ${v.type.name} object at ${formatAddress(v.addr)}>`);
};
CellType.getsetSpecs.push({
  name: 'cell_contents',
  get: (o) => {
    const v = (o as PyCell).ref;
    if (v === null) valueError('Cell is empty');
    return (v!.refcnt++, v!);
  },
  set: (o, value) => {
    const c = o as PyCell;
    const old = c.ref;
    if (value !== null) value.refcnt++;
    c.ref = value;
    xdecref(old);
  },
});
