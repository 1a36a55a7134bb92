/**
 * The events of a step against CPython: each program in fixtures/step-event-programs prints
 * facts (sizes, `id()` reuse, what gc.collect() returned) that CPython 3.11 recorded in
 * fixtures/step-events.json (record_step_events.py); the engine's events at the steps that
 * make those facts must agree with them.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import recorded from './fixtures/step-events.json';
import { runSource } from '../run';
import type { TraceStep } from '../index';
import type { StepEvent, StepEvents } from './step-events-types';
import { MAX_STEP_EVENTS } from './step-events';

const PROGRAMS = join(__dirname, 'fixtures/step-event-programs');
const cpython = recorded as Record<string, { stdout: string; facts: Record<string, number | boolean> }>;

function program(name: string) {
  const source = readFileSync(join(PROGRAMS, name), 'utf8');
  const run = runSource(source, { recordSteps: true, filename: name });
  const steps = run.steps!;
  expect(run.stdout).toBe(cpython[name].stdout);
  const at = (step: number): StepEvents => {
    const r = runSource(source, { stepEvents: step, filename: name });
    expect(r.stepEvents).toBeDefined();
    return r.stepEvents!;
  };
  /** The step where `line` is about to run (the `occurrence`-th time). */
  const lineStep = (line: number, occurrence = 1) => {
    let seen = 0;
    const i = steps.findIndex((s) => s.event === 'line' && s.line === line && ++seen === occurrence);
    expect(i).toBeGreaterThanOrEqual(0);
    return i;
  };
  return { steps, at, atLine: (line: number) => at(lineStep(line)), lineStep, facts: cpython[name].facts };
}

type Of<K extends StepEvent['kind']> = Extract<StepEvent, { kind: K }>;
const all = <K extends StepEvent['kind']>(e: StepEvents, kind: K) =>
  e.events.filter((x): x is Of<K> => x.kind === kind);
/** The object a module variable refers to once the step has run (its `link` event). */
function linkedAs(e: StepEvents, name: string): number {
  const link = all(e, 'link').find((l) => l.frame === '<module>' && l.label === name);
  expect(link, `a link named ${name}`).toBeDefined();
  return link!.to;
}

describe('step events', () => {
  it('allocates objects of the sizes CPython reports, and links them to their names', () => {
    const p = program('sizes.py');
    // Instances, str and bytes are one block each, of the size sys.getsizeof reports (in 3.11).
    for (const [line, name, type, fact] of [
      [5, 'c', 'C', 'c_size'],
      [6, 's', 'str', 's_size'],
      [7, 'b', 'bytes', 'b_size'],
    ] as const) {
      const e = p.atLine(line);
      const id = linkedAs(e, name);
      const made = all(e, 'allocate').find((x) => x.id === id)!;
      expect(made.type).toBe(type);
      expect(made.size).toBe(p.facts[fact]);
      expect(made.blockSize).toBeGreaterThanOrEqual(made.size);
      expect(e.events).toContainEqual({ kind: 'refcount', id, before: null, after: 1, unexplained: 0 });
      expect(e.objects.find((o) => o.id === id)).toMatchObject({ before: false, after: true, type });
    }

    // a = [n, n]: the list object (new or from the list free list) and its item array.
    const a = p.atLine(8);
    const aid = linkedAs(a, 'a');
    expect(a.events.some((e) => (e.kind === 'allocate' || e.kind === 'reborn') && e.id === aid)).toBe(true);
    const items = all(a, 'buffer').filter((b) => b.op === 'malloc');
    expect(items.map((b) => b.size)).toEqual([p.facts.a_items]);
    // The list refers to n twice: two links from it.
    expect(
      all(a, 'link')
        .filter((l) => l.from === aid)
        .map((l) => l.label)
        .sort(),
    ).toEqual(['[0]', '[1]']);
    // The print steps write what CPython wrote.
    const out = p.atLine(9);
    expect(all(out, 'output')).toEqual([
      { kind: 'output', stream: 'stdout', text: `FACT c_size ${p.facts.c_size}\n` },
    ]);
  });

  it('frees an object back to its pool and hands the block out again, as id() reuse shows', () => {
    const p = program('reuse.py');
    // del c: the instance goes back to its pool; d = C() takes the same block.
    const del = p.atLine(5);
    const c = all(del, 'unlink').find((u) => u.label === 'c')!.to;
    const freed = all(del, 'free').find((f) => f.id === c)!;
    expect(freed.type).toBe('C');
    expect(freed.blockSize).toBeGreaterThan(0);
    expect(del.events).toContainEqual({ kind: 'refcount', id: c, before: 1, after: null, unexplained: 0 });
    const made = p.atLine(6);
    const d = all(made, 'allocate').find((a) => a.id === linkedAs(made, 'd'))!;
    expect(d.address === freed.address).toBe(p.facts.instance_reused);
    expect(d.id).not.toBe(c);

    // del a: a list is kept by the free list, and the next list is that same object reborn.
    const delList = p.atLine(10);
    const kept = all(delList, 'to-freelist').find((f) => f.type === 'list')!;
    expect(kept.list).toBe('list');
    expect(all(delList, 'free').some((f) => f.id === kept.id)).toBe(false);
    const next = p.atLine(11);
    const reborn = all(next, 'reborn').find((r) => r.id === linkedAs(next, 'b'))!;
    expect(reborn.previous).toBe(kept.id);
    expect(reborn.address === kept.address).toBe(p.facts.list_reused);
  });

  it('finalizes before freeing: __del__ is called in the del step, the object freed when it returns', () => {
    const p = program('finalizer.py');
    const delStep = p.lineStep(5);
    const del = p.at(delStep);
    const d = all(del, 'unlink').find((u) => u.label === 'd')!.to;
    expect(all(del, 'finalize')).toEqual([{ kind: 'finalize', id: d, type: 'D' }]);
    expect(all(del, 'free')).toEqual([]);
    // The next step is the call of __del__: the recording stops there.
    expect(del.next).toBe(delStep + 1);
    expect(p.steps[delStep + 1]).toMatchObject<Partial<TraceStep>>({ event: 'call', func: '__del__' });
    const ret = p.steps.findIndex((s, i) => i > delStep && s.event === 'return' && s.func === '__del__');
    const after = p.at(ret);
    expect(all(after, 'free').map((f) => f.id)).toContain(d);
    const print = p.at(p.lineStep(3));
    expect(all(print, 'output').map((o) => o.text)).toEqual(['bye\n']);
  });

  it('shows a gc.collect() that collects what CPython collects, phase by phase', () => {
    const p = program('cycle.py');
    const del = p.atLine(8);
    const unlinked = all(del, 'unlink').filter((u) => u.frame === '<module>');
    expect(unlinked.map((u) => u.label).sort()).toEqual(['a', 'b']);
    // Each keeps a refcount of 1: the other's reference.
    for (const u of unlinked)
      expect(del.events).toContainEqual({ kind: 'refcount', id: u.to, before: 2, after: 1, unexplained: 0 });
    expect(all(del, 'free')).toEqual([]);

    const collect = p.atLine(9);
    const start = collect.events.findIndex((e) => e.kind === 'gc-start');
    const end = collect.events.findIndex((e) => e.kind === 'gc-end');
    expect(collect.events[start]).toEqual({ kind: 'gc-start', generation: 2, manual: true });
    const report = collect.events[end] as Of<'gc-end'>;
    expect(report.collected + report.uncollectable).toBe(p.facts.collected);
    const phases = collect.events.slice(start, end).filter((e): e is Of<'gc-phase'> => e.kind === 'gc-phase');
    const unreachable = phases.find((ph) => ph.name === 'unreachable')!.objects;
    expect([...unreachable].sort()).toEqual(unlinked.map((u) => u.to).sort());
    // Both are freed during the collection, between its start and its end.
    const frees = collect.events.flatMap((e, i) =>
      e.kind === 'free' && unreachable.includes(e.id) ? [i] : [],
    );
    expect(frees.length).toBe(2);
    for (const i of frees) expect(i > start && i < end).toBe(true);
    // The output comes after the collection: print() gets what collect() returned.
    const output = collect.events.findIndex((e) => e.kind === 'output');
    expect(output).toBeGreaterThan(end);
  });

  it('clears a weakref and calls its callback when the referent dies', () => {
    const p = program('weakref_callback.py');
    const del = p.atLine(6);
    const w = all(del, 'unlink').find((u) => u.label === 'w')!.to;
    const cleared = all(del, 'weakref-cleared');
    expect(cleared.map((c) => c.referent)).toEqual([w]);
    const r = cleared[0].id;
    const kinds = del.events.map((e) => e.kind);
    expect(kinds.indexOf('weakref-cleared')).toBeLessThan(kinds.indexOf('weakref-callback'));
    expect(all(del, 'weakref-callback')).toEqual([{ kind: 'weakref-callback', id: r }]);
    expect(p.facts.dead).toBe(true);
  });

  it('lists a temporary made and dropped within the step by its allocation and free only', () => {
    const source = 'y = len([1, 2, 3])\n';
    const { steps } = runSource(source, { recordSteps: true });
    const line = steps!.findIndex((s) => s.event === 'line');
    const e = runSource(source, { stepEvents: line }).stepEvents!;
    const lists = e.events.filter((x) => (x.kind === 'allocate' || x.kind === 'reborn') && x.type === 'list');
    expect(lists).toHaveLength(1);
    const temp = (lists[0] as Of<'allocate'>).id;
    expect(e.events.some((x) => (x.kind === 'free' || x.kind === 'to-freelist') && x.id === temp)).toBe(true);
    // Neither snapshot has it: no reference event names it, and it cannot be selected.
    expect(e.events.some((x) => (x.kind === 'link' || x.kind === 'unlink') && x.to === temp)).toBe(false);
    expect(e.objects.find((o) => o.id === temp)).toMatchObject({ before: false, after: false });
  });

  it('counts the events past the limit by kind', () => {
    const source = 'x = list(range(100000, 103000))\n';
    const { steps } = runSource(source, { recordSteps: true });
    const e = runSource(source, { stepEvents: steps!.findIndex((s) => s.event === 'line') }).stepEvents!;
    expect(e.events).toHaveLength(MAX_STEP_EVENTS);
    const ints = e.events.filter((x) => x.kind === 'allocate' && x.type === 'int').length;
    expect(ints + (e.omitted.allocate ?? 0)).toBeGreaterThanOrEqual(3000);
  });

  it('ends at the end of the run for the last step, and says so', () => {
    const p = program('finalizer.py');
    const last = p.steps.length - 1;
    const e = p.at(last);
    expect(e.next).toBeNull();
    expect(e.step).toBe(last);
  });
});
