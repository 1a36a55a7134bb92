/**
 * The `exercises` part of `LabApi`: the bundled exercises and the person's progress. As with
 * `experiments`, a method's arguments cross a transport as one array, which the main process
 * validates (src/main/exercises/exercise-schemas.ts).
 */

import type { ExperimentId } from './experiment';
import type { Exercise, ExerciseAnswer, ExerciseCheck, ExerciseId, ExerciseList } from './exercise';

export interface ExercisesApi {
  /** Every exercise in course order, with its progress. */
  list(): Promise<ExerciseList>;
  /** One exercise (its solution only once solved or given up). Rejects with `NotFound`. */
  get(id: ExerciseId): Promise<Exercise>;
  /**
   * The experiment to play with the exercise in: the one it was opened as before (unless it was
   * moved to the trash), else a new one holding its program. Null when the store is unavailable.
   */
  open(id: ExerciseId): Promise<{ experimentId: ExperimentId | null }>;
  /** Checks an answer against the engine's and records the attempt. */
  check(id: ExerciseId, answer: ExerciseAnswer): Promise<ExerciseCheck>;
  /** Gives up: the solution, without solving it. */
  reveal(id: ExerciseId): Promise<ExerciseCheck>;
  /** Forgets the progress of one exercise, or of all of them (the experiments stay). */
  reset(id?: ExerciseId): Promise<void>;
}

export type ExerciseMethod = keyof ExercisesApi;

export const EXERCISE_METHODS = [
  'list',
  'get',
  'open',
  'check',
  'reveal',
  'reset',
] as const satisfies readonly ExerciseMethod[];

/** The name a transport carries for a method: `exercises.check`, … */
export type ExerciseWireMethod = `exercises.${ExerciseMethod}`;

export const exerciseWireMethod = (method: ExerciseMethod): ExerciseWireMethod => `exercises.${method}`;

export function isExerciseWireMethod(method: string): method is ExerciseWireMethod {
  return (
    method.startsWith('exercises.') &&
    (EXERCISE_METHODS as readonly string[]).includes(method.slice('exercises.'.length))
  );
}

/** Electron's IPC channel of a method. */
export const exerciseChannel = (method: ExerciseMethod): `lab:exercises.${ExerciseMethod}` =>
  `lab:${exerciseWireMethod(method)}`;

/** `ExercisesApi` over a transport that sends a wire method and its arguments and returns the value. */
export function createExercisesClient(
  send: (method: ExerciseWireMethod, args: unknown[]) => Promise<unknown>,
): ExercisesApi {
  const client: Partial<Record<ExerciseMethod, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const method of EXERCISE_METHODS) {
    // An omitted optional argument (reset's id) must not travel: JSON would turn it into null.
    client[method] = (...args) => send(exerciseWireMethod(method), trimUndefined(args));
  }
  return client as ExercisesApi;
}

function trimUndefined(args: unknown[]): unknown[] {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  return args.slice(0, end);
}
