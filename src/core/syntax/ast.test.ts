/**
 * The oracle test: our AST against CPython 3.11's `ast.parse`, node by node,
 * field by field, position by position. The expected trees were recorded by
 * fixtures/record.py from real CPython (fixtures.test.ts checks they are fresh).
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { astToJson, type Json } from './ast-json';
import { parseModule } from './parse';

type Fixture = Record<string, { source: string; ast: Json }>;

function load(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Fixture;
}

function suite(title: string, fixtures: Fixture): void {
  describe(title, () => {
    for (const [name, { source, ast }] of Object.entries(fixtures)) {
      it(name, () => {
        expect(astToJson(parseModule(source))).toEqual(ast);
      });
    }
  });
}

suite('snippets', load('snippets.json'));
suite('conformance corpus', load('conformance.json'));

/** Shifts every line number of a recorded tree down by `lines`. */
function shiftLines(node: Json, lines: number): Json {
  if (Array.isArray(node)) return node.map((n) => shiftLines(n, lines));
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] =
      (k === 'lineno' || k === 'end_lineno') && typeof v === 'number' ? v + lines : shiftLines(v, lines);
  }
  return out;
}

describe('long modules', () => {
  it('parse as the sum of their parts (the whole corpus as one file)', () => {
    let source = '';
    let lines = 0;
    const body: Json[] = [];
    for (const { source: part, ast } of Object.values(load('conformance.json'))) {
      const recorded = ast as { body: Json[] };
      body.push(...recorded.body.map((s) => shiftLines(s, lines)));
      source += part;
      lines += part.split('\n').length - 1;
    }
    expect(astToJson(parseModule(source))).toEqual({ _type: 'Module', body, type_ignores: [] });
  });
});
