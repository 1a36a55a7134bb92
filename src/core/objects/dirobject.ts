/**
 * dir(): `object.__dir__` (the instance's __dict__, then its class's attributes) and
 * `type.__dir__` (the class's and every base's __dict__, not the metaclass's). Both collect
 * into a dict and return its keys, so the names are the dicts' own str objects.
 * @cpython Objects/typeobject.c object___dir___impl, type___dir___impl, merge_class_dict
 */
import { PyObject, decref, xdecref } from './object';
import { isDict, newDict, dictCopyExact, type PyDict } from './dictobject';
import { dictKeysList, dictMergeAny } from './dicttype';
import { isTuple, type PyTuple } from './tupleobject';
import { getItem, lookupAttr, objectLength } from './abstract';
import { newInt } from './longobject';
import { staticId } from './unicodeobject';
import { ObjectType, TypeType } from './roots';

/** merge_class_dict: the class's __dict__, then each base's, depth first. */
function mergeClassDict(dict: PyDict, aclass: PyObject): void {
  const classdict = lookupAttr(aclass, staticId('__dict__'));
  if (classdict !== null) {
    try {
      dictMergeAny(dict, classdict, 1);
    } finally {
      decref(classdict);
    }
  }
  const bases = lookupAttr(aclass, staticId('__bases__'));
  if (bases === null) return;
  try {
    const n = objectLength(bases);
    for (let i = 0; i < n; i++) {
      const base = isTuple(bases) ? (bases as PyTuple).items[i]! : getItem(bases, newInt(i));
      if (isTuple(bases)) base.refcnt++;
      try {
        mergeClassDict(dict, base);
      } finally {
        decref(base);
      }
    }
  } finally {
    decref(bases);
  }
}

export function objectDir(self: PyObject): PyObject {
  const own = lookupAttr(self, staticId('__dict__'));
  // A copy of a real __dict__, so that merging does not change it.
  const dict = own !== null && isDict(own) ? dictCopyExact(own as PyDict) : newDict();
  xdecref(own);
  try {
    const itsclass = lookupAttr(self, staticId('__class__'));
    if (itsclass !== null) {
      try {
        mergeClassDict(dict, itsclass);
      } finally {
        decref(itsclass);
      }
    }
    return dictKeysList(dict);
  } finally {
    decref(dict);
  }
}

export function typeDir(self: PyObject): PyObject {
  const dict = newDict();
  try {
    mergeClassDict(dict, self);
    return dictKeysList(dict);
  } finally {
    decref(dict);
  }
}

ObjectType.methodSpecs.push({ name: '__dir__', call: (self) => objectDir(self) });
TypeType.methodSpecs.push({ name: '__dir__', call: (self) => typeDir(self) });
