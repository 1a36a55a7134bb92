/**
 * Constant folding on the AST, before compilation: `10 ** 10`, `'a' + 'b'`, tuples of
 * constants, constant subscripts, `not (a in b)`, and literal lists/sets iterated by
 * `for` or tested by `in`. Each folded value is a new object held by the arena.
 * @cpython Python/ast_opt.c (3.11)
 */
import type * as ast from '../syntax/ast';
import { PyObject, decref, type NumberSlot } from '../objects/object';
import { binaryOp, getItem, isTrue, unaryOp } from '../objects/abstract';
import { newBool } from '../objects/boolobject';
import { intBitLength, isInt, type PyLong } from '../objects/longobject';
import { StrType, type PyStr } from '../objects/unicodeobject';
import { BytesType, type PyBytes } from '../objects/bytesobject';
import { TupleType, type PyTuple } from '../objects/tupleobject';
import { isPyException } from '../vm/errors';
import { Arena, type ConstObjects } from './consts';
import { newFrozenSet } from '../objects/setobject';

const MAX_INT_SIZE = 128;
const MAX_COLLECTION_SIZE = 256;
const MAX_STR_SIZE = 4096;
const MAX_TOTAL_ITEMS = 1024;

export class AstOptimizer {
  constructor(
    private readonly consts: ConstObjects,
    private readonly arena: Arena | null,
    private readonly temps: PyObject[],
  ) {}

  private obj(e: ast.Expr): PyObject | null {
    return e._type === 'Constant' ? (this.consts.get(e) ?? null) : null;
  }

  /** make_const: the node becomes a Constant holding `val` (a new reference), or stays. */
  private makeConst(node: ast.Expr, val: PyObject | null): void {
    if (val === null) return;
    if (this.arena !== null) this.arena.add(val);
    else this.temps.push(val);
    const n = node as unknown as Record<string, unknown>;
    const pos = {
      lineno: node.lineno,
      col_offset: node.col_offset,
      end_lineno: node.end_lineno,
      end_col_offset: node.end_col_offset,
    };
    for (const k of Object.keys(n)) delete n[k];
    Object.assign(n, { _type: 'Constant', value: { kind: 'Ellipsis' }, kind: null, ...pos });
    this.consts.set(node as ast.Constant, val);
  }

  /** Runs a Python operation; an exception means "do not fold". */
  private attempt(fn: () => PyObject | null): PyObject | null {
    try {
      return fn();
    } catch (e) {
      if (isPyException(e)) {
        decref(e);
        return null;
      }
      throw e;
    }
  }

  module(m: ast.Module): void {
    this.body(m.body);
  }

  private body(stmts: ast.Stmt[]): void {
    for (const s of stmts) this.stmt(s);
  }

  private stmt(s: ast.Stmt): void {
    switch (s._type) {
      case 'FunctionDef':
      case 'AsyncFunctionDef':
        this.args(s.args);
        this.body(s.body);
        s.decorator_list.forEach((d) => this.expr(d));
        if (s.returns !== null) this.expr(s.returns);
        break;
      case 'ClassDef':
        s.bases.forEach((b) => this.expr(b));
        s.keywords.forEach((k) => this.expr(k.value));
        this.body(s.body);
        s.decorator_list.forEach((d) => this.expr(d));
        break;
      case 'Return':
        if (s.value !== null) this.expr(s.value);
        break;
      case 'Delete':
        s.targets.forEach((t) => this.expr(t));
        break;
      case 'Assign':
        s.targets.forEach((t) => this.expr(t));
        this.expr(s.value);
        break;
      case 'AugAssign':
        this.expr(s.target);
        this.expr(s.value);
        break;
      case 'AnnAssign':
        this.expr(s.target);
        this.expr(s.annotation);
        if (s.value !== null) this.expr(s.value);
        break;
      case 'For':
      case 'AsyncFor':
        this.expr(s.target);
        this.expr(s.iter);
        this.body(s.body);
        this.body(s.orelse);
        this.foldIter(s.iter);
        break;
      case 'While':
      case 'If':
        this.expr(s.test);
        this.body(s.body);
        this.body(s.orelse);
        break;
      case 'With':
      case 'AsyncWith':
        for (const item of s.items) {
          this.expr(item.context_expr);
          if (item.optional_vars !== null) this.expr(item.optional_vars);
        }
        this.body(s.body);
        break;
      case 'Raise':
        if (s.exc !== null) this.expr(s.exc);
        if (s.cause !== null) this.expr(s.cause);
        break;
      case 'Try':
      case 'TryStar':
        this.body(s.body);
        for (const h of s.handlers) {
          if (h.type !== null) this.expr(h.type);
          this.body(h.body);
        }
        this.body(s.orelse);
        this.body(s.finalbody);
        break;
      case 'Assert':
        this.expr(s.test);
        if (s.msg !== null) this.expr(s.msg);
        break;
      case 'Expr':
        this.expr(s.value);
        break;
      case 'Match':
        this.expr(s.subject);
        for (const c of s.cases) {
          if (c.guard !== null) this.expr(c.guard);
          this.body(c.body);
        }
        break;
      default:
        break;
    }
  }

  private args(a: ast.Arguments): void {
    for (const arg of [...a.posonlyargs, ...a.args, ...(a.vararg ? [a.vararg] : []), ...a.kwonlyargs]) {
      if (arg.annotation !== null) this.expr(arg.annotation);
    }
    a.kw_defaults.forEach((d) => d !== null && this.expr(d));
    if (a.kwarg?.annotation) this.expr(a.kwarg.annotation);
    a.defaults.forEach((d) => this.expr(d));
  }

  private comprehension(g: ast.Comprehension): void {
    this.expr(g.target);
    this.expr(g.iter);
    g.ifs.forEach((i) => this.expr(i));
    this.foldIter(g.iter);
  }

  expr(e: ast.Expr): void {
    switch (e._type) {
      case 'BoolOp':
        e.values.forEach((v) => this.expr(v));
        break;
      case 'BinOp':
        this.expr(e.left);
        this.expr(e.right);
        this.foldBinop(e);
        break;
      case 'UnaryOp':
        this.expr(e.operand);
        this.foldUnaryop(e);
        break;
      case 'Lambda':
        this.args(e.args);
        this.expr(e.body);
        break;
      case 'IfExp':
        this.expr(e.test);
        this.expr(e.body);
        this.expr(e.orelse);
        break;
      case 'Dict':
        e.keys.forEach((k) => k !== null && this.expr(k));
        e.values.forEach((v) => this.expr(v));
        break;
      case 'Set':
        e.elts.forEach((v) => this.expr(v));
        break;
      case 'ListComp':
      case 'SetComp':
      case 'GeneratorExp':
        this.expr(e.elt);
        e.generators.forEach((g) => this.comprehension(g));
        break;
      case 'DictComp':
        this.expr(e.key);
        this.expr(e.value);
        e.generators.forEach((g) => this.comprehension(g));
        break;
      case 'Await':
      case 'YieldFrom':
        this.expr(e.value);
        break;
      case 'Yield':
        if (e.value !== null) this.expr(e.value);
        break;
      case 'Compare':
        this.expr(e.left);
        e.comparators.forEach((c) => this.expr(c));
        this.foldCompare(e);
        break;
      case 'Call':
        this.expr(e.func);
        e.args.forEach((a) => this.expr(a));
        e.keywords.forEach((k) => this.expr(k.value));
        break;
      case 'FormattedValue':
        this.expr(e.value);
        if (e.format_spec !== null) this.expr(e.format_spec);
        break;
      case 'JoinedStr':
        e.values.forEach((v) => this.expr(v));
        break;
      case 'Attribute':
        this.expr(e.value);
        break;
      case 'Subscript':
        this.expr(e.value);
        this.expr(e.slice);
        this.foldSubscr(e);
        break;
      case 'Starred':
        this.expr(e.value);
        break;
      case 'Slice':
        if (e.lower !== null) this.expr(e.lower);
        if (e.upper !== null) this.expr(e.upper);
        if (e.step !== null) this.expr(e.step);
        break;
      case 'List':
        e.elts.forEach((v) => this.expr(v));
        break;
      case 'Tuple':
        e.elts.forEach((v) => this.expr(v));
        if (e._type === 'Tuple') this.foldTuple(e);
        break;
      case 'Name':
        if (e.ctx === 'Load' && e.id === '__debug__') this.makeConst(e, newBool(true));
        break;
      case 'NamedExpr':
        this.expr(e.value);
        break;
      default:
        break;
    }
  }

  private foldUnaryop(node: ast.UnaryOp): void {
    const arg = node.operand;
    const v = this.obj(arg);
    if (v === null) {
      if (node.op === 'Not' && arg._type === 'Compare' && arg.ops.length === 1) {
        const inverse: Partial<Record<ast.CmpOperator, ast.CmpOperator>> = {
          Is: 'IsNot',
          IsNot: 'Is',
          In: 'NotIn',
          NotIn: 'In',
        };
        const op = inverse[arg.ops[0]];
        if (op !== undefined) {
          arg.ops[0] = op;
          const n = node as unknown as Record<string, unknown>;
          for (const k of Object.keys(n)) delete n[k];
          Object.assign(n, arg);
        }
      }
      return;
    }
    this.makeConst(
      node,
      this.attempt(() => {
        switch (node.op) {
          case 'Invert':
            return unaryOp(v, 'nb_invert', '~');
          case 'Not':
            return newBool(!isTrue(v));
          case 'UAdd':
            return unaryOp(v, 'nb_positive', 'unary +');
          case 'USub':
            return unaryOp(v, 'nb_negative', 'unary -');
        }
      }),
    );
  }

  private foldBinop(node: ast.BinOp): void {
    const lv = this.obj(node.left);
    const rv = this.obj(node.right);
    if (lv === null || rv === null) return;
    const slots: Record<ast.Operator, NumberSlot | null> = {
      Add: 'nb_add',
      Sub: 'nb_subtract',
      Mult: 'nb_multiply',
      MatMult: null,
      Div: 'nb_true_divide',
      Mod: 'nb_remainder',
      Pow: 'nb_power',
      LShift: 'nb_lshift',
      RShift: 'nb_rshift',
      BitOr: 'nb_or',
      BitXor: 'nb_xor',
      BitAnd: 'nb_and',
      FloorDiv: 'nb_floor_divide',
    };
    const slot = slots[node.op];
    if (slot === null) return;
    if (!this.safe(node.op, lv, rv)) return;
    this.makeConst(
      node,
      this.attempt(() => binaryOp(lv, rv, slot)),
    );
  }

  /** safe_multiply / safe_power / safe_lshift / safe_mod limits. */
  private safe(op: ast.Operator, v: PyObject, w: PyObject): boolean {
    const isIntObj = (o: PyObject) => isInt(o);
    const bits = (o: PyObject) => intBitLength((o as PyLong).value);
    const nonzero = (o: PyObject) => bits(o) > 0;
    const seqSize = (o: PyObject): number | null => {
      if (o.type === TupleType) return (o as PyTuple).items.length;
      if (o.type === StrType) return (o as PyStr).length;
      if (o.type === BytesType) return (o as PyBytes).bytes.length;
      return null;
    };
    switch (op) {
      case 'Mult': {
        if (isIntObj(v) && isIntObj(w))
          return !(nonzero(v) && nonzero(w) && bits(v) + bits(w) > MAX_INT_SIZE);
        const [n, seq] = isIntObj(v) ? [v, w] : isIntObj(w) ? [w, v] : [null, null];
        if (n === null || seq === null) return true;
        const size = seqSize(seq);
        if (size === null || size === 0) return true;
        const count = Number((n as PyLong).value);
        const limit = seq.type === TupleType ? MAX_COLLECTION_SIZE : MAX_STR_SIZE;
        if (count < 0 || count > limit / size) return false;
        if (seq.type === TupleType && count > 0 && size * count > MAX_TOTAL_ITEMS) return false;
        return true;
      }
      case 'Pow':
        if (isIntObj(v) && isIntObj(w) && nonzero(v) && Number((w as PyLong).value) > 0) {
          return bits(v) <= MAX_INT_SIZE / Number((w as PyLong).value);
        }
        return true;
      case 'LShift':
        if (isIntObj(v) && isIntObj(w) && nonzero(v) && nonzero(w)) {
          const wbits = Number((w as PyLong).value);
          return !(wbits > MAX_INT_SIZE || bits(v) > MAX_INT_SIZE - wbits);
        }
        return true;
      case 'Mod':
        return v.type !== StrType && v.type !== BytesType;
      default:
        return true;
    }
  }

  private foldTuple(node: ast.ListExpr): void {
    if (node.ctx !== 'Load') return;
    this.makeConst(node, this.constTuple(node.elts));
  }

  private constTuple(elts: ast.Expr[]): PyObject | null {
    const objs: PyObject[] = [];
    for (const e of elts) {
      const o = this.obj(e);
      if (o === null) return null;
      objs.push(o);
    }
    for (const o of objs) o.refcnt++;
    return newTupleLate(objs);
  }

  private foldSubscr(node: ast.Subscript): void {
    if (node.ctx !== 'Load') return;
    const arg = this.obj(node.value);
    const idx = this.obj(node.slice);
    if (arg === null || idx === null) return;
    this.makeConst(
      node,
      this.attempt(() => getItem(arg, idx)),
    );
  }

  private foldIter(arg: ast.Expr): void {
    if (arg._type === 'List') {
      if (arg.elts.some((e) => e._type === 'Starred')) return;
      (arg as { _type: string })._type = 'Tuple';
      this.makeConst(arg, this.constTuple(arg.elts));
    } else if (arg._type === 'Set') {
      const t = this.constTuple(arg.elts);
      if (t === null) return;
      // PyFrozenSet_New(tuple) iterates the tuple (a tuple iterator is made and freed).
      const fs = this.attempt(() => newFrozenSet(t));
      decref(t);
      this.makeConst(arg, fs);
    }
  }

  private foldCompare(node: ast.Compare): void {
    const i = node.ops.length - 1;
    const op = node.ops[i];
    if (op === 'In' || op === 'NotIn') this.foldIter(node.comparators[i]);
  }
}

import { newTuple } from '../objects/tupleobject';
const newTupleLate = (items: PyObject[]) => newTuple(items);
