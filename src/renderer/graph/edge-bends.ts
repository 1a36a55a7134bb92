/**
 * Bends for references that would pass straight through other objects: a cycle's back edge
 * in a layered layout (`b.other = a` drawn right to left over the row), or a variable pointing
 * past its neighbours. Each such edge gets one control point to the side with fewer nodes in
 * the way. Pure; run on small graphs only (it looks at every node for every edge).
 */
import type { Box } from './placement';

export interface EdgeEnds {
  id: string;
  source: string;
  target: string;
}

const SAMPLES = 16;
const MARGIN = 4;

function hits(
  boxes: Iterable<[string, Box]>,
  skip: [string, string],
  at: (t: number) => { x: number; y: number },
) {
  let count = 0;
  for (const [id, b] of boxes) {
    if (id === skip[0] || id === skip[1]) continue;
    for (let i = 1; i < SAMPLES; i++) {
      const p = at(i / SAMPLES);
      if (Math.abs(p.x - b.x) < b.w / 2 + MARGIN && Math.abs(p.y - b.y) < b.h / 2 + MARGIN) {
        count++;
        break;
      }
    }
  }
  return count;
}

/**
 * The control-point distance for each edge that needs one (Cytoscape's unbundled-bezier:
 * positive bends to the right of the edge's direction); edges drawn straight are left out.
 */
export function edgeBends(boxes: ReadonlyMap<string, Box>, edges: readonly EdgeEnds[]): Map<string, number> {
  const out = new Map<string, number>();
  const all = [...boxes];
  for (const e of edges) {
    const s = boxes.get(e.source);
    const t = boxes.get(e.target);
    if (s === undefined || t === undefined || e.source === e.target) continue;
    const dx = t.x - s.x;
    const dy = t.y - s.y;
    const length = Math.hypot(dx, dy);
    if (length === 0) continue;
    const skip: [string, string] = [e.source, e.target];
    const straight = hits(all, skip, (k) => ({ x: s.x + dx * k, y: s.y + dy * k }));
    if (straight === 0) continue;
    // A quadratic curve through control point C strays d/2 from the chord at its middle.
    const curve = (d: number) => {
      const cx = (s.x + t.x) / 2 + (-dy / length) * d;
      const cy = (s.y + t.y) / 2 + (dx / length) * d;
      return (k: number) => ({
        x: (1 - k) * (1 - k) * s.x + 2 * (1 - k) * k * cx + k * k * t.x,
        y: (1 - k) * (1 - k) * s.y + 2 * (1 - k) * k * cy + k * k * t.y,
      });
    };
    let best = { d: 0, count: straight };
    for (const size of [0.35, 0.6, 0.9]) {
      const d = Math.min(Math.max(length * size, 70), 420);
      for (const sign of [1, -1]) {
        const count = hits(all, skip, curve(sign * d));
        if (count < best.count) best = { d: sign * d, count };
      }
      if (best.count === 0) break;
    }
    if (best.d !== 0) out.set(e.id, Math.round(best.d));
  }
  return out;
}
