/**
 * Syntax errors against CPython 3.11's: type, message, line and column of the
 * SyntaxError that `compile(src, 'f.py', 'exec')` raised for each snippet of
 * fixtures/errors.txt (recorded by fixtures/record.py).
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PySyntaxError, parseModule } from './parse';

interface Recorded {
  type: string;
  msg: string;
  lineno: number;
  offset: number;
}

type Fixture = Record<string, { source: string; error: Recorded; parser: boolean }>;

const errors = JSON.parse(
  readFileSync(new URL('./fixtures/errors.json', import.meta.url), 'utf8'),
) as Fixture;

function raised(source: string): Recorded | null {
  try {
    parseModule(source);
    return null;
  } catch (e) {
    if (!(e instanceof PySyntaxError)) throw e;
    return { type: e.type, msg: e.msg, lineno: e.lineno, offset: e.offset };
  }
}

describe('syntax errors match CPython', () => {
  for (const [name, { source, error, parser }] of Object.entries(errors)) {
    if (!parser) continue;
    it(name, () => {
      const { type, msg, lineno, offset } = error;
      expect(raised(source)).toEqual({ type, msg, lineno, offset });
    });
  }
});
