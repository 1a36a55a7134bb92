/**
 * One run inside the engine worker: calls the engine and turns its callbacks into
 * `WorkerToHost` messages.
 *
 * The engine runs synchronously, so every callback posts straight away. Output is batched
 * (consecutive text of one stream, flushed on a stream switch, at BATCH_CHARS, or after
 * BATCH_MS) and progress is thinned to one message per BATCH_MS: a program printing in a
 * tight loop would otherwise flood the message port and the renderer with tiny messages.
 */

import type { RunOptions, RunResult } from '../core';
import type { HostToWorker, WorkerToHost } from './engine-protocol';

export const BATCH_CHARS = 16_384;
export const BATCH_MS = 50;

export type RunSource = (source: string, options: RunOptions) => RunResult;

export function serveRun(
  request: HostToWorker,
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
    // on its result (e.g. a timeline) may not survive structured cloning.
    const { stdout, stderr, exitCode, stepCount } = result;
    post({ type: 'result', seq, result: { stdout, stderr, exitCode, stepCount } });
  } catch (error) {
    flush();
    const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
    post({ type: 'failure', seq, error: { name, message, stack } });
  }
}
