import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../shared/lab-api';
import { SnapshotCache, WINDOW } from './snapshot-cache';

const snapshot = (step: number) => ({ step }) as unknown as Snapshot;

/** Asks for `step` as the host does: a miss gets its window, which is then cached. */
function visit(cache: SnapshotCache, step: number): number[] | 'hit' {
  if (cache.get(step) !== undefined) return 'hit';
  const steps = cache.windowFor(step, 1000);
  for (const s of steps) cache.put(snapshot(s));
  return steps;
}

const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => first + i);

describe('SnapshotCache', () => {
  it('captures the window ahead of a miss, and behind it when stepping back', () => {
    const cache = new SnapshotCache();
    expect(visit(cache, 500)).toEqual(range(500, 500 + WINDOW - 1));
    expect(visit(cache, 501)).toBe('hit');
    expect(visit(cache, 499)).toEqual(range(499 - WINDOW + 1, 499));
    expect(visit(cache, 990)).toEqual(range(990, 999)); // the run ends at step 999
  });

  it('captures the window ahead of a jump backward: its own step comes first', () => {
    const cache = new SnapshotCache();
    visit(cache, 800);
    expect(visit(cache, 300)).toEqual(range(300, 300 + WINDOW - 1));
    expect(visit(cache, 299)).toEqual(range(299 - WINDOW + 1, 299));
  });
});
