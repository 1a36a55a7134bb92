/**
 * Paints the allocator map on a canvas: arena bands, pool tiles with their size class and
 * fill, each block coloured by its state, then the marks (the selected object's block, the
 * block under the pointer, and the focused pool's free list drawn head first as a chain).
 * Blocks are batched into one path per colour, so 80,000 blocks cost five fills.
 */

import { hexAddress } from '../timeline';
import { BlockState, type AllocatorModel } from './allocator-model';
import { ARENA_HEADER, TILE_HEADER, cellCentre, type MapLayout, type TileLayout } from './allocator-layout';
import type { MemoryPalette } from './memory-palette';

export interface MapMarks {
  /** Block addresses. */
  selected: number | null;
  hover: number | null;
  /** Pool address whose free list is drawn. */
  focusPool: number | null;
  /** Blocks to ring (a 3.11 free list's objects). */
  highlight: ReadonlySet<number> | null;
}

/** Free blocks of the focused pool joined by the chain (the next allocations, in order). */
export const CHAIN_LENGTH = 12;

export function stateColour(palette: MemoryPalette, state: number): string {
  switch (state) {
    case BlockState.Object:
      return palette.object;
    case BlockState.Used:
      return palette.used;
    case BlockState.Kept:
      return palette.kept;
    case BlockState.Free:
      return palette.free;
    default:
      return palette.untouched;
  }
}

/** Sizes a canvas for `layout` at the screen's pixel ratio; returns its context, scaled. */
function prepare(canvas: HTMLCanvasElement, layout: MapLayout): CanvasRenderingContext2D | null {
  const dpr = window.devicePixelRatio || 1;
  const width = Math.ceil(layout.width * dpr);
  const height = Math.ceil(layout.height * dpr);
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  canvas.style.width = `${layout.width}px`;
  canvas.style.height = `${layout.height}px`;
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

/** The map itself: redrawn when the step, the size or the colour scheme changes. */
export function drawBlocks(canvas: HTMLCanvasElement, layout: MapLayout, palette: MemoryPalette): void {
  const ctx = prepare(canvas, layout);
  if (!ctx) return;
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, layout.width, layout.height);

  ctx.textBaseline = 'middle';
  ctx.font = '600 12px system-ui, sans-serif';
  for (const arena of layout.arenas) {
    ctx.fillStyle = palette.muted;
    const pools = `${arena.pools} ${arena.pools === 1 ? 'pool' : 'pools'}`;
    ctx.fillText(
      `Arena ${arena.index + 1} · ${hexAddress(arena.address)} · ${pools}`,
      8,
      arena.y + ARENA_HEADER / 2,
    );
  }

  const paths = [0, 1, 2, 3, 4].map(() => new Path2D());
  for (const tile of layout.tiles) {
    const { pool } = tile.entry;
    ctx.fillStyle = palette.tile;
    ctx.fillRect(tile.x, tile.y, tile.width, tile.height);
    ctx.lineWidth = pool.next ? 2 : 1;
    ctx.strokeStyle = pool.next ? palette.next : palette.border;
    ctx.strokeRect(tile.x + 0.5, tile.y + 0.5, tile.width - 1, tile.height - 1);
    ctx.font = '600 11px system-ui, sans-serif';
    ctx.fillStyle = palette.text;
    ctx.fillText(`${pool.blockSize} B`, tile.x + 6, tile.y + TILE_HEADER / 2 + 3);
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = palette.muted;
    const fill = `${pool.used}/${pool.blocks}`;
    ctx.fillText(fill, tile.x + tile.width - 6 - ctx.measureText(fill).width, tile.y + TILE_HEADER / 2 + 3);
    addCells(paths, tile);
  }
  paths.forEach((path, state) => {
    ctx.fillStyle = stateColour(palette, state);
    ctx.fill(path);
  });
}

/** The marks, on a transparent canvas over the map: cheap enough to follow the pointer. */
export function drawMarks(
  canvas: HTMLCanvasElement,
  layout: MapLayout,
  model: AllocatorModel,
  palette: MemoryPalette,
  marks: MapMarks,
): void {
  const ctx = prepare(canvas, layout);
  if (!ctx) return;
  ctx.clearRect(0, 0, layout.width, layout.height);
  const tileOf = new Map(layout.tiles.map((t) => [t.entry.pool.address, t]));
  const ring = (address: number, colour: string, width: number) => {
    const block = model.blockOf(address);
    const tile = block && tileOf.get(block.entry.pool.address);
    if (!block || !tile) return;
    const { x, y } = cellCentre(tile, block.index);
    // Never smaller than a few pixels: a 16-byte block is a 4-pixel cell.
    const half = Math.max(tile.cell / 2 + width / 2, 4 + width);
    ctx.lineWidth = width;
    ctx.strokeStyle = colour;
    ctx.strokeRect(x - half, y - half, half * 2, half * 2);
  };
  if (marks.highlight) for (const address of marks.highlight) ring(address, palette.kept, 1.5);
  if (marks.focusPool !== null) {
    const tile = tileOf.get(marks.focusPool);
    if (tile) {
      ctx.lineWidth = 2;
      ctx.strokeStyle = palette.chain;
      ctx.strokeRect(tile.x - 1, tile.y - 1, tile.width + 2, tile.height + 2);
      drawChain(ctx, tile, model, palette);
    }
  }
  if (marks.hover !== null) ring(marks.hover, palette.hover, 1.5);
  if (marks.selected !== null) ring(marks.selected, palette.selected, 2.5);
}

function addCells(paths: Path2D[], tile: TileLayout): void {
  const { states } = tile.entry;
  const { cell, cols, gridX, gridY } = tile;
  const size = cell >= 4 ? cell - 1 : cell;
  for (let i = 0; i < states.length; i++) {
    paths[states[i]].rect(gridX + (i % cols) * cell, gridY + Math.floor(i / cols) * cell, size, size);
  }
}

/** The pool's free list, head first: the blocks the next allocations of its class will take. */
function drawChain(
  ctx: CanvasRenderingContext2D,
  tile: TileLayout,
  model: AllocatorModel,
  palette: MemoryPalette,
) {
  const free = tile.entry.pool.freeBlocks.slice(0, CHAIN_LENGTH);
  if (free.length === 0) return;
  const points = free.flatMap((address) => {
    const block = model.blockOf(address);
    return block ? [cellCentre(tile, block.index)] : [];
  });
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = palette.chain;
  ctx.beginPath();
  points.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
  ctx.stroke();
  const head = points[0];
  if (!head) return;
  ctx.beginPath();
  ctx.arc(head.x, head.y, Math.max(tile.cell, 5), 0, Math.PI * 2);
  ctx.stroke();
}
