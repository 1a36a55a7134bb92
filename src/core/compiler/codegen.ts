/**
 * Code generation: AST → control-flow graph → code object, following CPython 3.11's
 * compiler statement by statement (the same instructions, the same line numbers, the
 * same constants), because refcounts, sizes and trace events all depend on them.
 * @cpython Python/compile.c (3.11)
 */
import type * as ast from '../syntax/ast';
import { PyObject, decref } from '../objects/object';
import { Ellipsis, None } from '../objects/noneobject';
import { False, True } from '../objects/boolobject';
import { isTrue } from '../objects/abstract';
import { newInt } from '../objects/longobject';
import { PyTuple, newTuple } from '../objects/tupleobject';
import { StrType, internFromString, type PyStr } from '../objects/unicodeobject';
import { PyCode, CodeFlag, LocalKind, allocCode } from '../objects/codeobject';
import { Op, NB, FVC } from './opcodes';
import {
  Block,
  type Instr,
  normalizeBasicBlock,
  extendBlock,
  optimizeCfg,
  duplicateExitsWithoutLineno,
  propagateLineNumbers,
  guaranteeLinenoForExits,
  stackDepth,
  labelExceptionTargets,
  convertExceptionHandlersToNops,
  cleanBasicBlock,
  layout,
} from './flowgraph';
import { SymbolTable, SymbolTableEntry, Scope, mangle } from './symtable';
import { CompileError, unsupported } from './errors';
import { constTuple, internStringConstants, type ConstObjects } from './consts';
import { newFrozenSet } from '../objects/setobject';
import { newList, listAppendTake, type PyList } from '../objects/listobject';
import { CompilerObjects, type UnitObjects } from './compilerobjects';
import { assembleBytes, codeUnitCount } from './bytecode';
import { writeSyntaxWarning } from '../vm/syntaxwarning';

const STACK_USE_GUIDELINE = 30;

type ScopeType = 'module' | 'class' | 'function' | 'async' | 'lambda' | 'comprehension';

const enum FBlock {
  WHILE_LOOP,
  FOR_LOOP,
  TRY_EXCEPT,
  FINALLY_TRY,
  FINALLY_END,
  WITH,
  HANDLER_CLEANUP,
  POP_VALUE,
  EXCEPTION_HANDLER,
}

interface FBlockInfo {
  type: FBlock;
  block: Block | null;
  exit: Block | null;
  datum: unknown;
}

interface Loc {
  lineno: number;
  endLineno: number;
  col: number;
  endCol: number;
}

class Unit {
  readonly blocks: Block[] = [];
  curblock!: Block;
  needNewImplicitBlock = false;
  readonly fblocks: FBlockInfo[] = [];
  readonly consts: PyObject[] = [];
  readonly constIndex = new Map<PyObject, number>();
  readonly names = new Map<string, number>();
  readonly varnames = new Map<string, number>();
  readonly cellvars = new Map<string, number>();
  readonly freevars = new Map<string, number>();
  /** The dicts CPython's compiler_unit has (main file only). */
  objs: UnitObjects | null = null;
  argcount = 0;
  posonlyargcount = 0;
  kwonlyargcount = 0;
  qualname = '';
  loc: Loc;
  constructor(
    readonly ste: SymbolTableEntry,
    readonly name: string,
    readonly scopeType: ScopeType,
    public firstlineno: number,
    public privateName: string | null,
  ) {
    this.loc = { lineno: firstlineno, endLineno: firstlineno, col: 0, endCol: 0 };
  }
}

export class Compiler {
  private u!: Unit;
  private inUnit = false;
  private readonly stack: Unit[] = [];
  /** c_const_cache */
  private readonly cache;

  /**
   * `objs`: the objects CPython's compiler makes along the way (compiler_init made the
   * constant cache's dict and the unit stack before the AST was optimized and the symbol
   * table built). Without it nothing is emulated (bundled modules). The compiler frees
   * them when it is done (compiler_free).
   */
  constructor(
    private readonly st: SymbolTable,
    private readonly constObjs: ConstObjects,
    private readonly filename: string,
    private readonly objs: CompilerObjects = new CompilerObjects(false),
  ) {
    this.cache = objs.cache;
  }

  /** compiler_mod: the module's code object. */
  compileModule(mod: ast.Module): PyCode {
    try {
      this.enterScope('<module>', 'module', mod, 1);
      this.u.loc.lineno = 1;
      this.body(mod.body);
      const co = this.assemble(true);
      this.exitScope();
      return co;
    } finally {
      this.objs.free();
    }
  }

  /**
   * compiler_mod for an Expression (eval mode): the expression's value is returned. `mod`
   * is the module whose single expression statement holds `body` (its symbol table key).
   */
  compileExpression(mod: ast.Module, body: ast.Expr): PyCode {
    try {
      this.enterScope('<module>', 'module', mod, 1);
      this.u.loc.lineno = 1;
      this.expr(body);
      const co = this.assemble(false);
      this.exitScope();
      return co;
    } finally {
      this.objs.free();
    }
  }

  // ------------------------------------------------------------ units & blocks

  private enterScope(name: string, scopeType: ScopeType, key: object, lineno: number): void {
    const ste = this.st.lookup(key);
    const parent = this.inUnit ? this.u : null;
    const u = new Unit(ste, name, scopeType, lineno, parent?.privateName ?? null);
    u.objs = this.objs.unitEnter(ste.symbols.size);
    for (const v of ste.varnames) u.varnames.set(v, u.varnames.size);
    const cells = [...ste.symbols.keys()]
      .filter((n) => ste.getScope(n) === Scope.CELL)
      .sort(codePointCompare);
    if (ste.needsClassClosure) cells.push('__class__');
    cells.forEach((n, i) => u.cellvars.set(n, i));
    const frees = [...ste.symbols.keys()]
      .filter((n) => ste.getScope(n) === Scope.FREE || (ste.symbols.get(n)! & 64) /* DEF_FREE_CLASS */ !== 0)
      .sort(codePointCompare);
    frees.forEach((n, i) => u.freevars.set(n, i + cells.length));
    if (parent !== null) this.stack.push(parent);
    this.u = u;
    this.inUnit = true;
    const block = this.newBlock();
    u.curblock = block;
    if (scopeType === 'module') u.loc.lineno = 0;
    else this.setQualname(parent);
    this.addopI(Op.RESUME, 0);
    if (scopeType === 'module') u.loc.lineno = -1;
  }

  private exitScope(): void {
    this.objs.unitExit(this.u.objs);
    for (const c of this.u.consts) decref(c);
    const parent = this.stack.pop();
    if (parent !== undefined) this.u = parent;
    else this.inUnit = false;
  }

  private setQualname(parent: Unit | null): void {
    const u = this.u;
    let base: string | null = null;
    if (parent !== null) {
      let forceGlobal = false;
      if (u.scopeType === 'function' || u.scopeType === 'async' || u.scopeType === 'class') {
        const scope = parent.ste.getScope(mangle(parent.privateName, u.name));
        if (scope === Scope.GLOBAL_EXPLICIT) forceGlobal = true;
      }
      if (!forceGlobal) {
        if (
          parent.scopeType === 'function' ||
          parent.scopeType === 'async' ||
          parent.scopeType === 'lambda'
        ) {
          base = parent.qualname + '.<locals>';
        } else if (parent.scopeType !== 'module') {
          base = parent.qualname;
        }
      }
    }
    u.qualname = base !== null ? `${base}.${u.name}` : u.name;
  }

  private newBlock(): Block {
    const b = new Block();
    // CPython's u_blocks list is newest first.
    this.u.blocks.unshift(b);
    return b;
  }

  private useNextBlock(b: Block): void {
    this.u.curblock.next = b;
    this.u.curblock = b;
  }

  private emit(op: Op, arg: number, target: Block | null, loc: Loc | null): void {
    const u = this.u;
    if (u.needNewImplicitBlock) {
      u.needNewImplicitBlock = false;
      this.useNextBlock(this.newBlock());
    }
    const l = loc ?? { lineno: -1, endLineno: 0, col: 0, endCol: 0 };
    const ins: Instr = {
      op,
      arg,
      target,
      lineno: l.lineno,
      endLineno: l.endLineno,
      col: l.col,
      endCol: l.endCol,
      except: null,
    };
    u.curblock.instrs.push(ins);
    if (op === Op.RETURN_VALUE) u.curblock.isReturn = true;
    if (target !== null && op !== Op.SETUP_FINALLY && op !== Op.SETUP_CLEANUP && op !== Op.SETUP_WITH)
      u.needNewImplicitBlock = true;
    if (op === Op.RETURN_VALUE || op === Op.RAISE_VARARGS || op === Op.RERAISE) u.needNewImplicitBlock = true;
  }

  private addop(op: Op): void {
    this.emit(op, 0, null, this.u.loc);
  }
  private addopNoline(op: Op): void {
    this.emit(op, 0, null, null);
  }
  private addopI(op: Op, arg: number): void {
    this.emit(op, arg, null, this.u.loc);
  }
  private addopINoline(op: Op, arg: number): void {
    this.emit(op, arg, null, null);
  }
  private addopJ(op: Op, target: Block): void {
    this.emit(op, 0, target, this.u.loc);
  }
  private addopJNoline(op: Op, target: Block): void {
    this.emit(op, 0, target, null);
  }

  private setLoc(n: ast.Located): void {
    this.u.loc = { lineno: n.lineno, endLineno: n.end_lineno, col: n.col_offset, endCol: n.end_col_offset };
  }
  private unsetLoc(): void {
    this.u.loc = { ...this.u.loc, lineno: -1 };
  }
  private saveLoc(): Loc {
    return { ...this.u.loc };
  }
  private restoreLoc(l: Loc): void {
    this.u.loc = l;
  }

  // ------------------------------------------------------------------ constants

  /** compiler_add_const: takes a new reference to `o`; returns its index in co_consts. */
  private addConst(o: PyObject): number {
    const merged = this.cache.merge(o);
    decref(o);
    const u = this.u;
    const found = u.constIndex.get(merged);
    if (found !== undefined) {
      decref(merged);
      return found;
    }
    const index = u.consts.length;
    u.consts.push(merged);
    u.constIndex.set(merged, index);
    return index;
  }

  private loadConst(o: PyObject): void {
    this.addopI(Op.LOAD_CONST, this.addConst(o));
  }

  private loadNone(): void {
    None.refcnt++;
    this.loadConst(None);
  }

  private loadConstNode(e: ast.Constant): void {
    const o = this.constObjs.get(e)!;
    o.refcnt++;
    this.loadConst(o);
  }

  private identifierConst(name: string): PyStr {
    return internFromString(name);
  }

  private addName(name: string): number {
    const names = this.u.names;
    let i = names.get(name);
    if (i === undefined) {
      i = names.size;
      names.set(name, i);
    }
    return i;
  }

  private addVarname(name: string): number {
    const v = this.u.varnames;
    let i = v.get(name);
    if (i === undefined) {
      i = v.size;
      v.set(name, i);
    }
    return i;
  }

  // ------------------------------------------------------------------- fblocks

  private pushFblock(type: FBlock, block: Block | null, exit: Block | null, datum: unknown = null): void {
    if (this.u.fblocks.length >= 20) throw new CompileError('too many statically nested blocks');
    this.u.fblocks.push({ type, block, exit, datum });
  }
  private popFblock(): void {
    this.u.fblocks.pop();
  }

  private callExitWithNones(): void {
    this.loadNone();
    this.loadNone();
    this.loadNone();
    this.addopI(Op.CALL, 2);
  }

  private popExceptAndReraise(): void {
    this.addopI(Op.COPY, 3);
    this.addop(Op.POP_EXCEPT);
    this.addopI(Op.RERAISE, 1);
  }

  /** @cpython Python/compile.c compiler_unwind_fblock */
  private unwindFblock(info: FBlockInfo, preserveTos: boolean): void {
    switch (info.type) {
      case FBlock.WHILE_LOOP:
      case FBlock.EXCEPTION_HANDLER:
        return;
      case FBlock.FOR_LOOP:
        if (preserveTos) this.addopI(Op.SWAP, 2);
        this.addop(Op.POP_TOP);
        return;
      case FBlock.TRY_EXCEPT:
        this.addop(Op.POP_BLOCK);
        return;
      case FBlock.FINALLY_TRY:
        this.addop(Op.POP_BLOCK);
        if (preserveTos) this.pushFblock(FBlock.POP_VALUE, null, null);
        this.stmts(info.datum as ast.Stmt[]);
        if (preserveTos) this.popFblock();
        this.unsetLoc();
        return;
      case FBlock.FINALLY_END:
        if (preserveTos) this.addopI(Op.SWAP, 2);
        this.addop(Op.POP_TOP);
        if (preserveTos) this.addopI(Op.SWAP, 2);
        this.addop(Op.POP_BLOCK);
        this.addop(Op.POP_EXCEPT);
        return;
      case FBlock.WITH:
        this.setLoc(info.datum as ast.Stmt);
        this.addop(Op.POP_BLOCK);
        if (preserveTos) this.addopI(Op.SWAP, 2);
        this.callExitWithNones();
        this.addop(Op.POP_TOP);
        this.unsetLoc();
        return;
      case FBlock.HANDLER_CLEANUP: {
        const name = info.datum as string | null;
        if (name !== null) this.addop(Op.POP_BLOCK);
        if (preserveTos) this.addopI(Op.SWAP, 2);
        this.addop(Op.POP_BLOCK);
        this.addop(Op.POP_EXCEPT);
        if (name !== null) {
          this.loadNone();
          this.nameop(name, 'Store');
          this.nameop(name, 'Del');
        }
        return;
      }
      case FBlock.POP_VALUE:
        if (preserveTos) this.addopI(Op.SWAP, 2);
        this.addop(Op.POP_TOP);
        return;
    }
  }

  /** Unwinds to the innermost loop (returned), or everything when `stopAtLoop` is false. */
  private unwindFblockStack(preserveTos: boolean, stopAtLoop: boolean): FBlockInfo | null {
    const fb = this.u.fblocks;
    if (fb.length === 0) return null;
    const top = fb[fb.length - 1];
    if (stopAtLoop && (top.type === FBlock.WHILE_LOOP || top.type === FBlock.FOR_LOOP)) return top;
    fb.pop();
    this.unwindFblock(top, preserveTos);
    const loop = this.unwindFblockStack(preserveTos, stopAtLoop);
    fb.push(top);
    return loop;
  }

  // -------------------------------------------------------------- statements

  private body(stmts: ast.Stmt[]): void {
    const u = this.u;
    if (u.scopeType === 'module' && stmts.length > 0) this.setLoc(stmts[0]);
    if (findAnn(stmts)) this.addop(Op.SETUP_ANNOTATIONS);
    if (stmts.length === 0) return;
    let i = 0;
    const doc = this.docstring(stmts);
    if (doc !== null) {
      i = 1;
      const st = stmts[0] as ast.ExprStmt;
      this.expr(st.value);
      this.unsetLoc();
      this.nameop('__doc__', 'Store');
    }
    for (; i < stmts.length; i++) this.stmt(stmts[i]);
  }

  private docstring(stmts: ast.Stmt[]): PyObject | null {
    const first = stmts[0];
    if (first === undefined || first._type !== 'Expr' || first.value._type !== 'Constant') return null;
    const o = this.constObjs.get(first.value);
    return o !== undefined && o.type === StrType ? o : null;
  }

  private stmts(stmts: ast.Stmt[]): void {
    for (const s of stmts) this.stmt(s);
  }

  private stmt(s: ast.Stmt): void {
    this.setLoc(s);
    switch (s._type) {
      case 'FunctionDef':
        return this.functionDef(s);
      case 'AsyncFunctionDef':
        return unsupported('async functions', s);
      case 'ClassDef':
        return this.classDef(s);
      case 'Return':
        return this.returnStmt(s);
      case 'Delete':
        for (const t of s.targets) this.expr(t);
        return;
      case 'Assign':
        this.expr(s.value);
        for (let i = 0; i < s.targets.length; i++) {
          if (i < s.targets.length - 1) this.addopI(Op.COPY, 1);
          this.expr(s.targets[i]);
        }
        return;
      case 'AugAssign':
        return this.augassign(s);
      case 'AnnAssign':
        return this.annassign(s);
      case 'For':
        return this.forStmt(s);
      case 'AsyncFor':
        return unsupported('async for', s);
      case 'While':
        return this.whileStmt(s);
      case 'If':
        return this.ifStmt(s);
      case 'Match':
        return unsupported('the match statement', s);
      case 'Raise': {
        let n = 0;
        if (s.exc !== null) {
          this.expr(s.exc);
          n++;
          if (s.cause !== null) {
            this.expr(s.cause);
            n++;
          }
        }
        this.addopI(Op.RAISE_VARARGS, n);
        return;
      }
      case 'Try':
        if (s.finalbody.length > 0) return this.tryFinally(s);
        return this.tryExcept(s);
      case 'TryStar':
        return unsupported('except* (exception groups)', s);
      case 'Assert':
        return this.assertStmt(s);
      case 'Import':
        return this.importStmt(s);
      case 'ImportFrom':
        return this.fromImport(s);
      case 'Global':
      case 'Nonlocal':
        return;
      case 'Expr':
        if (s.value._type === 'Constant') {
          this.addop(Op.NOP);
          return;
        }
        this.expr(s.value);
        this.unsetLoc();
        this.addop(Op.POP_TOP);
        return;
      case 'Pass':
        this.addop(Op.NOP);
        return;
      case 'Break':
        return this.breakStmt();
      case 'Continue':
        return this.continueStmt();
      case 'With':
        return this.withStmt(s, 0);
      case 'AsyncWith':
        return unsupported('async with', s);
    }
  }

  private decorators(decos: ast.Expr[]): void {
    for (const d of decos) this.expr(d);
  }

  private applyDecorators(decos: ast.Expr[]): void {
    const saved = this.saveLoc();
    for (let i = decos.length - 1; i >= 0; i--) {
      this.setLoc(decos[i]);
      this.addopI(Op.CALL, 0);
    }
    this.restoreLoc(saved);
  }

  private defaultArguments(a: ast.Arguments): number {
    let flags = 0;
    if (a.defaults.length > 0) {
      for (const d of a.defaults) this.expr(d);
      this.addopI(Op.BUILD_TUPLE, a.defaults.length);
      flags |= 1;
    }
    // compiler_visit_kwonlydefaults: a list of the names, made at the first default.
    const keys: string[] = [];
    let list: PyList | null = null;
    a.kwonlyargs.forEach((arg, i) => {
      const d = a.kw_defaults[i];
      if (d !== null) {
        const mangled = mangle(this.u.privateName, arg.arg);
        keys.push(mangled);
        if (this.objs.emulate) {
          if (list === null) list = newList([internFromString(mangled)]);
          else listAppendTake(list, internFromString(mangled));
        }
        this.expr(d);
      }
    });
    if (keys.length > 0) {
      const t = identifierTuple(keys);
      if (list !== null) decref(list);
      this.loadConst(t);
      this.addopI(Op.BUILD_CONST_KEY_MAP, keys.length);
      flags |= 2;
    }
    return flags;
  }

  private annotations(a: ast.Arguments, returns: ast.Expr | null): boolean {
    let n = 0;
    const one = (name: string, ann: ast.Expr | null) => {
      if (ann === null) return;
      this.loadConst(this.identifierConst(mangle(this.u.privateName, name)));
      this.expr(ann);
      n += 2;
    };
    for (const x of a.args) one(x.arg, x.annotation);
    for (const x of a.posonlyargs) one(x.arg, x.annotation);
    if (a.vararg !== null) one(a.vararg.arg, a.vararg.annotation);
    for (const x of a.kwonlyargs) one(x.arg, x.annotation);
    if (a.kwarg !== null) one(a.kwarg.arg, a.kwarg.annotation);
    one('return', returns);
    if (n > 0) {
      this.addopI(Op.BUILD_TUPLE, n);
      return true;
    }
    return false;
  }

  /** @cpython Python/compile.c compiler_function */
  private functionDef(s: ast.FunctionDef): void {
    this.decorators(s.decorator_list);
    const firstlineno = s.decorator_list.length > 0 ? s.decorator_list[0].lineno : s.lineno;
    let flags = this.defaultArguments(s.args);
    if (this.annotations(s.args, s.returns)) flags |= 4;
    this.enterScope(s.name, 'function', s, firstlineno);
    const doc = this.docstring(s.body);
    if (doc !== null) doc.refcnt++;
    this.addConst(doc ?? (None.refcnt++, None));
    this.u.argcount = s.args.args.length;
    this.u.posonlyargcount = s.args.posonlyargs.length;
    this.u.kwonlyargcount = s.args.kwonlyargs.length;
    for (let i = doc !== null ? 1 : 0; i < s.body.length; i++) this.stmt(s.body[i]);
    const co = this.assemble(true);
    const qualname = this.u.qualname;
    this.exitScope();
    this.makeClosure(co, flags, qualname);
    this.applyDecorators(s.decorator_list);
    this.nameop(s.name, 'Store');
  }

  /** @cpython Python/compile.c compiler_class */
  private classDef(s: ast.ClassDef): void {
    this.decorators(s.decorator_list);
    const firstlineno = s.decorator_list.length > 0 ? s.decorator_list[0].lineno : s.lineno;
    this.enterScope(s.name, 'class', s, firstlineno);
    this.u.privateName = s.name;
    this.nameop('__name__', 'Load');
    this.nameop('__module__', 'Store');
    this.loadConst(internFromString(this.u.qualname));
    this.nameop('__qualname__', 'Store');
    this.body(s.body);
    this.unsetLoc();
    if (this.u.ste.needsClassClosure) {
      const i = this.u.cellvars.get('__class__')!;
      this.addopI(Op.LOAD_CLOSURE, i);
      this.addopI(Op.COPY, 1);
      this.nameop('__classcell__', 'Store');
    } else {
      this.loadNone();
    }
    this.addop(Op.RETURN_VALUE);
    const co = this.assemble(true);
    this.exitScope();
    this.addop(Op.PUSH_NULL);
    this.addop(Op.LOAD_BUILD_CLASS);
    this.makeClosure(co, 0, null);
    this.loadConst(internFromString(s.name));
    this.callHelper(2, s.bases, s.keywords);
    this.applyDecorators(s.decorator_list);
    this.nameop(s.name, 'Store');
  }

  /** compiler_make_closure: LOAD_CLOSUREs, the code constant and MAKE_FUNCTION. */
  private makeClosure(co: PyCode, flags: number, qualname: string | null): void {
    void qualname;
    if (co.nfreevars > 0) {
      const names = co.localsplusnames.items as PyStr[];
      const start = co.nlocalsplus - co.nfreevars;
      for (let i = start; i < co.nlocalsplus; i++) {
        const name = names[i].value;
        const reftype = this.refType(name);
        const arg = reftype === Scope.CELL ? this.u.cellvars.get(name) : this.u.freevars.get(name);
        if (arg === undefined) throw new Error(`closure lookup failed for ${name}`);
        this.addopI(Op.LOAD_CLOSURE, arg);
      }
      flags |= 8;
      this.addopI(Op.BUILD_TUPLE, co.nfreevars);
    }
    this.loadConst(co);
    this.addopI(Op.MAKE_FUNCTION, flags);
  }

  private refType(name: string): Scope {
    if (this.u.scopeType === 'class' && name === '__class__') return Scope.CELL;
    return this.u.ste.getScope(name);
  }

  /** @cpython Python/compile.c compiler_return */
  private returnStmt(s: ast.Return): void {
    const preserveTos = s.value !== null && s.value._type !== 'Constant';
    if (this.u.ste.type !== 'function') throw new CompileError("'return' outside function", s);
    if (preserveTos) {
      this.expr(s.value!);
    } else if (s.value !== null) {
      this.setLoc(s.value);
      this.addop(Op.NOP);
    }
    if (s.value === null || s.value.lineno !== s.lineno) {
      this.setLoc(s);
      this.addop(Op.NOP);
    }
    this.unwindFblockStack(preserveTos, false);
    if (s.value === null) this.loadNone();
    else if (!preserveTos) this.loadConstNode(s.value as ast.Constant);
    this.addop(Op.RETURN_VALUE);
  }

  private breakStmt(): void {
    const saved = this.saveLoc();
    this.addop(Op.NOP);
    const loop = this.unwindFblockStack(false, true);
    if (loop === null) {
      this.restoreLoc(saved);
      throw new CompileError("'break' outside loop", locOf(saved));
    }
    this.unwindFblock(loop, false);
    this.addopJ(Op.JUMP, loop.exit!);
  }

  private continueStmt(): void {
    const saved = this.saveLoc();
    this.addop(Op.NOP);
    const loop = this.unwindFblockStack(false, true);
    if (loop === null) {
      this.restoreLoc(saved);
      throw new CompileError("'continue' not properly in loop", locOf(saved));
    }
    this.addopJ(Op.JUMP, loop.block!);
  }

  private ifStmt(s: ast.If): void {
    const end = this.newBlock();
    const next = s.orelse.length > 0 ? this.newBlock() : end;
    this.jumpIf(s.test, next, false);
    this.stmts(s.body);
    if (s.orelse.length > 0) {
      this.addopJNoline(Op.JUMP, end);
      this.useNextBlock(next);
      this.stmts(s.orelse);
    }
    this.useNextBlock(end);
  }

  private forStmt(s: ast.For): void {
    const start = this.newBlock();
    const body = this.newBlock();
    const cleanup = this.newBlock();
    const end = this.newBlock();
    this.pushFblock(FBlock.FOR_LOOP, start, end);
    this.expr(s.iter);
    this.addop(Op.GET_ITER);
    this.useNextBlock(start);
    this.addopJ(Op.FOR_ITER, cleanup);
    this.useNextBlock(body);
    this.expr(s.target);
    this.stmts(s.body);
    this.unsetLoc();
    this.addopJ(Op.JUMP, start);
    this.useNextBlock(cleanup);
    this.popFblock();
    this.stmts(s.orelse);
    this.useNextBlock(end);
  }

  private whileStmt(s: ast.While): void {
    const loop = this.newBlock();
    const body = this.newBlock();
    const anchor = this.newBlock();
    const end = this.newBlock();
    this.useNextBlock(loop);
    this.pushFblock(FBlock.WHILE_LOOP, loop, end);
    this.jumpIf(s.test, anchor, false);
    this.useNextBlock(body);
    this.stmts(s.body);
    this.setLoc(s);
    this.jumpIf(s.test, body, true);
    this.popFblock();
    this.useNextBlock(anchor);
    this.stmts(s.orelse);
    this.useNextBlock(end);
  }

  /** @cpython Python/compile.c compiler_try_finally */
  private tryFinally(s: ast.Try): void {
    const body = this.newBlock();
    const end = this.newBlock();
    const exit = this.newBlock();
    const cleanup = this.newBlock();
    this.addopJ(Op.SETUP_FINALLY, end);
    this.useNextBlock(body);
    this.pushFblock(FBlock.FINALLY_TRY, body, end, s.finalbody);
    if (s.handlers.length > 0) this.tryExcept(s);
    else this.stmts(s.body);
    this.addopNoline(Op.POP_BLOCK);
    this.popFblock();
    this.stmts(s.finalbody);
    this.addopJNoline(Op.JUMP, exit);
    this.useNextBlock(end);
    this.unsetLoc();
    this.addopJ(Op.SETUP_CLEANUP, cleanup);
    this.addop(Op.PUSH_EXC_INFO);
    this.pushFblock(FBlock.FINALLY_END, end, null);
    this.stmts(s.finalbody);
    this.popFblock();
    this.addopI(Op.RERAISE, 0);
    this.useNextBlock(cleanup);
    this.popExceptAndReraise();
    this.useNextBlock(exit);
  }

  /** @cpython Python/compile.c compiler_try_except */
  private tryExcept(s: ast.Try): void {
    const body = this.newBlock();
    let except = this.newBlock();
    const end = this.newBlock();
    const cleanup = this.newBlock();
    this.addopJ(Op.SETUP_FINALLY, except);
    this.useNextBlock(body);
    this.pushFblock(FBlock.TRY_EXCEPT, body, null);
    this.stmts(s.body);
    this.popFblock();
    this.addopNoline(Op.POP_BLOCK);
    if (s.orelse.length > 0) this.stmts(s.orelse);
    this.addopJNoline(Op.JUMP, end);
    const n = s.handlers.length;
    this.useNextBlock(except);
    this.unsetLoc();
    this.addopJ(Op.SETUP_CLEANUP, cleanup);
    this.addop(Op.PUSH_EXC_INFO);
    this.pushFblock(FBlock.EXCEPTION_HANDLER, null, null);
    for (let i = 0; i < n; i++) {
      const handler = s.handlers[i];
      this.setLoc(handler);
      if (handler.type === null && i < n - 1)
        throw new CompileError("default 'except:' must be last", handler);
      except = this.newBlock();
      if (handler.type !== null) {
        this.expr(handler.type);
        this.addop(Op.CHECK_EXC_MATCH);
        this.addopJ(Op.POP_JUMP_IF_FALSE, except);
      }
      if (handler.name !== null) {
        const cleanupEnd = this.newBlock();
        const cleanupBody = this.newBlock();
        this.nameop(handler.name, 'Store');
        this.addopJ(Op.SETUP_CLEANUP, cleanupEnd);
        this.useNextBlock(cleanupBody);
        this.pushFblock(FBlock.HANDLER_CLEANUP, cleanupBody, null, handler.name);
        this.stmts(handler.body);
        this.popFblock();
        this.unsetLoc();
        this.addop(Op.POP_BLOCK);
        this.addop(Op.POP_BLOCK);
        this.addop(Op.POP_EXCEPT);
        this.loadNone();
        this.nameop(handler.name, 'Store');
        this.nameop(handler.name, 'Del');
        this.addopJ(Op.JUMP, end);
        this.useNextBlock(cleanupEnd);
        this.unsetLoc();
        this.loadNone();
        this.nameop(handler.name, 'Store');
        this.nameop(handler.name, 'Del');
        this.addopI(Op.RERAISE, 1);
      } else {
        const cleanupBody = this.newBlock();
        this.addop(Op.POP_TOP);
        this.useNextBlock(cleanupBody);
        this.pushFblock(FBlock.HANDLER_CLEANUP, cleanupBody, null, null);
        this.stmts(handler.body);
        this.popFblock();
        this.unsetLoc();
        this.addop(Op.POP_BLOCK);
        this.addop(Op.POP_EXCEPT);
        this.addopJ(Op.JUMP, end);
      }
      this.useNextBlock(except);
    }
    this.unsetLoc();
    this.popFblock();
    this.addopI(Op.RERAISE, 0);
    this.useNextBlock(cleanup);
    this.popExceptAndReraise();
    this.useNextBlock(end);
  }

  /** @cpython Python/compile.c compiler_with */
  private withStmt(s: ast.With, pos: number): void {
    const item = s.items[pos];
    const block = this.newBlock();
    const final = this.newBlock();
    const exit = this.newBlock();
    const cleanup = this.newBlock();
    this.expr(item.context_expr);
    this.addop(Op.BEFORE_WITH);
    this.addopJ(Op.SETUP_WITH, final);
    this.useNextBlock(block);
    this.pushFblock(FBlock.WITH, block, final, s);
    if (item.optional_vars !== null) this.expr(item.optional_vars);
    else this.addop(Op.POP_TOP);
    pos++;
    if (pos === s.items.length) this.stmts(s.body);
    else this.withStmt(s, pos);
    this.unsetLoc();
    this.addop(Op.POP_BLOCK);
    this.popFblock();
    this.setLoc(s);
    this.callExitWithNones();
    this.addop(Op.POP_TOP);
    this.addopJ(Op.JUMP, exit);
    this.useNextBlock(final);
    this.addopJ(Op.SETUP_CLEANUP, cleanup);
    this.addop(Op.PUSH_EXC_INFO);
    this.addop(Op.WITH_EXCEPT_START);
    this.withExceptFinish(cleanup);
    this.useNextBlock(exit);
  }

  private withExceptFinish(cleanup: Block): void {
    this.unsetLoc();
    const exit = this.newBlock();
    this.addopJ(Op.POP_JUMP_IF_TRUE, exit);
    this.addopI(Op.RERAISE, 2);
    this.useNextBlock(cleanup);
    this.popExceptAndReraise();
    this.useNextBlock(exit);
    this.addop(Op.POP_TOP);
    this.addop(Op.POP_BLOCK);
    this.addop(Op.POP_EXCEPT);
    this.addop(Op.POP_TOP);
    this.addop(Op.POP_TOP);
  }

  private assertStmt(s: ast.Assert): void {
    const end = this.newBlock();
    this.jumpIf(s.test, end, true);
    this.addop(Op.LOAD_ASSERTION_ERROR);
    if (s.msg !== null) {
      this.expr(s.msg);
      this.addopI(Op.CALL, 0);
    }
    this.setLoc(s.test);
    this.addopI(Op.RAISE_VARARGS, 1);
    this.useNextBlock(end);
  }

  private importStmt(s: ast.Import): void {
    for (const alias of s.names) {
      this.loadConst(newInt(0));
      this.loadNone();
      this.addopI(Op.IMPORT_NAME, this.addName(alias.name));
      if (alias.asname !== null) {
        this.importAs(alias.name, alias.asname);
      } else {
        const dot = alias.name.indexOf('.');
        this.nameop(dot >= 0 ? alias.name.slice(0, dot) : alias.name, 'Store');
      }
    }
  }

  private importAs(name: string, asname: string): void {
    const parts = name.split('.');
    if (parts.length > 1) {
      for (let i = 1; i < parts.length; i++) {
        this.addopI(Op.IMPORT_FROM, this.addName(parts[i]));
        if (i === parts.length - 1) break;
        this.addopI(Op.SWAP, 2);
        this.addop(Op.POP_TOP);
      }
      this.nameop(asname, 'Store');
      this.addop(Op.POP_TOP);
      return;
    }
    this.nameop(asname, 'Store');
  }

  private fromImport(s: ast.ImportFrom): void {
    this.loadConst(newInt(s.level));
    this.loadConst(identifierTuple(s.names.map((a) => a.name)));
    this.addopI(Op.IMPORT_NAME, this.addName(s.module ?? ''));
    for (let i = 0; i < s.names.length; i++) {
      const alias = s.names[i];
      if (i === 0 && alias.name === '*') {
        this.addop(Op.IMPORT_STAR);
        return;
      }
      this.addopI(Op.IMPORT_FROM, this.addName(alias.name));
      this.nameop(alias.asname ?? alias.name, 'Store');
    }
    this.addop(Op.POP_TOP);
  }

  private augassign(s: ast.AugAssign): void {
    const e = s.target;
    const saved = this.saveLoc();
    this.setLoc(e);
    switch (e._type) {
      case 'Attribute':
        this.expr(e.value);
        this.addopI(Op.COPY, 1);
        this.updateStartLocationToMatchAttr(e);
        this.addopI(Op.LOAD_ATTR, this.addName(mangle(this.u.privateName, e.attr)));
        break;
      case 'Subscript':
        this.expr(e.value);
        this.expr(e.slice);
        this.addopI(Op.COPY, 2);
        this.addopI(Op.COPY, 2);
        this.addop(Op.BINARY_SUBSCR);
        break;
      case 'Name':
        this.nameop(e.id, 'Load');
        break;
      default:
        throw new CompileError("'expression' is an illegal expression for augmented assignment", e);
    }
    this.restoreLoc(saved);
    this.expr(s.value);
    this.addopI(Op.BINARY_OP, binaryOparg(s.op, true));
    this.setLoc(e);
    switch (e._type) {
      case 'Attribute':
        this.updateStartLocationToMatchAttr(e);
        this.addopI(Op.SWAP, 2);
        this.addopI(Op.STORE_ATTR, this.addName(mangle(this.u.privateName, e.attr)));
        break;
      case 'Subscript':
        this.addopI(Op.SWAP, 3);
        this.addopI(Op.SWAP, 2);
        this.addop(Op.STORE_SUBSCR);
        break;
      case 'Name':
        this.nameop(e.id, 'Store');
        break;
    }
  }

  private annassign(s: ast.AnnAssign): void {
    const targ = s.target;
    if (s.value !== null) {
      this.expr(s.value);
      this.expr(targ);
    }
    if (targ._type === 'Name') {
      if (s.simple && (this.u.scopeType === 'module' || this.u.scopeType === 'class')) {
        this.expr(s.annotation);
        this.addopI(Op.LOAD_NAME, this.addName('__annotations__'));
        this.loadConst(internFromString(mangle(this.u.privateName, targ.id)));
        this.addop(Op.STORE_SUBSCR);
      }
    } else if (s.value === null) {
      if (targ._type === 'Attribute') this.checkAnnExpr(targ.value);
      else if (targ._type === 'Subscript') {
        this.checkAnnExpr(targ.value);
        this.checkAnnExpr(targ.slice);
      }
    }
    if (!s.simple && (this.u.scopeType === 'module' || this.u.scopeType === 'class'))
      this.checkAnnExpr(s.annotation);
  }

  private checkAnnExpr(e: ast.Expr): void {
    this.expr(e);
    this.addop(Op.POP_TOP);
  }

  // ------------------------------------------------------------------ names

  /** @cpython Python/compile.c compiler_nameop */
  private nameop(name: string, ctx: ast.ExprContext): void {
    const u = this.u;
    const mangled = mangle(u.privateName, name);
    const scope = u.ste.getScope(mangled);
    let kind: 'fast' | 'global' | 'deref' | 'name' = 'name';
    let derefIndex = -1;
    switch (scope) {
      case Scope.FREE:
        kind = 'deref';
        derefIndex = u.freevars.get(mangled)!;
        break;
      case Scope.CELL:
        kind = 'deref';
        derefIndex = u.cellvars.get(mangled)!;
        break;
      case Scope.LOCAL:
        if (u.ste.type === 'function') kind = 'fast';
        break;
      case Scope.GLOBAL_IMPLICIT:
        if (u.ste.type === 'function') kind = 'global';
        break;
      case Scope.GLOBAL_EXPLICIT:
        kind = 'global';
        break;
    }
    if (
      scope === Scope.NONE &&
      u.scopeType === 'class' &&
      mangled === '__class__' &&
      u.cellvars.has('__class__')
    ) {
      kind = 'deref';
      derefIndex = u.cellvars.get('__class__')!;
    }
    switch (kind) {
      case 'deref':
        if (derefIndex === undefined || derefIndex < 0) throw new Error(`no cell for ${mangled}`);
        this.addopI(
          ctx === 'Load'
            ? u.ste.type === 'class'
              ? Op.LOAD_CLASSDEREF
              : Op.LOAD_DEREF
            : ctx === 'Store'
              ? Op.STORE_DEREF
              : Op.DELETE_DEREF,
          derefIndex,
        );
        return;
      case 'fast':
        this.addopI(
          ctx === 'Load' ? Op.LOAD_FAST : ctx === 'Store' ? Op.STORE_FAST : Op.DELETE_FAST,
          this.addVarname(mangled),
        );
        return;
      case 'global': {
        const arg = this.addName(mangled);
        if (ctx === 'Load') this.addopI(Op.LOAD_GLOBAL, arg << 1);
        else this.addopI(ctx === 'Store' ? Op.STORE_GLOBAL : Op.DELETE_GLOBAL, arg);
        return;
      }
      case 'name':
        this.addopI(
          ctx === 'Load' ? Op.LOAD_NAME : ctx === 'Store' ? Op.STORE_NAME : Op.DELETE_NAME,
          this.addName(mangled),
        );
        return;
    }
  }

  // ------------------------------------------------------------ expressions

  private expr(e: ast.Expr): void {
    const saved = this.saveLoc();
    this.setLoc(e);
    this.expr1(e);
    this.restoreLoc(saved);
  }

  private expr1(e: ast.Expr): void {
    switch (e._type) {
      case 'NamedExpr':
        this.expr(e.value);
        this.addopI(Op.COPY, 1);
        this.expr(e.target);
        return;
      case 'BoolOp':
        return this.boolop(e);
      case 'BinOp':
        this.expr(e.left);
        this.expr(e.right);
        this.addopI(Op.BINARY_OP, binaryOparg(e.op, false));
        return;
      case 'UnaryOp':
        this.expr(e.operand);
        this.addop(
          e.op === 'Invert'
            ? Op.UNARY_INVERT
            : e.op === 'Not'
              ? Op.UNARY_NOT
              : e.op === 'UAdd'
                ? Op.UNARY_POSITIVE
                : Op.UNARY_NEGATIVE,
        );
        return;
      case 'Lambda':
        return this.lambda(e);
      case 'IfExp': {
        const end = this.newBlock();
        const next = this.newBlock();
        this.jumpIf(e.test, next, false);
        this.expr(e.body);
        this.addopJNoline(Op.JUMP, end);
        this.useNextBlock(next);
        this.expr(e.orelse);
        this.useNextBlock(end);
        return;
      }
      case 'Dict':
        return this.dict(e);
      case 'Set':
        return this.starunpackHelper(e.elts, 0, Op.BUILD_SET, Op.SET_ADD, Op.SET_UPDATE, false);
      case 'GeneratorExp':
        return this.comprehension(e, 'genexpr', '<genexpr>', e.generators, e.elt, null);
      case 'ListComp':
        return this.comprehension(e, 'listcomp', '<listcomp>', e.generators, e.elt, null);
      case 'SetComp':
        return this.comprehension(e, 'setcomp', '<setcomp>', e.generators, e.elt, null);
      case 'DictComp':
        return this.comprehension(e, 'dictcomp', '<dictcomp>', e.generators, e.key, e.value);
      case 'Yield':
        if (this.u.ste.type !== 'function') throw new CompileError("'yield' outside function", e);
        if (e.value !== null) this.expr(e.value);
        else this.loadNone();
        this.addop(Op.YIELD_VALUE);
        this.addopI(Op.RESUME, 1);
        return;
      case 'YieldFrom':
        if (this.u.ste.type !== 'function') throw new CompileError("'yield' outside function", e);
        this.expr(e.value);
        this.addop(Op.GET_YIELD_FROM_ITER);
        this.loadNone();
        this.addYieldFrom();
        return;
      case 'Await':
        return unsupported('await', e);
      case 'Compare':
        return this.compare(e);
      case 'Call':
        return this.call(e);
      case 'Constant':
        return this.loadConstNode(e);
      case 'JoinedStr':
        return this.joinedStr(e);
      case 'FormattedValue':
        return this.formattedValue(e);
      case 'Attribute':
        this.expr(e.value);
        this.updateStartLocationToMatchAttr(e);
        this.addopI(
          e.ctx === 'Load' ? Op.LOAD_ATTR : e.ctx === 'Store' ? Op.STORE_ATTR : Op.DELETE_ATTR,
          this.addName(mangle(this.u.privateName, e.attr)),
        );
        return;
      case 'Subscript':
        this.expr(e.value);
        this.expr(e.slice);
        this.addop(
          e.ctx === 'Load' ? Op.BINARY_SUBSCR : e.ctx === 'Store' ? Op.STORE_SUBSCR : Op.DELETE_SUBSCR,
        );
        return;
      case 'Starred':
        throw new CompileError(
          e.ctx === 'Store'
            ? 'starred assignment target must be in a list or tuple'
            : "can't use starred expression here",
          e,
        );
      case 'Slice':
        if (e.lower !== null) this.expr(e.lower);
        else this.loadNone();
        if (e.upper !== null) this.expr(e.upper);
        else this.loadNone();
        if (e.step !== null) this.expr(e.step);
        this.addopI(Op.BUILD_SLICE, e.step !== null ? 3 : 2);
        return;
      case 'Name':
        return this.nameop(e.id, e.ctx);
      case 'List':
      case 'Tuple':
        if (e.ctx === 'Store') return this.assignmentHelper(e.elts);
        if (e.ctx === 'Load')
          return this.starunpackHelper(
            e.elts,
            0,
            Op.BUILD_LIST,
            Op.LIST_APPEND,
            Op.LIST_EXTEND,
            e._type === 'Tuple',
          );
        for (const x of e.elts) this.expr(x);
        return;
    }
  }

  private updateStartLocationToMatchAttr(attr: ast.Attribute): void {
    const loc = this.u.loc;
    if (loc.lineno !== attr.end_lineno) {
      loc.lineno = attr.end_lineno;
      const len = utf8Length(attr.attr);
      if (len <= attr.end_col_offset) loc.col = attr.end_col_offset - len;
      else {
        loc.col = -1;
        loc.endCol = -1;
      }
      loc.endLineno = Math.max(loc.lineno, loc.endLineno);
      if (loc.lineno === loc.endLineno) loc.endCol = Math.max(loc.col, loc.endCol);
    }
  }

  private boolop(e: ast.BoolOp): void {
    const jumpi = e.op === 'And' ? Op.JUMP_IF_FALSE_OR_POP : Op.JUMP_IF_TRUE_OR_POP;
    const end = this.newBlock();
    const n = e.values.length - 1;
    for (let i = 0; i < n; i++) {
      this.expr(e.values[i]);
      this.addopJ(jumpi, end);
      this.useNextBlock(this.newBlock());
    }
    this.expr(e.values[n]);
    this.useNextBlock(end);
  }

  /** @cpython Python/compile.c compiler_jump_if */
  private jumpIf(e: ast.Expr, next: Block, cond: boolean): void {
    switch (e._type) {
      case 'UnaryOp':
        if (e.op === 'Not') return this.jumpIf(e.operand, next, !cond);
        break;
      case 'BoolOp': {
        const n = e.values.length - 1;
        const cond2 = e.op === 'Or';
        let next2 = next;
        if (cond2 !== cond) next2 = this.newBlock();
        for (let i = 0; i < n; i++) this.jumpIf(e.values[i], next2, cond2);
        this.jumpIf(e.values[n], next, cond);
        if (next2 !== next) this.useNextBlock(next2);
        return;
      }
      case 'IfExp': {
        const end = this.newBlock();
        const next2 = this.newBlock();
        this.jumpIf(e.test, next2, false);
        this.jumpIf(e.body, next, cond);
        this.addopJNoline(Op.JUMP, end);
        this.useNextBlock(next2);
        this.jumpIf(e.orelse, next, cond);
        this.useNextBlock(end);
        return;
      }
      case 'Compare': {
        this.setLoc(e);
        const n = e.ops.length - 1;
        if (n > 0) {
          this.checkCompare(e);
          const cleanup = this.newBlock();
          this.expr(e.left);
          for (let i = 0; i < n; i++) {
            this.expr(e.comparators[i]);
            this.addopI(Op.SWAP, 2);
            this.addopI(Op.COPY, 2);
            this.addCompare(e.ops[i]);
            this.addopJ(Op.POP_JUMP_IF_FALSE, cleanup);
          }
          this.expr(e.comparators[n]);
          this.addCompare(e.ops[n]);
          this.addopJ(cond ? Op.POP_JUMP_IF_TRUE : Op.POP_JUMP_IF_FALSE, next);
          const end = this.newBlock();
          this.addopJNoline(Op.JUMP, end);
          this.useNextBlock(cleanup);
          this.addop(Op.POP_TOP);
          if (!cond) this.addopJNoline(Op.JUMP, next);
          this.useNextBlock(end);
          return;
        }
        break;
      }
    }
    this.expr(e);
    this.addopJ(cond ? Op.POP_JUMP_IF_TRUE : Op.POP_JUMP_IF_FALSE, next);
  }

  private addCompare(op: ast.CmpOperator): void {
    switch (op) {
      case 'Eq':
        return this.addopI(Op.COMPARE_OP, 2);
      case 'NotEq':
        return this.addopI(Op.COMPARE_OP, 3);
      case 'Lt':
        return this.addopI(Op.COMPARE_OP, 0);
      case 'LtE':
        return this.addopI(Op.COMPARE_OP, 1);
      case 'Gt':
        return this.addopI(Op.COMPARE_OP, 4);
      case 'GtE':
        return this.addopI(Op.COMPARE_OP, 5);
      case 'Is':
        return this.addopI(Op.IS_OP, 0);
      case 'IsNot':
        return this.addopI(Op.IS_OP, 1);
      case 'In':
        return this.addopI(Op.CONTAINS_OP, 0);
      case 'NotIn':
        return this.addopI(Op.CONTAINS_OP, 1);
    }
  }

  /**
   * check_compare: `is` / `is not` with a literal operand (a constant other than None, True,
   * False and ...) warns, in user code (the emulated compilations).
   */
  private checkCompare(e: ast.Compare): void {
    if (!this.objs.emulate) return;
    // The optimized tree: a folded `()` or `-1` is a Constant too.
    const named = (x: ast.Expr) => {
      if (x._type !== 'Constant') return true;
      const o = this.constObjs.get(x as ast.Constant);
      return o === None || o === True || o === False || o === Ellipsis;
    };
    let left = named(e.left);
    e.ops.forEach((op, i) => {
      const right = named(e.comparators[i]);
      if ((op === 'Is' || op === 'IsNot') && !(left && right)) {
        const message =
          op === 'Is'
            ? '"is" with a literal. Did you mean "=="?'
            : '"is not" with a literal. Did you mean "!="?';
        writeSyntaxWarning(this.filename, this.u.loc.lineno, message);
      }
      left = right;
    });
  }

  private compare(e: ast.Compare): void {
    this.checkCompare(e);
    this.expr(e.left);
    const n = e.ops.length - 1;
    if (n === 0) {
      this.expr(e.comparators[0]);
      this.addCompare(e.ops[0]);
      return;
    }
    const cleanup = this.newBlock();
    for (let i = 0; i < n; i++) {
      this.expr(e.comparators[i]);
      this.addopI(Op.SWAP, 2);
      this.addopI(Op.COPY, 2);
      this.addCompare(e.ops[i]);
      this.addopJ(Op.JUMP_IF_FALSE_OR_POP, cleanup);
    }
    this.expr(e.comparators[n]);
    this.addCompare(e.ops[n]);
    const end = this.newBlock();
    this.addopJNoline(Op.JUMP, end);
    this.useNextBlock(cleanup);
    this.addopI(Op.SWAP, 2);
    this.addop(Op.POP_TOP);
    this.useNextBlock(end);
  }

  private allConst(elts: (ast.Expr | null)[], begin: number, end: number): boolean {
    for (let i = begin; i < end; i++) {
      const e = elts[i];
      if (e === null || e._type !== 'Constant') return false;
    }
    return true;
  }

  /** @cpython Python/compile.c starunpack_helper */
  private starunpackHelper(
    elts: ast.Expr[],
    pushed: number,
    build: Op,
    add: Op,
    extend: Op,
    tuple: boolean,
  ): void {
    const n = elts.length;
    if (n > 2 && this.allConst(elts, 0, n)) {
      const objs = elts.map((x) => this.constObjs.get(x as ast.Constant)!);
      if (tuple && pushed === 0) {
        this.loadConst(constTuple(objs));
      } else {
        let folded: PyObject = constTuple(objs);
        if (add === Op.SET_ADD) {
          const fs = newFrozenSet(folded);
          decref(folded);
          folded = fs;
        }
        this.addopI(build, pushed);
        this.loadConst(folded);
        this.addopI(extend, 1);
        if (tuple) this.addop(Op.LIST_TO_TUPLE);
      }
      return;
    }
    const big = n + pushed > STACK_USE_GUIDELINE;
    const seenStar = elts.some((x) => x._type === 'Starred');
    if (!seenStar && !big) {
      for (const x of elts) this.expr(x);
      this.addopI(tuple ? Op.BUILD_TUPLE : build, n + pushed);
      return;
    }
    let built = false;
    if (big) {
      this.addopI(build, pushed);
      built = true;
    }
    for (let i = 0; i < n; i++) {
      const elt = elts[i];
      if (elt._type === 'Starred') {
        if (!built) {
          this.addopI(build, i + pushed);
          built = true;
        }
        this.expr(elt.value);
        this.addopI(extend, 1);
      } else {
        this.expr(elt);
        if (built) this.addopI(add, 1);
      }
    }
    if (tuple) this.addop(Op.LIST_TO_TUPLE);
  }

  private assignmentHelper(elts: ast.Expr[]): void {
    const n = elts.length;
    let seenStar = false;
    for (let i = 0; i < n; i++) {
      const elt = elts[i];
      if (elt._type === 'Starred' && !seenStar) {
        if (i >= 1 << 8 || n - i - 1 >= 0x7fffff)
          throw new CompileError('too many expressions in star-unpacking assignment', elt);
        this.addopI(Op.UNPACK_EX, i + ((n - i - 1) << 8));
        seenStar = true;
      } else if (elt._type === 'Starred') {
        throw new CompileError('multiple starred expressions in assignment', elt);
      }
    }
    if (!seenStar) this.addopI(Op.UNPACK_SEQUENCE, n);
    for (const elt of elts) this.expr(elt._type === 'Starred' ? elt.value : elt);
  }

  private dict(e: ast.Dict): void {
    const n = e.values.length;
    let haveDict = false;
    let elements = 0;
    for (let i = 0; i < n; i++) {
      const isUnpacking = e.keys[i] === null;
      if (isUnpacking) {
        if (elements) {
          this.subdict(e, i - elements, i);
          if (haveDict) this.addopI(Op.DICT_UPDATE, 1);
          haveDict = true;
          elements = 0;
        }
        if (!haveDict) {
          this.addopI(Op.BUILD_MAP, 0);
          haveDict = true;
        }
        this.expr(e.values[i]);
        this.addopI(Op.DICT_UPDATE, 1);
      } else if (elements * 2 > STACK_USE_GUIDELINE) {
        this.subdict(e, i - elements, i + 1);
        if (haveDict) this.addopI(Op.DICT_UPDATE, 1);
        haveDict = true;
        elements = 0;
      } else {
        elements++;
      }
    }
    if (elements) {
      this.subdict(e, n - elements, n);
      if (haveDict) this.addopI(Op.DICT_UPDATE, 1);
      haveDict = true;
    }
    if (!haveDict) this.addopI(Op.BUILD_MAP, 0);
  }

  private subdict(e: ast.Dict, begin: number, end: number): void {
    const n = end - begin;
    const big = n * 2 > STACK_USE_GUIDELINE;
    if (n > 1 && !big && this.allConst(e.keys, begin, end)) {
      for (let i = begin; i < end; i++) this.expr(e.values[i]);
      const keys: PyObject[] = [];
      for (let i = begin; i < end; i++) keys.push(this.constObjs.get(e.keys[i] as ast.Constant)!);
      this.loadConst(constTuple(keys));
      this.addopI(Op.BUILD_CONST_KEY_MAP, n);
      return;
    }
    if (big) this.addopI(Op.BUILD_MAP, 0);
    for (let i = begin; i < end; i++) {
      this.expr(e.keys[i]!);
      this.expr(e.values[i]);
      if (big) this.addopI(Op.MAP_ADD, 1);
    }
    if (!big) this.addopI(Op.BUILD_MAP, n);
  }

  /** @cpython Python/compile.c compiler_call / maybe_optimize_method_call */
  private call(e: ast.Call): void {
    this.validateKeywords(e.keywords);
    if (this.maybeOptimizeMethodCall(e)) return;
    this.setLoc(e.func);
    this.addop(Op.PUSH_NULL);
    this.setLoc(e);
    this.expr(e.func);
    this.callHelper(0, e.args, e.keywords);
  }

  private validateKeywords(keywords: ast.Keyword[]): void {
    for (let i = 0; i < keywords.length; i++) {
      const k = keywords[i];
      if (k.arg === null) continue;
      for (let j = i + 1; j < keywords.length; j++) {
        if (keywords[j].arg === k.arg)
          throw new CompileError(`keyword argument repeated: ${k.arg}`, keywords[j]);
      }
    }
  }

  private maybeOptimizeMethodCall(e: ast.Call): boolean {
    const meth = e.func;
    if (meth._type !== 'Attribute' || meth.ctx !== 'Load') return false;
    if (this.isImportOriginated(meth.value)) return false;
    const argsl = e.args.length;
    const kwdsl = e.keywords.length;
    if (argsl + kwdsl + (kwdsl !== 0 ? 1 : 0) >= STACK_USE_GUIDELINE) return false;
    if (e.args.some((a) => a._type === 'Starred')) return false;
    if (e.keywords.some((k) => k.arg === null)) return false;
    this.expr(meth.value);
    this.setLoc(meth);
    this.updateStartLocationToMatchAttr(meth);
    this.addopI(Op.LOAD_METHOD, this.addName(mangle(this.u.privateName, meth.attr)));
    for (const a of e.args) this.expr(a);
    if (kwdsl) {
      for (const k of e.keywords) this.expr(k.value);
      this.kwNames(e.keywords);
    }
    this.setLoc(e);
    this.updateStartLocationToMatchAttr(meth);
    this.addopI(Op.CALL, argsl + kwdsl);
    return true;
  }

  /** is_import_originated: `mod.f()` on an imported module is not a method call. */
  private isImportOriginated(e: ast.Expr): boolean {
    if (e._type !== 'Name') return false;
    const flags = this.st.top.symbols.get(e.id) ?? 0;
    return (flags & 128) /* DEF_IMPORT */ !== 0;
  }

  private kwNames(keywords: ast.Keyword[]): void {
    this.addopI(Op.KW_NAMES, this.addConst(identifierTuple(keywords.map((k) => k.arg!))));
  }

  /** @cpython Python/compile.c compiler_call_helper */
  private callHelper(n: number, args: ast.Expr[], keywords: ast.Keyword[]): void {
    this.validateKeywords(keywords);
    const nelts = args.length;
    const nkwelts = keywords.length;
    const exCall =
      nelts + nkwelts * 2 > STACK_USE_GUIDELINE ||
      args.some((a) => a._type === 'Starred') ||
      keywords.some((k) => k.arg === null);
    if (!exCall) {
      for (const a of args) this.expr(a);
      if (nkwelts) {
        for (const k of keywords) this.expr(k.value);
        this.kwNames(keywords);
      }
      this.addopI(Op.CALL, n + nelts + nkwelts);
      return;
    }
    if (n === 0 && nelts === 1 && args[0]._type === 'Starred') {
      this.expr((args[0] as ast.Starred).value);
    } else {
      this.starunpackHelper(args, n, Op.BUILD_LIST, Op.LIST_APPEND, Op.LIST_EXTEND, true);
    }
    if (nkwelts) {
      let haveDict = false;
      let nseen = 0;
      for (let i = 0; i < nkwelts; i++) {
        const kw = keywords[i];
        if (kw.arg === null) {
          if (nseen) {
            this.subkwargs(keywords, i - nseen, i);
            if (haveDict) this.addopI(Op.DICT_MERGE, 1);
            haveDict = true;
            nseen = 0;
          }
          if (!haveDict) {
            this.addopI(Op.BUILD_MAP, 0);
            haveDict = true;
          }
          this.expr(kw.value);
          this.addopI(Op.DICT_MERGE, 1);
        } else {
          nseen++;
        }
      }
      if (nseen) {
        this.subkwargs(keywords, nkwelts - nseen, nkwelts);
        if (haveDict) this.addopI(Op.DICT_MERGE, 1);
      }
    }
    this.addopI(Op.CALL_FUNCTION_EX, nkwelts > 0 ? 1 : 0);
  }

  private subkwargs(keywords: ast.Keyword[], begin: number, end: number): void {
    const n = end - begin;
    const big = n * 2 > STACK_USE_GUIDELINE;
    if (n > 1 && !big) {
      for (let i = begin; i < end; i++) this.expr(keywords[i].value);
      this.loadConst(identifierTuple(keywords.slice(begin, end).map((k) => k.arg!)));
      this.addopI(Op.BUILD_CONST_KEY_MAP, n);
      return;
    }
    if (big) this.addopINoline(Op.BUILD_MAP, 0);
    for (let i = begin; i < end; i++) {
      this.loadConst(internFromString(keywords[i].arg!));
      this.expr(keywords[i].value);
      if (big) this.addopINoline(Op.MAP_ADD, 1);
    }
    if (!big) this.addopI(Op.BUILD_MAP, n);
  }

  private joinedStr(e: ast.JoinedStr): void {
    if (e.values.length > STACK_USE_GUIDELINE) {
      this.loadConst(internFromString(''));
      this.addopI(Op.LOAD_METHOD, this.addName('join'));
      this.addopI(Op.BUILD_LIST, 0);
      for (const v of e.values) {
        this.expr(v);
        this.addopI(Op.LIST_APPEND, 1);
      }
      this.addopI(Op.CALL, 1);
      return;
    }
    for (const v of e.values) this.expr(v);
    if (e.values.length !== 1) this.addopI(Op.BUILD_STRING, e.values.length);
  }

  private formattedValue(e: ast.FormattedValue): void {
    this.expr(e.value);
    let oparg: number;
    switch (e.conversion) {
      case 115:
        oparg = FVC.STR;
        break;
      case 114:
        oparg = FVC.REPR;
        break;
      case 97:
        oparg = FVC.ASCII;
        break;
      default:
        oparg = FVC.NONE;
    }
    if (e.format_spec !== null) {
      this.expr(e.format_spec);
      oparg |= FVC.HAVE_SPEC;
    }
    this.addopI(Op.FORMAT_VALUE, oparg);
  }

  private addYieldFrom(): void {
    const start = this.newBlock();
    const resume = this.newBlock();
    const exit = this.newBlock();
    this.useNextBlock(start);
    this.addopJ(Op.SEND, exit);
    this.useNextBlock(resume);
    this.addop(Op.YIELD_VALUE);
    this.addopI(Op.RESUME, 2);
    this.addopJ(Op.JUMP_NO_INTERRUPT, start);
    this.useNextBlock(exit);
  }

  /** @cpython Python/compile.c compiler_lambda */
  private lambda(e: ast.Lambda): void {
    const flags = this.defaultArguments(e.args);
    this.enterScope('<lambda>', 'lambda', e, e.lineno);
    None.refcnt++;
    this.addConst(None);
    this.u.argcount = e.args.args.length;
    this.u.posonlyargcount = e.args.posonlyargs.length;
    this.u.kwonlyargcount = e.args.kwonlyargs.length;
    this.expr(e.body);
    let co: PyCode;
    if (this.u.ste.generator) {
      co = this.assemble(false);
    } else {
      this.addop(Op.RETURN_VALUE);
      co = this.assemble(true);
    }
    const qualname = this.u.qualname;
    this.exitScope();
    this.makeClosure(co, flags, qualname);
  }

  /** @cpython Python/compile.c compiler_comprehension */
  private comprehension(
    e: ast.Expr,
    kind: 'genexpr' | 'listcomp' | 'setcomp' | 'dictcomp',
    name: string,
    generators: ast.Comprehension[],
    elt: ast.Expr,
    val: ast.Expr | null,
  ): void {
    const outermost = generators[0];
    this.enterScope(name, 'comprehension', e, e.lineno);
    this.setLoc(e);
    if (generators.some((g) => g.is_async)) unsupported('asynchronous comprehensions', e);
    if (kind !== 'genexpr') {
      this.addopI(kind === 'listcomp' ? Op.BUILD_LIST : kind === 'setcomp' ? Op.BUILD_SET : Op.BUILD_MAP, 0);
    }
    this.comprehensionGenerator(generators, 0, 0, elt, val, kind);
    if (kind !== 'genexpr') this.addop(Op.RETURN_VALUE);
    const co = this.assemble(true);
    const qualname = this.u.qualname;
    this.exitScope();
    this.makeClosure(co, 0, qualname);
    this.expr(outermost.iter);
    this.addop(Op.GET_ITER);
    this.addopI(Op.CALL, 0);
  }

  private comprehensionGenerator(
    generators: ast.Comprehension[],
    genIndex: number,
    depth: number,
    elt: ast.Expr,
    val: ast.Expr | null,
    kind: string,
  ): void {
    let start: Block | null = this.newBlock();
    const ifCleanup = this.newBlock();
    const anchor = this.newBlock();
    const gen = generators[genIndex];
    if (genIndex === 0) {
      this.u.argcount = 1;
      this.addopI(Op.LOAD_FAST, 0);
    } else {
      const elts = gen.iter._type === 'List' || gen.iter._type === 'Tuple' ? gen.iter.elts : null;
      if (elts !== null && elts.length === 1 && elts[0]._type !== 'Starred') {
        this.expr(elts[0]);
        start = null;
      }
      if (start !== null) {
        this.expr(gen.iter);
        this.addop(Op.GET_ITER);
      }
    }
    if (start !== null) {
      depth++;
      this.useNextBlock(start);
      this.addopJ(Op.FOR_ITER, anchor);
    }
    this.expr(gen.target);
    for (const cond of gen.ifs) this.jumpIf(cond, ifCleanup, false);
    if (++genIndex < generators.length)
      this.comprehensionGenerator(generators, genIndex, depth, elt, val, kind);
    if (genIndex >= generators.length) {
      switch (kind) {
        case 'genexpr':
          this.expr(elt);
          this.addop(Op.YIELD_VALUE);
          this.addopI(Op.RESUME, 1);
          this.addop(Op.POP_TOP);
          break;
        case 'listcomp':
          this.expr(elt);
          this.addopI(Op.LIST_APPEND, depth + 1);
          break;
        case 'setcomp':
          this.expr(elt);
          this.addopI(Op.SET_ADD, depth + 1);
          break;
        case 'dictcomp':
          this.expr(elt);
          this.expr(val!);
          this.addopI(Op.MAP_ADD, depth + 1);
          break;
      }
    }
    this.useNextBlock(ifCleanup);
    if (start !== null) {
      this.addopJ(Op.JUMP, start);
      this.useNextBlock(anchor);
    }
  }

  // ---------------------------------------------------------------- assemble

  /** @cpython Python/compile.c assemble */
  private assemble(addNone: boolean): PyCode {
    const u = this.u;
    if (!u.curblock.isReturn) {
      this.unsetLoc();
      if (addNone) this.loadNone();
      this.addop(Op.RETURN_VALUE);
    }
    for (const b of u.blocks) normalizeBasicBlock(b);
    for (const b of u.blocks) extendBlock(b);
    const entry = u.blocks[u.blocks.length - 1];
    const nlocals = u.varnames.size;
    const ncellvars = u.cellvars.size;
    const nfreevars = u.freevars.size;
    const fixed = this.buildCellFixedOffsets();
    if (!u.firstlineno) {
      const first = entry.instrs[0];
      u.firstlineno = first !== undefined && first.lineno ? first.lineno : 1;
    }
    const flags = this.codeFlags();
    this.insertPrefixInstructions(entry, fixed, nfreevars, flags);
    const numdropped = this.fixCellOffsets(entry, fixed);
    // consts_dict_keys_inorder: the list optimize_cfg works on, freed after makecode.
    const constsList = this.objs.constsList(u.consts);
    const host = {
      constIsTrue: (i: number) => isTrue(u.consts[i]),
      constIsNone: (i: number) => u.consts[i] === None,
      foldTuple: (args: number[]) => {
        // fold_tuple_on_constants: merge_const_one, not the recursive merge.
        const merged = this.cache.mergeOne(constTuple(args.map((i) => u.consts[i])));
        const found = u.constIndex.get(merged);
        if (found !== undefined) {
          decref(merged);
          return found;
        }
        u.consts.push(merged);
        u.constIndex.set(merged, u.consts.length - 1);
        return u.consts.length - 1;
      },
    };
    optimizeCfg(entry, u.blocks, host);
    duplicateExitsWithoutLineno(u.blocks, () => this.newBlock());
    this.trimUnusedConsts(entry);
    propagateLineNumbers(entry);
    guaranteeLinenoForExits(entry, u.firstlineno);
    const maxdepth = stackDepth(entry, u.blocks, u.ste.generator || u.ste.coroutine);
    labelExceptionTargets(entry, u.blocks);
    convertExceptionHandlersToNops(entry);
    for (let b: Block | null = entry; b !== null; b = b.next) cleanBasicBlock(b);
    const asm = layout(entry);
    let codeUnits: number;
    if (this.objs.emulate) {
      // merge_const_one of the exception table, the location table and the bytecode.
      const bytes = assembleBytes(asm, u.firstlineno);
      this.cache.mergeBytes(bytes.exceptiontable);
      this.cache.mergeBytes(bytes.linetable);
      this.cache.mergeBytes(bytes.code);
      codeUnits = bytes.code.length / 2;
    } else {
      codeUnits = codeUnitCount(asm);
    }
    const co = this.makeCode(asm, maxdepth, nlocals + ncellvars + nfreevars - numdropped, flags, codeUnits);
    if (constsList !== null) decref(constsList);
    return co;
  }

  private codeFlags(): number {
    const ste = this.u.ste;
    let flags = 0;
    if (ste.type === 'function') {
      flags |= CodeFlag.NEWLOCALS | CodeFlag.OPTIMIZED;
      if (ste.nested) flags |= CodeFlag.NESTED;
      if (ste.generator && !ste.coroutine) flags |= CodeFlag.GENERATOR;
      const key = ste.key as { args?: ast.Arguments };
      if (key.args?.vararg) flags |= CodeFlag.VARARGS;
      if (key.args?.kwarg) flags |= CodeFlag.VARKEYWORDS;
    }
    return flags;
  }

  private buildCellFixedOffsets(): number[] {
    const u = this.u;
    const nlocals = u.varnames.size;
    const n = u.cellvars.size + u.freevars.size;
    const fixed: number[] = [];
    for (let i = 0; i < n; i++) fixed.push(nlocals + i);
    for (const [name, cellIndex] of u.cellvars) {
      const varIndex = u.varnames.get(name);
      if (varIndex !== undefined) fixed[cellIndex] = varIndex;
    }
    return fixed;
  }

  private insertPrefixInstructions(entry: Block, fixed: number[], nfreevars: number, flags: number): void {
    const u = this.u;
    const mk = (op: Op, arg: number, lineno: number): Instr => ({
      op,
      arg,
      target: null,
      lineno,
      endLineno: lineno,
      col: -1,
      endCol: -1,
      except: null,
    });
    if (flags & CodeFlag.GENERATOR) {
      entry.instrs.unshift(mk(Op.RETURN_GENERATOR, 0, u.firstlineno), mk(Op.POP_TOP, 0, -1));
    }
    const ncellvars = u.cellvars.size;
    if (ncellvars) {
      const nvars = ncellvars + u.varnames.size;
      const sorted = new Array<number>(nvars).fill(0);
      for (let i = 0; i < ncellvars; i++) sorted[fixed[i]] = i + 1;
      let used = 0;
      for (let i = 0; used < ncellvars; i++) {
        const oldindex = sorted[i] - 1;
        if (oldindex === -1) continue;
        entry.instrs.splice(used, 0, mk(Op.MAKE_CELL, oldindex, -1));
        used++;
      }
    }
    if (nfreevars) entry.instrs.unshift(mk(Op.COPY_FREE_VARS, nfreevars, -1));
  }

  private fixCellOffsets(entry: Block, fixed: number[]): number {
    const u = this.u;
    const nlocals = u.varnames.size;
    let numdropped = 0;
    for (let i = 0; i < fixed.length; i++) {
      if (fixed[i] === i + nlocals) fixed[i] -= numdropped;
      else numdropped++;
    }
    for (let b: Block | null = entry; b !== null; b = b.next) {
      for (const ins of b.instrs) {
        switch (ins.op) {
          case Op.MAKE_CELL:
          case Op.LOAD_CLOSURE:
          case Op.LOAD_DEREF:
          case Op.STORE_DEREF:
          case Op.DELETE_DEREF:
          case Op.LOAD_CLASSDEREF:
            ins.arg = fixed[ins.arg];
        }
      }
    }
    // Blocks not reachable by `next` yet (they are all linked here) are covered above.
    return numdropped;
  }

  private trimUnusedConsts(entry: Block): void {
    const u = this.u;
    let max = 0;
    for (let b: Block | null = entry; b !== null; b = b.next) {
      for (const ins of b.instrs) {
        if ((ins.op === Op.LOAD_CONST || ins.op === Op.KW_NAMES) && ins.arg > max) max = ins.arg;
      }
    }
    if (max + 1 < u.consts.length) {
      const removed = u.consts.splice(max + 1);
      for (const o of removed) {
        u.constIndex.delete(o);
        decref(o);
      }
    }
  }

  private makeCode(
    asm: ReturnType<typeof layout>,
    maxdepth: number,
    nlocalsplus: number,
    flags: number,
    codeUnits: number,
  ): PyCode {
    const u = this.u;
    const co = new PyCode();
    co.codeUnits = codeUnits;
    co.ops = asm.ops;
    co.args = asm.args;
    co.lines = asm.lines;
    co.cols = asm.cols;
    co.exceptionTable = asm.exceptionTable;
    co.filename = this.filename;
    co.name = internFromString(u.name);
    co.qualname = internFromString(u.qualname || u.name);
    co.flags = flags;
    co.firstlineno = u.firstlineno;
    co.argcount = u.posonlyargcount + u.argcount;
    co.posonlyargcount = u.posonlyargcount;
    co.kwonlyargcount = u.kwonlyargcount;
    co.stacksize = maxdepth;
    // makecode: each tuple is merged with an equal constant the file already has.
    const coNames = this.cache.mergeOne(newTuple([...u.names.keys()].map((n) => internFromString(n))));
    for (const c of u.consts) c.refcnt++;
    const consts = this.cache.mergeOne(newTuple(u.consts.slice()));
    // compute_localsplus_info
    const names: string[] = new Array(nlocalsplus);
    const kinds: number[] = new Array(nlocalsplus).fill(0);
    for (const [name, i] of u.varnames) {
      names[i] = name;
      kinds[i] = LocalKind.LOCAL;
      if (
        i <
        co.argcount +
          co.kwonlyargcount +
          (flags & CodeFlag.VARARGS ? 1 : 0) +
          (flags & CodeFlag.VARKEYWORDS ? 1 : 0)
      ) {
        kinds[i] |= LocalKind.ARG;
      }
    }
    let numdropped = 0;
    const nlocals = u.varnames.size;
    for (const [name, cellIndex] of [...u.cellvars.entries()].sort((a, b) => a[1] - b[1])) {
      const varIndex = u.varnames.get(name);
      if (varIndex !== undefined) {
        kinds[varIndex] |= LocalKind.CELL;
        numdropped++;
        continue;
      }
      const offset = nlocals + cellIndex - numdropped;
      names[offset] = name;
      kinds[offset] = LocalKind.CELL;
    }
    for (const [name, freeIndex] of u.freevars) {
      const offset = nlocals + freeIndex - numdropped;
      names[offset] = name;
      kinds[offset] = LocalKind.FREE;
    }
    const localsplusnames = this.cache.mergeOne(newTuple(names.map((n) => internFromString(n))));
    // _PyCode_New: intern_strings(names), intern_string_constants(consts).
    co.names = coNames as PyTuple;
    co.consts = consts as PyTuple;
    internStringConstants(co.consts, this.objs.emulate);
    co.localsplusnames = localsplusnames as PyTuple;
    co.localspluskinds = kinds;
    co.nlocals = nlocals;
    co.ncellvars = kinds.filter((k) => (k & LocalKind.CELL) !== 0).length;
    co.nfreevars = u.freevars.size;
    return allocCode(co);
  }
}

function binaryOparg(op: ast.Operator, inplace: boolean): number {
  const base: Record<ast.Operator, number> = {
    Add: NB.ADD,
    Sub: 10,
    Mult: 5,
    MatMult: 4,
    Div: 11,
    Mod: 6,
    Pow: 8,
    LShift: 3,
    RShift: 9,
    BitOr: 7,
    BitXor: 12,
    BitAnd: 1,
    FloorDiv: 2,
  };
  return base[op] + (inplace ? NB.INPLACE_ADD : 0);
}

function findAnn(stmts: ast.Stmt[]): boolean {
  for (const s of stmts) {
    switch (s._type) {
      case 'AnnAssign':
        return true;
      case 'For':
      case 'AsyncFor':
      case 'While':
      case 'If':
        if (findAnn(s.body) || findAnn(s.orelse)) return true;
        break;
      case 'With':
      case 'AsyncWith':
        if (findAnn(s.body)) return true;
        break;
      case 'Try':
      case 'TryStar':
        if (findAnn(s.body) || findAnn(s.orelse) || findAnn(s.finalbody)) return true;
        for (const h of s.handlers) if (findAnn(h.body)) return true;
        break;
      case 'Match':
        for (const c of s.cases) if (findAnn(c.body)) return true;
        break;
    }
  }
  return false;
}

function codePointCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

function locOf(l: Loc): ast.Located {
  return { lineno: l.lineno, col_offset: l.col, end_lineno: l.endLineno, end_col_offset: l.endCol };
}

/** A tuple of interned identifiers (names of keywords, imports, kw-only defaults). */
function identifierTuple(names: string[]): PyTuple {
  return newTuple(names.map((n) => internFromString(n)));
}
