import { describe, expect, it } from 'vitest';
import { GAP_X, GAP_Y, placeNewNodes, PositionIndex, type Box, type PlacedBoxes } from './placement';

const overlap = (a: Box, b: Box) =>
  Math.abs(a.x - b.x) * 2 < a.w + b.w && Math.abs(a.y - b.y) * 2 < a.h + b.h;

describe('placeNewNodes', () => {
  const frame: Box = { x: 0, y: 0, w: 100, h: 40 };
  const list: Box = { x: 200, y: 0, w: 100, h: 40 };

  it('puts a new object right of its referrer, level with it when that slot is free', () => {
    const placed = new Map([
      ['f0:<module>', frame],
      ['o1', list],
    ]);
    const at = placeNewNodes(
      placed,
      [{ id: 'o2', w: 80, h: 30, frame: false }],
      [{ source: 'o1', target: 'o2' }],
    );
    expect(at.get('o2')).toEqual({ x: 250 + GAP_X + 40, y: 0 });
  });

  // A few new nodes look at the boxes near each (a scan), many at a grid of them all.
  it.each([3, 40])('never overlaps a node already there, nor another new one (%i new)', (count) => {
    const blocker: Box = { x: 250 + GAP_X + 40, y: 0, w: 80, h: 30 };
    const placed = new Map([
      ['f0:<module>', frame],
      ['o1', list],
      ['o9', blocker],
    ]);
    const added = Array.from({ length: count }, (_, i) => ({ id: `o${i + 10}`, w: 80, h: 30, frame: false }));
    const at = placeNewNodes(
      placed,
      added,
      added.map((n) => ({ source: 'o1', target: n.id })),
    );
    const boxes = [...placed.values(), ...added.map((n) => ({ ...at.get(n.id)!, w: n.w, h: n.h }))];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i], boxes[j])).toBe(false);
  });

  it('puts a new frame under the others and grows chains of new objects outward', () => {
    const placed = new Map([['f0:<module>', frame]]);
    const at = placeNewNodes(
      placed,
      [
        { id: 'o3', w: 60, h: 30, frame: false },
        { id: 'o2', w: 60, h: 30, frame: false },
        { id: 'f1:f', w: 100, h: 40, frame: true },
      ],
      [
        { source: 'f1:f', target: 'o2' },
        { source: 'o2', target: 'o3' },
      ],
    );
    expect(at.get('f1:f')!.x).toBe(0);
    expect(at.get('f1:f')!.y).toBeGreaterThan(40);
    expect(at.get('o2')!.x).toBeGreaterThan(50);
    expect(at.get('o3')!.x).toBeGreaterThan(at.get('o2')!.x);
  });

  it('starts a row below the graph for new objects nothing placed refers to', () => {
    const placed = new Map([['f0:<module>', frame]]);
    const at = placeNewNodes(
      placed,
      [{ id: 'o5', w: 60, h: 30, frame: false }],
      [{ source: 'o5', target: 'o5' }],
    );
    expect(at.get('o5')!.y).toBeGreaterThan(20);
  });
});

describe('PositionIndex', () => {
  it('finds the nodes centred in an area grown by a margin, wherever they moved', () => {
    const index = new PositionIndex();
    index.set('a', { x: 0, y: 0 });
    index.set('b', { x: 1000, y: 0 });
    index.set('c', { x: 300, y: 300 });
    const area = { x: 0, y: 0, w: 100, h: 100 };
    expect(index.near(area, { x: 0, y: 0 })).toContain('a');
    expect(index.near(area, { x: 0, y: 0 })).not.toContain('b');
    index.set('b', { x: 40, y: -40 });
    expect(index.near(area, { x: 0, y: 0 })).toContain('b');
    index.set('a', { x: -5000, y: 0 });
    expect(index.near(area, { x: 0, y: 0 })).not.toContain('a');
    expect(index.get('a')).toEqual({ x: -5000, y: 0 });
    index.clear();
    expect(index.near(area, { x: 1e6, y: 1e6 })).toEqual([]);
  });

  it('gives placement the same places as a scan of every box', () => {
    // 600 boxes of pseudo-random sizes, some so wide that they reach a search from cells away.
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const boxes = new Map<string, Box>();
    const index = new PositionIndex();
    for (let i = 0; i < 600; i++) {
      const box = {
        x: (i % 30) * 140,
        y: Math.floor(i / 30) * 48,
        w: 60 + random() * 1400,
        h: 24 + random() * 40,
      };
      boxes.set(`o${i}`, box);
      index.set(`o${i}`, { x: box.x, y: box.y });
    }
    const largest = {
      w: Math.max(...[...boxes.values()].map((b) => b.w)),
      h: Math.max(...[...boxes.values()].map((b) => b.h)),
    };
    const indexed: PlacedBoxes = {
      get: (id) => boxes.get(id),
      forEach: (visit) => boxes.forEach(visit),
      near: (area) =>
        index
          .near(area, { x: (largest.w + GAP_Y) / 2, y: (largest.h + GAP_Y) / 2 })
          .map((id) => boxes.get(id)!),
    };
    const added = Array.from({ length: 12 }, (_, i) => ({ id: `n${i}`, w: 80, h: 30, frame: false }));
    const edges = added.map((n, i) => ({ source: i % 3 === 2 ? `n${i - 1}` : `o${i * 37}`, target: n.id }));
    expect(placeNewNodes(indexed, added, edges)).toEqual(placeNewNodes(boxes, added, edges));
  });
});
