/**
 * One request inside the engine worker: a run (calls the engine, records its steps and turns
 * its callbacks into `WorkerToHost` messages) or a snapshot (re-runs to a step).
 *
 * The engine runs synchronously, so every callback posts straight away. Output is batched
 * (consecutive text of one stream, flushed on a stream switch, at BATCH_CHARS, or after
 * BATCH_MS) and progress is thinned to one message per BATCH_MS: a program printing in a
 * tight loop would otherwise flood the message port and the renderer with tiny messages.
 */

import type { RunOptions, RunResult } from '../core';
import { MAX_LISTED_STEPS } from '../shared/lab-api';
import { encodeMemorySeries } from '../shared/memory-series';
import type { HostToWorker, WorkerToHost } from './engine-protocol';

export const BATCH_CHARS = 16_384;
export const BATCH_MS = 50;

export type RunSource = (source: string, options: RunOptions) => RunResult;

export type RunRequestMessage = Extract<HostToWorker, { type: 'run' }>;
export type SnapshotRequestMessage = Extract<HostToWorker, { type: 'snapshot' }>;
export type StepEventsRequestMessage = Extract<HostToWorker, { type: 'stepEvents' }>;

/** Serves one message from the host. */
export function serveRequest(
  request: HostToWorker,
  runSource: RunSource,
  post: (message: WorkerToHost) => void,
): void {
  if (request.type === 'snapshot') serveSnapshot(request, runSource, post);
  else if (request.type === 'stepEvents') serveStepEvents(request, runSource, post);
  else serveRun(request, runSource, post);
}

export function serveRun(
  request: RunRequestMessage,
  runSource: RunSource,
  post: (message: WorkerToHost) => void,
  now: () => number = Date.now,
): void {
  const { seq } = request;
  let pendingKind: 'stdout' | 'stderr' = 'stdout';
  let pending = '';
  let lastFlush = now();
  let lastProgress = -Infinity;

  const flush = () => {
    if (pending) post({ type: 'event', seq, event: { kind: pendingKind, text: pending } });
    pending = '';
    lastFlush = now();
  };
  const write = (kind: 'stdout' | 'stderr', text: string) => {
    if (kind !== pendingKind) flush();
    pendingKind = kind;
    pending += text;
    if (pending.length >= BATCH_CHARS || now() - lastFlush >= BATCH_MS) flush();
  };

  try {
    const result = runSource(request.source, {
      ...request.options,
      recordSteps: true,
      recordMemory: true,
      // The timeline opens at the last step: its snapshot comes with the result.
      captureEnd: true,
      onStdout: (text) => write('stdout', text),
      onStderr: (text) => write('stderr', text),
      onProgress: (steps) => {
        const t = now();
        if (t - lastProgress < BATCH_MS) return;
        lastProgress = t;
        flush();
        post({ type: 'event', seq, event: { kind: 'progress', steps } });
      },
    });
    flush();
    // Only the documented fields cross the thread boundary: anything else the engine keeps
    // on its result (e.g. a timeline) may not survive structured cloning. A long step list
    // stays here: cloning millions of step objects would stall both threads for seconds.
    const { stdout, stderr, exitCode, stepCount, steps, memory, endSnapshot, endStepEvents } = result;
    const listed = steps && steps.length === stepCount && stepCount <= MAX_LISTED_STEPS ? { steps } : {};
    // Memory over time travels as base64 text: the web shell's socket carries JSON.
    const series = memory ? { memory: encodeMemorySeries(memory, toBase64) } : {};
    const end = { ...(endSnapshot ? { endSnapshot } : {}), ...(endStepEvents ? { endStepEvents } : {}) };
    post({
      type: 'result',
      seq,
      result: { stdout, stderr, exitCode, stepCount, ...listed, ...series },
      ...end,
    });
  } catch (error) {
    flush();
    post(failure(seq, error));
  }
}

/**
 * Re-runs the program to the last of `steps` and posts the memory at each of them. The
 * program's output is not streamed again: a snapshot holds what had been written by then.
 */
export function serveSnapshot(
  request: SnapshotRequestMessage,
  runSource: RunSource,
  post: (message: WorkerToHost) => void,
): void {
  const { seq, steps } = request;
  try {
    const { snapshots = [] } = runSource(request.source, { ...request.options, snapshotSteps: steps });
    if (snapshots.length !== steps.length) {
      throw new RangeError(`the program ended before step ${steps[steps.length - 1]}`);
    }
    post({ type: 'snapshot', seq, snapshots });
  } catch (error) {
    post(failure(seq, error));
  }
}

/** Re-runs the program to `step` and posts what happened in memory during it. */
export function serveStepEvents(
  request: StepEventsRequestMessage,
  runSource: RunSource,
  post: (message: WorkerToHost) => void,
): void {
  const { seq, step } = request;
  try {
    const { stepEvents } = runSource(request.source, { ...request.options, stepEvents: step });
    if (stepEvents === undefined) throw new RangeError(`the program ended before step ${step}`);
    post({ type: 'stepEvents', seq, events: stepEvents });
  } catch (error) {
    post(failure(seq, error));
  }
}

const toBase64 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

function failure(seq: number, error: unknown): WorkerToHost {
  const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
  return { type: 'failure', seq, error: { name, message, stack } };
}
