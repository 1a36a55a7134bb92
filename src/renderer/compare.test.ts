import { describe, expect, it } from 'vitest';
import type { CPythonRun } from '../shared/lab-api';
import { compareOutputs } from './compare';
import { diffLines, outputLines } from './line-diff';

const cpython = (stdout: string, stderr = '', exitCode: number | null = 0): CPythonRun => ({
  stdout,
  stderr,
  exitCode,
  timedOut: false,
  truncated: false,
  version: '3.11.7',
  durationMs: 30,
});

describe('diffLines', () => {
  it('lists common lines once and the differences in order', () => {
    expect(diffLines(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e'])).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'c' },
      { kind: 'same', text: 'd' },
      { kind: 'added', text: 'e' },
    ]);
  });

  it('finds the longest common part, not just a common head and tail', () => {
    const lines = diffLines(['1', 'A', '2', 'B', '3'], ['1', '2', 'C', '3']);
    expect(lines.filter((l) => l.kind === 'same').map((l) => l.text)).toEqual(['1', '2', '3']);
    expect(lines.filter((l) => l.kind !== 'same')).toHaveLength(3);
  });

  it('shows a missing final newline as a difference', () => {
    expect(outputLines('a\nb\n')).toEqual(['a', 'b']);
    expect(outputLines('a\nb')).toEqual(['a', 'b ⏎̸']);
    expect(outputLines('')).toEqual([]);
  });
});

describe('compareOutputs', () => {
  it('calls equal streams and exit codes identical', () => {
    const comparison = compareOutputs({ stdout: '2\n', stderr: '', exitCode: 0 }, cpython('2\n'));
    expect(comparison).toMatchObject({ identical: true, stdout: [], stderr: [] });
  });

  it('reports a differing line of one stream', () => {
    const comparison = compareOutputs(
      { stdout: '(252, 0, 2)\n', stderr: '', exitCode: 0 },
      cpython('(250, 0, 2)\n'),
    );
    expect(comparison.identical).toBe(false);
    expect(comparison.stdout).toEqual([
      { kind: 'removed', text: '(252, 0, 2)' },
      { kind: 'added', text: '(250, 0, 2)' },
    ]);
    expect(comparison.stderr).toEqual([]);
  });

  it('is not identical when only the exit code differs, or CPython was cut short', () => {
    expect(compareOutputs({ stdout: '', stderr: '', exitCode: 1 }, cpython('')).identical).toBe(false);
    const killed = { ...cpython(''), timedOut: true, exitCode: null };
    expect(compareOutputs({ stdout: '', stderr: '', exitCode: null }, killed).identical).toBe(false);
  });
});
