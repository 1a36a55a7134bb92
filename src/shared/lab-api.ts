/**
 * The one contract between the renderer and the main-process services. The preload
 * implements it over Electron IPC, the web shell over a WebSocket, tests in-process; the
 * renderer only ever sees `window.lab` and never knows which one it has.
 */

import type { RunResult } from '../core';

export type { RunResult };

/** Output and progress of a run, streamed while it runs, in the order the engine produced them. */
export type RunEvent =
  { kind: 'stdout'; text: string } | { kind: 'stderr'; text: string } | { kind: 'progress'; steps: number };

export interface LabApi {
  /**
   * Runs a Python program in the engine. Resolves with the whole result once the program
   * ends; rejects when the run is stopped, the engine fails, or the request is invalid.
   * One run at a time per window (or browser tab).
   */
  run(source: string, onEvent?: (event: RunEvent) => void): Promise<RunResult>;
  /** Stops the current run, if any: its `run` promise rejects. Resolves when the engine is ready again. */
  stop(): Promise<void>;
}

/** Upper bound on a program's text; larger payloads are rejected before reaching the engine. */
export const MAX_SOURCE_CHARS = 1_000_000;
