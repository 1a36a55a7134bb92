/**
 * The memory engine's public API: everything outside src/core (CLI, worker, web shell,
 * tests) goes through this file. The engine is pure TypeScript: no `node:` imports,
 * no DOM, deterministic for a given source and options.
 */

export interface RunOptions {
  /** Shown in tracebacks (`File "<filename>", line N`). */
  filename?: string;
  /** Stop the program with a clear message after this many trace steps. */
  stepBudget?: number;
  /** Simulated heap limit in bytes; exceeding it raises MemoryError. */
  memoryLimit?: number;
  /** Streams output as the program writes it (the result still holds all of it). */
  onStdout?: (text: string) => void;
  onStderr?: (text: string) => void;
  /** Called every few thousand steps with the number of steps so far. */
  onProgress?: (steps: number) => void;
  /** Collect the `sys.settrace`-style step list of the user's code. */
  recordSteps?: boolean;
  /**
   * Capture the Snapshot at this step (0-based, as in `steps`) and stop the run there:
   * the snapshot is exact because the program is still suspended at that step.
   */
  snapshotAt?: number;
  /** Capture the Snapshots at all these steps in one run (e.g. the steps after the current one). */
  snapshotSteps?: number[];
  /** Bounds for the snapshot's heap walk. */
  snapshotLimits?: Partial<CaptureLimits>;
  /** Record memory over time: a few numbers per step for the whole run (`RunResult.memory`). */
  recordMemory?: boolean;
  /**
   * Record what happens in memory during this step (0-based), until the next one starts, and
   * stop the run there (`RunResult.stepEvents`; trace/step-events-types.ts).
   */
  stepEvents?: number;
  /**
   * Called at every step, where snapshots are captured, with a function that captures the
   * step's Snapshot; it may block (a worker paused at a checkpoint). Allocating lines are
   * recorded, as in snapshot runs, so its snapshots equal theirs. `recordEvents(done)` records
   * what happens in memory during this step and gives it to `done` as the next step starts (or
   * the run ends): the `stepEvents` option's result for this step.
   */
  onStep?: (
    step: number,
    capture: () => Snapshot,
    recordEvents: (done: (events: StepEvents) => void) => void,
  ) => void;
  /**
   * Capture the Snapshot where the program's `<module>` code returns and give it back as
   * `endSnapshot` when that is the run's last step (where the timeline opens), with that step's
   * events as `endStepEvents`. Records what snapshot runs record (allocating lines, collector
   * phases), so both equal a re-run's.
   */
  captureEnd?: boolean;
  /**
   * sys.getrefcount prints the engine's count even of an object whose count CPython's startup
   * decides and no calibration measured (it raises otherwise): for the calibration probe.
   */
  rawRefcounts?: boolean;
}

export type TraceEvent = 'call' | 'line' | 'return' | 'exception';

export interface TraceStep {
  event: TraceEvent;
  line: number;
  /** `co_name` of the frame: `<module>`, a function name, `<listcomp>`, … */
  func: string;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  /** What `python3 FILE.py` would exit with: 0, or 1 after an uncaught exception. */
  exitCode: number;
  steps?: TraceStep[];
  /** Trace steps of the whole run (or up to the snapshot). */
  stepCount: number;
  snapshot?: Snapshot;
  /** The snapshots of `snapshotSteps` (and `snapshotAt`) that the run reached, in step order. */
  snapshots?: Snapshot[];
  /** With `recordMemory`: bytes, blocks, objects by type and gc counts at every step. */
  memory?: MemorySeries;
  /** With `stepEvents`: the events of that step (absent when the run ended before it). */
  stepEvents?: StepEvents;
  /** With `captureEnd`: the Snapshot of the last step, when it is the `<module>` code's return. */
  endSnapshot?: Snapshot;
  /** With `captureEnd`: that last step's events (what shutdown did), when the heap was small enough. */
  endStepEvents?: StepEvents;
}

export { runSource } from './run';
export type * from './trace/snapshot-types';
import type { Snapshot } from './trace/snapshot-types';
import type { CaptureLimits } from './trace/capture';
export type { CaptureLimits };
import type { MemorySeries } from './trace/memory-series';
export type { MemoryChannel, MemorySeries } from './trace/memory-series';
// Also brings in the fields the memory views add to Snapshot (allocating line, pool detail).
export type { FreedBlock } from './trace/memory-detail';
import type { StepEvents } from './trace/step-events-types';
export type * from './trace/step-events-types';
