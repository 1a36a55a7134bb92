/**
 * The worker's side of the checkpoint pool (checkpoint-pool.ts): re-runs the program to a
 * checkpoint step and pauses there. The engine runs synchronously, so pausing means blocking
 * inside its step hook (`RunOptions.onStep`) with Atomics.wait until the host announces a
 * command, which is read synchronously with receiveMessageOnPort. A seek runs on to its
 * steps, captures their snapshots, posts them and pauses again at the last one.
 *
 * The run captures exactly as a snapshot re-run does (the same step hook, allocating lines
 * recorded from the start), so its snapshots are the ones a re-run would give.
 */

import { receiveMessageOnPort } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import type { Snapshot } from '../shared/lab-api';
import type { CheckpointCommand, CheckpointRequest, WorkerToHost } from './engine-protocol';
import type { RunSource } from './engine-run';

export function serveCheckpoint(
  request: CheckpointRequest,
  runSource: RunSource,
  post: (message: WorkerToHost) => void,
): void {
  const signal = new Int32Array(request.signal);
  const hold = new Int32Array(request.hold);
  const { commands } = request;
  /** The request being served: the checkpoint, then each seek. */
  let seq = request.seq;
  let pauseAt = request.step;
  let wanted = new Set<number>();
  /** The step the host waits for: its snapshot is posted as soon as it is taken. */
  let urgent = -1;
  let captured: Snapshot[] = [];

  const nextCommand = (): CheckpointCommand => {
    for (;;) {
      // The host adds 1 after posting: a command posted after this load makes the value
      // differ, and the wait returns at once.
      const seen = Atomics.load(signal, 0);
      const received = receiveMessageOnPort(commands) as { message: CheckpointCommand } | undefined;
      if (received) return received.message;
      Atomics.wait(signal, 0, seen);
    }
  };

  const flush = () => {
    if (captured.length > 0) post({ type: 'snapshot', seq, snapshots: captured });
    captured = [];
  };

  try {
    runSource(request.source, {
      ...request.options,
      onStep: (step, capture) => {
        // Background work: give the core to a seek in another worker (checked every 4,096 steps).
        if ((step & 4095) === 0 && seq === request.seq)
          while (Atomics.load(hold, 0) === 1) Atomics.wait(hold, 0, 1, 1000);
        if (wanted.has(step)) {
          captured.push(capture());
          if (step === urgent) flush();
        }
        while (step === pauseAt) {
          flush();
          const heap = getHeapStatistics();
          post({ type: 'paused', seq, step, heapUsed: heap.used_heap_size, heapTotal: heap.total_heap_size });
          const command = nextCommand();
          seq = command.seq;
          wanted = new Set(command.steps);
          urgent = command.step;
          pauseAt = Math.max(step, ...command.steps);
          if (wanted.has(step)) {
            captured.push(capture());
            if (step === urgent) flush();
          }
        }
      },
    });
    throw new RangeError(`the program ended before step ${pauseAt}`);
  } catch (error) {
    const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
    post({ type: 'failure', seq, error: { name, message, stack } });
  }
}
