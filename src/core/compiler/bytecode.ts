/**
 * The byte strings CPython 3.11's assembler makes for a code object: co_code (with its
 * EXTENDED_ARG prefixes, PRECALL before each CALL and the inline CACHE entries),
 * co_linetable (the compact location table) and co_exceptiontable. The engine executes
 * its own instruction arrays; these bytes decide which code objects' parts CPython's
 * compiler merges as equal constants (merge_const_one), which moves free lists and
 * `gc.get_count()` while the main file compiles.
 * @cpython Python/compile.c instr_size, write_instr, assemble_jump_offsets,
 *   normalize_jumps, assemble_exception_table, write_location_info_entry (3.11)
 */
import { Op, OP_NAMES, isJump } from './opcodes';
import type { ExceptionTableEntry } from '../objects/codeobject';

/** Lib/opcode.py (3.11): the opcode number of each real instruction, by name. */
const OPCODE: Record<string, number> = {
  CACHE: 0,
  POP_TOP: 1,
  PUSH_NULL: 2,
  NOP: 9,
  UNARY_POSITIVE: 10,
  UNARY_NEGATIVE: 11,
  UNARY_NOT: 12,
  UNARY_INVERT: 15,
  BINARY_SUBSCR: 25,
  GET_LEN: 30,
  MATCH_MAPPING: 31,
  MATCH_SEQUENCE: 32,
  MATCH_KEYS: 33,
  PUSH_EXC_INFO: 35,
  CHECK_EXC_MATCH: 36,
  WITH_EXCEPT_START: 49,
  BEFORE_WITH: 53,
  STORE_SUBSCR: 60,
  DELETE_SUBSCR: 61,
  GET_ITER: 68,
  GET_YIELD_FROM_ITER: 69,
  LOAD_BUILD_CLASS: 71,
  LOAD_ASSERTION_ERROR: 74,
  RETURN_GENERATOR: 75,
  LIST_TO_TUPLE: 82,
  RETURN_VALUE: 83,
  IMPORT_STAR: 84,
  SETUP_ANNOTATIONS: 85,
  YIELD_VALUE: 86,
  POP_EXCEPT: 89,
  STORE_NAME: 90,
  DELETE_NAME: 91,
  UNPACK_SEQUENCE: 92,
  FOR_ITER: 93,
  UNPACK_EX: 94,
  STORE_ATTR: 95,
  DELETE_ATTR: 96,
  STORE_GLOBAL: 97,
  DELETE_GLOBAL: 98,
  SWAP: 99,
  LOAD_CONST: 100,
  LOAD_NAME: 101,
  BUILD_TUPLE: 102,
  BUILD_LIST: 103,
  BUILD_SET: 104,
  BUILD_MAP: 105,
  LOAD_ATTR: 106,
  COMPARE_OP: 107,
  IMPORT_NAME: 108,
  IMPORT_FROM: 109,
  JUMP_FORWARD: 110,
  JUMP_IF_FALSE_OR_POP: 111,
  JUMP_IF_TRUE_OR_POP: 112,
  POP_JUMP_FORWARD_IF_FALSE: 114,
  POP_JUMP_FORWARD_IF_TRUE: 115,
  LOAD_GLOBAL: 116,
  IS_OP: 117,
  CONTAINS_OP: 118,
  RERAISE: 119,
  COPY: 120,
  BINARY_OP: 122,
  SEND: 123,
  LOAD_FAST: 124,
  STORE_FAST: 125,
  DELETE_FAST: 126,
  POP_JUMP_FORWARD_IF_NOT_NONE: 128,
  POP_JUMP_FORWARD_IF_NONE: 129,
  RAISE_VARARGS: 130,
  MAKE_FUNCTION: 132,
  BUILD_SLICE: 133,
  JUMP_BACKWARD_NO_INTERRUPT: 134,
  MAKE_CELL: 135,
  LOAD_CLOSURE: 136,
  LOAD_DEREF: 137,
  STORE_DEREF: 138,
  DELETE_DEREF: 139,
  JUMP_BACKWARD: 140,
  CALL_FUNCTION_EX: 142,
  EXTENDED_ARG: 144,
  LIST_APPEND: 145,
  SET_ADD: 146,
  MAP_ADD: 147,
  LOAD_CLASSDEREF: 148,
  COPY_FREE_VARS: 149,
  RESUME: 151,
  MATCH_CLASS: 152,
  FORMAT_VALUE: 155,
  BUILD_CONST_KEY_MAP: 156,
  BUILD_STRING: 157,
  LOAD_METHOD: 160,
  LIST_EXTEND: 162,
  SET_UPDATE: 163,
  DICT_MERGE: 164,
  DICT_UPDATE: 165,
  PRECALL: 166,
  CALL: 171,
  KW_NAMES: 172,
  POP_JUMP_BACKWARD_IF_NOT_NONE: 173,
  POP_JUMP_BACKWARD_IF_NONE: 174,
  POP_JUMP_BACKWARD_IF_FALSE: 175,
  POP_JUMP_BACKWARD_IF_TRUE: 176,
};
const HAVE_ARGUMENT = 90;
const EXTENDED_ARG = 144;
const PRECALL = 166;

/** _PyOpcode_Caches (3.11). */
const CACHES: Record<number, number> = {
  25: 4, // BINARY_SUBSCR
  60: 1, // STORE_SUBSCR
  92: 1, // UNPACK_SEQUENCE
  95: 4, // STORE_ATTR
  106: 4, // LOAD_ATTR
  107: 2, // COMPARE_OP
  116: 5, // LOAD_GLOBAL
  122: 1, // BINARY_OP
  160: 10, // LOAD_METHOD
  166: 1, // PRECALL
  171: 4, // CALL
};

/** normalize_jumps: the directed opcode of a conditional or plain jump. */
const DIRECTED: Partial<Record<string, [string, string]>> = {
  POP_JUMP_IF_FALSE: ['POP_JUMP_FORWARD_IF_FALSE', 'POP_JUMP_BACKWARD_IF_FALSE'],
  POP_JUMP_IF_TRUE: ['POP_JUMP_FORWARD_IF_TRUE', 'POP_JUMP_BACKWARD_IF_TRUE'],
  POP_JUMP_IF_NONE: ['POP_JUMP_FORWARD_IF_NONE', 'POP_JUMP_BACKWARD_IF_NONE'],
  POP_JUMP_IF_NOT_NONE: ['POP_JUMP_FORWARD_IF_NOT_NONE', 'POP_JUMP_BACKWARD_IF_NOT_NONE'],
};
const BACKWARD = new Set([134, 140, 173, 174, 175, 176]);

/** What assemble() laid out: instruction arrays with jump targets as instruction indexes. */
export interface LaidOut {
  ops: ArrayLike<number>;
  args: ArrayLike<number>;
  lines: ArrayLike<number>;
  /** endLineno, col, endCol of each instruction. */
  cols: ArrayLike<number>;
  exceptionTable: readonly ExceptionTableEntry[];
}

export interface CodeBytes {
  code: Uint8Array;
  linetable: Uint8Array;
  exceptiontable: Uint8Array;
}

/** One real CPython instruction (a CALL of the engine is PRECALL + CALL). */
interface Unit {
  opcode: number;
  oparg: number;
  /** Index of the engine instruction it comes from. */
  from: number;
  /** For jumps: the engine instruction index of the target. */
  target: number;
}

function instrSize(u: Unit): number {
  const oparg = u.opcode >= HAVE_ARGUMENT ? u.oparg : 0;
  const ext = (oparg > 0xffffff ? 1 : 0) + (oparg > 0xffff ? 1 : 0) + (oparg > 0xff ? 1 : 0);
  return ext + 1 + (CACHES[u.opcode] ?? 0);
}

interface Assembled {
  units: Unit[];
  /** Index in units of each engine instruction's first unit (and units.length at the end). */
  firstUnit: number[];
  /** Code-unit offset of each unit (and the total at the end). */
  offset: number[];
}

/** The real instructions of a laid-out code and their offsets (EXTENDED_ARGs resolved). */
function assembleUnits(asm: LaidOut): Assembled {
  const n = asm.ops.length;
  const units: Unit[] = [];
  const firstUnit = new Array<number>(n + 1);
  for (let k = 0; k < n; k++) {
    firstUnit[k] = units.length;
    const op = asm.ops[k] as Op;
    let name = OP_NAMES[op];
    const jump = isJump(op);
    if (op === Op.CALL) units.push({ opcode: PRECALL, oparg: asm.args[k], from: k, target: -1 });
    const directed = DIRECTED[name];
    if (directed !== undefined) name = asm.args[k] > k ? directed[0] : directed[1];
    const opcode = OPCODE[name];
    if (opcode === undefined) throw new Error(`no CPython opcode for ${name}`);
    units.push({ opcode, oparg: jump ? 0 : asm.args[k], from: k, target: jump ? asm.args[k] : -1 });
  }
  firstUnit[n] = units.length;

  // assemble_jump_offsets: sizes, then relative jump arguments, until no EXTENDED_ARG appears.
  const offset = new Array<number>(units.length + 1);
  for (;;) {
    let total = 0;
    for (let i = 0; i < units.length; i++) {
      offset[i] = total;
      total += instrSize(units[i]);
    }
    offset[units.length] = total;
    let again = false;
    for (let i = 0; i < units.length; i++) {
      const u = units[i];
      if (u.target < 0) continue;
      const size = instrSize(u);
      const after = offset[i] + size;
      const dest = offset[firstUnit[u.target]];
      u.oparg = BACKWARD.has(u.opcode) ? after - dest : dest - after;
      if (instrSize(u) !== size) again = true;
    }
    if (!again) break;
  }
  return { units, firstUnit, offset };
}

/** The number of code units (16-bit words, caches included) of the code's co_code. */
export function codeUnitCount(asm: LaidOut): number {
  const { units, offset } = assembleUnits(asm);
  return offset[units.length];
}

/** @cpython Python/compile.c assemble (the emitting part) */
export function assembleBytes(asm: LaidOut, firstlineno: number): CodeBytes {
  const { units, firstUnit, offset } = assembleUnits(asm);

  // write_instr
  const codeUnits: number[] = [];
  for (const u of units) {
    const size = instrSize(u);
    const caches = CACHES[u.opcode] ?? 0;
    const oparg = u.opcode >= HAVE_ARGUMENT ? u.oparg : 0;
    for (let e = size - caches - 1; e > 0; e--) codeUnits.push(EXTENDED_ARG, (oparg >>> (8 * e)) & 0xff);
    codeUnits.push(u.opcode, oparg & 0xff);
    for (let c = 0; c < caches; c++) codeUnits.push(0, 0);
  }

  return {
    code: Uint8Array.from(codeUnits),
    linetable: locationTable(asm, units, firstlineno),
    exceptiontable: exceptionTable(asm, firstUnit, offset),
  };
}

// ------------------------------------------------------------------ locations

const enum Loc {
  SHORT0 = 0,
  ONE_LINE0 = 10,
  NO_COLUMNS = 13,
  LONG = 14,
  NONE = 15,
}

function locationTable(asm: LaidOut, units: Unit[], firstlineno: number): Uint8Array {
  const out: number[] = [];
  let prevLine = firstlineno;
  const first = (code: number, length: number) => out.push(0x80 | (code << 3) | (length - 1));
  const varint = (v: number) => {
    while (v >= 64) {
      out.push(64 | (v & 63));
      v >>>= 6;
    }
    out.push(v);
  };
  const signedVarint = (v: number) => varint(v < 0 ? (-v << 1) | 1 : v << 1);
  const entry = (k: number, isize: number) => {
    const lineno = asm.lines[k];
    const endLineno = asm.cols[3 * k];
    const col = asm.cols[3 * k + 1];
    const endCol = asm.cols[3 * k + 2];
    if (lineno < 0) {
      first(Loc.NONE, isize);
      return;
    }
    const delta = lineno - prevLine;
    if (col < 0 || endCol < 0) {
      if (endLineno === lineno || endLineno === -1) {
        first(Loc.NO_COLUMNS, isize);
        signedVarint(delta);
        prevLine = lineno;
        return;
      }
    } else if (endLineno === lineno) {
      if (delta === 0 && col < 80 && endCol - col < 16 && endCol >= col) {
        first(Loc.SHORT0 + (col >> 3), isize);
        out.push(((col & 7) << 4) | (endCol - col));
        return;
      }
      if (delta >= 0 && delta < 3 && col < 128 && endCol < 128) {
        first(Loc.ONE_LINE0 + delta, isize);
        out.push(col, endCol);
        prevLine = lineno;
        return;
      }
    }
    first(Loc.LONG, isize);
    signedVarint(delta);
    varint(endLineno - lineno);
    varint(col + 1);
    varint(endCol + 1);
    prevLine = lineno;
  };
  for (const u of units) {
    let isize = instrSize(u);
    while (isize > 8) {
      entry(u.from, 8);
      isize -= 8;
    }
    entry(u.from, isize);
  }
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------- exceptions

function exceptionTable(asm: LaidOut, firstUnit: number[], offset: number[]): Uint8Array {
  const out: number[] = [];
  const item = (value: number, msb: number) => {
    for (const shift of [24, 18, 12, 6]) {
      if (value >= 1 << shift) {
        out.push(((value >> shift) & 0x3f) | 64 | msb);
        msb = 0;
      }
    }
    out.push((value & 0x3f) | msb);
  };
  for (const e of asm.exceptionTable) {
    const start = offset[firstUnit[e.start]];
    const end = offset[firstUnit[e.end]];
    item(start, 128);
    item(end - start, 0);
    item(offset[firstUnit[e.target]], 0);
    item((e.depth << 1) | (e.lasti ? 1 : 0), 0);
  }
  return Uint8Array.from(out);
}
