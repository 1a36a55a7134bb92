/**
 * Messages between the engine host (main process) and its worker thread. Every message
 * carries the `seq` of the run it belongs to, so the host can drop anything a stopped run
 * still had in flight.
 */

import type { RunEvent, RunResult } from '../shared/lab-api';

/** What the host chooses for every run; the program's text travels beside it. */
export interface EngineRunOptions {
  /** Shown in tracebacks: `File "<filename>", line N`. */
  filename: string;
  /** Trace steps after which the engine stops a runaway program with its own message. */
  stepBudget?: number;
  /** Simulated heap limit in bytes; beyond it the program gets a MemoryError. */
  memoryLimit?: number;
}

export type HostToWorker = { type: 'run'; seq: number; source: string; options: EngineRunOptions };

export type WorkerToHost =
  | { type: 'event'; seq: number; event: RunEvent }
  | { type: 'result'; seq: number; result: RunResult }
  | { type: 'failure'; seq: number; error: { name: string; message: string; stack?: string } };
