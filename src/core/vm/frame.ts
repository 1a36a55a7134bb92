/**
 * The interpreter frame (_PyInterpreterFrame): what a running function owns. Arguments
 * are moved into `localsplus`; the value stack holds the temporaries of the current
 * expression. @cpython Include/internal/pycore_frame.h, Python/frame.c (3.11)
 */
import { PyObject, decref, xdecref } from '../objects/object';
import { CodeFlag, LocalKind, type PyCode } from '../objects/codeobject';
import { dictDelItem, dictSetItem, newDict, type PyDict } from '../objects/dictobject';
import { CellType, type PyCell } from '../objects/cellobject';
import type { PyStr } from '../objects/unicodeobject';
import type { PyFunction } from '../objects/funcobject';
import type { PyTuple } from '../objects/tupleobject';
import { PyFrameObject, takeOwnership } from '../objects/frameobject';
import type { PyBaseException } from '../objects/exceptions';

export class Frame {
  /** Value stack; null stands for CPython's NULL (PUSH_NULL, method calls). */
  readonly stack: (PyObject | null)[] = [];
  /** Index of the instruction being executed (prev_instr); -1 before the first. */
  lasti = -1;
  previous: Frame | null = null;
  frameObject: PyFrameObject | null = null;
  /** KW_NAMES waiting for the next CALL. */
  kwnames: PyTuple | null = null;
  /** The exception being handled in this frame's generator, saved across yields. */
  excState: PyBaseException | null = null;
  /** Line of the last traced instruction, for `line` events. */
  traceLastInstr = -1;
  /** True for a frame of the user's own file: its events are steps. */
  traced = false;
  /** The frame belongs to a generator (lives in it between resumptions). */
  ownedByGenerator = false;
  constructor(
    public code: PyCode,
    public func: PyFunction | null,
    public globals: PyDict,
    public builtins: PyDict,
    /**
     * f_locals: the namespace of module and class bodies (any mapping); for a function,
     * null until locals() or frame.f_locals asks for a snapshot dict (frameLocals).
     */
    public locals: PyObject | null,
    public localsplus: (PyObject | null)[],
  ) {
    // f_code: a frame holds its code object until _PyFrame_Clear (or its frame object's end).
    code.refcnt++;
  }

  /** A frame whose first instruction has not run (a new generator's frame). */
  get incomplete(): boolean {
    return this.lasti < 0;
  }

  currentLine(): number {
    const i = this.lasti < 0 ? 0 : this.lasti;
    const line = this.code.lines[i];
    return line < 0 ? this.code.firstlineno : line;
  }
}

/**
 * _PyFrame_Clear: releases what the frame owns, locals in index order then the stack, then
 * its function and code, unless a frame object that is still referenced takes them over.
 */
export function clearFrame(f: Frame): void {
  const fo = f.frameObject;
  if (fo !== null) {
    f.frameObject = null;
    if (fo.refcnt > 1) {
      takeOwnership(fo, f);
      decref(fo);
      return;
    }
    decref(fo);
  }
  const lp = f.localsplus;
  for (let i = 0; i < lp.length; i++) {
    const v = lp[i];
    if (v !== null) {
      lp[i] = null;
      decref(v);
    }
  }
  const stack = f.stack;
  for (let i = 0; i < stack.length; i++) xdecref(stack[i]);
  if (stack.length !== 0) stack.length = 0;
  const locals = f.locals;
  f.locals = null;
  xdecref(locals);
  const func = f.func;
  f.func = null;
  xdecref(func);
  decref(f.code);
}

/**
 * _PyFrame_FastToLocalsWithError: a function frame's locals copied into its f_locals
 * dict (made once, refreshed on every request); other frames return their namespace.
 * Returns a borrowed reference.
 */
export function frameLocals(f: Frame): PyObject {
  const code = f.code;
  const optimized = (code.flags & CodeFlag.OPTIMIZED) !== 0;
  if (!optimized && f.locals !== null) return f.locals;
  if (f.locals === null) f.locals = newDict();
  const d = f.locals as PyDict;
  const names = code.localsplusnames.items as PyStr[];
  for (let i = 0; i < code.nlocalsplus; i++) {
    const kind = code.localspluskinds[i];
    if (kind & LocalKind.FREE && !optimized) continue;
    let value = f.localsplus[i];
    if (value !== null && kind & (LocalKind.CELL | LocalKind.FREE) && value.type === CellType) {
      value = (value as PyCell).ref;
    }
    if (value === null) dictDelItem(d, names[i]);
    else dictSetItem(d, names[i], value);
  }
  return d;
}
