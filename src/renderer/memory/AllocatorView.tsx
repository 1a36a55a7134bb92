/**
 * The allocator map (pymalloc): arenas → pools → blocks, coloured by what each block holds, the
 * selected object's block outlined, the focused pool's free list drawn as a chain from its head
 * (the block the next allocation of the class takes). Hover a block for what it holds; click it
 * to select its object and focus its pool. Beside it: the pool in words, the size classes, the
 * 3.11 free lists and the allocations too large for pymalloc.
 */

import { useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { ObjectId, Snapshot } from '../../core';
import { drawBlocks, drawMarks } from './allocator-draw';
import { hitTest, layoutMap } from './allocator-layout';
import { AllocatorModel, blockAddress, type BlockInfo } from './allocator-model';
import { describeBlock } from './allocator-text';
import { AllocatorLists } from './AllocatorLists';
import { useMemoryPalette } from './memory-palette';
import { PoolDetail } from './PoolDetail';
import { useElementWidth } from './use-element-width';

export interface AllocatorViewProps {
  snapshot: Snapshot | null;
  selected: ObjectId | null;
  onSelect: (id: ObjectId | null) => void;
}

interface Hover {
  info: BlockInfo;
  x: number;
  y: number;
}

/** A pool the person chose, remembered with the selection it was chosen under. */
interface Focus {
  pool: number;
  selected: ObjectId | null;
}

export function AllocatorView({ snapshot, selected, onSelect }: AllocatorViewProps) {
  const palette = useMemoryPalette();
  const base = useRef<HTMLCanvasElement>(null);
  const overlay = useRef<HTMLCanvasElement>(null);
  const [width, measure] = useElementWidth();
  const [focus, setFocus] = useState<Focus | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const [highlighted, setHighlighted] = useState<string | null>(null);

  const model = useMemo(() => (snapshot ? new AllocatorModel(snapshot) : null), [snapshot]);
  const layout = useMemo(
    () => (model && width > 0 ? layoutMap(model.pools, model.snapshot.allocator.arenas, width) : null),
    [model, width],
  );

  const selectedObject = selected === null ? undefined : snapshot?.objects.find((o) => o.id === selected);
  const selectedBlock = selectedObject && model ? model.blockOf(selectedObject.address) : null;
  // A pool chosen by hand wins until the selection changes; then the selected object's pool.
  const chosen = focus && focus.selected === selected ? model?.pool(focus.pool) : undefined;
  const focusEntry = chosen ?? selectedBlock?.entry;
  const highlight = useMemo(() => {
    if (!model || highlighted === null) return null;
    const list = model.snapshot.allocator.freelists.find((f) => f.name === highlighted);
    return list ? new Set(list.addresses.flatMap((a) => blockOfAddress(model, a))) : null;
  }, [model, highlighted]);

  useLayoutEffect(() => {
    if (base.current && layout) drawBlocks(base.current, layout, palette);
  }, [layout, palette]);

  const hoverAddress = hover?.info.address ?? null;
  const selectedAddress = selectedBlock ? blockAddress(selectedBlock.entry.pool, selectedBlock.index) : null;
  const focusAddress = focusEntry?.pool.address ?? null;
  useLayoutEffect(() => {
    if (!overlay.current || !layout || !model) return;
    drawMarks(overlay.current, layout, model, palette, {
      selected: selectedAddress,
      hover: hoverAddress,
      focusPool: focusAddress,
      highlight,
    });
  }, [layout, model, palette, selectedAddress, hoverAddress, focusAddress, highlight]);

  if (!snapshot || !model) {
    return (
      <p className="panel-empty">The allocator’s arenas, pools and blocks appear once a program has run.</p>
    );
  }

  const pointAt = (event: MouseEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - rect.left;
    const y = event.clientY - rect.top;
    const hit = layout ? hitTest(layout, x, y) : null;
    return { hit, x, y };
  };
  const onMove = (event: MouseEvent<HTMLCanvasElement>) => {
    const { hit, x, y } = pointAt(event);
    if (!hit || hit.index === null) {
      if (hover) setHover(null);
      return;
    }
    if (hover?.info.address === blockAddress(hit.tile.entry.pool, hit.index)) return;
    setHover({ info: model.info(hit.tile.entry, hit.index), x, y });
  };
  const onClick = (event: MouseEvent<HTMLCanvasElement>) => {
    const { hit } = pointAt(event);
    if (!hit) return;
    const object = hit.index === null ? undefined : model.info(hit.tile.entry, hit.index).object;
    const next = object ? object.id : selected;
    if (object) onSelect(object.id);
    setFocus({ pool: hit.tile.entry.pool.address, selected: next });
  };
  const focusSize = (size: number) => {
    const pools = model.pools.filter((p) => p.pool.blockSize === size);
    const entry = pools.find((p) => p.pool.next) ?? pools[0];
    if (entry) setFocus({ pool: entry.pool.address, selected });
  };

  const arenas = snapshot.allocator.arenas.length;
  const blocksInUse = model.pools.reduce((n, p) => n + p.pool.used, 0);
  return (
    <div className="allocator">
      <p className="allocator-summary">
        {arenas} {arenas === 1 ? 'arena' : 'arenas'} (1 MiB each), {model.pools.length} pools (16 KiB),{' '}
        {blocksInUse.toLocaleString('en-US')} blocks in use. A green border marks the pool that serves the
        next allocation of its size class.
      </p>
      <div className="allocator-body">
        <div className="allocator-map" ref={measure} onMouseLeave={() => setHover(null)}>
          <div className="allocator-canvases">
            <canvas ref={base} role="img" aria-label="Allocator map" />
            <canvas
              ref={overlay}
              className="allocator-overlay"
              aria-hidden="true"
              onMouseMove={onMove}
              onClick={onClick}
            />
            {hover && (
              <div
                className="allocator-tooltip"
                role="tooltip"
                style={{ left: Math.min(hover.x + 14, Math.max(0, width - 300)), top: hover.y + 14 }}
              >
                {describeBlock(hover.info).map((line, i) => (
                  <div key={i} className={i === 0 ? 'mono' : undefined}>
                    {line}
                  </div>
                ))}
              </div>
            )}
          </div>
        </div>
        <aside className="allocator-side">
          <div className="allocator-detail">
            {focusEntry ? (
              <PoolDetail model={model} entry={focusEntry} selected={selected} />
            ) : (
              <p className="muted">
                Select an object, click a pool or pick a size class to see a pool’s free list.
              </p>
            )}
          </div>
          <div className="allocator-more">
            <AllocatorLists
              model={model}
              palette={palette}
              focusSize={focusEntry?.pool.blockSize ?? null}
              onFocusSize={focusSize}
              highlighted={highlighted}
              onHighlight={setHighlighted}
              onSelect={onSelect}
            />
          </div>
        </aside>
      </div>
    </div>
  );
}

function blockOfAddress(model: AllocatorModel, address: number): number[] {
  const block = model.blockOf(address);
  return block ? [blockAddress(block.entry.pool, block.index)] : [];
}
