/**
 * CPython's byte strings for each code object of every conformance program (co_code,
 * co_linetable, co_exceptiontable, recorded by fixtures/record_bytes.py): the engine must
 * make the same bytes from its instructions, or its compiler would merge other constants
 * than CPython's does.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fixtures from './fixtures/bytes.json';
import { createRuntime } from '../vm/lifecycle';
import '../objects/registerall';
import { parseModule } from '../syntax/parse';
import { Arena, materializeConstants } from './consts';
import { AstOptimizer } from './astopt';
import { SymbolTable } from './symtable';
import { Compiler } from './codegen';
import { assembleBytes } from './bytecode';
import { PyCode, CodeType } from '../objects/codeobject';
import type { PyObject } from '../objects/object';

const CASES = join(__dirname, '../../../tests/conformance/cases');
/** [qualname, co_code, co_linetable, co_exceptiontable] in hex, per code object. */
const expected = fixtures as Record<string, [string, string, string, string][]>;

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

function codeBytes(name: string): [string, string, string, string][] {
  createRuntime({ filename: name });
  const mod = parseModule(readFileSync(join(CASES, name), 'utf8'));
  const arena = new Arena();
  const consts = materializeConstants(mod, arena);
  new AstOptimizer(consts, arena, []).module(mod);
  const co = new Compiler(SymbolTable.build(mod), consts, name).compileModule(mod);
  const out: [string, string, string, string][] = [];
  const walk = (c: PyCode) => {
    const b = assembleBytes(c, c.firstlineno);
    out.push([c.qualname.value, hex(b.code), hex(b.linetable), hex(b.exceptiontable)]);
    for (const k of c.consts.items as PyObject[]) if (k.type === CodeType) walk(k as PyCode);
  };
  walk(co);
  return out;
}

describe("the assembler's bytes are CPython 3.11's", () => {
  for (const name of Object.keys(expected)) {
    it(name, () => {
      expect(codeBytes(name)).toEqual(expected[name]);
    });
  }
});
