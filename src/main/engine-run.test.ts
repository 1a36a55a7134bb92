import { describe, expect, it } from 'vitest';
import { runSource, type RunOptions, type RunResult, type Snapshot, type TraceStep } from '../core';
import { MAX_LISTED_STEPS } from '../shared/lab-api';
import type { WorkerToHost } from './engine-protocol';
import {
  BATCH_CHARS,
  BATCH_MS,
  serveRequest,
  serveRun,
  type RunRequestMessage,
  type RunSource,
  type SnapshotRequestMessage,
} from './engine-run';

const request: RunRequestMessage = {
  type: 'run',
  seq: 7,
  source: 'print(1)',
  options: { filename: 'main.py' },
};

/** Serves `request` with an engine that calls back as `script` says; returns the posted messages. */
function serve(script: (options: RunOptions, clock: { t: number }) => RunResult): WorkerToHost[] {
  const posted: WorkerToHost[] = [];
  const clock = { t: 0 };
  const engine: RunSource = (_source, options) => script(options, clock);
  serveRun(
    request,
    engine,
    (message) => posted.push(message),
    () => clock.t,
  );
  return posted;
}

describe('serveRun', () => {
  it('passes the source and options through and posts the result', () => {
    let seen: [string, RunOptions] | undefined;
    const posted: WorkerToHost[] = [];
    serveRun(
      request,
      (source, options) => {
        seen = [source, options];
        return { stdout: '', stderr: '', exitCode: 0, stepCount: 0 };
      },
      (message) => posted.push(message),
    );
    expect(seen?.[0]).toBe('print(1)');
    expect(seen?.[1].filename).toBe('main.py');
    expect(seen?.[1].recordSteps).toBe(true);
    expect(seen?.[1].recordMemory).toBe(true);
    expect(posted).toEqual([
      { type: 'result', seq: 7, result: { stdout: '', stderr: '', exitCode: 0, stepCount: 0 } },
    ]);
  });

  it('sends memory over time as base64 text', () => {
    const posted = serve(() => ({
      stdout: '',
      stderr: '',
      exitCode: 0,
      stepCount: 3,
      memory: {
        stepCount: 3,
        channels: [{ name: 'bytes', steps: Uint32Array.of(0, 2), values: Uint32Array.of(0, 64) }],
        types: [],
        events: { steps: new Uint32Array(0), kinds: new Uint8Array(0) },
        collections: {
          steps: new Uint32Array(0),
          generations: new Uint8Array(0),
          collected: new Uint32Array(0),
          uncollectable: new Uint32Array(0),
          manual: new Uint8Array(0),
        },
      },
    }));
    const result = posted.find((m) => m.type === 'result');
    expect(result?.type === 'result' && result.result.memory?.channels[0]).toEqual({
      name: 'bytes',
      steps: 'AAAAAAIAAAA=',
      values: 'AAAAAEAAAAA=',
    });
  });

  it('batches consecutive output of one stream and keeps the order across streams', () => {
    const posted = serve((options) => {
      options.onStdout?.('a');
      options.onStdout?.('b');
      options.onStderr?.('E');
      options.onStdout?.('c');
      return { stdout: 'abc', stderr: 'E', exitCode: 1, stepCount: 0 };
    });
    expect(posted).toEqual([
      { type: 'event', seq: 7, event: { kind: 'stdout', text: 'ab' } },
      { type: 'event', seq: 7, event: { kind: 'stderr', text: 'E' } },
      { type: 'event', seq: 7, event: { kind: 'stdout', text: 'c' } },
      { type: 'result', seq: 7, result: { stdout: 'abc', stderr: 'E', exitCode: 1, stepCount: 0 } },
    ]);
  });

  it('flushes a long batch by size and a slow one by time', () => {
    const posted = serve((options, clock) => {
      options.onStdout?.('x'.repeat(BATCH_CHARS));
      options.onStdout?.('y');
      clock.t += BATCH_MS;
      options.onStdout?.('z');
      return { stdout: '', stderr: '', exitCode: 0, stepCount: 0 };
    });
    const texts = posted.flatMap((m) =>
      m.type === 'event' && m.event.kind === 'stdout' ? [m.event.text] : [],
    );
    expect(texts).toEqual(['x'.repeat(BATCH_CHARS), 'yz']);
  });

  it('thins progress to one message per batch interval', () => {
    const posted = serve((options, clock) => {
      options.onProgress?.(1000);
      options.onProgress?.(2000);
      clock.t += BATCH_MS;
      options.onProgress?.(3000);
      return { stdout: '', stderr: '', exitCode: 0, stepCount: 0 };
    });
    expect(posted.filter((m) => m.type === 'event')).toEqual([
      { type: 'event', seq: 7, event: { kind: 'progress', steps: 1000 } },
      { type: 'event', seq: 7, event: { kind: 'progress', steps: 3000 } },
    ]);
  });

  it('sends only the documented result fields across the thread boundary', () => {
    const posted = serve(
      () => ({ stdout: 'ok\n', stderr: '', exitCode: 0, stepCount: 3, timeline: () => 0 }) as RunResult,
    );
    expect(posted.at(-1)).toEqual({
      type: 'result',
      seq: 7,
      result: { stdout: 'ok\n', stderr: '', exitCode: 0, stepCount: 3 },
    });
  });

  it('reports an engine that throws as a failure, after the output it wrote', () => {
    const posted = serve((options) => {
      options.onStdout?.('partial');
      throw new TypeError('engine bug');
    });
    expect(posted[0]).toEqual({ type: 'event', seq: 7, event: { kind: 'stdout', text: 'partial' } });
    expect(posted[1]).toMatchObject({
      type: 'failure',
      seq: 7,
      error: { name: 'TypeError', message: 'engine bug' },
    });
  });
});

const step = (line: number): TraceStep => ({ event: 'line', line, func: '<module>' });

describe('the step list of a run', () => {
  it('goes with the result when the run is short enough', () => {
    const steps = [step(1), step(2)];
    const posted = serve(() => ({ stdout: '', stderr: '', exitCode: 0, stepCount: 2, steps }));
    expect(posted.at(-1)).toEqual({
      type: 'result',
      seq: 7,
      result: { stdout: '', stderr: '', exitCode: 0, stepCount: 2, steps },
    });
  });

  it('stays in the worker past MAX_LISTED_STEPS: only the count is sent', () => {
    const steps = Array.from({ length: MAX_LISTED_STEPS + 1 }, (_, i) => step(i));
    const posted = serve(() => ({ stdout: '', stderr: '', exitCode: 0, stepCount: steps.length, steps }));
    expect(posted.at(-1)).toEqual({
      type: 'result',
      seq: 7,
      result: { stdout: '', stderr: '', exitCode: 0, stepCount: MAX_LISTED_STEPS + 1 },
    });
  });
});

describe('serveRequest for a snapshot', () => {
  const snapshotRequest: SnapshotRequestMessage = {
    type: 'snapshot',
    seq: 9,
    source: 'l = []',
    options: { filename: 'main.py', stepBudget: 100 },
    steps: [2, 3],
  };
  const snapshots = [{ step: 2, line: 1 } as Snapshot, { step: 3, line: 2 } as Snapshot];

  it('re-runs the program with the same options and posts the snapshots of the steps', () => {
    let seen: [string, RunOptions] | undefined;
    const posted: WorkerToHost[] = [];
    serveRequest(
      snapshotRequest,
      (source, options) => {
        seen = [source, options];
        return { stdout: '', stderr: '', exitCode: 0, stepCount: 4, snapshots };
      },
      (message) => posted.push(message),
    );
    expect(seen).toEqual(['l = []', { filename: 'main.py', stepBudget: 100, snapshotSteps: [2, 3] }]);
    expect(posted).toEqual([{ type: 'snapshot', seq: 9, snapshots }]);
  });

  it('fails when the program ends before the step', () => {
    const posted: WorkerToHost[] = [];
    serveRequest(
      snapshotRequest,
      () => ({ stdout: '', stderr: '', exitCode: 0, stepCount: 1 }),
      (message) => posted.push(message),
    );
    expect(posted).toMatchObject([
      { type: 'failure', seq: 9, error: { name: 'RangeError', message: 'the program ended before step 3' } },
    ]);
  });
});

describe('serveRequest for step events', () => {
  it('re-runs the program with the engine itself and posts the events of the step', () => {
    const posted: WorkerToHost[] = [];
    const source = 'a = []\ndel a\n';
    serveRequest(
      { type: 'stepEvents', seq: 4, source, options: { filename: 'main.py' }, step: 2 },
      runSource,
      (message) => posted.push(message),
    );
    expect(posted).toHaveLength(1);
    const message = posted[0] as Extract<WorkerToHost, { type: 'stepEvents' }>;
    expect(message).toMatchObject({ type: 'stepEvents', seq: 4, events: { step: 2, line: 2, next: 3 } });
    expect(message.events.events).toContainEqual(expect.objectContaining({ kind: 'unlink', label: 'a' }));
  });

  it('fails when the program ends before the step', () => {
    const posted: WorkerToHost[] = [];
    serveRequest(
      { type: 'stepEvents', seq: 5, source: 'x = 1\n', options: { filename: 'main.py' }, step: 99 },
      runSource,
      (message) => posted.push(message),
    );
    expect(posted).toMatchObject([
      { type: 'failure', seq: 5, error: { name: 'RangeError', message: 'the program ended before step 99' } },
    ]);
  });
});
