/**
 * Whole tracebacks against CPython's: every frame line, source line, caret line, chained
 * exception and collapsed recursion, as recorded by fixtures/record_tracebacks.py.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import recorded from './fixtures/tracebacks.json';
import { runSource } from '../run';

const PROGRAMS = join(__dirname, 'fixtures/traceback-programs');

describe('tracebacks are printed as CPython prints them', () => {
  for (const [name, expected] of Object.entries(
    recorded as Record<string, { exit: number; stdout: string; stderr: string }>,
  )) {
    it(name, () => {
      const source = readFileSync(join(PROGRAMS, name), 'utf8');
      const result = runSource(source, { filename: `<dir>/${name}` });
      expect({ exit: result.exitCode, stdout: result.stdout, stderr: result.stderr }).toEqual(expected);
    });
  }
});
