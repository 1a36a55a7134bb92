/**
 * Where the allocator map draws each pool: arenas as bands, their pools as tiles in address
 * order, each tile a grid of its blocks (roughly square, so a 1,021-block pool of 16-byte
 * blocks and a 31-block pool of 512-byte blocks read alike). Pure geometry, in CSS pixels.
 */

import type { PoolEntry } from './allocator-model';

export interface TileLayout {
  entry: PoolEntry;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Top-left of the block grid, the side of a cell and the cells per row. */
  gridX: number;
  gridY: number;
  cell: number;
  cols: number;
}

export interface ArenaLayout {
  index: number;
  address: number;
  pools: number;
  y: number;
}

export interface MapLayout {
  width: number;
  height: number;
  tiles: TileLayout[];
  arenas: ArenaLayout[];
}

export const TILE_WIDTH = 148;
const TILE_GAP = 8;
const TILE_PAD = 6;
export const TILE_HEADER = 16;
export const ARENA_HEADER = 22;
const MAX_CELL = 14;

export function gridOf(blocks: number, inner: number, maxCell = MAX_CELL): { cols: number; cell: number } {
  const cols = Math.max(1, Math.ceil(Math.sqrt(blocks)));
  return { cols, cell: Math.max(2, Math.min(maxCell, Math.floor(inner / cols))) };
}

export function layoutMap(pools: PoolEntry[], arenas: { address: number }[], width: number): MapLayout {
  const perRow = Math.max(1, Math.floor((width - TILE_GAP) / (TILE_WIDTH + TILE_GAP)));
  const tiles: TileLayout[] = [];
  const arenaLayouts: ArenaLayout[] = [];
  let y = 0;
  arenas.forEach((arena, index) => {
    const own = pools.filter((p) => p.arena === index);
    arenaLayouts.push({ index, address: arena.address, pools: own.length, y });
    y += ARENA_HEADER;
    for (let start = 0; start < own.length; start += perRow) {
      let rowHeight = 0;
      own.slice(start, start + perRow).forEach((entry, column) => {
        const inner = TILE_WIDTH - 2 * TILE_PAD;
        const { cols, cell } = gridOf(entry.pool.blocks, inner);
        const rows = Math.ceil(entry.pool.blocks / cols);
        const height = TILE_HEADER + TILE_PAD * 2 + rows * cell;
        const x = TILE_GAP + column * (TILE_WIDTH + TILE_GAP);
        tiles.push({
          entry,
          x,
          y,
          width: TILE_WIDTH,
          height,
          gridX: x + TILE_PAD + Math.floor((inner - cols * cell) / 2),
          gridY: y + TILE_HEADER + TILE_PAD,
          cell,
          cols,
        });
        rowHeight = Math.max(rowHeight, height);
      });
      y += rowHeight + TILE_GAP;
    }
    y += TILE_GAP;
  });
  return { width, height: Math.max(y, 1), tiles, arenas: arenaLayouts };
}

/** The tile and block index under a point, if any. */
export function hitTest(
  layout: MapLayout,
  x: number,
  y: number,
): { tile: TileLayout; index: number | null } | null {
  for (const tile of layout.tiles) {
    if (x < tile.x || x >= tile.x + tile.width || y < tile.y || y >= tile.y + tile.height) continue;
    const col = Math.floor((x - tile.gridX) / tile.cell);
    const row = Math.floor((y - tile.gridY) / tile.cell);
    const index = row * tile.cols + col;
    const inside = col >= 0 && col < tile.cols && row >= 0 && index < tile.entry.pool.blocks;
    return { tile, index: inside ? index : null };
  }
  return null;
}

/** The centre of block `index` of a tile. */
export function cellCentre(tile: TileLayout, index: number): { x: number; y: number } {
  return {
    x: tile.gridX + (index % tile.cols) * tile.cell + tile.cell / 2,
    y: tile.gridY + Math.floor(index / tile.cols) * tile.cell + tile.cell / 2,
  };
}
