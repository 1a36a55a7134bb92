/**
 * The 3.11 free lists that sit in front of pymalloc: dead objects of these exact types
 * are kept for reuse instead of being freed. They change `id()` reuse (by type, not by
 * size class) and `gc.get_count()` (reuse is not a new GC allocation).
 * @cpython Objects/tupleobject.c, listobject.c, dictobject.c, floatobject.c (3.11)
 */
import type { PyObject } from '../objects/object';
import { PyTuple_MAXSAVESIZE } from '../profiles/cpython311';

export class FreeLists {
  /** tuples[n]: dead tuples of length n (1…20), most recent last. */
  readonly tuples: PyObject[][] = Array.from({ length: PyTuple_MAXSAVESIZE + 1 }, () => []) as PyObject[][];
  readonly lists: PyObject[] = [];
  readonly dicts: PyObject[] = [];
  /** Addresses of dict keys objects of 8 slots with str keys. */
  readonly dictKeys: number[] = [];
  readonly floats: PyObject[] = [];
}
