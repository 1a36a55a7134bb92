/**
 * Emptying the free lists, as every full collection does (clear_freelists): the kept
 * objects are finally freed, and GC objects lower generation 0's count as they go.
 * @cpython Modules/gcmodule.c clear_freelists
 */
import { rt } from '../vm/runtime';
import { gcDel, freeObject, pyFree } from './alloc';

export function clearFreelists(): void {
  const fl = rt.freelists;
  for (let n = 1; n < fl.tuples.length; n++) {
    const stack = fl.tuples[n];
    while (stack.length > 0) gcDel(stack.pop()!);
  }
  while (fl.floats.length > 0) freeObject(fl.floats.pop()!);
  while (fl.lists.length > 0) gcDel(fl.lists.pop()!);
  while (fl.dicts.length > 0) gcDel(fl.dicts.pop()!);
  while (fl.dictKeys.length > 0) pyFree(fl.dictKeys.pop()!);
}
