/**
 * Frame objects: made only when something asks for a frame (a traceback, a generator's
 * gi_frame, sys._getframe). While the function runs, the object points at its live
 * interpreter frame; if it outlives the call, it takes ownership of the frame's locals
 * (take_ownership), which is how a saved traceback keeps locals alive.
 * @cpython Objects/frameobject.c, Python/frame.c (3.11)
 */
import { PyObject, PyType, TypeFlag, decref, xdecref, type Visit } from './object';
import { staticType } from './roots';
import { allocGCObject, gcDel } from '../memory/alloc';
import { rt } from '../vm/runtime';
import { trashcanBegin, trashcanEnd } from '../memory/trashcan';
import { frameLocals, type Frame } from '../vm/frame';
import { newInt } from './longobject';
import { None } from './noneobject';
import { newStr } from './unicodeobject';
import { formatAddress } from './address';

export const FrameType: PyType = staticType({
  name: 'frame',
  basicsize: 120,
  itemsize: 8,
  flags: TypeFlag.HAVE_GC,
});

export class PyFrameObject extends PyObject {
  back: PyFrameObject | null = null;
  trace: PyObject | null = null;
  /** True once the object owns the frame's data (the call has ended). */
  owned = false;
  constructor(public frame: Frame) {
    super(FrameType);
  }
}

/** _PyFrame_GetFrameObject: the frame's object, created (untracked) on first request. */
export function frameObjectOf(f: Frame): PyFrameObject {
  if (f.frameObject !== null) return f.frameObject;
  const code = f.code;
  const o = allocGCObject(new PyFrameObject(f), 120 + 8 * (code.nlocalsplus + code.stacksize));
  if (f.frameObject !== null) {
    // A collection during the allocation made one already (GH-97002).
    o.owned = true;
    decref(o);
    return f.frameObject;
  }
  f.frameObject = o;
  return o;
}

/** take_ownership: the frame object keeps the locals of a frame that is ending. */
export function takeOwnership(o: PyFrameObject, f: Frame): void {
  o.owned = true;
  let prev = f.previous;
  while (prev !== null && prev.incomplete) prev = prev.previous;
  if (prev !== null) {
    const back = frameObjectOf(prev);
    back.refcnt++;
    o.back = back;
  }
  f.previous = null;
  if (o.gcNext === null) rt.gc.track(o);
}

FrameType.tp_dealloc = (obj) => {
  const o = obj as PyFrameObject;
  rt.gc.untrack(o);
  if (!trashcanBegin(o)) return;
  const f = o.frame;
  let code: PyObject | null = null;
  if (o.owned && f !== null) {
    code = f.code;
    const func = f.func;
    f.func = null;
    xdecref(func);
    const locals = f.locals;
    f.locals = null;
    xdecref(locals);
    const lp = f.localsplus;
    for (let i = 0; i < lp.length; i++) {
      const v = lp[i];
      lp[i] = null;
      xdecref(v);
    }
    const stack = f.stack;
    for (let i = 0; i < stack.length; i++) xdecref(stack[i]);
    stack.length = 0;
  }
  const back = o.back;
  o.back = null;
  xdecref(back);
  const trace = o.trace;
  o.trace = null;
  xdecref(trace);
  gcDel(o);
  xdecref(code);
  trashcanEnd();
};

FrameType.tp_traverse = (obj, visit: Visit) => {
  const o = obj as PyFrameObject;
  if (o.back !== null) visit(o.back, 'f_back');
  if (o.trace !== null) visit(o.trace, 'f_trace');
  if (!o.owned) return;
  const f = o.frame;
  if (f.locals !== null) visit(f.locals, 'f_locals');
  if (f.func !== null) visit(f.func, 'f_func');
  const names = f.code.localsplusnames.items;
  for (let i = 0; i < f.localsplus.length; i++) {
    const v = f.localsplus[i];
    if (v !== null) visit(v, (names[i] as { value?: string }).value ?? `local${i}`);
  }
  for (const v of f.stack) if (v !== null) visit(v, 'stack');
};

FrameType.tp_clear = (obj) => {
  const o = obj as PyFrameObject;
  const trace = o.trace;
  o.trace = null;
  xdecref(trace);
  if (!o.owned) return;
  const f = o.frame;
  const lp = f.localsplus;
  for (let i = 0; i < lp.length; i++) {
    const v = lp[i];
    lp[i] = null;
    xdecref(v);
  }
  const stack = f.stack.splice(0);
  for (const v of stack) xdecref(v);
};

FrameType.tp_sizeof = (obj) => {
  const code = (obj as PyFrameObject).frame.code;
  return 120 + 8 * (code.nlocalsplus + code.stacksize);
};

FrameType.tp_repr = (obj) => {
  const f = (obj as PyFrameObject).frame;
  return newStr(
    `<frame at ${formatAddress(obj.addr)}, file '${f.code.filename}', line ${f.currentLine()}, code ${f.code.name.value}>`,
  );
};

FrameType.getsetSpecs.push(
  { name: 'f_lineno', get: (o) => newInt((o as PyFrameObject).frame.currentLine()) },
  { name: 'f_code', get: (o) => ((o as PyFrameObject).frame.code.refcnt++, (o as PyFrameObject).frame.code) },
  {
    name: 'f_back',
    get: (o) => {
      const fo = o as PyFrameObject;
      let back: PyObject | null = fo.back;
      if (back === null && !fo.owned && fo.frame.previous !== null) back = frameObjectOf(fo.frame.previous);
      const r = back ?? None;
      r.refcnt++;
      return r;
    },
  },
  {
    name: 'f_locals',
    get: (o) => {
      const d = frameLocals((o as PyFrameObject).frame);
      return (d.refcnt++, d);
    },
  },
  {
    name: 'f_globals',
    get: (o) => ((o as PyFrameObject).frame.globals.refcnt++, (o as PyFrameObject).frame.globals),
  },
);
