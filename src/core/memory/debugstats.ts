/**
 * The free-list part of `sys._debugmallocstats()` (_PyObject_DebugTypeStats): how many dead
 * dicts, floats, lists and tuples of each length the free lists hold, in CPython's format.
 * The pymalloc part that CPython prints first is left out: the engine does not model the
 * interpreter's own startup allocations, so its arena numbers would not be CPython's.
 * @cpython Objects/object.c _PyObject_DebugTypeStats, Objects/obmalloc.c _PyDebugAllocatorStats
 */
import { rt } from '../vm/runtime';
import { PyTuple_MAXSAVESIZE } from '../profiles/cpython311';

/** printone: the message, '=' in column 35 at the earliest, the value with commas in 21 columns. */
function printone(msg: string, value: number): string {
  const digits = String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return msg.padEnd(35) + '=' + digits.padStart(21) + '\n';
}

/** _PyDebugAllocatorStats: "%d %ss * %zd bytes each" right-aligned in 48 columns. */
function allocatorStats(blockName: string, numBlocks: number, sizeofBlock: number): string {
  const buf1 = `${numBlocks} ${blockName}s * ${sizeofBlock} bytes each`;
  return printone(buf1.padStart(48) + ' ', numBlocks * sizeofBlock);
}

export function debugTypeStats(): string {
  const fl = rt.freelists;
  let out = allocatorStats('free PyDictObject', fl.dicts.length, 48);
  out += allocatorStats('free PyFloatObject', fl.floats.length, 24);
  out += allocatorStats('free PyListObject', fl.lists.length, 40);
  for (let len = 1; len <= PyTuple_MAXSAVESIZE; len++) {
    out += allocatorStats(`free ${len}-sized PyTupleObject`, fl.tuples[len].length, 24 + 8 * len);
  }
  return out;
}
