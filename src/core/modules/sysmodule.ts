/**
 * The sys module: the memory functions (getrefcount, getsizeof, intern), recursion limit,
 * exception info and the interpreter's identity (CPython 3.11.7, 64-bit Linux).
 * @cpython Python/sysmodule.c (3.11)
 */
import { PyObject, PyType, TypeFlag, decref } from '../objects/object';
import { staticType } from '../objects/roots';
import { None } from '../objects/noneobject';
import { newBool } from '../objects/boolobject';
import { newInt, newIntBig } from '../objects/longobject';
import { newStr, isStr, intern, staticId, type PyStr } from '../objects/unicodeobject';
import { newTuple } from '../objects/tupleobject';
import { newList } from '../objects/listobject';
import { type PyDict } from '../objects/dictobject';
import { moduleBuilder } from './moduledef';
import { type PyModule } from '../objects/moduleobject';

import { isType, typeLookup } from '../objects/typeobject';
import { isCountUnknown } from '../memory/static';
import { call } from '../objects/abstract';
import { raise, typeError, valueError } from '../vm/errors';
import { exactArgs, rangeArgs } from '../vm/args';
import { rt } from '../vm/runtime';
import { RecursionErrorType, SystemExitType, PyBaseException } from '../objects/exceptions';
import { topmostException } from '../vm/ceval';
import { frameObjectOf } from '../objects/frameobject';
import { PY_VERSION } from '../profiles/cpython311';
import { debugTypeStats } from '../memory/debugstats';
import { textioFlush, textioWrite } from './textio';
import { isInt, type PyLong } from '../objects/longobject';

/** sys.stdout / sys.stderr: text streams that write to the run's output. */
export const TextIOType: PyType = staticType({
  name: '_io.TextIOWrapper',
  basicsize: 200,
  flags: TypeFlag.HAVE_GC,
});
TextIOType.qualname = 'TextIOWrapper';
TextIOType.module = '_io';

export class PyTextStream extends PyObject {
  constructor(readonly stream: 'stdout' | 'stderr') {
    super(TextIOType);
  }
}
TextIOType.tp_dealloc = () => {};
TextIOType.tp_traverse = () => {};
TextIOType.methodSpecs.push(
  {
    name: 'write',
    call: (self, args) => {
      const s = args[0];
      if (s === undefined || !isStr(s))
        typeError(`write() argument must be str, not ${s?.type.name ?? 'nothing'}`);
      const text = (s as PyStr).value;
      if ((self as PyTextStream).stream === 'stdout') {
        textioWrite((s.refcnt++, s) as PyStr);
        rt.writeStdout(text);
      } else rt.writeStderr(text);
      return newInt((s as PyStr).length);
    },
  },
  {
    name: 'flush',
    call: (self) => {
      if ((self as PyTextStream).stream === 'stdout') textioFlush();
      return (None.refcnt++, None);
    },
  },
  { name: 'isatty', call: () => newBool(false) },
);
TextIOType.getsetSpecs.push({ name: 'encoding', get: () => newStr('utf-8') });

/** What sys.getrefcount's error names: the class, the string, or the object's type. */
function countSubject(o: PyObject): string {
  if (isType(o)) return `the class ${(o as PyType).module}.${(o as PyType).qualname}`;
  if (isStr(o)) {
    const text = (o as PyStr).value;
    return `the string ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}`;
  }
  return `this ${o.type.name} object`;
}

/** _PySys_GetSizeOf: __sizeof__ plus the GC head and managed-dict pre-header. */
export function getSizeOf(o: PyObject): number {
  let size: number;
  const method = typeLookup(o.type, staticId('__sizeof__'));
  if (method !== null && method.type.name === 'function') {
    const r = call(method, [o]);
    try {
      if (!isInt(r)) typeError('an integer is required');
      size = Number((r as PyLong).value);
    } finally {
      decref(r);
    }
    if (size < 0) valueError('__sizeof__() should return >= 0');
  } else {
    const f = o.type.tp_sizeof;
    if (f === undefined) typeError(`Type ${o.type.name} doesn't define __sizeof__`);
    size = f!(o);
  }
  return size + o.type.preheaderSize;
}

export function createSysModule(filename: string, modules: PyDict): PyModule {
  const { module: m, add: put, fn } = moduleBuilder('sys');

  fn('getrefcount', (args, kw) => {
    exactArgs('getrefcount', args, kw, 1);
    const o = args[0];
    if (isCountUnknown(o) && rt.options.rawRefcounts !== true) {
      typeError(`PyMem Lab does not know CPython 3.11's reference count of ${countSubject(o)} yet`);
    }
    return newInt(o.refcnt);
  });
  fn('getsizeof', (args, kw) => {
    rangeArgs('getsizeof', args, kw, 1, 2);
    try {
      return newInt(getSizeOf(args[0]));
    } catch (e) {
      if (args.length > 1 && e instanceof PyObject && e.type.name === 'TypeError') {
        decref(e);
        return (args[1].refcnt++, args[1]);
      }
      throw e;
    }
  });
  fn('getrecursionlimit', (args, kw) => {
    exactArgs('getrecursionlimit', args, kw, 0);
    return newInt(rt.recursionLimit);
  });
  fn('setrecursionlimit', (args, kw) => {
    exactArgs('setrecursionlimit', args, kw, 1);
    const v = args[0];
    if (!isInt(v)) typeError(`'${v.type.name}' object cannot be interpreted as an integer`);
    const n = Number((v as PyLong).value);
    if (n < 1) valueError('recursion limit must be greater or equal than 1');
    if (n <= rt.recursionDepth) {
      raise(
        RecursionErrorType,
        `cannot set the recursion limit to ${n} at the recursion depth ${rt.recursionDepth}: the limit is too low`,
      );
    }
    rt.recursionLimit = n;
    return (None.refcnt++, None);
  });
  fn('intern', (args, kw) => {
    exactArgs('intern', args, kw, 1);
    const s = args[0];
    if (s.type.name !== 'str') typeError(`intern() argument must be str, not ${s.type.name}`);
    s.refcnt++;
    return intern(s as PyStr);
  });
  fn('exc_info', () => {
    const e = topmostException();
    if (e === null) return newTuple([(None.refcnt++, None), (None.refcnt++, None), (None.refcnt++, None)]);
    e.type.refcnt++;
    e.refcnt++;
    const tb = e.traceback ?? None;
    tb.refcnt++;
    return newTuple([e.type, e, tb]);
  });
  fn('exception', () => {
    const e = topmostException() ?? None;
    e.refcnt++;
    return e;
  });
  fn('exit', (args) => {
    const code = args.length > 0 ? [(args[0].refcnt++, args[0])] : [];
    const { newException } = errors;
    const e: PyBaseException = newException(SystemExitType, code);
    const c = args[0] ?? None;
    c.refcnt++;
    e.fields = new Map([['code', c]]);
    throw e;
  });
  fn('_getframe', (args) => {
    let depth = args.length > 0 ? Number((args[0] as PyLong).value) : 0;
    let f = rt.frame;
    while (depth-- > 0 && f !== null) f = f.previous;
    if (f === null) valueError('call stack is not deep enough');
    const fo = frameObjectOf(f!);
    fo.refcnt++;
    return fo;
  });
  fn('getdefaultencoding', () => newStr('utf-8'));
  // Written to C's stderr by CPython; here to the run's stderr.
  fn('_debugmallocstats', (args, kw) => {
    exactArgs('_debugmallocstats', args, kw, 0);
    rt.writeStderr(debugTypeStats());
    return (None.refcnt++, None);
  });
  fn('settrace', () =>
    typeError('PyMem Lab does not support sys.settrace(): the lab traces programs itself'),
  );
  fn('setprofile', () => typeError('PyMem Lab does not support sys.setprofile()'));

  modules.refcnt++;
  put('modules', modules);
  put('argv', newList([newStr(filename)]));
  put('path', newList([]));
  put('maxsize', newIntBig(2n ** 63n - 1n));
  put('maxunicode', newInt(0x10ffff));
  put('byteorder', newStr('little'));
  put('platform', newStr('linux'));
  put('version', newStr(`${PY_VERSION} (main, PyMem Lab engine) [CPython 3.11 memory model, 64-bit]`));
  put('version_info', newTuple([newInt(3), newInt(11), newInt(7), newStr('final'), newInt(0)]));
  put('hexversion', newInt(0x30b07f0));
  put('executable', newStr(''));
  put('float_repr_style', newStr('short'));
  const stdout = new PyTextStream('stdout');
  const stderr = new PyTextStream('stderr');
  // Counted like CPython's: the two entries of each (the run's own pointers do not count;
  // the streams are never freed), plus what the calibration adds (run.ts).
  stdout.refcnt = stderr.refcnt = 0;
  rt.sysStdout = stdout;
  rt.sysStderr = stderr;
  stdout.refcnt++;
  stderr.refcnt++;
  put('stdout', stdout);
  put('stderr', stderr);
  stdout.refcnt++;
  stderr.refcnt++;
  put('__stdout__', stdout);
  put('__stderr__', stderr);
  return m;
}

import * as errors from '../vm/errors';
