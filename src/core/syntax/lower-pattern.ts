/**
 * `match` statements and their patterns (PEP 634), lowered to CPython 3.11's
 * Match / match_case / pattern nodes (Grammar/python.gram, "Pattern matching").
 */

import type { Expr, MatchCase, Pattern, Stmt } from './ast';
import type { Context } from './context';
import { type Node, indexOf, inner, kids, splitCommas } from './cst';
import { lowerBody } from './lower-stmt';
import { identifier, lowerExpr } from './lower-expr';
import { isEmptyItem } from './parse-errors';
import { subParseExpr } from './subparse';
import { lowerStrings } from './fstrings';

export function lowerMatch(cx: Context, node: Node): Stmt {
  const ks = kids(node);
  const bodyNode = ks[ks.length - 1];
  const subject = lowerSubject(cx, ks[0].to, bodyNode.from, ks.slice(1, -1));
  const cases = kids(bodyNode)
    .filter((k) => k.name === 'MatchClause')
    .map((k) => lowerCase(cx, k));
  const lastBody = cases[cases.length - 1].body;
  const end = lastBody[lastBody.length - 1];
  const start = cx.loc(node.from, node.from);
  return {
    _type: 'Match',
    subject,
    cases,
    lineno: start.lineno,
    col_offset: start.col_offset,
    end_lineno: end.end_lineno,
    end_col_offset: end.end_col_offset,
  };
}

/**
 * The subject. Lezer only takes one expression (`match a, b:` comes out as
 * errors), so anything else is parsed again on its own, like an f-string field.
 */
function lowerSubject(cx: Context, from: number, to: number, nodes: readonly Node[]): Expr {
  if (nodes.length === 1 && !nodes.some((n) => n.type.isError)) return lowerExpr(cx, nodes[0]);
  const first = cx.tokenAt(from);
  const colon = cx.tokenIndexAt(to);
  const last = cx.tokens[colon - 1];
  if (!first || !last || first.start >= to) throw cx.invalidSyntax(to);
  return subParseExpr(cx, first.start - cx.shift, last.end - cx.shift);
}

function lowerCase(cx: Context, node: Node): MatchCase {
  const ks = kids(node);
  const guardNode = ks.find((k) => k.name === 'Guard');
  const bodyNode = ks[ks.length - 1];
  const patternNodes = ks.slice(1, guardNode ? ks.indexOf(guardNode) : -1);
  const pattern = lowerOpenSequence(cx, patternNodes);
  const guard = guardNode ? lowerExpr(cx, kids(guardNode)[1]) : null;
  return { pattern, guard, body: lowerBody(cx, bodyNode) };
}

/** `case a, b:` is a sequence pattern without brackets. */
function lowerOpenSequence(cx: Context, nodes: readonly Node[]): Pattern {
  const { commas } = splitCommas(nodes);
  if (commas.length === 0) return lowerPattern(cx, nodes[0]);
  const patterns = patternItems(cx, nodes);
  return { _type: 'MatchSequence', patterns, ...cx.loc(nodes[0].from, nodes[nodes.length - 1].to) };
}

function patternItems(cx: Context, nodes: readonly Node[]): Pattern[] {
  const { groups } = splitCommas(nodes);
  if (groups[groups.length - 1].length === 0) groups.pop();
  return groups.map((g) => lowerPattern(cx, g[0]));
}

export function lowerPattern(cx: Context, node: Node): Pattern {
  const loc = cx.nodeLoc(node);
  switch (node.name) {
    case 'CapturePattern': {
      const name = identifier(cx.slice(node));
      return { _type: 'MatchAs', pattern: null, name: name === '_' ? null : name, ...loc };
    }
    case 'LiteralPattern':
      return lowerLiteral(cx, node);
    case 'AttributePattern':
      return { _type: 'MatchValue', value: dottedName(cx, kids(node)), ...loc };
    case 'AsPattern': {
      const ks = kids(node);
      const name = identifier(cx.slice(ks[2]));
      if (name === '_') throw cx.fail("cannot use '_' as a target", ks[2].from, ks[2].to);
      return { _type: 'MatchAs', pattern: lowerPattern(cx, ks[0]), name, ...loc };
    }
    case 'OrPattern': {
      const patterns = kids(node)
        .filter((k) => k.name !== 'LogicOp')
        .map((k) => lowerPattern(cx, k));
      return { _type: 'MatchOr', patterns, ...loc };
    }
    case 'StarPattern': {
      const name = identifier(cx.slice(kids(node)[1]));
      return { _type: 'MatchStar', name: name === '_' ? null : name, ...loc };
    }
    case 'SequencePattern':
      return lowerSequence(cx, node);
    case 'MappingPattern':
      return lowerMapping(cx, node);
    case 'ClassPattern':
      return lowerClassPattern(cx, node);
    default:
      throw cx.invalidSyntax(node.from);
  }
}

function lowerLiteral(cx: Context, node: Node): Pattern {
  const ks = kids(node);
  const loc = cx.nodeLoc(node);
  const first = ks[0];
  if (first.name === 'None') return { _type: 'MatchSingleton', value: { kind: 'None' }, ...loc };
  if (first.name === 'Boolean') {
    return { _type: 'MatchSingleton', value: { kind: 'bool', value: cx.slice(first) === 'True' }, ...loc };
  }
  return { _type: 'MatchValue', value: literalExpr(cx, node), ...loc };
}

/** A literal pattern's value: a number (maybe signed, maybe complex) or strings. */
function literalExpr(cx: Context, node: Node): Expr {
  const ks = kids(node);
  if (ks[0].name === 'String' || ks[0].name === 'FormatString' || ks[0].name === 'ContinuedString') {
    const strings = ks[0].name === 'ContinuedString' ? kids(ks[0]) : ks;
    const value = lowerStrings(cx, strings);
    if (value._type === 'JoinedStr')
      throw cx.fail('patterns may only match literals and attribute lookups', node.from, node.to);
    return value;
  }
  let i: number;
  let left: Expr;
  if (ks[0].name === 'ArithOp') {
    const operand = lowerExpr(cx, ks[1]);
    left = { _type: 'UnaryOp', op: 'USub', operand, ...cx.loc(ks[0].from, ks[1].to) };
    i = 2;
  } else {
    left = lowerExpr(cx, ks[0]);
    i = 1;
  }
  if (i >= ks.length) return left;
  const op = cx.slice(ks[i]) === '+' ? 'Add' : 'Sub';
  const right = lowerExpr(cx, ks[i + 1]);
  return { _type: 'BinOp', left, op, right, ...cx.nodeLoc(node) };
}

function dottedName(cx: Context, ks: readonly Node[]): Expr {
  let value: Expr = { _type: 'Name', id: identifier(cx.slice(ks[0])), ctx: 'Load', ...cx.nodeLoc(ks[0]) };
  for (let i = 2; i < ks.length; i += 2) {
    value = {
      _type: 'Attribute',
      value,
      attr: identifier(cx.slice(ks[i])),
      ctx: 'Load',
      ...cx.loc(ks[0].from, ks[i].to),
    };
  }
  return value;
}

function lowerSequence(cx: Context, node: Node): Pattern {
  const items = inner(node).filter((k) => !isEmptyItem(k));
  const parens = kids(node)[0].name === '(';
  const { commas } = splitCommas(items);
  // `(p)` is a group, not a sequence.
  if (parens && items.length === 1 && commas.length === 0) return lowerPattern(cx, items[0]);
  return {
    _type: 'MatchSequence',
    patterns: items.length ? patternItems(cx, items) : [],
    ...cx.nodeLoc(node),
  };
}

function lowerMapping(cx: Context, node: Node): Pattern {
  const keys: Expr[] = [];
  const patterns: Pattern[] = [];
  let rest: string | null = null;
  for (const g of splitCommas(inner(node).filter((k) => !isEmptyItem(k))).groups) {
    if (g.length === 0) continue;
    if (g[0].name === '**') {
      rest = identifier(cx.slice(g[1]));
      continue;
    }
    keys.push(mappingKey(cx, g[0]));
    patterns.push(lowerPattern(cx, g[indexOf(g, ':') + 1]));
  }
  return { _type: 'MatchMapping', keys, patterns, rest, ...cx.nodeLoc(node) };
}

function mappingKey(cx: Context, node: Node): Expr {
  if (node.name === 'AttributePattern') return dottedName(cx, kids(node));
  if (node.name !== 'LiteralPattern') throw cx.invalidSyntax(node.from);
  const first = kids(node)[0];
  if (first.name === 'None' || first.name === 'Boolean') return lowerExpr(cx, first);
  return literalExpr(cx, node);
}

function lowerClassPattern(cx: Context, node: Node): Pattern {
  const [clsNode, argList] = kids(node);
  const cls = clsNode.name === 'AttributePattern' ? dottedName(cx, kids(clsNode)) : dottedName(cx, [clsNode]);
  const patterns: Pattern[] = [];
  const kwd_attrs: string[] = [];
  const kwd_patterns: Pattern[] = [];
  for (const g of splitCommas(inner(argList).filter((k) => !isEmptyItem(k))).groups) {
    if (g.length === 0) continue;
    if (g[0].name === 'KeywordPattern') {
      const kw = kids(g[0]);
      const name = kw[0];
      const value = kw[kw.length - 1];
      kwd_attrs.push(identifier(cx.slice(name)));
      kwd_patterns.push(lowerPattern(cx, value));
    } else {
      if (kwd_attrs.length) throw cx.fail('positional patterns follow keyword patterns', g[0].from, g[0].to);
      patterns.push(lowerPattern(cx, g[0]));
    }
  }
  return { _type: 'MatchClass', cls, patterns, kwd_attrs, kwd_patterns, ...cx.nodeLoc(node) };
}
