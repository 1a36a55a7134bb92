/**
 * What the memory views add to a Snapshot beyond the graph's needs: the line that allocated
 * each object (the memory profile), the collector's long-lived counters and generation sizes,
 * which pool serves the next allocation of each size class, and what was last freed in the
 * free blocks at the head of each pool's free list.
 */
import { rt } from '../vm/runtime';
import { NB_SMALL_SIZE_CLASSES } from '../profiles/cpython311';
import { activeMemoryRecorder } from './memory-series';
import type { Snapshot } from './snapshot-types';

/** Free blocks per pool described with their last occupant (the next allocations take these). */
const FREED_PER_POOL = 64;

/** A free block's last occupant: its type, and the step by which it was gone. */
export interface FreedBlock {
  address: number;
  step: number;
  type: string;
}

declare module './snapshot-types' {
  interface SnapshotObject {
    /** The line of the person's file that was running when the object was allocated (0: before the first step). */
    line?: number;
  }
  interface GcView {
    /** The 25 % rule of full collections: `pending` must reach `total / 4`. */
    longLived?: { pending: number; total: number };
    /** Tracked objects per generation, the interpreter's own included. */
    sizes?: number[];
  }
  interface PoolView {
    /** The next allocation of this size class takes this pool's first free block. */
    next?: true;
    /** The object last freed in some of `freeBlocks` (head first): its type and the step it was gone by. */
    freed?: FreedBlock[];
  }
}

export function addMemoryDetail(snapshot: Snapshot): Snapshot {
  const recorder = activeMemoryRecorder();
  if (recorder !== null) {
    for (const o of snapshot.objects) {
      if (o.shared || o.id <= 0) continue;
      const line = recorder.birthLine(o.id);
      if (line !== undefined) o.line = line;
    }
  }
  const gc = rt.gc;
  snapshot.gc.longLived = { pending: gc.longLivedPending, total: gc.longLivedTotal };
  snapshot.gc.sizes = [0, 1, 2].map((g) => gc.sizeOf(g));

  const heads = new Set<number>();
  for (let c = 0; c < NB_SMALL_SIZE_CLASSES; c++) {
    const pool = rt.heap.usedPoolHead(c);
    if (pool !== null) heads.add(pool.address);
  }
  for (const arena of snapshot.allocator.arenas) {
    for (const pool of arena.pools) {
      if (heads.has(pool.address)) pool.next = true;
      if (recorder === null) continue;
      const freed: FreedBlock[] = [];
      for (const address of pool.freeBlocks.slice(0, FREED_PER_POOL)) {
        const last = recorder.lastFreedAt(address);
        if (last !== undefined) freed.push({ address, ...last });
      }
      if (freed.length > 0) pool.freed = freed;
    }
  }
  return snapshot;
}
