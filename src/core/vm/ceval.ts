/**
 * The evaluation loop: one frame at a time, CPython 3.11's opcodes with the same stack
 * discipline (which references the stack holds and when they are released), the same
 * exception unwinding through the exception table, and the same trace events.
 * @cpython Python/ceval.c _PyEval_EvalFrameDefault (3.11)
 */
import { CompareOp, PyObject, PyType, decref, xdecref } from '../objects/object';
import { Op, FVC } from '../compiler/opcodes';
import type { PyCode } from '../objects/codeobject';
import { None } from '../objects/noneobject';
import { True, False, newBool } from '../objects/boolobject';
import { IntType, newInt, intBinaryOpExact, intCompareExact, type PyLong } from '../objects/longobject';
import { FloatType, floatBinaryOpExact, type PyFloat } from '../objects/floatobject';
import { PyStr, isStr, newStr, type PyStr as Str } from '../objects/unicodeobject';
import { PyTuple, newTuple, isTuple } from '../objects/tupleobject';
import { PyList, listAppendTake, listExtend, newEmptyList, newList } from '../objects/listobject';
import {
  PyDict,
  DictType,
  dictGetStr,
  dictSetItem,
  dictSetItemTake,
  dictDelItem,
  dictGetIdenticalKey,
  dictGetName,
  dictReplaceIdenticalKey,
  dictMerge,
  isDict,
  newDict,
  newDictPresized,
  dictItems,
} from '../objects/dictobject';
import { newSet, setAdd, setUpdate } from '../objects/setobject';
import { PyCell, newCell } from '../objects/cellobject';
import { PyFunction, FunctionType, newFunction } from '../objects/funcobject';
import { PyMethod, MethodType } from '../objects/methodobject';
import { newSlice } from '../objects/sliceobject';
import {
  PyBaseException,
  BaseExceptionType,
  RecursionErrorType,
  AssertionErrorType,
  NameErrorType,
  UnboundLocalErrorType,
  RuntimeErrorType,
  TypeErrorType,
  SystemErrorType,
  KeyErrorType,
  isBaseException,
} from '../objects/exceptions';
import {
  binaryOp,
  call,
  contains,
  delItem,
  getAttr,
  getItem,
  getIter,
  inplaceOp,
  isTrue,
  iterNext,
  objectRepr,
  objectStr,
  richCompare,
  setAttr,
  setItem,
  unaryOp,
  lookupAttr,
  getMethod,
  callObject,
} from '../objects/abstract';
import { typeLookup, isType } from '../objects/typeobject';
import { staticId } from '../objects/unicodeobject';

import { recycleFrame } from './frame-pool';
import { MethodDescrType, callMethodDescr, type PyMethodDescr } from '../objects/descrobject';
import { undefinedGlobal } from './unsupported-builtins';
import { Frame, clearFrame } from './frame';
import { inplaceAddUnicode, quicken, unboundLocalLasti, unpackIsSpecialized } from './specialize';
import { makeFunctionFrameFromStack, runFrame } from './call';
import { rt } from './runtime';
import { isPyException, newException, raise, typeError, nameError, valueError } from './errors';
import { frameObjectOf } from '../objects/frameobject';
import { newTraceback } from '../objects/traceback';
import { makeGenerator, genSendForYieldFrom } from '../objects/genobject';
import { importName, importFrom, importStar } from '../modules/importer';
import { formatObject, buildString, unicodeAppend, objectAscii } from '../objects/unicodeobject';
import type { NumberSlot } from '../objects/object';
import { exceptionMatches, setExceptionContext, exceptionTraceback } from '../objects/exceptiontype';

/** BINARY_OP's oparg → number slot. */
const BINARY_SLOTS: NumberSlot[] = [
  'nb_add',
  'nb_and',
  'nb_floor_divide',
  'nb_lshift',
  'nb_matrix_multiply',
  'nb_multiply',
  'nb_remainder',
  'nb_or',
  'nb_power',
  'nb_rshift',
  'nb_subtract',
  'nb_true_divide',
  'nb_xor',
];

const UNBOUNDLOCAL_ERROR_MSG = (name: string) =>
  `cannot access local variable '${name}' where it is not associated with a value`;
const UNBOUNDFREE_ERROR_MSG = (name: string) =>
  `cannot access free variable '${name}' where it is not associated with a value in enclosing scope`;

function firstTraceable(code: PyCode): number {
  const ops = code.ops;
  for (let i = 0; i < ops.length; i++) if (ops[i] === Op.RESUME) return i;
  return 0;
}
function firstTraceableOf(code: PyCode): number {
  const v = code.firstTraceable;
  return v >= 0 ? v : (code.firstTraceable = firstTraceable(code));
}

/**
 * Runs `f` from its next instruction until it returns or yields. `throwing` resumes a
 * generator frame by raising that exception at its current instruction.
 * Returns a new reference. A generator frame that yielded has `yielded` set on return.
 */
export function evalFrame(f: Frame, throwing: PyBaseException | null): PyObject {
  const code = f.code;
  const ops = code.ops;
  const args = code.args;
  const lines = code.lines;
  const stack = f.stack;
  const localsplus = f.localsplus;
  const traced = f.traced;
  const firstTrace = firstTraceableOf(code);
  const sink = rt.trace;
  let i = f.lasti + 1;
  let pending: PyBaseException | null = throwing;
  let reraise = false;
  // generator.throw()/close(): the resumed frame gets a call event, then the exception.
  if (throwing !== null && traced) {
    rt.steps++;
    if (sink !== null) sink.call(f);
  }

  for (;;) {
    try {
      if (pending !== null) {
        const e = pending;
        pending = null;
        throw e;
      }
      for (;;) {
        const op = ops[i];
        const oparg = args[i];
        if (traced && i >= firstTrace) {
          const prev = f.lasti;
          f.lasti = i;
          if (op === Op.RESUME) {
            rt.steps++;
            if (sink !== null) sink.call(f);
            checkBudget();
          } else {
            const line = lines[i];
            if (line !== -1) {
              const lastLine = prev <= firstTrace ? -1 : lines[prev];
              if (line !== lastLine || (i < prev && ops[prev] !== Op.SEND)) {
                rt.steps++;
                if (sink !== null) sink.line(f, line);
                checkBudget();
              }
            }
          }
        } else {
          f.lasti = i;
        }
        i++;
        switch (op) {
          case Op.NOP:
            break;
          case Op.RESUME:
            // _PyCode_Warmup
            if (code.warmup !== 0 && ++code.warmup === 0) quicken(code);
            break;
          case Op.POP_TOP:
            xdecref(stack.pop());
            break;
          case Op.PUSH_NULL:
            stack.push(null);
            break;
          case Op.COPY: {
            const v = stack[stack.length - oparg]!;
            v.refcnt++;
            stack.push(v);
            break;
          }
          case Op.SWAP: {
            const top = stack.length - 1;
            const t = stack[top];
            stack[top] = stack[top - oparg + 1];
            stack[top - oparg + 1] = t;
            break;
          }
          case Op.LOAD_CONST: {
            const v = code.consts.items[oparg];
            v.refcnt++;
            stack.push(v);
            break;
          }
          case Op.LOAD_FAST: {
            const v = localsplus[oparg];
            if (v === null) {
              if (code.adaptive !== null) f.lasti = unboundLocalLasti(code, i - 1);
              raise(UnboundLocalErrorType, UNBOUNDLOCAL_ERROR_MSG(localName(code, oparg)));
            }
            v!.refcnt++;
            stack.push(v);
            break;
          }
          case Op.STORE_FAST: {
            const v = stack.pop()!;
            const old = localsplus[oparg];
            localsplus[oparg] = v;
            if (old !== null) decref(old);
            break;
          }
          case Op.LOAD_GLOBAL: {
            const name = code.names.items[oparg >> 1] as Str;
            let v = dictGetName(f.globals, name);
            if (v === null) {
              v = dictGetName(f.builtins, name);
              if (v === null) undefinedGlobal(name);
            }
            if (oparg & 1) stack.push(null);
            v!.refcnt++;
            stack.push(v);
            break;
          }
          case Op.LOAD_NAME: {
            const name = code.names.items[oparg] as Str;
            const ns = f.locals;
            const v =
              ns !== null && ns.type === DictType ? dictGetIdenticalKey(ns as PyDict, name) : undefined;
            if (v !== null && v !== undefined) {
              v.refcnt++;
              stack.push(v);
            } else stack.push(loadName(f, name, v === null));
            break;
          }
          case Op.STORE_NAME: {
            const name = code.names.items[oparg] as Str;
            const v = stack[stack.length - 1]!;
            const ns = f.locals;
            if (ns === null) raise(SystemErrorType, `no locals found when storing '${name.value}'`);
            if (ns!.type === DictType) {
              if (!dictReplaceIdenticalKey(ns as PyDict, name, v)) dictSetItem(ns as PyDict, name, v);
            } else setItem(ns!, name, v);
            stack.pop();
            decref(v);
            break;
          }
          case Op.LOAD_CLOSURE: {
            const cell = localsplus[oparg]!;
            cell.refcnt++;
            stack.push(cell);
            break;
          }
          case Op.LOAD_DEREF: {
            const v = (localsplus[oparg] as PyCell).ref;
            if (v === null) derefError(code, oparg);
            v!.refcnt++;
            stack.push(v);
            break;
          }
          case Op.STORE_DEREF: {
            const v = stack.pop()!;
            const cell = localsplus[oparg] as PyCell;
            const old = cell.ref;
            cell.ref = v;
            xdecref(old);
            break;
          }
          case Op.LOAD_ATTR: {
            const owner = stack[stack.length - 1]!;
            const res = getAttr(owner, code.names.items[oparg] as Str);
            stack[stack.length - 1] = res;
            decref(owner);
            break;
          }
          case Op.LOAD_METHOD: {
            const obj = stack[stack.length - 1]!;
            const name = code.names.items[oparg] as Str;
            const meth = getMethod(obj, name);
            if (meth !== null) {
              // [meth, self]: the self reference moves up one slot.
              stack[stack.length - 1] = meth;
              stack.push(obj);
            } else {
              const attr = getAttr(obj, name);
              stack[stack.length - 1] = null;
              decref(obj);
              stack.push(attr);
            }
            break;
          }
          case Op.STORE_ATTR: {
            const owner = stack[stack.length - 1]!;
            const v = stack[stack.length - 2]!;
            setAttr(owner, code.names.items[oparg] as Str, v);
            stack.pop();
            stack.pop();
            decref(v);
            decref(owner);
            break;
          }
          case Op.BINARY_OP: {
            const rhs = stack[stack.length - 1]!;
            const lhs = stack[stack.length - 2]!;
            const adaptive = code.adaptive;
            if (
              adaptive !== null &&
              (oparg === 0 || oparg === 13) &&
              inplaceAddUnicode(code, adaptive, i - 1, lhs, rhs, localsplus)
            ) {
              // BINARY_OP_INPLACE_ADD_UNICODE: the stack's reference goes, PyUnicode_Append
              // takes the local's, and the STORE_FAST after it is done.
              stack.pop();
              stack.pop();
              lhs.refcnt--;
              const target = args[i];
              try {
                localsplus[target] = unicodeAppend(lhs as PyStr, rhs);
              } catch (e) {
                localsplus[target] = null;
                decref(rhs);
                throw e;
              }
              decref(rhs);
              i++;
              break;
            }
            // Two exact ints or floats: their slot's arithmetic without the generic dispatch.
            const lt = lhs.type;
            let res =
              lt !== rhs.type
                ? null
                : lt === IntType
                  ? intBinaryOpExact(lhs as PyLong, rhs as PyLong, oparg)
                  : lt === FloatType
                    ? floatBinaryOpExact(lhs as PyFloat, rhs as PyFloat, oparg)
                    : null;
            if (res === null) {
              res =
                oparg >= 13
                  ? inplaceOp(lhs, rhs, BINARY_SLOTS[oparg - 13])
                  : binaryOp(lhs, rhs, BINARY_SLOTS[oparg]);
            }
            stack.pop();
            stack.pop();
            decref(lhs);
            decref(rhs);
            stack.push(res);
            break;
          }
          case Op.COMPARE_OP: {
            const right = stack[stack.length - 1]!;
            const left = stack[stack.length - 2]!;
            // Two exact ints: long_richcompare, which calls nothing (richCompare's recursion
            // guard can only fire past the limit, where the generic path still goes).
            const res =
              left.type === IntType && right.type === IntType && rt.recursionDepth <= rt.recursionLimit
                ? intCompareExact(left as PyLong, right as PyLong, oparg as CompareOp)
                : richCompare(left, right, oparg as CompareOp);
            stack.pop();
            stack.pop();
            stack.push(res);
            decref(left);
            decref(right);
            break;
          }
          case Op.IS_OP: {
            const right = stack.pop()!;
            const left = stack.pop()!;
            const res = (left === right) !== (oparg === 1);
            decref(left);
            decref(right);
            stack.push(newBool(res));
            break;
          }
          case Op.CONTAINS_OP: {
            const right = stack[stack.length - 1]!;
            const left = stack[stack.length - 2]!;
            const res = contains(right, left);
            stack.pop();
            stack.pop();
            decref(left);
            decref(right);
            stack.push(newBool(res !== (oparg === 1)));
            break;
          }
          case Op.BINARY_SUBSCR: {
            const sub = stack[stack.length - 1]!;
            const container = stack[stack.length - 2]!;
            const res = getItem(container, sub);
            stack.pop();
            stack.pop();
            decref(container);
            decref(sub);
            stack.push(res);
            break;
          }
          case Op.STORE_SUBSCR: {
            const sub = stack[stack.length - 1]!;
            const container = stack[stack.length - 2]!;
            const v = stack[stack.length - 3]!;
            setItem(container, sub, v);
            stack.pop();
            stack.pop();
            stack.pop();
            decref(v);
            decref(container);
            decref(sub);
            break;
          }
          case Op.DELETE_SUBSCR: {
            const sub = stack[stack.length - 1]!;
            const container = stack[stack.length - 2]!;
            delItem(container, sub);
            stack.pop();
            stack.pop();
            decref(container);
            decref(sub);
            break;
          }
          case Op.GET_ITER: {
            const iterable = stack[stack.length - 1]!;
            const it = getIter(iterable);
            stack[stack.length - 1] = it;
            decref(iterable);
            break;
          }
          case Op.FOR_ITER: {
            const it = stack[stack.length - 1]!;
            const next = it.type.tp_iternext!(it);
            if (next !== null) {
              stack.push(next);
            } else {
              stack.pop();
              decref(it);
              i = oparg;
            }
            break;
          }
          case Op.JUMP_FORWARD:
          case Op.JUMP_BACKWARD_NO_INTERRUPT:
            i = oparg;
            break;
          case Op.JUMP_BACKWARD:
            if (code.warmup !== 0 && ++code.warmup === 0) quicken(code);
            i = oparg;
            break;
          case Op.POP_JUMP_IF_FALSE:
            if (!popTruth(stack)) i = oparg;
            break;
          case Op.POP_JUMP_IF_TRUE:
            if (popTruth(stack)) i = oparg;
            break;
          case Op.POP_JUMP_IF_NONE: {
            const v = stack.pop()!;
            decref(v);
            if (v === None) i = oparg;
            break;
          }
          case Op.POP_JUMP_IF_NOT_NONE: {
            const v = stack.pop()!;
            decref(v);
            if (v !== None) i = oparg;
            break;
          }
          case Op.JUMP_IF_FALSE_OR_POP:
          case Op.JUMP_IF_TRUE_OR_POP: {
            const cond = stack[stack.length - 1]!;
            const b = cond === True ? true : cond === False ? false : isTrue(cond);
            if (b === (op === Op.JUMP_IF_TRUE_OR_POP)) i = oparg;
            else {
              stack.pop();
              decref(cond);
            }
            break;
          }
          case Op.BUILD_TUPLE: {
            const items = popN(stack, oparg) as PyObject[];
            stack.push(newTuple(items));
            break;
          }
          case Op.BUILD_LIST: {
            const items = popN(stack, oparg) as PyObject[];
            stack.push(oparg === 0 ? newEmptyList() : newList(items));
            break;
          }
          case Op.LIST_APPEND: {
            const v = stack.pop()!;
            listAppendTake(stack[stack.length - oparg] as PyList, v);
            break;
          }
          case Op.UNPACK_SEQUENCE: {
            const seq = stack[stack.length - 1]!;
            // Until quickened, and when not specialized, 3.11 iterates (unpack_iterable).
            const adaptive = code.adaptive;
            if (adaptive !== null && unpackIsSpecialized(adaptive, i - 1, seq, oparg)) {
              stack.pop();
              const items = (seq as PyTuple).items;
              for (let k = oparg - 1; k >= 0; k--) {
                const x = items[k];
                x.refcnt++;
                stack.push(x);
              }
              decref(seq);
            } else {
              const vals = unpackIterable(seq, oparg, -1);
              stack.pop();
              decref(seq);
              for (let k = vals.length - 1; k >= 0; k--) stack.push(vals[k]);
            }
            break;
          }
          case Op.KW_NAMES:
            f.kwnames = code.consts.items[oparg] as PyTuple;
            break;
          case Op.CALL: {
            const kwnames = f.kwnames;
            f.kwnames = null;
            let isMeth = stack[stack.length - oparg - 2] !== null;
            let totalArgs = oparg + (isMeth ? 1 : 0);
            let func = stack[stack.length - totalArgs - 1]!;
            if (!isMeth && func.type === MethodType) {
              // PRECALL: unpack a bound method into (function, self).
              const m = func as PyMethod;
              const mf = m.func;
              const self = m.self;
              mf.refcnt++;
              self.refcnt++;
              stack[stack.length - oparg - 1] = self;
              stack[stack.length - oparg - 2] = mf;
              decref(m);
              isMeth = true;
              totalArgs++;
              func = mf;
            }
            if (func.type === FunctionType) {
              // The frame takes the arguments and the function reference; the NULL slot (if any) goes.
              const nf = makeFunctionFrameFromStack(
                func as PyFunction,
                stack,
                totalArgs,
                kwnames,
                isMeth ? 1 : 2,
              );
              stack.push(runFrame(nf));
            } else if (isMeth && func.type === MethodDescrType) {
              // A method of a builtin type called on its object (list.append…): what call()
              // reaches through tp_call, without gathering self and the arguments twice.
              if (rt.recursionDepth > rt.recursionLimit) {
                raise(RecursionErrorType, 'maximum recursion depth exceeded while calling a Python object');
              }
              const rest = peekN(stack, oparg);
              const self = stack[stack.length - oparg - 1]!;
              const res = callMethodDescr(func as PyMethodDescr, self, rest, kwnames);
              for (let k = 0; k < totalArgs; k++) stack.pop();
              decref(func);
              decref(self);
              for (let k = 0; k < oparg; k++) decref(rest[k]);
              stack.pop();
              stack.push(res);
            } else {
              const argv = peekN(stack, totalArgs);
              const res = call(func, argv, kwnames);
              decref(func);
              for (let k = 0; k < totalArgs; k++) stack.pop();
              for (let k = 0; k < totalArgs; k++) decref(argv[k]);
              stack.pop();
              if (!isMeth) stack.pop();
              stack.push(res);
            }
            break;
          }
          case Op.RETURN_VALUE: {
            const retval = stack.pop()!;
            if (traced) {
              rt.steps++;
              if (sink !== null) sink.return(f);
            }
            // GH-99729 (3.11.1): the frame is unlinked before it is cleared, so what its
            // clearing allocates or finalizes runs with the caller as the current frame.
            rt.frame = f.previous;
            const recyclable = f.frameObject === null && !f.ownedByGenerator;
            clearFrame(f);
            if (recyclable) recycleFrame(f);
            return retval;
          }
          case Op.RETURN_GENERATOR: {
            return makeGenerator(f);
          }
          case Op.YIELD_VALUE: {
            const retval = stack.pop()!;
            if (traced) {
              rt.steps++;
              if (sink !== null) sink.return(f);
            }
            f.yielded = true;
            return retval;
          }
          case Op.SEND: {
            const v = stack.pop()!;
            const receiver = stack[stack.length - 1]!;
            let result: { value: PyObject; done: boolean };
            try {
              result = genSendForYieldFrom(receiver, v);
            } finally {
              decref(v);
            }
            if (result.done) {
              stack[stack.length - 1] = result.value;
              decref(receiver);
              i = oparg;
            } else {
              stack.push(result.value);
            }
            break;
          }
          case Op.RAISE_VARARGS: {
            const cause = oparg === 2 ? stack.pop()! : null;
            const exc = oparg >= 1 ? stack.pop()! : null;
            if (exc === null) {
              // do_raise's re-raise goes to exception_unwind: no traceback entry for this frame.
              const value = topmostException();
              if (value === null) raise(RuntimeErrorType, 'No active exception to reraise');
              value!.refcnt++;
              reraise = true;
              throw value!;
            }
            doRaise(exc, cause);
            break;
          }
          case Op.RERAISE: {
            if (oparg) {
              f.lasti = Number((stack[stack.length - 1 - oparg] as PyLong).value);
            }
            const val = stack.pop() as PyBaseException;
            reraise = true;
            throw val;
          }
          default:
            coldOp(f, op, oparg);
            break;
        }
      }
    } catch (err) {
      let e: PyBaseException;
      if (isPyException(err)) e = err;
      else if (err instanceof RangeError && /call stack/i.test(err.message)) {
        e = newException(RecursionErrorType, [newStr('maximum recursion depth exceeded')]);
      } else throw err;
      rt.errorInFlight = true;
      if (!reraise) {
        setExceptionContext(e);
        tracebackHere(f, e);
        if (traced) {
          rt.steps++;
          if (sink !== null) sink.exception(f);
        }
      }
      reraise = false;
      // The instruction that raised, not f.lasti: RERAISE sets that to the original raise point.
      const handler = findHandler(code, i - 1);
      if (handler === null) {
        while (stack.length > 0) xdecref(stack.pop());
        if (traced) {
          rt.steps++;
          if (sink !== null) sink.return(f);
        }
        rt.frame = f.previous;
        if (!f.ownedByGenerator) clearFrame(f);
        throw e;
      }
      while (stack.length > handler.depth) xdecref(stack.pop());
      if (handler.lasti) stack.push(newInt(f.lasti));
      stack.push(e);
      i = handler.target;
      rt.errorInFlight = false;
    }
  }
}

/**
 * The opcodes a hot loop rarely runs, out of line: evalFrame stays small enough for V8 to
 * optimize it quickly (each run starts with cold JIT code). Exceptions propagate to
 * evalFrame's handler as if raised there.
 */
function coldOp(f: Frame, op: Op, oparg: number): void {
  const code = f.code;
  const stack = f.stack;
  const localsplus = f.localsplus;
  switch (op) {
    case Op.DELETE_FAST: {
      const old = localsplus[oparg];
      if (old === null) raise(UnboundLocalErrorType, UNBOUNDLOCAL_ERROR_MSG(localName(code, oparg)));
      localsplus[oparg] = null;
      decref(old!);
      break;
    }
    case Op.STORE_GLOBAL: {
      const name = code.names.items[oparg] as Str;
      const v = stack[stack.length - 1]!;
      dictSetItem(f.globals, name, v);
      stack.pop();
      decref(v);
      break;
    }
    case Op.DELETE_GLOBAL: {
      const name = code.names.items[oparg] as Str;
      if (!dictDelItem(f.globals, name)) nameError(name, `name '${name.value}' is not defined`);
      break;
    }
    case Op.DELETE_NAME: {
      const name = code.names.items[oparg] as Str;
      const ns = f.locals!;
      let ok = true;
      if (ns.type === DictType) ok = dictDelItem(ns as PyDict, name);
      else delItem(ns, name);
      if (!ok) nameError(name, `name '${name.value}' is not defined`);
      break;
    }
    case Op.MAKE_CELL: {
      const initial = localsplus[oparg];
      const cell = newCell(initial);
      localsplus[oparg] = cell;
      if (initial !== null) decref(initial);
      break;
    }
    case Op.COPY_FREE_VARS: {
      const closure = f.func!.closure!.items;
      const offset = code.nlocalsplus - oparg;
      for (let k = 0; k < oparg; k++) {
        const o = closure[k];
        o.refcnt++;
        localsplus[offset + k] = o;
      }
      break;
    }
    case Op.LOAD_CLASSDEREF: {
      const name = code.localsplusnames.items[oparg] as Str;
      const ns = f.locals!;
      let v: PyObject | null = null;
      if (ns.type === DictType) {
        v = dictGetStr(ns as PyDict, name);
        if (v !== null) v.refcnt++;
      }
      if (v === null) {
        v = (localsplus[oparg] as PyCell).ref;
        if (v === null) derefError(code, oparg);
        v!.refcnt++;
      }
      stack.push(v);
      break;
    }
    case Op.DELETE_DEREF: {
      const cell = localsplus[oparg] as PyCell;
      const old = cell.ref;
      if (old === null) derefError(code, oparg);
      cell.ref = null;
      decref(old!);
      break;
    }
    case Op.DELETE_ATTR: {
      const owner = stack[stack.length - 1]!;
      setAttr(owner, code.names.items[oparg] as Str, null);
      stack.pop();
      decref(owner);
      break;
    }
    case Op.UNARY_NEGATIVE:
    case Op.UNARY_POSITIVE:
    case Op.UNARY_INVERT: {
      const v = stack[stack.length - 1]!;
      const res =
        op === Op.UNARY_NEGATIVE
          ? unaryOp(v, 'nb_negative', 'unary -')
          : op === Op.UNARY_POSITIVE
            ? unaryOp(v, 'nb_positive', 'unary +')
            : unaryOp(v, 'nb_invert', 'unary ~');
      stack[stack.length - 1] = res;
      decref(v);
      break;
    }
    case Op.UNARY_NOT: {
      const v = stack[stack.length - 1]!;
      const b = isTrue(v);
      stack[stack.length - 1] = newBool(!b);
      decref(v);
      break;
    }
    case Op.BUILD_SLICE: {
      const step = oparg === 3 ? stack.pop()! : null;
      const stop = stack.pop()!;
      const start = stack.pop()!;
      const slice = newSlice(start, stop, step ?? None);
      decref(start);
      decref(stop);
      xdecref(step);
      stack.push(slice);
      break;
    }
    case Op.LIST_TO_TUPLE: {
      const l = stack[stack.length - 1] as PyList;
      const items = l.items.slice();
      for (const x of items) x.refcnt++;
      stack[stack.length - 1] = newTuple(items);
      decref(l);
      break;
    }
    case Op.BUILD_SET: {
      const s = newSet();
      const items = popN(stack, oparg) as PyObject[];
      try {
        for (const x of items) setAdd(s, x);
      } catch (e) {
        decref(s);
        for (const x of items) decref(x);
        throw e;
      }
      for (const x of items) decref(x);
      stack.push(s);
      break;
    }
    case Op.BUILD_MAP: {
      const d = newDictPresized(oparg);
      const items = popN(stack, 2 * oparg) as PyObject[];
      try {
        for (let k = 0; k < oparg; k++) dictSetItem(d, items[2 * k], items[2 * k + 1]);
      } catch (e) {
        decref(d);
        for (const x of items) decref(x);
        throw e;
      }
      for (const x of items) decref(x);
      stack.push(d);
      break;
    }
    case Op.BUILD_CONST_KEY_MAP: {
      const keys = stack.pop() as PyTuple;
      const values = popN(stack, oparg) as PyObject[];
      const d = newDictPresized(oparg);
      try {
        for (let k = 0; k < oparg; k++) dictSetItem(d, keys.items[k], values[k]);
      } catch (e) {
        decref(d);
        throw e;
      } finally {
        for (const x of values) decref(x);
        decref(keys);
      }
      stack.push(d);
      break;
    }
    case Op.BUILD_STRING: {
      const parts = popN(stack, oparg) as PyStr[];
      const s = buildString(parts);
      for (const p of parts) decref(p);
      stack.push(s);
      break;
    }
    case Op.SET_ADD: {
      const v = stack.pop()!;
      try {
        setAdd(stack[stack.length - oparg]!, v);
      } finally {
        decref(v);
      }
      break;
    }
    case Op.MAP_ADD: {
      const value = stack.pop()!;
      const key = stack.pop()!;
      dictSetItemTake(stack[stack.length - oparg] as PyDict, key, value);
      break;
    }
    case Op.LIST_EXTEND: {
      const iterable = stack[stack.length - 1]!;
      const l = stack[stack.length - 1 - oparg] as PyList;
      try {
        listExtend(l, iterable);
      } catch (e) {
        if (
          isPyException(e) &&
          e.type === TypeErrorType &&
          iterable.type.tp_iter === undefined &&
          iterable.type.mp_subscript === undefined
        ) {
          decref(e);
          typeError(`Value after * must be an iterable, not ${iterable.type.name}`);
        }
        throw e;
      }
      stack.pop();
      decref(iterable);
      break;
    }
    case Op.SET_UPDATE: {
      const iterable = stack[stack.length - 1]!;
      setUpdate(stack[stack.length - 1 - oparg]!, iterable);
      stack.pop();
      decref(iterable);
      break;
    }
    case Op.DICT_UPDATE: {
      const update = stack[stack.length - 1]!;
      const d = stack[stack.length - 1 - oparg] as PyDict;
      if (!isDict(update)) {
        if (lookupAttr(update, staticId('keys')) === null) {
          typeError(`'${update.type.name}' object is not a mapping`);
        }
      }
      dictUpdateFromMapping(d, update, true);
      stack.pop();
      decref(update);
      break;
    }
    case Op.DICT_MERGE: {
      const update = stack[stack.length - 1]!;
      const d = stack[stack.length - 1 - oparg] as PyDict;
      const func = stack[stack.length - 3 - oparg]!;
      dictMergeForCall(d, update, func);
      stack.pop();
      decref(update);
      break;
    }
    case Op.UNPACK_EX: {
      const seq = stack[stack.length - 1]!;
      const vals = unpackIterable(seq, oparg & 0xff, oparg >> 8);
      stack.pop();
      decref(seq);
      for (let k = vals.length - 1; k >= 0; k--) stack.push(vals[k]);
      break;
    }
    case Op.FORMAT_VALUE: {
      const haveSpec = (oparg & FVC.HAVE_SPEC) !== 0;
      const spec = haveSpec ? (stack.pop() as PyStr) : null;
      let value = stack.pop()!;
      const conv = oparg & FVC.ASCII;
      try {
        if (conv !== FVC.NONE) {
          const converted =
            conv === FVC.STR ? objectStr(value) : conv === FVC.REPR ? objectRepr(value) : objectAscii(value);
          decref(value);
          value = converted;
        }
        if (isStr(value) && value.type === StrType && (spec === null || spec.value === '')) {
          stack.push(value);
        } else {
          const res = formatObject(value, spec);
          decref(value);
          stack.push(res);
        }
      } catch (e) {
        decref(value);
        throw e;
      } finally {
        if (spec !== null) decref(spec);
      }
      break;
    }
    case Op.CALL_FUNCTION_EX: {
      const kwargs = oparg & 1 ? stack.pop()! : null;
      let callargs = stack[stack.length - 1]!;
      const func = stack[stack.length - 2]!;
      try {
        if (!isTuple(callargs)) {
          const t = sequenceToTuple(callargs, func);
          decref(callargs);
          stack[stack.length - 1] = t;
          callargs = t;
        }
        const res = callObject(func, callargs as PyTuple, kwargs as PyDict | null);
        stack.pop();
        stack.pop();
        decref(func);
        decref(callargs);
        const nul = stack.pop();
        xdecref(nul);
        stack.push(res);
      } finally {
        xdecref(kwargs);
      }
      break;
    }
    case Op.MAKE_FUNCTION: {
      const codeobj = stack.pop() as PyCode;
      const fn = newFunction(codeobj, f.globals, f.builtins);
      decref(codeobj);
      if (oparg & 8) fn.closure = stack.pop() as PyTuple;
      if (oparg & 4) fn.annotations = stack.pop()!;
      if (oparg & 2) fn.kwdefaults = stack.pop() as PyDict;
      if (oparg & 1) fn.defaults = stack.pop() as PyTuple;
      stack.push(fn);
      break;
    }
    case Op.GET_YIELD_FROM_ITER: {
      const iterable = stack[stack.length - 1]!;
      if (!isGeneratorObject(iterable)) {
        const it = getIter(iterable);
        stack[stack.length - 1] = it;
        decref(iterable);
      }
      break;
    }
    case Op.LOAD_BUILD_CLASS: {
      const bc = dictGetStr(f.builtins, staticId('__build_class__'));
      if (bc === null) raise(NameErrorType, '__build_class__ not found');
      bc!.refcnt++;
      stack.push(bc);
      break;
    }
    case Op.LOAD_ASSERTION_ERROR:
      AssertionErrorType.refcnt++;
      stack.push(AssertionErrorType);
      break;
    case Op.PUSH_EXC_INFO: {
      const value = stack[stack.length - 1]!;
      const slots = rt.excInfo;
      const prev = slots[slots.length - 1];
      stack[stack.length - 1] = prev ?? (None.refcnt++, None);
      value.refcnt++;
      stack.push(value);
      slots[slots.length - 1] = value as PyBaseException;
      break;
    }
    case Op.POP_EXCEPT: {
      const value = stack.pop()!;
      const slots = rt.excInfo;
      const old = slots[slots.length - 1];
      slots[slots.length - 1] = value === None ? (decref(value), null) : (value as PyBaseException);
      xdecref(old);
      break;
    }
    case Op.CHECK_EXC_MATCH: {
      const right = stack.pop()!;
      const left = stack[stack.length - 1]!;
      let res: boolean;
      try {
        checkExceptType(right);
        res = exceptionMatches(left, right);
      } finally {
        decref(right);
      }
      stack.push(newBool(res));
      break;
    }
    case Op.BEFORE_WITH: {
      const mgr = stack[stack.length - 1]!;
      const enter = lookupSpecial(mgr, '__enter__');
      if (enter === null)
        typeError(`'${mgr.type.name}' object does not support the context manager protocol`);
      const exit = lookupSpecial(mgr, '__exit__');
      if (exit === null) {
        decref(enter!);
        typeError(
          `'${mgr.type.name}' object does not support the context manager protocol (missed __exit__ method)`,
        );
      }
      stack[stack.length - 1] = exit;
      decref(mgr);
      let res: PyObject;
      try {
        res = call(enter!, []);
      } finally {
        decref(enter!);
      }
      stack.push(res);
      break;
    }
    case Op.WITH_EXCEPT_START: {
      const val = stack[stack.length - 1] as PyBaseException;
      const exitFunc = stack[stack.length - 4]!;
      const tb = exceptionTraceback(val);
      const res = call(exitFunc, [val.type, val, tb]);
      decref(tb);
      stack.push(res);
      break;
    }
    case Op.IMPORT_NAME: {
      const name = code.names.items[oparg] as Str;
      const fromlist = stack.pop()!;
      const level = stack[stack.length - 1]!;
      const res = importName(f, name, fromlist, level);
      stack.pop();
      decref(level);
      decref(fromlist);
      stack.push(res);
      break;
    }
    case Op.IMPORT_FROM: {
      const from = stack[stack.length - 1]!;
      stack.push(importFrom(from, code.names.items[oparg] as Str));
      break;
    }
    case Op.IMPORT_STAR: {
      const from = stack[stack.length - 1]!;
      importStar(f, from);
      stack.pop();
      decref(from);
      break;
    }
    case Op.SETUP_ANNOTATIONS: {
      const ns = f.locals as PyDict;
      if (dictGetStr(ns, staticId('__annotations__')) === null) {
        const d = newDict();
        dictSetItem(ns, staticId('__annotations__'), d);
        decref(d);
      }
      break;
    }
    case Op.GET_LEN:
    case Op.MATCH_MAPPING:
    case Op.MATCH_SEQUENCE:
    case Op.MATCH_KEYS:
    case Op.MATCH_CLASS:
      raise(RuntimeErrorType, 'PyMem Lab does not support the match statement yet');
      break;
    default:
      throw new Error(`unknown opcode ${op}`);
  }
}

declare module './frame' {
  interface Frame {
    /** Set when the frame's last run ended at a yield. */
    yielded: boolean;
  }
}
Frame.prototype.yielded = false;

import { StrType } from '../objects/unicodeobject';
import { isGeneratorObject } from '../objects/genobject';

/** ascii(): repr with non-ASCII characters escaped. */

/** The top `n` values of the stack, popped, bottom first (their references move to the array). */
function popN(stack: (PyObject | null)[], n: number): (PyObject | null)[] {
  // slice(): an array of exactly n slots (pushing one by one would reserve 16 or more).
  const out = stack.slice(stack.length - n);
  for (let k = 0; k < n; k++) stack.pop();
  return out;
}

/** The top `n` values of the stack, bottom first, left on the stack (borrowed). */
function peekN(stack: (PyObject | null)[], n: number): PyObject[] {
  return stack.slice(stack.length - n) as PyObject[];
}

/** Pops the condition of a conditional jump and releases it (a bool needs no __bool__). */
function popTruth(stack: (PyObject | null)[]): boolean {
  const cond = stack.pop()!;
  if (cond === True || cond === False) {
    cond.refcnt--;
    return cond === True;
  }
  try {
    return isTrue(cond);
  } finally {
    decref(cond);
  }
}

/** Steps between two onProgress reports. */
const PROGRESS_INTERVAL = 0x10000;

/** One comparison per step: the budget and progress are looked at only at rt.stepCheckAt. */
function checkBudget(): void {
  if (rt.steps >= rt.stepCheckAt) stepCheck();
}

function stepCheck(): void {
  const { stepBudget, onProgress } = rt.options;
  const steps = rt.steps;
  if (steps > stepBudget) stepBudgetExceeded();
  if (onProgress !== undefined && steps % PROGRESS_INTERVAL === 0) onProgress(steps);
  const nextProgress =
    onProgress === undefined ? Infinity : steps - (steps % PROGRESS_INTERVAL) + PROGRESS_INTERVAL;
  rt.stepCheckAt = Math.min(stepBudget + 1, nextProgress);
}

/** A runaway program is stopped with a clear message (not a Python exception). */
export class StepBudgetExceeded extends Error {
  constructor(readonly steps: number) {
    super(`stopped after ${steps} steps (the step budget of this run)`);
  }
}

function stepBudgetExceeded(): never {
  throw new StepBudgetExceeded(rt.options.stepBudget);
}

function localName(code: PyCode, i: number): string {
  return (code.localsplusnames.items[i] as Str).value;
}

function derefError(code: PyCode, i: number): never {
  const name = localName(code, i);
  if (i < code.nlocalsplus - code.nfreevars) raise(UnboundLocalErrorType, UNBOUNDLOCAL_ERROR_MSG(name));
  return nameError(code.localsplusnames.items[i], UNBOUNDFREE_ERROR_MSG(name));
}

/**
 * LOAD_NAME in full: the namespace (unless already known not to have it), then globals, then
 * builtins. A new reference.
 */
function loadName(f: Frame, name: Str, notInLocals = false): PyObject {
  const ns = f.locals;
  if (ns !== null && !notInLocals) {
    if (ns.type === DictType) {
      const v = dictGetName(ns as PyDict, name);
      if (v !== null) return (v.refcnt++, v);
    } else {
      try {
        return getItem(ns, name);
      } catch (e) {
        if (!isPyException(e) || !e.type.isSubtypeOf(KeyErrorType)) throw e;
        decref(e);
      }
    }
  }
  let v = dictGetName(f.globals, name);
  if (v === null) v = dictGetName(f.builtins, name);
  if (v === null) undefinedGlobal(name);
  return (v!.refcnt++, v!);
}

/** _PyObject_LookupSpecial: a dunder looked up on the type, bound to the object. */
export function lookupSpecial(obj: PyObject, name: string): PyObject | null {
  const res = typeLookup(obj.type, staticId(name));
  if (res === null) return null;
  const get = res.type.tp_descr_get;
  if (get !== undefined) return get(res, obj, obj.type);
  return (res.refcnt++, res);
}

/** unpack_iterable: new references, in order. */
function unpackIterable(v: PyObject, argcnt: number, argcntafter: number): PyObject[] {
  let it: PyObject;
  try {
    it = getIter(v);
  } catch (e) {
    if (
      isPyException(e) &&
      e.type === TypeErrorType &&
      v.type.tp_iter === undefined &&
      v.type.mp_subscript === undefined
    ) {
      decref(e);
      typeError(`cannot unpack non-iterable ${v.type.name} object`);
    }
    throw e;
  }
  const out: PyObject[] = [];
  try {
    for (let k = 0; k < argcnt; k++) {
      const w = iterNext(it);
      if (w === null) {
        if (argcntafter === -1) valueError(`not enough values to unpack (expected ${argcnt}, got ${k})`);
        valueError(`not enough values to unpack (expected at least ${argcnt + argcntafter}, got ${k})`);
      }
      out.push(w!);
    }
    if (argcntafter === -1) {
      const w = iterNext(it);
      if (w !== null) {
        decref(w);
        valueError(`too many values to unpack (expected ${argcnt})`);
      }
      return out;
    }
    const rest = newEmptyList();
    out.push(rest);
    listExtend(rest, it);
    const ll = rest.items.length;
    if (ll < argcntafter) {
      valueError(
        `not enough values to unpack (expected at least ${argcnt + argcntafter}, got ${argcnt + ll})`,
      );
    }
    const after = rest.items.splice(ll - argcntafter, argcntafter);
    out.push(...after);
    return out;
  } catch (e) {
    for (const x of out) decref(x);
    throw e;
  } finally {
    decref(it);
  }
}

/** do_raise for `raise X` / `raise X from Y` (a bare `raise` is RAISE_VARARGS 0 in evalFrame). */
function doRaise(exc: PyObject, cause: PyObject | null): never {
  let value: PyBaseException;
  if (isType(exc) && (exc as PyType).isSubtypeOf(BaseExceptionType)) {
    let v: PyObject;
    try {
      v = call(exc, []);
    } finally {
      decref(exc);
    }
    if (!isBaseException(v)) {
      const tn = v.type.name;
      decref(v);
      typeError(
        `calling ${(exc as PyType).name} should have returned an instance of BaseException, not ${tn}`,
      );
    }
    value = v as PyBaseException;
  } else if (isBaseException(exc)) {
    value = exc;
  } else {
    decref(exc);
    xdecref(cause);
    typeError('exceptions must derive from BaseException');
  }
  if (cause !== null) {
    let fixed: PyBaseException | null;
    if (isType(cause) && (cause as PyType).isSubtypeOf(BaseExceptionType)) {
      const c = call(cause, []);
      decref(cause);
      fixed = c as PyBaseException;
    } else if (isBaseException(cause)) {
      fixed = cause;
    } else if (cause === None) {
      decref(cause);
      fixed = null;
    } else {
      decref(value!);
      decref(cause);
      typeError('exception causes must derive from BaseException');
    }
    const old = value!.cause;
    value!.cause = fixed!;
    value!.suppressContext = true;
    xdecref(old);
  }
  value!.needsContext = true;
  throw value!;
}

declare module '../objects/exceptions' {
  interface PyBaseException {
    /** Raised but not yet chained to the exception being handled (_PyErr_SetObject). */
    needsContext: boolean;
  }
}
PyBaseException.prototype.needsContext = true;

/** _PyErr_GetTopmostException: the innermost exception being handled (borrowed). */
export function topmostException(): PyBaseException | null {
  const slots = rt.excInfo;
  for (let k = slots.length - 1; k >= 0; k--) if (slots[k] !== null) return slots[k];
  return null;
}

/** PyTraceBack_Here: a traceback entry for this frame, newest frame outermost. */
function tracebackHere(f: Frame, e: PyBaseException): void {
  const fo = frameObjectOf(f);
  const tb = newTraceback(e.traceback, fo, f.lasti, f.currentLine());
  const old = e.traceback;
  e.traceback = tb;
  xdecref(old);
}

function findHandler(code: PyCode, lasti: number): { target: number; depth: number; lasti: boolean } | null {
  for (const entry of code.exceptionTable) {
    if (lasti >= entry.start && lasti < entry.end) return entry;
  }
  return null;
}

function checkExceptType(right: PyObject): void {
  const ok = (o: PyObject) => isType(o) && (o as PyType).isSubtypeOf(BaseExceptionType);
  if (isTuple(right)) {
    for (const x of (right as PyTuple).items) {
      if (!ok(x)) typeError('catching classes that do not inherit from BaseException is not allowed');
    }
  } else if (!ok(right)) {
    typeError('catching classes that do not inherit from BaseException is not allowed');
  }
}

function sequenceToTuple(callargs: PyObject, func: PyObject): PyTuple {
  if (callargs.type.tp_iter === undefined && callargs.type.mp_subscript === undefined) {
    typeError(`${funcDesc(func)} argument after * must be an iterable, not ${callargs.type.name}`);
  }
  const items: PyObject[] = [];
  const it = getIter(callargs);
  try {
    for (;;) {
      const x = iterNext(it);
      if (x === null) break;
      items.push(x);
    }
  } catch (e) {
    for (const x of items) decref(x);
    throw e;
  } finally {
    decref(it);
  }
  return newTuple(items);
}

function funcDesc(func: PyObject): string {
  if (func.type === FunctionType) return `${(func as PyFunction).qualname.value}()`;
  return `${func.type.name} object`;
}

/** PyObject_Call with a kwargs dict: keyword names become a kwnames tuple. */
/** DICT_UPDATE: dict.update semantics for `{**a}`. */
function dictUpdateFromMapping(d: PyDict, update: PyObject, override: boolean): void {
  if (isDict(update)) {
    dictMerge(d, update as PyDict, override);
    return;
  }
  const keysFn = getAttr(update, staticId('keys'));
  let keys: PyObject;
  try {
    keys = call(keysFn, []);
  } finally {
    decref(keysFn);
  }
  const it = getIter(keys);
  try {
    for (;;) {
      const k = iterNext(it);
      if (k === null) break;
      try {
        const v = getItem(update, k);
        try {
          dictSetItem(d, k, v);
        } finally {
          decref(v);
        }
      } finally {
        decref(k);
      }
    }
  } finally {
    decref(it);
    decref(keys);
  }
}

/** DICT_MERGE: like update, but a repeated keyword is an error naming the function. */
function dictMergeForCall(d: PyDict, update: PyObject, func: PyObject): void {
  if (!isDict(update) && lookupAttr(update, staticId('keys')) === null) {
    typeError(`${funcDesc(func)} argument after ** must be a mapping, not ${update.type.name}`);
  }
  const items = isDict(update) ? dictItems(update as PyDict) : null;
  if (items !== null) {
    for (const [k] of items) {
      if (dictGetItemChecked(d, k)) {
        typeError(
          `${funcDesc(func)} got multiple values for keyword argument '${isStr(k) ? (k as PyStr).value : '?'}'`,
        );
      }
    }
  }
  dictUpdateFromMapping(d, update, true);
}

import { dictGetItem } from '../objects/dictobject';
function dictGetItemChecked(d: PyDict, k: PyObject): boolean {
  return dictGetItem(d, k) !== null;
}
