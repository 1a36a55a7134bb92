/**
 * Paused engine workers spread over the last finished run, so that a seek to any step of a
 * long run costs a run from the nearest paused worker rather than from the start.
 *
 * After a run of `stepCount` steps, the pool starts up to `maxWorkers` workers, one at a time
 * (the re-runs are background work: two at once would starve the foreground on a two-core
 * machine), each re-running the program to its checkpoint, spread evenly over the run
 * (checkpoint-placement.ts), and pausing there (checkpoint-run.ts). A seek to step s takes
 * the paused worker with the largest step ≤ s, runs it on to s (and the rest of the cache's
 * window), and leaves it paused there: it stays in the pool, as good a checkpoint as any. So
 * seeks back to back never run out of workers; they only leave them unevenly spread. The
 * rest of the window comes after the step asked for, and a new request cancels it: a window
 * nobody waits for would take a core and the host's thread from the next seek. Once
 * seeks have been quiet a moment, background moves even the spread out again: one worker at a
 * time goes where it lowers the expected seek time most (checkpoint-placement.ts), running on
 * to it or re-running from the start in its own (already warm) isolate. A step's events
 * (`stepEvents`) come the same way: the worker runs on to the step, records it, and pauses
 * at the next one. Steps before the first paused worker are the host's
 * business: its ordinary re-run, which is what `seek` returning undefined means. Background
 * runs wait while a seek runs (the `hold` flag).
 *
 * Every process shares one budget: at most `MAX_THREADS` pool workers in all (the web shell
 * has a host per browser tab) and one background run at a time.
 */

import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { Snapshot, StepEvents } from '../shared/lab-api';
import { LabError } from '../shared/lab-error';
import { bestNewPosition, evenSpread, moveSteps, nextMove, spreadCost } from './checkpoint-placement';
import type {
  CheckpointCommand,
  CheckpointRequest,
  EngineRunOptions,
  SeekTiming,
  WorkerToHost,
} from './engine-protocol';

export interface CheckpointSettings {
  /** Paused workers at most (the host's own worker stands at step 0: it re-runs from the start). */
  maxWorkers: number;
  /**
   * Steps a re-run covers fast enough: checkpoints are never closer than this, and a run of
   * fewer than twice as many steps gets no pool.
   */
  minSpacing: number;
  /** The pool stops adding workers once their heaps take this many MiB together. */
  memoryBudgetMb: number;
  /** How long after a seek the workers are spread out again (background work waits for quiet). */
  refillDelayMs: number;
}

/**
 * Ten workers of 36 MiB rss each (their young generation is small) in bench-seek: a million-step
 * run's twelve back-to-back jumps ran at most 113,000 steps (33 ms) with ten, 159,000 (46–53 ms
 * under load) with nine, which left the 50 ms target no margin.
 */
export const DEFAULT_CHECKPOINTS: CheckpointSettings = {
  maxWorkers: 10,
  minSpacing: 40_000,
  memoryBudgetMb: 1024,
  refillDelayMs: 300,
};

/** Pool workers of all hosts of this process together (each is a paused engine heap). */
const MAX_THREADS = 12;
/** After this many failed workers a pool stops replacing them. */
const MAX_FAILURES = 3;

/**
 * The checkpoint steps for a run of `stepCount` steps (none when re-runs are fast enough):
 * up to `maxWorkers`, spread evenly after the host's worker at step 0.
 */
export function checkpointSteps(stepCount: number, settings: CheckpointSettings): number[] {
  const count = Math.min(settings.maxWorkers, Math.floor(stepCount / settings.minSpacing) - 1);
  return count < 1 ? [] : evenSpread(stepCount, count);
}

/** One worker of the pool: paused, or running in the foreground (a seek) or the background. */
interface PoolWorker {
  readonly worker: Worker;
  readonly signal: Int32Array;
  readonly commands: MessagePort;
  /** `starting`: its first run, to its checkpoint; `moving`: a background run to even the spread. */
  state: 'starting' | 'moving' | 'paused' | 'seeking';
  /** The step it is paused at, or runs to (while starting, moving or seeking). */
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
  /** While seeking for a step's events: who waits for them. */
  events: Pending<StepEvents> | undefined;
  /** While seeking: the step asked for, and when the command went (performance.now()). */
  asked: { step: number; at: number } | undefined;
}

interface Pending<T> {
  resolve: (value: T) => void;
  reject: (error: LabError) => void;
}

type PendingSeek = Pending<Snapshot[]>;

export interface CheckpointPoolStats {
  /** Where the workers were started. */
  checkpoints: number[];
  workers: {
    threadId: number;
    state: PoolWorker['state'];
    step: number;
    heapUsed: number;
    heapTotal: number;
  }[];
  /** From the pool's start until every checkpoint had its paused worker (or the pool gave up). */
  warmupMs: number | undefined;
  /** Background runs that evened the spread out after seeks, and the steps they ran. */
  moves: number;
  movedSteps: number;
  /**
   * The last seek a worker served (bench-seek): from the command to the snapshot's arrival
   * (ms), of which the worker ran on and captured; the rest is waking it, and the message.
   */
  lastSeek: ({ step: number; ms: number } & SeekTiming) | undefined;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What all pools of the process share: threads, and the one background run. */
const shared = { threads: 0, background: null as CheckpointPool | null, waiting: [] as CheckpointPool[] };

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
  #moves = 0;
  #movedSteps = 0;
  #lastSeek: CheckpointPoolStats['lastSeek'];
  /** No more workers: the memory budget is spent, or workers kept failing. */
  #full = false;
  #disposed = false;
  #refillTimer: ReturnType<typeof setTimeout> | undefined;
  /** 1 while the foreground seeks: background runs wait (checkpoint-run.ts). */
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
    const workers = [...this.#workers].map(({ worker, state, step, heapUsed, heapTotal }) => ({
      threadId: worker.threadId,
      state,
      step,
      heapUsed,
      heapTotal,
    }));
    return {
      checkpoints: this.checkpoints,
      workers,
      warmupMs: this.#warmupMs,
      moves: this.#moves,
      movedSteps: this.#movedSteps,
      lastSeek: this.#lastSeek,
    };
  }

  /**
   * The host's own worker is re-running for a snapshot (or not any more): background
   * re-runs wait meanwhile, as they do while a pool worker seeks.
   */
  setForeground(busy: boolean): void {
    if (busy) this.#cancelTails();
    this.#foreground = busy;
    this.#updateHold();
  }

  #updateHold(): void {
    const seeking = [...this.#workers].some((w) => w.state === 'seeking');
    const hold = this.#foreground || seeking ? 1 : 0;
    if (Atomics.exchange(this.#hold, 0, hold) !== hold && hold === 0) Atomics.notify(this.#hold, 0);
  }

  /**
   * Resolves once the pool is settled: every worker started and paused, spread out evenly
   * enough, or the pool stopped trying. Background work waiting for seeks to be quiet starts
   * at once: the caller is waiting for it.
   */
  whenWarm(): Promise<void> {
    if (this.#refillTimer !== undefined) {
      clearTimeout(this.#refillTimer);
      this.#refillTimer = undefined;
      this.#fill();
    }
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
      if (w.state === 'seeking' && w.window.has(step)) {
        this.#cancelTails(w);
        return this.#await(w, step);
      }
    this.#cancelTails();
    let best: PoolWorker | undefined;
    for (const w of this.#workers)
      if (w.state === 'paused' && w.step <= step && (best === undefined || w.step > best.step)) best = w;
    if (best === undefined) return undefined;
    const from = best.step;
    const window = steps.filter((s) => s >= from);
    if (!window.includes(step)) window.push(step);
    window.sort((a, b) => a - b);
    best.state = 'seeking';
    best.step = window[window.length - 1]!;
    best.window = new Set(window);
    this.#command(best, { type: 'seek', step, steps: window });
    best.asked = { step, at: performance.now() };
    this.#updateHold();
    return this.#await(best, step);
  }

  /**
   * What happens in memory during `step`, recorded by the paused worker nearest before it,
   * which pauses at the next step. Undefined when no paused worker is at or before `step`, or
   * for the run's last step (no next step to pause at: the host's re-run serves it).
   */
  stepEvents(step: number): Promise<StepEvents> | undefined {
    if (this.#disposed || step + 1 >= this.#options.stepCount) return undefined;
    let best: PoolWorker | undefined;
    for (const w of this.#workers)
      if (w.state === 'paused' && w.step <= step && (best === undefined || w.step > best.step)) best = w;
    if (best === undefined) return undefined;
    this.#cancelTails();
    const w = best;
    w.state = 'seeking';
    w.step = step + 1;
    w.window = new Set();
    this.#command(w, { type: 'events', step });
    this.#updateHold();
    return new Promise<StepEvents>((resolve, reject) => (w.events = { resolve, reject }));
  }

  /**
   * A new request in the foreground: workers still capturing the rest of an earlier seek's
   * window, which nobody waits for, stop it and pause where they are (checkpoint-run.ts), so
   * the request has the cores and the host's thread to itself. `keep` goes on.
   */
  #cancelTails(keep?: PoolWorker): void {
    for (const w of this.#workers)
      if (w !== keep && w.state === 'seeking' && w.waiting.size === 0 && w.events === undefined) {
        Atomics.store(w.signal, 1, w.seq);
        w.window.clear();
      }
  }

  /** Sends `w` a command, under a new seq, and wakes it. */
  #command(w: PoolWorker, command: DistributiveOmit<CheckpointCommand, 'seq'>): void {
    w.seq = ++this.#seq;
    w.commands.postMessage({ ...command, seq: w.seq } satisfies CheckpointCommand);
    Atomics.add(w.signal, 0, 1);
    Atomics.notify(w.signal, 0);
  }

  /** The snapshots of the message that brings `step`, which `w`'s seek will capture. */
  #await(w: PoolWorker, step: number): Promise<Snapshot[]> {
    return new Promise<Snapshot[]>((resolve, reject) => {
      const waiting = w.waiting.get(step) ?? [];
      waiting.push({ resolve, reject });
      w.waiting.set(step, waiting);
    });
  }

  /** Fails every seek (and the request for step events) waiting on `w`. */
  #rejectWaiting(w: PoolWorker, error: LabError): void {
    const waiting: Pending<never>[] = [...w.waiting.values()].flat();
    if (w.events !== undefined) waiting.push(w.events);
    w.waiting.clear();
    w.window.clear();
    w.events = undefined;
    for (const seek of waiting) seek.reject(error);
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    clearTimeout(this.#refillTimer);
    this.#releaseBackground();
    shared.waiting = shared.waiting.filter((p) => p !== this);
    const ending = [...this.#workers].map((w) => this.#end(w, 'The run was replaced.'));
    this.#notifyWarm();
    await Promise.all(ending);
  }

  /** Where the workers are, or will be once their runs end. */
  #positions(): number[] {
    return [...this.#workers].map((w) => w.step);
  }

  /** May the pool start one more worker? */
  #canGrow(): boolean {
    return !this.#full && this.#workers.size < this.checkpoints.length && shared.threads < MAX_THREADS;
  }

  /** Every worker paused, none missing and no move worth making, or nothing more will come. */
  #warm(): boolean {
    if (this.#disposed) return true;
    if ([...this.#workers].some((w) => w.state !== 'paused')) return false;
    if (this.#canGrow()) return false;
    return nextMove(this.#positions(), this.#options.stepCount) === undefined;
  }

  #notifyWarm(): void {
    if (!this.#warm()) return;
    this.#warmupMs ??= performance.now() - this.#started;
    const waiters = this.#warmWaiters;
    this.#warmWaiters = [];
    for (const wake of waiters) wake();
  }

  /**
   * The next background run, if the pool is quiet: a worker for a checkpoint not held yet (or
   * a replacement for one that failed), else the move that best evens the spread.
   */
  #fill(): void {
    if (this.#disposed || this.#refillTimer !== undefined) return;
    if ([...this.#workers].some((w) => w.state !== 'paused')) return; // busy: a re-run or a seek
    const grow = this.#canGrow();
    const move = grow ? undefined : nextMove(this.#positions(), this.#options.stepCount);
    if (!grow && move === undefined) return this.#notifyWarm();
    if (shared.background !== null && shared.background !== this) {
      if (!shared.waiting.includes(this)) shared.waiting.push(this);
      return;
    }
    shared.background = this;
    if (move === undefined) return this.#start(this.#nextCheckpoint());
    const w = [...this.#workers][move.index]!;
    this.#moves++;
    this.#movedSteps += moveSteps(w.step, move.to);
    w.state = 'moving';
    w.step = move.to;
    this.#command(w, { type: 'move', step: move.to });
  }

  /** Where to start the next worker: the checkpoint that lowers the cost most (after a failure, anywhere). */
  #nextCheckpoint(): number {
    const held = this.#positions();
    const { stepCount } = this.#options;
    const open = this.checkpoints.filter((c) => !held.includes(c));
    if (open.length === 0 || this.#failures > 0) return bestNewPosition(held, stepCount);
    const cost = (c: number) => spreadCost([...held, c], stepCount);
    return open.reduce((a, b) => (cost(b) < cost(a) ? b : a));
  }

  #start(step: number): void {
    const { port1, port2 } = new MessageChannel();
    // Commands announced, and the seq of a seek whose window's rest is cancelled.
    const buffer = new SharedArrayBuffer(8);
    const w: PoolWorker = {
      worker: this.#options.spawn(),
      signal: new Int32Array(buffer),
      commands: port1,
      state: 'starting',
      step,
      seq: ++this.#seq,
      heapUsed: 0,
      heapTotal: 0,
      ending: false,
      window: new Set(),
      waiting: new Map(),
      events: undefined,
      asked: undefined,
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
      step,
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
        if (message.timing && w.asked) {
          this.#lastSeek = { step: w.asked.step, ms: performance.now() - w.asked.at, ...message.timing };
          w.asked = undefined;
        }
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
      case 'stepEvents':
        w.events?.resolve(message.events);
        w.events = undefined;
        break;
      case 'paused': {
        const background = w.state === 'starting' || w.state === 'moving';
        const started = w.state === 'starting';
        w.state = 'paused';
        w.step = message.step;
        w.heapUsed = message.heapUsed;
        w.heapTotal = message.heapTotal;
        this.#rejectWaiting(w, new LabError('EngineError', 'The checkpoint worker skipped a step.'));
        this.#updateHold();
        if (background) this.#releaseBackground();
        if (started) {
          const heaps = [...this.#workers].reduce((sum, x) => sum + x.heapTotal, 0);
          if (heaps > this.#settings.memoryBudgetMb * 2 ** 20) this.#full = true;
        }
        // The next background run at once; after a seek, once seeks have been quiet a moment.
        if (background) this.#fill();
        else this.#scheduleFill();
        this.#notifyWarm();
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
    if (w.state === 'starting' || w.state === 'moving') this.#releaseBackground();
    this.#workers.delete(w);
    shared.threads--;
    this.#rejectWaiting(w, new LabError('EngineCrashed', reason));
    this.#updateHold();
    w.commands.close();
    await w.worker.terminate();
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

  /** This pool's background run is over: the next pool waiting may start one. */
  #releaseBackground(): void {
    if (shared.background !== this) return;
    shared.background = null;
    while (shared.background === null && shared.waiting.length > 0) shared.waiting.shift()!.#fill();
  }
}
