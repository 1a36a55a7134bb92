import { describe, expect, it } from 'vitest';
import type { CollectionReport } from '../../core';
import { snapshotAtLine } from '../graph/test-snapshots';
import { lastCollectionAt, longLivedOf, objectsByGeneration, promotionOf } from './collector-model';
import { commonTypes, lineStatistics } from './profile-model';

describe('the collector view', () => {
  it('finds the last collection a step has seen', () => {
    const rows = [5, 9, 9, 20].map((step) => ({
      step,
      generation: 0,
      cause: 'automatic' as const,
      collected: 0,
      uncollectable: 0,
    }));
    expect([0, 5, 9, 19, 25].map((s) => lastCollectionAt(rows, s))).toEqual([-1, 0, 2, 2, 3]);
  });

  it('tells what a collection promoted: the reachable candidates and the resurrected', () => {
    const report: CollectionReport = {
      step: 3,
      generation: 0,
      collected: 1,
      uncollectable: 0,
      manual: true,
      unreachable: [2, 3],
      cycles: [],
      phases: [
        { name: 'candidates', objects: [1, 2, 3, 4] },
        { name: 'unreachable', objects: [2, 3] },
        { name: 'still unreachable', objects: [2] },
      ],
    };
    expect(promotionOf(report)).toEqual({ survivors: [1, 4, 3], resurrected: [3], to: 1 });
    expect(promotionOf({ ...report, phases: [] })).toBeNull();
  });

  it('applies the 25 % rule of generation 2', () => {
    const gc = { counts: [0, 0, 11], thresholds: [700, 10, 10], enabled: true, collections: 0 };
    expect(longLivedOf({ ...gc, longLived: { pending: 10, total: 100 } })).toMatchObject({
      needed: 25,
      due: true,
      allowed: false,
    });
    expect(longLivedOf({ ...gc, longLived: { pending: 30, total: 100 } })?.allowed).toBe(true);
  });

  it("groups a step's objects by generation, by allocating line and by type", () => {
    const source = [
      'import gc',
      'a = [[] for _ in range(3)]',
      'gc.collect(0)',
      'b = {1: 2}',
      'print(1)',
      '',
    ].join('\n');
    const snapshot = snapshotAtLine(source, 5);
    const [gen0, gen1] = objectsByGeneration(snapshot);
    expect(gen1.filter((o) => o.type === 'list')).toHaveLength(4);
    expect(gen0.some((o) => o.type === 'list')).toBe(false);
    const lines = lineStatistics(snapshot);
    expect(lines.find((l) => l.line === 2)).toMatchObject({ objects: 4, bytes: 4 * 56 + 32 });
    expect(lines.find((l) => l.line === 4)?.objects).toBe(1);
    expect(commonTypes(snapshot)[0]).toMatchObject({ type: 'list', objects: 4 });
  });
});
