/**
 * Assignment, deletion and loop targets. Lezer parses a target as any
 * expression; CPython only accepts names, attributes, subscripts and (starred)
 * tuples/lists of them, sets their ctx to Store or Del
 * (@cpython Parser/action_helpers.c _PyPegen_set_expr_context), and names the
 * first offender in its error (_PyPegen_get_invalid_target, _PyPegen_get_expr_name).
 */

import type { Expr, ExprContext } from './ast';
import type { Context } from './context';

export type TargetKind = 'assign' | 'for' | 'del' | 'with';

/** @cpython Parser/action_helpers.c _PyPegen_get_expr_name */
export function exprName(e: Expr): string {
  switch (e._type) {
    case 'Attribute':
      return 'attribute';
    case 'Subscript':
      return 'subscript';
    case 'Starred':
      return 'starred';
    case 'Name':
      return 'name';
    case 'List':
      return 'list';
    case 'Tuple':
      return 'tuple';
    case 'Lambda':
      return 'lambda';
    case 'Call':
      return 'function call';
    case 'BoolOp':
    case 'BinOp':
    case 'UnaryOp':
      return 'expression';
    case 'GeneratorExp':
      return 'generator expression';
    case 'Yield':
    case 'YieldFrom':
      return 'yield expression';
    case 'Await':
      return 'await expression';
    case 'ListComp':
      return 'list comprehension';
    case 'SetComp':
      return 'set comprehension';
    case 'DictComp':
      return 'dict comprehension';
    case 'Dict':
      return 'dict literal';
    case 'Set':
      return 'set display';
    case 'JoinedStr':
    case 'FormattedValue':
      return 'f-string expression';
    case 'Constant':
      return constantName(e.value.kind, e.value);
    case 'Compare':
      return 'comparison';
    case 'IfExp':
      return 'conditional expression';
    case 'NamedExpr':
      return 'named expression';
    default:
      return e._type;
  }
}

function constantName(kind: string, value: Extract<Expr, { _type: 'Constant' }>['value']): string {
  if (kind === 'None') return 'None';
  if (kind === 'Ellipsis') return 'ellipsis';
  if (value.kind === 'bool') return value.value ? 'True' : 'False';
  return 'literal';
}

/** @cpython Parser/action_helpers.c _PyPegen_get_invalid_target */
export function invalidTarget(e: Expr, kind: TargetKind): Expr | null {
  switch (e._type) {
    case 'List':
    case 'Tuple':
      for (const elt of e.elts) {
        const bad = invalidTarget(elt, kind);
        if (bad) return bad;
      }
      return null;
    case 'Starred':
      return kind === 'del' ? e : invalidTarget(e.value, kind);
    case 'Compare':
      if (kind === 'for') return e.ops[0] === 'In' ? invalidTarget(e.left, kind) : null;
      return e;
    case 'Name':
    case 'Subscript':
    case 'Attribute':
      return null;
    default:
      return e;
  }
}

/** Validates a target and gives it (and its elements) the context. */
export function toTarget(cx: Context, e: Expr, ctx: ExprContext, kind: TargetKind): Expr {
  const bad = invalidTarget(e, kind);
  if (bad) {
    const verb = kind === 'del' ? 'delete' : 'assign to';
    throw cx.fail(`cannot ${verb} ${exprName(bad)}`, ...range(cx, bad));
  }
  setContext(e, ctx);
  return e;
}

/** @cpython Parser/action_helpers.c _PyPegen_set_expr_context */
export function setContext(e: Expr, ctx: ExprContext): void {
  switch (e._type) {
    case 'Name':
    case 'Attribute':
    case 'Subscript':
      e.ctx = ctx;
      break;
    case 'Starred':
      e.ctx = ctx;
      setContext(e.value, ctx);
      break;
    case 'List':
    case 'Tuple':
      e.ctx = ctx;
      for (const elt of e.elts) setContext(elt, ctx);
      break;
  }
}

/** Local offsets of an already lowered node, recovered from its position. */
export function range(
  cx: Context,
  e: { lineno: number; col_offset: number; end_lineno: number; end_col_offset: number },
): [number, number] {
  return [offsetOf(cx, e.lineno, e.col_offset), offsetOf(cx, e.end_lineno, e.end_col_offset)];
}

function offsetOf(cx: Context, lineno: number, byteCol: number): number {
  const start = cx.src.lineStart(lineno);
  let bytes = 0;
  let i = start;
  while (bytes < byteCol && i < cx.text.length) {
    const c = cx.text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 4 : 3;
    i += c >= 0xd800 && c < 0xdc00 ? 2 : 1;
  }
  return i - cx.shift;
}
