/**
 * Schemas for the arguments of every `exercises` call that reaches the main process from a
 * renderer or a browser, and the checks of an answer against the exercise it answers.
 */

import { z } from 'zod';
import type { ExerciseAnswer } from '../../shared/exercise';
import type { ExerciseMethod, ExercisesApi } from '../../shared/exercises-api';
import { LabError } from '../../shared/lab-error';
import type { ExerciseDefinition } from './exercise-format';

/** At most this many objects in a freed/collected exercise (exercise-format.ts). */
const MAX_OBJECTS = 8;

export const exerciseIdSchema = z
  .string()
  .max(100, 'must be at most 100 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be an exercise id like names-are-references');

export const exerciseAnswerSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('number'), value: z.number().finite().min(-1e15).max(1e15) }),
    z.strictObject({
      kind: z.literal('choice'),
      value: z.string().max(200, 'must be at most 200 characters'),
    }),
    z.strictObject({
      kind: z.literal('freed'),
      lines: z.array(z.number().int().positive().max(10_000).nullable()).max(MAX_OBJECTS),
    }),
    z.strictObject({ kind: z.literal('collected'), found: z.array(z.boolean()).max(MAX_OBJECTS) }),
  ],
  { error: 'must be an answer of kind "number", "choice", "freed" or "collected"' },
) satisfies z.ZodType<ExerciseAnswer>;

export const exercisePayloadSchemas = {
  list: z.tuple([]),
  get: z.tuple([exerciseIdSchema]),
  open: z.tuple([exerciseIdSchema]),
  check: z.tuple([exerciseIdSchema, exerciseAnswerSchema]),
  reveal: z.tuple([exerciseIdSchema]),
  reset: z.tuple([exerciseIdSchema.optional()]),
} satisfies Record<ExerciseMethod, z.ZodType>;

export type ExerciseArgs = { [M in ExerciseMethod]: z.infer<(typeof exercisePayloadSchemas)[M]> };

// The schemas accept exactly the API's arguments: a change to one without the other fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const argsMatchApi: { [M in ExerciseMethod]: Same<ExerciseArgs[M], Parameters<ExercisesApi[M]>> } = {
  list: true,
  get: true,
  open: true,
  check: true,
  reveal: true,
  reset: true,
};
void argsMatchApi;

/** The arguments, typed, or an `InvalidRequest` error that says what is wrong with them. */
export function parseExerciseArgs<M extends ExerciseMethod>(method: M, payload: unknown): ExerciseArgs[M] {
  const parsed = exercisePayloadSchemas[method].safeParse(payload);
  if (!parsed.success) {
    throw new LabError(
      'InvalidRequest',
      `Invalid exercises.${method} request: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data as ExerciseArgs[M];
}

/** An answer of the right kind and shape for the exercise, or an `InvalidRequest` error. */
export function checkAnswerFits(exercise: ExerciseDefinition, answer: ExerciseAnswer): void {
  const spec = exercise.answer;
  const refuse = (why: string) => {
    throw new LabError('InvalidRequest', `Invalid answer to exercise ${exercise.id}: ${why}`);
  };
  if (answer.kind !== spec.kind) refuse(`it asks for a ${spec.kind} answer, not a ${answer.kind} one`);
  if (
    answer.kind === 'choice' &&
    spec.kind === 'choice' &&
    !spec.options.some((o) => o.value === answer.value)
  ) {
    refuse(`${JSON.stringify(answer.value)} is not one of its options`);
  }
  if (
    (spec.kind === 'freed' || spec.kind === 'collected') &&
    answer.kind !== 'number' &&
    answer.kind !== 'choice'
  ) {
    const given = answer.kind === 'freed' ? answer.lines.length : answer.found.length;
    if (given !== spec.objects.length) refuse(`it asks about ${spec.objects.length} objects, not ${given}`);
  }
  if (answer.kind === 'freed') {
    const lines = exercise.source.split('\n').length - 1;
    const past = answer.lines.find((line) => line !== null && line > lines);
    if (past !== undefined) refuse(`line ${past} is past the program's last line (${lines})`);
  }
}
