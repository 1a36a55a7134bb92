/**
 * The Python-visible behaviour of exceptions: construction, str/repr, the standard
 * attributes, implicit chaining (__context__) and matching in `except`.
 * @cpython Objects/exceptions.c, Python/errors.c _PyErr_SetObject (3.11)
 */
import { PyObject, PyType, decref, xdecref } from './object';
import {
  PyBaseException,
  BaseExceptionType,
  KeyErrorType,
  StopIterationType,
  SystemExitType,
  NameErrorType,
  AttributeErrorType,
  ImportErrorType,
  SyntaxErrorType,
  OSErrorType,
  builtinExceptionTypes,
} from './exceptions';
import { PyTuple, newTuple, isTuple, tupleFromBorrowed } from './tupleobject';
import { newStr, isStr, staticId } from './unicodeobject';
import { None } from './noneobject';
import { newBool } from './boolobject';
import { allocGCObject } from '../memory/alloc';
import { rt } from '../vm/runtime';
import { lookupAttr, objectRepr, objectStr, packedArgs, reprText, setAttr } from './abstract';
import { typeError } from '../vm/errors';
import { exactArgs, splitKwargs } from '../vm/args';
import { isType } from './typeobject';
import { newDict } from './dictobject';
import { topmostException } from '../vm/ceval';
import { newList } from './listobject';

/**
 * The argument tuple type_call received (the one _PyObject_MakeTpCall packed), which
 * BaseException_new and BaseException_init keep as `args`; a new tuple when the exception
 * is not made by a call.
 */
function callArgsTuple(pos: PyObject[]): PyTuple {
  const t = packedArgs;
  if (t !== null && t.items.length === pos.length && t.items.every((x, i) => x === pos[i])) {
    t.refcnt++;
    return t;
  }
  return tupleFromBorrowed(pos);
}

/** BaseException_new: allocates the exception with `args` as given (a heap subclass included). */
function baseExceptionNew(type: PyType, args: PyObject[], kwnames: PyTuple | null): PyObject {
  const { pos } = splitKwargs(args, kwnames);
  const argsTuple = callArgsTuple(pos);
  const e = allocGCObject(new PyBaseException(type, argsTuple), type.basicsize);
  if (type.isHeapType) type.refcnt++;
  rt.gc.track(e);
  return e;
}

/** BaseException_init: args replaced by the call's arguments (no keywords). */
function baseExceptionInit(self: PyObject, args: PyObject[], kwnames: PyTuple | null): void {
  const e = self as PyBaseException;
  const { pos, kw } = splitKwargs(args, kwnames);
  if (kw !== null && kw.size > 0 && e.type.tp_init === baseExceptionInit && !e.type.isHeapType) {
    typeError(`${e.type.name}() takes no keyword arguments`);
  }
  const old = e.args;
  e.args = callArgsTuple(pos);
  decref(old);
  initFields(e);
}

/** Type-specific attributes set from args (StopIteration.value, SystemExit.code, …). */
function initFields(e: PyBaseException): void {
  const t = e.type;
  const a = e.args.items;
  const set = (name: string, v: PyObject) => {
    v.refcnt++;
    if (e.fields === null) e.fields = new Map();
    const old = e.fields.get(name);
    e.fields.set(name, v);
    xdecref(old);
  };
  if (t.isSubtypeOf(StopIterationType)) set('value', a.length > 0 ? a[0] : None);
  else if (t.isSubtypeOf(SystemExitType)) set('code', a.length === 0 ? None : a.length === 1 ? a[0] : e.args);
}

/** BaseException_str / KeyError_str. */
function baseExceptionStr(self: PyObject): PyObject {
  const e = self as PyBaseException;
  const a = e.args.items;
  if (a.length === 0) return newStr('');
  if (a.length === 1) {
    if (e.type.isSubtypeOf(KeyErrorType)) return objectRepr(a[0]);
    return objectStr(a[0]);
  }
  return objectStr(e.args);
}

/** BaseException_repr: `Name(arg)` with one argument, `Name(a, b)` otherwise. */
function baseExceptionRepr(self: PyObject): PyObject {
  const e = self as PyBaseException;
  const name = e.type.name.includes('.') ? e.type.name.slice(e.type.name.lastIndexOf('.') + 1) : e.type.name;
  if (e.args.items.length === 1) return newStr(`${name}(${reprText(e.args.items[0])})`);
  return newStr(`${name}${reprText(e.args)}`);
}

BaseExceptionType.tp_new = baseExceptionNew;
BaseExceptionType.tp_init = baseExceptionInit;
BaseExceptionType.tp_str = baseExceptionStr;
BaseExceptionType.tp_repr = baseExceptionRepr;
for (const t of builtinExceptionTypes) {
  if (t === BaseExceptionType) continue;
  t.tp_new = baseExceptionNew;
  t.tp_init = baseExceptionInit;
}

function field(name: string) {
  return {
    name,
    get: (o: PyObject) => {
      const v = (o as PyBaseException).fields?.get(name) ?? None;
      v.refcnt++;
      return v;
    },
    set: (o: PyObject, v: PyObject | null) => {
      const e = o as PyBaseException;
      if (e.fields === null) e.fields = new Map();
      const old = e.fields.get(name);
      if (v === null) e.fields.delete(name);
      else {
        v.refcnt++;
        e.fields.set(name, v);
      }
      xdecref(old);
    },
  };
}
StopIterationType.getsetSpecs.push(field('value'));
SystemExitType.getsetSpecs.push(field('code'));
NameErrorType.getsetSpecs.push(field('name'));
AttributeErrorType.getsetSpecs.push(field('name'), field('obj'));
ImportErrorType.getsetSpecs.push(field('name'), field('path'), field('msg'));
OSErrorType.getsetSpecs.push(field('errno'), field('strerror'), field('filename'));
SyntaxErrorType.getsetSpecs.push(
  field('msg'),
  field('filename'),
  field('lineno'),
  field('offset'),
  field('text'),
  field('end_lineno'),
  field('end_offset'),
);

BaseExceptionType.getsetSpecs.push(
  {
    name: 'args',
    get: (o) => ((o as PyBaseException).args.refcnt++, (o as PyBaseException).args),
    set: (o, v) => {
      if (v === null) typeError('args may not be deleted');
      const e = o as PyBaseException;
      const t = isTuple(v!) ? (v!.refcnt++, v as PyTuple) : tupleFromIterable(v!);
      const old = e.args;
      e.args = t;
      decref(old);
    },
  },
  {
    name: '__traceback__',
    get: (o) => exceptionTraceback(o as PyBaseException),
    set: (o, v) => {
      const e = o as PyBaseException;
      if (v === null) typeError('__traceback__ may not be deleted');
      const old = e.traceback;
      if (v === None) e.traceback = null;
      else {
        if (v!.type.name !== 'traceback') typeError('__traceback__ must be a traceback or None');
        v!.refcnt++;
        e.traceback = v as PyBaseException['traceback'];
      }
      xdecref(old);
    },
  },
  {
    name: '__context__',
    get: (o) => {
      const c = (o as PyBaseException).context ?? None;
      c.refcnt++;
      return c;
    },
    set: (o, v) => setLink(o as PyBaseException, 'context', v),
  },
  {
    name: '__cause__',
    get: (o) => {
      const c = (o as PyBaseException).cause ?? None;
      c.refcnt++;
      return c;
    },
    set: (o, v) => {
      setLink(o as PyBaseException, 'cause', v);
      (o as PyBaseException).suppressContext = true;
    },
  },
  {
    name: '__suppress_context__',
    get: (o) => newBool((o as PyBaseException).suppressContext),
    set: (o, v) => {
      (o as PyBaseException).suppressContext =
        v !== null && v !== None && (v as { value?: unknown }).value !== 0;
    },
  },
  {
    name: '__dict__',
    get: (o) => {
      const e = o as PyBaseException;
      if (e.dict === null) e.dict = newDict();
      e.dict.refcnt++;
      return e.dict;
    },
  },
);

function setLink(e: PyBaseException, which: 'context' | 'cause', v: PyObject | null): void {
  if (v === null) typeError(`__${which}__ may not be deleted`);
  let nv: PyBaseException | null = null;
  if (v !== None) {
    if (!v!.type.isSubtypeOf(BaseExceptionType)) {
      typeError(`exception ${which} must be None or derive from BaseException`);
    }
    v!.refcnt++;
    nv = v as PyBaseException;
  }
  const old = e[which];
  e[which] = nv;
  xdecref(old);
}

function tupleFromIterable(v: PyObject): PyTuple {
  const { iterateToArray } = abstractModule;
  return newTuple(iterateToArray(v));
}
import * as abstractModule from './abstract';

BaseExceptionType.methodSpecs.push(
  {
    name: 'with_traceback',
    call: (self, args) => {
      const e = self as PyBaseException;
      const tb = args[0];
      const old = e.traceback;
      e.traceback = tb === None ? null : ((tb.refcnt++, tb) as PyBaseException['traceback']);
      xdecref(old);
      self.refcnt++;
      return self;
    },
  },
  {
    // BaseException_add_note: the notes are the list in the instance's __notes__ attribute
    // (the exception's __dict__), made and set on the first note.
    name: 'add_note',
    call: (self, args, kw) => {
      exactArgs('BaseException.add_note', args, kw, 1);
      const note = args[0];
      if (!isStr(note)) typeError(`note must be a str, not '${note.type.name}'`);
      const name = staticId('__notes__');
      let notes = lookupAttr(self, name);
      if (notes === null) {
        notes = newList([]);
        try {
          setAttr(self, name, notes);
        } catch (err) {
          decref(notes);
          throw err;
        }
      } else if (!listModule.isList(notes)) {
        decref(notes);
        typeError('Cannot add note: __notes__ is not a list');
      }
      try {
        listModule.listAppend(notes as listModule.PyList, note);
      } finally {
        decref(notes);
      }
      None.refcnt++;
      return None;
    },
  },
);
import * as listModule from './listobject';

/** A new reference to the exception's traceback, or None. */
export function exceptionTraceback(e: PyBaseException): PyObject {
  const tb = e.traceback ?? None;
  tb.refcnt++;
  return tb;
}

/** PyErr_GivenExceptionMatches: `except T` and `except (T1, T2)`. */
export function exceptionMatches(exc: PyObject, match: PyObject): boolean {
  if (isTuple(match)) return (match as PyTuple).items.some((m) => exceptionMatches(exc, m));
  const t = isType(exc) ? (exc as PyType) : exc.type;
  return isType(match) && t.isSubtypeOf(match as PyType);
}

/**
 * _PyErr_SetObject's implicit chaining: a newly raised exception gets the exception being
 * handled as its __context__, avoiding cycles in the context chain.
 */
export function setExceptionContext(value: PyBaseException): void {
  if (!value.needsContext) return;
  value.needsContext = false;
  const excValue = topmostException();
  if (excValue === null || excValue === value) return;
  let o: PyBaseException = excValue;
  for (;;) {
    const context = o.context;
    if (context === null) break;
    if (context === value) {
      o.context = null;
      decref(context);
      break;
    }
    o = context;
  }
  excValue.refcnt++;
  const old = value.context;
  value.context = excValue;
  xdecref(old);
}
