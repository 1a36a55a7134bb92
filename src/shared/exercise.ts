/**
 * Lab exercises: a short program and a question about its memory, which the person answers
 * before the lab checks it. The exercises are bundled with the app (resources/exercises/, parsed
 * and validated in the main process); their expected answers are computed by the engine, never
 * written down. Progress is kept in the experiment store.
 */

import type { ExperimentId } from './experiment';

/** The exercise's file name without its number and `.md`: `names-are-references`. */
export type ExerciseId = string;

/**
 * A step of the program by its line, as the engine's `--at-line L[:K]`: `"7"` is the first time
 * line 7 is about to run, `"7:3"` the third time.
 */
export type LineSelector = string;

export interface ChoiceOption {
  /** What the program prints (or the expected value stands for), compared exactly. */
  value: string;
  /** What the person reads; the value when the file gives none. */
  label: string;
}

/** What the renderer needs to ask for an answer. */
export type AnswerForm =
  | { kind: 'number'; unit?: string }
  | { kind: 'choice'; options: ChoiceOption[] }
  /** For each object (by its label): the line at which it is freed, or null for "never". */
  | { kind: 'freed'; objects: string[] }
  /** Which of the objects the collection at `collectionLine` finds unreachable. */
  | { kind: 'collected'; objects: string[]; collectionLine: number };

/** An answer, given by the person or computed by the engine. */
export type ExerciseAnswer =
  | { kind: 'number'; value: number }
  | { kind: 'choice'; value: string }
  /** One entry per object, in the exercise's order: a line of the program, or null (still alive). */
  | { kind: 'freed'; lines: (number | null)[] }
  /** One entry per object, in the exercise's order: whether the collector finds it. */
  | { kind: 'collected'; found: boolean[] };

export type AnswerKind = ExerciseAnswer['kind'];

export interface ExerciseProgress {
  /** Answers checked so far. */
  attempts: number;
  /** When it was first answered right (ms since the epoch), or null. */
  solvedAt: number | null;
  /** Whether the person gave up and asked for the answer. */
  revealed: boolean;
  lastAnswer: ExerciseAnswer | null;
  lastCorrect: boolean | null;
  /** The experiment the exercise was opened as, if it still exists. */
  experimentId: ExperimentId | null;
  updatedAt: number;
}

export interface ExerciseSummary {
  id: ExerciseId;
  /** Its position in the course, from 1. */
  number: number;
  title: string;
  topic: string;
  /** Null before the first answer, or when progress cannot be stored. */
  progress: ExerciseProgress | null;
}

export interface ExerciseList {
  exercises: ExerciseSummary[];
  /** Why progress is not saved (the experiment store could not be opened), if it is not. */
  progressUnavailable?: string;
}

/** What is shown once the exercise is answered right, or given up. */
export interface ExerciseSolution {
  expected: ExerciseAnswer;
  /** Markdown. */
  explanation: string;
  /** The step (0-based, of a run of `source`) where the answer can be seen, and its selector. */
  visibleStep: number;
  visibleAt: LineSelector;
}

export interface Exercise extends ExerciseSummary {
  /** What the person learns (one sentence). */
  goal: string;
  /** The Python program. */
  source: string;
  /** Markdown. */
  question: string;
  /** Markdown, one per hint, shown one at a time. */
  hints: string[];
  answer: AnswerForm;
  /** Present when the exercise is solved or was given up. */
  solution?: ExerciseSolution;
}

export interface ExerciseCheck {
  correct: boolean;
  /** Null when progress cannot be stored. */
  progress: ExerciseProgress | null;
  /** Present when the answer was right (or the person gave up). */
  solution?: ExerciseSolution;
}

/** The text shown for an answer: `8000056`, `True False`, `freed at line 7`. */
export function describeAnswer(answer: ExerciseAnswer, form: AnswerForm): string {
  switch (answer.kind) {
    case 'number':
      return `${answer.value}${form.kind === 'number' && form.unit ? ` ${form.unit}` : ''}`;
    case 'choice': {
      const option = form.kind === 'choice' ? form.options.find((o) => o.value === answer.value) : undefined;
      return option?.label ?? answer.value;
    }
    case 'freed': {
      const names = form.kind === 'freed' ? form.objects : [];
      return answer.lines
        .map((line, i) => `${names[i] ?? `#${i + 1}`}: ${line === null ? 'still alive' : `line ${line}`}`)
        .join('; ');
    }
    case 'collected': {
      const names = form.kind === 'collected' ? form.objects : [];
      const found = names.filter((_, i) => answer.found[i]);
      return found.length === 0 ? 'none of them' : found.join(', ');
    }
  }
}

/** Whether two answers are the same (the check). */
export function sameAnswer(a: ExerciseAnswer, b: ExerciseAnswer): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'number':
      return a.value === (b as typeof a).value;
    case 'choice':
      return a.value === (b as typeof a).value;
    case 'freed': {
      const other = (b as typeof a).lines;
      return a.lines.length === other.length && a.lines.every((line, i) => line === other[i]);
    }
    case 'collected': {
      const other = (b as typeof a).found;
      return a.found.length === other.length && a.found.every((found, i) => found === other[i]);
    }
  }
}
