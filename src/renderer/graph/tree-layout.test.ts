import { describe, expect, it } from 'vitest';
import { treeLayout } from './tree-layout';

const node = (id: string, frame = false) => ({ id, w: 80, h: 30, frame });

describe('treeLayout', () => {
  it('ranks by distance from the frames and centres a parent on its children', () => {
    const at = treeLayout(
      [node('f0', true), node('a'), node('b'), node('c')],
      [
        { source: 'f0', target: 'a' },
        { source: 'a', target: 'b' },
        { source: 'a', target: 'c' },
        { source: 'c', target: 'a' },
      ],
    );
    expect(at.get('f0')!.x).toBeLessThan(at.get('a')!.x);
    expect(at.get('a')!.x).toBeLessThan(at.get('b')!.x);
    expect(at.get('b')!.x).toBe(at.get('c')!.x);
    expect(at.get('a')!.y).toBe((at.get('b')!.y + at.get('c')!.y) / 2);
  });

  it('puts garbage no frame reaches below, one rank right of the frames', () => {
    const at = treeLayout(
      [node('f0', true), node('a'), node('g1'), node('g2')],
      [
        { source: 'f0', target: 'a' },
        { source: 'g1', target: 'g2' },
        { source: 'g2', target: 'g1' },
      ],
    );
    expect(at.get('g1')!.x).toBe(at.get('a')!.x);
    expect(at.get('g1')!.y).toBeGreaterThan(at.get('a')!.y);
  });

  it('lays out a chain of 20,000 objects without recursion, every node apart', () => {
    const n = 20_000;
    const nodes = [node('f0', true), ...Array.from({ length: n }, (_, i) => node(`o${i}`))];
    const edges = [
      { source: 'f0', target: 'o0' },
      ...Array.from({ length: n - 1 }, (_, i) => ({ source: `o${i}`, target: `o${i + 1}` })),
    ];
    const at = treeLayout(nodes, edges);
    expect(at.size).toBe(n + 1);
    expect(at.get(`o${n - 1}`)!.x).toBeGreaterThan(at.get('o0')!.x);
  });
});
