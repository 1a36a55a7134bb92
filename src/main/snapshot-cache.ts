/**
 * The snapshots of the last run that the host already has, and which ones to compute
 * next. A snapshot costs a re-run of the program up to its step, so one re-run captures a
 * window of steps in the direction the person is moving: stepping on (or back) is then
 * served from memory.
 */
import type { Snapshot } from '../shared/lab-api';

/** Steps captured by one re-run. */
export const WINDOW = 24;
/** Snapshots kept; the least recently used go first. */
const CAPACITY = 256;

export class SnapshotCache {
  readonly #entries = new Map<number, Snapshot>();
  /** The step asked for before the current one: it tells the direction of travel. */
  #previous = -1;
  #current = -1;

  clear(): void {
    this.#entries.clear();
    this.#previous = -1;
    this.#current = -1;
  }

  get(step: number): Snapshot | undefined {
    const hit = this.#entries.get(step);
    if (hit !== undefined) {
      // Map order is insertion order: re-inserting marks it recently used.
      this.#entries.delete(step);
      this.#entries.set(step, hit);
    }
    this.#previous = this.#current;
    this.#current = step;
    return hit;
  }

  put(snapshot: Snapshot): void {
    this.#entries.delete(snapshot.step);
    this.#entries.set(snapshot.step, snapshot);
    while (this.#entries.size > CAPACITY) this.#entries.delete(this.#entries.keys().next().value!);
  }

  /**
   * The steps to capture for a miss at `step` (just asked for with get) of a run with
   * `stepCount` steps: the window ahead of it, or behind it when stepping backward (the
   * step after it is known). A jump gets the window ahead: its own step comes first.
   */
  windowFor(step: number, stepCount: number): number[] {
    const backward = this.#previous > step && this.#entries.has(step + 1);
    const first = backward ? Math.max(0, step - WINDOW + 1) : step;
    const last = backward ? step : Math.min(stepCount - 1, step + WINDOW - 1);
    const steps: number[] = [];
    for (let s = first; s <= last; s++) if (!this.#entries.has(s) || s === step) steps.push(s);
    return steps;
  }
}
