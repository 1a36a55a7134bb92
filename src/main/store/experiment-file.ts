/**
 * The `.pymemlab.json` file: one experiment, for sharing or keeping outside the database.
 *
 *   { "format": "pymemlab.experiment", "version": 1, "exportedAt": "2025-…Z",
 *     "experiment": { "title", "source", "engine", "notes", "step", "viewState", "createdAt", "updatedAt" } }
 *
 * Compact JSON: indentation would multiply a large view state. Reading a file checks it
 * completely before anything is saved, and says in words what is wrong with it.
 */

import { z } from 'zod';
import {
  EXPERIMENT_FILE_EXTENSION,
  MAX_EXPERIMENT_FILE_CHARS,
  type Experiment,
  type ExperimentExport,
  type ExperimentFields,
} from '../../shared/experiment';
import { LabError } from '../../shared/lab-error';
import { experimentFieldsSchema } from './experiment-schemas';

export const FILE_FORMAT = 'pymemlab.experiment';
export const FILE_VERSION = 1;

const timestamp = z.number().int().nonnegative().max(8.64e15);

const fileSchema = z.strictObject({
  format: z.literal(FILE_FORMAT),
  version: z.literal(FILE_VERSION),
  exportedAt: z.string().max(64),
  experiment: experimentFieldsSchema.extend({ createdAt: timestamp, updatedAt: timestamp }),
});

export interface ImportedExperiment {
  fields: ExperimentFields;
  createdAt: number;
}

export function exportExperimentFile(experiment: Experiment, now: Date = new Date()): ExperimentExport {
  const { title, source, engine, notes, step, viewState, createdAt, updatedAt } = experiment;
  const file: z.infer<typeof fileSchema> = {
    format: FILE_FORMAT,
    version: FILE_VERSION,
    exportedAt: now.toISOString(),
    experiment: { title, source, engine, notes, step, viewState, createdAt, updatedAt },
  };
  return { fileName: fileNameFor(title), contents: `${JSON.stringify(file)}\n` };
}

/** The experiment in a file's text, or an `InvalidFile` error that says what is wrong. */
export function parseExperimentFile(contents: string): ImportedExperiment {
  const refuse = (why: string) => new LabError('InvalidFile', `Cannot import this file: ${why}`);
  if (contents.length > MAX_EXPERIMENT_FILE_CHARS) {
    throw refuse(`it is larger than ${MAX_EXPERIMENT_FILE_CHARS.toLocaleString('en-US')} characters.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(contents);
  } catch (error) {
    throw refuse(`it is not JSON (${(error as Error).message}).`);
  }
  // The envelope first, so a file of another kind or version is named as such rather than
  // listed field by field.
  const envelope = json as { format?: unknown; version?: unknown } | null;
  if (typeof envelope !== 'object' || envelope === null || envelope.format !== FILE_FORMAT) {
    throw refuse(`it is not a PyMem Lab experiment (no "format": "${FILE_FORMAT}").`);
  }
  if (typeof envelope.version === 'number' && envelope.version > FILE_VERSION) {
    throw refuse(
      `it was written by a newer PyMem Lab (file version ${envelope.version}; this one reads version ${FILE_VERSION}).`,
    );
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) throw refuse(`\n${z.prettifyError(parsed.error)}`);
  const { createdAt, updatedAt: _updatedAt, ...fields } = parsed.data.experiment;
  return { fields, createdAt };
}

/** A file name from the title: letters, digits, spaces, dots, dashes and underscores only. */
export function fileNameFor(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^\w .-]+/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[ .]+|[ .]+$/g, '')
    .slice(0, 80);
  return `${base || 'experiment'}${EXPERIMENT_FILE_EXTENSION}`;
}
