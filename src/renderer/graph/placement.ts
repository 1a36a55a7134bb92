/**
 * Where new nodes go between two steps without moving any other: right of the node that
 * refers to them (as the layered layout would put them), in the nearest free slot above or
 * below; new frames at the bottom of the frames' column. Pure, and linear in the graph's size
 * at most; given where the nodes are by area (PositionIndex), a step that adds a few objects
 * to a 2,000-object heap looks only at the nodes around them.
 */

export interface Position {
  x: number;
  y: number;
}

/** A node's box, centred on (x, y) as Cytoscape positions are. */
export interface Box extends Position {
  w: number;
  h: number;
}

export interface NewNode {
  id: string;
  w: number;
  h: number;
  frame: boolean;
}

export const GAP_X = 56;
export const GAP_Y = 14;
const CELL = 64;
const MAX_TRIES = 60;
/** Columns right of the first slot that freeSlot tries. */
const COLUMNS = 4;
/**
 * Up to this many new nodes, each one's search looks at the boxes near it, found by a scan;
 * beyond, a grid of every box is cheaper than a scan per node.
 */
const SCAN_MAX_NEW = 32;

/** The nodes on screen; a Map of boxes is one. */
export interface PlacedBoxes {
  get(id: string): Box | undefined;
  forEach(visit: (box: Box, id: string) => void): void;
  /** Those that may collide with `area` (more is fine); without it, placement scans them all. */
  near?(area: Box): Box[];
}

/**
 * Where each node of a scene is, findable by area: a step that adds a node or two to a heap of
 * thousands looks at the few cells around them, not at every node (in the first steps, before
 * the JIT has seen it, a pass over 2,000 nodes costs ~3 ms).
 */
export class PositionIndex {
  private readonly at = new Map<string, Position>();
  /** Node ids by the cell of their centre (see cellKey), and each id's cell. */
  private readonly cells = new Map<number, Set<string>>();
  private readonly cellOfId = new Map<string, number>();

  get(id: string): Position | undefined {
    return this.at.get(id);
  }

  has(id: string): boolean {
    return this.at.has(id);
  }

  /**
   * Records where `id` is. The object may be Cytoscape's own (it moves it in place while a
   * node is dragged): its cell is the one of this call, until the next call (drag end).
   */
  set(id: string, position: Position): void {
    const before = this.cellOfId.get(id);
    if (before !== undefined) this.cells.get(before)?.delete(id);
    this.at.set(id, position);
    const key = cellKey(cellOf(position.x), cellOf(position.y));
    this.cellOfId.set(id, key);
    let cell = this.cells.get(key);
    if (cell === undefined) this.cells.set(key, (cell = new Set()));
    cell.add(id);
  }

  clear(): void {
    this.at.clear();
    this.cells.clear();
    this.cellOfId.clear();
  }

  [Symbol.iterator](): IterableIterator<[string, Position]> {
    return this.at.entries();
  }

  /** Ids of the nodes centred in `area` grown by `margin` on each side. */
  near(area: Box, margin: { x: number; y: number }): string[] {
    const ids: string[] = [];
    const x0 = cellOf(area.x - area.w / 2 - margin.x);
    const x1 = cellOf(area.x + area.w / 2 + margin.x);
    const y0 = cellOf(area.y - area.h / 2 - margin.y);
    const y1 = cellOf(area.y + area.h / 2 + margin.y);
    for (let x = x0; x <= x1; x++)
      for (let y = y0; y <= y1; y++) for (const id of this.cells.get(cellKey(x, y)) ?? []) ids.push(id);
    return ids;
  }
}

const INDEX_CELL = 256;
const cellOf = (v: number) => Math.floor(v / INDEX_CELL);
// Unique while |y| < 2^25 cells, far beyond any heap drawn.
const cellKey = (x: number, y: number) => x * 2 ** 26 + y;

/** The boxes a new node must not overlap. */
interface Occupancy {
  /** Narrows later overlap checks to this area (a hint: a grid ignores it). */
  focus(area: Box): void;
  add(box: Box): void;
  overlaps(box: Box): boolean;
}

const collide = (a: Box, b: Box) =>
  Math.abs(a.x - b.x) * 2 < a.w + b.w + GAP_Y && Math.abs(a.y - b.y) * 2 < a.h + b.h + GAP_Y;

/**
 * Every box in a list; checks look at those near the focused area. A step adds a node or two
 * to a heap of thousands: one pass over plain numbers costs less than indexing every box.
 */
class ScanOccupancy implements Occupancy {
  private near: Box[] = [];
  /** Boxes placed by this call, which `placed` does not have. */
  private readonly added: Box[] = [];

  /** `all`: every box placed, or null to ask `placed.near`. */
  constructor(
    private readonly all: Box[] | null,
    private readonly placed: PlacedBoxes,
  ) {}

  focus(area: Box): void {
    const candidates = this.all ?? this.placed.near!(area);
    this.near = [...candidates, ...this.added].filter((box) => collide(area, box));
  }

  add(box: Box): void {
    this.added.push(box);
    this.near.push(box);
  }

  overlaps(box: Box): boolean {
    return this.near.some((other) => collide(box, other));
  }
}

/** A grid of occupied boxes: overlap checks look at a few cells, not at every node. */
class GridOccupancy implements Occupancy {
  /** Keyed by cell number (see forCells): a string key per cell costs more than the rest. */
  private readonly cells = new Map<number, Box[]>();

  constructor(boxes: readonly Box[]) {
    for (const box of boxes) this.add(box);
  }

  focus(): void {}

  add(box: Box): void {
    this.forCells(box, (key) => {
      let list = this.cells.get(key);
      if (list === undefined) this.cells.set(key, (list = []));
      list.push(box);
    });
  }

  overlaps(box: Box): boolean {
    let hit = false;
    this.forCells(box, (key) => {
      if (!hit) hit = (this.cells.get(key) ?? []).some((other) => collide(box, other));
    });
    return hit;
  }

  private forCells(box: Box, visit: (key: number) => void): void {
    const x0 = Math.floor((box.x - box.w / 2) / CELL);
    const x1 = Math.floor((box.x + box.w / 2) / CELL);
    const y0 = Math.floor((box.y - box.h / 2) / CELL);
    const y1 = Math.floor((box.y + box.h / 2) / CELL);
    // Unique while |y| < 2^25 cells (2 billion pixels), far beyond any heap drawn.
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) visit(x * 2 ** 26 + y);
  }
}

/** The free position nearest to `at` (same column first, alternating below and above). */
function freeSlot(grid: Occupancy, node: NewNode, at: Position): Position {
  const step = node.h + GAP_Y;
  const reach = Math.ceil((MAX_TRIES - 1) / 2) * step;
  const right = (COLUMNS - 1) * (node.w + GAP_X);
  // Every slot tried below lies in this box.
  grid.focus({ x: at.x + right / 2, y: at.y, w: node.w + right, h: node.h + 2 * reach });
  for (let column = 0; column < COLUMNS; column++) {
    const x = at.x + column * (node.w + GAP_X);
    for (let k = 0; k < MAX_TRIES; k++) {
      const offset = k === 0 ? 0 : Math.ceil(k / 2) * step * (k % 2 === 1 ? 1 : -1);
      const y = at.y + offset;
      if (!grid.overlaps({ x, y, w: node.w, h: node.h })) return { x, y };
    }
  }
  return at;
}

/** Every box on screen, the graph's left and bottom, the frames' column. */
interface OnScreen {
  all: Box[];
  minX: number;
  maxY: number;
  frameX: number | undefined;
  frameBottom: number;
}

/** A frame's node id (`f<index>:<name>`, see graph-elements.ts). */
const isFrameId = (id: string) =>
  id.charCodeAt(0) === 102 && id.charCodeAt(1) >= 48 && id.charCodeAt(1) <= 57;

export function placeNewNodes(
  placed: PlacedBoxes,
  added: readonly NewNode[],
  edges: readonly { source: string; target: string }[],
): Map<string, Position> {
  // What is on screen as a whole: one pass, made only when needed (many new nodes, no index,
  // a new frame, or an object nothing placed refers to).
  let whole: OnScreen | null = null;
  const onScreen = (): OnScreen => {
    if (whole !== null) return whole;
    const w: OnScreen = {
      all: [],
      minX: Infinity,
      maxY: -Infinity,
      frameX: undefined,
      frameBottom: -Infinity,
    };
    placed.forEach((box, id) => {
      w.all.push(box);
      w.minX = Math.min(w.minX, box.x - box.w / 2);
      w.maxY = Math.max(w.maxY, box.y + box.h / 2);
      if (isFrameId(id)) {
        w.frameX = w.frameX === undefined ? box.x - box.w / 2 : Math.min(w.frameX, box.x - box.w / 2);
        w.frameBottom = Math.max(w.frameBottom, box.y + box.h / 2);
      }
    });
    if (!Number.isFinite(w.minX)) {
      w.minX = 0;
      w.maxY = 0;
    }
    return (whole = w);
  };
  const grid: Occupancy =
    added.length > SCAN_MAX_NEW
      ? new GridOccupancy(onScreen().all)
      : new ScanOccupancy(placed.near === undefined ? onScreen().all : null, placed);
  const referrers = new Map<string, string[]>();
  const referents = new Map<string, string[]>();
  for (const e of edges) {
    if (e.source === e.target) continue;
    (referrers.get(e.target) ?? referrers.set(e.target, []).get(e.target)!).push(e.source);
    (referents.get(e.source) ?? referents.set(e.source, []).get(e.source)!).push(e.target);
  }

  const boxes = new Map<string, Box>();
  const boxOf = (id: string) => boxes.get(id) ?? placed.get(id);
  const out = new Map<string, Position>();
  const put = (node: NewNode, at: Position) => {
    const pos = freeSlot(grid, node, at);
    const box = { ...pos, w: node.w, h: node.h };
    grid.add(box);
    boxes.set(node.id, box);
    out.set(node.id, pos);
  };

  // Frames first: they are the roots the heap hangs from.
  for (const node of added) {
    if (!node.frame) continue;
    const w = onScreen();
    const left = w.frameX ?? w.minX;
    const top = Number.isFinite(w.frameBottom) ? w.frameBottom + GAP_Y : 0;
    put(node, { x: left + node.w / 2, y: top + node.h / 2 });
    w.frameBottom = top + node.h;
    w.frameX = left;
  }

  // Then objects, each next to an already placed referrer (or left of a placed referent),
  // in rounds so that chains of new objects grow outward from what is there.
  let pending = added.filter((n) => !n.frame);
  while (pending.length > 0) {
    const next: NewNode[] = [];
    for (const node of pending) {
      const from = referrers.get(node.id)?.find((id) => boxOf(id) !== undefined);
      if (from !== undefined) {
        const r = boxOf(from)!;
        put(node, { x: r.x + r.w / 2 + GAP_X + node.w / 2, y: r.y });
        continue;
      }
      const to = referents.get(node.id)?.find((id) => boxOf(id) !== undefined);
      if (to !== undefined) {
        const t = boxOf(to)!;
        put(node, { x: t.x - t.w / 2 - GAP_X - node.w / 2, y: t.y });
        continue;
      }
      next.push(node);
    }
    if (next.length === pending.length) {
      // Nothing placed refers to these (a new cycle of garbage): start a row below the graph.
      const [first, ...rest] = next;
      const w = onScreen();
      put(first, { x: w.minX + first.w / 2, y: w.maxY + GAP_Y * 3 + first.h / 2 });
      w.maxY = Math.max(w.maxY, boxes.get(first.id)!.y + first.h / 2);
      pending = rest;
    } else {
      pending = next;
    }
  }
  return out;
}
