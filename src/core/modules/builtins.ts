/**
 * The builtins module. @cpython Python/bltinmodule.c (3.11)
 *
 * The lab is a sandbox: nothing here touches the host. `open`, `input` and friends
 * raise an error that says the lab does not provide them.
 */
import { CompareOp, PyObject, PyType, decref, xdecref } from '../objects/object';
import { ObjectType, TypeType } from '../objects/roots';
import { None, NotImplemented, Ellipsis } from '../objects/noneobject';
import { True, False, newBool, BoolType } from '../objects/boolobject';
import { IntType, newInt, newIntBig } from '../objects/longobject';
import { FloatType } from '../objects/floatobject';
import { StrType, newStr, isStr, internFromString, staticId, type PyStr } from '../objects/unicodeobject';
import { BytesType } from '../objects/bytesobject';
import { TupleType, newTuple, isTuple, objectHashExact, type PyTuple } from '../objects/tupleobject';
import { ListType, newEmptyList, listExtend, listSort, type PyList } from '../objects/listobject';
import { DictType, newDict } from '../objects/dictobject';
import { SliceType } from '../objects/sliceobject';
import { ClassMethodType, StaticMethodType } from '../objects/descrobject';
import { PropertyType } from '../objects/propertyobject';
import {
  builtinExceptionTypes,
  StopIterationType,
  OSErrorType,
  EOFErrorType,
  RuntimeErrorType,
} from '../objects/exceptions';
import { PyFunction, FunctionType } from '../objects/funcobject';

import { moduleBuilder } from './moduledef';
import { type PyModule } from '../objects/moduleobject';
import {
  call,
  callMethod,
  getAttr,
  getIter,
  isCallable,
  isTrue,
  iterNext,
  lookupAttr,
  objectLength,
  objectRepr,
  objectStr,
  richCompareBool,
  setAttr,
  binaryOp,
  unaryOp,
  numberIndex,
  iterateToArray,
} from '../objects/abstract';
import { typeLookup, isType } from '../objects/typeobject';
import { Frame, frameLocals } from '../vm/frame';
import { emptyLocals, isTraced } from '../vm/frame-pool';
import { runFrame } from '../vm/call';
import { raise, typeError, valueError } from '../vm/errors';
import { exactArgs, noKeywords, parseParams, rangeArgs, splitKwargs } from '../vm/args';
import { rt } from '../vm/runtime';
import { PyCell, CellType } from '../objects/cellobject';
import { objectAscii } from '../objects/unicodeobject';
import { formatObject } from '../objects/unicodeobject';
import { importName } from './importer';
import { SuperType } from '../objects/superobject';
import { RangeType } from '../objects/rangeobject';
import { EnumerateType, ReversedType } from '../objects/enumobject';
import { ZipType, MapType, FilterType } from '../objects/zipmapfilter';
import { SetType, FrozenSetType } from '../objects/setobject';
import { BytearrayType } from '../objects/bytearrayobject';
import { lookupSpecial, newCallIter } from '../objects/iterobject';
import { builtinCompile, builtinEval, builtinExec } from './execeval';
import { beginPrint, endPrint, stdoutWrite, textioFlush } from './textio';

type Impl = (args: PyObject[], kwnames: PyTuple | null) => PyObject;

function sandboxError(what: string): never {
  return raise(
    OSErrorType,
    `PyMem Lab does not provide ${what}: the lab runs without files, network or processes`,
  );
}

/** __build_class__(func, name, *bases, **kwds): runs the class body, then the metaclass. */
function buildClass(args: PyObject[], kwnames: PyTuple | null): PyObject {
  const { pos, kw } = splitKwargs(args, kwnames);
  if (pos.length < 2) typeError('__build_class__: not enough arguments');
  const func = pos[0];
  if (func.type !== FunctionType) typeError('__build_class__: func must be a function');
  const name = pos[1];
  if (!isStr(name)) typeError('__build_class__: name is not a string');
  const bases = newTuple(pos.slice(2).map((b) => (b.refcnt++, b)));
  let meta: PyObject | null = kw?.get('metaclass') ?? null;
  try {
    if (meta === null) meta = bases.items.length === 0 ? TypeType : bases.items[0].type;
    meta.refcnt++;
    if (isType(meta)) meta = calculateMetaclass(meta as PyType, bases);
    const prep = lookupAttr(meta, staticId('__prepare__'));
    let ns: PyObject;
    if (prep === null) ns = newDict();
    else {
      try {
        ns = call(prep, [name, bases]);
      } finally {
        decref(prep);
      }
    }
    try {
      const f = func as PyFunction;
      f.refcnt++;
      ns.refcnt++;
      const frame = new Frame(f.code, f, f.globals!, f.builtins!, ns, emptyLocals(f.code.nlocalsplus));
      frame.traced = isTraced(f.code);
      const cell = runFrame(frame);
      try {
        const extra = kw !== null ? [...kw.entries()].filter(([k]) => k !== 'metaclass') : [];
        let cls: PyObject;
        if (extra.length > 0) {
          const kwn = newTuple(extra.map(([k]) => internFromString(k)));
          try {
            cls = call(meta, [name, bases, ns, ...extra.map(([, v]) => v)], kwn);
          } finally {
            decref(kwn);
          }
        } else {
          cls = call(meta, [name, bases, ns]);
        }
        if (isType(cls) && cell.type === CellType) {
          const cellCls = (cell as PyCell).ref;
          if (cellCls !== cls) {
            decref(cls);
            if (cellCls === null)
              raise(RuntimeErrorType, `__class__ not set defining '${(name as PyStr).value}'`);
            typeError(`__class__ set to ${cellCls} defining '${(name as PyStr).value}'`);
          }
        }
        return cls;
      } finally {
        decref(cell);
      }
    } finally {
      decref(ns);
    }
  } finally {
    xdecref(meta);
    decref(bases);
  }
}

/** _PyType_CalculateMetaclass: the most derived metaclass among meta and the bases'. */
function calculateMetaclass(meta: PyType, bases: PyTuple): PyObject {
  let winner = meta;
  for (const b of bases.items) {
    const t = b.type;
    if (winner.isSubtypeOf(t)) continue;
    if (t.isSubtypeOf(winner)) {
      winner = t;
      continue;
    }
    typeError(
      'metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases',
    );
  }
  if (winner !== meta) {
    decref(meta);
    winner.refcnt++;
  }
  return winner;
}

/** print(*objects, sep=' ', end='\n', file=None, flush=False). */
function builtinPrint(args: PyObject[], kwnames: PyTuple | null): PyObject {
  const { pos, kw } = splitKwargs(args, kwnames);
  // _PyArg_UnpackKeywordsWithVararg: the keyword names' tuple (first call), the arguments' tuple.
  const varargs = beginPrint(pos);
  try {
    return printImpl(pos, kw);
  } finally {
    endPrint(varargs);
  }
}

function printImpl(pos: PyObject[], kw: Map<string, PyObject> | null): PyObject {
  let sep = ' ';
  let flush = false;
  let end = '\n';
  let file: PyObject | null = null;
  if (kw !== null) {
    for (const [k, v] of kw) {
      if (k === 'sep') {
        if (v !== None) {
          if (!isStr(v)) typeError(`sep must be None or a string, not ${v.type.name}`);
          sep = (v as PyStr).value;
        }
      } else if (k === 'end') {
        if (v !== None) {
          if (!isStr(v)) typeError(`end must be None or a string, not ${v.type.name}`);
          end = (v as PyStr).value;
        }
      } else if (k === 'file') {
        if (v !== None) file = v;
      } else if (k === 'flush') {
        flush = isTrue(v);
      } else {
        typeError(`'${k}' is an invalid keyword argument for print()`);
      }
    }
  }
  if (file !== null && file !== rt.sysStdout && file !== rt.sysStderr) {
    const write = (text: string) => {
      const s = newStr(text);
      try {
        decref(callMethod(file!, staticId('write'), [s]));
      } finally {
        decref(s);
      }
    };
    pos.forEach((o, i) => {
      if (i > 0) write(sep);
      const s = objectStr(o);
      try {
        decref(callMethod(file!, staticId('write'), [s]));
      } finally {
        decref(s);
      }
    });
    write(end);
    return (None.refcnt++, None);
  }
  const toStderr = file !== null && file === rt.sysStderr;
  let out = '';
  if (!toStderr) {
    // Each piece goes through sys.stdout.write (its objects: see modules/textio.ts).
    const sepObj = kw?.get('sep');
    const endObj = kw?.get('end');
    const piece = (o: PyObject | undefined, text: string) => () =>
      o !== undefined && o !== None ? ((o.refcnt++, o) as PyStr) : newStr(text);
    for (let i = 0; i < pos.length; i++) {
      if (i > 0) out += stdoutWrite(piece(sepObj, sep));
      out += stdoutWrite(() => objectStr(pos[i]));
    }
    out += stdoutWrite(piece(endObj, end));
    if (flush) textioFlush();
    rt.writeStdout(out);
    return (None.refcnt++, None);
  }
  for (let i = 0; i < pos.length; i++) {
    if (i > 0) out += sep;
    const s = objectStr(pos[i]);
    out += s.value;
    decref(s);
  }
  out += end;
  rt.writeStderr(out);
  return (None.refcnt++, None);
}

function minmax(args: PyObject[], kwnames: PyTuple | null, op: CompareOp, name: string): PyObject {
  const { pos, kw } = splitKwargs(args, kwnames);
  let keyfunc: PyObject | null = null;
  let dflt: PyObject | null = null;
  if (kw !== null) {
    for (const [k, v] of kw) {
      if (k === 'key') keyfunc = v === None ? null : v;
      else if (k === 'default') dflt = v;
      else typeError(`'${k}' is an invalid keyword argument for ${name}()`);
    }
  }
  if (pos.length === 0) typeError(`${name} expected at least 1 argument, got 0`);
  let items: PyObject[];
  if (pos.length === 1) {
    items = iterateToArray(pos[0]);
  } else {
    if (dflt !== null) typeError(`Cannot specify a default for ${name}() with multiple positional arguments`);
    items = pos.map((o) => (o.refcnt++, o));
  }
  try {
    if (items.length === 0) {
      if (dflt !== null) return (dflt.refcnt++, dflt);
      valueError(`${name}() arg is an empty sequence`);
    }
    let best = items[0];
    let bestKey = keyfunc !== null ? call(keyfunc, [best]) : (best.refcnt++, best);
    try {
      for (let i = 1; i < items.length; i++) {
        const item = items[i];
        const key = keyfunc !== null ? call(keyfunc, [item]) : (item.refcnt++, item);
        let better: boolean;
        try {
          better = richCompareBool(key, bestKey, op);
        } catch (e) {
          decref(key);
          throw e;
        }
        if (better) {
          decref(bestKey);
          bestKey = key;
          best = item;
        } else decref(key);
      }
    } finally {
      decref(bestKey);
    }
    best.refcnt++;
    return best;
  } finally {
    for (const x of items) decref(x);
  }
}

function builtinSum(args: PyObject[], kwnames: PyTuple | null): PyObject {
  const [iterable, startArg] = parseParams('sum', args, kwnames, ['iterable', 'start'], 1);
  const start = startArg ?? null;
  if (start !== null && isStr(start)) typeError("sum() can't sum strings [use ''.join(seq) instead]");
  let result: PyObject = start ?? newInt(0);
  if (start !== null) start.refcnt++;
  const it = getIter(iterable!);
  try {
    for (;;) {
      const item = iterNext(it);
      if (item === null) break;
      try {
        const r = binaryOp(result, item, 'nb_add');
        decref(result);
        result = r;
      } finally {
        decref(item);
      }
    }
  } catch (e) {
    decref(result);
    throw e;
  } finally {
    decref(it);
  }
  return result;
}

/**
 * builtin_sorted: a new list from the iterable, then its bound `sort` method (a
 * builtin_function_or_method, made and dropped) called with the keyword arguments.
 */
function builtinSorted(args: PyObject[], kwnames: PyTuple | null): PyObject {
  const npos = args.length - (kwnames === null ? 0 : kwnames.items.length);
  if (npos !== 1) typeError(`sorted expected 1 argument, got ${npos}`);
  const l = newEmptyList();
  try {
    listExtend(l, args[0]);
    const sort = getAttr(l, staticId('sort'));
    try {
      decref(call(sort, args.slice(1), kwnames));
    } finally {
      decref(sort);
    }
  } catch (e) {
    decref(l);
    throw e;
  }
  return l;
}

function builtinIsinstance(args: PyObject[]): PyObject {
  const [obj, cls] = args;
  return newBool(isinstance(obj, cls));
}

export function isinstance(obj: PyObject, cls: PyObject): boolean {
  if (obj.type === cls) return true;
  if (isTuple(cls)) return (cls as PyTuple).items.some((c) => isinstance(obj, c));
  if (!isType(cls)) typeError('isinstance() arg 2 must be a type, a tuple of types, or a union');
  const check = typeLookup((cls as PyType).type, staticId('__instancecheck__'));
  if (check !== null && (cls as PyType).type !== TypeType) {
    const r = callMethod(cls, staticId('__instancecheck__'), [obj]);
    try {
      return isTrue(r);
    } finally {
      decref(r);
    }
  }
  if (obj.type.isSubtypeOf(cls as PyType)) return true;
  const klass = lookupAttr(obj, staticId('__class__'));
  if (klass === null) return false;
  try {
    return klass !== obj.type && isType(klass) && (klass as PyType).isSubtypeOf(cls as PyType);
  } finally {
    decref(klass);
  }
}

function issubclass(derived: PyObject, cls: PyObject): boolean {
  if (isTuple(cls)) return (cls as PyTuple).items.some((c) => issubclass(derived, c));
  if (!isType(derived)) typeError('issubclass() arg 1 must be a class');
  if (!isType(cls)) typeError('issubclass() arg 2 must be a class, a tuple of classes, or a union');
  return (derived as PyType).isSubtypeOf(cls as PyType);
}

function builtinGetattr(args: PyObject[], kwnames: PyTuple | null): PyObject {
  noKeywords('getattr', kwnames);
  if (args.length < 2 || args.length > 3) typeError(`getattr expected 2 or 3 arguments, got ${args.length}`);
  const [obj, name, dflt] = args;
  if (!isStr(name)) typeError(`attribute name must be string, not '${name.type.name}'`);
  if (dflt === undefined) return getAttr(obj, name as PyStr);
  const r = lookupAttr(obj, name as PyStr);
  if (r !== null) return r;
  return (dflt.refcnt++, dflt);
}

function builtinHasattr(args: PyObject[], kwnames: PyTuple | null): PyObject {
  exactArgs('hasattr', args, kwnames, 2);
  const [obj, name] = args;
  if (!isStr(name)) typeError(`attribute name must be string, not '${name.type.name}'`);
  const r = lookupAttr(obj, name as PyStr);
  if (r === null) return newBool(false);
  decref(r);
  return newBool(true);
}

function builtinSetattr(args: PyObject[], kwnames: PyTuple | null): PyObject {
  exactArgs('setattr', args, kwnames, 3);
  const [obj, name, value] = args;
  if (!isStr(name)) typeError(`attribute name must be string, not '${name.type.name}'`);
  const interned = internFromString((name as PyStr).value);
  try {
    setAttr(obj, interned, value);
  } finally {
    decref(interned);
  }
  return (None.refcnt++, None);
}

function builtinDelattr(args: PyObject[], kwnames: PyTuple | null): PyObject {
  exactArgs('delattr', args, kwnames, 2);
  const [obj, name] = args;
  if (!isStr(name)) typeError(`attribute name must be string, not '${name.type.name}'`);
  setAttr(obj, name as PyStr, null);
  return (None.refcnt++, None);
}

function builtinIter(args: PyObject[], kwnames: PyTuple | null): PyObject {
  rangeArgs('iter', args, kwnames, 1, 2);
  if (args.length === 1) return getIter(args[0]);
  if (!isCallable(args[0])) typeError('iter(v, w): v must be callable');
  return newCallIter(args[0], args[1]);
}

function builtinNext(args: PyObject[], kwnames: PyTuple | null): PyObject {
  rangeArgs('next', args, kwnames, 1, 2);
  const it = args[0];
  if (it.type.tp_iternext === undefined) typeError(`'${it.type.name}' object is not an iterator`);
  const r = it.type.tp_iternext!(it);
  if (r !== null) return r;
  if (args.length > 1) return (args[1].refcnt++, args[1]);
  return raise(StopIterationType);
}

function builtinLen(args: PyObject[], kwnames: PyTuple | null): PyObject {
  exactArgs('len', args, kwnames, 1);
  return newInt(objectLength(args[0]));
}

function builtinId(args: PyObject[], kwnames: PyTuple | null): PyObject {
  exactArgs('id', args, kwnames, 1);
  return newInt(args[0].addr);
}

function builtinHash(args: PyObject[], kwnames: PyTuple | null): PyObject {
  exactArgs('hash', args, kwnames, 1);
  // The exact Py_hash_t: a JS number cannot hold every 64-bit hash.
  return newIntBig(objectHashExact(args[0]));
}

function builtinRepr(args: PyObject[], kwnames: PyTuple | null): PyObject {
  exactArgs('repr', args, kwnames, 1);
  return objectRepr(args[0]);
}

function builtinAscii(args: PyObject[], kwnames: PyTuple | null): PyObject {
  exactArgs('ascii', args, kwnames, 1);
  return objectAscii(args[0]);
}

function builtinAbs(args: PyObject[], kwnames: PyTuple | null): PyObject {
  exactArgs('abs', args, kwnames, 1);
  return unaryOp(args[0], 'nb_absolute', 'abs()');
}

function builtinAllAny(isAll: boolean): Impl {
  return (args, kwnames) => {
    exactArgs(isAll ? 'all' : 'any', args, kwnames, 1);
    const it = getIter(args[0]);
    try {
      for (;;) {
        const item = iterNext(it);
        if (item === null) return newBool(isAll);
        let t: boolean;
        try {
          t = isTrue(item);
        } finally {
          decref(item);
        }
        if (t !== isAll) return newBool(!isAll);
      }
    } finally {
      decref(it);
    }
  };
}

function builtinCallable(args: PyObject[], kwnames: PyTuple | null): PyObject {
  exactArgs('callable', args, kwnames, 1);
  return newBool(isCallable(args[0]));
}

function builtinChr(args: PyObject[], kwnames: PyTuple | null): PyObject {
  exactArgs('chr', args, kwnames, 1);
  const i = numberIndex(args[0]);
  const v = Number(i.value);
  decref(i);
  if (v < 0 || v > 0x10ffff) valueError('chr() arg not in range(0x110000)');
  return newStr(String.fromCodePoint(v));
}

function builtinOrd(args: PyObject[], kwnames: PyTuple | null): PyObject {
  exactArgs('ord', args, kwnames, 1);
  const s = args[0];
  if (isStr(s)) {
    const len = (s as PyStr).length;
    if (len !== 1) typeError(`ord() expected a character, but string of length ${len} found`);
    return newInt((s as PyStr).value.codePointAt(0)!);
  }
  const b = (s as { bytes?: Uint8Array }).bytes;
  if (b !== undefined) {
    if (b.length !== 1) typeError(`ord() expected a character, but string of length ${b.length} found`);
    return newInt(b[0]);
  }
  return typeError(`ord() expected string of length 1, but ${s.type.name} found`);
}

function builtinDivmod(args: PyObject[], kwnames: PyTuple | null): PyObject {
  exactArgs('divmod', args, kwnames, 2);
  return binaryOp(args[0], args[1], 'nb_divmod');
}

function builtinPow(args: PyObject[], kwnames: PyTuple | null): PyObject {
  const [base, exp, mod] = parseParams('pow', args, kwnames, ['base', 'exp', 'mod'], 2);
  if (mod !== undefined && mod !== None) return callMethod(base!, staticId('__pow__'), [exp!, mod]);
  return binaryOp(base!, exp!, 'nb_power');
}

function builtinRound(args: PyObject[], kwnames: PyTuple | null): PyObject {
  const [number, ndigits] = parseParams('round', args, kwnames, ['number', 'ndigits'], 1);
  const round = typeLookup(number!.type, staticId('__round__'));
  if (round === null) typeError(`type ${number!.type.name} doesn't define __round__ method`);
  return ndigits === undefined || ndigits === None
    ? callMethod(number!, staticId('__round__'), [])
    : callMethod(number!, staticId('__round__'), [ndigits]);
}

function builtinFormat(args: PyObject[], kwnames: PyTuple | null): PyObject {
  rangeArgs('format', args, kwnames, 1, 2);
  const spec = args.length > 1 ? args[1] : null;
  if (spec !== null && !isStr(spec)) typeError(`format() argument 2 must be str, not ${spec.type.name}`);
  return formatObject(args[0], spec as PyStr | null);
}

function builtinVars(args: PyObject[], kwnames: PyTuple | null): PyObject {
  rangeArgs('vars', args, kwnames, 0, 1);
  if (args.length === 0) return builtinLocals([], null);
  const d = lookupAttr(args[0], staticId('__dict__'));
  if (d === null) typeError('vars() argument must have __dict__ attribute');
  return d!;
}

function builtinDir(args: PyObject[], kwnames: PyTuple | null): PyObject {
  rangeArgs('dir', args, kwnames, 0, 1);
  let result: PyObject;
  if (args.length === 0) {
    result = newEmptyList();
    const locals = currentLocals();
    listExtend(result as PyList, locals);
    decref(locals);
  } else {
    // _dir_object: __dir__ is looked up on the type, so dir(SomeClass) gets type.__dir__.
    const dirFunc = lookupSpecial(args[0], '__dir__');
    if (dirFunc === null) return typeError('object does not provide __dir__');
    try {
      result = call(dirFunc, []);
    } finally {
      decref(dirFunc);
    }
    if (result.type !== ListType) {
      const l = newEmptyList();
      listExtend(l, result);
      decref(result);
      result = l;
    }
  }
  listSort(result as PyList, null, false);
  return result;
}

/** locals(): a new reference to the current frame's f_locals (refreshed for functions). */
function currentLocals(): PyObject {
  const d = frameLocals(rt.frame!);
  return (d.refcnt++, d);
}

function builtinLocals(_args: PyObject[], _kw: PyTuple | null): PyObject {
  return currentLocals();
}

function builtinGlobals(_args: PyObject[], _kw: PyTuple | null): PyObject {
  const g = rt.frame!.globals;
  g.refcnt++;
  return g;
}

function builtinImport(args: PyObject[], kwnames: PyTuple | null): PyObject {
  const [name, , , fromlist, level] = parseParams(
    '__import__',
    args,
    kwnames,
    ['name', 'globals', 'locals', 'fromlist', 'level'],
    1,
  );
  if (!isStr(name!)) typeError(`__import__() argument 1 must be str, not ${name!.type.name}`);
  const lvl = level ?? newInt(0);
  try {
    return importName(rt.frame!, name as PyStr, fromlist ?? None, lvl);
  } finally {
    if (level === undefined) decref(lvl);
  }
}

function notProvided(what: string): Impl {
  return () => sandboxError(what);
}

function builtinInput(): PyObject {
  return raise(
    EOFErrorType,
    'PyMem Lab programs have no input: the lab runs without a terminal (input() is not provided)',
  );
}

function builtinHex(base: 16 | 8 | 2): Impl {
  return (args, kwnames) => {
    exactArgs(base === 16 ? 'hex' : base === 8 ? 'oct' : 'bin', args, kwnames, 1);
    const i = numberIndex(args[0]);
    const v = BigInt(i.value);
    decref(i);
    const prefix = base === 16 ? '0x' : base === 8 ? '0o' : '0b';
    const neg = v < 0n;
    return newStr((neg ? '-' : '') + prefix + (neg ? -v : v).toString(base));
  };
}

/** Creates the builtins module of a run, with its dict filled as CPython's is. */
export function createBuiltinsModule(): PyModule {
  const { module: m, set: put, fn } = moduleBuilder('builtins');
  fn('__build_class__', buildClass);
  fn('__import__', builtinImport);
  fn('abs', builtinAbs);
  fn('all', builtinAllAny(true));
  fn('any', builtinAllAny(false));
  fn('ascii', builtinAscii);
  fn('bin', builtinHex(2));
  fn('breakpoint', notProvided('breakpoint()'));
  fn('callable', builtinCallable);
  fn('chr', builtinChr);
  fn('compile', builtinCompile);
  fn('delattr', builtinDelattr);
  fn('dir', builtinDir, true);
  fn('divmod', builtinDivmod);
  fn('eval', builtinEval);
  fn('exec', builtinExec);
  fn('format', builtinFormat);
  fn('getattr', builtinGetattr);
  fn('globals', builtinGlobals);
  fn('hasattr', builtinHasattr);
  fn('hash', builtinHash);
  fn('hex', builtinHex(16));
  fn('id', builtinId);
  fn('input', builtinInput);
  fn('isinstance', (args, kw) => (exactArgs('isinstance', args, kw, 2), builtinIsinstance(args)));
  fn(
    'issubclass',
    (args, kw) => (exactArgs('issubclass', args, kw, 2), newBool(issubclass(args[0], args[1]))),
  );
  fn('iter', builtinIter);
  fn('len', builtinLen);
  fn('locals', builtinLocals);
  fn('max', (args, kw) => minmax(args, kw, CompareOp.GT, 'max'), true);
  fn('min', (args, kw) => minmax(args, kw, CompareOp.LT, 'min'), true);
  fn('next', builtinNext);
  fn('oct', builtinHex(8));
  fn('ord', builtinOrd);
  fn('pow', builtinPow);
  fn('print', builtinPrint);
  fn('repr', builtinRepr);
  fn('round', builtinRound);
  fn('setattr', builtinSetattr);
  fn('sorted', builtinSorted);
  fn('sum', builtinSum);
  fn('vars', builtinVars, true);
  fn('open', notProvided('open()'));
  put('None', None);
  put('Ellipsis', Ellipsis);
  put('NotImplemented', NotImplemented);
  put('False', False);
  put('True', True);
  const types: [string, PyType][] = [
    ['bool', BoolType],
    ['memoryview', ObjectType],
    ['bytearray', BytearrayType],
    ['bytes', BytesType],
    ['classmethod', ClassMethodType],
    ['dict', DictType],
    ['enumerate', EnumerateType],
    ['filter', FilterType],
    ['float', FloatType],
    ['frozenset', FrozenSetType],
    ['property', PropertyType],
    ['int', IntType],
    ['list', ListType],
    ['map', MapType],
    ['object', ObjectType],
    ['range', RangeType],
    ['reversed', ReversedType],
    ['set', SetType],
    ['slice', SliceType],
    ['staticmethod', StaticMethodType],
    ['str', StrType],
    ['super', SuperType],
    ['tuple', TupleType],
    ['type', TypeType],
    ['zip', ZipType],
  ];
  for (const [name, t] of types) if (name !== 'memoryview') put(name, t);
  put('__debug__', True);
  for (const t of builtinExceptionTypes) put(t.name, t);
  put('EnvironmentError', OSErrorType);
  put('IOError', OSErrorType);
  return m;
}
