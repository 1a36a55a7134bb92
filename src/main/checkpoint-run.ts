/**
 * The worker's side of the checkpoint pool (checkpoint-pool.ts): re-runs the program to a
 * checkpoint step and pauses there. The engine runs synchronously, so pausing means blocking
 * inside its step hook (`RunOptions.onStep`) with Atomics.wait until the host announces a
 * command, which is read synchronously with receiveMessageOnPort. A seek runs on to its
 * steps, captures their snapshots, posts them and pauses again at the last one; a request for
 * a step's events runs on to it, records them and pauses at the next step.
 *
 * The run captures exactly as a snapshot re-run does (the same step hook, allocating lines
 * recorded from the start), so its snapshots and step events are the ones a re-run would give.
 *
 * A `move` command behind the worker's step re-runs the program from the start in the same
 * isolate: runs of a program in one process are identical, and this isolate is already warm.
 *
 * The rest of a seek's window, after the step asked for, goes out TAIL_CHUNK snapshots at a
 * time, and stops when the host cancels it (the second Int32 of `signal` set to the seek's
 * seq): a window of 23 more snapshots took 20-60 ms to capture and 10-20 ms of the host's
 * main thread to receive in one message, which made the next seek of back-to-back seeks wait
 * for a core and for the host to read its message (bench-seek).
 *
 * A seek must not pay for the JIT: each worker is its own isolate, and one paused early in
 * the run has not run the program's code hot yet (measured on bench/timeline/long_run.py:
 * from step 0 to 111,000 took 270 ms in a fresh isolate, 200 ms after one run to 150,000,
 * 50 ms after three runs to 60,000). So a worker whose checkpoint is before WARM_STEPS first
 * runs the program WARM_RUNS times that far and throws the runs away (runs of a program in
 * one process are identical: core/trace/rerun-determinism.test.ts), and every worker takes
 * one snapshot, dropped, before it pauses.
 */

import { receiveMessageOnPort } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import type { Snapshot } from '../shared/lab-api';
import type { CheckpointCommand, CheckpointRequest, SeekTiming, WorkerToHost } from './engine-protocol';
import type { RunSource } from './engine-run';

/** A worker paused before this step first runs the program this far, WARM_RUNS times. */
const WARM_STEPS = 60_000;
const WARM_RUNS = 3;
/**
 * Snapshots of a window's rest posted together: one takes about 0.6 ms of the host's main
 * thread to receive, so a chunk delays another worker's message by a few ms at most.
 */
export const TAIL_CHUNK = 4;

class Warmed extends Error {}

/** Runs the program to WARM_STEPS (or its end) with the checkpoint run's hook, capturing once. */
function warmUp(request: CheckpointRequest, runSource: RunSource, hold: Int32Array): void {
  try {
    runSource(request.source, {
      ...request.options,
      onStep: (step, capture) => {
        if ((step & 4095) === 0) while (Atomics.load(hold, 0) === 1) Atomics.wait(hold, 0, 1, 1000);
        if (step === 1000) capture();
        if (step >= WARM_STEPS) throw new Warmed();
      },
    });
  } catch (error) {
    if (!(error instanceof Warmed)) throw error;
  }
}

/** Thrown from the step hook to re-run the program from the start (a move behind the worker). */
class Restart extends Error {}

export function serveCheckpoint(
  request: CheckpointRequest,
  runSource: RunSource,
  post: (message: WorkerToHost) => void,
): void {
  const signal = new Int32Array(request.signal);
  const hold = new Int32Array(request.hold);
  const { commands } = request;
  /** The request being served: the checkpoint, then each command. */
  let seq = request.seq;
  let pauseAt = request.step;
  /** Background work (the run to the checkpoint, a move) gives way while `hold` is 1. */
  let background = true;
  let wanted = new Set<number>();
  /** The step the host waits for: its snapshot is posted as soon as it is taken. */
  let urgent = -1;
  /** Past `urgent`: capturing the rest of the window, which the host may cancel. */
  let tail = false;
  /** The step whose events are asked for (-1: none). */
  let eventsAt = -1;
  let captured: Snapshot[] = [];
  /** When the current command arrived (performance.now()). */
  let commandAt = 0;

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

  const flush = (timing?: SeekTiming) => {
    if (captured.length > 0) post({ type: 'snapshot', seq, snapshots: captured, ...(timing && { timing }) });
    captured = [];
  };

  /** Captures `step` of the window, unless the host no longer wants the window's rest. */
  const take = (step: number, capture: () => Snapshot) => {
    if (tail && Atomics.load(signal, 1) === seq) {
      // Not posted either: the host has moved on, and reading them would hold up its thread.
      wanted = new Set();
      captured = [];
      pauseAt = step;
      return;
    }
    const reached = performance.now();
    captured.push(capture());
    if (step === urgent) {
      flush({ runMs: reached - commandAt, captureMs: performance.now() - reached });
      tail = true;
    } else if (tail && captured.length >= TAIL_CHUNK) flush();
  };

  /** Takes the next command while paused at `step`; true when it asks for a re-run from the start. */
  const obey = (step: number): boolean => {
    const command = nextCommand();
    commandAt = performance.now();
    seq = command.seq;
    eventsAt = -1;
    tail = false;
    if (command.type === 'events') {
      background = false;
      wanted = new Set();
      urgent = -1;
      eventsAt = command.step;
      pauseAt = command.step + 1;
      return false;
    }
    if (command.type === 'move') {
      background = true;
      wanted = new Set();
      urgent = -1;
      pauseAt = command.step;
      return command.step < step;
    }
    background = false;
    wanted = new Set(command.steps);
    urgent = command.step;
    pauseAt = Math.max(step, ...command.steps);
    return false;
  };

  try {
    for (let i = 0; i < WARM_RUNS && request.step < WARM_STEPS; i++) warmUp(request, runSource, hold);
    let warm = false;
    for (;;) {
      try {
        runSource(request.source, {
          ...request.options,
          onStep: (step, capture, recordEvents) => {
            // Give the core to a seek in another worker (checked every 4,096 steps).
            if ((step & 4095) === 0 && background)
              while (Atomics.load(hold, 0) === 1) Atomics.wait(hold, 0, 1, 1000);
            if (wanted.has(step)) take(step, capture);
            const recordEventsHere = () => {
              const at = seq;
              recordEvents((events) => post({ type: 'stepEvents', seq: at, events }));
            };
            if (step === eventsAt) recordEventsHere();
            while (step === pauseAt) {
              if (!warm) capture(); // the capture's code hot too, before any seek waits for it
              warm = true;
              flush();
              const heap = getHeapStatistics();
              post({
                type: 'paused',
                seq,
                step,
                heapUsed: heap.used_heap_size,
                heapTotal: heap.total_heap_size,
              });
              if (obey(step)) throw new Restart();
              if (wanted.has(step)) take(step, capture);
              if (step === eventsAt) recordEventsHere();
            }
          },
        });
      } catch (error) {
        if (error instanceof Restart) continue;
        throw error;
      }
      throw new RangeError(`the program ended before step ${pauseAt}`);
    }
  } catch (error) {
    const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
    post({ type: 'failure', seq, error: { name, message, stack } });
  }
}
