/**
 * Memory over time: the running totals agree with the snapshots of the same steps (blocks in
 * use, gc.get_count()), objects kept by free lists count as dead, events land on their steps,
 * and recording changes nothing the program can observe.
 */
import { describe, expect, it } from 'vitest';
import { runSource } from '../run';
import type { MemoryChannel, MemorySeries } from './memory-series';

/** A channel's value at `step` (the last change at or before it). */
function valueAt(channel: MemoryChannel | undefined, step: number): number {
  if (channel === undefined) return 0;
  let value = 0;
  for (let i = 0; i < channel.steps.length && channel.steps[i] <= step; i++) value = channel.values[i];
  return value;
}

const channel = (series: MemorySeries, name: string) =>
  series.channels.find((c) => c.name === name) ?? series.types.find((c) => c.name === name);

function record(source: string): { series: MemorySeries; lineSteps: Map<number, number> } {
  const run = runSource(source, { recordMemory: true, recordSteps: true });
  const lineSteps = new Map<number, number>();
  run.steps!.forEach((s, i) => {
    if (s.event === 'line' && s.func === '<module>' && !lineSteps.has(s.line)) lineSteps.set(s.line, i);
  });
  expect(run.memory!.stepCount).toBe(run.stepCount);
  return { series: run.memory!, lineSteps };
}

describe('memory series', () => {
  const program = [
    'import gc', // 1
    'class Node:', // 2
    '    def __del__(self):', // 3
    '        pass', // 4
    'a = Node()', // 5
    'a.me = a', // 6
    'rows = [[] for _ in range(20)]', // 7
    'big = [0] * 1000', // 8
    'del rows', // 9
    'del a', // 10
    'gc.collect()', // 11
    'x = 1.5 * len(big)', // 12
    'print(gc.get_count())', // 13
  ].join('\n');

  it('agrees with the snapshots of the same steps', () => {
    const { series, lineSteps } = record(program);
    const steps = [...lineSteps.values()];
    const { snapshots } = runSource(program, { snapshotSteps: steps });
    for (const snapshot of snapshots!) {
      const used = snapshot.allocator.arenas.flatMap((a) => a.pools).reduce((n, p) => n + p.used, 0);
      expect(valueAt(channel(series, 'blocks'), snapshot.step), `blocks at step ${snapshot.step}`).toBe(used);
      snapshot.gc.counts.forEach((count, g) =>
        expect(valueAt(channel(series, `gc${g}`), snapshot.step)).toBe(count),
      );
    }
  });

  it('counts live objects by type; those kept by a free list are dead', () => {
    const { series, lineSteps } = record(program);
    const lists = channel(series, 'list');
    const before = valueAt(lists, lineSteps.get(7)!);
    // 20 rows and the list holding them.
    expect(valueAt(lists, lineSteps.get(8)!) - before).toBe(21);
    // `del rows`: 21 lists die (80 fit on the list free list, where they are dead too).
    expect(valueAt(lists, lineSteps.get(10)!) - valueAt(lists, lineSteps.get(9)!)).toBe(-21);
    expect(valueAt(channel(series, 'Node'), lineSteps.get(6)!)).toBe(1);
    expect(valueAt(channel(series, 'Node'), lineSteps.get(13)!)).toBe(0);
    expect(valueAt(channel(series, 'float'), lineSteps.get(13)!)).toBe(1);
  });

  it('traces the bytes requested, buffers included', () => {
    const { series, lineSteps } = record(program);
    const bytes = channel(series, 'bytes');
    // A list of 1000 items: its 8000-byte array, and the 56-byte list object (GC head included)
    // unless the list free list had one.
    const grown = valueAt(bytes, lineSteps.get(9)!) - valueAt(bytes, lineSteps.get(8)!);
    expect([8000, 8056]).toContain(grown);
    expect(valueAt(bytes, 0)).toBe(0);
  });

  it('marks __del__ calls, weakref callbacks and collections on their steps', () => {
    const source = [
      'import gc, weakref', // 1
      'class C:', // 2
      '    def __del__(self):', // 3
      '        pass', // 4
      'c = C()', // 5
      'r = weakref.ref(c, lambda ref: None)', // 6
      'del c', // 7
      'print(gc.collect())', // 8
    ].join('\n');
    const run = runSource(source, { recordMemory: true, recordSteps: true });
    const { events, collections } = run.memory!;
    const delStep = run.steps!.findIndex((s) => s.event === 'call' && s.func === '__del__');
    expect([...events.steps]).toContain(delStep);
    const callback = [...events.kinds].indexOf(1);
    expect(callback).toBeGreaterThanOrEqual(0);
    expect(run.steps![events.steps[callback]].func).toBe('<lambda>');
    const manual = [...collections.manual].indexOf(1);
    expect(run.steps![collections.steps[manual] - 1].line).toBe(8);
  });

  it('leaves the run unchanged', () => {
    const plain = runSource(program, { recordSteps: true });
    const recorded = runSource(program, { recordSteps: true, recordMemory: true });
    expect(recorded.stdout).toBe(plain.stdout);
    expect(recorded.steps).toEqual(plain.steps);
    const at = plain.stepCount - 3;
    const a = runSource(program, { snapshotAt: at }).snapshot!;
    runSource(program, { recordMemory: true });
    const b = runSource(program, { snapshotAt: at }).snapshot!;
    expect(b).toEqual(a);
  });

  it('gives each snapshot object the line that allocated it', () => {
    const source = 'a = [1]\nb = [a, a]\nc = {"k": b}\nprint(len(c))';
    const { steps } = runSource(source, { recordSteps: true });
    const snapshot = runSource(source, { snapshotAt: steps!.length - 2 }).snapshot!;
    const lineOf = (type: string) => snapshot.objects.find((o) => o.type === type && !o.shared)?.line;
    expect(lineOf('list')).toBe(1);
    expect(lineOf('dict')).toBe(3);
  });
});
