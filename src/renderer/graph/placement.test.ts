import { describe, expect, it } from 'vitest';
import { GAP_X, placeNewNodes, type Box } from './placement';

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
