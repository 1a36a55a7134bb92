/**
 * Lowers Lezer statement nodes to the AST's Stmt. Compound statements end
 * where their last nested statement ends (CPython's EXTRA), and decorated
 * definitions start at `def`/`class`, not at the decorator.
 */

import type { Alias, ExceptHandler, Expr, Located, Stmt, WithItem } from './ast';
import type { Context } from './context';
import { type Node, indexOf, kids, lastKid, splitCommas } from './cst';
import { checkStatementErrors } from './parse-errors';
import { lowerArgList, lowerArguments } from './lower-args';
import { identifier, lowerExpr, lowerExprList, lowerItem, lowerYield } from './lower-expr';
import { lowerMatch } from './lower-pattern';
import { subParseExpr } from './subparse';
import { exprName, invalidTarget, range, setContext, toTarget } from './targets';
import { Tok } from './tokenizer';

/** A run of statement nodes (a module's or a block's); decorators attach to what follows. */
export function lowerStatements(cx: Context, nodes: readonly Node[]): Stmt[] {
  const out: Stmt[] = [];
  let decorators: Expr[] = [];
  for (const node of nodes) {
    checkStatementErrors(cx, node);
    const decorator = decoratorOf(cx, node);
    if (decorator) {
      decorators.push(decorator);
      continue;
    }
    if (decorators.length > 0) {
      if (node.name !== 'FunctionDefinition' && node.name !== 'ClassDefinition')
        throw cx.invalidSyntax(node.from);
      out.push(lowerDefinition(cx, node, decorators));
      decorators = [];
      continue;
    }
    if (node.name === 'StatementGroup') out.push(...lowerGroup(cx, node));
    else out.push(lowerStatement(cx, node));
  }
  if (decorators.length > 0) throw cx.invalidSyntax(nodes[nodes.length - 1].to);
  return out;
}

/** A decorator line, which Lezer was shown as `*0` (see rewrite.ts). */
function decoratorOf(cx: Context, node: Node): Expr | null {
  if (node.name !== 'ExpressionStatement' || cx.sub || !cx.decoratorAts.has(node.from + cx.shift))
    return null;
  let at = cx.tokenIndexAt(node.from);
  while (cx.tokens[at].kind === Tok.INDENT || cx.tokens[at].kind === Tok.DEDENT) at++;
  let last = at + 1;
  while (
    cx.tokens[last + 1] &&
    cx.tokens[last + 1].kind !== Tok.NEWLINE &&
    cx.tokens[last + 1].kind !== Tok.ENDMARKER
  )
    last++;
  if (last === at) throw cx.invalidSyntax(cx.tokens[at].end);
  return subParseExpr(cx, cx.tokens[at + 1].start - cx.shift, cx.tokens[last].end - cx.shift);
}

function lowerGroup(cx: Context, node: Node): Stmt[] {
  return kids(node)
    .filter((k) => k.name !== ';')
    .map((k) => {
      checkStatementErrors(cx, k);
      return lowerStatement(cx, k);
    });
}

/** The statements of a Body (`: simple` or an indented block). */
export function lowerBody(cx: Context, body: Node): Stmt[] {
  return lowerStatements(cx, kids(body).slice(1));
}

function lowerStatement(cx: Context, node: Node): Stmt {
  const handler = STATEMENTS[node.name];
  if (!handler) throw cx.invalidSyntax(node.from);
  return handler(cx, node);
}

type Handler = (cx: Context, node: Node) => Stmt;

const STATEMENTS: Record<string, Handler> = {
  ExpressionStatement: (cx, n) => ({ _type: 'Expr', value: lowerExprList(cx, kids(n)), ...cx.nodeLoc(n) }),
  AssignStatement: lowerAssign,
  UpdateStatement: lowerAugAssign,
  DeleteStatement: lowerDelete,
  PassStatement: (cx, n) => ({ _type: 'Pass', ...cx.nodeLoc(n) }),
  BreakStatement: (cx, n) => ({ _type: 'Break', ...cx.nodeLoc(n) }),
  ContinueStatement: (cx, n) => ({ _type: 'Continue', ...cx.nodeLoc(n) }),
  ReturnStatement: (cx, n) => {
    const rest = kids(n).slice(1);
    return { _type: 'Return', value: rest.length ? lowerExprList(cx, rest) : null, ...cx.nodeLoc(n) };
  },
  YieldStatement: (cx, n) => ({ _type: 'Expr', value: lowerYield(cx, n), ...cx.nodeLoc(n) }),
  PrintStatement: (cx, n) => {
    throw cx.fail("Missing parentheses in call to 'print'. Did you mean print(...)?", n.from, n.to);
  },
  RaiseStatement: lowerRaise,
  ImportStatement: lowerImport,
  ScopeStatement: lowerScope,
  AssertStatement: (cx, n) => {
    const ks = kids(n);
    const msg = ks.length > 3 ? lowerExpr(cx, ks[3]) : null;
    return { _type: 'Assert', test: lowerExpr(cx, ks[1]), msg, ...cx.nodeLoc(n) };
  },
  IfStatement: (cx, n) => lowerIf(cx, kids(n), 0),
  WhileStatement: lowerWhile,
  ForStatement: lowerFor,
  TryStatement: lowerTry,
  WithStatement: lowerWith,
  FunctionDefinition: (cx, n) => lowerDefinition(cx, n, []),
  ClassDefinition: (cx, n) => lowerDefinition(cx, n, []),
  MatchStatement: (cx, n) => lowerMatch(cx, n),
};

/** A compound statement's position: from `from` to the end of its last statement. */
function spanTo(cx: Context, from: number, last: Stmt[]): Located {
  const start = cx.loc(from, from);
  const end = last[last.length - 1];
  return {
    lineno: start.lineno,
    col_offset: start.col_offset,
    end_lineno: end.end_lineno,
    end_col_offset: end.end_col_offset,
  };
}

// ----------------------------------------------------------- assignments

function lowerAssign(cx: Context, node: Node): Stmt {
  const ks = kids(node);
  const typeDef = ks.find((k) => k.name === 'TypeDef');
  const segments: Node[][] = [[]];
  for (const k of ks) {
    if (k.name === 'AssignOp') segments.push([]);
    else if (k !== typeDef) segments[segments.length - 1].push(k);
  }
  if (typeDef) return lowerAnnAssign(cx, node, segments, typeDef);
  const value = lowerValue(cx, segments[segments.length - 1]);
  const targets = segments.slice(0, -1).map((seg, i) => assignTarget(cx, seg, segments, i));
  return { _type: 'Assign', targets, value, ...cx.nodeLoc(node) };
}

function lowerValue(cx: Context, seg: readonly Node[]): Expr {
  return seg.length === 1 && seg[0].name === 'YieldExpression'
    ? lowerExpr(cx, seg[0])
    : lowerExprList(cx, seg);
}

/** One `target =` of an assignment, with CPython's errors for bad targets (invalid_assignment). */
function assignTarget(cx: Context, seg: readonly Node[], segments: readonly Node[][], index: number): Expr {
  const target = lowerValue(cx, seg);
  if (target._type === 'Yield' || target._type === 'YieldFrom') {
    throw cx.fail('assignment to yield expression not possible', seg[0].from, seg[seg.length - 1].to);
  }
  const bad = invalidTarget(target, 'assign');
  if (!bad) {
    setContext(target, 'Store');
    return target;
  }
  throw invalidAssignment(cx, seg, segments, index, bad);
}

/**
 * Which message CPython's second pass reaches first for `... = ...` with a
 * bad target: invalid_named_expression fires on a single `a = b` ending the
 * statement; otherwise invalid_assignment names the first bad target.
 */
function invalidAssignment(
  cx: Context,
  seg: readonly Node[],
  segments: readonly Node[][],
  index: number,
  bad: Expr,
) {
  const { groups } = splitCommas(seg);
  const lastItem = groups[groups.length - 1];
  const valueSeg = segments[index + 1];
  const single =
    segments.length === 2 &&
    lastItem.length === 1 &&
    valueSeg.length > 0 &&
    valueSeg[0].name !== 'YieldExpression';
  if (single && index === 0) {
    const last = lastItem[0];
    const lastExpr = lowerExpr(cx, last);
    const excluded = ['ArrayExpression', 'TupleExpression', 'ComprehensionExpression', 'Boolean', 'None'];
    if (last.name === 'VariableName') {
      throw cx.fail(
        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
        last.from,
        valueSeg[0].to,
      );
    }
    if (!excluded.includes(last.name) && isBitwiseOr(last)) {
      const msg = `cannot assign to ${exprName(lastExpr)} here. Maybe you meant '==' instead of '='?`;
      throw cx.fail(msg, last.from, last.to);
    }
  }
  throw cx.fail(`cannot assign to ${exprName(bad)}`, ...range(cx, bad));
}

/** Whether a node is a `bitwise_or` (no comparison, not/and/or, lambda or conditional). */
function isBitwiseOr(node: Node): boolean {
  return (
    !['ConditionalExpression', 'LambdaExpression', 'NamedExpression'].includes(node.name) &&
    !isTestLevel(node)
  );
}

function isTestLevel(node: Node): boolean {
  if (node.name === 'UnaryExpression') return node.firstChild?.name === 'not';
  if (node.name !== 'BinaryExpression') return false;
  const op = node.firstChild?.nextSibling;
  return !!op && op.name !== 'ArithOp' && op.name !== 'BitOp';
}

function lowerAnnAssign(cx: Context, node: Node, segments: Node[][], typeDef: Node): Stmt {
  const seg = segments[0];
  const target = lowerExprList(cx, seg);
  if (target._type === 'Tuple' && seg.length > 1) {
    throw cx.fail('only single target (not tuple) can be annotated', seg[0].from, seg[0].to);
  }
  if (target._type === 'List' || target._type === 'Tuple') {
    throw cx.fail(`only single target (not ${exprName(target)}) can be annotated`, seg[0].from, seg[0].to);
  }
  if (target._type !== 'Name' && target._type !== 'Attribute' && target._type !== 'Subscript') {
    throw cx.fail('illegal target for annotation', seg[0].from, seg[0].to);
  }
  setContext(target, 'Store');
  const annotation = lowerExpr(cx, lastKid(typeDef));
  const value = segments.length > 1 ? lowerValue(cx, segments[1]) : null;
  const simple = seg[0].name === 'VariableName' ? 1 : 0;
  return { _type: 'AnnAssign', target, annotation, value, simple, ...cx.nodeLoc(node) };
}

const AUG_OPS: Record<string, Extract<Stmt, { _type: 'AugAssign' }>['op']> = {
  '+=': 'Add',
  '-=': 'Sub',
  '*=': 'Mult',
  '@=': 'MatMult',
  '/=': 'Div',
  '%=': 'Mod',
  '**=': 'Pow',
  '<<=': 'LShift',
  '>>=': 'RShift',
  '|=': 'BitOr',
  '^=': 'BitXor',
  '&=': 'BitAnd',
  '//=': 'FloorDiv',
};

function lowerAugAssign(cx: Context, node: Node): Stmt {
  const ks = kids(node);
  const opAt = indexOf(ks, 'UpdateOp');
  const targetNodes = ks.slice(0, opAt);
  const target = lowerExprList(cx, targetNodes);
  if (target._type !== 'Name' && target._type !== 'Attribute' && target._type !== 'Subscript') {
    const last = targetNodes[targetNodes.length - 1];
    const msg = `'${exprName(target)}' is an illegal expression for augmented assignment`;
    throw cx.fail(msg, targetNodes[0].from, last.to);
  }
  setContext(target, 'Store');
  const value = lowerValue(cx, ks.slice(opAt + 1));
  return { _type: 'AugAssign', target, op: AUG_OPS[cx.slice(ks[opAt])], value, ...cx.nodeLoc(node) };
}

function lowerDelete(cx: Context, node: Node): Stmt {
  const ks = kids(node).slice(1);
  const { groups } = splitCommas(ks);
  if (groups[groups.length - 1].length === 0) groups.pop();
  const whole = lowerExprList(cx, ks);
  toTarget(cx, whole, 'Del', 'del');
  const targets = groups.map((g) => {
    const t = lowerItem(cx, g);
    setContext(t, 'Del');
    return t;
  });
  return { _type: 'Delete', targets, ...cx.nodeLoc(node) };
}

// ------------------------------------------------------------ simple ones

function lowerRaise(cx: Context, node: Node): Stmt {
  const ks = kids(node);
  if (indexOf(ks, ',') >= 0) throw cx.invalidSyntax(ks[indexOf(ks, ',')].from);
  const exc = ks.length > 1 ? lowerExpr(cx, ks[1]) : null;
  const cause = ks.length > 3 ? lowerExpr(cx, ks[3]) : null;
  return { _type: 'Raise', exc, cause, ...cx.nodeLoc(node) };
}

function lowerScope(cx: Context, node: Node): Stmt {
  const ks = kids(node);
  const names = ks.filter((k) => k.name === 'VariableName').map((k) => identifier(cx.slice(k)));
  return { _type: ks[0].name === 'global' ? 'Global' : 'Nonlocal', names, ...cx.nodeLoc(node) };
}

function lowerImport(cx: Context, node: Node): Stmt {
  const ks = kids(node).filter((k) => k.name !== '(' && k.name !== ')');
  if (ks[0].name === 'import') {
    return { _type: 'Import', names: lowerAliases(cx, ks.slice(1)), ...cx.nodeLoc(node) };
  }
  const importAt = indexOf(ks, 'import');
  let level = 0;
  const moduleParts: Node[] = [];
  for (const k of ks.slice(1, importAt)) {
    if (k.name === '.') level += moduleParts.length ? 0 : 1;
    else if (k.name === 'Ellipsis') level += 3;
    if (k.name === 'VariableName' || (k.name === '.' && moduleParts.length)) moduleParts.push(k);
  }
  const module = moduleParts.length ? moduleParts.map((k) => identifier(cx.slice(k))).join('') : null;
  const rest = ks.slice(importAt + 1);
  const names: Alias[] =
    rest.length === 1 && rest[0].name === '*'
      ? [{ name: '*', asname: null, ...cx.nodeLoc(rest[0]) }]
      : lowerAliases(cx, rest);
  return { _type: 'ImportFrom', module, names, level, ...cx.nodeLoc(node) };
}

/** `a.b as c, d` → aliases spanning the dotted name and its `as` name. */
function lowerAliases(cx: Context, ks: readonly Node[]): Alias[] {
  const { groups } = splitCommas(ks);
  if (groups[groups.length - 1].length === 0) groups.pop();
  return groups.map((g) => {
    const asAt = indexOf(g, 'as');
    const dotted = asAt < 0 ? g : g.slice(0, asAt);
    const name = dotted.map((k) => (k.name === '.' ? '.' : identifier(cx.slice(k)))).join('');
    const asname = asAt < 0 ? null : identifier(cx.slice(g[asAt + 1]));
    return { name, asname, ...cx.loc(g[0].from, g[g.length - 1].to) };
  });
}

// -------------------------------------------------------------- compound

function lowerIf(cx: Context, ks: readonly Node[], at: number): Stmt {
  const test = lowerExpr(cx, ks[at + 1]);
  const body = lowerBody(cx, ks[at + 2]);
  let orelse: Stmt[] = [];
  const next = ks[at + 3];
  if (next?.name === 'elif') orelse = [lowerIf(cx, ks, at + 3)];
  else if (next?.name === 'else') orelse = lowerBody(cx, ks[at + 4]);
  const end = orelse.length ? orelse : body;
  return { _type: 'If', test, body, orelse, ...spanTo(cx, ks[at].from, end) };
}

function lowerWhile(cx: Context, node: Node): Stmt {
  const ks = kids(node);
  const test = lowerExpr(cx, ks[1]);
  const body = lowerBody(cx, ks[2]);
  const orelse = ks[3]?.name === 'else' ? lowerBody(cx, ks[4]) : [];
  return { _type: 'While', test, body, orelse, ...spanTo(cx, node.from, orelse.length ? orelse : body) };
}

function lowerFor(cx: Context, node: Node): Stmt {
  const ks = kids(node);
  const isAsync = ks[0].name === 'async';
  const forAt = isAsync ? 1 : 0;
  const inAt = indexOf(ks, 'in', forAt + 1);
  const bodyAt = indexOf(ks, 'Body', inAt);
  const target = toTarget(cx, lowerExprList(cx, ks.slice(forAt + 1, inAt)), 'Store', 'for');
  const iter = lowerExprList(cx, ks.slice(inAt + 1, bodyAt));
  const body = lowerBody(cx, ks[bodyAt]);
  const orelse = ks[bodyAt + 1]?.name === 'else' ? lowerBody(cx, ks[bodyAt + 2]) : [];
  const loc = spanTo(cx, node.from, orelse.length ? orelse : body);
  return { _type: isAsync ? 'AsyncFor' : 'For', target, iter, body, orelse, ...loc };
}

function lowerTry(cx: Context, node: Node): Stmt {
  const ks = kids(node);
  const body = lowerBody(cx, ks[1]);
  const handlers: ExceptHandler[] = [];
  let orelse: Stmt[] = [];
  let finalbody: Stmt[] = [];
  let star = false;
  let i = 2;
  while (i < ks.length) {
    const kw = ks[i];
    const bodyAt = indexOf(ks, 'Body', i);
    if (kw.name === 'except') {
      const header = ks.slice(i + 1, bodyAt);
      if (header[0]?.name === '*') {
        star = true;
        header.shift();
      }
      handlers.push(lowerHandler(cx, kw, header, ks[bodyAt]));
    } else if (kw.name === 'else') orelse = lowerBody(cx, ks[bodyAt]);
    else if (kw.name === 'finally') finalbody = lowerBody(cx, ks[bodyAt]);
    i = bodyAt + 1;
  }
  if (handlers.length === 0 && finalbody.length === 0) {
    throw cx.failAtToken("expected 'except' or 'finally' block", ks[1].to);
  }
  const last = finalbody.length
    ? finalbody
    : orelse.length
      ? orelse
      : handlers.length
        ? [handlers[handlers.length - 1]]
        : body;
  const loc = spanTo(cx, node.from, last as Stmt[]);
  return { _type: star ? 'TryStar' : 'Try', body, handlers, orelse, finalbody, ...loc };
}

function lowerHandler(cx: Context, kw: Node, header: readonly Node[], bodyNode: Node): ExceptHandler {
  const asAt = header.findIndex((k) => k.name === 'as' || k.name === ',');
  if (asAt >= 0 && header[asAt].name === ',') {
    throw cx.fail(
      'multiple exception types must be parenthesized',
      header[0].from,
      header[header.length - 1].to,
    );
  }
  const typeNodes = asAt < 0 ? header : header.slice(0, asAt);
  const type = typeNodes.length ? lowerExpr(cx, typeNodes[0]) : null;
  const name = asAt < 0 ? null : identifier(cx.slice(header[asAt + 1]));
  const body = lowerBody(cx, bodyNode);
  return { _type: 'ExceptHandler', type, name, body, ...spanTo(cx, kw.from, body) };
}

function lowerWith(cx: Context, node: Node): Stmt {
  const ks = kids(node);
  const isAsync = ks[0].name === 'async';
  const bodyAt = indexOf(ks, 'Body');
  const hidden = cx.sub ? undefined : cx.withItems.get(ks[isAsync ? 1 : 0].from + cx.shift);
  const items = hidden
    ? withItemsFromTokens(cx, hidden[0] - cx.shift, hidden[1] - cx.shift)
    : withItems(cx, ks.slice(isAsync ? 2 : 1, bodyAt));
  const body = lowerBody(cx, ks[bodyAt]);
  return { _type: isAsync ? 'AsyncWith' : 'With', items, body, ...spanTo(cx, node.from, body) };
}

function withItems(cx: Context, header: readonly Node[]): WithItem[] {
  const { groups } = splitCommas(header);
  if (groups[groups.length - 1].length === 0) groups.pop();
  return groups.map((g) => {
    const asAt = indexOf(g, 'as');
    const context_expr = lowerExpr(cx, g[0]);
    const optional_vars = asAt < 0 ? null : toTarget(cx, lowerExpr(cx, g[asAt + 1]), 'Store', 'with');
    return { context_expr, optional_vars };
  });
}

/**
 * With-items Lezer could not read (its grammar only takes a name after `as`):
 * split CPython's tokens at top-level commas and `as`, parse each piece alone.
 */
function withItemsFromTokens(cx: Context, from: number, to: number): WithItem[] {
  const pieces = topLevelPieces(cx, from, to);
  return pieces.map(([exprFrom, exprTo, asFrom, asTo]) => ({
    context_expr: subParseExpr(cx, exprFrom, exprTo),
    optional_vars: asFrom < 0 ? null : toTarget(cx, subParseExpr(cx, asFrom, asTo), 'Store', 'with'),
  }));
}

/** [exprFrom, exprTo, targetFrom, targetTo] of each comma-separated `expr [as target]`. */
function topLevelPieces(cx: Context, from: number, to: number): number[][] {
  const out: number[][] = [];
  let depth = 0;
  let piece: number[] = [-1, -1, -1, -1];
  let part = 0;
  const close = (): void => {
    if (piece[0] >= 0) out.push(piece);
    piece = [-1, -1, -1, -1];
    part = 0;
  };
  for (let i = cx.tokenIndexAt(from); i < cx.tokens.length && cx.tokens[i].start < to + cx.shift; i++) {
    const t = cx.tokens[i];
    const s = cx.text.slice(t.start, t.end);
    if (t.kind === Tok.OP && '([{'.includes(s)) depth++;
    else if (t.kind === Tok.OP && ')]}'.includes(s)) depth--;
    if (depth === 0 && t.kind === Tok.OP && s === ',') close();
    else if (depth === 0 && t.kind === Tok.NAME && s === 'as') part = 2;
    else {
      if (piece[part] < 0) piece[part] = t.start - cx.shift;
      piece[part + 1] = t.end - cx.shift;
    }
  }
  close();
  return out;
}

// ------------------------------------------------------------ definitions

function lowerDefinition(cx: Context, node: Node, decorator_list: Expr[]): Stmt {
  const ks = kids(node);
  if (ks.some((k) => k.name === 'TypeParamList'))
    throw cx.invalidSyntax(ks.find((k) => k.name === 'TypeParamList')!.from);
  const nameNode = ks.find((k) => k.name === 'VariableName')!;
  const name = identifier(cx.slice(nameNode));
  const bodyNode = ks[ks.length - 1];
  if (node.name === 'ClassDefinition') {
    const argList = ks.find((k) => k.name === 'ArgList');
    const { args, keywords } = argList ? lowerArgList(cx, argList) : { args: [], keywords: [] };
    const body = lowerBody(cx, bodyNode);
    return {
      _type: 'ClassDef',
      name,
      bases: args,
      keywords,
      body,
      decorator_list,
      ...spanTo(cx, node.from, body),
    };
  }
  const isAsync = ks[0].name === 'async';
  const params = ks.find((k) => k.name === 'ParamList')!;
  const args = lowerArguments(cx, kids(params), false);
  const typeDef = ks.find((k) => k.name === 'TypeDef');
  const returns = typeDef ? lowerExpr(cx, lastKid(typeDef)) : null;
  const body = lowerBody(cx, bodyNode);
  const type = isAsync ? 'AsyncFunctionDef' : 'FunctionDef';
  return { _type: type, name, args, body, decorator_list, returns, ...spanTo(cx, node.from, body) };
}
