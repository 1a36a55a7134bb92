/**
 * Schemas for every payload that reaches the main process from a renderer or a browser.
 * Nothing from outside is trusted: a payload that does not match is rejected with an
 * `InvalidRequest` error naming the call and the offending field.
 */

import { z } from 'zod';
import { MAX_SOURCE_CHARS } from '../shared/lab-api';
import type {
  CPythonRunRequest,
  LabMethod,
  RunRequest,
  SnapshotRequest,
  StepEventsRequest,
} from '../shared/lab-channels';
import type { SocketRequest } from '../shared/socket-protocol';
import { LabError } from '../shared/lab-error';

const id = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const payloadSchemas = {
  run: z.strictObject({
    runId: id,
    source: z.string().max(MAX_SOURCE_CHARS, `must be at most ${MAX_SOURCE_CHARS} characters`),
  }) satisfies z.ZodType<RunRequest>,
  stop: z.strictObject({}),
  snapshot: z.strictObject({ step: id }) satisfies z.ZodType<SnapshotRequest>,
  stepEvents: z.strictObject({ step: id }) satisfies z.ZodType<StepEventsRequest>,
  cpythonStatus: z.strictObject({}),
  runInCPython: z.strictObject({
    source: z.string().max(MAX_SOURCE_CHARS, `must be at most ${MAX_SOURCE_CHARS} characters`),
  }) satisfies z.ZodType<CPythonRunRequest>,
} satisfies Record<LabMethod, z.ZodType>;

export type Payloads = { [M in LabMethod]: z.infer<(typeof payloadSchemas)[M]> };

export const socketRequestSchema = z.strictObject({
  seq: id,
  method: z.string().max(64),
  payload: z.unknown(),
}) satisfies z.ZodType<SocketRequest>;

export function isLabMethod(method: string): method is LabMethod {
  return Object.hasOwn(payloadSchemas, method);
}

/** The payload, typed, or an `InvalidRequest` error that says what is wrong with it. */
export function parsePayload<M extends LabMethod>(method: M, payload: unknown): Payloads[M] {
  const parsed = payloadSchemas[method].safeParse(payload);
  if (!parsed.success) {
    throw new LabError('InvalidRequest', `Invalid ${method} request: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data as Payloads[M];
}
