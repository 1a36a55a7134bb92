/**
 * The compiler against CPython's: for every conformance program, each code object must
 * have the same instructions with the same line numbers (which decide the `line` trace
 * events), the same stack size (which decides generator and frame sizes), and the same
 * names and variables, and the same exception table. The expected values are recorded by fixtures/record_dis.py.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fixtures from './fixtures/dis.json';
import { createRuntime } from '../vm/lifecycle';
import '../objects/registerall';
import { parseModule } from '../syntax/parse';
import { Arena, materializeConstants } from './consts';
import { AstOptimizer } from './astopt';
import { SymbolTable } from './symtable';
import { Compiler } from './codegen';
import { OP_NAMES } from './opcodes';
import { PyCode, CodeType, LocalKind } from '../objects/codeobject';
import type { PyStr } from '../objects/unicodeobject';
import type { PyObject } from '../objects/object';

interface CodeRecord {
  name: string;
  qualname: string;
  firstlineno: number;
  stacksize: number;
  nlocals: number;
  varnames: string[];
  cellvars: string[];
  freevars: string[];
  names: string[];
  flags: number;
  instrs: [string, number][];
  exceptiontable: [number, number, number, number, boolean][];
}

const CASES = join(__dirname, '../../../tests/conformance/cases');
const expected = fixtures as Record<string, CodeRecord[]>;

function record(co: PyCode): CodeRecord {
  const names = (co.localsplusnames.items as PyStr[]).map((s) => s.value);
  const kinds = co.localspluskinds;
  const instrs: [string, number][] = [];
  for (let i = 0; i < co.ops.length; i++) instrs.push([OP_NAMES[co.ops[i]], co.lines[i]]);
  return {
    name: co.name.value,
    qualname: co.qualname.value,
    firstlineno: co.firstlineno,
    stacksize: co.stacksize,
    nlocals: co.nlocals,
    varnames: names.filter((_, i) => kinds[i] & LocalKind.LOCAL),
    cellvars: names.filter((_, i) => kinds[i] & LocalKind.CELL),
    freevars: names.filter((_, i) => kinds[i] & LocalKind.FREE),
    names: (co.names.items as PyStr[]).map((s) => s.value),
    flags: co.flags,
    instrs,
    exceptiontable: co.exceptionTable.map((e) => [e.start, e.end, e.target, e.depth, e.lasti]),
  };
}

function walk(co: PyCode, out: CodeRecord[]): void {
  out.push(record(co));
  for (const c of co.consts.items as PyObject[]) if (c.type === CodeType) walk(c as PyCode, out);
}

function compileFile(name: string): CodeRecord[] {
  createRuntime({ filename: name });
  const source = readFileSync(join(CASES, name), 'utf8');
  const mod = parseModule(source);
  const arena = new Arena();
  const consts = materializeConstants(mod, arena);
  new AstOptimizer(consts, arena, []).module(mod);
  const co = new Compiler(SymbolTable.build(mod), consts, name).compileModule(mod);
  const out: CodeRecord[] = [];
  walk(co, out);
  return out;
}

describe('the compiler makes the code CPython 3.11 makes', () => {
  const names = readdirSync(CASES).filter((n) => n.endsWith('.py'));
  it('has a fixture for every case', () => {
    expect(Object.keys(expected).sort()).toEqual(names.sort());
  });
  for (const name of names) {
    it(name, () => {
      const ours = compileFile(name);
      const theirs = expected[name];
      expect(ours.map((c) => c.qualname)).toEqual(theirs.map((c) => c.qualname));
      for (let i = 0; i < theirs.length; i++) {
        const { flags: _f1, ...mine } = ours[i];
        const { flags: _f2, ...cpython } = theirs[i];
        expect(mine, `${theirs[i].qualname}`).toEqual(cpython);
      }
    });
  }
});
