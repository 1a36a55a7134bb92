/** diffSnapshots on real snapshots of one run: what a step created, freed and changed. */
import { describe, expect, it } from 'vitest';
import { runSource } from '../run';
import { resolveStep } from '../cli';
import { diffSnapshots, edgeKeys } from './diff';
import type { Snapshot } from './snapshot-types';

const SOURCE = [
  'import gc', //             1
  'class Box:', //            2
  '    pass', //              3
  'x = []', //                4
  'y = x', //                 5
  'x.append(Box())', //       6
  'z = {"k": x}', //          7
  'del y', //                 8
  'x.pop()', //               9
  'x.append(x)', //          10
  'del x, z', //             11
  'gc.collect()', //         12
  'print("end")', //         13
].join('\n');

/** The snapshot when line `line` is about to run. */
function at(line: number): Snapshot {
  const { steps } = runSource(SOURCE, { recordSteps: true });
  return runSource(SOURCE, { snapshotAt: resolveStep({ line, occurrence: 1 }, steps!)! }).snapshot!;
}

const idOf = (s: Snapshot, name: string) => s.frames[0].locals.find((l) => l.name === name)!.id;

describe('diffSnapshots', () => {
  it('lists created objects and new references, by type', () => {
    const before = at(6);
    const after = at(8);
    const diff = diffSnapshots(before, after);
    const created = diff.created.map((id) => after.objects.find((o) => o.id === id)!.type).sort();
    expect(created).toEqual(['Box', 'dict']);
    expect(diff.freed).toEqual([]);
    expect(diff.fromStep).toBe(before.step);
    expect(diff.toStep).toBe(after.step);
    expect(diff.edgesAdded.map((e) => e.label).sort()).toEqual(["['k']", '[0]', '__class__', 'z']);
    expect(diff.byType.map((t) => [t.type, t.created, t.freed, t.delta])).toEqual(
      expect.arrayContaining([
        ['Box', 1, 0, 1],
        ['dict', 1, 0, 1],
      ]),
    );
    // The list grew (its size) and gained a referrer (its refcount).
    const list = idOf(after, 'x');
    expect(diff.refcounts).toContainEqual({ id: list, before: 2, after: 3 });
    expect(diff.sizes.find((c) => c.id === list)).toMatchObject({ before: 56 });
  });

  it('lists freed objects and removed references', () => {
    const before = at(9);
    const after = at(10);
    const diff = diffSnapshots(before, after);
    expect(diff.freed.map((id) => before.objects.find((o) => o.id === id)!.type)).toEqual(['Box']);
    expect(diff.created).toEqual([]);
    expect(diff.edgesRemoved.map((e) => e.label)).toContain('[0]');
    expect(diff.byType.find((t) => t.type === 'Box')).toMatchObject({
      count: 0,
      created: 0,
      freed: 1,
      delta: -1,
    });
  });

  it('sees the cycle the collector frees, not the shared objects that move with every step', () => {
    const before = at(12);
    const after = at(13);
    const diff = diffSnapshots(before, after);
    expect(diff.freed.map((id) => before.objects.find((o) => o.id === id)!.type)).toEqual(['list']);
    expect(diff.refcounts.every((c) => !after.objects.find((o) => o.id === c.id)!.shared)).toBe(true);
  });

  it('finds nothing between a snapshot and itself', () => {
    const s = at(7);
    const diff = diffSnapshots(s, s);
    expect(diff).toMatchObject({ created: [], freed: [], refcounts: [], sizes: [], byType: [] });
    expect(diff.edgesAdded).toEqual([]);
    expect(diff.edgesRemoved).toEqual([]);
  });
});

describe('edgeKeys', () => {
  it('names each reference once, frames by depth and function', () => {
    const s = at(8);
    const keys = edgeKeys(s);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.some((k) => k.startsWith('frame:0:<module>\u0000x\u0000'))).toBe(true);
  });
});
