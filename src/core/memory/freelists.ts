/**
 * The 3.11 free lists that sit in front of pymalloc: dead objects of these exact types
 * are kept for reuse instead of being freed. They change `id()` reuse (by type, not by
 * size class) and `gc.get_count()` (reuse is not a new GC allocation).
 * @cpython Objects/tupleobject.c, listobject.c, dictobject.c, floatobject.c (3.11)
 */
import type { PyObject } from '../objects/object';
import { PyTuple_MAXSAVESIZE } from '../profiles/cpython311';
import { memoryObserver } from './memory-observer';

/**
 * One free list: a LIFO stack of dead objects. Pushing and popping tell the memory observer,
 * so the lab can count an object kept here as dead without touching each type's dealloc.
 */
export class FreeStack extends Array<PyObject> {
  // map(), filter() and friends make plain arrays, not more free lists.
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  /** One object at a time: the free lists never push more (and rest arguments cost here). */
  override push(o: PyObject): number {
    memoryObserver?.freelistPush(o);
    return super.push(o);
  }

  override pop(): PyObject | undefined {
    const o = super.pop();
    if (o !== undefined) memoryObserver?.freelistPop(o);
    return o;
  }
}

export class FreeLists {
  /** tuples[n]: dead tuples of length n (1…20), most recent last. */
  readonly tuples: FreeStack[] = Array.from({ length: PyTuple_MAXSAVESIZE + 1 }, () => new FreeStack());
  readonly lists = new FreeStack();
  readonly dicts = new FreeStack();
  /** Addresses of dict keys objects of 8 slots with str keys. */
  readonly dictKeys: number[] = [];
  readonly floats = new FreeStack();
}
