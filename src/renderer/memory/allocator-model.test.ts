import { describe, expect, it } from 'vitest';
import { snapshotAtLine } from '../graph/test-snapshots';
import { cellCentre, hitTest, layoutMap } from './allocator-layout';
import { AllocatorModel, BlockState, blockAddress } from './allocator-model';
import { describeBlock } from './allocator-text';

const REUSE = ['a = object()', 'old = id(a)', 'del a', 'b = object()', 'print(id(b) == old)', ''].join('\n');

describe('the allocator map of a step', () => {
  it('shows a freed block at the head of its free list, then the next object of its class in it', () => {
    const before = new AllocatorModel(snapshotAtLine(REUSE, 4));
    const after = snapshotAtLine(REUSE, 5);
    const b = after.objects.find((o) => o.type === 'object' && !o.shared)!;
    const block = before.blockOf(b.address)!;
    expect(block.entry.pool.blockSize).toBe(16);
    expect(block.entry.pool.freeBlocks[0]).toBe(b.address);
    const info = before.info(block.entry, block.index);
    expect(info.state).toBe(BlockState.Free);
    expect(info.freeRank).toBe(0);
    expect(info.freed?.type).toBe('object');
    expect(describeBlock(info)[1]).toMatch(/the first 16-byte allocation from now takes it/);

    const model = new AllocatorModel(after);
    const now = model.blockOf(b.address)!;
    expect(blockAddress(now.entry.pool, now.index)).toBe(b.address);
    expect(model.info(now.entry, now.index)).toMatchObject({
      state: BlockState.Object,
      object: { id: b.id },
    });
  });

  it('finds the block of an object behind its pre-header', () => {
    const snapshot = snapshotAtLine('class C:\n    pass\nc = C()\nl = [c]\nprint(1)', 5);
    const model = new AllocatorModel(snapshot);
    for (const type of ['C', 'list']) {
      const o = snapshot.objects.find((x) => x.type === type && !x.shared)!;
      const { entry, index } = model.blockOf(o.address)!;
      // GC objects: 16 bytes of GC head; instances with a managed dict: 16 more.
      expect(o.address - blockAddress(entry.pool, index)).toBe(type === 'C' ? 32 : 16);
      expect(model.objectInBlock(blockAddress(entry.pool, index))).toBe(o);
    }
  });

  it('counts every block of every pool once, in the states pymalloc has them in', () => {
    const model = new AllocatorModel(snapshotAtLine(REUSE, 5));
    for (const { pool, states } of model.pools) {
      const count = (s: number) => states.filter((x) => x === s).length;
      expect(count(BlockState.Untouched)).toBe(pool.untouched);
      expect(count(BlockState.Free)).toBe(pool.freeBlocks.length);
      expect(count(BlockState.Object) + count(BlockState.Used) + count(BlockState.Kept)).toBe(pool.used);
    }
  });

  it('lays the pools out so that every block can be pointed at', () => {
    const model = new AllocatorModel(snapshotAtLine(REUSE, 5));
    const layout = layoutMap(model.pools, model.snapshot.allocator.arenas, 400);
    expect(layout.tiles).toHaveLength(model.pools.length);
    for (const tile of layout.tiles) {
      expect(tile.x + tile.width).toBeLessThanOrEqual(400);
      for (const index of [0, tile.entry.pool.blocks - 1]) {
        const { x, y } = cellCentre(tile, index);
        expect(hitTest(layout, x, y)).toEqual({ tile, index });
      }
    }
  });
});
