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
 * A plain class around an array (not an Array subclass: `super.push` is slow in V8).
 */
export class FreeStack {
  private readonly items: PyObject[] = [];

  get length(): number {
    return this.items.length;
  }

  push(o: PyObject): void {
    if (memoryObserver !== null) memoryObserver.freelistPush(o);
    this.items.push(o);
  }

  pop(): PyObject | undefined {
    const o = this.items.pop();
    if (o !== undefined && memoryObserver !== null) memoryObserver.freelistPop(o);
    return o;
  }

  map<T>(fn: (o: PyObject, index: number) => T): T[] {
    return this.items.map((o, i) => fn(o, i));
  }

  [Symbol.iterator](): Iterator<PyObject> {
    return this.items[Symbol.iterator]();
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
