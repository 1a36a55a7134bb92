/**
 * The person's progress on the lab exercises (table `exercise_progress`, migration 3): attempts,
 * when each was solved or given up, the last answer, and the experiment it was opened as.
 * Arguments arrive validated; every write is one transaction.
 */

import type { ExperimentId } from '../../shared/experiment';
import type { ExerciseAnswer, ExerciseId, ExerciseProgress } from '../../shared/exercise';
import type { StoreConnection } from './connection';

interface ProgressRow {
  exercise_id: string;
  attempts: number;
  solved_at: number | null;
  revealed_at: number | null;
  last_answer: string | null;
  last_correct: number | null;
  experiment_id: number | null;
  updated_at: number;
}

export class ExerciseProgressRepository {
  readonly #connection: StoreConnection;
  readonly #now: () => number;
  readonly #sql;

  constructor(connection: StoreConnection, now: () => number = Date.now) {
    this.#connection = connection;
    this.#now = now;
    const db = connection.db;
    this.#sql = {
      get: db.prepare('SELECT * FROM exercise_progress WHERE exercise_id = ?'),
      all: db.prepare('SELECT * FROM exercise_progress'),
      ensure: db.prepare(
        `INSERT INTO exercise_progress (exercise_id, updated_at) VALUES (?, ?) ON CONFLICT DO NOTHING`,
      ),
      attempt: db.prepare(
        `UPDATE exercise_progress SET attempts = attempts + 1, last_answer = @answer,
           last_correct = @correct, solved_at = coalesce(solved_at, CASE WHEN @correct THEN @now END),
           updated_at = @now
         WHERE exercise_id = @id`,
      ),
      reveal: db.prepare(
        `UPDATE exercise_progress SET revealed_at = coalesce(revealed_at, @now), updated_at = @now
         WHERE exercise_id = @id`,
      ),
      link: db.prepare(
        'UPDATE exercise_progress SET experiment_id = ?, updated_at = ? WHERE exercise_id = ?',
      ),
      liveExperiment: db.prepare('SELECT id FROM experiments WHERE id = ? AND deleted_at IS NULL'),
      reset: db.prepare('DELETE FROM exercise_progress WHERE exercise_id = ?'),
      resetAll: db.prepare('DELETE FROM exercise_progress'),
    };
  }

  get(id: ExerciseId): ExerciseProgress | null {
    const row = this.#sql.get.get(id) as ProgressRow | undefined;
    return row ? toProgress(row) : null;
  }

  all(): Map<ExerciseId, ExerciseProgress> {
    const rows = this.#connection.read(() => this.#sql.all.all() as ProgressRow[]);
    return new Map(rows.map((row) => [row.exercise_id, toProgress(row)]));
  }

  /** Counts one answer; the first right one marks the exercise solved. */
  recordAttempt(id: ExerciseId, answer: ExerciseAnswer, correct: boolean): ExerciseProgress {
    return this.#connection.write(() => {
      const now = this.#now();
      this.#sql.ensure.run(id, now);
      this.#sql.attempt.run({ id, answer: JSON.stringify(answer), correct: correct ? 1 : 0, now });
      return this.get(id)!;
    });
  }

  /** The person gave up and saw the answer (it does not count as solved). */
  markRevealed(id: ExerciseId): ExerciseProgress {
    return this.#connection.write(() => {
      const now = this.#now();
      this.#sql.ensure.run(id, now);
      this.#sql.reveal.run({ id, now });
      return this.get(id)!;
    });
  }

  /**
   * The experiment the exercise is played in: the linked one while it exists outside the trash,
   * else the one `create` makes (linked from then on). One transaction: two tabs opening the same
   * exercise at once get the same experiment.
   */
  experimentFor(id: ExerciseId, create: () => ExperimentId): ExperimentId {
    return this.#connection.write(() => {
      const linked = this.get(id)?.experimentId ?? null;
      if (linked !== null && this.#sql.liveExperiment.get(linked) !== undefined) return linked;
      const now = this.#now();
      const created = create();
      this.#sql.ensure.run(id, now);
      this.#sql.link.run(created, now, id);
      return created;
    });
  }

  /** Forgets one exercise's progress, or every exercise's; the experiments stay. */
  reset(id?: ExerciseId): void {
    this.#connection.write(() => {
      if (id === undefined) this.#sql.resetAll.run();
      else this.#sql.reset.run(id);
    });
  }
}

function toProgress(row: ProgressRow): ExerciseProgress {
  return {
    attempts: row.attempts,
    solvedAt: row.solved_at,
    revealed: row.revealed_at !== null,
    lastAnswer: row.last_answer === null ? null : (JSON.parse(row.last_answer) as ExerciseAnswer),
    lastCorrect: row.last_correct === null ? null : row.last_correct === 1,
    experimentId: row.experiment_id,
    updatedAt: row.updated_at,
  };
}
