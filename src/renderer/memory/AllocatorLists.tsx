/**
 * Beside the allocator map: the size classes in use (each focuses its pool), the 3.11 free
 * lists (dead objects kept for reuse instead of going back to a pool), and the allocations
 * over 512 bytes, which pymalloc passes to the system allocator.
 */

import type { ObjectId } from '../../core';
import { formatBytes, hexAddress } from '../timeline';
import type { AllocatorModel } from './allocator-model';
import { stateColour } from './allocator-draw';
import { objectName } from './allocator-text';
import type { MemoryPalette } from './memory-palette';

export interface AllocatorListsProps {
  model: AllocatorModel;
  palette: MemoryPalette;
  focusSize: number | null;
  onFocusSize: (blockSize: number) => void;
  highlighted: string | null;
  onHighlight: (freelist: string | null) => void;
  onSelect: (id: ObjectId | null) => void;
}

const LEGEND: [number, string][] = [
  [3, 'object'],
  [2, 'other use'],
  [4, 'on a free list'],
  [1, 'free'],
  [0, 'never used'],
];

export function AllocatorLists(props: AllocatorListsProps) {
  const { model, palette, focusSize, onFocusSize, highlighted, onHighlight, onSelect } = props;
  const { allocator, objects } = model.snapshot;
  const sizes = [...new Set(model.pools.map((p) => p.pool.blockSize))].sort((a, b) => a - b);
  const freelists = allocator.freelists.filter((f) => f.addresses.length > 0);
  return (
    <div className="allocator-lists">
      <ul className="legend" aria-label="Legend">
        {LEGEND.map(([state, name]) => (
          <li key={state}>
            <span className="swatch" style={{ background: stateColour(palette, state) }} />
            {name}
          </li>
        ))}
      </ul>
      <section aria-label="Size classes">
        <h4>Size classes in use</h4>
        <div className="chips">
          {sizes.map((size) => (
            <button
              key={size}
              type="button"
              className="chip"
              aria-pressed={focusSize === size}
              onClick={() => onFocusSize(size)}
              title={`Show the pool that serves ${size - 15}–${size}-byte requests`}
            >
              {size} B
            </button>
          ))}
        </div>
      </section>
      <section aria-label="Free lists">
        <h4>3.11 free lists</h4>
        {freelists.length === 0 ? (
          <p className="muted">Empty: every dead object went back to its pool.</p>
        ) : (
          <div className="chips">
            {freelists.map((f) => (
              <button
                key={f.name}
                type="button"
                className="chip"
                aria-pressed={highlighted === f.name}
                onClick={() => onHighlight(highlighted === f.name ? null : f.name)}
                title={`Ring the ${f.addresses.length} dead ${f.name} objects kept for reuse`}
              >
                {f.name} ×{f.addresses.length}
              </button>
            ))}
          </div>
        )}
      </section>
      <section aria-label="Large allocations">
        <h4>Over 512 bytes: the system allocator</h4>
        {allocator.large.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul className="large-list">
            {[...allocator.large]
              .sort((a, b) => b.size - a.size)
              .slice(0, 50)
              .map((chunk) => {
                const owner = objects.find(
                  (o) => o.address - chunk.address >= 0 && o.address - chunk.address <= 32,
                );
                return (
                  <li key={chunk.address}>
                    <span className="mono">{hexAddress(chunk.address)}</span> {formatBytes(chunk.size)}
                    {owner ? (
                      <button type="button" className="link-button" onClick={() => onSelect(owner.id)}>
                        {objectName(owner)}
                      </button>
                    ) : (
                      <span className="muted"> a buffer or an object not shown</span>
                    )}
                  </li>
                );
              })}
          </ul>
        )}
      </section>
    </div>
  );
}
