/**
 * The symbol table: which names are local, global, free or cell in each scope.
 * @cpython Python/symtable.c (3.11)
 */
import type * as ast from '../syntax/ast';
import { CompileError } from './errors';
import type { CompilerObjects } from './compilerobjects';

export const enum Def {
  GLOBAL = 1,
  LOCAL = 2,
  PARAM = 4,
  NONLOCAL = 8,
  USE = 16,
  FREE = 32,
  FREE_CLASS = 64,
  IMPORT = 128,
  ANNOT = 256,
  COMP_ITER = 512,
  BOUND = LOCAL | PARAM | IMPORT,
}

export const enum Scope {
  NONE = 0,
  LOCAL = 1,
  GLOBAL_EXPLICIT = 2,
  GLOBAL_IMPLICIT = 3,
  FREE = 4,
  CELL = 5,
}

export type BlockType = 'function' | 'class' | 'module';

export class SymbolTableEntry {
  /** name → flags, in order of first mention. */
  readonly symbols = new Map<string, number>();
  /** name → scope after analysis. */
  readonly scopes = new Map<string, Scope>();
  readonly varnames: string[] = [];
  readonly children: SymbolTableEntry[] = [];
  generator = false;
  coroutine = false;
  nested: boolean;
  free = false;
  childFree = false;
  needsClassClosure = false;
  compIterTarget = false;
  isComprehension = false;
  /** ste_directives: where each global/nonlocal name (mangled) was first declared. */
  readonly directives = new Map<string, ast.Located>();
  constructor(
    readonly name: string,
    readonly type: BlockType,
    readonly key: object,
    readonly lineno: number,
    parent: SymbolTableEntry | null,
  ) {
    this.nested = parent !== null && (parent.nested || parent.type === 'function');
  }
  getScope(name: string): Scope {
    return this.scopes.get(name) ?? Scope.NONE;
  }
}

/** _Py_Mangle: `__x` inside class C becomes `_C__x`. */
export function mangle(privateName: string | null, name: string): string {
  if (privateName === null || !name.startsWith('__') || name.endsWith('__') || name.includes('.'))
    return name;
  const stripped = privateName.replace(/^_+/, '');
  if (stripped === '') return name;
  return `_${stripped}${name}`;
}

export class SymbolTable {
  readonly entries = new Map<object, SymbolTableEntry>();
  top!: SymbolTableEntry;
  private cur!: SymbolTableEntry;
  private readonly stack: SymbolTableEntry[] = [];
  private privateName: string | null = null;
  /** The objects CPython's symbol table allocates (main file only). */
  private objs: CompilerObjects | null = null;

  /** `objs`: where to make the Python objects CPython's symtable.c makes along the way. */
  static build(mod: ast.Module, objs: CompilerObjects | null = null): SymbolTable {
    const st = new SymbolTable();
    st.objs = objs;
    objs?.symtableNew();
    st.enter('top', 'module', mod, 0);
    st.top = st.cur;
    for (const s of mod.body) st.visitStmt(s);
    st.exit();
    st.analyze();
    objs?.analyze(st.top);
    return st;
  }

  lookup(key: object): SymbolTableEntry {
    const e = this.entries.get(key);
    if (e === undefined) throw new Error('no symbol table entry');
    return e;
  }

  // ---------------------------------------------------------------- building

  private enter(name: string, type: BlockType, key: object, lineno: number): void {
    const parent = this.stack.length > 0 ? this.cur : null;
    const e = new SymbolTableEntry(name, type, key, lineno, parent);
    this.objs?.entryNew(e);
    this.entries.set(key, e);
    if (parent !== null) parent.children.push(e);
    this.stack.push(e);
    this.cur = e;
  }

  private exit(): void {
    this.stack.pop();
    this.cur = this.stack[this.stack.length - 1];
  }

  private addDef(name: string, flag: number, loc?: ast.Located): void {
    this.addDefIn(this.cur, name, flag, loc);
  }

  private addDefIn(ste: SymbolTableEntry, name: string, flag: number, loc?: ast.Located): void {
    const mangled = mangle(this.privateName, name);
    let val = ste.symbols.get(mangled) ?? 0;
    if (flag & Def.PARAM && val & Def.PARAM) {
      throw new CompileError(`duplicate argument '${name}' in function definition`, loc);
    }
    val |= flag;
    if (ste.compIterTarget) {
      if (val & (Def.GLOBAL | Def.NONLOCAL)) {
        throw new CompileError(
          `comprehension inner loop cannot rebind assignment expression target '${name}'`,
          loc,
        );
      }
      val |= Def.COMP_ITER;
    }
    ste.symbols.set(mangled, val);
    if (flag & Def.PARAM) ste.varnames.push(mangled);
    else if (flag & Def.GLOBAL) {
      const g = this.top.symbols.get(mangled) ?? 0;
      this.top.symbols.set(mangled, g | flag);
    }
  }

  private visitStmts(body: ast.Stmt[]): void {
    for (const s of body) this.visitStmt(s);
  }

  private visitStmt(s: ast.Stmt): void {
    switch (s._type) {
      case 'FunctionDef':
      case 'AsyncFunctionDef': {
        this.addDef(s.name, Def.LOCAL, s);
        this.visitArgDefaults(s.args);
        this.visitAnnotations(s.args, s.returns);
        for (const d of s.decorator_list) this.visitExpr(d);
        const firstLine = s.decorator_list.length > 0 ? s.decorator_list[0].lineno : s.lineno;
        this.enter(s.name, 'function', s, firstLine);
        if (s._type === 'AsyncFunctionDef') this.cur.coroutine = true;
        this.visitParams(s.args);
        this.visitStmts(s.body);
        this.exit();
        break;
      }
      case 'ClassDef': {
        this.addDef(s.name, Def.LOCAL, s);
        for (const b of s.bases) this.visitExpr(b);
        for (const k of s.keywords) this.visitExpr(k.value);
        for (const d of s.decorator_list) this.visitExpr(d);
        const firstLine = s.decorator_list.length > 0 ? s.decorator_list[0].lineno : s.lineno;
        this.enter(s.name, 'class', s, firstLine);
        const saved = this.privateName;
        this.privateName = s.name;
        this.visitStmts(s.body);
        this.privateName = saved;
        this.exit();
        break;
      }
      case 'Return':
        if (s.value !== null) this.visitExpr(s.value);
        break;
      case 'Delete':
        for (const t of s.targets) this.visitExpr(t);
        break;
      case 'Assign':
        for (const t of s.targets) this.visitExpr(t);
        this.visitExpr(s.value);
        break;
      case 'AnnAssign':
        if (s.target._type === 'Name') {
          const cur = this.cur.symbols.get(mangle(this.privateName, s.target.id)) ?? 0;
          if (cur & (Def.GLOBAL | Def.NONLOCAL) && this.cur.symbols.has(s.target.id) && s.simple) {
            throw new CompileError(
              `annotated name '${s.target.id}' can't be ${cur & Def.GLOBAL ? 'global' : 'nonlocal'}`,
              s,
            );
          }
          if (s.simple) this.addDef(s.target.id, Def.ANNOT | Def.LOCAL, s);
          else if (s.value !== null) this.addDef(s.target.id, Def.LOCAL, s);
        } else {
          this.visitExpr(s.target);
        }
        this.visitExpr(s.annotation);
        if (s.value !== null) this.visitExpr(s.value);
        break;
      case 'AugAssign':
        this.visitExpr(s.target);
        this.visitExpr(s.value);
        break;
      case 'For':
      case 'AsyncFor':
        this.visitExpr(s.target);
        this.visitExpr(s.iter);
        this.visitStmts(s.body);
        this.visitStmts(s.orelse);
        break;
      case 'While':
        this.visitExpr(s.test);
        this.visitStmts(s.body);
        this.visitStmts(s.orelse);
        break;
      case 'If':
        this.visitExpr(s.test);
        this.visitStmts(s.body);
        this.visitStmts(s.orelse);
        break;
      case 'Match':
        this.visitExpr(s.subject);
        for (const c of s.cases) {
          this.visitPattern(c.pattern);
          if (c.guard !== null) this.visitExpr(c.guard);
          this.visitStmts(c.body);
        }
        break;
      case 'Raise':
        if (s.exc !== null) {
          this.visitExpr(s.exc);
          if (s.cause !== null) this.visitExpr(s.cause);
        }
        break;
      case 'Try':
      case 'TryStar':
        this.visitStmts(s.body);
        this.visitStmts(s.orelse);
        for (const h of s.handlers) {
          if (h.type !== null) this.visitExpr(h.type);
          if (h.name !== null) this.addDef(h.name, Def.LOCAL, h);
          this.visitStmts(h.body);
        }
        this.visitStmts(s.finalbody);
        break;
      case 'Assert':
        this.visitExpr(s.test);
        if (s.msg !== null) this.visitExpr(s.msg);
        break;
      case 'Import':
      case 'ImportFrom':
        for (const a of s.names) {
          const stored = a.asname ?? a.name.split('.')[0];
          if (stored === '*') {
            if (this.cur.type !== 'module')
              throw new CompileError('import * only allowed at module level', s);
            continue;
          }
          this.addDef(stored, Def.IMPORT, a);
        }
        break;
      case 'Global':
      case 'Nonlocal': {
        const isGlobal = s._type === 'Global';
        for (const name of s.names) {
          const cur = this.cur.symbols.get(mangle(this.privateName, name)) ?? 0;
          if (cur & (Def.PARAM | Def.LOCAL | Def.USE | Def.ANNOT)) {
            const kind = isGlobal ? 'global' : 'nonlocal';
            throw new CompileError(
              cur & Def.PARAM
                ? `name '${name}' is parameter and ${kind}`
                : cur & Def.USE
                  ? `name '${name}' is used prior to ${kind} declaration`
                  : cur & Def.ANNOT
                    ? `annotated name '${name}' can't be ${kind}`
                    : `name '${name}' is assigned to before ${kind} declaration`,
              s,
            );
          }
          if (!isGlobal && this.cur.type === 'module') {
            throw new CompileError('nonlocal declaration not allowed at module level', s);
          }
          this.addDef(name, isGlobal ? Def.GLOBAL : Def.NONLOCAL, s);
          this.recordDirective(name, s);
        }
        break;
      }
      case 'Expr':
        this.visitExpr(s.value);
        break;
      case 'With':
      case 'AsyncWith':
        for (const item of s.items) {
          this.visitExpr(item.context_expr);
          if (item.optional_vars !== null) this.visitExpr(item.optional_vars);
        }
        this.visitStmts(s.body);
        break;
      case 'Pass':
      case 'Break':
      case 'Continue':
        break;
    }
  }

  private visitPattern(p: ast.Pattern): void {
    switch (p._type) {
      case 'MatchValue':
        this.visitExpr(p.value);
        break;
      case 'MatchSingleton':
        break;
      case 'MatchSequence':
        for (const x of p.patterns) this.visitPattern(x);
        break;
      case 'MatchStar':
        if (p.name !== null) this.addDef(p.name, Def.LOCAL, p);
        break;
      case 'MatchMapping':
        for (const k of p.keys) this.visitExpr(k);
        for (const x of p.patterns) this.visitPattern(x);
        if (p.rest !== null) this.addDef(p.rest, Def.LOCAL, p);
        break;
      case 'MatchClass':
        this.visitExpr(p.cls);
        for (const x of p.patterns) this.visitPattern(x);
        for (const x of p.kwd_patterns) this.visitPattern(x);
        break;
      case 'MatchAs':
        if (p.pattern !== null) this.visitPattern(p.pattern);
        if (p.name !== null) this.addDef(p.name, Def.LOCAL, p);
        break;
      case 'MatchOr':
        for (const x of p.patterns) this.visitPattern(x);
        break;
    }
  }

  private visitArgDefaults(a: ast.Arguments): void {
    for (const d of a.defaults) this.visitExpr(d);
    for (const d of a.kw_defaults) if (d !== null) this.visitExpr(d);
  }

  private visitAnnotations(a: ast.Arguments, returns: ast.Expr | null): void {
    for (const arg of [...a.posonlyargs, ...a.args, ...a.kwonlyargs]) {
      if (arg.annotation !== null) this.visitExpr(arg.annotation);
    }
    if (a.vararg?.annotation) this.visitExpr(a.vararg.annotation);
    if (a.kwarg?.annotation) this.visitExpr(a.kwarg.annotation);
    if (returns !== null) this.visitExpr(returns);
  }

  private visitParams(a: ast.Arguments): void {
    for (const arg of [...a.posonlyargs, ...a.args, ...a.kwonlyargs]) this.addDef(arg.arg, Def.PARAM, arg);
    if (a.vararg !== null) this.addDef(a.vararg.arg, Def.PARAM, a.vararg);
    if (a.kwarg !== null) this.addDef(a.kwarg.arg, Def.PARAM, a.kwarg);
  }

  private visitExpr(e: ast.Expr): void {
    switch (e._type) {
      case 'NamedExpr':
        this.visitNamedExpr(e);
        break;
      case 'BoolOp':
        for (const v of e.values) this.visitExpr(v);
        break;
      case 'BinOp':
        this.visitExpr(e.left);
        this.visitExpr(e.right);
        break;
      case 'UnaryOp':
        this.visitExpr(e.operand);
        break;
      case 'Lambda':
        this.visitArgDefaults(e.args);
        this.enter('lambda', 'function', e, e.lineno);
        this.visitParams(e.args);
        this.visitExpr(e.body);
        this.exit();
        break;
      case 'IfExp':
        this.visitExpr(e.test);
        this.visitExpr(e.body);
        this.visitExpr(e.orelse);
        break;
      case 'Dict':
        for (const k of e.keys) if (k !== null) this.visitExpr(k);
        for (const v of e.values) this.visitExpr(v);
        break;
      case 'Set':
        for (const v of e.elts) this.visitExpr(v);
        break;
      case 'GeneratorExp':
        this.visitComprehension(e, 'genexpr', e.generators, e.elt, null);
        break;
      case 'ListComp':
        this.visitComprehension(e, 'listcomp', e.generators, e.elt, null);
        break;
      case 'SetComp':
        this.visitComprehension(e, 'setcomp', e.generators, e.elt, null);
        break;
      case 'DictComp':
        this.visitComprehension(e, 'dictcomp', e.generators, e.key, e.value);
        break;
      case 'Yield':
        if (e.value !== null) this.visitExpr(e.value);
        this.markGenerator(e);
        break;
      case 'YieldFrom':
        this.visitExpr(e.value);
        this.markGenerator(e);
        break;
      case 'Await':
        this.visitExpr(e.value);
        this.cur.coroutine = true;
        break;
      case 'Compare':
        this.visitExpr(e.left);
        for (const c of e.comparators) this.visitExpr(c);
        break;
      case 'Call':
        this.visitExpr(e.func);
        for (const a of e.args) this.visitExpr(a);
        for (const k of e.keywords) this.visitExpr(k.value);
        break;
      case 'FormattedValue':
        this.visitExpr(e.value);
        if (e.format_spec !== null) this.visitExpr(e.format_spec);
        break;
      case 'JoinedStr':
        for (const v of e.values) this.visitExpr(v);
        break;
      case 'Constant':
        break;
      case 'Attribute':
        this.visitExpr(e.value);
        break;
      case 'Subscript':
        this.visitExpr(e.value);
        this.visitExpr(e.slice);
        break;
      case 'Starred':
        this.visitExpr(e.value);
        break;
      case 'Slice':
        if (e.lower !== null) this.visitExpr(e.lower);
        if (e.upper !== null) this.visitExpr(e.upper);
        if (e.step !== null) this.visitExpr(e.step);
        break;
      case 'Name':
        this.addDef(e.id, e.ctx === 'Load' ? Def.USE : Def.LOCAL, e);
        // super() in a function counts as a use of __class__ (for the implicit cell).
        if (e.ctx === 'Load' && this.cur.type === 'function' && e.id === 'super')
          this.addDef('__class__', Def.USE, e);
        break;
      case 'List':
      case 'Tuple':
        for (const v of e.elts) this.visitExpr(v);
        break;
    }
  }

  private markGenerator(e: ast.Located): void {
    if (this.cur.isComprehension) {
      throw new CompileError(
        "'yield' inside " +
          this.cur.name
            .replace(/^</, '')
            .replace(/>$/, '')
            .replace('comp', ' comprehension')
            .replace('genexpr', 'generator expression'),
        e,
      );
    }
    this.cur.generator = true;
  }

  private visitNamedExpr(e: ast.NamedExpr): void {
    this.visitExpr(e.value);
    // The target binds in the nearest enclosing scope that is not a comprehension.
    if (this.cur.isComprehension) {
      for (let i = this.stack.length - 1; i >= 0; i--) {
        const ste = this.stack[i];
        if (ste.isComprehension) {
          const flags = ste.symbols.get(e.target.id) ?? 0;
          if (flags & Def.COMP_ITER) {
            throw new CompileError(
              `assignment expression cannot rebind comprehension iteration variable '${e.target.id}'`,
              e,
            );
          }
          continue;
        }
        if (ste.type === 'function') {
          const inScope = ste.symbols.get(e.target.id) ?? 0;
          this.addDef(e.target.id, inScope & Def.GLOBAL ? Def.GLOBAL : Def.NONLOCAL, e);
          this.recordDirective(e.target.id, e.target);
          this.addDefIn(ste, e.target.id, Def.LOCAL, e);
        } else if (ste.type === 'module') {
          this.addDef(e.target.id, Def.GLOBAL, e);
          this.recordDirective(e.target.id, e.target);
          this.addDefIn(ste, e.target.id, Def.GLOBAL, e);
        } else {
          throw new CompileError(
            'assignment expression within a comprehension cannot be used in a class body',
            e,
          );
        }
        return;
      }
    }
    this.visitExpr(e.target);
  }

  private visitComprehension(
    e: ast.Expr,
    kind: string,
    generators: ast.Comprehension[],
    elt: ast.Expr,
    value: ast.Expr | null,
  ): void {
    const outermost = generators[0];
    this.visitExpr(outermost.iter);
    this.enter(`<${kind}>`, 'function', e, e.lineno);
    this.cur.isComprehension = true;
    if (kind === 'genexpr') this.cur.generator = true;
    this.addDef('.0', Def.PARAM, e);
    this.cur.compIterTarget = true;
    this.visitExpr(outermost.target);
    this.cur.compIterTarget = false;
    for (const cond of outermost.ifs) this.visitExpr(cond);
    for (const g of generators.slice(1)) {
      this.cur.compIterTarget = true;
      this.visitExpr(g.target);
      this.cur.compIterTarget = false;
      this.visitExpr(g.iter);
      for (const cond of g.ifs) this.visitExpr(cond);
    }
    if (value !== null) this.visitExpr(value);
    this.visitExpr(elt);
    this.exit();
  }

  // --------------------------------------------------------------- analysis

  private analyze(): void {
    this.analyzeBlock(this.top, null, new Set(), new Set());
  }

  /** @cpython Python/symtable.c analyze_block */
  private analyzeBlock(
    ste: SymbolTableEntry,
    bound: Set<string> | null,
    free: Set<string>,
    global: Set<string>,
  ): void {
    const local = new Set<string>();
    const scopes = ste.scopes;
    const newglobal = new Set<string>();
    const newfree = new Set<string>();
    const newbound = new Set<string>();
    if (ste.type === 'class') {
      for (const g of global) newglobal.add(g);
      if (bound !== null) for (const b of bound) newbound.add(b);
    }
    for (const [name, flags] of ste.symbols)
      this.analyzeName(ste, scopes, name, flags, bound, local, free, global);
    if (ste.type !== 'class') {
      if (ste.type === 'function') for (const l of local) newbound.add(l);
      if (bound !== null) for (const b of bound) newbound.add(b);
      for (const g of global) newglobal.add(g);
    } else {
      newbound.add('__class__');
    }
    const allfree = new Set<string>();
    for (const child of ste.children) {
      const tempBound = new Set(newbound);
      const tempFree = new Set(newfree);
      const tempGlobal = new Set(newglobal);
      this.analyzeBlock(child, tempBound, tempFree, tempGlobal);
      for (const f of tempFree) allfree.add(f);
      if (child.free || child.childFree) ste.childFree = true;
    }
    for (const f of allfree) newfree.add(f);
    if (ste.type === 'function') {
      for (const [name, scope] of scopes) {
        if (scope === Scope.LOCAL && newfree.has(name)) {
          scopes.set(name, Scope.CELL);
          newfree.delete(name);
        }
      }
    } else if (ste.type === 'class') {
      if (newfree.delete('__class__')) ste.needsClassClosure = true;
    }
    // update_symbols: record free names from children.
    for (const name of newfree) {
      const v = ste.symbols.get(name);
      if (v !== undefined) {
        if (ste.type === 'class' && v & (Def.BOUND | Def.GLOBAL)) ste.symbols.set(name, v | Def.FREE_CLASS);
        continue;
      }
      if (bound !== null && !bound.has(name)) continue;
      ste.symbols.set(name, Def.FREE);
      scopes.set(name, Scope.FREE);
    }
    for (const f of newfree) free.add(f);
  }

  /** symtable_record_directive: error_at_directive reports the first one of a name. */
  private recordDirective(name: string, loc: ast.Located): void {
    const mangled = mangle(this.privateName, name);
    if (!this.cur.directives.has(mangled)) this.cur.directives.set(mangled, loc);
    this.objs?.directive(this.cur, name, loc);
  }

  /** @cpython Python/symtable.c analyze_name */
  private analyzeName(
    ste: SymbolTableEntry,
    scopes: Map<string, Scope>,
    name: string,
    flags: number,
    bound: Set<string> | null,
    local: Set<string>,
    free: Set<string>,
    global: Set<string>,
  ): void {
    if (flags & Def.GLOBAL) {
      if (flags & Def.NONLOCAL) {
        throw new CompileError(`name '${name}' is nonlocal and global`, ste.directives.get(name));
      }
      scopes.set(name, Scope.GLOBAL_EXPLICIT);
      global.add(name);
      bound?.delete(name);
      return;
    }
    if (flags & Def.NONLOCAL) {
      if (bound === null) {
        throw new CompileError('nonlocal declaration not allowed at module level', ste.directives.get(name));
      }
      if (!bound.has(name)) {
        throw new CompileError(`no binding for nonlocal '${name}' found`, ste.directives.get(name));
      }
      scopes.set(name, Scope.FREE);
      ste.free = true;
      free.add(name);
      return;
    }
    if (flags & Def.BOUND) {
      scopes.set(name, Scope.LOCAL);
      local.add(name);
      global.delete(name);
      return;
    }
    if (bound !== null && bound.has(name)) {
      scopes.set(name, Scope.FREE);
      ste.free = true;
      free.add(name);
      return;
    }
    if (global.has(name)) {
      scopes.set(name, Scope.GLOBAL_IMPLICIT);
      return;
    }
    if (ste.nested) ste.free = true;
    scopes.set(name, Scope.GLOBAL_IMPLICIT);
  }
}
