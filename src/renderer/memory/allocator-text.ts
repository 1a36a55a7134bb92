/** What the allocator map says about a block and a pool, in words (pure, tested without a DOM). */

import { hexAddress } from '../timeline';
import { BlockState, type BlockInfo } from './allocator-model';

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

export function ordinal(rank: number): string {
  return ORDINALS[rank] ?? `${rank + 1}th`;
}

/** The size class of a block size: the requests it serves (`(i+1)·16`, `i = (n−1) >> 4`). */
export function sizeClass(blockSize: number): { index: number; from: number; to: number } {
  return { index: blockSize / 16 - 1, from: blockSize - 15, to: blockSize };
}

/** An object in a few words: its label, after its type unless the label names it already. */
export function objectName(o: { type: string; label: string }): string {
  return o.label.startsWith(o.type) ? o.label : `${o.type} ${o.label}`;
}

/** A step as the timeline shows it (1-based). */
export const shownStep = (step: number) => `step ${(step + 1).toLocaleString('en-US')}`;

/** The lines of the tooltip of a block. */
export function describeBlock(info: BlockInfo): string[] {
  const { pool } = info;
  const head = `Block ${hexAddress(info.address)} · ${pool.blockSize}-byte block ${info.index + 1} of ${pool.blocks} in pool ${hexAddress(pool.address)}`;
  const o = info.object;
  switch (info.state) {
    case BlockState.Object: {
      const pre = o ? o.address - info.address : 0;
      const preheader = pre > 0 ? ` (the block + a ${pre}-byte pre-header)` : '';
      return [
        head,
        o ? objectName(o) : '',
        `id() ${o?.address} = ${hexAddress(o?.address ?? 0)}${preheader} · sys.getsizeof ${o?.size} B · refcount ${o?.refcount}`,
      ];
    }
    case BlockState.Kept:
      return [
        head,
        `A dead object kept by the ${info.freelist} free list: the next ${info.freelist?.replace(/\[\d+\]/, '')} created reuses it, so this block is not freed.`,
      ];
    case BlockState.Used:
      return [
        head,
        'In use, by no object of this snapshot: a buffer (a list’s items, a dict’s keys or values, a set’s table, an instance’s values) or an object the snapshot does not show.',
      ];
    case BlockState.Free: {
      const rank = info.freeRank ?? 0;
      const lines = [
        head,
        pool.next
          ? `Free: the ${ordinal(rank)} ${pool.blockSize}-byte allocation from now takes it (its pool’s free list is LIFO).`
          : `Free: ${ordinal(rank)} on its pool’s free list (LIFO); another pool of this size class serves allocations first.`,
      ];
      if (info.freed) lines.push(`It last held a ${info.freed.type}, gone by ${shownStep(info.freed.step)}.`);
      return lines;
    }
    default:
      return [head, 'Never handed out: pymalloc carves a pool’s blocks one by one, after its free ones.'];
  }
}
