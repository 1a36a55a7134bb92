/**
 * Paused engine workers at checkpoints of the last finished run, so that a seek to any step
 * of a long run costs a run from the nearest checkpoint rather than from the start.
 *
 * After a run of `stepCount` steps, the pool starts a worker paused at step 0 and up to
 * `maxWorkers` more, one at a time (the re-runs are background work: two at once would
 * starve the foreground on a two-core machine), each re-running the program to its
 * checkpoint c₁ < c₂ < … spread evenly over the run and pausing there (checkpoint-run.ts). A seek to step s takes the
 * paused worker with the largest step ≤ s, runs it on to s (and the rest of the cache's
 * window), and leaves it paused there: it is still good for later seeks forward. The
 * checkpoint it left is refilled in the background a moment later; at most MAX_ROAMING such
 * "roaming" workers are kept. Steps before the first paused worker (while the pool warms)
 * are the host's business: its ordinary re-run, which is what `seek` returning undefined
 * means. Background re-runs wait while a seek runs (the `hold` flag).
 *
 * Every process shares one budget: at most `MAX_THREADS` pool workers in all (the web shell
 * has a host per browser tab) and one warming re-run at a time.
 */

import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { Snapshot } from '../shared/lab-api';
import { LabError } from '../shared/lab-error';
import type { CheckpointCommand, CheckpointRequest, EngineRunOptions, WorkerToHost } from './engine-protocol';

export interface CheckpointSettings {
  /** Checkpoint workers at most, besides the one at step 0 and the roaming ones. */
  maxWorkers: number;
  /**
   * Steps a re-run covers fast enough: checkpoints are never closer than this, and a run of
   * fewer than twice as many steps gets no pool.
   */
  minSpacing: number;
  /** The pool stops adding workers once their heaps take this many MiB together. */
  memoryBudgetMb: number;
  /** How long after a seek the checkpoint it left is re-run (background work waits for quiet). */
  refillDelayMs: number;
}

export const DEFAULT_CHECKPOINTS: CheckpointSettings = {
  maxWorkers: 6,
  minSpacing: 40_000,
  memoryBudgetMb: 1024,
  refillDelayMs: 300,
};

/** Pool workers of all hosts of this process together (each is a paused engine heap). */
const MAX_THREADS = 12;
/** After this many failed workers a pool stops replacing them. */
const MAX_FAILURES = 3;
/** Workers kept where seeks left them, besides the checkpoints. */
const MAX_ROAMING = 2;

/**
 * The checkpoint steps for a run of `stepCount` steps (none when re-runs are fast enough):
 * step 0, then up to `maxWorkers` spread evenly. The worker at step 0 makes a re-run from
 * the start needless once the pool is warm, and costs next to nothing to refill.
 */
export function checkpointSteps(stepCount: number, settings: CheckpointSettings): number[] {
  const count = Math.min(settings.maxWorkers, Math.floor(stepCount / settings.minSpacing) - 1);
  if (count < 1) return [];
  return Array.from({ length: count + 1 }, (_, i) => Math.floor((i * stepCount) / (count + 1)));
}

/** One paused (or running) worker of the pool. */
interface PoolWorker {
  readonly worker: Worker;
  readonly signal: Int32Array;
  readonly commands: MessagePort;
  /** Which checkpoint it holds (an index into `checkpoints`), or null once it has left it. */
  slot: number | null;
  state: 'warming' | 'paused' | 'seeking';
  /** The step it is paused at (while paused). */
  step: number;
  seq: number;
  heapUsed: number;
  heapTotal: number;
  /** Terminated by the pool: its exit is no crash. */
  ending: boolean;
  /** While seeking: the steps of its window whose snapshots have not come yet. */
  window: Set<number>;
  /** Seeks waiting for one of those snapshots, by step. */
  waiting: Map<number, PendingSeek[]>;
}

interface PendingSeek {
  resolve: (snapshots: Snapshot[]) => void;
  reject: (error: LabError) => void;
}

export interface CheckpointPoolStats {
  checkpoints: number[];
  workers: {
    threadId: number;
    slot: number | null;
    state: PoolWorker['state'];
    step: number;
    heapUsed: number;
    heapTotal: number;
  }[];
  /** From the pool's start until every checkpoint had its paused worker (or the pool gave up). */
  warmupMs: number | undefined;
}

/** What all pools of the process share: threads, and the one warming re-run. */
const shared = { threads: 0, warming: null as CheckpointPool | null, waiting: [] as CheckpointPool[] };

export interface CheckpointPoolOptions {
  spawn: () => Worker;
  runOptions: EngineRunOptions;
  source: string;
  stepCount: number;
  settings?: Partial<CheckpointSettings>;
  /** Snapshots of a seek's window that come after the one asked for (for the host's cache). */
  onSnapshots?: (snapshots: Snapshot[]) => void;
}

export class CheckpointPool {
  readonly checkpoints: number[];
  readonly #options: CheckpointPoolOptions;
  readonly #settings: CheckpointSettings;
  readonly #workers = new Set<PoolWorker>();
  readonly #started = performance.now();
  #warmupMs: number | undefined;
  #warmWaiters: (() => void)[] = [];
  #seq = 0;
  #failures = 0;
  /** No more workers: the memory budget is spent, or workers kept failing. */
  #full = false;
  #disposed = false;
  #refillTimer: ReturnType<typeof setTimeout> | undefined;
  /** 1 while the foreground seeks: warming re-runs wait (checkpoint-run.ts). */
  readonly #hold = new Int32Array(new SharedArrayBuffer(4));
  #foreground = false;

  constructor(options: CheckpointPoolOptions) {
    this.#options = options;
    this.#settings = { ...DEFAULT_CHECKPOINTS, ...options.settings };
    // One core: a background re-run would take it from the foreground.
    this.checkpoints = availableParallelism() < 2 ? [] : checkpointSteps(options.stepCount, this.#settings);
    this.#fill();
  }

  stats(): CheckpointPoolStats {
    const workers = [...this.#workers].map(({ worker, slot, state, step, heapUsed, heapTotal }) => ({
      threadId: worker.threadId,
      slot,
      state,
      step,
      heapUsed,
      heapTotal,
    }));
    return { checkpoints: this.checkpoints, workers, warmupMs: this.#warmupMs };
  }

  /**
   * The host's own worker is re-running for a snapshot (or not any more): background
   * re-runs wait meanwhile, as they do while a pool worker seeks.
   */
  setForeground(busy: boolean): void {
    this.#foreground = busy;
    this.#updateHold();
  }

  #updateHold(): void {
    const seeking = [...this.#workers].some((w) => w.state === 'seeking');
    const hold = this.#foreground || seeking ? 1 : 0;
    if (Atomics.exchange(this.#hold, 0, hold) !== hold && hold === 0) Atomics.notify(this.#hold, 0);
  }

  /** Resolves once every checkpoint has its paused worker, or the pool stopped trying. */
  whenWarm(): Promise<void> {
    if (this.#warm()) return Promise.resolve();
    return new Promise((resolve) => this.#warmWaiters.push(resolve));
  }

  /**
   * The snapshots of `steps` (the cache's window, which holds `step`) from the paused worker
   * nearest before `step`, as soon as the one of `step` is taken; those of later steps of the
   * window go to `onSnapshots`. Undefined when no paused worker is at or before `step`.
   */
  seek(step: number, steps: number[]): Promise<Snapshot[]> | undefined {
    if (this.#disposed) return undefined;
    // A worker still capturing the window of the last seek will bring this step soon.
    for (const w of this.#workers)
      if (w.state === 'seeking' && w.window.has(step)) return this.#await(w, step);
    let best: PoolWorker | undefined;
    for (const w of this.#workers)
      if (w.state === 'paused' && w.step <= step && (best === undefined || w.step > best.step)) best = w;
    if (best === undefined) return undefined;
    const from = best.step;
    const window = steps.filter((s) => s >= from);
    if (!window.includes(step)) window.push(step);
    window.sort((a, b) => a - b);
    if (best.slot !== null) this.#leaveSlot(best);
    best.state = 'seeking';
    best.seq = ++this.#seq;
    best.window = new Set(window);
    const command: CheckpointCommand = { type: 'seek', seq: best.seq, step, steps: window };
    best.commands.postMessage(command);
    Atomics.add(best.signal, 0, 1);
    Atomics.notify(best.signal, 0);
    this.#updateHold();
    return this.#await(best, step);
  }

  /** The snapshots of the message that brings `step`, which `w`'s seek will capture. */
  #await(w: PoolWorker, step: number): Promise<Snapshot[]> {
    return new Promise<Snapshot[]>((resolve, reject) => {
      const waiting = w.waiting.get(step) ?? [];
      waiting.push({ resolve, reject });
      w.waiting.set(step, waiting);
    });
  }

  /** Fails every seek waiting on `w`. */
  #rejectWaiting(w: PoolWorker, error: LabError): void {
    const waiting = [...w.waiting.values()].flat();
    w.waiting.clear();
    w.window.clear();
    for (const seek of waiting) seek.reject(error);
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    clearTimeout(this.#refillTimer);
    this.#releaseWarming();
    shared.waiting = shared.waiting.filter((p) => p !== this);
    const ending = [...this.#workers].map((w) => this.#end(w, 'The run was replaced.'));
    this.#notifyWarm();
    await Promise.all(ending);
  }

  /** Every checkpoint has a paused worker, or none will come. */
  #warm(): boolean {
    if (this.#disposed || this.#full) return true;
    const held = new Set([...this.#workers].filter((w) => w.state === 'paused').map((w) => w.slot));
    return this.checkpoints.every((_, slot) => held.has(slot));
  }

  #notifyWarm(): void {
    if (!this.#warm()) return;
    this.#warmupMs ??= performance.now() - this.#started;
    const waiters = this.#warmWaiters;
    this.#warmWaiters = [];
    for (const wake of waiters) wake();
  }

  /** Starts a worker for the first checkpoint without one: one warming re-run at a time. */
  #fill(): void {
    if (this.#disposed || this.#full || this.#refillTimer !== undefined) return;
    if ([...this.#workers].some((w) => w.state !== 'paused')) return; // busy: a re-run or a seek
    const held = new Set([...this.#workers].map((w) => w.slot));
    const slot = this.checkpoints.findIndex((_, i) => !held.has(i));
    if (slot < 0) return this.#notifyWarm();
    if (shared.threads >= MAX_THREADS) {
      this.#full = true;
      return this.#notifyWarm();
    }
    if (shared.warming !== null && shared.warming !== this) {
      if (!shared.waiting.includes(this)) shared.waiting.push(this);
      return;
    }
    shared.warming = this;
    this.#start(slot);
  }

  #start(slot: number): void {
    const { port1, port2 } = new MessageChannel();
    const buffer = new SharedArrayBuffer(4);
    const w: PoolWorker = {
      worker: this.#options.spawn(),
      signal: new Int32Array(buffer),
      commands: port1,
      slot,
      state: 'warming',
      step: -1,
      seq: ++this.#seq,
      heapUsed: 0,
      heapTotal: 0,
      ending: false,
      window: new Set(),
      waiting: new Map(),
    };
    this.#workers.add(w);
    shared.threads++;
    w.worker.on('message', (message: WorkerToHost) => this.#onMessage(w, message));
    w.worker.on('error', (error) => this.#onDeath(w, `A checkpoint worker crashed: ${error.message}`));
    w.worker.on('exit', (code) => this.#onDeath(w, `A checkpoint worker exited with code ${code}.`));
    const { source, runOptions: options } = this.#options;
    const request: CheckpointRequest = {
      type: 'checkpoint',
      seq: w.seq,
      source,
      options,
      step: this.checkpoints[slot]!,
      signal: buffer,
      hold: this.#hold.buffer as SharedArrayBuffer,
      commands: port2,
    };
    w.worker.postMessage(request, [port2]);
  }

  #onMessage(w: PoolWorker, message: WorkerToHost): void {
    if (w.ending || message.seq !== w.seq) return;
    switch (message.type) {
      case 'snapshot': {
        let answered = false;
        for (const { step } of message.snapshots) {
          w.window.delete(step);
          for (const seek of w.waiting.get(step) ?? []) {
            seek.resolve(message.snapshots);
            answered = true;
          }
          w.waiting.delete(step);
        }
        if (!answered) this.#options.onSnapshots?.(message.snapshots);
        break;
      }
      case 'paused': {
        const warming = w.state === 'warming';
        w.state = 'paused';
        w.step = message.step;
        w.heapUsed = message.heapUsed;
        w.heapTotal = message.heapTotal;
        this.#rejectWaiting(w, new LabError('EngineError', 'The checkpoint worker skipped a step.'));
        this.#updateHold();
        if (warming) {
          this.#releaseWarming();
          const heaps = [...this.#workers].reduce((sum, x) => sum + x.heapTotal, 0);
          if (heaps > this.#settings.memoryBudgetMb * 2 ** 20) this.#full = true;
        }
        this.#notifyWarm();
        // The next warming re-run at once; after a seek, once seeks have been quiet a moment.
        if (warming) this.#fill();
        else this.#scheduleFill();
        break;
      }
      case 'failure':
        void this.#fail(w, `${message.error.name}: ${message.error.message}`);
        break;
      default:
        break;
    }
  }

  #onDeath(w: PoolWorker, reason: string): void {
    if (!w.ending) void this.#fail(w, reason);
  }

  /** A worker failed or died: its seek (if any) fails, and the pool refills later. */
  async #fail(w: PoolWorker, reason: string): Promise<void> {
    if (++this.#failures >= MAX_FAILURES) this.#full = true;
    await this.#end(w, reason);
    this.#scheduleFill();
    this.#notifyWarm();
  }

  /** Terminates `w`; a seek it was serving fails with `reason`. */
  async #end(w: PoolWorker, reason: string): Promise<void> {
    if (w.ending) return;
    w.ending = true;
    if (w.state === 'warming') this.#releaseWarming();
    this.#workers.delete(w);
    shared.threads--;
    this.#rejectWaiting(w, new LabError('EngineCrashed', reason));
    this.#updateHold();
    w.commands.close();
    await w.worker.terminate();
  }

  /**
   * `w` moves off its checkpoint for a seek and roams from then on. Of more than
   * MAX_ROAMING roaming workers, the one nearest above another paused worker goes (it
   * shortens the fewest seeks).
   */
  #leaveSlot(w: PoolWorker): void {
    w.slot = null;
    const paused = [...this.#workers].filter((x) => x.state === 'paused' && x !== w);
    const roaming = paused.filter((x) => x.slot === null);
    if (roaming.length >= MAX_ROAMING) {
      const below = (x: PoolWorker) =>
        x.step - Math.max(0, ...paused.filter((y) => y !== x && y.step <= x.step).map((y) => y.step));
      const least = roaming.reduce((a, b) => (below(b) < below(a) ? b : a));
      void this.#end(least, 'Replaced by a newer roaming worker.');
    }
    this.#scheduleFill();
  }

  #scheduleFill(): void {
    if (this.#disposed) return;
    clearTimeout(this.#refillTimer);
    this.#refillTimer = setTimeout(() => {
      this.#refillTimer = undefined;
      this.#fill();
    }, this.#settings.refillDelayMs);
    this.#refillTimer.unref?.();
  }

  /** This pool's warming re-run is over: the next pool waiting may start one. */
  #releaseWarming(): void {
    if (shared.warming !== this) return;
    shared.warming = null;
    while (shared.warming === null && shared.waiting.length > 0) shared.waiting.shift()!.#fill();
  }
}
