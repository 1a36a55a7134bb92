/**
 * The part of 3.11's quickening and specialization (PEP 659) that changes what is
 * allocated: a code object is quickened at its 8th RESUME or JUMP_BACKWARD; from then on
 * UNPACK_SEQUENCE and BINARY_OP are adaptive instructions that specialize at their first
 * execution, back off after failures and deoptimize after 53 misses.
 * - UNPACK_SEQUENCE: the generic instruction iterates (a tuple or list iterator is made and
 *   freed); UNPACK_SEQUENCE_TWO_TUPLE / _TUPLE / _LIST read the items directly.
 * - BINARY_OP `+` / `+=` on two strs followed by STORE_FAST to the left operand's local:
 *   BINARY_OP_INPLACE_ADD_UNICODE appends in place (PyUnicode_Append, a realloc) where the
 *   generic instruction makes a new str. The int, float and other str specializations
 *   allocate as the generic instruction does; they are followed only for the state.
 * State per instruction in `code.adaptive` (null until quickened): the kind in bits 16+,
 * CPython's 16-bit counter below.
 * @cpython Python/specialize.c, Include/internal/pycore_code.h, Python/ceval.c (3.11)
 */
import type { PyObject } from '../objects/object';
import type { PyCode } from '../objects/codeobject';
import type { PyTuple } from '../objects/tupleobject';
import { TupleType } from '../objects/tupleobject';
import { ListType } from '../objects/listobject';
import { IntType } from '../objects/longobject';
import { FloatType } from '../objects/floatobject';
import { StrType } from '../objects/unicodeobject';
import { Op } from '../compiler/opcodes';

/** QUICKENING_WARMUP_DELAY: co_warmup starts at -8 and quickens at 0. */
export const QUICKENING_INITIAL_WARMUP_VALUE = -8;

/** _PyCode_Quicken: every adaptive instruction with a zero counter. */
export function quicken(code: PyCode): void {
  code.adaptive = new Int32Array(code.ops.length);
}

/**
 * Whether _PyCode_Quicken made instruction `k` the first half of a superinstruction
 * (LOAD_FAST__LOAD_FAST, STORE_FAST__LOAD_FAST, LOAD_CONST__LOAD_FAST, STORE_FAST__STORE_FAST,
 * LOAD_FAST__LOAD_CONST). An EXTENDED_ARG before k+1 is the opcode k+1 is paired with.
 */
function superinstructionHead(code: PyCode, k: number): boolean {
  const next = code.ops[k + 1];
  if (code.args[k + 1] > 0xff) return false;
  const op = code.ops[k];
  if (next === Op.LOAD_FAST) return op === Op.LOAD_FAST || op === Op.STORE_FAST || op === Op.LOAD_CONST;
  if (next === Op.STORE_FAST) return op === Op.STORE_FAST;
  if (next === Op.LOAD_CONST) return op === Op.LOAD_FAST;
  return false;
}

/**
 * The instruction an UnboundLocalError of the LOAD_FAST at `at` in quickened code is
 * reported at: a superinstruction runs its second half without moving the frame's
 * prev_instr, so an error there has the location of the first half. Run from the start of
 * the chain of heads before `at`, each head consumes the instruction after it (a jump into
 * the middle of such a chain is not considered).
 */
export function unboundLocalLasti(code: PyCode, at: number): number {
  let start = at;
  while (start > 0 && superinstructionHead(code, start - 1)) start--;
  let pos = start;
  while (pos < at) pos += superinstructionHead(code, pos) ? 2 : 1;
  return pos === at ? at : at - 1;
}

/** adaptive_counter_start(): value 31, backoff exponent 5. */
const ADAPTIVE_START = (31 << 4) | 5;
/** miss_counter_start(). */
const MISS_START = 53;

/** adaptive_counter_backoff. */
function backoff(counter: number): number {
  let b = (counter & 15) + 1;
  if (b > 12) b = 12;
  return (((1 << b) - 1) << 4) | b;
}

const enum Kind {
  Adaptive = 0,
  UnpackTuple = 1,
  UnpackList = 2,
  AddInt = 3,
  AddFloat = 4,
  AddUnicode = 5,
  InplaceAddUnicode = 6,
}

/** A specialized instruction missed: count it, back to adaptive after 53 misses. */
function miss(cache: Int32Array, at: number, kind: number, counter: number): void {
  const c = counter - 1;
  cache[at] = c === 0 ? ADAPTIVE_START : (kind << 16) | c;
}

/**
 * UNPACK_SEQUENCE at instruction `at` of quickened code: true when the specialized form
 * runs (the items are read directly), false for the generic one (which iterates).
 */
export function unpackIsSpecialized(cache: Int32Array, at: number, seq: PyObject, n: number): boolean {
  const s = cache[at];
  const kind = s >>> 16;
  const counter = s & 0xffff;
  const t = seq.type;
  const fits = (t === TupleType || t === ListType) && (seq as PyTuple).items.length === n;
  if (kind === Kind.Adaptive) {
    if (counter < 16) {
      // _Py_Specialize_UnpackSequence, then the instruction runs again in its new form.
      if (fits) {
        cache[at] = ((t === TupleType ? Kind.UnpackTuple : Kind.UnpackList) << 16) | MISS_START;
        return true;
      }
      cache[at] = backoff(counter) - 16;
      return false;
    }
    cache[at] = counter - 16;
    return false;
  }
  if (fits && t === (kind === Kind.UnpackTuple ? TupleType : ListType)) return true;
  miss(cache, at, kind, counter);
  return false;
}

/**
 * BINARY_OP `+` (oparg 0) or `+=` (13) at instruction `at` of quickened code: true when
 * BINARY_OP_INPLACE_ADD_UNICODE runs (the next instruction, a STORE_FAST to the local
 * that holds `lhs`, is done by the append).
 */
export function inplaceAddUnicode(
  code: PyCode,
  cache: Int32Array,
  at: number,
  lhs: PyObject,
  rhs: PyObject,
  localsplus: (PyObject | null)[],
): boolean {
  const s = cache[at];
  const kind = s >>> 16;
  const counter = s & 0xffff;
  const t = lhs.type;
  const storesLhs = () => code.ops[at + 1] === Op.STORE_FAST && localsplus[code.args[at + 1]] === lhs;
  if (kind === Kind.Adaptive) {
    if (counter >= 16) {
      cache[at] = counter - 16;
      return false;
    }
    // _Py_Specialize_BinaryOp
    let to = -1;
    if (t === rhs.type) {
      if (t === StrType) to = storesLhs() ? Kind.InplaceAddUnicode : Kind.AddUnicode;
      else if (t === IntType) to = Kind.AddInt;
      else if (t === FloatType) to = Kind.AddFloat;
    }
    if (to < 0) {
      cache[at] = backoff(counter) - 16;
      return false;
    }
    cache[at] = (to << 16) | MISS_START;
    return to === Kind.InplaceAddUnicode;
  }
  const hit =
    rhs.type === t &&
    (kind === Kind.AddInt
      ? t === IntType
      : kind === Kind.AddFloat
        ? t === FloatType
        : t === StrType && (kind === Kind.AddUnicode || storesLhs()));
  if (hit) return kind === Kind.InplaceAddUnicode;
  miss(cache, at, kind, counter);
  return false;
}
