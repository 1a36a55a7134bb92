/**
 * The exercises as a whole: every file of resources/exercises/ parsed, numbered uniquely and in
 * course order. Used at build time (bundle-plugin.ts refuses to build with a bad exercise), by
 * the tests, and by the main process at start.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_NAME, parseExerciseFile, type ExerciseDefinition } from './exercise-format';

export interface ExerciseFile {
  name: string;
  contents: string;
}

export interface Catalog {
  /** The valid exercises, by number. */
  exercises: ExerciseDefinition[];
  /** Every problem of every file; an app or build with problems must not ship. */
  problems: string[];
}

/** The folder's documentation, not an exercise. */
const README = 'README.md';

export function parseCatalog(files: readonly ExerciseFile[]): Catalog {
  const problems: string[] = [];
  const exercises: ExerciseDefinition[] = [];
  for (const file of files) {
    if (file.name === README) continue;
    if (!file.name.endsWith('.md')) {
      problems.push(`${file.name}: not an exercise (the folder holds NN-name.md files and ${README})`);
      continue;
    }
    const parsed = parseExerciseFile(file.name, file.contents);
    problems.push(...parsed.problems);
    if (parsed.exercise) exercises.push(parsed.exercise);
  }
  const byNumber = new Map<number, string>();
  const byId = new Map<string, string>();
  for (const file of files) {
    const name = FILE_NAME.exec(file.name);
    if (!name) continue;
    const [, number, id] = name;
    const sameNumber = byNumber.get(Number(number));
    if (sameNumber) problems.push(`${file.name}: number ${number} is also used by ${sameNumber}`);
    else byNumber.set(Number(number), file.name);
    const sameId = byId.get(id!);
    if (sameId) problems.push(`${file.name}: id "${id}" is also used by ${sameId} (progress is kept by id)`);
    else byId.set(id!, file.name);
  }
  if (files.every((f) => f.name === README)) problems.push('there are no exercises');
  exercises.sort((a, b) => a.number - b.number);
  return { exercises, problems };
}

/** The files of an exercises folder, by name. */
export function readExerciseFiles(dir: string): ExerciseFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, contents: readFileSync(join(dir, name), 'utf8') }));
}
