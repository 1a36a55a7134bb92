/**
 * The allocator map's reading of a Snapshot: every pool's blocks with their state (an object
 * of the snapshot, another block in use, a dead object kept by a 3.11 free list, free, never
 * used), the object in each block, and where each free block stands in its pool's free list.
 *
 * An object's address (its `id()`) is its block's start plus the pre-header (0, 16 for GC
 * objects, 32 with a managed dict), which is less than any block: the block is the one the
 * address falls in.
 */

import type { FreedBlock, PoolView, Snapshot } from '../../core';

type SnapshotObject = Snapshot['objects'][number];

/** pymalloc's constants on 64-bit 3.11 (Objects/obmalloc.c). */
export const POOL_SIZE = 16384;
export const POOL_OVERHEAD = 48;
export const SMALL_REQUEST_THRESHOLD = 512;

/** What a block holds (Uint8Array codes). */
export const BlockState = { Untouched: 0, Free: 1, Used: 2, Object: 3, Kept: 4 } as const;
export type BlockState = (typeof BlockState)[keyof typeof BlockState];

export interface PoolEntry {
  pool: PoolView;
  arena: number;
  /** BlockState of each block, by index. */
  states: Uint8Array;
}

export interface BlockInfo {
  pool: PoolView;
  arena: number;
  index: number;
  address: number;
  state: BlockState;
  object?: SnapshotObject;
  /** The 3.11 free list that keeps the dead object in this block. */
  freelist?: string;
  /** For a free block: 0 when the next allocation of the class takes it, 1 the one after, … */
  freeRank?: number;
  /** For a free block: what was last freed there (the head of the list only). */
  freed?: FreedBlock;
}

export function blockAddress(pool: PoolView, index: number): number {
  return pool.address + POOL_OVERHEAD + index * pool.blockSize;
}

/** The pool holding `address`, by its 16 KiB alignment. */
export function poolAddressOf(address: number): number {
  return address - (address % POOL_SIZE);
}

export class AllocatorModel {
  readonly pools: PoolEntry[] = [];
  private readonly byAddress = new Map<number, PoolEntry>();
  private readonly objects = new Map<number, SnapshotObject>();
  private readonly kept = new Map<number, string>();
  private readonly freeRanks = new Map<number, Map<number, number>>();

  constructor(readonly snapshot: Snapshot) {
    const { allocator } = snapshot;
    allocator.arenas.forEach((arena, a) => {
      for (const pool of arena.pools) {
        const entry: PoolEntry = { pool, arena: a, states: new Uint8Array(pool.blocks) };
        this.pools.push(entry);
        this.byAddress.set(pool.address, entry);
      }
    });
    for (const o of snapshot.objects) {
      const block = this.blockOf(o.address);
      if (block !== null) this.objects.set(blockAddress(block.entry.pool, block.index), o);
    }
    for (const list of allocator.freelists) {
      for (const address of list.addresses) {
        const block = this.blockOf(address);
        if (block !== null) this.kept.set(blockAddress(block.entry.pool, block.index), list.name);
      }
    }
    for (const entry of this.pools) this.fillStates(entry);
  }

  /** The pool and block index an object (or block) address falls in, if pymalloc owns it. */
  blockOf(address: number): { entry: PoolEntry; index: number } | null {
    const entry = this.byAddress.get(poolAddressOf(address));
    if (entry === undefined) return null;
    const index = Math.floor((address - entry.pool.address - POOL_OVERHEAD) / entry.pool.blockSize);
    return index >= 0 && index < entry.pool.blocks ? { entry, index } : null;
  }

  pool(address: number): PoolEntry | undefined {
    return this.byAddress.get(address);
  }

  /** The object of the snapshot whose block starts at `address`. */
  objectInBlock(address: number): SnapshotObject | undefined {
    return this.objects.get(address);
  }

  info(entry: PoolEntry, index: number): BlockInfo {
    const { pool } = entry;
    const address = blockAddress(pool, index);
    const state = entry.states[index] as BlockState;
    const info: BlockInfo = { pool, arena: entry.arena, index, address, state };
    const object = this.objects.get(address);
    if (object !== undefined) info.object = object;
    const freelist = this.kept.get(address);
    if (freelist !== undefined) info.freelist = freelist;
    const rank = this.freeRanks.get(pool.address)?.get(address);
    if (rank !== undefined) {
      info.freeRank = rank;
      const freed = pool.freed?.find((f) => f.address === address);
      if (freed) info.freed = freed;
    }
    return info;
  }

  private fillStates(entry: PoolEntry): void {
    const { pool, states } = entry;
    const carved = pool.blocks - pool.untouched;
    const ranks = new Map<number, number>();
    pool.freeBlocks.forEach((address, rank) => ranks.set(address, rank));
    this.freeRanks.set(pool.address, ranks);
    for (let i = 0; i < pool.blocks; i++) {
      if (i >= carved) {
        states[i] = BlockState.Untouched;
        continue;
      }
      const address = blockAddress(pool, i);
      states[i] = ranks.has(address)
        ? BlockState.Free
        : this.objects.has(address)
          ? BlockState.Object
          : this.kept.has(address)
            ? BlockState.Kept
            : BlockState.Used;
    }
  }
}
