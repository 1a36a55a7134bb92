/**
 * property: a data descriptor calling fget/fset/fdel, its doc taken from the getter,
 * its name from `__set_name__`, and getter/setter/deleter making modified copies.
 * @cpython Objects/descrobject.c property_init_impl, property_copy, property_descr_get (3.11)
 */
import { PyObject, PyType, TypeFlag, decref, xdecref, type Visit } from './object';
import { staticType } from './roots';
import { allocGCObject, gcDel } from '../memory/alloc';
import { rt } from '../vm/runtime';
import { attributeError, typeError } from '../vm/errors';
import { parseParams, exactArgs } from '../vm/args';
import { call, isTrue, lookupAttr, reprText, setAttr } from './abstract';
import { None } from './noneobject';
import { staticId } from './unicodeobject';
import { newBool } from './longobject';

export const PropertyType: PyType = staticType({
  name: 'property',
  basicsize: 64,
  flags: TypeFlag.HAVE_GC | TypeFlag.BASETYPE,
});

export class PyProperty extends PyObject {
  fget: PyObject | null = null;
  fset: PyObject | null = null;
  fdel: PyObject | null = null;
  doc: PyObject | null = null;
  name: PyObject | null = null;
  /** The doc came from the getter's `__doc__` (getter_doc). */
  getterDoc = false;
}

function accessorError(p: PyProperty, obj: PyObject, what: 'getter' | 'setter' | 'deleter'): never {
  const qualname = reprText(staticId(obj.type.qualname));
  if (p.name !== null) attributeError(`property ${reprText(p.name)} of ${qualname} object has no ${what}`);
  return attributeError(`property of ${qualname} object has no ${what}`);
}

PropertyType.tp_new = (type) => {
  const p = allocGCObject(new PyProperty(type), type.basicsize);
  if (type.isHeapType) type.refcnt++;
  rt.gc.track(p);
  return p;
};

PropertyType.tp_init = (self, args, kwnames) => {
  const p = self as PyProperty;
  const [fgetArg, fsetArg, fdelArg, docArg] = parseParams('property', args, kwnames, [
    'fget',
    'fset',
    'fdel',
    'doc',
  ]);
  const norm = (o: PyObject | undefined) => (o === undefined || o === None ? null : (o.refcnt++, o));
  const fget = norm(fgetArg);
  const old = [p.fget, p.fset, p.fdel, p.doc, p.name];
  p.fget = fget;
  p.fset = norm(fsetArg);
  p.fdel = norm(fdelArg);
  p.doc = null;
  p.name = null;
  p.getterDoc = false;
  for (const o of old) xdecref(o);

  let doc: PyObject | null = null;
  if (docArg !== undefined && docArg !== None) {
    doc = (docArg.refcnt++, docArg);
  } else if (fget !== null) {
    doc = lookupAttr(fget, staticId('__doc__'));
    if (doc === None) {
      decref(doc);
      doc = null;
    }
    if (doc !== null) p.getterDoc = true;
  }
  if (self.type === PropertyType) {
    p.doc = doc;
    return;
  }
  // A subclass keeps the doc in its instance dict, where the class's own __doc__ can't shadow it.
  const value = doc ?? (None.refcnt++, None);
  try {
    setAttr(self, staticId('__doc__'), value);
  } finally {
    decref(value);
  }
};

/** property_copy: `type(old)(fget, fset, fdel, doc)` with one accessor replaced. */
function copyWith(old: PyProperty, which: 'fget' | 'fset' | 'fdel', value: PyObject): PyObject {
  const pick = (k: 'fget' | 'fset' | 'fdel') => (k === which ? value : (old[k] ?? None));
  const get = pick('fget');
  const doc = old.getterDoc && get !== None ? None : (old.doc ?? None);
  const fresh = call(old.type, [get, pick('fset'), pick('fdel'), doc]);
  if (fresh instanceof PyProperty) {
    if (old.name !== null) old.name.refcnt++;
    const previous = fresh.name;
    fresh.name = old.name;
    xdecref(previous);
  }
  return fresh;
}

PropertyType.tp_descr_get = (descr, obj) => {
  const p = descr as PyProperty;
  if (obj === null || obj === None) return (descr.refcnt++, descr);
  if (p.fget === null) accessorError(p, obj, 'getter');
  return call(p.fget!, [obj]);
};

PropertyType.tp_descr_set = (descr, obj, value) => {
  const p = descr as PyProperty;
  const f = value === null ? p.fdel : p.fset;
  if (f === null) accessorError(p, obj, value === null ? 'deleter' : 'setter');
  decref(value === null ? call(f!, [obj]) : call(f!, [obj, value]));
};

PropertyType.tp_dealloc = (o) => {
  const p = o as PyProperty;
  rt.gc.untrack(p);
  for (const x of [p.fget, p.fset, p.fdel, p.doc, p.name]) xdecref(x);
  // A subclass instance's class is released by subtype_dealloc (subtype.ts), after this.
  gcDel(p);
};

PropertyType.tp_traverse = (o, visit: Visit) => {
  const p = o as PyProperty;
  if (p.fget !== null) visit(p.fget, 'fget');
  if (p.fset !== null) visit(p.fset, 'fset');
  if (p.fdel !== null) visit(p.fdel, 'fdel');
  if (p.doc !== null) visit(p.doc, '__doc__');
  if (p.name !== null) visit(p.name, '__name__');
};

PropertyType.tp_clear = (o) => {
  const p = o as PyProperty;
  const doc = p.doc;
  p.doc = null;
  xdecref(doc);
};

const accessor = (key: 'fget' | 'fset' | 'fdel') => ({
  name: key,
  get: (o: PyObject) => {
    const v = (o as PyProperty)[key] ?? None;
    return (v.refcnt++, v);
  },
});

PropertyType.getsetSpecs.push(accessor('fget'), accessor('fset'), accessor('fdel'), {
  name: '__doc__',
  get: (o) => {
    const v = (o as PyProperty).doc ?? None;
    return (v.refcnt++, v);
  },
  set: (o, v) => {
    const p = o as PyProperty;
    const old = p.doc;
    if (v !== null) v.refcnt++;
    p.doc = v;
    xdecref(old);
  },
});
PropertyType.getsetSpecs.push({
  name: '__isabstractmethod__',
  get: (o) => {
    const p = o as PyProperty;
    for (const f of [p.fget, p.fset, p.fdel]) {
      if (f === null) continue;
      const flag = lookupAttr(f, staticId('__isabstractmethod__'));
      if (flag === null) continue;
      try {
        if (isTrue(flag)) return newBool(true);
      } finally {
        decref(flag);
      }
    }
    return newBool(false);
  },
});

PropertyType.methodSpecs.push(
  {
    name: 'getter',
    call: (self, args, kw) => (
      exactArgs('getter', args, kw, 1),
      copyWith(self as PyProperty, 'fget', args[0])
    ),
  },
  {
    name: 'setter',
    call: (self, args, kw) => (
      exactArgs('setter', args, kw, 1),
      copyWith(self as PyProperty, 'fset', args[0])
    ),
  },
  {
    name: 'deleter',
    call: (self, args, kw) => (
      exactArgs('deleter', args, kw, 1),
      copyWith(self as PyProperty, 'fdel', args[0])
    ),
  },
  {
    name: '__set_name__',
    call: (self, args, kw) => {
      if (args.length !== 2 || (kw !== null && kw.items.length > 0)) {
        typeError(`__set_name__() takes 2 positional arguments but ${args.length} were given`);
      }
      const p = self as PyProperty;
      const name = args[1];
      const old = p.name;
      name.refcnt++;
      p.name = name;
      xdecref(old);
      return (None.refcnt++, None);
    },
  },
);
