/**
 * BaseException and the builtin exception hierarchy. @cpython Objects/exceptions.c (3.11)
 *
 * An exception object is thrown as a JS exception by the engine (see vm/errors.ts);
 * the thrown value owns one reference, as CPython's thread state does while an
 * exception is set.
 */
import { PyObject, PyType, TypeFlag, decref, xdecref, type Visit } from './object';
import { staticType } from './roots';
import type { PyTuple } from './tupleobject';
import type { PyDict } from './dictobject';
import type { PyTraceback } from './traceback';
import { gcDel } from '../memory/alloc';
import { rt } from '../vm/runtime';

export class PyBaseException extends PyObject {
  args: PyTuple;
  dict: PyDict | null = null;
  notes: PyObject | null = null;
  traceback: PyTraceback | null = null;
  context: PyBaseException | null = null;
  cause: PyBaseException | null = null;
  suppressContext = false;
  /** Type-specific fields (name, obj, value, code, …) by attribute name. */
  fields: Map<string, PyObject> | null = null;
  constructor(type: PyType, args: PyTuple) {
    super(type);
    this.args = args;
  }
}

export const BaseExceptionType = staticType({
  name: 'BaseException',
  basicsize: 72,
  flags: TypeFlag.BASETYPE | TypeFlag.HAVE_GC | TypeFlag.BASE_EXC_SUBCLASS,
});
BaseExceptionType.hasInstanceDict = true;

/** Extra basicsize of the "complex" exceptions (the fields their C struct adds). */
function exceptionType(name: string, base: PyType, basicsize = base.basicsize): PyType {
  const t = staticType({ name, base, basicsize, flags: base.flags });
  t.hasInstanceDict = true;
  return t;
}

export const ExceptionType = exceptionType('Exception', BaseExceptionType);
export const BaseExceptionGroupType = exceptionType('BaseExceptionGroup', BaseExceptionType, 88);
export const GeneratorExitType = exceptionType('GeneratorExit', BaseExceptionType);
export const KeyboardInterruptType = exceptionType('KeyboardInterrupt', BaseExceptionType);
export const SystemExitType = exceptionType('SystemExit', BaseExceptionType, 80);
export const ArithmeticErrorType = exceptionType('ArithmeticError', ExceptionType);
export const FloatingPointErrorType = exceptionType('FloatingPointError', ArithmeticErrorType);
export const OverflowErrorType = exceptionType('OverflowError', ArithmeticErrorType);
export const ZeroDivisionErrorType = exceptionType('ZeroDivisionError', ArithmeticErrorType);
export const AssertionErrorType = exceptionType('AssertionError', ExceptionType);
export const AttributeErrorType = exceptionType('AttributeError', ExceptionType, 88);
export const BufferErrorType = exceptionType('BufferError', ExceptionType);
export const EOFErrorType = exceptionType('EOFError', ExceptionType);
export const ImportErrorType = exceptionType('ImportError', ExceptionType, 96);
export const ModuleNotFoundErrorType = exceptionType('ModuleNotFoundError', ImportErrorType);
export const LookupErrorType = exceptionType('LookupError', ExceptionType);
export const IndexErrorType = exceptionType('IndexError', LookupErrorType);
export const KeyErrorType = exceptionType('KeyError', LookupErrorType);
export const MemoryErrorType = exceptionType('MemoryError', ExceptionType);
export const NameErrorType = exceptionType('NameError', ExceptionType, 80);
export const UnboundLocalErrorType = exceptionType('UnboundLocalError', NameErrorType);
export const OSErrorType = exceptionType('OSError', ExceptionType, 112);
export const BlockingIOErrorType = exceptionType('BlockingIOError', OSErrorType);
export const ChildProcessErrorType = exceptionType('ChildProcessError', OSErrorType);
export const ConnectionErrorType = exceptionType('ConnectionError', OSErrorType);
export const FileExistsErrorType = exceptionType('FileExistsError', OSErrorType);
export const FileNotFoundErrorType = exceptionType('FileNotFoundError', OSErrorType);
export const InterruptedErrorType = exceptionType('InterruptedError', OSErrorType);
export const IsADirectoryErrorType = exceptionType('IsADirectoryError', OSErrorType);
export const NotADirectoryErrorType = exceptionType('NotADirectoryError', OSErrorType);
export const PermissionErrorType = exceptionType('PermissionError', OSErrorType);
export const ProcessLookupErrorType = exceptionType('ProcessLookupError', OSErrorType);
export const TimeoutErrorType = exceptionType('TimeoutError', OSErrorType);
export const BrokenPipeErrorType = exceptionType('BrokenPipeError', ConnectionErrorType);
export const ConnectionAbortedErrorType = exceptionType('ConnectionAbortedError', ConnectionErrorType);
export const ConnectionRefusedErrorType = exceptionType('ConnectionRefusedError', ConnectionErrorType);
export const ConnectionResetErrorType = exceptionType('ConnectionResetError', ConnectionErrorType);
export const ReferenceErrorType = exceptionType('ReferenceError', ExceptionType);
export const RuntimeErrorType = exceptionType('RuntimeError', ExceptionType);
export const NotImplementedErrorType = exceptionType('NotImplementedError', RuntimeErrorType);
export const RecursionErrorType = exceptionType('RecursionError', RuntimeErrorType);
export const StopAsyncIterationType = exceptionType('StopAsyncIteration', ExceptionType);
export const StopIterationType = exceptionType('StopIteration', ExceptionType, 80);
export const SyntaxErrorType = exceptionType('SyntaxError', ExceptionType, 136);
export const IndentationErrorType = exceptionType('IndentationError', SyntaxErrorType);
export const TabErrorType = exceptionType('TabError', IndentationErrorType);
export const SystemErrorType = exceptionType('SystemError', ExceptionType);
export const TypeErrorType = exceptionType('TypeError', ExceptionType);
export const ValueErrorType = exceptionType('ValueError', ExceptionType);
export const UnicodeErrorType = exceptionType('UnicodeError', ValueErrorType);
export const UnicodeDecodeErrorType = exceptionType('UnicodeDecodeError', UnicodeErrorType, 112);
export const UnicodeEncodeErrorType = exceptionType('UnicodeEncodeError', UnicodeErrorType, 112);
export const UnicodeTranslateErrorType = exceptionType('UnicodeTranslateError', UnicodeErrorType, 112);
export const WarningType = exceptionType('Warning', ExceptionType);
export const UserWarningType = exceptionType('UserWarning', WarningType);
export const DeprecationWarningType = exceptionType('DeprecationWarning', WarningType);
export const RuntimeWarningType = exceptionType('RuntimeWarning', WarningType);
export const SyntaxWarningType = exceptionType('SyntaxWarning', WarningType);
export const ResourceWarningType = exceptionType('ResourceWarning', WarningType);
export const FutureWarningType = exceptionType('FutureWarning', WarningType);
export const PendingDeprecationWarningType = exceptionType('PendingDeprecationWarning', WarningType);
export const ImportWarningType = exceptionType('ImportWarning', WarningType);
export const UnicodeWarningType = exceptionType('UnicodeWarning', WarningType);
export const BytesWarningType = exceptionType('BytesWarning', WarningType);
export const EncodingWarningType = exceptionType('EncodingWarning', WarningType);

/**
 * The builtins module's exception names, in the order CPython's builtins dict holds them
 * (ExceptionGroup, with two bases, is not provided yet).
 */
export const builtinExceptionTypes: PyType[] = [
  BaseExceptionType,
  BaseExceptionGroupType,
  ExceptionType,
  GeneratorExitType,
  KeyboardInterruptType,
  SystemExitType,
  ArithmeticErrorType,
  AssertionErrorType,
  AttributeErrorType,
  BufferErrorType,
  EOFErrorType,
  ImportErrorType,
  LookupErrorType,
  MemoryErrorType,
  NameErrorType,
  OSErrorType,
  ReferenceErrorType,
  RuntimeErrorType,
  StopAsyncIterationType,
  StopIterationType,
  SyntaxErrorType,
  SystemErrorType,
  TypeErrorType,
  ValueErrorType,
  WarningType,
  FloatingPointErrorType,
  OverflowErrorType,
  ZeroDivisionErrorType,
  BytesWarningType,
  DeprecationWarningType,
  EncodingWarningType,
  FutureWarningType,
  ImportWarningType,
  PendingDeprecationWarningType,
  ResourceWarningType,
  RuntimeWarningType,
  SyntaxWarningType,
  UnicodeWarningType,
  UserWarningType,
  BlockingIOErrorType,
  ChildProcessErrorType,
  ConnectionErrorType,
  FileExistsErrorType,
  FileNotFoundErrorType,
  InterruptedErrorType,
  IsADirectoryErrorType,
  NotADirectoryErrorType,
  PermissionErrorType,
  ProcessLookupErrorType,
  TimeoutErrorType,
  IndentationErrorType,
  IndexErrorType,
  KeyErrorType,
  ModuleNotFoundErrorType,
  NotImplementedErrorType,
  RecursionErrorType,
  UnboundLocalErrorType,
  UnicodeErrorType,
  BrokenPipeErrorType,
  ConnectionAbortedErrorType,
  ConnectionRefusedErrorType,
  ConnectionResetErrorType,
  TabErrorType,
  UnicodeDecodeErrorType,
  UnicodeEncodeErrorType,
  UnicodeTranslateErrorType,
];

export function isBaseException(o: PyObject): o is PyBaseException {
  return (o.type.flags & TypeFlag.BASE_EXC_SUBCLASS) !== 0;
}

// ------------------------------------------------------------ GC support

/** @cpython Objects/exceptions.c BaseException_traverse */
export function exceptionTraverse(o: PyObject, visit: Visit): void {
  const e = o as PyBaseException;
  if (e.dict !== null) visit(e.dict, '__dict__');
  visit(e.args, 'args');
  if (e.notes !== null) visit(e.notes, '__notes__');
  if (e.traceback !== null) visit(e.traceback, '__traceback__');
  if (e.cause !== null) visit(e.cause, '__cause__');
  if (e.context !== null) visit(e.context, '__context__');
  if (e.fields !== null) for (const [name, v] of e.fields) visit(v, name);
}

/** @cpython Objects/exceptions.c BaseException_clear */
export function exceptionClear(o: PyObject): void {
  const e = o as PyBaseException;
  const dict = e.dict;
  e.dict = null;
  xdecref(dict);
  const args = e.args;
  e.args = emptyTupleRef();
  decref(args);
  const notes = e.notes;
  e.notes = null;
  xdecref(notes);
  const tb = e.traceback;
  e.traceback = null;
  xdecref(tb);
  const cause = e.cause;
  e.cause = null;
  xdecref(cause);
  const ctx = e.context;
  e.context = null;
  xdecref(ctx);
  if (e.fields !== null) {
    const fields = [...e.fields.values()];
    e.fields = null;
    for (const v of fields) decref(v);
  }
}

/** Set by tupleobject.ts: the empty tuple, borrowed. */
let emptyTupleRef: () => PyTuple = () => {
  throw new Error('tuples not ready');
};
export function setEmptyTupleSource(fn: () => PyTuple): void {
  emptyTupleRef = () => {
    const t = fn();
    t.refcnt++;
    return t;
  };
}

export function exceptionDealloc(o: PyObject): void {
  rt.gc.untrack(o);
  exceptionClear(o);
  gcDel(o);
}

BaseExceptionType.tp_dealloc = exceptionDealloc;
BaseExceptionType.tp_traverse = exceptionTraverse;
BaseExceptionType.tp_clear = exceptionClear;
