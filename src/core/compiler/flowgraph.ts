/**
 * The control-flow graph and the assembler's passes over it: block normalisation,
 * peephole optimisation, unreachable-code removal, line-number propagation, stack depth,
 * exception-table labelling and final layout. Line numbers decide which `line` events
 * a trace sees, so these passes follow CPython step by step.
 * @cpython Python/compile.c assemble, optimize_cfg, label_exception_targets (3.11)
 */
import { Op, isBlockPush, isJump, stackEffect } from './opcodes';
import type { ExceptionTableEntry } from '../objects/codeobject';

export interface Instr {
  op: Op;
  arg: number;
  target: Block | null;
  lineno: number;
  endLineno: number;
  col: number;
  endCol: number;
  /** The handler block in effect (set by labelExceptionTargets). */
  except: Block | null;
}

export class Block {
  instrs: Instr[] = [];
  /** Layout order. */
  next: Block | null = null;
  exit = false;
  nofallthrough = false;
  isReturn = false;
  predecessors = 0;
  startdepth = -1;
  visited = false;
  preserveLasti = false;
  offset = 0;
  exceptStack: (Block | null)[] | null = null;
}

const MAX_COPY_SIZE = 4;

function copyLoc(from: Instr, to: Instr): void {
  to.lineno = from.lineno;
  to.endLineno = from.endLineno;
  to.col = from.col;
  to.endCol = from.endCol;
}

function cloneInstr(i: Instr): Instr {
  return { ...i };
}

function lastInstr(b: Block): Instr | null {
  return b.instrs.length === 0 ? null : b.instrs[b.instrs.length - 1];
}

function hasLineno(b: Block): boolean {
  return b.instrs.some((i) => i.lineno > 0);
}

/** @cpython Python/compile.c normalize_basic_block */
export function normalizeBasicBlock(b: Block): void {
  for (let i = 0; i < b.instrs.length; i++) {
    const ins = b.instrs[i];
    switch (ins.op) {
      case Op.RETURN_VALUE:
      case Op.RAISE_VARARGS:
      case Op.RERAISE:
        b.exit = true;
        b.nofallthrough = true;
        break;
      case Op.JUMP:
      case Op.JUMP_NO_INTERRUPT:
        b.nofallthrough = true;
      // fall through
      case Op.POP_JUMP_IF_NOT_NONE:
      case Op.POP_JUMP_IF_NONE:
      case Op.POP_JUMP_IF_FALSE:
      case Op.POP_JUMP_IF_TRUE:
      case Op.JUMP_IF_FALSE_OR_POP:
      case Op.JUMP_IF_TRUE_OR_POP:
      case Op.FOR_ITER:
        while (ins.target!.instrs.length === 0) ins.target = ins.target!.next;
        break;
    }
  }
}

/** extend_block: a jump to a small exit block without line numbers copies that block. */
export function extendBlock(b: Block): void {
  const last = lastInstr(b);
  if (last === null) return;
  if (last.op !== Op.JUMP && last.op !== Op.JUMP_FORWARD && last.op !== Op.JUMP_BACKWARD) return;
  const toCopy = last.target!;
  if (toCopy.exit && toCopy.instrs.length <= MAX_COPY_SIZE) {
    if (hasLineno(toCopy)) return;
    last.op = Op.NOP;
    for (const i of toCopy.instrs) b.instrs.push(cloneInstr(i));
    b.exit = true;
  }
}

/** clean_basic_block: removes NOPs that carry no line-number information. */
export function cleanBasicBlock(b: Block): void {
  const out: Instr[] = [];
  let prevLineno = -1;
  const instrs = b.instrs;
  for (let src = 0; src < instrs.length; src++) {
    const ins = instrs[src];
    const lineno = ins.lineno;
    if (ins.op === Op.NOP) {
      if (lineno < 0) continue;
      if (prevLineno === lineno) continue;
      if (src < instrs.length - 1) {
        const nextLineno = instrs[src + 1].lineno;
        if (nextLineno === lineno) continue;
        if (nextLineno < 0) {
          copyLoc(ins, instrs[src + 1]);
          continue;
        }
      } else {
        let next = b.next;
        while (next !== null && next.instrs.length === 0) next = next.next;
        if (next !== null && lineno === next.instrs[0].lineno) continue;
      }
    }
    out.push(ins);
    prevLineno = lineno;
  }
  b.instrs = out;
}

export interface PeepholeHost {
  /** The constant at index `arg` (borrowed JS-side view for truth tests). */
  constIsTrue(arg: number): boolean;
  constIsNone(arg: number): boolean;
  /** fold_tuple_on_constants: index of the merged tuple of these constants. */
  foldTuple(args: number[]): number;
}

function jumpThread(inst: Instr, target: Instr, op: Op): boolean {
  if (inst.lineno === target.lineno && inst.target !== target.target) {
    inst.target = target.target;
    inst.op = op;
    return true;
  }
  return false;
}

const NOP_INSTR: Instr = {
  op: Op.NOP,
  arg: 0,
  target: null,
  lineno: -1,
  endLineno: -1,
  col: -1,
  endCol: -1,
  except: null,
};

/** @cpython Python/compile.c optimize_basic_block */
function optimizeBasicBlock(bb: Block, host: PeepholeHost): void {
  const ins = bb.instrs;
  for (let i = 0; i < ins.length; i++) {
    const inst = ins[i];
    const oparg = inst.arg;
    const nextop = i + 1 < ins.length ? ins[i + 1].op : -1;
    let target: Instr = NOP_INSTR;
    if (isJump(inst.op) || isBlockPush(inst.op)) {
      while (inst.target!.instrs.length === 0) inst.target = inst.target!.next;
      target = inst.target!.instrs[0];
    }
    switch (inst.op) {
      case Op.LOAD_CONST:
        switch (nextop) {
          case Op.POP_JUMP_IF_FALSE:
          case Op.POP_JUMP_IF_TRUE: {
            const isTrue = host.constIsTrue(oparg);
            inst.op = Op.NOP;
            const jumpIfTrue = nextop === Op.POP_JUMP_IF_TRUE;
            if (isTrue === jumpIfTrue) {
              ins[i + 1].op = Op.JUMP;
              bb.nofallthrough = true;
            } else {
              ins[i + 1].op = Op.NOP;
            }
            break;
          }
          case Op.JUMP_IF_FALSE_OR_POP:
          case Op.JUMP_IF_TRUE_OR_POP: {
            const isTrue = host.constIsTrue(oparg);
            const jumpIfTrue = nextop === Op.JUMP_IF_TRUE_OR_POP;
            if (isTrue === jumpIfTrue) {
              ins[i + 1].op = Op.JUMP;
              bb.nofallthrough = true;
            } else {
              inst.op = Op.NOP;
              ins[i + 1].op = Op.NOP;
            }
            break;
          }
          case Op.IS_OP: {
            const jumpOp = i + 2 < ins.length ? ins[i + 2].op : -1;
            if (
              host.constIsNone(oparg) &&
              (jumpOp === Op.POP_JUMP_IF_FALSE || jumpOp === Op.POP_JUMP_IF_TRUE)
            ) {
              const nextarg = ins[i + 1].arg;
              inst.op = Op.NOP;
              ins[i + 1].op = Op.NOP;
              ins[i + 2].op =
                (nextarg ^ (jumpOp === Op.POP_JUMP_IF_FALSE ? 1 : 0)) !== 0
                  ? Op.POP_JUMP_IF_NOT_NONE
                  : Op.POP_JUMP_IF_NONE;
            }
            break;
          }
        }
        break;
      case Op.BUILD_TUPLE:
        if (nextop === Op.UNPACK_SEQUENCE && oparg === ins[i + 1].arg) {
          if (oparg === 1) {
            inst.op = Op.NOP;
            ins[i + 1].op = Op.NOP;
            continue;
          }
          if (oparg === 2 || oparg === 3) {
            inst.op = Op.NOP;
            ins[i + 1].op = Op.SWAP;
            continue;
          }
        }
        if (i >= oparg) foldTupleOnConstants(ins, i - oparg, oparg, host);
        break;
      case Op.JUMP_IF_FALSE_OR_POP:
        switch (target.op) {
          case Op.POP_JUMP_IF_FALSE:
            if (jumpThread(inst, target, Op.POP_JUMP_IF_FALSE)) i--;
            break;
          case Op.JUMP:
          case Op.JUMP_IF_FALSE_OR_POP:
            if (jumpThread(inst, target, Op.JUMP_IF_FALSE_OR_POP)) i--;
            break;
          case Op.JUMP_IF_TRUE_OR_POP:
          case Op.POP_JUMP_IF_TRUE:
            if (inst.lineno === target.lineno) {
              inst.op = Op.POP_JUMP_IF_FALSE;
              inst.target = inst.target!.next;
              i--;
            }
            break;
        }
        break;
      case Op.JUMP_IF_TRUE_OR_POP:
        switch (target.op) {
          case Op.POP_JUMP_IF_TRUE:
            if (jumpThread(inst, target, Op.POP_JUMP_IF_TRUE)) i--;
            break;
          case Op.JUMP:
          case Op.JUMP_IF_TRUE_OR_POP:
            if (jumpThread(inst, target, Op.JUMP_IF_TRUE_OR_POP)) i--;
            break;
          case Op.JUMP_IF_FALSE_OR_POP:
          case Op.POP_JUMP_IF_FALSE:
            if (inst.lineno === target.lineno) {
              inst.op = Op.POP_JUMP_IF_TRUE;
              inst.target = inst.target!.next;
              i--;
            }
            break;
        }
        break;
      case Op.POP_JUMP_IF_NOT_NONE:
      case Op.POP_JUMP_IF_NONE:
        if (target.op === Op.JUMP && jumpThread(inst, target, inst.op)) i--;
        break;
      case Op.POP_JUMP_IF_FALSE:
        if (target.op === Op.JUMP && jumpThread(inst, target, Op.POP_JUMP_IF_FALSE)) i--;
        break;
      case Op.POP_JUMP_IF_TRUE:
        if (target.op === Op.JUMP && jumpThread(inst, target, Op.POP_JUMP_IF_TRUE)) i--;
        break;
      case Op.JUMP:
        if (target.op === Op.JUMP && jumpThread(inst, target, Op.JUMP)) i--;
        break;
      case Op.SWAP:
        if (oparg === 1) {
          inst.op = Op.NOP;
          break;
        }
        i = swaptimize(bb, i);
        applyStaticSwaps(bb, i);
        break;
      case Op.PUSH_NULL:
        if (nextop === Op.LOAD_GLOBAL && (ins[i + 1].arg & 1) === 0) {
          inst.op = Op.NOP;
          inst.arg = 0;
          ins[i + 1].arg |= 1;
        }
        break;
    }
  }
}

function foldTupleOnConstants(ins: Instr[], start: number, n: number, host: PeepholeHost): void {
  for (let i = 0; i < n; i++) if (ins[start + i].op !== Op.LOAD_CONST) return;
  const index = host.foldTuple(ins.slice(start, start + n).map((x) => x.arg));
  for (let i = 0; i < n; i++) ins[start + i].op = Op.NOP;
  ins[start + n].op = Op.LOAD_CONST;
  ins[start + n].arg = index;
}

/** swaptimize: replaces a run of SWAPs/NOPs by the shortest equivalent. Returns the new index. */
function swaptimize(block: Block, ix: number): number {
  const ins = block.instrs;
  let depth = ins[ix].arg;
  let len = 0;
  let more = false;
  const limit = ins.length - ix;
  while (++len < limit) {
    const op = ins[ix + len].op;
    if (op === Op.SWAP) {
      depth = Math.max(depth, ins[ix + len].arg);
      more = true;
    } else if (op !== Op.NOP) break;
  }
  if (!more) return ix;
  const VISITED = -1;
  const stack: number[] = [];
  for (let i = 0; i < depth; i++) stack.push(i);
  for (let i = 0; i < len; i++) {
    if (ins[ix + i].op === Op.SWAP) {
      const oparg = ins[ix + i].arg;
      const top = stack[0];
      stack[0] = stack[oparg - 1];
      stack[oparg - 1] = top;
    }
  }
  let current = len - 1;
  for (let i = 0; i < depth; i++) {
    if (stack[i] === VISITED || stack[i] === i) continue;
    let j = i;
    for (;;) {
      if (j) {
        ins[ix + current].op = Op.SWAP;
        ins[ix + current--].arg = j + 1;
      }
      if (stack[j] === VISITED) break;
      const nextJ = stack[j];
      stack[j] = VISITED;
      j = nextJ;
    }
  }
  while (current >= 0) ins[ix + current--].op = Op.NOP;
  return ix + len - 1;
}

const swappable = (op: Op) => op === Op.STORE_FAST || op === Op.POP_TOP;
const storesTo = (i: Instr) => (i.op === Op.STORE_FAST ? i.arg : -1);

function nextSwappable(block: Block, i: number, lineno: number): number {
  const ins = block.instrs;
  while (++i < ins.length) {
    const instruction = ins[i];
    if (lineno >= 0 && instruction.lineno !== lineno) return -1;
    if (instruction.op === Op.NOP) continue;
    if (swappable(instruction.op)) return i;
    return -1;
  }
  return -1;
}

/** apply_static_swaps: swaps the stores instead of the stack items when that is safe. */
function applyStaticSwaps(block: Block, i: number): void {
  const ins = block.instrs;
  for (; i >= 0; i--) {
    const swap = ins[i];
    if (swap.op !== Op.SWAP) {
      if (swap.op === Op.NOP || swappable(swap.op)) continue;
      return;
    }
    const j = nextSwappable(block, i, -1);
    if (j < 0) return;
    let k = j;
    const lineno = ins[j].lineno;
    for (let count = swap.arg - 1; count > 0; count--) {
      k = nextSwappable(block, k, lineno);
      if (k < 0) return;
    }
    const storeJ = storesTo(ins[j]);
    const storeK = storesTo(ins[k]);
    if (storeJ >= 0 || storeK >= 0) {
      if (storeJ === storeK) return;
      for (let idx = j + 1; idx < k; idx++) {
        const s = storesTo(ins[idx]);
        if (s >= 0 && (s === storeJ || s === storeK)) return;
      }
    }
    swap.op = Op.NOP;
    const temp = ins[j];
    ins[j] = ins[k];
    ins[k] = temp;
  }
}

function markReachable(entry: Block): void {
  const stack: Block[] = [entry];
  entry.predecessors = 1;
  while (stack.length > 0) {
    const b = stack.pop()!;
    if (b.next !== null && !b.nofallthrough) {
      if (b.next.predecessors === 0) stack.push(b.next);
      b.next.predecessors++;
    }
    for (const ins of b.instrs) {
      if (isJump(ins.op) || isBlockPush(ins.op)) {
        const target = ins.target!;
        if (target.predecessors === 0) stack.push(target);
        target.predecessors++;
      }
    }
  }
}

function eliminateEmptyBasicBlocks(entry: Block): void {
  for (let b: Block | null = entry; b !== null; b = b.next) {
    let next: Block | null = b.next;
    if (next !== null) {
      while (next.instrs.length === 0 && next.next !== null) next = next.next;
      b.next = next;
    }
  }
  for (let b: Block | null = entry; b !== null; b = b.next) {
    const last = lastInstr(b);
    if (last === null) continue;
    if (isJump(last.op)) {
      let target = last.target!;
      while (target.instrs.length === 0) target = target.next!;
      last.target = target;
    }
  }
}

/** @cpython Python/compile.c optimize_cfg */
export function optimizeCfg(entry: Block, allBlocks: Block[], host: PeepholeHost): void {
  for (let b: Block | null = entry; b !== null; b = b.next) {
    optimizeBasicBlock(b, host);
    cleanBasicBlock(b);
  }
  for (const b of allBlocks) extendBlock(b);
  markReachable(entry);
  for (let b: Block | null = entry; b !== null; b = b.next) {
    if (b.predecessors === 0) {
      b.instrs = [];
      b.nofallthrough = false;
    }
  }
  eliminateEmptyBasicBlocks(entry);
  for (let b: Block | null = entry; b !== null; b = b.next) cleanBasicBlock(b);
  let maybeEmpty = false;
  for (let b: Block | null = entry; b !== null; b = b.next) {
    const last = lastInstr(b);
    if (
      last !== null &&
      (last.op === Op.JUMP || last.op === Op.JUMP_NO_INTERRUPT) &&
      last.target === b.next
    ) {
      b.nofallthrough = false;
      last.op = Op.NOP;
      maybeEmpty = true;
    }
  }
  if (maybeEmpty) eliminateEmptyBasicBlocks(entry);
}

function isExitWithoutLineno(b: Block): boolean {
  if (!b.exit) return false;
  return b.instrs.every((i) => i.lineno < 0);
}

/** @cpython Python/compile.c duplicate_exits_without_lineno */
export function duplicateExitsWithoutLineno(allBlocks: Block[], newBlock: () => Block): void {
  for (const b of [...allBlocks]) {
    const last = lastInstr(b);
    if (last !== null && isJump(last.op)) {
      const target = last.target!;
      if (isExitWithoutLineno(target) && target.predecessors > 1) {
        const copy = newBlock();
        copy.instrs = target.instrs.map(cloneInstr);
        copy.exit = target.exit;
        copy.nofallthrough = target.nofallthrough;
        copyLoc(last, copy.instrs[0]);
        last.target = copy;
        target.predecessors--;
        copy.predecessors = 1;
        copy.next = target.next;
        target.next = copy;
      }
    }
  }
  for (const b of allBlocks) {
    while (b.next !== null && b.next.instrs.length === 0) b.next = b.next.next;
  }
  for (const b of allBlocks) {
    if (!b.nofallthrough && b.next !== null && b.instrs.length > 0 && isExitWithoutLineno(b.next)) {
      copyLoc(lastInstr(b)!, b.next.instrs[0]);
    }
  }
}

/** @cpython Python/compile.c propagate_line_numbers */
export function propagateLineNumbers(entry: Block): void {
  for (let b: Block | null = entry; b !== null; b = b.next) {
    if (b.instrs.length === 0) continue;
    const prev: Instr = { ...NOP_INSTR, lineno: -1, endLineno: -1, col: -1, endCol: -1 };
    for (const ins of b.instrs) {
      if (ins.lineno < 0) copyLoc(prev, ins);
      else copyLoc(ins, prev);
    }
    if (!b.nofallthrough && b.next !== null && b.next.predecessors === 1) {
      if (b.next.instrs[0].lineno < 0) copyLoc(prev, b.next.instrs[0]);
    }
    const last = lastInstr(b)!;
    if (isJump(last.op)) {
      const target = last.target!;
      if (target.predecessors === 1 && target.instrs[0].lineno < 0) copyLoc(prev, target.instrs[0]);
    }
  }
}

/** @cpython Python/compile.c guarantee_lineno_for_exits */
export function guaranteeLinenoForExits(entry: Block, firstlineno: number): void {
  let lineno = firstlineno;
  for (let b: Block | null = entry; b !== null; b = b.next) {
    const last = lastInstr(b);
    if (last === null) continue;
    if (last.lineno < 0) {
      if (last.op === Op.RETURN_VALUE) for (const ins of b.instrs) ins.lineno = lineno;
    } else {
      lineno = last.lineno;
    }
  }
}

/** @cpython Python/compile.c stackdepth */
export function stackDepth(entry: Block, allBlocks: Block[], isGenerator: boolean): number {
  for (const b of allBlocks) b.startdepth = -0x7fffffff;
  const stack: Block[] = [];
  let maxdepth = 0;
  const push = (b: Block, depth: number) => {
    if (b.startdepth < depth && b.startdepth < 100) {
      b.startdepth = depth;
      stack.push(b);
    }
  };
  push(entry, isGenerator ? 1 : 0);
  while (stack.length > 0) {
    const b = stack.pop()!;
    let depth = b.startdepth;
    let next: Block | null = b.next;
    for (const ins of b.instrs) {
      const effect = stackEffect(ins.op, ins.arg, false);
      const newDepth = depth + effect;
      if (newDepth > maxdepth) maxdepth = newDepth;
      if (isJump(ins.op) || isBlockPush(ins.op)) {
        const targetDepth = depth + stackEffect(ins.op, ins.arg, true);
        if (targetDepth > maxdepth) maxdepth = targetDepth;
        push(ins.target!, targetDepth);
      }
      depth = newDepth;
      if (
        ins.op === Op.JUMP_NO_INTERRUPT ||
        ins.op === Op.JUMP ||
        ins.op === Op.RETURN_VALUE ||
        ins.op === Op.RAISE_VARARGS ||
        ins.op === Op.RERAISE
      ) {
        next = null;
        break;
      }
    }
    if (next !== null) push(next, depth);
  }
  return maxdepth;
}

/** @cpython Python/compile.c label_exception_targets */
export function labelExceptionTargets(entry: Block, allBlocks: Block[]): void {
  for (const b of allBlocks) b.visited = false;
  const todo: Block[] = [entry];
  entry.visited = true;
  entry.exceptStack = [null];
  while (todo.length > 0) {
    const b = todo.pop()!;
    let exceptStack = b.exceptStack!;
    b.exceptStack = null;
    let handler = exceptStack[exceptStack.length - 1];
    for (const ins of b.instrs) {
      if (isBlockPush(ins.op)) {
        const target = ins.target!;
        if (!target.visited) {
          target.exceptStack = exceptStack.slice();
          todo.push(target);
          target.visited = true;
        }
        if (ins.op === Op.SETUP_WITH || ins.op === Op.SETUP_CLEANUP) target.preserveLasti = true;
        exceptStack.push(target);
        handler = target;
      } else if (ins.op === Op.POP_BLOCK) {
        exceptStack.pop();
        handler = exceptStack[exceptStack.length - 1];
      } else if (isJump(ins.op)) {
        ins.except = handler;
        const target = ins.target!;
        if (!target.visited) {
          if (!b.nofallthrough) target.exceptStack = exceptStack.slice();
          else {
            target.exceptStack = exceptStack;
            exceptStack = [];
          }
          todo.push(target);
          target.visited = true;
        }
      } else {
        ins.except = handler;
      }
    }
    if (!b.nofallthrough && b.next !== null && !b.next.visited) {
      b.next.exceptStack = exceptStack;
      todo.push(b.next);
      b.next.visited = true;
    }
  }
}

export function convertExceptionHandlersToNops(entry: Block): void {
  for (let b: Block | null = entry; b !== null; b = b.next) {
    for (const ins of b.instrs) if (isBlockPush(ins.op) || ins.op === Op.POP_BLOCK) ins.op = Op.NOP;
  }
}

export interface Assembled {
  ops: Uint8Array;
  args: Int32Array;
  lines: Int32Array;
  cols: Int32Array;
  exceptionTable: ExceptionTableEntry[];
}

/** Lays the blocks out, resolves jumps to instruction indexes and builds the tables. */
export function layout(entry: Block): Assembled {
  let n = 0;
  for (let b: Block | null = entry; b !== null; b = b.next) {
    b.offset = n;
    n += b.instrs.length;
  }
  const ops = new Uint8Array(n);
  const args = new Int32Array(n);
  const lines = new Int32Array(n);
  const cols = new Int32Array(n * 3);
  const table: ExceptionTableEntry[] = [];
  let k = 0;
  let handler: Block | null = null;
  let start = -1;
  for (let b: Block | null = entry; b !== null; b = b.next) {
    for (const ins of b.instrs) {
      let op = ins.op;
      if (op === Op.JUMP || op === Op.JUMP_NO_INTERRUPT) {
        const backward = ins.target!.offset <= k;
        op = backward ? (op === Op.JUMP ? Op.JUMP_BACKWARD : Op.JUMP_BACKWARD_NO_INTERRUPT) : Op.JUMP_FORWARD;
      }
      ops[k] = op;
      args[k] = isJump(ins.op) ? ins.target!.offset : ins.arg;
      lines[k] = ins.lineno;
      cols[3 * k] = ins.endLineno;
      cols[3 * k + 1] = ins.col;
      cols[3 * k + 2] = ins.endCol;
      if (ins.except !== handler) {
        if (handler !== null) table.push(tableEntry(start, k, handler));
        start = k;
        handler = ins.except;
      }
      k++;
    }
  }
  if (handler !== null) table.push(tableEntry(start, k, handler));
  return { ops, args, lines, cols, exceptionTable: table };
}

function tableEntry(start: number, end: number, handler: Block): ExceptionTableEntry {
  let depth = handler.startdepth - 1;
  if (handler.preserveLasti) depth -= 1;
  return { start, end, target: handler.offset, depth, lasti: handler.preserveLasti };
}
