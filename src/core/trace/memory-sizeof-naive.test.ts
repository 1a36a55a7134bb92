/**
 * The `sizeof` channel against a naive count: an observer that keeps every live object made
 * since the first step and sums sys.getsizeof over all of them at every step (no resize hook
 * needed: every size is read afresh). Run on the conformance, engine-case and stdlib-case programs, so that a resize the
 * recorder is not told of shows up whatever the type.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSource } from '../run';
import { rt } from '../vm/runtime';
import type { PyObject } from '../objects/object';
import { memoryObserver, setMemoryObserver, type MemoryObserver } from '../memory/memory-observer';
import { MemoryRecorder, type MemoryChannel } from './memory-series';
import { sizeOf } from './object-size';

const TESTS = join(__dirname, '..', '..', '..', 'tests');
const DIRS = [join(TESTS, 'conformance', 'cases'), join(TESTS, 'engine-cases'), join(TESTS, 'stdlib-cases')];

/** Passes everything on to the recorder, and keeps the live objects. */
function tee(inner: MemoryObserver, live: Set<PyObject>): MemoryObserver {
  return {
    objectAllocated: (o) => (live.add(o), inner.objectAllocated(o)),
    objectReborn: (o) => (live.add(o), inner.objectReborn(o)),
    objectFreed: (o) => (live.delete(o), inner.objectFreed(o)),
    freelistPush: (o) => (live.delete(o), inner.freelistPush(o)),
    freelistPop: (o) => inner.freelistPop(o),
    malloc: (a, n) => inner.malloc(a, n),
    free: (a) => inner.free(a),
    realloc: (a, b, n) => inner.realloc(a, b, n),
    weakrefCallback: (wr) => inner.weakrefCallback(wr),
    objectResized: (o) => inner.objectResized?.(o),
    splitDict: (d, k) => inner.splitDict?.(d, k),
    sharedKeysChanged: (k) => inner.sharedKeysChanged?.(k),
  };
}

let naive: number[] = [];
let live = new Set<PyObject>();
let lastSize = new Map<PyObject, number>();
const original = MemoryRecorder.prototype.step;

beforeAll(() => {
  MemoryRecorder.prototype.step = function (this: MemoryRecorder, step, event, func) {
    original.call(this, step, event, func);
    if (memoryObserver === this) setMemoryObserver(tee(this, live));
    const slice = rt.sliceCache;
    let sum = 0;
    for (const o of live) {
      if (o === slice) continue;
      // An object being deallocated (a __del__ its dealloc called is running) keeps the size it
      // had alive: its dealloc may have released a buffer already.
      if (o.refcnt > 0) lastSize.set(o, sizeOf(o));
      sum += lastSize.get(o) ?? sizeOf(o);
    }
    naive[step] = sum;
  };
});
afterAll(() => {
  MemoryRecorder.prototype.step = original;
});

function valueAt(channel: MemoryChannel, step: number): number {
  let value = 0;
  for (let i = 0; i < channel.steps.length && channel.steps[i] <= step; i++) value = channel.values[i];
  return value;
}

describe('the sizeof channel against a naive count', () => {
  const programs = DIRS.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.py'))
      .map((f) => join(dir, f)),
  );
  it.each(programs)(
    '%s',
    (path) => {
      naive = [];
      live = new Set();
      lastSize = new Map();
      const run = runSource(readFileSync(path, 'utf8'), { recordMemory: true });
      const sizeof = run.memory!.channels.find((c) => c.name === 'sizeof')!;
      const wrong: string[] = [];
      naive.forEach((sum, step) => {
        const got = valueAt(sizeof, step);
        if (got !== sum && wrong.length < 3) wrong.push(`step ${step}: ${got}, naive ${sum}`);
      });
      expect(wrong).toEqual([]);
    },
    // The naive count walks every live object at every step: slow on a loaded machine.
    60_000,
  );
});
