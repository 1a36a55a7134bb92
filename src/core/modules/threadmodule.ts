/**
 * A minimal _thread: RLock only, which functools.cached_property keeps one of per
 * instance. The lab runs one thread, so acquiring never blocks; the object has CPython's
 * layout (48 bytes, GC) so that it is counted and collected like CPython's.
 * @cpython Modules/_threadmodule.c rlockobject (3.11)
 */
import { PyObject, PyType, TypeFlag } from '../objects/object';
import { staticType } from '../objects/roots';
import { None } from '../objects/noneobject';
import { newBool } from '../objects/boolobject';
import { newStr } from '../objects/unicodeobject';
import { newInt } from '../objects/longobject';
import { RuntimeErrorType } from '../objects/exceptions';
import { raise } from '../vm/errors';
import { rt } from '../vm/runtime';
import { clearWeakrefs } from '../objects/weakrefobject';
import { formatAddress } from '../objects/address';
import { moduleBuilder } from './moduledef';
import type { PyModule } from '../objects/moduleobject';
import { gcFree, genericAlloc } from './cobject';

export const RLockType: PyType = staticType({
  name: '_thread.RLock',
  qualname: 'RLock',
  module: '_thread',
  basicsize: 48,
  flags: TypeFlag.HAVE_GC | TypeFlag.BASETYPE,
});
RLockType.weakrefable = true;

class PyRLock extends PyObject {
  count = 0;
}

RLockType.tp_new = (type) => genericAlloc(new PyRLock(type), type);
RLockType.tp_dealloc = (o) => {
  rt.gc.untrack(o);
  if (o.weakrefs !== null) clearWeakrefs(o);
  gcFree(o);
};
RLockType.tp_traverse = () => {};
RLockType.tp_repr = (o) => {
  const l = o as PyRLock;
  const state = l.count > 0 ? 'locked' : 'unlocked';
  const owner = l.count > 0 ? 1 : 0;
  return newStr(
    `<${state} _thread.RLock object owner=${owner} count=${l.count} at ${formatAddress(o.addr)}>`,
  );
};
const acquire = (self: PyObject) => {
  (self as PyRLock).count++;
  return newBool(true);
};
const release = (self: PyObject) => {
  const l = self as PyRLock;
  if (l.count === 0) raise(RuntimeErrorType, 'cannot release un-acquired lock');
  l.count--;
  return (None.refcnt++, None);
};
RLockType.methodSpecs.push(
  { name: 'acquire', call: acquire },
  { name: 'release', call: release },
  { name: '__enter__', call: acquire },
  { name: '__exit__', call: release, varargs: true },
  { name: '_is_owned', call: (self) => newBool((self as PyRLock).count > 0) },
);

export function createThreadModule(): PyModule {
  const { module: m, set, fn } = moduleBuilder('_thread');
  set('RLock', RLockType);
  // The one thread's identifier (any constant: programs only compare it).
  fn('get_ident', () => newInt(140000000000000 + 0x1000));
  return m;
}
