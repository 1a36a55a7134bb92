/**
 * Function frames are reused, as CPython 3.11 reuses its per-thread data stack instead of
 * allocating each call's frame: a frame that ended without anything keeping it (no frame
 * object, not a generator's) goes back to its code object and serves that code's next call.
 * This is the engine's own memory only; nothing Python can observe changes.
 */
import type { PyObject } from '../objects/object';
import type { PyCode } from '../objects/codeobject';
import type { PyFunction } from '../objects/funcobject';
import { Frame } from './frame';
import { rt } from './runtime';

/** Enough for the recursion depths a hot call path usually has; deeper frames are dropped. */
const SPARE_FRAMES_PER_CODE = 8;

/** A frame for a call of `func`, all its locals NULL. */
export function takeFunctionFrame(func: PyFunction): Frame {
  const code = func.code;
  const spare = code.spareFrames;
  if (spare !== null && spare.length > 0) {
    const f = spare.pop()!;
    code.refcnt++;
    f.func = func;
    f.globals = func.globals!;
    f.builtins = func.builtins!;
    return f;
  }
  const f = new Frame(code, func, func.globals!, func.builtins!, null, emptyLocals(code.nlocalsplus));
  f.traced = isTraced(code);
  return f;
}

/**
 * Keeps a frame that clearFrame has emptied for the next call of its code. Call it only
 * when nothing refers to the frame any more: no frame object, not owned by a generator.
 */
export function recycleFrame(f: Frame): void {
  const code = f.code;
  let spare = code.spareFrames;
  if (spare === null) spare = code.spareFrames = [];
  if (spare.length >= SPARE_FRAMES_PER_CODE) return;
  f.lasti = -1;
  f.previous = null;
  f.kwnames = null;
  f.excState = null;
  f.traceLastInstr = -1;
  f.yielded = false;
  spare.push(f);
}

/** Whether frames of `code` report trace events: code of the user's own file. */
export function isTraced(code: PyCode): boolean {
  const known = code.traced;
  if (known !== null) return known;
  return (code.traced = code.filename === rt.options.filename);
}

/** A frame's localsplus, all NULL (exactly n slots). */
export function emptyLocals(n: number): (PyObject | null)[] {
  return new Array<PyObject | null>(n).fill(null);
}
