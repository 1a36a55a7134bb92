import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../shared/lab-api';
import { indexSnapshot } from './snapshot-index';

const object = (id: number, label: string) => ({
  id,
  address: 1000 + id,
  type: 'list',
  label,
  size: 56,
  refcount: 1,
  tracked: true,
  reachable: true,
});

const snapshot = {
  frames: [
    { ref: 'frame:0', name: '<module>', qualname: '<module>', line: 3, locals: [{ name: 'l', id: 1 }] },
  ],
  objects: [object(1, 'list (2 items)'), object(2, 'list (0 items)')],
  edges: [
    { from: 'frame:0', to: 1, label: 'l' },
    { from: 1, to: 1, label: '[0]' },
    { from: 1, to: 2, label: '[1]' },
    { from: 2, to: 1, label: 'ref', weak: true },
  ],
} as unknown as Snapshot;

describe('indexSnapshot', () => {
  const index = indexSnapshot(snapshot);

  it('lists the references out of an object with their targets', () => {
    expect(index.referents(1).map((r) => [r.label, r.id, r.object?.label])).toEqual([
      ['[0]', 1, 'list (2 items)'],
      ['[1]', 2, 'list (0 items)'],
    ]);
  });

  it('lists the references into an object, frames by name', () => {
    const referrers = index.referrers(1);
    expect(referrers.map((r) => r.label)).toEqual(['l', '[0]', 'ref']);
    expect(referrers[0]!.frame).toEqual({ index: 0, name: '<module>' });
    expect(referrers[2]).toMatchObject({ id: 2, weak: true });
  });

  it('knows the objects by id', () => {
    expect(index.object(2)?.label).toBe('list (0 items)');
    expect(index.object(3)).toBeUndefined();
    expect(index.referents(3)).toEqual([]);
  });
});
