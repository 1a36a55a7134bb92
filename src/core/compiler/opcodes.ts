/**
 * The instruction set: CPython 3.11's opcodes (names and semantics), plus the compiler's
 * pseudo-instructions that the assembler removes. PRECALL/CACHE/EXTENDED_ARG do not exist
 * here: CALL n does PRECALL's work, and jump targets are instruction indexes.
 * @cpython Lib/opcode.py, Python/compile.c stack_effect (3.11)
 */

export const enum Op {
  NOP,
  POP_TOP,
  PUSH_NULL,
  COPY,
  SWAP,
  UNARY_POSITIVE,
  UNARY_NEGATIVE,
  UNARY_NOT,
  UNARY_INVERT,
  BINARY_OP,
  BINARY_SUBSCR,
  STORE_SUBSCR,
  DELETE_SUBSCR,
  BUILD_SLICE,
  COMPARE_OP,
  IS_OP,
  CONTAINS_OP,
  GET_ITER,
  GET_YIELD_FROM_ITER,
  FOR_ITER,
  LOAD_CONST,
  LOAD_NAME,
  STORE_NAME,
  DELETE_NAME,
  LOAD_GLOBAL,
  STORE_GLOBAL,
  DELETE_GLOBAL,
  LOAD_FAST,
  STORE_FAST,
  DELETE_FAST,
  LOAD_CLOSURE,
  LOAD_DEREF,
  LOAD_CLASSDEREF,
  STORE_DEREF,
  DELETE_DEREF,
  MAKE_CELL,
  COPY_FREE_VARS,
  LOAD_ATTR,
  STORE_ATTR,
  DELETE_ATTR,
  LOAD_METHOD,
  BUILD_TUPLE,
  BUILD_LIST,
  BUILD_SET,
  BUILD_MAP,
  BUILD_CONST_KEY_MAP,
  BUILD_STRING,
  LIST_APPEND,
  SET_ADD,
  MAP_ADD,
  LIST_EXTEND,
  SET_UPDATE,
  DICT_UPDATE,
  DICT_MERGE,
  LIST_TO_TUPLE,
  UNPACK_SEQUENCE,
  UNPACK_EX,
  FORMAT_VALUE,
  KW_NAMES,
  CALL,
  CALL_FUNCTION_EX,
  MAKE_FUNCTION,
  RETURN_VALUE,
  RETURN_GENERATOR,
  YIELD_VALUE,
  SEND,
  RESUME,
  LOAD_BUILD_CLASS,
  LOAD_ASSERTION_ERROR,
  RAISE_VARARGS,
  RERAISE,
  PUSH_EXC_INFO,
  POP_EXCEPT,
  CHECK_EXC_MATCH,
  BEFORE_WITH,
  WITH_EXCEPT_START,
  IMPORT_NAME,
  IMPORT_FROM,
  IMPORT_STAR,
  SETUP_ANNOTATIONS,
  JUMP_FORWARD,
  JUMP_BACKWARD,
  JUMP_BACKWARD_NO_INTERRUPT,
  POP_JUMP_IF_FALSE,
  POP_JUMP_IF_TRUE,
  POP_JUMP_IF_NONE,
  POP_JUMP_IF_NOT_NONE,
  JUMP_IF_FALSE_OR_POP,
  JUMP_IF_TRUE_OR_POP,
  GET_LEN,
  MATCH_MAPPING,
  MATCH_SEQUENCE,
  MATCH_KEYS,
  MATCH_CLASS,
  // ---- pseudo-instructions (compiler only)
  JUMP,
  JUMP_NO_INTERRUPT,
  SETUP_FINALLY,
  SETUP_CLEANUP,
  SETUP_WITH,
  POP_BLOCK,
}

export const OP_NAMES: string[] = [
  'NOP',
  'POP_TOP',
  'PUSH_NULL',
  'COPY',
  'SWAP',
  'UNARY_POSITIVE',
  'UNARY_NEGATIVE',
  'UNARY_NOT',
  'UNARY_INVERT',
  'BINARY_OP',
  'BINARY_SUBSCR',
  'STORE_SUBSCR',
  'DELETE_SUBSCR',
  'BUILD_SLICE',
  'COMPARE_OP',
  'IS_OP',
  'CONTAINS_OP',
  'GET_ITER',
  'GET_YIELD_FROM_ITER',
  'FOR_ITER',
  'LOAD_CONST',
  'LOAD_NAME',
  'STORE_NAME',
  'DELETE_NAME',
  'LOAD_GLOBAL',
  'STORE_GLOBAL',
  'DELETE_GLOBAL',
  'LOAD_FAST',
  'STORE_FAST',
  'DELETE_FAST',
  'LOAD_CLOSURE',
  'LOAD_DEREF',
  'LOAD_CLASSDEREF',
  'STORE_DEREF',
  'DELETE_DEREF',
  'MAKE_CELL',
  'COPY_FREE_VARS',
  'LOAD_ATTR',
  'STORE_ATTR',
  'DELETE_ATTR',
  'LOAD_METHOD',
  'BUILD_TUPLE',
  'BUILD_LIST',
  'BUILD_SET',
  'BUILD_MAP',
  'BUILD_CONST_KEY_MAP',
  'BUILD_STRING',
  'LIST_APPEND',
  'SET_ADD',
  'MAP_ADD',
  'LIST_EXTEND',
  'SET_UPDATE',
  'DICT_UPDATE',
  'DICT_MERGE',
  'LIST_TO_TUPLE',
  'UNPACK_SEQUENCE',
  'UNPACK_EX',
  'FORMAT_VALUE',
  'KW_NAMES',
  'CALL',
  'CALL_FUNCTION_EX',
  'MAKE_FUNCTION',
  'RETURN_VALUE',
  'RETURN_GENERATOR',
  'YIELD_VALUE',
  'SEND',
  'RESUME',
  'LOAD_BUILD_CLASS',
  'LOAD_ASSERTION_ERROR',
  'RAISE_VARARGS',
  'RERAISE',
  'PUSH_EXC_INFO',
  'POP_EXCEPT',
  'CHECK_EXC_MATCH',
  'BEFORE_WITH',
  'WITH_EXCEPT_START',
  'IMPORT_NAME',
  'IMPORT_FROM',
  'IMPORT_STAR',
  'SETUP_ANNOTATIONS',
  'JUMP_FORWARD',
  'JUMP_BACKWARD',
  'JUMP_BACKWARD_NO_INTERRUPT',
  'POP_JUMP_IF_FALSE',
  'POP_JUMP_IF_TRUE',
  'POP_JUMP_IF_NONE',
  'POP_JUMP_IF_NOT_NONE',
  'JUMP_IF_FALSE_OR_POP',
  'JUMP_IF_TRUE_OR_POP',
  'GET_LEN',
  'MATCH_MAPPING',
  'MATCH_SEQUENCE',
  'MATCH_KEYS',
  'MATCH_CLASS',
  'JUMP',
  'JUMP_NO_INTERRUPT',
  'SETUP_FINALLY',
  'SETUP_CLEANUP',
  'SETUP_WITH',
  'POP_BLOCK',
];

/** BINARY_OP's oparg (NB_* in Include/opcode.h). */
export const enum NB {
  ADD = 0,
  AND = 1,
  FLOOR_DIVIDE = 2,
  LSHIFT = 3,
  MATRIX_MULTIPLY = 4,
  MULTIPLY = 5,
  REMAINDER = 6,
  OR = 7,
  POWER = 8,
  RSHIFT = 9,
  SUBTRACT = 10,
  TRUE_DIVIDE = 11,
  XOR = 12,
  INPLACE_ADD = 13,
}

/** FORMAT_VALUE's conversion bits. */
export const enum FVC {
  NONE = 0,
  STR = 1,
  REPR = 2,
  ASCII = 3,
  // MASK = 3 would duplicate ASCII's value; readers mask with FVC.ASCII.
  HAVE_SPEC = 4,
}

export function isJump(op: Op): boolean {
  return (
    op === Op.JUMP ||
    op === Op.JUMP_NO_INTERRUPT ||
    op === Op.JUMP_FORWARD ||
    op === Op.JUMP_BACKWARD ||
    op === Op.JUMP_BACKWARD_NO_INTERRUPT ||
    op === Op.POP_JUMP_IF_FALSE ||
    op === Op.POP_JUMP_IF_TRUE ||
    op === Op.POP_JUMP_IF_NONE ||
    op === Op.POP_JUMP_IF_NOT_NONE ||
    op === Op.JUMP_IF_FALSE_OR_POP ||
    op === Op.JUMP_IF_TRUE_OR_POP ||
    op === Op.FOR_ITER ||
    op === Op.SEND
  );
}

export function isBlockPush(op: Op): boolean {
  return op === Op.SETUP_FINALLY || op === Op.SETUP_CLEANUP || op === Op.SETUP_WITH;
}

/** @cpython Python/compile.c stack_effect (jump: effect when the jump is taken). */
export function stackEffect(op: Op, oparg: number, jump: boolean): number {
  switch (op) {
    case Op.NOP:
    case Op.RESUME:
    case Op.SWAP:
    case Op.UNARY_POSITIVE:
    case Op.UNARY_NEGATIVE:
    case Op.UNARY_NOT:
    case Op.UNARY_INVERT:
    case Op.GET_ITER:
    case Op.GET_YIELD_FROM_ITER:
    case Op.SETUP_ANNOTATIONS:
    case Op.YIELD_VALUE:
    case Op.POP_BLOCK:
    case Op.DELETE_NAME:
    case Op.DELETE_GLOBAL:
    case Op.DELETE_FAST:
    case Op.DELETE_DEREF:
    case Op.LOAD_ATTR:
    case Op.CHECK_EXC_MATCH:
    case Op.JUMP:
    case Op.JUMP_NO_INTERRUPT:
    case Op.JUMP_FORWARD:
    case Op.JUMP_BACKWARD:
    case Op.JUMP_BACKWARD_NO_INTERRUPT:
    case Op.RETURN_GENERATOR:
    case Op.KW_NAMES:
    case Op.MAKE_CELL:
    case Op.COPY_FREE_VARS:
    case Op.LIST_TO_TUPLE:
      return 0;
    case Op.POP_TOP:
    case Op.SET_ADD:
    case Op.LIST_APPEND:
    case Op.BINARY_SUBSCR:
    case Op.RETURN_VALUE:
    case Op.IMPORT_STAR:
    case Op.POP_EXCEPT:
    case Op.STORE_NAME:
    case Op.DELETE_ATTR:
    case Op.STORE_GLOBAL:
    case Op.COMPARE_OP:
    case Op.IS_OP:
    case Op.CONTAINS_OP:
    case Op.IMPORT_NAME:
    case Op.RERAISE:
    case Op.STORE_FAST:
    case Op.STORE_DEREF:
    case Op.LIST_EXTEND:
    case Op.SET_UPDATE:
    case Op.DICT_MERGE:
    case Op.DICT_UPDATE:
    case Op.BINARY_OP:
      return -1;
    case Op.MAP_ADD:
    case Op.DELETE_SUBSCR:
    case Op.STORE_ATTR:
    case Op.MATCH_CLASS:
      return -2;
    case Op.STORE_SUBSCR:
      return -3;
    case Op.LOAD_BUILD_CLASS:
    case Op.LOAD_CONST:
    case Op.LOAD_NAME:
    case Op.IMPORT_FROM:
    case Op.PUSH_EXC_INFO:
    case Op.WITH_EXCEPT_START:
    case Op.LOAD_FAST:
    case Op.LOAD_CLOSURE:
    case Op.LOAD_DEREF:
    case Op.LOAD_CLASSDEREF:
    case Op.BEFORE_WITH:
    case Op.LOAD_METHOD:
    case Op.LOAD_ASSERTION_ERROR:
    case Op.GET_LEN:
    case Op.MATCH_MAPPING:
    case Op.MATCH_SEQUENCE:
    case Op.MATCH_KEYS:
    case Op.COPY:
    case Op.PUSH_NULL:
      return 1;
    case Op.UNPACK_SEQUENCE:
      return oparg - 1;
    case Op.UNPACK_EX:
      return (oparg & 0xff) + (oparg >> 8);
    case Op.FOR_ITER:
      return jump ? -1 : 1;
    case Op.SEND:
      return jump ? -1 : 0;
    case Op.BUILD_TUPLE:
    case Op.BUILD_LIST:
    case Op.BUILD_SET:
    case Op.BUILD_STRING:
      return 1 - oparg;
    case Op.BUILD_MAP:
      return 1 - 2 * oparg;
    case Op.BUILD_CONST_KEY_MAP:
      return -oparg;
    case Op.JUMP_IF_TRUE_OR_POP:
    case Op.JUMP_IF_FALSE_OR_POP:
      return jump ? 0 : -1;
    case Op.POP_JUMP_IF_NONE:
    case Op.POP_JUMP_IF_NOT_NONE:
    case Op.POP_JUMP_IF_FALSE:
    case Op.POP_JUMP_IF_TRUE:
      return -1;
    case Op.LOAD_GLOBAL:
      return (oparg & 1) + 1;
    case Op.SETUP_FINALLY:
      return jump ? 1 : 0;
    case Op.SETUP_CLEANUP:
      return jump ? 2 : 0;
    case Op.SETUP_WITH:
      return jump ? 1 : 0;
    case Op.RAISE_VARARGS:
      return -oparg;
    case Op.CALL:
      // PRECALL (-oparg) and CALL (-1) together.
      return -oparg - 1;
    case Op.CALL_FUNCTION_EX:
      return -2 - (oparg & 1);
    case Op.MAKE_FUNCTION:
      return (
        -((oparg & 1) !== 0 ? 1 : 0) -
        ((oparg & 2) !== 0 ? 1 : 0) -
        ((oparg & 4) !== 0 ? 1 : 0) -
        ((oparg & 8) !== 0 ? 1 : 0)
      );
    case Op.BUILD_SLICE:
      return oparg === 3 ? -2 : -1;
    case Op.FORMAT_VALUE:
      return (oparg & FVC.HAVE_SPEC) !== 0 ? -1 : 0;
  }
  return 0;
}
