/**
 * Messages between the engine host (main process) and its worker thread. Every message
 * carries the `seq` of the request (a run or a snapshot) it belongs to, so the host can drop
 * anything a stopped request still had in flight.
 *
 * The worker holds no state between requests: a snapshot request carries the program again
 * and the worker re-runs it to the step (the engine is deterministic). So a worker replaced
 * by Stop, or one that crashed, loses nothing the timeline needs.
 */

import type { MessagePort } from 'node:worker_threads';
import type { RunEvent, RunResult, Snapshot, StepEvents } from '../shared/lab-api';

/** What the host chooses for every run; the program's text travels beside it. */
export interface EngineRunOptions {
  /** Shown in tracebacks: `File "<filename>", line N`. */
  filename: string;
  /** Trace steps after which the engine stops a runaway program with its own message. */
  stepBudget?: number;
  /** Simulated heap limit in bytes; beyond it the program gets a MemoryError. */
  memoryLimit?: number;
}

export type HostToWorker =
  | { type: 'run'; seq: number; source: string; options: EngineRunOptions }
  /** Re-runs `source` with the same options and captures the memory at each of `steps`. */
  | { type: 'snapshot'; seq: number; source: string; options: EngineRunOptions; steps: number[] }
  /** Re-runs `source` to `step` and records what happens in memory until the next step. */
  | { type: 'stepEvents'; seq: number; source: string; options: EngineRunOptions; step: number };

/**
 * Sent only to a worker of the checkpoint pool (checkpoint-pool.ts): re-runs `source` to
 * `step` and pauses there, blocked inside the engine's step hook. Commands then come on
 * `commands`, each announced by adding 1 to the first Int32 of `signal` (Atomics.notify
 * wakes the worker); the host cancels the rest of a seek's window by storing the seek's seq
 * in the second Int32 of `signal`. While the first Int32 of `hold` (shared by the pool's workers) is 1,
 * background runs (this one to `step`, and moves) wait: the foreground is seeking.
 */
export interface CheckpointRequest {
  type: 'checkpoint';
  seq: number;
  source: string;
  options: EngineRunOptions;
  step: number;
  signal: SharedArrayBuffer;
  hold: SharedArrayBuffer;
  commands: MessagePort;
}

/**
 * Commands to a worker paused by a `checkpoint` request. `seek`: run on to the last of
 * `steps` (none before the step it is paused at), capturing the snapshot at each, and pause
 * there; the snapshot of `step` (one of `steps`) is posted as soon as it is taken, the later
 * ones a few at a time until the host cancels them (the worker then pauses where it is). `move` (background work, which waits while `hold`
 * is 1): run on to `step` and pause there, or re-run from the start to it when it lies behind.
 * `events`: run on to `step` (not before the step it is paused at, nor the run's last), post
 * its step events as the next step starts, and pause there.
 */
export type CheckpointCommand =
  | { type: 'seek'; seq: number; step: number; steps: number[] }
  | { type: 'move'; seq: number; step: number }
  | { type: 'events'; seq: number; step: number };

/**
 * A checkpoint worker's seek, from the command's arrival (ms): running on to the step asked
 * for (with the captures of the window's steps before it), and capturing that step.
 */
export interface SeekTiming {
  runMs: number;
  captureMs: number;
}

export type WorkerToHost =
  | { type: 'event'; seq: number; event: RunEvent }
  /** The last step's Snapshot and events, when the run could capture them (RunOptions.captureEnd). */
  | { type: 'result'; seq: number; result: RunResult; endSnapshot?: Snapshot; endStepEvents?: StepEvents }
  /** From a checkpoint worker, the message with the step its seek asked for also says how long it took. */
  | { type: 'snapshot'; seq: number; snapshots: Snapshot[]; timing?: SeekTiming }
  | { type: 'stepEvents'; seq: number; events: StepEvents }
  | { type: 'failure'; seq: number; error: { name: string; message: string; stack?: string } }
  /** A checkpoint worker is paused at `step`; its isolate's heap, in bytes, as it pauses. */
  | { type: 'paused'; seq: number; step: number; heapUsed: number; heapTotal: number };
