/**
 * Lowers Lezer expression nodes to the AST's Expr, shaped as CPython 3.11's
 * parser builds them (Grammar/python.gram): chained comparisons and same-op
 * boolean chains flattened, `await` binding tighter than any operator, and
 * parenthesised expressions keeping their inner positions.
 */

import type { BoolOperator, CmpOperator, Comprehension, Expr, Name, Operator, UnaryOperator } from './ast';
import { lowerArguments, lowerCall } from './lower-args';
import type { Context } from './context';
import { type Node, indexOf, inner, kids, splitCommas } from './cst';
import { lowerStrings } from './fstrings';
import { parseNumber } from './numbers';
import { KEYWORDS } from './parse-errors';
import { exprName, toTarget } from './targets';

export function lowerExpr(cx: Context, node: Node): Expr {
  const handler = HANDLERS[node.name];
  if (!handler) throw cx.invalidSyntax(node.from);
  return handler(cx, node);
}

type Handler = (cx: Context, node: Node) => Expr;

const HANDLERS: Record<string, Handler> = {
  VariableName: (cx, n) => lowerName(cx, n),
  Number: lowerNumber,
  String: (cx, n) => lowerStrings(cx, [n]),
  FormatString: (cx, n) => lowerStrings(cx, [n]),
  ContinuedString: (cx, n) => lowerStrings(cx, kids(n)),
  Boolean: (cx, n) => ({
    _type: 'Constant',
    value: { kind: 'bool', value: cx.slice(n) === 'True' },
    kind: null,
    ...cx.nodeLoc(n),
  }),
  None: (cx, n) => ({ _type: 'Constant', value: { kind: 'None' }, kind: null, ...cx.nodeLoc(n) }),
  Ellipsis: (cx, n) => ({ _type: 'Constant', value: { kind: 'Ellipsis' }, kind: null, ...cx.nodeLoc(n) }),
  BinaryExpression: lowerBinary,
  UnaryExpression: lowerUnary,
  AwaitExpression: lowerAwait,
  ParenthesizedExpression: lowerParenthesized,
  TupleExpression: (cx, n) => ({
    _type: 'Tuple',
    elts: lowerItems(cx, inner(n)),
    ctx: 'Load',
    ...cx.nodeLoc(n),
  }),
  ArrayExpression: (cx, n) => ({
    _type: 'List',
    elts: lowerItems(cx, inner(n)),
    ctx: 'Load',
    ...cx.nodeLoc(n),
  }),
  SetExpression: (cx, n) => ({ _type: 'Set', elts: lowerItems(cx, inner(n)), ...cx.nodeLoc(n) }),
  DictionaryExpression: lowerDict,
  ComprehensionExpression: (cx, n) => lowerComp(cx, n, 'GeneratorExp'),
  ArrayComprehensionExpression: (cx, n) => lowerComp(cx, n, 'ListComp'),
  SetComprehensionExpression: (cx, n) => lowerComp(cx, n, 'SetComp'),
  DictionaryComprehensionExpression: lowerDictComp,
  CallExpression: (cx, n) => lowerCall(cx, n),
  MemberExpression: lowerMember,
  ConditionalExpression: lowerConditional,
  LambdaExpression: lowerLambda,
  NamedExpression: lowerNamed,
  YieldExpression: lowerYield,
};

/** A number; its text comes from CPython's token, which rewrite.ts may have hidden from Lezer. */
function lowerNumber(cx: Context, node: Node): Expr {
  const tok = cx.sub ? undefined : cx.tokenAt(node.from);
  const end = tok && tok.start === node.from + cx.shift ? tok.end - cx.shift : node.to;
  return {
    _type: 'Constant',
    value: parseNumber(cx.textAt(node.from, end)),
    kind: null,
    ...cx.loc(node.from, end),
  };
}

export function lowerName(cx: Context, node: Node): Name {
  return { _type: 'Name', id: identifier(cx.slice(node)), ctx: 'Load', ...cx.nodeLoc(node) };
}

/** Non-ASCII identifiers are NFKC-normalised (@cpython Parser/pegen.c _PyPegen_new_identifier). */
export function identifier(text: string): string {
  return /^[\x00-\x7f]*$/.test(text) ? text : text.normalize('NFKC');
}

// ------------------------------------------------------------- sequences

/**
 * A comma-separated run (`commaSep<"*" expression | test>`) as one expression:
 * the item itself, or a Tuple spanning the items and any trailing comma.
 */
export function lowerExprList(cx: Context, nodes: readonly Node[]): Expr {
  const { groups, commas } = splitCommas(nodes);
  if (commas.length === 0) return lowerItem(cx, groups[0]);
  const elts = lowerItems(cx, nodes);
  return { _type: 'Tuple', elts, ctx: 'Load', ...cx.loc(nodes[0].from, nodes[nodes.length - 1].to) };
}

/** The items of a comma-separated run; a trailing comma adds none. */
export function lowerItems(cx: Context, nodes: readonly Node[]): Expr[] {
  const { groups } = splitCommas(nodes);
  if (groups[groups.length - 1].length === 0) groups.pop();
  return groups.map((g) => lowerItem(cx, g));
}

/** One item: an expression, or `*expr` as Starred. */
export function lowerItem(cx: Context, group: readonly Node[]): Expr {
  if (group.length === 0) throw cx.invalidSyntax(0);
  if (group[0].name === '*') {
    if (group.length !== 2) throw cx.invalidSyntax(group[group.length - 1].from);
    const value = lowerExpr(cx, group[1]);
    return { _type: 'Starred', value, ctx: 'Load', ...cx.loc(group[0].from, group[1].to) };
  }
  if (group.length !== 1) throw cx.invalidSyntax(group[1].from);
  return lowerExpr(cx, group[0]);
}

// ----------------------------------------------------------- operators

const BIN_OPS: Record<string, Operator> = {
  '+': 'Add',
  '-': 'Sub',
  '*': 'Mult',
  '@': 'MatMult',
  '/': 'Div',
  '%': 'Mod',
  '**': 'Pow',
  '<<': 'LShift',
  '>>': 'RShift',
  '|': 'BitOr',
  '^': 'BitXor',
  '&': 'BitAnd',
  '//': 'FloorDiv',
};
const CMP_OPS: Record<string, CmpOperator> = {
  '==': 'Eq',
  '!=': 'NotEq',
  '<': 'Lt',
  '<=': 'LtE',
  '>': 'Gt',
  '>=': 'GtE',
  is: 'Is',
  'is not': 'IsNot',
  in: 'In',
  'not in': 'NotIn',
};

function operatorText(cx: Context, ks: readonly Node[]): string {
  return ks
    .slice(1, -1)
    .map((k) => cx.slice(k))
    .join(' ');
}

function lowerBinary(cx: Context, node: Node): Expr {
  const ks = kids(node);
  const op = operatorText(cx, ks);
  const left = ks[0];
  const right = ks[ks.length - 1];
  const loc = cx.nodeLoc(node);
  if (op === 'and' || op === 'or') {
    const boolOp: BoolOperator = op === 'and' ? 'And' : 'Or';
    const l = lowerExpr(cx, left);
    // `a and b and c` is one BoolOp; Lezer nests it to the left.
    const values =
      l._type === 'BoolOp' && l.op === boolOp && left.name === 'BinaryExpression' ? l.values : [l];
    return { _type: 'BoolOp', op: boolOp, values: [...values, lowerExpr(cx, right)], ...loc };
  }
  const cmp = CMP_OPS[op];
  if (cmp) {
    const l = lowerExpr(cx, left);
    const r = lowerExpr(cx, right);
    // A chain `a < b < c` is one Compare; Lezer nests it to the left.
    if (l._type === 'Compare' && left.name === 'BinaryExpression') {
      return {
        _type: 'Compare',
        left: l.left,
        ops: [...l.ops, cmp],
        comparators: [...l.comparators, r],
        ...loc,
      };
    }
    return { _type: 'Compare', left: l, ops: [cmp], comparators: [r], ...loc };
  }
  if (op === '<>') throw cx.invalidSyntax(ks[1].from);
  const binOp = BIN_OPS[op];
  if (!binOp) throw cx.invalidSyntax(ks[1].from);
  return { _type: 'BinOp', left: lowerExpr(cx, left), op: binOp, right: lowerExpr(cx, right), ...loc };
}

function lowerUnary(cx: Context, node: Node): Expr {
  const [opNode, operandNode] = kids(node);
  const text = cx.slice(opNode);
  if (text === 'not') return notOf(cx, opNode, operandNode, node.to);
  const op: UnaryOperator = text === '-' ? 'USub' : text === '+' ? 'UAdd' : 'Invert';
  return { _type: 'UnaryOp', op, operand: lowerExpr(cx, operandNode), ...cx.nodeLoc(node) };
}

/**
 * `not` binds tighter than `and`/`or` (`not a and b` is `(not a) and b`), but
 * Lezer lets it take the whole boolean expression; the `not` is pushed down to
 * the leftmost operand of that expression.
 */
function notOf(cx: Context, kw: Node, operand: Node, end: number): Expr {
  if (operand.name === 'BinaryExpression') {
    const ks = kids(operand);
    const op = operatorText(cx, ks);
    if (op === 'and' || op === 'or') {
      const boolOp: BoolOperator = op === 'and' ? 'And' : 'Or';
      const l = notOf(cx, kw, ks[0], ks[0].to);
      const values =
        l._type === 'BoolOp' && l.op === boolOp && ks[0].name === 'BinaryExpression' ? l.values : [l];
      const right = lowerExpr(cx, ks[ks.length - 1]);
      return { _type: 'BoolOp', op: boolOp, values: [...values, right], ...cx.loc(kw.from, end) };
    }
  }
  return { _type: 'UnaryOp', op: 'Not', operand: lowerExpr(cx, operand), ...cx.loc(kw.from, end) };
}

/**
 * `await` applies to a primary (`await_primary: AWAIT primary`), tighter than
 * `**`; Lezer lets it take a whole arithmetic expression, so the await is
 * pushed down to that expression's leftmost operand.
 */
function lowerAwait(cx: Context, node: Node): Expr {
  const [kw, operand] = kids(node);
  return awaitOf(cx, kw, operand, node.to);
}

function awaitOf(cx: Context, kw: Node, operand: Node, end: number): Expr {
  if (operand.name === 'BinaryExpression') {
    const ks = kids(operand);
    const left = awaitOf(cx, kw, ks[0], ks[0].to);
    const right = lowerExpr(cx, ks[ks.length - 1]);
    const binOp = BIN_OPS[operatorText(cx, ks)];
    return { _type: 'BinOp', left, op: binOp, right, ...cx.loc(kw.from, end) };
  }
  if (operand.name === 'UnaryExpression' || operand.name === 'AwaitExpression') {
    throw cx.invalidSyntax(operand.from);
  }
  return { _type: 'Await', value: lowerExpr(cx, operand), ...cx.loc(kw.from, end) };
}

function lowerParenthesized(cx: Context, node: Node): Expr {
  const ks = inner(node);
  if (ks.length === 1) return lowerExpr(cx, ks[0]);
  if (ks[0]?.name === '*') {
    throw cx.fail('cannot use starred expression here', ks[0].from, ks[ks.length - 1].to);
  }
  throw cx.invalidSyntax(ks[1]?.from ?? node.to);
}

function lowerConditional(cx: Context, node: Node): Expr {
  const ks = kids(node);
  const body = lowerExpr(cx, ks[0]);
  const test = lowerExpr(cx, ks[2]);
  const orelse = lowerExpr(cx, ks[4]);
  return { _type: 'IfExp', test, body, orelse, ...cx.nodeLoc(node) };
}

function lowerNamed(cx: Context, node: Node): Expr {
  const [targetNode, , valueNode] = kids(node);
  const target = lowerExpr(cx, targetNode);
  if (target._type !== 'Name') {
    const msg = `cannot use assignment expressions with ${exprName(target)}`;
    throw cx.fail(msg, targetNode.from, targetNode.to);
  }
  target.ctx = 'Store';
  return { _type: 'NamedExpr', target, value: lowerExpr(cx, valueNode), ...cx.nodeLoc(node) };
}

export function lowerYield(cx: Context, node: Node): Expr {
  const ks = kids(node).filter((k) => !k.type.isError);
  const loc = cx.nodeLoc(node);
  if (ks.length > 1 && ks[1].name === 'from') {
    return { _type: 'YieldFrom', value: lowerExpr(cx, ks[2]), ...loc };
  }
  const rest = ks.slice(1);
  if (rest.length === 0) return { _type: 'Yield', value: null, ...cx.loc(node.from, ks[0].to) };
  return { _type: 'Yield', value: lowerExprList(cx, rest), ...loc };
}

function lowerLambda(cx: Context, node: Node): Expr {
  const ks = kids(node);
  const colon = indexOf(ks, ':');
  const params = ks.find((k) => k.name === 'ParamList');
  const args = lowerArguments(cx, params ? kids(params).filter((k) => !k.type.isError) : [], true);
  const body = lowerExpr(cx, ks[colon + 1]);
  return { _type: 'Lambda', args, body, ...cx.nodeLoc(node) };
}

// ----------------------------------------------------------- containers

function lowerDict(cx: Context, node: Node): Expr {
  const keys: (Expr | null)[] = [];
  const values: Expr[] = [];
  for (const g of splitCommas(inner(node)).groups) {
    if (g.length === 0) continue;
    if (g[0].name === '**') {
      keys.push(null);
      values.push(lowerExpr(cx, g[1]));
    } else {
      keys.push(lowerExpr(cx, g[0]));
      values.push(lowerExpr(cx, g[2]));
    }
  }
  return { _type: 'Dict', keys, values, ...cx.nodeLoc(node) };
}

function lowerComp(cx: Context, node: Node, type: 'GeneratorExp' | 'ListComp' | 'SetComp'): Expr {
  const ks = inner(node);
  const start = compStart(ks);
  const elt = lowerItem(cx, ks.slice(0, start));
  if (elt._type === 'Starred') {
    throw cx.fail('iterable unpacking cannot be used in comprehension', ks[0].from, ks[start - 1].to);
  }
  return { _type: type, elt, generators: lowerGenerators(cx, ks.slice(start)), ...cx.nodeLoc(node) };
}

function lowerDictComp(cx: Context, node: Node): Expr {
  const ks = inner(node);
  const start = compStart(ks);
  if (ks[0].name === '**') {
    throw cx.fail('dict unpacking cannot be used in dict comprehension', ks[0].from, ks[start - 1].to);
  }
  const key = lowerExpr(cx, ks[0]);
  const value = lowerExpr(cx, ks[2]);
  return {
    _type: 'DictComp',
    key,
    value,
    generators: lowerGenerators(cx, ks.slice(start)),
    ...cx.nodeLoc(node),
  };
}

/** Index of the first `for` (or its `async`) of a comprehension. */
export function compStart(ks: readonly Node[]): number {
  for (let i = 0; i < ks.length; i++) {
    const name = ks[i].name;
    if (name === 'for' || (name === 'async' && ks[i + 1]?.name === 'for')) return i;
  }
  return ks.length;
}

/** `[async] for targets in iter (if cond)*`, repeated; Lezer keeps them flat. */
export function lowerGenerators(cx: Context, ks: readonly Node[]): Comprehension[] {
  const out: Comprehension[] = [];
  let i = 0;
  while (i < ks.length) {
    const isAsync = ks[i].name === 'async' ? 1 : 0;
    i += isAsync + 1; // past 'for'
    const inAt = indexOf(ks, 'in', i);
    const target = toTarget(cx, lowerExprList(cx, ks.slice(i, inAt)), 'Store', 'for');
    const iter = lowerExpr(cx, ks[inAt + 1]);
    const ifs: Expr[] = [];
    i = inAt + 2;
    while (i < ks.length && ks[i].name === 'if') {
      ifs.push(lowerExpr(cx, ks[i + 1]));
      i += 2;
    }
    out.push({ target, iter, ifs, is_async: isAsync });
  }
  return out;
}

// -------------------------------------------------------------- members

function lowerMember(cx: Context, node: Node): Expr {
  const ks = kids(node);
  const value = lowerExpr(cx, ks[0]);
  const loc = cx.nodeLoc(node);
  if (ks[1].name === '.') {
    const attr = cx.slice(ks[2]);
    // Lezer takes a keyword after the dot; CPython's parser stops at it.
    if (KEYWORDS.has(attr)) throw cx.invalidSyntax(ks[2].from);
    return { _type: 'Attribute', value, attr: identifier(attr), ctx: 'Load', ...loc };
  }
  return { _type: 'Subscript', value, slice: lowerSlices(cx, ks.slice(2, -1)), ctx: 'Load', ...loc };
}

/** The inside of `[...]`: one slice or expression, or a Tuple of them. */
function lowerSlices(cx: Context, ks: readonly Node[]): Expr {
  const { groups, commas } = splitCommas(ks);
  if (commas.length === 0) return lowerSlice(cx, groups[0]);
  if (groups[groups.length - 1].length === 0) groups.pop();
  const elts = groups.map((g) => lowerSlice(cx, g));
  return { _type: 'Tuple', elts, ctx: 'Load', ...cx.loc(ks[0].from, ks[ks.length - 1].to) };
}

function lowerSlice(cx: Context, group: readonly Node[]): Expr {
  if (indexOf(group, ':') < 0) return lowerItem(cx, group);
  const parts: (Expr | null)[] = [null, null, null];
  let part = 0;
  for (const n of group) {
    if (n.name === ':') part++;
    else parts[part] = lowerExpr(cx, n);
  }
  const [lower, upper, step] = parts;
  return { _type: 'Slice', lower, upper, step, ...cx.loc(group[0].from, group[group.length - 1].to) };
}
