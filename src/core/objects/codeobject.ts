/**
 * code objects: what the compiler produces and frames execute.
 * @cpython Objects/codeobject.c, Include/cpython/code.h (3.11)
 *
 * Instructions are kept as two parallel arrays (opcode, oparg) indexed by instruction,
 * with jump targets as instruction indexes. Code objects are not GC-tracked in 3.11.
 */
import type { Frame } from '../vm/frame';
import { PyObject, PyType, decref, xdecref } from './object';
import { staticType } from './roots';
import { newTuple, type PyTuple } from './tupleobject';
import { newStr, type PyStr } from './unicodeobject';
import { formatAddress } from './address';
import { newInt } from './longobject';
import { allocObject, freeObject } from '../memory/alloc';
import { clearWeakrefs } from './weakrefobject';

export const CodeType: PyType = staticType({ name: 'code', basicsize: 184, itemsize: 2 });

export const enum CodeFlag {
  OPTIMIZED = 0x1,
  NEWLOCALS = 0x2,
  VARARGS = 0x4,
  VARKEYWORDS = 0x8,
  NESTED = 0x10,
  GENERATOR = 0x20,
  NOFREE = 0x40,
  COROUTINE = 0x80,
}

/** _PyLocals_Kind bits of co_localspluskinds. */
export const enum LocalKind {
  ARG = 0x08,
  LOCAL = 0x20,
  CELL = 0x40,
  FREE = 0x80,
}

export interface ExceptionTableEntry {
  start: number;
  end: number;
  target: number;
  depth: number;
  lasti: boolean;
}

export class PyCode extends PyObject {
  name!: PyStr;
  qualname!: PyStr;
  filename!: string;
  firstlineno = 1;
  argcount = 0;
  posonlyargcount = 0;
  kwonlyargcount = 0;
  flags = 0;
  stacksize = 0;
  consts!: PyTuple;
  names!: PyTuple;
  /** co_localsplusnames: locals, then cells that are not arguments, then frees. */
  localsplusnames!: PyTuple;
  localspluskinds: number[] = [];
  nlocals = 0;
  ncellvars = 0;
  nfreevars = 0;
  /** Length of CPython's co_code in 16-bit code units (inline caches included). */
  codeUnits = 0;
  /** _co_code: the bytes co_code returned, kept from its first access. */
  coCode: PyObject | null = null;
  ops!: Uint8Array;
  args!: Int32Array;
  /** Source line of each instruction (-1: none). */
  lines!: Int32Array;
  /** End line / columns of each instruction, for tracebacks (CPython's co_positions). */
  cols!: Int32Array;
  exceptionTable: ExceptionTableEntry[] = [];
  /** Index of the first RESUME, where trace events start (vm/ceval.ts); -1 until computed. */
  firstTraceable = -1;
  /** co_warmup: RESUMEs and JUMP_BACKWARDs until quickening (vm/specialize.ts). */
  warmup = -8;
  /** The adaptive instructions' state once quickened (vm/specialize.ts), else null. */
  adaptive: Int32Array | null = null;
  /** Whether frames of this code report trace events (the user's file); null until known. */
  traced: boolean | null = null;
  /** Ended frames of this code kept for its next calls (vm/frame-pool.ts). */
  spareFrames: Frame[] | null = null;
  constructor() {
    super(CodeType);
  }
  get nlocalsplus(): number {
    return this.localspluskinds.length;
  }
}

/** _PyObject_VAR_SIZE: basicsize + 2 bytes per code unit of co_code, rounded up to 8. */
function codeSize(c: PyCode): number {
  return (184 + 2 * c.codeUnits + 7) & ~7;
}

/** Allocates the code object's memory (PyObject_NewVar). */
export function allocCode(c: PyCode): PyCode {
  return allocObject(c, codeSize(c));
}

/** code_sizeof: the allocated size (co_extra is never set). */
CodeType.tp_sizeof = (o) => codeSize(o as PyCode);

/** co_weakreflist. */
CodeType.weakrefable = true;
CodeType.tp_dealloc = (o) => {
  const c = o as PyCode;
  decref(c.consts);
  decref(c.names);
  decref(c.localsplusnames);
  decref(c.name);
  decref(c.qualname);
  xdecref(c.coCode);
  if (c.weakrefs !== null) clearWeakrefs(c);
  freeObject(c);
};

/** code_repr (co_filename is always a str here). */
CodeType.tp_repr = (o) => {
  const c = o as PyCode;
  const lineno = c.firstlineno !== 0 ? c.firstlineno : -1;
  return newStr(
    `<code object ${c.name.value} at ${formatAddress(c.addr)}, file "${c.filename}", line ${lineno}>`,
  );
};

/** get_localsplus_names: a new tuple of the names of one kind, in slot order. */
function localsplusNames(c: PyCode, kind: LocalKind): PyTuple {
  const names = c.localsplusnames.items.filter((_, i) => (c.localspluskinds[i] & kind) !== 0);
  for (const n of names) n.refcnt++;
  return newTuple(names);
}

const member = (name: string, get: (c: PyCode) => PyObject) => ({
  name,
  get: (o: PyObject) => get(o as PyCode),
});
const borrowed = (o: PyObject) => (o.refcnt++, o);

CodeType.getsetSpecs.push(
  member('co_argcount', (c) => newInt(c.argcount)),
  member('co_posonlyargcount', (c) => newInt(c.posonlyargcount)),
  member('co_kwonlyargcount', (c) => newInt(c.kwonlyargcount)),
  member('co_stacksize', (c) => newInt(c.stacksize)),
  member('co_flags', (c) => newInt(c.flags)),
  member('co_nlocals', (c) => newInt(c.nlocals)),
  member('co_firstlineno', (c) => newInt(c.firstlineno)),
  member('co_consts', (c) => borrowed(c.consts)),
  member('co_names', (c) => borrowed(c.names)),
  member('co_name', (c) => borrowed(c.name)),
  member('co_qualname', (c) => borrowed(c.qualname)),
  member('co_filename', (c) => newStr(c.filename)),
  member('co_varnames', (c) => localsplusNames(c, LocalKind.LOCAL)),
  member('co_cellvars', (c) => localsplusNames(c, LocalKind.CELL)),
  member('co_freevars', (c) => localsplusNames(c, LocalKind.FREE)),
);
