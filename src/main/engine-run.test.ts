import { describe, expect, it } from 'vitest';
import type { RunOptions, RunResult } from '../core';
import type { HostToWorker, WorkerToHost } from './engine-protocol';
import { BATCH_CHARS, BATCH_MS, serveRun, type RunSource } from './engine-run';

const request: HostToWorker = { type: 'run', seq: 7, source: 'print(1)', options: { filename: 'main.py' } };

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
    expect(posted).toEqual([
      { type: 'result', seq: 7, result: { stdout: '', stderr: '', exitCode: 0, stepCount: 0 } },
    ]);
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
