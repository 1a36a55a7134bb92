/**
 * Traceback objects: one per frame an exception passes through, newest frame last in
 * the tb_next chain. They hold their frame objects, and through them the locals.
 * @cpython Python/traceback.c (3.11)
 */
import { PyObject, PyType, TypeFlag, xdecref, type Visit } from './object';
import { staticType } from './roots';
import { allocGCObject, gcDel } from '../memory/alloc';
import { rt } from '../vm/runtime';
import { trashcanBegin, trashcanEnd } from '../memory/trashcan';
import { PyFrameObject } from './frameobject';
import { newInt } from './longobject';
import { None } from './noneobject';

export const TracebackType: PyType = staticType({
  name: 'traceback',
  basicsize: 40,
  flags: TypeFlag.HAVE_GC,
});

export class PyTraceback extends PyObject {
  constructor(
    public next: PyTraceback | null,
    public frame: PyFrameObject | null,
    readonly lasti: number,
    readonly lineno: number,
  ) {
    super(TracebackType);
  }
}

/** tb_create_raw: takes new references to next and frame. */
export function newTraceback(
  next: PyTraceback | null,
  frame: PyFrameObject,
  lasti: number,
  lineno: number,
): PyTraceback {
  if (next !== null) next.refcnt++;
  frame.refcnt++;
  const tb = allocGCObject(new PyTraceback(next, frame, lasti, lineno), 40);
  rt.gc.track(tb);
  return tb;
}

TracebackType.tp_dealloc = (o) => {
  const tb = o as PyTraceback;
  rt.gc.untrack(tb);
  if (!trashcanBegin(tb)) return;
  const next = tb.next;
  const frame = tb.frame;
  tb.next = null;
  tb.frame = null;
  xdecref(next);
  xdecref(frame);
  gcDel(tb);
  trashcanEnd();
};
TracebackType.tp_traverse = (o, visit: Visit) => {
  const tb = o as PyTraceback;
  if (tb.next !== null) visit(tb.next, 'tb_next');
  if (tb.frame !== null) visit(tb.frame, 'tb_frame');
};
TracebackType.tp_clear = (o) => {
  const tb = o as PyTraceback;
  const next = tb.next;
  const frame = tb.frame;
  tb.next = null;
  tb.frame = null;
  xdecref(next);
  xdecref(frame);
};
TracebackType.getsetSpecs.push(
  { name: 'tb_lineno', get: (o) => newInt((o as PyTraceback).lineno) },
  { name: 'tb_lasti', get: (o) => newInt((o as PyTraceback).lasti * 2) },
  {
    name: 'tb_next',
    get: (o) => {
      const n = (o as PyTraceback).next ?? None;
      n.refcnt++;
      return n;
    },
  },
  {
    name: 'tb_frame',
    get: (o) => {
      const f = (o as PyTraceback).frame ?? None;
      f.refcnt++;
      return f;
    },
  },
);
