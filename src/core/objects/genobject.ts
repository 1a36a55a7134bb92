/**
 * Generators: a function frame kept alive between yields. The frame (and so every local)
 * lives inside the generator object; a suspended generator that dies is closed first,
 * which runs its `finally` blocks (PEP 342/442).
 * @cpython Objects/genobject.c (3.11)
 */
import { GCFlag, PyObject, PyType, TypeFlag, decref, xdecref, type Visit } from './object';
import { staticType } from './roots';
import { allocGCObject, gcDel } from '../memory/alloc';
import { rt } from '../vm/runtime';
import type { Frame } from '../vm/frame';
import { clearFrame } from '../vm/frame';
import { evalFrame } from '../vm/ceval';
import type { PyStr } from './unicodeobject';
import { newStr } from './unicodeobject';
import { None } from './noneobject';
import { newBool } from './boolobject';
import {
  PyBaseException,
  GeneratorExitType,
  StopIterationType,
  RuntimeErrorType,
  ValueErrorType,
  isBaseException,
  BaseExceptionType,
} from './exceptions';
import { newException, raise, typeError, isPyException } from '../vm/errors';
import { call, callMethod, iterNext } from './abstract';
import { clearWeakrefs } from './weakrefobject';
import { callFinalizerFromDealloc } from './instanceobject';
import { writeUnraisable } from '../vm/unraisable';
import { frameObjectOf } from './frameobject';
import { formatAddress } from './address';
import { staticId } from './unicodeobject';
import { isType } from './typeobject';

export const GeneratorType: PyType = staticType({
  name: 'generator',
  basicsize: 152,
  itemsize: 8,
  flags: TypeFlag.HAVE_GC,
});
GeneratorType.weakrefable = true;

const enum State {
  CREATED,
  SUSPENDED,
  EXECUTING,
  COMPLETED,
  CLEARED,
}

export class PyGen extends PyObject {
  state = State.CREATED;
  /** gi_exc_state: the exception being handled inside the generator, saved across yields. */
  excState: PyBaseException | null = null;
  constructor(
    public frame: Frame,
    public name: PyStr,
    public qualname: PyStr,
  ) {
    super(GeneratorType);
  }
}

export function isGeneratorObject(o: PyObject): o is PyGen {
  return o.type === GeneratorType;
}

/** RETURN_GENERATOR: the frame moves into a new generator object, which is returned. */
export function makeGenerator(f: Frame): PyGen {
  const func = f.func!;
  const code = f.code;
  func.name.refcnt++;
  func.qualname.refcnt++;
  const gen = allocGCObject(
    new PyGen(f, func.name, func.qualname),
    152 + 8 * (code.nlocalsplus + code.stacksize),
  );
  f.ownedByGenerator = true;
  f.previous = null;
  // gi_code: the generator's own reference, beside its frame's.
  code.refcnt++;
  rt.gc.track(gen);
  return gen;
}

interface SendResult {
  value: PyObject;
  /** True when the generator returned (value is the return value). */
  done: boolean;
}

/**
 * gen_send_ex2: resumes the generator with `arg` (or raises `exc` into it).
 * Returns the yielded value or, when it finishes, its return value with done=true.
 */
function genSendEx(
  gen: PyGen,
  arg: PyObject | null,
  exc: PyBaseException | null,
  closing: boolean,
): SendResult {
  if (gen.state === State.CREATED && arg !== null && arg !== None && exc === null) {
    typeError("can't send non-None value to a just-started generator");
  }
  if (gen.state === State.EXECUTING) raise(ValueErrorType, 'generator already executing');
  if (gen.state >= State.COMPLETED) {
    if (exc !== null) throw exc;
    if (arg !== null && !closing) raise(StopIterationType);
    None.refcnt++;
    return { value: None, done: true };
  }
  const f = gen.frame;
  const v = arg ?? None;
  v.refcnt++;
  if (exc === null) f.stack.push(v);
  else decref(v);
  gen.state = State.EXECUTING;
  rt.excInfo.push(gen.excState);
  gen.excState = null;
  const caller = rt.frame;
  f.previous = caller;
  rt.frame = f;
  rt.recursionDepth++;
  f.yielded = false;
  let result: PyObject;
  try {
    result = evalFrame(f, exc);
  } catch (e) {
    finishGenerator(gen);
    if (isPyException(e) && e.type.isSubtypeOf(StopIterationType)) {
      // PEP 479: a StopIteration escaping a generator becomes RuntimeError.
      const re = newException(RuntimeErrorType, [newStr('generator raised StopIteration')]);
      re.cause = e;
      re.context = (e.refcnt++, e);
      re.suppressContext = true;
      throw re;
    }
    throw e;
  } finally {
    rt.recursionDepth--;
    rt.frame = caller;
    f.previous = null;
    const slot = rt.excInfo.pop() ?? null;
    if (gen.state === State.EXECUTING && f.yielded) gen.excState = slot;
    else xdecref(slot);
  }
  if (f.yielded) {
    gen.state = State.SUSPENDED;
    return { value: result, done: false };
  }
  finishGenerator(gen);
  return { value: result, done: true };
}

/** The generator ran to its end: its frame is cleared (it was not by RETURN_VALUE). */
function finishGenerator(gen: PyGen): void {
  gen.state = State.COMPLETED;
  if (gen.frame.func !== null || gen.frame.localsplus.some((x) => x !== null)) {
    gen.frame.ownedByGenerator = false;
    clearFrame(gen.frame);
  }
  gen.state = State.CLEARED;
}

/** gen_iternext: the next value, or null when the generator is done. */
export function genIterNext(o: PyObject): PyObject | null {
  const r = genSendEx(o as PyGen, null, null, false);
  if (!r.done) return r.value;
  if (r.value !== None) {
    const e = newException(StopIterationType, [r.value]);
    throw e;
  }
  decref(r.value);
  return null;
}

/** The SEND opcode (yield from): delegate one step to the sub-iterator. */
export function genSendForYieldFrom(receiver: PyObject, v: PyObject): SendResult {
  if (isGeneratorObject(receiver)) return genSendEx(receiver, v, null, false);
  try {
    const value = v === None ? iterNext(receiver) : callMethod(receiver, staticId('send'), [v]);
    if (value === null) return { value: (None.refcnt++, None), done: true };
    return { value, done: false };
  } catch (e) {
    if (isPyException(e) && e.type.isSubtypeOf(StopIterationType)) {
      const val = e.args.items[0] ?? None;
      val.refcnt++;
      decref(e);
      return { value: val, done: true };
    }
    throw e;
  }
}

/** gen_close: GeneratorExit into a suspended generator; it must not yield again. */
export function genClose(gen: PyGen): void {
  if (gen.state === State.CREATED) {
    gen.state = State.COMPLETED;
    return;
  }
  if (gen.state >= State.COMPLETED) return;
  const exc = newException(GeneratorExitType, []);
  let r: SendResult;
  try {
    r = genSendEx(gen, null, exc, true);
  } catch (e) {
    if (
      isPyException(e) &&
      (e.type.isSubtypeOf(GeneratorExitType) || e.type.isSubtypeOf(StopIterationType))
    ) {
      decref(e);
      return;
    }
    throw e;
  }
  decref(r.value);
  if (!r.done) raise(RuntimeErrorType, 'generator ignored GeneratorExit');
}

/** _PyGen_Finalize: a generator that dies while suspended is closed. */
function genFinalize(o: PyObject): void {
  const gen = o as PyGen;
  if (gen.state !== State.SUSPENDED) return;
  const saved = rt.errorInFlight;
  try {
    genClose(gen);
  } catch (e) {
    writeUnraisable(e, gen, 'Exception ignored in');
  } finally {
    rt.errorInFlight = saved;
  }
}

GeneratorType.tp_finalize = genFinalize;
GeneratorType.tp_dealloc = (o) => {
  const gen = o as PyGen;
  rt.gc.untrack(gen);
  if (gen.weakrefs !== null) clearWeakrefs(gen);
  rt.gc.track(gen);
  if (!(gen.gcFlags & GCFlag.FINALIZED) && callFinalizerFromDealloc(gen)) return;
  rt.gc.untrack(gen);
  if (gen.state < State.CLEARED) {
    gen.state = State.CLEARED;
    gen.frame.ownedByGenerator = false;
    clearFrame(gen.frame);
  }
  const name = gen.name;
  const qualname = gen.qualname;
  const exc = gen.excState;
  gen.excState = null;
  decref(gen.frame.code);
  decref(name);
  decref(qualname);
  xdecref(exc);
  gcDel(gen);
};
GeneratorType.tp_traverse = (o, visit: Visit) => {
  const gen = o as PyGen;
  visit(gen.name, '__name__');
  visit(gen.qualname, '__qualname__');
  if (gen.state < State.CLEARED) {
    const f = gen.frame;
    if (f.frameObject !== null) visit(f.frameObject, 'gi_frame');
    if (f.func !== null) visit(f.func, 'gi_func');
    const names = f.code.localsplusnames.items as PyStr[];
    for (let i = 0; i < f.localsplus.length; i++) {
      const v = f.localsplus[i];
      if (v !== null) visit(v, names[i]?.value ?? `local${i}`);
    }
    for (const v of f.stack) if (v !== null) visit(v, 'stack');
  }
  if (gen.excState !== null) visit(gen.excState, 'gi_exc_state');
};
GeneratorType.tp_iter = (o) => (o.refcnt++, o);
GeneratorType.tp_iternext = genIterNext;
GeneratorType.tp_repr = (o) =>
  newStr(`<generator object ${(o as PyGen).qualname.value} at ${formatAddress(o.addr)}>`);
GeneratorType.tp_sizeof = (o) => {
  const code = (o as PyGen).frame.code;
  return 152 + 8 * (code.nlocalsplus + code.stacksize);
};

function sendValue(gen: PyGen, arg: PyObject): PyObject {
  const r = genSendEx(gen, arg, null, false);
  if (!r.done) return r.value;
  throw newException(StopIterationType, r.value === None ? (decref(r.value), []) : [r.value]);
}

GeneratorType.methodSpecs.push(
  {
    name: 'send',
    call: (self, args) => {
      if (args.length !== 1) typeError(`send() takes exactly one argument (${args.length} given)`);
      return sendValue(self as PyGen, args[0]);
    },
  },
  {
    name: 'throw',
    call: (self, args) => {
      const typ = args[0];
      let exc: PyBaseException;
      if (isType(typ) && (typ as PyType).isSubtypeOf(BaseExceptionType)) {
        const v = args[1] !== undefined && args[1] !== None ? [args[1]] : [];
        exc = call(typ, v) as PyBaseException;
      } else if (isBaseException(typ)) {
        typ.refcnt++;
        exc = typ;
      } else {
        return typeError(
          'exceptions must be classes or instances deriving from BaseException, not ' + typ.type.name,
        );
      }
      exc.needsContext = true;
      const r = genSendEx(self as PyGen, null, exc, false);
      if (!r.done) return r.value;
      throw newException(StopIterationType, r.value === None ? (decref(r.value), []) : [r.value]);
    },
  },
  {
    name: 'close',
    call: (self) => {
      genClose(self as PyGen);
      None.refcnt++;
      return None;
    },
  },
);
GeneratorType.getsetSpecs.push(
  { name: '__name__', get: (o) => ((o as PyGen).name.refcnt++, (o as PyGen).name) },
  { name: '__qualname__', get: (o) => ((o as PyGen).qualname.refcnt++, (o as PyGen).qualname) },
  { name: 'gi_running', get: (o) => newBool((o as PyGen).state === State.EXECUTING) },
  { name: 'gi_suspended', get: (o) => newBool((o as PyGen).state === State.SUSPENDED) },
  { name: 'gi_code', get: (o) => ((o as PyGen).frame.code.refcnt++, (o as PyGen).frame.code) },
  {
    name: 'gi_frame',
    get: (o) => {
      const gen = o as PyGen;
      if (gen.state >= State.COMPLETED) return (None.refcnt++, None);
      const fo = frameObjectOf(gen.frame);
      fo.refcnt++;
      return fo;
    },
  },
);
