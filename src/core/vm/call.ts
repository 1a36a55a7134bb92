/**
 * Calling Python functions: a new frame whose parameters are bound from the arguments,
 * which the frame takes over (moved from the caller's stack, or incref'd when a builtin
 * calls in). @cpython Python/ceval.c initialize_locals, _PyEval_Vector (3.11)
 */
import { PyObject, decref } from '../objects/object';
import { PyFunction, FunctionType } from '../objects/funcobject';
import { CodeFlag, type PyCode } from '../objects/codeobject';
import { PyStr } from '../objects/unicodeobject';
import { EmptyTuple, newTuple, type PyTuple } from '../objects/tupleobject';
import { newDict, dictSetItem, dictGetStr, type PyDict } from '../objects/dictobject';
import { typeError } from './errors';
import type { Frame } from './frame';
import { takeFunctionFrame } from './frame-pool';
import { evalFrame } from './ceval';
import { rt } from './runtime';
import { RecursionErrorType } from '../objects/exceptions';
import { raise } from './errors';
import { strRepr } from '../text';

/**
 * _PyEvalFramePushAndInit: a frame for `func` owning `args` (new references: positional
 * then keyword values named by kwnames) and `func` itself. On error everything is released.
 */
export function makeFunctionFrame(
  func: PyFunction,
  args: PyObject[],
  argcount: number,
  kwnames: PyTuple | null,
): Frame {
  const code = func.code;
  const f = takeFunctionFrame(func);
  const localsplus = f.localsplus;
  if (isSimpleCall(code, argcount, kwnames)) {
    for (let j = 0; j < argcount; j++) localsplus[j] = args[j];
    return f;
  }
  try {
    initializeLocals(func, localsplus, args, argcount, kwnames);
  } catch (e) {
    clearLocals(localsplus);
    decref(func);
    throw e;
  }
  return f;
}

/**
 * Exactly the parameters' number of positional arguments, no keywords, no `*args`,
 * `**kwargs` or keyword-only parameters: initialize_locals only moves the arguments.
 */
function isSimpleCall(code: PyCode, argcount: number, kwnames: PyTuple | null): boolean {
  return (
    kwnames === null &&
    argcount === code.argcount &&
    code.kwonlyargcount === 0 &&
    (code.flags & (CodeFlag.VARARGS | CodeFlag.VARKEYWORDS)) === 0
  );
}

/**
 * The frame of a call made by the evaluation loop. The top `nargs` values of `stack` (the
 * arguments, positional then keyword values) move to the frame, and so does `func`'s
 * reference from the `below` slots under them (the function, and the NULL of a plain
 * call), which are popped too. A simple call (see isSimpleCall) moves the arguments
 * straight into the locals; others go through initialize_locals.
 */
export function makeFunctionFrameFromStack(
  func: PyFunction,
  stack: (PyObject | null)[],
  nargs: number,
  kwnames: PyTuple | null,
  below: number,
): Frame {
  const code = func.code;
  if (!isSimpleCall(code, nargs, kwnames)) {
    const base = stack.length - nargs;
    const args: PyObject[] = [];
    for (let k = 0; k < nargs; k++) args.push(stack[base + k]!);
    for (let k = 0; k < nargs + below; k++) stack.pop();
    const nkw = kwnames === null ? 0 : kwnames.items.length;
    return makeFunctionFrame(func, args, nargs - nkw, kwnames);
  }
  const f = takeFunctionFrame(func);
  const localsplus = f.localsplus;
  for (let j = nargs - 1; j >= 0; j--) localsplus[j] = stack.pop()!;
  for (let k = 0; k < below; k++) stack.pop();
  return f;
}

function clearLocals(lp: (PyObject | null)[]): void {
  for (let i = 0; i < lp.length; i++) {
    const v = lp[i];
    lp[i] = null;
    if (v !== null) decref(v);
  }
}

/** @cpython Python/ceval.c initialize_locals */
function initializeLocals(
  func: PyFunction,
  localsplus: (PyObject | null)[],
  args: PyObject[],
  argcount: number,
  kwnames: PyTuple | null,
): void {
  const co = func.code;
  const totalArgs = co.argcount + co.kwonlyargcount;
  const qualname = func.qualname.value;
  let kwdict: PyDict | null = null;
  const consumed = new Array<boolean>(args.length).fill(false);
  const releaseUnconsumed = () => {
    for (let j = 0; j < args.length; j++) if (!consumed[j]) decref(args[j]);
  };
  try {
    if (co.flags & CodeFlag.VARKEYWORDS) {
      kwdict = newDict();
      let i = totalArgs;
      if (co.flags & CodeFlag.VARARGS) i++;
      localsplus[i] = kwdict;
    }
    const n = argcount > co.argcount ? co.argcount : argcount;
    for (let j = 0; j < n; j++) {
      localsplus[j] = args[j];
      consumed[j] = true;
    }
    if (co.flags & CodeFlag.VARARGS) {
      let u: PyObject;
      if (argcount === n) u = (EmptyTuple.refcnt++, EmptyTuple);
      else {
        u = newTuple(args.slice(n, argcount));
        for (let j = n; j < argcount; j++) consumed[j] = true;
      }
      localsplus[totalArgs] = u;
    }
    if (kwnames !== null) {
      const names = co.localsplusnames.items as PyStr[];
      for (let i = 0; i < kwnames.items.length; i++) {
        const keyword = kwnames.items[i] as PyStr;
        const value = args[i + argcount];
        let j = co.posonlyargcount;
        for (; j < totalArgs; j++) if (names[j] === keyword || names[j].value === keyword.value) break;
        if (j >= totalArgs) {
          if (kwdict === null) {
            if (
              co.posonlyargcount &&
              names.slice(0, co.posonlyargcount).some((p) => p.value === keyword.value)
            ) {
              typeError(
                `${qualname}() got some positional-only arguments passed as keyword arguments: '${keyword.value}'`,
              );
            }
            typeError(`${qualname}() got an unexpected keyword argument '${keyword.value}'`);
          }
          dictSetItem(kwdict!, keyword, value);
          continue;
        }
        if (localsplus[j] !== null)
          typeError(`${qualname}() got multiple values for argument '${keyword.value}'`);
        localsplus[j] = value;
        consumed[i + argcount] = true;
      }
    }
    if (argcount > co.argcount && !(co.flags & CodeFlag.VARARGS)) {
      tooManyPositional(func, argcount, localsplus);
    }
    if (argcount < co.argcount) {
      const defaults = func.defaults?.items ?? [];
      const defcount = defaults.length;
      const m = co.argcount - defcount;
      const missing: string[] = [];
      for (let i = argcount; i < m; i++) if (localsplus[i] === null) missing.push(nameAt(func, i));
      if (missing.length) formatMissing(qualname, 'positional', missing);
      let i = n > m ? n - m : 0;
      for (; i < defcount; i++) {
        if (localsplus[m + i] === null) {
          const def = defaults[i];
          def.refcnt++;
          localsplus[m + i] = def;
        }
      }
    }
    if (co.kwonlyargcount > 0) {
      const missing: string[] = [];
      for (let i = co.argcount; i < totalArgs; i++) {
        if (localsplus[i] !== null) continue;
        const varname = co.localsplusnames.items[i] as PyStr;
        const def = func.kwdefaults !== null ? dictGetStr(func.kwdefaults, varname) : null;
        if (def !== null) {
          def.refcnt++;
          localsplus[i] = def;
          continue;
        }
        missing.push(strRepr(varname.value));
      }
      if (missing.length) formatMissing(qualname, 'keyword-only', missing);
    }
  } finally {
    releaseUnconsumed();
  }
}

function nameAt(func: PyFunction, i: number): string {
  return strRepr((func.code.localsplusnames.items[i] as PyStr).value);
}

function formatMissing(qualname: string, kind: string, names: string[]): never {
  let nameStr: string;
  if (names.length === 1) nameStr = names[0];
  else if (names.length === 2) nameStr = `${names[0]} and ${names[1]}`;
  else
    nameStr = `${names.slice(0, -2).join(', ')}, ${names[names.length - 2]}, and ${names[names.length - 1]}`;
  return typeError(
    `${qualname}() missing ${names.length} required ${kind} argument${names.length === 1 ? '' : 's'}: ${nameStr}`,
  );
}

function tooManyPositional(func: PyFunction, given: number, localsplus: (PyObject | null)[]): never {
  const co = func.code;
  let kwonlyGiven = 0;
  for (let i = co.argcount; i < co.argcount + co.kwonlyargcount; i++)
    if (localsplus[i] !== null) kwonlyGiven++;
  const defcount = func.defaults?.items.length ?? 0;
  let sig: string;
  let plural: boolean;
  if (defcount) {
    plural = true;
    sig = `from ${co.argcount - defcount} to ${co.argcount}`;
  } else {
    plural = co.argcount !== 1;
    sig = String(co.argcount);
  }
  const kwonlySig = kwonlyGiven
    ? ` positional argument${given !== 1 ? 's' : ''} (and ${kwonlyGiven} keyword-only argument${kwonlyGiven !== 1 ? 's' : ''})`
    : '';
  return typeError(
    `${func.qualname.value}() takes ${sig} positional argument${plural ? 's' : ''} but ${given}${kwonlySig} ${given === 1 && !kwonlyGiven ? 'was' : 'were'} given`,
  );
}

/** _PyFunction_Vectorcall: a call from outside the evaluation loop (args borrowed). */
export function functionCall(callable: PyObject, args: PyObject[], kwnames: PyTuple | null): PyObject {
  const func = callable as PyFunction;
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  for (const a of args) a.refcnt++;
  func.refcnt++;
  const f = makeFunctionFrame(func, args, args.length - nkw, kwnames);
  return runFrame(f);
}

/** Pushes `f` on the thread's frame stack, runs it, and pops it. */
export function runFrame(f: Frame): PyObject {
  if (rt.recursionDepth >= rt.recursionLimit) {
    clearLocals(f.localsplus);
    const func = f.func;
    f.func = null;
    if (func !== null) decref(func);
    raise(RecursionErrorType, 'maximum recursion depth exceeded');
  }
  const caller = rt.frame;
  f.previous = caller;
  rt.frame = f;
  rt.recursionDepth++;
  try {
    return evalFrame(f, null);
  } finally {
    rt.recursionDepth--;
    rt.frame = caller;
  }
}

FunctionType.tp_call = functionCall;
FunctionType.hasVectorcall = () => true;
