/**
 * Owns one engine worker thread for one client (a window, or a browser tab of the web
 * shell): starts runs, streams their events, and stops them.
 *
 * Stopping cannot be cooperative (the engine is busy in a synchronous loop), so Stop
 * terminates the worker and warms a fresh one; the stopped run's promise rejects with
 * `Stopped`. Messages carry the run's `seq`, so nothing a dead run still had in flight can
 * reach the next one.
 */

import { Worker } from 'node:worker_threads';
import { LabError } from '../shared/lab-error';
import type { RunEvent, RunResult } from '../shared/lab-api';
import type { EngineRunOptions, HostToWorker, WorkerToHost } from './engine-protocol';

/** The part of the host that the transports use; tests substitute it. */
export interface Engine {
  run(source: string, onEvent: (event: RunEvent) => void): Promise<RunResult>;
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

export interface EngineHostOptions {
  /** Starts a fresh worker running engine.worker.ts. */
  spawn: () => Worker;
  runOptions: EngineRunOptions;
}

interface ActiveRun {
  seq: number;
  onEvent: (event: RunEvent) => void;
  resolve: (result: RunResult) => void;
  reject: (error: LabError) => void;
}

/** A worker may use this much JavaScript heap; past it the run fails as EngineCrashed. */
const WORKER_HEAP_MB = 2048;

/** The usual way to start the engine worker from its bundled path. */
export function spawnEngineWorker(workerPath: string): Worker {
  return new Worker(workerPath, {
    name: 'pymem-engine',
    // Python recursion up to its limit of 1000 frames needs more than Node's default stack.
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, stackSizeMb: 256 },
  });
}

export class EngineHost implements Engine {
  readonly #options: EngineHostOptions;
  #worker: Worker | undefined;
  #active: ActiveRun | undefined;
  #seq = 0;
  #disposed = false;

  constructor(options: EngineHostOptions) {
    this.#options = options;
  }

  run(source: string, onEvent: (event: RunEvent) => void = () => {}): Promise<RunResult> {
    if (this.#disposed) return Promise.reject(new LabError('EngineCrashed', 'The engine was shut down.'));
    if (this.#active) {
      return Promise.reject(new LabError('Busy', 'A program is already running: stop it first.'));
    }
    const worker = this.#ensureWorker();
    const seq = ++this.#seq;
    return new Promise<RunResult>((resolve, reject) => {
      this.#active = { seq, onEvent, resolve, reject };
      const request: HostToWorker = { type: 'run', seq, source, options: this.#options.runOptions };
      worker.postMessage(request);
    });
  }

  async stop(): Promise<void> {
    const active = this.#takeActive();
    if (!active) return;
    active.reject(new LabError('Stopped', 'Stopped.'));
    await this.#terminateWorker();
    if (!this.#disposed) this.#ensureWorker(); // warm a fresh engine so the next run starts at once
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    this.#takeActive()?.reject(new LabError('Stopped', 'The engine was shut down.'));
    await this.#terminateWorker();
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = this.#options.spawn();
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
        active.onEvent(message.event);
        break;
      case 'result':
        this.#active = undefined;
        active.resolve(message.result);
        break;
      case 'failure':
        this.#active = undefined;
        active.reject(new LabError('EngineError', `${message.error.name}: ${message.error.message}`));
        break;
    }
  }

  #onWorkerDeath(worker: Worker, reason: string): void {
    if (worker !== this.#worker) return; // one we terminated on purpose
    this.#worker = undefined;
    this.#takeActive()?.reject(new LabError('EngineCrashed', reason));
  }

  #takeActive(): ActiveRun | undefined {
    const active = this.#active;
    this.#active = undefined;
    return active;
  }

  async #terminateWorker(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) await worker.terminate();
  }
}
