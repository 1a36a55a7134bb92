/**
 * Schemas for everything that reaches the experiment store from outside: the arguments of each
 * `experiments` call (from a renderer or a browser), and the experiment inside an imported file.
 * The documented limits (src/shared/experiment.ts) are enforced here, before SQLite sees anything.
 */

import { z } from 'zod';
import {
  MAX_ENGINE_OPTIONS,
  MAX_EXPERIMENT_FILE_CHARS,
  MAX_EXPERIMENT_SOURCE_CHARS,
  MAX_LIST_LIMIT,
  MAX_NOTES_CHARS,
  MAX_SEARCH_CHARS,
  MAX_TITLE_CHARS,
  MAX_VIEW_STATE_CHARS,
  MAX_VIEW_STATE_DEPTH,
  type EngineSettings,
  type ExperimentFields,
  type ExperimentListQuery,
  type ViewState,
} from '../../shared/experiment';
import type { ExperimentMethod, ExperimentsApi } from '../../shared/experiments-api';
import { LabError } from '../../shared/lab-error';

const tooLong = (max: number) => `must be at most ${max.toLocaleString('en-US')} characters`;

export const experimentIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const titleSchema = z
  .string()
  .max(MAX_TITLE_CHARS, tooLong(MAX_TITLE_CHARS))
  // eslint-disable-next-line no-control-regex -- exactly the characters a one-line title must not hold
  .refine((title) => !/[\u0000-\u001f\u007f]/.test(title), 'must be one line without control characters');

export const sourceSchema = z.string().max(MAX_EXPERIMENT_SOURCE_CHARS, tooLong(MAX_EXPERIMENT_SOURCE_CHARS));
export const notesSchema = z.string().max(MAX_NOTES_CHARS, tooLong(MAX_NOTES_CHARS));
export const stepSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const engineSettingsSchema = z.strictObject({
  profile: z.string().regex(/^[a-z0-9][a-z0-9.+-]{0,63}$/, 'must be a profile name like cpython-3.11-64bit'),
  options: z
    .record(
      z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be an option name'),
      z.union([z.string().max(1000, tooLong(1000)), z.number().finite(), z.boolean()]),
    )
    .refine((options) => Object.keys(options).length <= MAX_ENGINE_OPTIONS, {
      message: `must have at most ${MAX_ENGINE_OPTIONS} options`,
    }),
}) satisfies z.ZodType<EngineSettings>;

export const viewStateSchema = z.custom<ViewState>().superRefine((value, context) => {
  const problem = viewStateProblem(value);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

export const experimentFieldsSchema = z.strictObject({
  title: titleSchema,
  source: sourceSchema,
  engine: engineSettingsSchema,
  notes: notesSchema,
  step: stepSchema,
  viewState: viewStateSchema,
}) satisfies z.ZodType<ExperimentFields>;

export const experimentPatchSchema = experimentFieldsSchema.partial();

export const listQuerySchema = z.strictObject({
  search: z.string().max(MAX_SEARCH_CHARS, tooLong(MAX_SEARCH_CHARS)).optional(),
  sort: z.enum(['updated', 'created', 'title']).optional(),
  trash: z.boolean().optional(),
  limit: z.number().int().positive().max(MAX_LIST_LIMIT).optional(),
  offset: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
}) satisfies z.ZodType<ExperimentListQuery>;

/** Each method's arguments, as the array a transport carries. */
export const experimentPayloadSchemas = {
  status: z.tuple([]),
  list: z.tuple([listQuerySchema.optional()]),
  get: z.tuple([experimentIdSchema]),
  create: z.tuple([experimentPatchSchema.optional()]),
  update: z.tuple([experimentIdSchema, experimentPatchSchema]),
  rename: z.tuple([experimentIdSchema, titleSchema]),
  duplicate: z.tuple([experimentIdSchema]),
  trash: z.tuple([experimentIdSchema]),
  restore: z.tuple([experimentIdSchema]),
  emptyTrash: z.tuple([]),
  exportFile: z.tuple([experimentIdSchema]),
  importFile: z.tuple([z.string().max(MAX_EXPERIMENT_FILE_CHARS, tooLong(MAX_EXPERIMENT_FILE_CHARS))]),
} satisfies Record<ExperimentMethod, z.ZodType>;

export type ExperimentArgs = { [M in ExperimentMethod]: z.infer<(typeof experimentPayloadSchemas)[M]> };

// The schemas accept exactly the API's arguments: a change to one without the other fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const argsMatchApi: { [M in ExperimentMethod]: Same<ExperimentArgs[M], Parameters<ExperimentsApi[M]>> } = {
  status: true,
  list: true,
  get: true,
  create: true,
  update: true,
  rename: true,
  duplicate: true,
  trash: true,
  restore: true,
  emptyTrash: true,
  exportFile: true,
  importFile: true,
};
void argsMatchApi;

/** The arguments, typed, or an `InvalidRequest` error that says what is wrong with them. */
export function parseExperimentArgs<M extends ExperimentMethod>(
  method: M,
  payload: unknown,
): ExperimentArgs[M] {
  const parsed = experimentPayloadSchemas[method].safeParse(payload);
  if (!parsed.success) {
    throw new LabError(
      'InvalidRequest',
      `Invalid experiments.${method} request: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data as ExperimentArgs[M];
}

/**
 * What keeps `value` from being a view state, or undefined: it must be a plain JSON object
 * (no undefined, NaN, Dates, Maps or cycles: IPC's structured clone can carry all of those),
 * at most MAX_VIEW_STATE_DEPTH deep and MAX_VIEW_STATE_CHARS long as JSON.
 */
export function viewStateProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) return 'must be a JSON object';
  // Iterative, with a budget of visited values: a shared subtree repeated many times over
  // (which structured clone can send) must not take exponential time.
  const pending: { value: unknown; depth: number; path: string }[] = [{ value, depth: 1, path: 'viewState' }];
  let visited = 0;
  while (pending.length > 0) {
    const { value: item, depth, path } = pending.pop()!;
    if (++visited > MAX_VIEW_STATE_CHARS) return `must be at most ${MAX_VIEW_STATE_CHARS} characters as JSON`;
    if (item === null || typeof item === 'string' || typeof item === 'boolean') continue;
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) return `${path} must be a finite number`;
      continue;
    }
    if (Array.isArray(item) || isPlainObject(item)) {
      if (depth > MAX_VIEW_STATE_DEPTH) return `must be at most ${MAX_VIEW_STATE_DEPTH} levels deep`;
      if (Array.isArray(item)) {
        for (let i = 0; i < item.length; i++) {
          if (!(i in item)) return `${path}[${i}] must not be a hole`;
          pending.push({ value: item[i], depth: depth + 1, path: `${path}[${i}]` });
        }
      } else {
        for (const [key, child] of Object.entries(item)) {
          pending.push({ value: child, depth: depth + 1, path: `${path}.${key}` });
        }
      }
      continue;
    }
    return `${path} must be JSON (a string, number, boolean, null, array or object), not ${describe(item)}`;
  }
  if (JSON.stringify(value).length > MAX_VIEW_STATE_CHARS) {
    return `must be at most ${MAX_VIEW_STATE_CHARS.toLocaleString('en-US')} characters as JSON`;
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'an object';
  return typeof value;
}
