/**
 * Computes expected answers in a worker thread (answer.worker.ts), started on the first check
 * and kept for the next ones; a worker that dies fails what it was computing and is replaced on
 * the next request.
 */

import type { Worker } from 'node:worker_threads';
import type { AnswerComputer } from './exercise-service';
import type { ExerciseDefinition } from './exercise-format';
import type { ExerciseInput, ExpectedAnswer } from './expected-answer';

export interface AnswerRequest {
  seq: number;
  exercise: ExerciseInput;
}

export type AnswerReply =
  { seq: number; ok: true; expected: ExpectedAnswer } | { seq: number; ok: false; message: string };

interface Pending {
  resolve: (expected: ExpectedAnswer) => void;
  reject: (error: Error) => void;
}

export class AnswerWorkerHost implements AnswerComputer {
  readonly #spawn: () => Worker;
  readonly #pending = new Map<number, Pending>();
  #worker: Worker | undefined;
  #seq = 0;

  /** `spawn` starts a worker running answer.worker.ts. */
  constructor(spawn: () => Worker) {
    this.#spawn = spawn;
  }

  compute(exercise: ExerciseDefinition): Promise<ExpectedAnswer> {
    const worker = this.#ensureWorker();
    const seq = ++this.#seq;
    const { source, answer, visibleAt } = exercise;
    return new Promise((resolve, reject) => {
      this.#pending.set(seq, { resolve, reject });
      const request: AnswerRequest = { seq, exercise: { source, answer, visibleAt } };
      worker.postMessage(request);
    });
  }

  async dispose(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#failAll('The answer worker was shut down.');
    await worker?.terminate();
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = this.#spawn();
    // An idle worker must not keep the process (a test, the web shell) alive.
    worker.unref();
    worker.on('message', (reply: AnswerReply) => {
      const pending = this.#pending.get(reply.seq);
      this.#pending.delete(reply.seq);
      if (!pending) return;
      if (reply.ok) pending.resolve(reply.expected);
      else pending.reject(new Error(reply.message));
    });
    const died = (reason: string) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      this.#failAll(reason);
    };
    worker.on('error', (error) => died(`the answer worker crashed: ${error.message}`));
    worker.on('exit', (code) => died(`the answer worker exited with code ${code}`));
    this.#worker = worker;
    return worker;
  }

  #failAll(reason: string): void {
    for (const pending of this.#pending.values()) pending.reject(new Error(reason));
    this.#pending.clear();
  }
}
