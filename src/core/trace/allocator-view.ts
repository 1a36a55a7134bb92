/** The pymalloc map and the free lists of a step, for the allocator view. */
import { rt } from '../vm/runtime';
import { POOL_SIZE, POOL_OVERHEAD } from '../profiles/cpython311';
import type { AllocatorView, ArenaView } from './snapshot-types';

export function allocatorView(): AllocatorView {
  const arenas: ArenaView[] = rt.heap.liveArenas().map((arena) => ({
    address: arena.address,
    pools: arena.pools
      .filter((pool) => pool.szidx >= 0)
      .map((pool) => {
        const blocks = Math.floor((POOL_SIZE - POOL_OVERHEAD) / pool.blockSize);
        return {
          address: pool.address,
          blockSize: pool.blockSize,
          blocks,
          used: pool.count,
          // The free list is kept most recent last; the next allocation takes the last.
          freeBlocks: [...pool.free].reverse(),
          untouched: Math.max(0, Math.floor((pool.maxnextoffset - pool.nextoffset) / pool.blockSize) + 1),
        };
      }),
  }));
  const freelists = [
    ...rt.freelists.tuples
      .map((list, n) => ({ name: `tuple[${n}]`, addresses: list.map((o) => o.addr) }))
      .filter((list) => list.addresses.length > 0),
    { name: 'list', addresses: rt.freelists.lists.map((o) => o.addr) },
    { name: 'dict', addresses: rt.freelists.dicts.map((o) => o.addr) },
    { name: 'float', addresses: rt.freelists.floats.map((o) => o.addr) },
  ];
  return { arenas, freelists, large: rt.heap.raw.chunks().map(([address, size]) => ({ address, size })) };
}
