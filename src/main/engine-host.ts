/**
 * Owns one engine worker thread for one client (a window, or a browser tab of the web
 * shell): starts runs, streams their events, stops them, and serves snapshots of the last
 * finished run (time travel).
 *
 * Stopping cannot be cooperative (the engine is busy in a synchronous loop), so Stop
 * terminates the worker and warms a fresh one; the stopped request's promise rejects with
 * `Stopped`. Messages carry the request's `seq`, so nothing a dead request still had in
 * flight can reach the next one.
 *
 * The host, not the worker, remembers the last finished run (its program and step count):
 * a snapshot re-runs that program to the step in whichever worker is alive, so stepping
 * still works after a Stop or a crash replaced the worker. After a long run, workers paused
 * at checkpoints of it (checkpoint-pool.ts) serve most seeks and step events from the nearest
 * checkpoint instead; the re-run stays the fallback and gives the same snapshots and events.
 */

import { Worker } from 'node:worker_threads';
import { LabError } from '../shared/lab-error';
import type { RunEvent, RunResult, Snapshot, StepEvents } from '../shared/lab-api';
import { memorySeriesProblem } from '../shared/memory-series';
import { CheckpointPool, type CheckpointSettings } from './checkpoint-pool';
import type { EngineRunOptions, HostToWorker, WorkerToHost } from './engine-protocol';
import { SnapshotCache } from './snapshot-cache';

/** The part of the host that the transports use; tests substitute it. */
export interface Engine {
  run(source: string, onEvent: (event: RunEvent) => void): Promise<RunResult>;
  /** The Snapshot at `step` of the last finished run (see `LabApi.snapshot`). */
  snapshot(step: number): Promise<Snapshot>;
  /** What happens in memory during `step` of the last finished run (see `LabApi.stepEvents`). */
  stepEvents(step: number): Promise<StepEvents>;
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

export interface EngineHostOptions {
  /** Starts a fresh worker running engine.worker.ts, for the host itself or for its pool. */
  spawn: (role: WorkerRole) => Worker;
  runOptions: EngineRunOptions;
  /**
   * Workers paused at checkpoints of a long finished run, so a seek re-runs only from the
   * nearest one (checkpoint-pool.ts); on unless `false`.
   */
  checkpoints?: Partial<CheckpointSettings> | false;
}

/** The one request the worker is busy with. */
type ActiveRequest =
  | {
      kind: 'run';
      seq: number;
      source: string;
      onEvent: (event: RunEvent) => void;
      resolve: (result: RunResult) => void;
      reject: (error: LabError) => void;
    }
  | {
      kind: 'snapshot';
      seq: number;
      step: number;
      resolve: (snapshot: Snapshot) => void;
      reject: (error: LabError) => void;
      /** Served by a checkpoint worker (checkpoint-pool.ts), not by a re-run in the host's. */
      pooled?: boolean;
    }
  | {
      kind: 'stepEvents';
      seq: number;
      step: number;
      resolve: (events: StepEvents) => void;
      reject: (error: LabError) => void;
      /** Recorded by a checkpoint worker, not by a re-run in the host's. */
      pooled?: boolean;
    };

/** The request is served by a checkpoint worker: the host's worker is not busy with it. */
const pooled = (active: ActiveRequest | undefined): boolean =>
  active?.kind !== 'run' && active?.pooled === true;

/** Step events kept for the last run (each costs a run from a checkpoint or the start). */
const STEP_EVENTS_KEPT = 32;

/** What a snapshot needs of the last run that finished. */
interface FinishedRun {
  source: string;
  stepCount: number;
}

/** A worker may use this much JavaScript heap; past it the run fails as EngineCrashed. */
const WORKER_HEAP_MB = 2048;

/** The result with its memory series only when that has the shape and size it should. */
function checkedMemory(result: RunResult): RunResult {
  if (result.memory === undefined || memorySeriesProblem(result.memory, result.stepCount) === null)
    return result;
  const { memory: _dropped, ...rest } = result;
  return rest;
}

/** What an engine worker is for: the host's runs and re-runs, or pausing at a checkpoint. */
export type WorkerRole = 'host' | 'checkpoint';

/**
 * A paused checkpoint worker keeps its young generation committed: 4 MiB of it instead of
 * V8's default takes its heap from about 33 to 22 MiB, and runs the engine as fast (thread
 * CPU time of four runs of bench/timeline/long_run.py to step 900,000: 175-198 ms against
 * 180-192 ms; at 2 MiB they were 8% slower).
 */
const CHECKPOINT_YOUNG_MB = 4;

/** The usual way to start the engine worker from its bundled path. */
export function spawnEngineWorker(workerPath: string, role: WorkerRole = 'host'): Worker {
  const young = role === 'checkpoint' ? { maxYoungGenerationSizeMb: CHECKPOINT_YOUNG_MB } : {};
  return new Worker(workerPath, {
    name: role === 'checkpoint' ? 'pymem-checkpoint' : 'pymem-engine',
    // Python recursion up to its limit of 1000 frames needs more than Node's default stack.
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, stackSizeMb: 256, ...young },
  });
}

export class EngineHost implements Engine {
  readonly #options: EngineHostOptions;
  #worker: Worker | undefined;
  #active: ActiveRequest | undefined;
  #lastRun: FinishedRun | undefined;
  #pool: CheckpointPool | undefined;
  readonly #snapshots = new SnapshotCache();
  readonly #stepEvents = new Map<number, StepEvents>();
  /** Snapshots served by the pool while the host's worker computes step events. */
  readonly #sideSnapshots = new Set<{ reject: (error: LabError) => void }>();
  /** Called once the worker's current snapshot or step-events request is done. */
  #idleWaiters: (() => void)[] = [];
  #seq = 0;
  #disposed = false;

  constructor(options: EngineHostOptions) {
    this.#options = options;
  }

  run(source: string, onEvent: (event: RunEvent) => void = () => {}): Promise<RunResult> {
    if (this.#disposed) return Promise.reject(new LabError('EngineCrashed', 'The engine was shut down.'));
    if (this.#active?.kind === 'run') {
      return Promise.reject(new LabError('Busy', 'A program is already running: stop it first.'));
    }
    if (this.#active) {
      // A snapshot of the old run is no longer wanted: do not make the new run wait for it.
      const active = this.#takeActive();
      active?.reject(new LabError('Stopped', 'A new run replaced this snapshot.'));
      if (!pooled(active)) void this.#terminateWorker();
    }
    this.#dropSideSnapshots(new LabError('Stopped', 'A new run replaced this snapshot.'));
    void this.#endPool();
    this.#lastRun = undefined;
    this.#snapshots.clear();
    this.#stepEvents.clear();
    const worker = this.#ensureWorker();
    const seq = ++this.#seq;
    return new Promise<RunResult>((resolve, reject) => {
      this.#active = { kind: 'run', seq, source, onEvent, resolve, reject };
      const request: HostToWorker = { type: 'run', seq, source, options: this.#options.runOptions };
      worker.postMessage(request);
    });
  }

  snapshot(step: number): Promise<Snapshot> {
    if (this.#disposed) return Promise.reject(new LabError('EngineCrashed', 'The engine was shut down.'));
    // Step events are asked for in the background: a snapshot does not fail for them. A paused
    // worker of the pool serves it meanwhile; else it waits for the host's worker.
    if (this.#active?.kind === 'stepEvents') {
      const last = this.#lastRun!;
      if (!Number.isSafeInteger(step) || step < 0 || step >= last.stepCount)
        return this.#outOfRange(step, last);
      const cached = this.#snapshots.get(step);
      if (cached !== undefined) return Promise.resolve(cached);
      const steps = this.#snapshots.windowFor(step, last.stepCount);
      const pooled = this.#pool?.seek(step, steps);
      return pooled !== undefined
        ? this.#sideSnapshot(step, pooled)
        : this.#whenIdle().then(() => this.snapshot(step));
    }
    if (this.#active?.kind === 'run') {
      return Promise.reject(
        new LabError('Busy', 'A program is running: its steps can be explored once it ends (or is stopped).'),
      );
    }
    if (this.#active) {
      return Promise.reject(
        new LabError('Busy', 'Another snapshot is being computed: ask again when it is done.'),
      );
    }
    const last = this.#lastRun;
    if (!last) return Promise.reject(new LabError('NoRun', 'No program has finished yet: run one first.'));
    if (!Number.isSafeInteger(step) || step < 0 || step >= last.stepCount)
      return this.#outOfRange(step, last);
    const cached = this.#snapshots.get(step);
    if (cached !== undefined) return Promise.resolve(cached);
    const steps = this.#snapshots.windowFor(step, last.stepCount);
    return this.#serve<Snapshot, Snapshot[]>(
      'snapshot',
      step,
      this.#pool?.seek(step, steps),
      (seq, snapshots) => this.#onPooledSnapshots(seq, snapshots),
      (seq) => this.#rerunSnapshot(seq, last.source, steps),
    );
  }

  /**
   * Makes a snapshot or step-events request the active one: served by the paused worker
   * nearest before the step when the pool has one (`fromPool`), else, or should that worker
   * fail, by a re-run from the start in the host's worker.
   */
  #serve<T, P>(
    kind: 'snapshot' | 'stepEvents',
    step: number,
    fromPool: Promise<P> | undefined,
    onPooled: (seq: number, value: P) => void,
    rerun: (seq: number) => void,
  ): Promise<T> {
    const seq = ++this.#seq;
    return new Promise<T>((resolve, reject) => {
      this.#active = { kind, seq, step, resolve, reject, pooled: fromPool !== undefined } as ActiveRequest;
      if (fromPool === undefined) rerun(seq);
      else
        fromPool.then(
          (value) => onPooled(seq, value),
          () => rerun(seq),
        );
    });
  }

  #outOfRange(step: number, last: FinishedRun): Promise<never> {
    const range = last.stepCount === 0 ? 'it has no steps' : `its steps are 0 to ${last.stepCount - 1}`;
    return Promise.reject(
      new LabError('InvalidRequest', `There is no step ${step} in the last run: ${range}.`),
    );
  }

  /**
   * A snapshot served by the pool while the host's worker computes step events. Should the
   * pool's worker fail, the host's worker re-runs for it once free; a new run or Stop drops it.
   */
  #sideSnapshot(step: number, pooled: Promise<Snapshot[]>): Promise<Snapshot> {
    const run = this.#lastRun;
    return new Promise<Snapshot>((resolve, reject) => {
      const request = { reject };
      this.#sideSnapshots.add(request);
      pooled.then(
        (snapshots) => {
          if (!this.#sideSnapshots.delete(request)) return;
          for (const snapshot of snapshots) this.#snapshots.put(snapshot);
          resolve(snapshots.find((s) => s.step === step)!);
        },
        () => {
          if (!this.#sideSnapshots.delete(request)) return;
          const idle = this.#active === undefined ? Promise.resolve() : this.#whenIdle();
          idle
            .then(() =>
              this.#lastRun === run
                ? this.snapshot(step)
                : Promise.reject(new LabError('Stopped', 'A new run replaced this snapshot.')),
            )
            .then(resolve, reject);
        },
      );
    });
  }

  /** Fails the snapshots the pool serves beside the host's worker (see #sideSnapshot). */
  #dropSideSnapshots(error: LabError): void {
    const dropped = [...this.#sideSnapshots];
    this.#sideSnapshots.clear();
    for (const request of dropped) request.reject(error);
  }

  /** The checkpoint pool of the last finished run, if it has one (benchmarks and tests). */
  get checkpointPool(): CheckpointPool | undefined {
    return this.#pool;
  }

  /** Asks the host's worker for the snapshots of `steps` by re-running the program. */
  #rerunSnapshot(seq: number, source: string, steps: number[]): void {
    const active = this.#active;
    if (active?.seq !== seq || active.kind !== 'snapshot') return; // stopped or replaced meanwhile
    active.pooled = false;
    this.#pool?.setForeground(true);
    const worker = this.#ensureWorker();
    const request: HostToWorker = { type: 'snapshot', seq, source, options: this.#options.runOptions, steps };
    worker.postMessage(request);
  }

  #onPooledSnapshots(seq: number, snapshots: Snapshot[]): void {
    const active = this.#active;
    if (active?.seq !== seq || active.kind !== 'snapshot') return;
    this.#active = undefined;
    for (const snapshot of snapshots) this.#snapshots.put(snapshot);
    active.resolve(snapshots.find((s) => s.step === active.step)!);
    this.#notifyIdle();
  }

  /** Starts the checkpoint pool for the run that just finished (unless turned off). */
  #startPool(run: FinishedRun): void {
    const { checkpoints, spawn, runOptions } = this.#options;
    if (checkpoints === false || this.#disposed) return;
    const pool: CheckpointPool = new CheckpointPool({
      spawn: () => spawn('checkpoint'),
      runOptions,
      source: run.source,
      stepCount: run.stepCount,
      settings: checkpoints,
      onSnapshots: (snapshots) => {
        if (this.#pool === pool) for (const snapshot of snapshots) this.#snapshots.put(snapshot);
      },
    });
    this.#pool = pool;
  }

  async #endPool(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    await pool?.dispose();
  }

  stepEvents(step: number): Promise<StepEvents> {
    if (this.#disposed) return Promise.reject(new LabError('EngineCrashed', 'The engine was shut down.'));
    if (this.#active?.kind === 'run') {
      return Promise.reject(
        new LabError('Busy', 'A program is running: its steps can be explored once it ends (or is stopped).'),
      );
    }
    const last = this.#lastRun;
    if (this.#active) {
      // Behind the snapshot (or the other step) being computed; a new run meanwhile makes it moot.
      return this.#whenIdle().then(() =>
        this.#lastRun === last
          ? this.stepEvents(step)
          : Promise.reject(new LabError('Stopped', 'A new run replaced this request.')),
      );
    }
    if (!last) return Promise.reject(new LabError('NoRun', 'No program has finished yet: run one first.'));
    if (!Number.isSafeInteger(step) || step < 0 || step >= last.stepCount)
      return this.#outOfRange(step, last);
    const cached = this.#stepEvents.get(step);
    if (cached !== undefined) return Promise.resolve(cached);
    return this.#serve<StepEvents, StepEvents>(
      'stepEvents',
      step,
      this.#pool?.stepEvents(step),
      (seq, events) => this.#onStepEvents(seq, events),
      (seq) => this.#rerunStepEvents(seq, last.source, step),
    );
  }

  /** Asks the host's worker for the events of `step` by re-running the program. */
  #rerunStepEvents(seq: number, source: string, step: number): void {
    const active = this.#active;
    if (active?.seq !== seq || active.kind !== 'stepEvents') return; // stopped or replaced meanwhile
    active.pooled = false;
    const worker = this.#ensureWorker();
    const { runOptions: options } = this.#options;
    const request: HostToWorker = { type: 'stepEvents', seq, source, options, step };
    worker.postMessage(request);
  }

  #onStepEvents(seq: number, events: StepEvents): void {
    const active = this.#active;
    if (active?.seq !== seq || active.kind !== 'stepEvents') return;
    this.#active = undefined;
    this.#stepEvents.set(active.step, events);
    if (this.#stepEvents.size > STEP_EVENTS_KEPT)
      this.#stepEvents.delete(this.#stepEvents.keys().next().value!);
    active.resolve(events);
    this.#notifyIdle();
  }

  async stop(): Promise<void> {
    this.#dropSideSnapshots(new LabError('Stopped', 'Stopped.'));
    const active = this.#takeActive();
    if (!active) return;
    active.reject(new LabError('Stopped', 'Stopped.'));
    // A seek in a checkpoint worker leaves the host's worker be; a fresh pool replaces them all.
    await Promise.all([this.#endPool(), pooled(active) ? undefined : this.#terminateWorker()]);
    if (this.#disposed) return;
    this.#ensureWorker(); // warm a fresh engine so the next run starts at once
    if (this.#lastRun) this.#startPool(this.#lastRun);
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    this.#dropSideSnapshots(new LabError('Stopped', 'The engine was shut down.'));
    this.#takeActive()?.reject(new LabError('Stopped', 'The engine was shut down.'));
    await Promise.all([this.#endPool(), this.#terminateWorker()]);
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = this.#options.spawn('host');
    worker.on('message', (message: WorkerToHost) => this.#onMessage(message));
    worker.on('error', (error) => this.#onWorkerDeath(worker, `The engine crashed: ${error.message}`));
    worker.on('exit', (code) => this.#onWorkerDeath(worker, `The engine's thread exited with code ${code}.`));
    this.#worker = worker;
    return worker;
  }

  #onMessage(message: WorkerToHost): void {
    const active = this.#active;
    if (!active || message.seq !== active.seq) return;
    switch (message.type) {
      case 'event':
        if (active.kind === 'run') active.onEvent(message.event);
        break;
      case 'result':
        if (active.kind !== 'run') break;
        this.#active = undefined;
        this.#lastRun = { source: active.source, stepCount: message.result.stepCount };
        // The run's own capture of its last step, where the timeline opens: no re-run for it.
        if (message.endSnapshot?.step === message.result.stepCount - 1)
          this.#snapshots.put(message.endSnapshot);
        if (message.endStepEvents?.step === message.result.stepCount - 1)
          this.#stepEvents.set(message.endStepEvents.step, message.endStepEvents);
        this.#startPool(this.#lastRun);
        active.resolve(checkedMemory(message.result));
        break;
      case 'snapshot': {
        if (active.kind !== 'snapshot') break;
        this.#active = undefined;
        for (const snapshot of message.snapshots) this.#snapshots.put(snapshot);
        const wanted = message.snapshots.find((s) => s.step === active.step);
        if (wanted) active.resolve(wanted);
        else active.reject(new LabError('EngineError', `The engine did not capture step ${active.step}.`));
        break;
      }
      case 'stepEvents':
        this.#onStepEvents(message.seq, message.events);
        break;
      case 'failure':
        this.#active = undefined;
        active.reject(new LabError('EngineError', `${message.error.name}: ${message.error.message}`));
        break;
    }
    if (this.#active === undefined) this.#notifyIdle();
  }

  /** Resolves once the request the worker is busy with is done (answered, failed or stopped). */
  #whenIdle(): Promise<void> {
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #notifyIdle(): void {
    this.#pool?.setForeground(false);
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const wake of waiters) wake();
  }

  #onWorkerDeath(worker: Worker, reason: string): void {
    if (worker !== this.#worker) return; // one we terminated on purpose
    this.#worker = undefined;
    if (pooled(this.#active)) return; // not this worker's
    this.#takeActive()?.reject(new LabError('EngineCrashed', reason));
  }

  #takeActive(): ActiveRequest | undefined {
    const active = this.#active;
    this.#active = undefined;
    if (active) queueMicrotask(() => this.#notifyIdle());
    return active;
  }

  async #terminateWorker(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) await worker.terminate();
  }
}
