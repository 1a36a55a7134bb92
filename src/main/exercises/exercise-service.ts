/**
 * The main-process side of `LabApi.exercises`, shared by both transports: serves the bundled
 * exercises, checks answers against the engine's (computed once per exercise, off the main
 * thread in the app), and keeps the person's progress in the experiment store. Without a store
 * everything but progress still works.
 */

import type {
  AnswerForm,
  Exercise,
  ExerciseAnswer,
  ExerciseCheck,
  ExerciseId,
  ExerciseList,
  ExerciseProgress,
  ExerciseSolution,
  ExerciseSummary,
} from '../../shared/exercise';
import { sameAnswer } from '../../shared/exercise';
import type { ExperimentId } from '../../shared/experiment';
import {
  isExerciseWireMethod,
  type ExerciseMethod,
  type ExerciseWireMethod,
} from '../../shared/exercises-api';
import { LabError, serializeError, type Outcome } from '../../shared/lab-error';
import type { ExperimentStore } from '../store/experiment-store';
import type { Catalog } from './exercise-catalog';
import type { ExerciseDefinition } from './exercise-format';
import { checkAnswerFits, parseExerciseArgs } from './exercise-schemas';
import { parseLineSelector, type ExpectedAnswer } from './expected-answer';

/** Computes an exercise's expected answer with the engine (a worker in the app). */
export interface AnswerComputer {
  compute(exercise: ExerciseDefinition): Promise<ExpectedAnswer>;
}

/** What a `LabSession` needs of the exercises. */
export interface ExerciseCalls {
  call(method: ExerciseWireMethod, payload: unknown): Promise<Outcome<unknown>>;
}

/** The experiment store as the service sees it: open, or unavailable with a reason. */
export interface ProgressStore {
  readonly store: ExperimentStore | undefined;
  readonly status: { unavailable?: string };
}

export class ExerciseService implements ExerciseCalls {
  readonly #exercises: ExerciseDefinition[];
  readonly #byId: Map<ExerciseId, ExerciseDefinition>;
  readonly #progress: ProgressStore;
  readonly #answers: AnswerComputer;
  readonly #expected = new Map<ExerciseId, Promise<ExpectedAnswer>>();

  constructor(catalog: Catalog, progress: ProgressStore, answers: AnswerComputer) {
    this.#exercises = catalog.exercises;
    this.#byId = new Map(catalog.exercises.map((e) => [e.id, e]));
    this.#progress = progress;
    this.#answers = answers;
  }

  async call(method: ExerciseWireMethod, payload: unknown): Promise<Outcome<unknown>> {
    try {
      if (!isExerciseWireMethod(method)) {
        throw new LabError('InvalidRequest', `Unknown method: ${JSON.stringify(method)}`);
      }
      const name = method.slice('exercises.'.length) as ExerciseMethod;
      return { ok: true, value: (await this.#run(name, payload)) ?? null };
    } catch (error) {
      if (error instanceof LabError) return { ok: false, error: serializeError(error) };
      const message = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        error: { name: 'StoreError', message: `Exercise progress could not be saved: ${message}` },
      };
    }
  }

  #run(method: ExerciseMethod, payload: unknown): Promise<unknown> | unknown {
    switch (method) {
      case 'list':
        parseExerciseArgs('list', payload);
        return this.list();
      case 'get':
        return this.get(...parseExerciseArgs('get', payload));
      case 'open':
        return this.open(...parseExerciseArgs('open', payload));
      case 'check':
        return this.check(...parseExerciseArgs('check', payload));
      case 'reveal':
        return this.reveal(...parseExerciseArgs('reveal', payload));
      case 'reset':
        return this.reset(...parseExerciseArgs('reset', payload));
    }
  }

  list(): ExerciseList {
    const { store, status } = this.#progress;
    const progress = store?.exerciseProgress.all() ?? new Map<ExerciseId, ExerciseProgress>();
    return {
      exercises: this.#exercises.map((e) => summary(e, progress.get(e.id) ?? null)),
      ...(status.unavailable !== undefined && { progressUnavailable: status.unavailable }),
    };
  }

  async get(id: ExerciseId): Promise<Exercise> {
    const exercise = this.#find(id);
    const progress = this.#progress.store?.exerciseProgress.get(id) ?? null;
    const shown = progress !== null && (progress.solvedAt !== null || progress.revealed);
    return {
      ...summary(exercise, progress),
      goal: exercise.goal,
      source: exercise.source,
      question: exercise.question,
      hints: exercise.hints,
      answer: answerForm(exercise),
      ...(shown && { solution: await this.#solution(exercise) }),
    };
  }

  open(id: ExerciseId): { experimentId: ExperimentId | null } {
    const exercise = this.#find(id);
    const store = this.#progress.store;
    if (!store) return { experimentId: null };
    const experimentId = store.exerciseProgress.experimentFor(id, () => {
      const title = `Exercise ${exercise.number}: ${exercise.title}`;
      return store.repository.create({ title, source: exercise.source }).id;
    });
    return { experimentId };
  }

  async check(id: ExerciseId, answer: ExerciseAnswer): Promise<ExerciseCheck> {
    const exercise = this.#find(id);
    checkAnswerFits(exercise, answer);
    const solution = await this.#solution(exercise);
    const correct = sameAnswer(answer, solution.expected);
    const progress = this.#progress.store?.exerciseProgress.recordAttempt(id, answer, correct) ?? null;
    return { correct, progress, ...(correct && { solution }) };
  }

  async reveal(id: ExerciseId): Promise<ExerciseCheck> {
    const solution = await this.#solution(this.#find(id));
    const progress = this.#progress.store?.exerciseProgress.markRevealed(id) ?? null;
    return { correct: false, progress, solution };
  }

  reset(id?: ExerciseId): void {
    if (id !== undefined) this.#find(id);
    this.#progress.store?.exerciseProgress.reset(id);
  }

  #find(id: ExerciseId): ExerciseDefinition {
    const exercise = this.#byId.get(id);
    if (!exercise) throw new LabError('NotFound', `There is no exercise ${JSON.stringify(id)}.`);
    return exercise;
  }

  async #solution(exercise: ExerciseDefinition): Promise<ExerciseSolution> {
    let expected = this.#expected.get(exercise.id);
    if (!expected) {
      expected = this.#answers.compute(exercise);
      this.#expected.set(exercise.id, expected);
      // A failure (a crashed worker) is not remembered: the next check tries again.
      expected.catch(() => this.#expected.delete(exercise.id));
    }
    let computed: ExpectedAnswer;
    try {
      computed = await expected;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new LabError('EngineError', `Exercise ${exercise.id} cannot be checked: ${message}`);
    }
    return {
      expected: computed.answer,
      explanation: exercise.explanation,
      visibleStep: computed.visibleStep,
      visibleAt: exercise.visibleAt,
    };
  }
}

function summary(exercise: ExerciseDefinition, progress: ExerciseProgress | null): ExerciseSummary {
  return { id: exercise.id, number: exercise.number, title: exercise.title, topic: exercise.topic, progress };
}

/** What the person is asked, without where the engine finds the answer. */
function answerForm({ answer }: ExerciseDefinition): AnswerForm {
  switch (answer.kind) {
    case 'number':
      return { kind: 'number', ...(answer.unit !== undefined && { unit: answer.unit }) };
    case 'choice':
      return { kind: 'choice', options: answer.options };
    case 'freed':
      return { kind: 'freed', objects: answer.objects.map((o) => o.label) };
    case 'collected':
      return {
        kind: 'collected',
        objects: answer.objects.map((o) => o.label),
        collectionLine: parseLineSelector(answer.collection).line,
      };
  }
}
