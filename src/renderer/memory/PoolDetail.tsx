/**
 * One pool of the allocator map in words: its size class and fill, whether it serves the next
 * allocation of its class, the selected object's block in it, and its free list in LIFO order
 * (the block the next allocation takes first), each block with what last lived there.
 */

import type { ObjectId } from '../../core';
import { formatBytes, hexAddress } from '../timeline';
import { blockAddress, type AllocatorModel, type PoolEntry } from './allocator-model';
import { objectName, shownStep, sizeClass } from './allocator-text';

/** Free blocks listed; the chain on the map shows the same ones. */
const LISTED = 12;

export interface PoolDetailProps {
  model: AllocatorModel;
  entry: PoolEntry;
  selected: ObjectId | null;
}

export function PoolDetail({ model, entry, selected }: PoolDetailProps) {
  const { pool } = entry;
  const cls = sizeClass(pool.blockSize);
  const free = pool.freeBlocks.length;
  const object = selected === null ? undefined : model.snapshot.objects.find((o) => o.id === selected);
  const block = object ? model.blockOf(object.address) : null;
  const inThisPool = block !== null && block.entry === entry;
  const freed = new Map(pool.freed?.map((f) => [f.address, f]));

  return (
    <section className="pool-detail" aria-label="Pool">
      <h3>
        Pool {hexAddress(pool.address)} <span className="muted">· arena {entry.arena + 1}</span>
      </h3>
      <p>
        Blocks of <strong>{pool.blockSize} bytes</strong> (size class {cls.index}: requests of {cls.from}–
        {cls.to} bytes). {pool.blocks.toLocaleString('en-US')} blocks: {pool.used.toLocaleString('en-US')} in
        use, {free.toLocaleString('en-US')} free, {pool.untouched.toLocaleString('en-US')} never used.
      </p>
      <p className={pool.next ? 'pool-next' : 'muted'}>
        {pool.next
          ? `The next ${pool.blockSize}-byte allocation takes a block of this pool: the head of its free list.`
          : `Not the first pool of its size class: the next ${pool.blockSize}-byte allocation goes elsewhere.`}
      </p>
      {object && inThisPool && block && (
        <p className="pool-selected" aria-label="Selected object's block">
          Selected: {objectName(object)}, id() {object.address} ({hexAddress(object.address)}), in block{' '}
          <span className="mono">{hexAddress(blockAddress(pool, block.index))}</span>
          {object.address > blockAddress(pool, block.index) &&
            ` after a ${object.address - blockAddress(pool, block.index)}-byte pre-header`}
          .
        </p>
      )}
      <h4>Free list, next allocation first</h4>
      {free === 0 ? (
        <p className="muted">Empty: the pool is full.</p>
      ) : (
        <ol className="free-list" aria-label="Free list">
          {pool.freeBlocks.slice(0, LISTED).map((address, rank) => {
            const last = freed.get(address);
            return (
              <li key={address}>
                <span className="mono">{hexAddress(address)}</span>
                <span className="muted">
                  {rank === 0 && pool.next ? ' ← next' : ''}
                  {last ? ` · last held a ${last.type}, gone by ${shownStep(last.step)}` : ''}
                </span>
              </li>
            );
          })}
          {free > LISTED && <li className="muted">… {(free - LISTED).toLocaleString('en-US')} more</li>}
        </ol>
      )}
      <p className="muted small">
        A freed block goes to the head of its pool’s free list, so the next object of the same size class gets
        the address (the <span className="mono">id()</span>) the last one freed had. Pool header:{' '}
        {formatBytes(48)}.
      </p>
    </section>
  );
}
