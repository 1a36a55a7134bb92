import { describe, expect, it } from 'vitest';
import { snapshotAtLine, TWO_NODES } from './test-snapshots';
import { describePath, referrersOf, whyAlive } from './why-alive';

const CHAIN = [
  'class C:',
  '    pass',
  'c = C()',
  'c.items = [{"k": (1, [2])}]',
  'keep = c.items[0]',
  'print()',
  '',
].join('\n');

describe('whyAlive', () => {
  it('finds the shortest chain of references from a frame, as Python would write it', () => {
    const s = snapshotAtLine(CHAIN, 6);
    const tuple = s.objects.find((o) => o.type === 'tuple')!;
    const inner = s.edges.find((e) => e.from === tuple.id && e.label === '[1]')!.to;
    const path = whyAlive(s, inner)!;
    expect(path.edges.map((i) => s.edges[i].label)).toEqual(['keep', "['k']", '[1]']);
    expect(describePath(s, path)).toBe("<module>: keep['k'][1]");
  });

  it("prefers the shorter of two chains (keep['k'] over c.items[0]['k'])", () => {
    const s = snapshotAtLine(CHAIN, 6);
    const tuple = s.objects.find((o) => o.type === 'tuple')!;
    const path = whyAlive(s, tuple.id)!;
    expect(describePath(s, path)).toBe("<module>: keep['k']");
  });

  it('finds no chain for garbage that only a cycle keeps alive, but lists its referrers', () => {
    const s = snapshotAtLine(TWO_NODES, 12);
    const node = s.objects.find((o) => o.type === 'Node')!;
    expect(node.reachable).toBe(false);
    expect(whyAlive(s, node.id)).toBeNull();
    expect(referrersOf(s, node.id).map((i) => s.edges[i].label)).toEqual(["['other']"]);
  });
});
