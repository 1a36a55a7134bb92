/**
 * When to save an experiment: a moment after the last change (and at the latest a few seconds
 * after the first unsaved one, for someone who types without pause), at once on request
 * (Ctrl/Cmd+S, before opening another experiment), one save at a time, and again after a
 * failure. It knows which fields changed, not their values: the save reads those when it runs.
 * Pure (timers are injected), so it is tested without a DOM.
 */

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'failed';

export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface AutosaverOptions<Field> {
  /** Saves the current values of `fields`; rejects if they were not saved. */
  save: (fields: ReadonlySet<Field>) => Promise<void>;
  onState: (state: SaveState, error?: string) => void;
  /** Quiet time after a change before saving. */
  delayMs?: number;
  /** Longest time a change waits while changes keep coming. */
  maxWaitMs?: number;
  /** Wait before trying a failed save again. */
  retryMs?: number;
  timers?: Timers;
}

const browserTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class Autosaver<Field> {
  readonly #options: Required<Omit<AutosaverOptions<Field>, 'timers'>> & { timers: Timers };
  #dirty = new Set<Field>();
  #saving: Promise<void> | undefined;
  #timer: unknown;
  #firstUnsavedAt: number | undefined;
  #disposed = false;

  constructor(options: AutosaverOptions<Field>) {
    this.#options = { delayMs: 800, maxWaitMs: 5000, retryMs: 3000, timers: browserTimers, ...options };
  }

  get isDirty(): boolean {
    return this.#dirty.size > 0 || this.#saving !== undefined;
  }

  /** Notes that `fields` changed; the save follows after a quiet moment. */
  changed(...fields: Field[]): void {
    if (this.#disposed || fields.length === 0) return;
    for (const field of fields) this.#dirty.add(field);
    const now = Date.now();
    this.#firstUnsavedAt ??= now;
    if (!this.#saving) this.#options.onState('unsaved');
    const waited = now - this.#firstUnsavedAt;
    this.#schedule(Math.max(0, Math.min(this.#options.delayMs, this.#options.maxWaitMs - waited)));
  }

  /**
   * Saves everything changed so far, now. Resolves once it is saved (including changes made
   * while an earlier save was under way); rejects with the error if a save fails.
   */
  async flush(): Promise<void> {
    this.#cancelTimer();
    // A change can arrive during a save: keep going until nothing is left (each round saves it).
    while (this.#saving || this.#dirty.size > 0) {
      if (this.#saving) {
        await this.#saving;
        continue;
      }
      await this.#saveNow();
    }
  }

  /** Forgets unsaved changes and timers: the experiment is no longer open. */
  dispose(): void {
    this.#disposed = true;
    this.#cancelTimer();
    this.#dirty.clear();
  }

  #schedule(ms: number): void {
    this.#cancelTimer();
    this.#timer = this.#options.timers.set(() => {
      this.#timer = undefined;
      // Failures are reported through onState and retried; nobody awaits this one.
      this.flush().catch(() => {});
    }, ms);
  }

  #cancelTimer(): void {
    if (this.#timer !== undefined) this.#options.timers.clear(this.#timer);
    this.#timer = undefined;
  }

  #saveNow(): Promise<void> {
    const fields = this.#dirty;
    this.#dirty = new Set();
    this.#firstUnsavedAt = undefined;
    this.#options.onState('saving');
    const saving = this.#options.save(fields).then(
      () => {
        this.#saving = undefined;
        if (this.#disposed) return;
        this.#options.onState(this.#dirty.size > 0 ? 'unsaved' : 'saved');
      },
      (error: unknown) => {
        this.#saving = undefined;
        if (this.#disposed) throw error;
        // What failed is still unsaved: merge it back with anything changed meanwhile.
        for (const field of fields) this.#dirty.add(field);
        this.#firstUnsavedAt ??= Date.now();
        this.#options.onState('failed', error instanceof Error ? error.message : String(error));
        this.#schedule(this.#options.retryMs);
        throw error;
      },
    );
    this.#saving = saving.catch(() => {});
    return saving;
  }
}
