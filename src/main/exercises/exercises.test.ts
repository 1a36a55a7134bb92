/**
 * The bundled exercises (resources/exercises/): valid, enough of them, and each expected answer
 * computed by the engine AND given by the machine's CPython 3.11, which must agree. Where there is
 * no CPython 3.11 the CPython half is skipped, with the reason in the test's name.
 */

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSource } from '../../core';
import { parseCatalog, readExerciseFiles } from './exercise-catalog';
import type { ExerciseDefinition } from './exercise-format';
import { computeExpected, type ExpectedAnswer } from './expected-answer';
import { cpython311, cpythonAnswer } from './cpython-answer';

const DIR = join(import.meta.dirname, '../../../resources/exercises');
const catalog = parseCatalog(readExerciseFiles(DIR));
const python = process.env.PYMEM_PYTHON || 'python3';
const cpython = cpython311(python);

const engineAnswers = new Map<string, ExpectedAnswer>();
function engineAnswer(exercise: ExerciseDefinition): ExpectedAnswer {
  if (!engineAnswers.has(exercise.id)) engineAnswers.set(exercise.id, computeExpected(exercise, runSource));
  return engineAnswers.get(exercise.id)!;
}

describe('the bundled exercises', () => {
  it('are all valid', () => {
    expect(catalog.problems).toEqual([]);
  });

  it('are at least 24, numbered 1, 2, 3… and ask every kind of question', () => {
    expect(catalog.exercises.length).toBeGreaterThanOrEqual(24);
    expect(catalog.exercises.map((e) => e.number)).toEqual(catalog.exercises.map((_, i) => i + 1));
    expect(new Set(catalog.exercises.map((e) => e.answer.kind))).toEqual(
      new Set(['number', 'choice', 'freed', 'collected']),
    );
  });

  for (const exercise of catalog.exercises) {
    describe(`${exercise.number} ${exercise.id}`, () => {
      it('the engine computes its answer and the step that shows it', () => {
        const { answer, visibleStep } = engineAnswer(exercise);
        expect(answer.kind).toBe(exercise.answer.kind);
        expect(visibleStep).toBeGreaterThanOrEqual(0);
      });

      const realName = cpython.ok
        ? 'CPython 3.11 gives the same answer'
        : `CPython half skipped: ${cpython.reason}`;
      it.skipIf(!cpython.ok)(realName, () => {
        expect(cpythonAnswer(exercise, python)).toEqual(engineAnswer(exercise).answer);
      });
    });
  }
});
