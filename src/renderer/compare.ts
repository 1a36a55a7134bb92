/** "Compare with CPython": the lab's output against CPython's, stream by stream. */

import type { CPythonRun } from '../shared/lab-api';
import { diffLines, outputLines, type DiffLine } from './line-diff';

export interface ProgramOutput {
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

export interface Comparison {
  identical: boolean;
  /** The lab's lines as "removed", CPython's as "added". Empty when the stream is identical. */
  stdout: DiffLine[];
  stderr: DiffLine[];
  exitCodes: { lab: number | null; cpython: number | null };
  cpython: CPythonRun;
}

export function compareOutputs(lab: ProgramOutput, cpython: CPythonRun): Comparison {
  const stream = (a: string, b: string) => (a === b ? [] : diffLines(outputLines(a), outputLines(b)));
  const stdout = stream(lab.stdout, cpython.stdout);
  const stderr = stream(lab.stderr, cpython.stderr);
  return {
    identical:
      stdout.length === 0 &&
      stderr.length === 0 &&
      lab.exitCode === cpython.exitCode &&
      !cpython.timedOut &&
      !cpython.truncated,
    stdout,
    stderr,
    exitCodes: { lab: lab.exitCode, cpython: cpython.exitCode },
    cpython,
  };
}
