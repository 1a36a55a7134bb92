import { describe, expect, it } from 'vitest';
import { findCycles } from './cycles';

const graph = (edges: Record<string, string[]>) => (n: string) => edges[n] ?? [];

describe('findCycles', () => {
  it('finds a self-loop and a two-object cycle, not an acyclic chain', () => {
    const refs = graph({ a: ['a'], b: ['c'], c: ['b', 'd'], d: [] });
    const cycles = findCycles(['a', 'b', 'c', 'd'], refs).map((c) => c.sort().join(''));
    expect(cycles.sort()).toEqual(['a', 'bc']);
  });

  it('ignores references that leave the set', () => {
    expect(findCycles(['x'], graph({ x: ['y'], y: ['x'] }))).toEqual([]);
  });

  it('handles a chain of 100000 objects closed into one cycle without recursion', () => {
    const n = 100_000;
    const nodes = Array.from({ length: n }, (_, i) => i);
    const cycles = findCycles(nodes, (i) => [(i + 1) % n]);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(n);
  });
});
