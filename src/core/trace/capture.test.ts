/**
 * Snapshots against CPython: for each probe program, the objects that named variables
 * refer to must have the refcount (`sys.getrefcount` - 1), `sys.getsizeof` size and GC
 * tracking that CPython printed right after the probed line (fixtures/record_probes.py).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import probes from './fixtures/probes.json';
import { runSource } from '../run';
import type { Snapshot } from './snapshot-types';
import type { TraceStep } from '../index';

const PROGRAMS = join(__dirname, 'fixtures/probe-programs');
const recorded = probes as Record<
  string,
  { line: number; name: string; refcount: number; size: number; tracked: boolean }[]
>;

/** The step where the program is about to leave `line` (the next line event or the return). */
function stepAfter(steps: TraceStep[], line: number): number {
  const start = steps.findIndex((s) => s.event === 'line' && s.line === line);
  expect(start).toBeGreaterThanOrEqual(0);
  const func = steps[start].func;
  for (let i = start + 1; i < steps.length; i++) {
    const s = steps[i];
    if (s.func === func && ((s.event === 'line' && s.line !== line) || s.event === 'return')) return i;
  }
  throw new Error(`no step after line ${line}`);
}

function snapshotAfter(source: string, line: number): Snapshot {
  const { steps } = runSource(source, { recordSteps: true, filename: 'probe.py' });
  const { snapshot } = runSource(source, { snapshotAt: stepAfter(steps!, line), filename: 'probe.py' });
  return snapshot!;
}

function variable(snapshot: Snapshot, name: string) {
  const frame = snapshot.frames[snapshot.frames.length - 1];
  const local = frame.locals.find((l) => l.name === name);
  expect(local, `variable ${name} in ${frame.name}`).toBeDefined();
  return snapshot.objects.find((o) => o.id === local!.id)!;
}

describe('snapshots agree with CPython', () => {
  for (const name of readdirSync(PROGRAMS)) {
    it(name, () => {
      const source = readFileSync(join(PROGRAMS, name), 'utf8');
      const byLine = new Map<number, (typeof recorded)[string]>();
      for (const p of recorded[name]) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p]);
      for (const [line, expected] of byLine) {
        const snapshot = snapshotAfter(source, line);
        for (const p of expected) {
          const o = variable(snapshot, p.name);
          expect({ line, name: p.name, refcount: o.refcount, size: o.size, tracked: o.tracked }).toEqual({
            line,
            name: p.name,
            refcount: p.refcount,
            size: p.size,
            tracked: p.tracked,
          });
        }
      }
    });
  }
});

describe('snapshot contents', () => {
  const source = 'import gc\nl = []\nl.append(l)\ndel l\ngc.collect()\n';

  it('shows a self-referencing list as reachable, then as cyclic garbage after del', () => {
    const before = snapshotAfter(source, 3);
    const list = variable(before, 'l');
    expect(list.reachable).toBe(true);
    expect(before.edges).toContainEqual({ from: list.id, to: list.id, label: '[0]' });
    expect(before.cycles).toEqual([[list.id]]);

    const after = snapshotAfter(source, 4);
    const garbage = after.objects.find((o) => o.id === list.id)!;
    expect(garbage).toMatchObject({ reachable: false, refcount: 1, type: 'list' });
    expect(after.frames[0].locals.map((l) => l.name)).not.toContain('l');
  });

  it('reports the collection that freed the cycle', () => {
    const end = snapshotAfter(source, 5);
    expect(end.objects.some((o) => o.type === 'list' && !o.reachable)).toBe(false);
    expect(end.gc.last).toMatchObject({ generation: 2, collected: 1, manual: true });
    expect(end.gc.last!.cycles).toHaveLength(1);
  });

  it('is the same snapshot however often it is taken (the run is deterministic)', () => {
    expect(JSON.stringify(snapshotAfter(source, 3))).toBe(JSON.stringify(snapshotAfter(source, 3)));
  });
});

describe('several snapshots in one run', () => {
  it('captures each requested step as a separate run would', () => {
    const source = 'a = [1]\nb = [a, a]\ndel a\nc = b\n';
    const { snapshots } = runSource(source, { snapshotSteps: [1, 2, 3] });
    expect(snapshots!.map((s) => s.step)).toEqual([1, 2, 3]);
    for (const s of snapshots!) {
      expect(JSON.stringify(s)).toBe(JSON.stringify(runSource(source, { snapshotAt: s.step }).snapshot));
    }
  });
});
