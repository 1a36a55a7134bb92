/**
 * Fetches the snapshots the timeline asks for through `LabApi.snapshot`.
 *
 * The engine computes a snapshot by re-running the program to the step, one request at a time
 * per client. Stepping faster than that (holding F10, dragging the slider) must not queue a
 * request per step: at most one request is in flight, and when it returns, the step wanted
 * last is asked for next; the steps passed over in between are never fetched. Snapshots
 * already seen are kept (the most recent few dozen), so going back to them is instant.
 */

import type { LabApi, Snapshot } from '../shared/lab-api';

export type SnapshotOutcome = { snapshot: Snapshot } | { error: string };

export const CACHE_SIZE = 48;

export class SnapshotLoader {
  readonly #lab: Pick<LabApi, 'snapshot'>;
  readonly #deliver: (step: number, outcome: SnapshotOutcome) => void;
  /** A new number per timeline: answers for an older one are dropped. */
  #generation = 0;
  #count = 0;
  #wanted: number | null = null;
  #inFlight = false;
  #cache = new Map<number, Snapshot>();

  /** `deliver` receives the snapshot (or the error) of the step wanted last, once it is known. */
  constructor(lab: Pick<LabApi, 'snapshot'>, deliver: (step: number, outcome: SnapshotOutcome) => void) {
    this.#lab = lab;
    this.#deliver = deliver;
  }

  /** Forgets the old timeline: now there are `count` steps (0: none). */
  reset(count: number): void {
    this.#generation++;
    this.#count = count;
    this.#wanted = null;
    this.#inFlight = false;
    this.#cache = new Map();
  }

  get wanted(): number | null {
    return this.#wanted;
  }

  /**
   * Asks for `target`, brought within the timeline: the step it became and its snapshot if
   * already seen (otherwise `deliver` has it later), or null without a timeline.
   */
  want(target: number): { step: number; snapshot: Snapshot | undefined } | null {
    if (this.#count === 0) return null;
    const step = Math.min(Math.max(Math.round(target), 0), this.#count - 1);
    this.#wanted = step;
    const seen = this.#cache.get(step);
    if (seen) {
      this.#touch(step, seen);
      return { step, snapshot: seen };
    }
    this.#pump();
    return { step, snapshot: undefined };
  }

  #pump(): void {
    const step = this.#wanted;
    if (step === null || this.#inFlight) return;
    const generation = this.#generation;
    this.#inFlight = true;
    const settle = (outcome: SnapshotOutcome) => {
      if (generation !== this.#generation) return;
      this.#inFlight = false;
      if ('snapshot' in outcome) this.#touch(step, outcome.snapshot);
      const next = this.#wanted;
      if (next === step) {
        this.#deliver(step, outcome);
      } else if (next !== null) {
        const seen = this.#cache.get(next);
        if (seen) this.#deliver(next, { snapshot: seen });
        else this.#pump();
      }
    };
    this.#lab.snapshot(step).then(
      (snapshot) => settle({ snapshot }),
      (error: unknown) => settle({ error: error instanceof Error ? error.message : String(error) }),
    );
  }

  #touch(step: number, snapshot: Snapshot): void {
    this.#cache.delete(step);
    this.#cache.set(step, snapshot);
    if (this.#cache.size > CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value!);
  }
}
