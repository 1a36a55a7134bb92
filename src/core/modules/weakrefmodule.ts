/**
 * _weakref (the C half of weakref) and atexit.
 * @cpython Modules/_weakref.c, Modules/atexitmodule.c (3.11)
 */
import { CompareOp, decref } from '../objects/object';
import { typeError } from '../vm/errors';
import { tupleFromBorrowed } from '../objects/tupleobject';
import { None } from '../objects/noneobject';
import { newInt } from '../objects/longobject';

import { dictDelItem, dictGetItem, type PyDict } from '../objects/dictobject';
import { type PyModule } from '../objects/moduleobject';
import { moduleBuilder, type ModuleBuilder } from './moduledef';

import { newList } from '../objects/listobject';
import {
  WeakRefType,
  ProxyType,
  CallableProxyType,
  PyWeakRef,
  newProxy,
  weakrefCount,
  weakrefsOf,
} from '../objects/weakrefobject';
import { callObject, dictFromKeywords, isCallable, richCompareBool } from '../objects/abstract';
import { exactArgs, rangeArgs } from '../vm/args';
import { rt } from '../vm/runtime';
import { writeUnraisable } from '../vm/unraisable';

function moduleWith(
  name: string,
  fill: (put: ModuleBuilder['add'], fn: ModuleBuilder['fn']) => void,
): PyModule {
  const b = moduleBuilder(name);
  fill(b.add, b.fn);
  return b.module;
}

export function createWeakrefCModule(): PyModule {
  return moduleWith('_weakref', (put, fn) => {
    fn('getweakrefcount', (args, kw) => {
      exactArgs('getweakrefcount', args, kw, 1);
      return newInt(args[0].type.weakrefable ? weakrefCount(args[0]) : 0);
    });
    fn('getweakrefs', (args, kw) => {
      exactArgs('getweakrefs', args, kw, 1);
      const refs = args[0].type.weakrefable ? weakrefsOf(args[0]) : [];
      return newList(refs.map((r) => (r.refcnt++, r)));
    });
    fn('proxy', (args, kw) => {
      rangeArgs('proxy', args, kw, 1, 2);
      return newProxy(args[0], args[1] ?? null);
    });
    fn('_remove_dead_weakref', (args, kw) => {
      exactArgs('_remove_dead_weakref', args, kw, 2);
      const d = args[0] as PyDict;
      const v = dictGetItem(d, args[1]);
      // Only an entry whose weak reference is dead is removed.
      if (v !== null && v instanceof PyWeakRef && v.referent === null) dictDelItem(d, args[1]);
      return (None.refcnt++, None);
    });
    WeakRefType.refcnt++;
    put('ref', WeakRefType);
    WeakRefType.refcnt++;
    put('ReferenceType', WeakRefType);
    ProxyType.refcnt++;
    put('ProxyType', ProxyType);
    CallableProxyType.refcnt++;
    put('CallableProxyType', CallableProxyType);
  });
}

/** atexit: callbacks run at interpreter exit, last registered first. */
export function createAtexitModule(): PyModule {
  return moduleWith('atexit', (_put, fn) => {
    fn(
      'register',
      (args, kwnames) => {
        const nkw = kwnames === null ? 0 : kwnames.items.length;
        const npos = args.length - nkw;
        if (npos === 0) typeError('register() takes at least 1 argument (0 given)');
        const func = args[0];
        if (!isCallable(func)) typeError('the first argument must be callable');
        func.refcnt++;
        const cbArgs = tupleFromBorrowed(args.slice(1, npos));
        const kwargs = nkw > 0 ? dictFromKeywords(kwnames!, args, npos) : null;
        rt.atexitCallbacks.push({ func, args: cbArgs, kwargs });
        return (func.refcnt++, func);
      },
      true,
    );
    fn('unregister', (args, kw) => {
      exactArgs('unregister', args, kw, 1);
      const keep: typeof rt.atexitCallbacks = [];
      for (const cb of rt.atexitCallbacks) {
        if (richCompareBool(cb.func, args[0], CompareOp.EQ)) releaseCallback(cb);
        else keep.push(cb);
      }
      rt.atexitCallbacks = keep;
      return (None.refcnt++, None);
    });
    fn('_run_exitfuncs', () => {
      runAtexit();
      return (None.refcnt++, None);
    });
  });
}

function releaseCallback(cb: (typeof rt.atexitCallbacks)[number]): void {
  decref(cb.func);
  decref(cb.args);
  if (cb.kwargs !== null) decref(cb.kwargs);
}

/** atexit_callfuncs: last registered first; a failing callback is reported and skipped. */
export function runAtexit(): void {
  while (rt.atexitCallbacks.length > 0) {
    const cb = rt.atexitCallbacks.pop()!;
    try {
      decref(callObject(cb.func, cb.args, cb.kwargs));
    } catch (e) {
      writeUnraisable(e, cb.func, 'Exception ignored in atexit callback');
    } finally {
      releaseCallback(cb);
    }
  }
}
