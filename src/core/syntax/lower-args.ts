/**
 * Call arguments and parameter lists. Lezer gives both as flat comma-separated
 * children (and drops the anonymous `/` token), so they are regrouped here and
 * checked against CPython's ordering rules (invalid_arguments,
 * invalid_parameters in Grammar/python.gram).
 */

import type { Arg, Arguments, Expr, Keyword } from './ast';
import type { Context } from './context';
import { type Node, kids, lastKid, splitCommas } from './cst';
import { compStart, identifier, lowerExpr, lowerGenerators } from './lower-expr';

// ------------------------------------------------------------------ calls

export function lowerCall(cx: Context, node: Node): Expr {
  const [funcNode, argList] = kids(node);
  const func = lowerExpr(cx, funcNode);
  const { args, keywords } = lowerArgList(cx, argList);
  return { _type: 'Call', func, args, keywords, ...cx.nodeLoc(node) };
}

/** The `(...)` of a call or class definition. */
export function lowerArgList(cx: Context, argList: Node): { args: Expr[]; keywords: Keyword[] } {
  const ks = kids(argList).slice(1, -1);
  const { groups } = splitCommas(ks);
  if (groups[groups.length - 1].length === 0) groups.pop();
  const args: Expr[] = [];
  const keywords: Keyword[] = [];
  let sawKeyword = false;
  let sawDoubleStar = false;
  for (const g of groups) {
    const first = g[0];
    if (first.name === '**') {
      sawDoubleStar = true;
      keywords.push({ arg: null, value: lowerExpr(cx, g[1]), ...cx.loc(first.from, g[1].to) });
    } else if (first.name === '*') {
      if (sawDoubleStar) {
        throw cx.fail(
          'iterable argument unpacking follows keyword argument unpacking',
          first.from,
          argList.to,
        );
      }
      const value = lowerExpr(cx, g[1]);
      args.push({ _type: 'Starred', value, ctx: 'Load', ...cx.loc(first.from, g[1].to) });
    } else if (g.length >= 3 && g[1].name === 'AssignOp' && cx.slice(g[1]) === '=') {
      sawKeyword = true;
      keywords.push(lowerKeyword(cx, g));
    } else {
      if (sawKeyword || sawDoubleStar) {
        const msg = sawDoubleStar
          ? 'positional argument follows keyword argument unpacking'
          : 'positional argument follows keyword argument';
        throw cx.failAtToken(msg, argList.to - 1);
      }
      args.push(lowerPositional(cx, g, argList, groups.length));
    }
  }
  return { args, keywords };
}

function lowerKeyword(cx: Context, g: readonly Node[]): Keyword {
  const [name, eq, valueNode] = g;
  if (g.length > 3)
    throw cx.fail("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", name.from, eq.to);
  if (name.name !== 'VariableName') throw cx.fail(`cannot assign to ${cx.slice(name)}`, name.from, eq.to);
  return {
    arg: identifier(cx.slice(name)),
    value: lowerExpr(cx, valueNode),
    ...cx.loc(name.from, valueNode.to),
  };
}

/** A positional argument: an expression, a walrus, or a bare generator expression. */
function lowerPositional(cx: Context, g: readonly Node[], argList: Node, count: number): Expr {
  if (g.length >= 3 && g[1].name === 'AssignOp') {
    // `f(x := 1)`: Lezer lists the walrus flat.
    const target = lowerExpr(cx, g[0]);
    if (target._type !== 'Name') throw cx.invalidSyntax(g[1].from);
    target.ctx = 'Store';
    return { _type: 'NamedExpr', target, value: lowerExpr(cx, g[2]), ...cx.loc(g[0].from, g[2].to) };
  }
  const start = compStart(g);
  if (start === g.length) return lowerExpr(cx, g[0]);
  if (count > 1) {
    throw cx.fail('Generator expression must be parenthesized', g[0].from, g[g.length - 1].to);
  }
  // A lone generator argument borrows the call's parentheses as its own.
  const elt = lowerExpr(cx, g[0]);
  const generators = lowerGenerators(cx, g.slice(start));
  return { _type: 'GeneratorExp', elt, generators, ...cx.nodeLoc(argList) };
}

// ------------------------------------------------------------- parameters

interface ParamGroup {
  kind: 'plain' | 'star' | 'starstar' | 'slash';
  name: Node | null;
  annotation: Node | null;
  default: Node | null;
  from: number;
}

/**
 * A def's or lambda's parameters. `nodes` are the ParamList's children (with
 * brackets for a def). The `/` marker is not a Lezer node: a group without
 * nodes whose source text holds `/` is one.
 */
export function lowerArguments(cx: Context, nodes: readonly Node[], isLambda: boolean): Arguments {
  const ks = nodes.filter((n) => n.name !== '(' && n.name !== ')');
  const groups = paramGroups(cx, nodes, ks);
  const out: Arguments = {
    posonlyargs: [],
    args: [],
    vararg: null,
    kwonlyargs: [],
    kw_defaults: [],
    kwarg: null,
    defaults: [],
  };
  let afterStar = false;
  let sawDefault = false;
  for (const g of groups) {
    if (out.kwarg) throw cx.fail('arguments cannot follow var-keyword argument', g.from, g.from + 1);
    if (g.kind === 'slash') {
      if (out.args.length === 0) throw cx.fail('at least one argument must precede /', g.from, g.from + 1);
      if (afterStar) throw cx.fail('/ must be ahead of *', g.from, g.from + 1);
      if (out.posonlyargs.length > 0) throw cx.fail('/ may appear only once', g.from, g.from + 1);
      out.posonlyargs = out.args;
      out.args = [];
    } else if (g.kind === 'star') {
      if (afterStar) throw cx.fail('* argument may appear only once', g.from, g.from + 1);
      afterStar = true;
      if (g.default)
        throw cx.fail('var-positional argument cannot have default value', g.default.from, g.default.to);
      out.vararg = g.name ? lowerArg(cx, g) : null;
    } else if (g.kind === 'starstar') {
      out.kwarg = lowerArg(cx, g);
    } else if (afterStar) {
      out.kwonlyargs.push(lowerArg(cx, g));
      out.kw_defaults.push(g.default ? lowerExpr(cx, g.default) : null);
    } else {
      if (g.default) {
        sawDefault = true;
        out.defaults.push(lowerExpr(cx, g.default));
      } else if (sawDefault) {
        throw cx.fail('non-default argument follows default argument', g.name!.from, g.name!.to);
      }
      out.args.push(lowerArg(cx, g));
    }
  }
  const bare = groups.find((g) => g.kind === 'star' && !g.name);
  if (bare && out.kwonlyargs.length === 0) {
    throw isLambda
      ? cx.failAtToken('named arguments must follow bare *', bare.from + 1)
      : cx.fail('named arguments must follow bare *', bare.from, bare.from + 1);
  }
  return out;
}

function paramGroups(cx: Context, nodes: readonly Node[], ks: readonly Node[]): ParamGroup[] {
  const { groups, commas } = splitCommas(ks);
  const out: ParamGroup[] = [];
  groups.forEach((g, i) => {
    if (g.length > 0) {
      out.push(paramGroup(cx, g));
      return;
    }
    // An empty group: `/`, or the end after a trailing comma.
    const from = i === 0 ? (nodes[0]?.name === '(' ? nodes[0].to : (nodes[0]?.from ?? 0)) : commas[i - 1].to;
    const to =
      i < commas.length
        ? commas[i].from
        : nodes[nodes.length - 1]?.name === ')'
          ? nodes[nodes.length - 1].from
          : from;
    const text = cx.textAt(from, to);
    const slash = text.indexOf('/');
    if (slash >= 0)
      out.push({ kind: 'slash', name: null, annotation: null, default: null, from: from + slash });
  });
  return out;
}

function paramGroup(cx: Context, g: readonly Node[]): ParamGroup {
  let i = 0;
  let kind: ParamGroup['kind'] = 'plain';
  if (g[0].name === '*' || g[0].name === '**') {
    kind = g[0].name === '*' ? 'star' : 'starstar';
    i = 1;
  }
  const name = g[i]?.name === 'VariableName' ? g[i++] : null;
  const annotation = g[i]?.name === 'TypeDef' ? g[i++] : null;
  let def: Node | null = null;
  if (g[i]?.name === 'AssignOp') def = g[i + 1] ?? null;
  if (g[i]?.name === 'AssignOp' && !def)
    throw cx.fail('expected default value expression', g[i].from, g[i].to);
  return { kind, name, annotation, default: def, from: g[0].from };
}

function lowerArg(cx: Context, g: ParamGroup): Arg {
  const name = g.name!;
  const annotation = g.annotation ? lowerExpr(cx, lastKid(g.annotation)) : null;
  const end = g.annotation ? g.annotation.to : name.to;
  return { arg: identifier(cx.slice(name)), annotation, ...cx.loc(name.from, end) };
}
