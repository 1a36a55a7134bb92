/**
 * The one contract between the renderer and the main-process services. The preload
 * implements it over Electron IPC, the web shell over a WebSocket, tests in-process; the
 * renderer only ever sees `window.lab` and never knows which one it has.
 */

import type { ObjectId, RunResult as EngineRunResult, Snapshot, StepEvents, TraceStep } from '../core';
import type { CPythonRun, CPythonStatus } from './cpython';
import type { ExperimentsApi } from './experiments-api';
import type { ExercisesApi } from './exercises-api';
import type { MemorySeriesWire } from './memory-series';
import type { MenuMessage } from './menu-commands';
import type { PreferencesApi } from './preferences-api';

export type { CPythonRun, CPythonStatus, MemorySeriesWire, ObjectId, Snapshot, StepEvents, TraceStep };

/** A run's result as `run` resolves it: the engine's, with memory over time encoded for the wire. */
export type RunResult = Omit<EngineRunResult, 'memory'> & { memory?: MemorySeriesWire };

/** Output and progress of a run, streamed while it runs, in the order the engine produced them. */
export type RunEvent =
  { kind: 'stdout'; text: string } | { kind: 'stderr'; text: string } | { kind: 'progress'; steps: number };

export interface LabApi {
  /**
   * Runs a Python program in the engine. Resolves with the whole result once the program
   * ends; rejects when the run is stopped, the engine fails, or the request is invalid.
   * One run at a time per window (or browser tab). The result has `stepCount`, `steps`
   * (the whole step list) when there are at most `MAX_LISTED_STEPS`, and `memory` (memory over
   * time, src/shared/memory-series.ts).
   */
  run(source: string, onEvent?: (event: RunEvent) => void): Promise<RunResult>;
  /**
   * Stops the current run, if any (its `run` promise rejects), or a snapshot being computed.
   * Resolves when the engine is ready again.
   */
  stop(): Promise<void>;
  /**
   * The memory at step `step` (0-based, below the last finished run's `stepCount`) of the last
   * run that finished. Rejects with `NoRun` when there is none, `InvalidRequest` when the
   * step is out of range, `Busy` while a program runs.
   */
  snapshot(step: number): Promise<Snapshot>;
  /**
   * What happens in memory while step `step` of the last finished run executes, up to the next
   * step (src/core/trace/step-events-types.ts): computed by one more re-run. Rejects like
   * `snapshot`; it waits for a snapshot being computed instead of failing with `Busy`.
   */
  stepEvents(step: number): Promise<StepEvents>;
  /** Whether `runInCPython` can be used here, and if not, why. */
  cpythonStatus(): Promise<CPythonStatus>;
  /** Runs the program in the machine's CPython 3.11 (rejects with `Unavailable` where there is none). */
  runInCPython(source: string): Promise<CPythonRun>;
  /** The saved experiments (src/shared/experiments-api.ts). */
  experiments: ExperimentsApi;
  /** The bundled exercises and the person's progress (src/shared/exercises-api.ts). */
  exercises: ExercisesApi;
  /** The person's settings: the CPython interpreter to compare with (src/shared/preferences-api.ts). */
  preferences: PreferencesApi;
  /**
   * Calls `listener` with each command of the app's menu (src/shared/menu-commands.ts); returns
   * the unsubscribe. The web shell has no native menu: there it never fires.
   */
  onMenuCommand(listener: (message: MenuMessage) => void): () => void;
}

/** Upper bound on a program's text; larger payloads are rejected before reaching the engine. */
export const MAX_SOURCE_CHARS = 1_000_000;

/**
 * A run's result lists its steps only up to this many (about 2 MB of JSON); a longer run sends
 * just `stepCount`, and the views take each step's line from its snapshot.
 */
export const MAX_LISTED_STEPS = 50_000;

/**
 * The step budget of a run when the host sets none: past it the engine stops the program with
 * a message, and the steps so far can still be explored. Recording the step list costs about
 * 75 bytes a step in the worker, so ten million steps fit its heap.
 */
export const DEFAULT_STEP_BUDGET = 10_000_000;
