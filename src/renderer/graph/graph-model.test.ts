/** The view model on real snapshots: collector findings, ghosts, compare mode, selection. */
import { describe, expect, it } from 'vitest';
import { buildModel, type ModelInput, type ViewModel } from './graph-model';
import { SELF_LOOP, snapshotAtLine, TWO_NODES } from './test-snapshots';

const box = (lines: number, columns: number) => ({ w: columns * 7, h: lines * 14 });
const model = (input: Partial<ModelInput> & Pick<ModelInput, 'snapshot'>): ViewModel =>
  buildModel({
    foldShared: true,
    selected: null,
    compareWith: null,
    beforeCollection: null,
    gcPhase: null,
    box,
    ...input,
  });
const withClass = (m: ViewModel, name: string) =>
  m.nodes
    .filter((n) => n.classes.has(name))
    .map((n) => n.data.objectId!)
    .sort();

describe('buildModel', () => {
  it('outlines a self-loop as a cycle, then marks it garbage once no frame reaches it', () => {
    const before = model({ snapshot: snapshotAtLine(SELF_LOOP, 4) });
    const list = before.nodes.find((n) => n.data.type === 'list')!;
    expect([...list.classes].sort()).toEqual(['cycle', 'object']);
    expect(
      before.edges.find((e) => e.data.source === list.data.id && e.data.target === list.data.id),
    ).toBeDefined();

    const after = model({ snapshot: snapshotAtLine(SELF_LOOP, 5) });
    const garbage = after.nodes.find((n) => n.data.type === 'list')!;
    expect(garbage.classes.has('garbage')).toBe(true);
    expect(garbage.data.label).toContain('unreachable: garbage');
  });

  it("draws what the collector freed as ghosts from the step before, highlighted as gc's finding", () => {
    const before = snapshotAtLine(TWO_NODES, 12);
    const after = snapshotAtLine(TWO_NODES, 13);
    const report = after.gc.last!;
    expect(report.collected).toBe(4);

    const cold = model({ snapshot: after });
    expect(cold.report).toBe(report);
    expect(withClass(cold, 'gc-unreachable')).toEqual([]);

    const m = model({ snapshot: after, beforeCollection: before });
    expect(withClass(m, 'gc-unreachable')).toEqual([...report.unreachable].sort());
    expect(withClass(m, 'collected')).toEqual([...report.unreachable].sort());
    expect(m.collectorShown).toBe(4);
    const cycleEdges = m.edges.filter((e) => e.classes.has('gc-unreachable'));
    expect(cycleEdges.map((e) => e.data.label).sort()).toEqual([
      "['other']",
      "['other']",
      '__dict__',
      '__dict__',
    ]);
  });

  it('shows the collection phase by phase: candidates first, then what it found unreachable', () => {
    const before = snapshotAtLine(TWO_NODES, 12);
    const after = snapshotAtLine(TWO_NODES, 13);
    const phases = after.gc.last!.phases.map((p) => p.name);
    const candidates = model({
      snapshot: after,
      beforeCollection: before,
      gcPhase: phases.indexOf('candidates'),
    });
    expect(withClass(candidates, 'gc-unreachable')).toEqual([]);
    expect(withClass(candidates, 'gc-candidate').length).toBeGreaterThanOrEqual(4);
    const found = model({
      snapshot: after,
      beforeCollection: before,
      gcPhase: phases.indexOf('unreachable'),
    });
    expect(withClass(found, 'gc-phase')).toHaveLength(4);
  });

  it('marks created, changed and freed objects against the compared step', () => {
    const a = snapshotAtLine(TWO_NODES, 8);
    const b = snapshotAtLine(TWO_NODES, 11);
    const m = model({ snapshot: b, compareWith: a });
    expect(m.diff!.created.length).toBe(2); // the two __dict__s that len(a.__dict__) made
    expect(withClass(m, 'created').length).toBe(2);
    const changed = m.nodes.filter((n) => n.classes.has('changed'));
    expect(changed.some((n) => /rc \d+ → \d+/.test(n.data.label))).toBe(true);
    expect(m.edges.some((e) => e.classes.has('added'))).toBe(true);

    const gone = model({ snapshot: snapshotAtLine(TWO_NODES, 13), compareWith: b });
    expect(withClass(gone, 'freed').length).toBe(4);
    expect(gone.edges.some((e) => e.classes.has('removed'))).toBe(true);
  });

  it('highlights the selection, its referrers and the chain from a frame', () => {
    const s = snapshotAtLine(TWO_NODES, 10);
    const a = s.frames[0].locals.find((l) => l.name === 'a')!.id;
    const m = model({ snapshot: s, selected: a });
    expect(withClass(m, 'selected')).toEqual([a]);
    expect(m.path!.edges.map((i) => s.edges[i].label)).toEqual(['a']);
    expect(m.edges.filter((e) => e.classes.has('path')).map((e) => e.data.label)).toEqual(['a']);
    const referrers = m.edges.filter((e) => e.classes.has('referrer')).map((e) => e.data.label);
    expect(referrers.sort()).toEqual(['.other', 'a']);
  });

  it('sizes nodes from their label', () => {
    const m = model({ snapshot: snapshotAtLine(SELF_LOOP, 4) });
    for (const n of m.nodes) expect(n.data).toMatchObject(box(n.data.lines, n.data.columns));
  });
});
