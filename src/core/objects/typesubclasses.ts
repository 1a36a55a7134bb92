/**
 * A type's registry of its subclasses (tp_subclasses): `{id(sub): weakref.ref(sub)}`. Every
 * class statement adds itself to each base's registry, so it allocates an int key and a weak
 * reference (which `weakref.ref(cls)` then returns, and `weakref.getweakrefcount(cls)` counts),
 * and, for a base without subclasses yet, the dict. Freeing the class takes them back.
 *
 * Builtin types that already had subclasses when the script started keep a dict the startup
 * made (object's holds about 270 entries): only the key and weak reference are modelled for
 * them, not that dict's rare resizes. profiles/fixtures/static-subclasses.json, recorded from
 * CPython, says which types those are.
 * @cpython Objects/typeobject.c add_subclass, remove_subclass
 */
import staticSubclasses from '../profiles/fixtures/static-subclasses.json';
import { PyObject, PyType, decref } from './object';
import { newIntValue } from './longobject';
import { newWeakRef, WeakRefType } from './weakrefobject';
import { dictDelItem, dictSetItem, newDict, type PyDict } from './dictobject';

const registeredAtStartup = new Set(
  Object.entries((staticSubclasses as { subclasses: Record<string, number> }).subclasses)
    .filter(([, count]) => count > 0)
    .map(([name]) => name),
);

/** Entries of a startup-made registry: held here since its dict is not an engine object. */
const startupEntries = new Map<PyType, Map<PyType, [key: PyObject, ref: PyObject]>>();
/** Builtin types given a registry by this run: the next run starts without it. */
const staticWithRegistry = new Set<PyType>();

/** Builtin types outlive a run: forget what the last one registered on them. */
export function resetSubclassRegistries(): void {
  startupEntries.clear();
  for (const t of staticWithRegistry) t.subclassRegistry = null;
  staticWithRegistry.clear();
}

function hasStartupRegistry(base: PyType): boolean {
  return !base.isHeapType && registeredAtStartup.has(base.name);
}

/** add_subclass(base, t): the key and the weak reference first, then the registry. */
export function addSubclass(base: PyType, t: PyType): void {
  base.subclasses.push(t);
  const key = newIntValue(t.addr);
  const ref = newWeakRef(WeakRefType, t, null);
  if (hasStartupRegistry(base)) {
    let entries = startupEntries.get(base);
    if (entries === undefined) startupEntries.set(base, (entries = new Map()));
    entries.set(t, [key, ref]);
    return;
  }
  if (base.subclassRegistry === null) {
    base.subclassRegistry = newDict();
    if (!base.isHeapType) staticWithRegistry.add(base);
  }
  dictSetItem(base.subclassRegistry as PyDict, key, ref);
  decref(ref);
  decref(key);
}

/** remove_subclass(base, t): looks its entry up with a new key, and drops an empty registry. */
export function removeSubclass(base: PyType, t: PyType): void {
  const i = base.subclasses.indexOf(t);
  if (i >= 0) base.subclasses.splice(i, 1);
  const lookup = newIntValue(t.addr);
  const entry = startupEntries.get(base)?.get(t);
  if (entry !== undefined) {
    startupEntries.get(base)!.delete(t);
    // delitem_common: the key goes first, then the value.
    decref(entry[0]);
    decref(entry[1]);
    decref(lookup);
    return;
  }
  const registry = base.subclassRegistry as PyDict | null;
  if (registry === null) {
    decref(lookup);
    return;
  }
  dictDelItem(registry, lookup);
  decref(lookup);
  if (registry.used === 0) {
    base.subclassRegistry = null;
    decref(registry);
  }
}
