/**
 * Messages between the engine host (main process) and its worker thread. Every message
 * carries the `seq` of the request (a run or a snapshot) it belongs to, so the host can drop
 * anything a stopped request still had in flight.
 *
 * The worker holds no state between requests: a snapshot request carries the program again
 * and the worker re-runs it to the step (the engine is deterministic). So a worker replaced
 * by Stop, or one that crashed, loses nothing the timeline needs.
 */

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

export type WorkerToHost =
  | { type: 'event'; seq: number; event: RunEvent }
  | { type: 'result'; seq: number; result: RunResult }
  | { type: 'snapshot'; seq: number; snapshots: Snapshot[] }
  | { type: 'stepEvents'; seq: number; events: StepEvents }
  | { type: 'failure'; seq: number; error: { name: string; message: string; stack?: string } };
