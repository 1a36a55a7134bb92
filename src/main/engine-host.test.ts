import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../shared/lab-api';
import { LabError } from '../shared/lab-error';
import { EngineHost } from './engine-host';

/**
 * A stand-in for engine.worker.ts speaking the same protocol, so the host's threading is tested
 * without the engine: `loop` never ends, `crash` kills the thread, `throw` fails the run,
 * anything else prints itself and has as many steps as characters. A snapshot echoes its
 * request; one of a program starting with `slow` never ends from step 4 on. A program starting
 * with `end` brings its last step's snapshot with its result.
 */
const WORKER = `
const { parentPort } = require('node:worker_threads');
let snapshotRequests = 0;
let stepEventsRequests = 0;
parentPort.on('message', ({ type, seq, source, steps, step }) => {
  if (type === 'stepEvents') {
    if (source.startsWith('slow') && step >= 4) for (;;);
    stepEventsRequests++;
    const events = { step, events: [{ kind: 'output', stream: 'stdout', text: source }], request: stepEventsRequests };
    return parentPort.postMessage({ type: 'stepEvents', seq, events });
  }
  if (type === 'snapshot') {
    if (source.startsWith('slow') && steps[0] >= 4) for (;;);
    snapshotRequests++;
    const snapshots = steps.map((step) => ({ step, stdout: source, request: snapshotRequests }));
    return parentPort.postMessage({ type: 'snapshot', seq, snapshots });
  }
  if (source === 'loop') for (;;);
  if (source === 'crash') process.exit(3);
  if (source === 'throw') return parentPort.postMessage({ type: 'failure', seq, error: { name: 'Error', message: 'bad' } });
  parentPort.postMessage({ type: 'event', seq, event: { kind: 'stdout', text: source } });
  const result = { stdout: source, stderr: '', exitCode: 0, stepCount: source.length };
  if (source.startsWith('memory')) {
    const empty = { steps: '', values: '' };
    result.memory = {
      stepCount: source === 'memory' ? source.length : 1, bucket: 1,
      channels: [{ name: 'bytes', ...empty }], types: [], events: { steps: '', kinds: '' },
      collections: { steps: '', generations: '', collected: '', uncollectable: '', manual: '' },
    };
  }
  // A program starting with 'end' comes back with its last step's snapshot, as the engine's run does.
  const end = source.startsWith('end')
    ? {
        endSnapshot: { step: source.length - 1, stdout: source, request: 0 },
        endStepEvents: { step: source.length - 1, events: [], request: 0 },
      }
    : {};
  parentPort.postMessage({ type: 'result', seq, result, ...end });
});
`;

let spawned = 0;
const hosts: EngineHost[] = [];

function createHost(): EngineHost {
  const host = new EngineHost({
    spawn: () => {
      spawned++;
      return new Worker(WORKER, { eval: true });
    },
    runOptions: { filename: 'main.py' },
  });
  hosts.push(host);
  return host;
}

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.dispose()));
  spawned = 0;
});

/** The error `promise` rejects with (handled at once, so no rejection goes unhandled). */
async function rejection(promise: Promise<unknown>): Promise<LabError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LabError);
  return error as LabError;
}

describe('EngineHost', () => {
  it('runs a program in its worker and streams its events', async () => {
    const host = createHost();
    const events: RunEvent[] = [];
    const result = await host.run('hi', (event) => events.push(event));
    expect(result).toEqual({ stdout: 'hi', stderr: '', exitCode: 0, stepCount: 2 });
    expect(events).toEqual([{ kind: 'stdout', text: 'hi' }]);
    expect(await host.run('again')).toMatchObject({ stdout: 'again' });
    expect(spawned).toBe(1);
  });

  it('passes memory over time on, and drops a series that does not fit the run', async () => {
    const host = createHost();
    expect((await host.run('memory')).memory?.channels[0]?.name).toBe('bytes');
    const result = await host.run('memory, the wrong length');
    expect(result).toEqual({ stdout: 'memory, the wrong length', stderr: '', exitCode: 0, stepCount: 24 });
  });

  it('refuses a second run while one is going', async () => {
    const host = createHost();
    const first = rejection(host.run('loop'));
    expect((await rejection(host.run('hi'))).name).toBe('Busy');
    await host.stop();
    expect((await first).name).toBe('Stopped');
  });

  it('stops an endless program by replacing the worker, and runs the next one', async () => {
    const host = createHost();
    const endless = rejection(host.run('loop'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await host.stop();
    expect((await endless).name).toBe('Stopped');
    expect(await host.run('after')).toMatchObject({ stdout: 'after' });
    expect(spawned).toBe(2);
  });

  it('does nothing when stopped while idle', async () => {
    const host = createHost();
    await host.stop();
    expect(spawned).toBe(0);
  });

  it('reports a worker that dies as EngineCrashed and starts a new one for the next run', async () => {
    const host = createHost();
    const error = await rejection(host.run('crash'));
    expect(error.name).toBe('EngineCrashed');
    expect(error.message).toContain('code 3');
    expect(await host.run('ok')).toMatchObject({ stdout: 'ok' });
  });

  it('reports an engine exception as EngineError', async () => {
    const host = createHost();
    const error = await rejection(host.run('throw'));
    expect(error.name).toBe('EngineError');
    expect(error.message).toBe('Error: bad');
  });

  it('rejects the current run and further runs once disposed', async () => {
    const host = createHost();
    const endless = rejection(host.run('loop'));
    await host.dispose();
    expect((await endless).name).toBe('Stopped');
    expect((await rejection(host.run('hi'))).name).toBe('EngineCrashed');
  });
});

describe('EngineHost snapshots', () => {
  it('re-runs the last finished program to the step asked for', async () => {
    const host = createHost();
    await host.run('abc');
    expect(await host.snapshot(2)).toMatchObject({ step: 2, stdout: 'abc' });
    expect(await host.snapshot(0)).toMatchObject({ step: 0, stdout: 'abc' });
  });

  it("serves the last step from the run's own capture, without a re-run", async () => {
    const host = createHost();
    await host.run('end of it');
    expect(await host.snapshot(8)).toMatchObject({ step: 8, stdout: 'end of it', request: 0 });
    // Other steps still re-run the program.
    expect(await host.snapshot(2)).toMatchObject({ step: 2, request: 1 });
  });

  it('refuses a snapshot before any run, and steps out of range', async () => {
    const host = createHost();
    expect((await rejection(host.snapshot(0))).name).toBe('NoRun');
    await host.run('abc');
    const error = await rejection(host.snapshot(3));
    expect(error.name).toBe('InvalidRequest');
    expect(error.message).toContain('0 to 2');
    expect((await rejection(host.snapshot(-1))).name).toBe('InvalidRequest');
  });

  it('refuses a snapshot while a program runs, with the reason', async () => {
    const host = createHost();
    await host.run('abc');
    const endless = rejection(host.run('loop'));
    const error = await rejection(host.snapshot(1));
    expect(error.name).toBe('Busy');
    expect(error.message).toMatch(/program is running/);
    await host.stop();
    expect((await endless).name).toBe('Stopped');
    // The stopped run did not finish: the run before it is not the "last run" any more.
    expect((await rejection(host.snapshot(1))).name).toBe('NoRun');
  });

  it('keeps serving snapshots after Stop replaced the worker', async () => {
    const host = createHost();
    await host.run('slow program');
    const slow = rejection(host.snapshot(4));
    expect((await rejection(host.snapshot(5))).name).toBe('Busy');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await host.stop();
    expect((await slow).name).toBe('Stopped');
    expect(spawned).toBe(2);
    // The fresh worker re-runs the same program: the timeline survived the stop.
    expect(await host.snapshot(3)).toMatchObject({ step: 3, stdout: 'slow program' });
  });

  it('captures a window of steps per re-run, ahead or behind as the person moves', async () => {
    const host = createHost();
    await host.run('x'.repeat(100));
    const requestOf = async (step: number) =>
      ((await host.snapshot(step)) as unknown as { request: number }).request;
    const first = await requestOf(30);
    expect(await requestOf(31)).toBe(first);
    expect(await requestOf(53)).toBe(first);
    const back = await requestOf(29);
    expect(back).toBeGreaterThan(first);
    expect(await requestOf(10)).toBe(back);
    // A new run forgets the old run's snapshots.
    await host.run('y'.repeat(100));
    expect(await host.snapshot(31)).toMatchObject({ stdout: 'y'.repeat(100) });
  });

  it('lets a new run replace a snapshot still being computed', async () => {
    const host = createHost();
    await host.run('slow program');
    const slow = rejection(host.snapshot(4));
    const next = await host.run('next');
    expect(next).toMatchObject({ stdout: 'next' });
    const error = await slow;
    expect(error.name).toBe('Stopped');
    expect(error.message).toMatch(/new run/);
    expect(await host.snapshot(1)).toMatchObject({ step: 1, stdout: 'next' });
  });
});

describe('EngineHost step events', () => {
  it('re-runs the last finished program for the events of a step, once per step', async () => {
    const host = createHost();
    await host.run('abc');
    const first = await host.stepEvents(1);
    expect(first).toMatchObject({ step: 1, events: [{ kind: 'output', text: 'abc' }] });
    expect(await host.stepEvents(1)).toBe(first);
    expect((await rejection(host.stepEvents(3))).name).toBe('InvalidRequest');
  });

  it("serves the last step's events from the run's own recording, without a re-run", async () => {
    const host = createHost();
    await host.run('end of it');
    expect(await host.stepEvents(8)).toMatchObject({ step: 8, events: [], request: 0 });
    expect(await host.stepEvents(2)).toMatchObject({ step: 2, request: 1 });
  });

  it('waits for a snapshot being computed, and a snapshot waits for it, instead of Busy', async () => {
    const host = createHost();
    await host.run('abcdef');
    // The events are computed first; the snapshot asked for meanwhile waits for them.
    const order: string[] = [];
    await Promise.all([
      host.stepEvents(2).then(() => order.push('events')),
      host.snapshot(2).then(() => order.push('snapshot')),
    ]);
    expect(order).toEqual(['events', 'snapshot']);
    // One of the window that snapshot captured is served at once, events or not.
    const more = host.stepEvents(3).then(() => order.push('more events'));
    await host.snapshot(5).then(() => order.push('cached snapshot'));
    await more;
    expect(order.slice(2)).toEqual(['cached snapshot', 'more events']);
  });

  it('drops a waiting request when a new run replaces the old one', async () => {
    const host = createHost();
    await host.run('slow program');
    const slow = rejection(host.snapshot(4));
    const waiting = rejection(host.stepEvents(1));
    await host.run('next');
    expect((await slow).name).toBe('Stopped');
    expect((await waiting).name).toBe('Stopped');
    expect(await host.stepEvents(1)).toMatchObject({ step: 1, events: [{ text: 'next' }] });
  });
});
