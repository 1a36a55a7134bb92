/**
 * From Lezer's error nodes to CPython's SyntaxError. Lezer recovers from an
 * error and goes on; CPython stops at the first token it cannot use and, in a
 * second pass (the grammar's invalid_* rules), looks for a better message.
 * This file finds the offending token and reproduces the messages of the
 * common invalid_* rules; anything else is CPython's generic "invalid syntax"
 * at that token.
 */

import type { Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import { type Context, ParserFailure } from './context';
import { type Node, kids } from './cst';
import { errorAtLine, errorAtRange } from './errors';
import { Tok, type Token } from './tokenizer';

/** Error nodes Lezer's grammar produces for valid Python 3.11, which lowering handles. */
function tolerated(cx: Context, err: Node): boolean {
  const parent = err.parent;
  if (!parent) return false;
  // Bare `yield`: Lezer wants an operand.
  if ((parent.name === 'YieldExpression' || parent.name === 'YieldStatement') && err.from === err.to) {
    const prev = err.prevSibling;
    const next = cx.tokenAt(err.from);
    const nextText = next ? cx.text.slice(next.start, next.end) : '';
    return prev?.name === 'yield' && (next?.kind === Tok.NEWLINE || [')', ';', '=', '}'].includes(nextText));
  }
  // `lambda a, b,: …`: Lezer wants a parameter after a lambda's trailing comma.
  if (parent.name === 'ParamList' && parent.parent?.name === 'LambdaExpression' && err.from === err.to) {
    const prev = err.prevSibling;
    const beforeComma = prev?.prevSibling;
    return (
      prev?.name === ',' &&
      !!beforeComma &&
      beforeComma.name !== ',' &&
      !beforeComma.type.isError &&
      err.nextSibling === null &&
      parent.nextSibling?.name === ':'
    );
  }
  // f-strings are scanned and their fields parsed again, as CPython does.
  for (let p: Node | null = parent; p; p = p.parent) if (p.name === 'FormatString') return true;
  // `match a, b:` and other subjects Lezer does not take; lowering reparses them.
  if (parent.name === 'MatchStatement') return err.to <= (parent.getChild('MatchBody')?.from ?? -1);
  // `case ():`, `case []:`, `case {}:`, `case C():`: Lezer wants at least one item.
  const pattern = parent.name === 'LiteralPattern' ? parent.parent : parent;
  if (pattern && ['SequencePattern', 'MappingPattern', 'PatternArgList'].includes(pattern.name)) {
    return kids(pattern).every((k) => isEmptyItem(k) || '([{'.includes(k.name));
  }
  return false;
}

/** An error node, or a literal pattern holding nothing but one. */
export function isEmptyItem(node: Node): boolean {
  return node.type.isError || (node.name === 'LiteralPattern' && kids(node).every((k) => k.type.isError));
}

function inFormatString(node: Node): boolean {
  for (let p: Node | null = node.parent; p; p = p.parent) if (p.name === 'FormatString') return true;
  return false;
}

/** The error nodes that stand for real syntax errors, in source order. */
export function realErrors(cx: Context, tree: Tree): Node[] {
  const out: Node[] = [];
  tree.iterate({
    enter: (ref) => {
      if (ref.name === 'PropertyName') {
        // Lezer takes a keyword after a dot; for CPython it is not a NAME (f-string fields
        // are parsed again on their own).
        if (KEYWORDS.has(cx.textAt(ref.from, ref.to)) && !inFormatString(ref.node)) out.push(ref.node);
        return;
      }
      if (!ref.type.isError) return;
      const node = ref.node;
      if (!tolerated(cx, node)) out.push(node);
    },
  });
  return out;
}

const COMPOUND = new Set([
  'IfStatement',
  'WhileStatement',
  'ForStatement',
  'TryStatement',
  'WithStatement',
  'FunctionDefinition',
  'ClassDefinition',
  'DecoratedStatement',
  'MatchStatement',
]);

/**
 * Throws the SyntaxError of the first real error inside a statement, unless it
 * sits in a nested block (that block's statements report it, in order).
 */
export function checkStatementErrors(cx: Context, node: Node): void {
  if (cx.sub) return;
  if (node.type.isError) throw errorFor(cx, node);
  const err = firstErrorIn(cx, node.from, node.to);
  if (!err) return;
  if (COMPOUND.has(node.name) && insideBlock(node, err)) return;
  throw errorFor(cx, err);
}

function firstErrorIn(cx: Context, from: number, to: number): Node | undefined {
  return cx.errors.find((e) => e.from >= from && e.from <= to);
}

function insideBlock(stmt: Node, err: Node): boolean {
  for (let n: Node | null = err.parent; n && n !== stmt; n = n.parent) {
    if (n.name === 'Body' && n.parent === stmt) return blockStarted(n, err);
    if (n.name === 'MatchClause' || n.name === 'MatchBody')
      return n.name === 'MatchClause' ? true : !!err.parent && err.parent !== n;
    if (n.name === 'FunctionDefinition' || n.name === 'ClassDefinition') {
      return insideBlock(n, err);
    }
  }
  return false;
}

/** An error in a Body after its first statement began belongs to that block. */
function blockStarted(body: Node, err: Node): boolean {
  const stmts = kids(body).slice(1);
  return stmts.length > 0 && !stmts[0].type.isError && stmts[0].from <= err.from;
}

/** The SyntaxError for a Lezer error node. */
export function errorFor(cx: Context, err: Node): ParserFailure {
  const index = cx.tokenIndexAt(err.from);
  const raw = cx.tokens[index];
  if (raw && raw.kind === Tok.INDENT) {
    return new ParserFailure(
      errorAtLine(cx.src, 'IndentationError', 'unexpected indent', raw.lineno, raw.curCol ?? 0, -1),
      raw.start,
      true,
    );
  }
  const last = cx.tokens[cx.tokens.length - 1];
  const tok = cx.tokenAt(err.from) ?? (last?.kind === Tok.ENDMARKER ? last : undefined);
  if (!tok) return cx.invalidSyntax(err.from);
  return (
    missingBlock(cx, tok) ??
    missingColon(cx, tok) ??
    misplacedEquals(cx, tok) ??
    missingElse(cx, err, tok) ??
    forgottenComma(cx, err, tok) ??
    cx.invalidSyntax(tok.start)
  );
}

/** The first INDENT that does not open a block (CPython: "unexpected indent"). */
export function unexpectedIndent(cx: Context): ParserFailure | null {
  const toks = cx.tokens;
  for (let i = 0; i < toks.length; i++) {
    if (toks[i].kind !== Tok.INDENT) continue;
    const opens = i >= 2 && toks[i - 1].kind === Tok.NEWLINE && text(cx, toks[i - 2]) === ':';
    if (opens) continue;
    const t = toks[i];
    return new ParserFailure(
      errorAtLine(cx.src, 'IndentationError', 'unexpected indent', t.lineno, t.curCol ?? 0, -1),
      t.start,
      true,
    );
  }
  return null;
}

// ----------------------------------------------------- statement headers

const HEADER_KEYWORDS = new Set([
  'if',
  'elif',
  'else',
  'while',
  'for',
  'with',
  'try',
  'except',
  'finally',
  'def',
  'class',
  'match',
  'case',
]);

/** The first token of the logical line holding token `i`, and its index. */
function lineStart(cx: Context, i: number): number {
  let j = i;
  while (j > 0) {
    const k = cx.tokens[j - 1].kind;
    if (k === Tok.NEWLINE || k === Tok.INDENT || k === Tok.DEDENT) break;
    j--;
  }
  return j;
}

function text(cx: Context, t: Token | undefined): string {
  return t ? cx.text.slice(t.start, t.end) : '';
}

/** The compound-statement keyword that opens this line (after `async`), if any. */
function headerKeyword(cx: Context, first: number): { kw: string; tok: Token } | null {
  let t = cx.tokens[first];
  if (text(cx, t) === 'async') t = cx.tokens[first + 1];
  const kw = text(cx, t);
  return t && t.kind === Tok.NAME && HEADER_KEYWORDS.has(kw) ? { kw, tok: t } : null;
}

/** `if x:` with no indented block after it (invalid_if_stmt and friends). */
function missingBlock(cx: Context, tok: Token): ParserFailure | null {
  const i = cx.tokens.indexOf(tok);
  const nl = cx.tokens[i - 1];
  const colon = cx.tokens[i - 2];
  if (!nl || nl.kind !== Tok.NEWLINE || text(cx, colon) !== ':') return null;
  const header = headerKeyword(cx, lineStart(cx, i - 1));
  if (!header) return null;
  const what = BLOCK_NAMES[header.kw] ?? `'${header.kw}' statement`;
  const lineno = header.tok.lineno;
  const star =
    header.kw === 'except' && text(cx, cx.tokens[cx.tokens.indexOf(header.tok) + 1]) === '*' ? '*' : '';
  const msg = `expected an indented block after ${star ? "'except*' statement" : what} on line ${lineno}`;
  return new ParserFailure(errorAtRange(cx.src, msg, tok.start, tok.end, 'IndentationError'), tok.start);
}

const BLOCK_NAMES: Record<string, string> = { def: 'function definition', class: 'class definition' };

/**
 * A compound statement's header without its ':' (invalid_*_stmt, or a forced
 * token `&&':'` / `&&'('` that reports the token found instead).
 */
function missingColon(cx: Context, tok: Token): ParserFailure | null {
  const i = cx.tokens.indexOf(tok);
  const first = lineStart(cx, i);
  const header = headerKeyword(cx, first);
  if (!header) return null;
  const kwAt = cx.tokens.indexOf(header.tok);
  const found = (msg: string): ParserFailure =>
    cx.fail(msg, tok.start - cx.shift, tok.end - cx.shift, tok.start - cx.shift);
  if (['else', 'try', 'finally'].includes(header.kw)) return i === kwAt + 1 ? found("expected ':'") : null;
  if (header.kw === 'def') {
    if (i === kwAt + 2 && text(cx, tok) !== '(') return found("expected '('");
    return closesParams(cx, kwAt, i) ? found("expected ':'") : null;
  }
  if (tok.kind !== Tok.NEWLINE) return null;
  return cx.failAtToken("expected ':'", tok.start - cx.shift);
}

/** Whether token i follows a def's `(...)` [-> annotation], where its ':' belongs. */
function closesParams(cx: Context, kwAt: number, i: number): boolean {
  let depth = 0;
  for (let j = kwAt + 2; j < i; j++) {
    const s = text(cx, cx.tokens[j]);
    if ('([{'.includes(s)) depth++;
    else if (')]}'.includes(s) && --depth === 0) {
      const next = text(cx, cx.tokens[j + 1]);
      return j + 1 === i || (next === '->' && cx.tokens[i - 1].kind !== Tok.OP);
    }
  }
  return false;
}

/** `=` where an expression goes on (invalid_named_expression, invalid_kwarg, invalid_kwds). */
function misplacedEquals(cx: Context, tok: Token): ParserFailure | null {
  if (text(cx, tok) !== '=') return null;
  const i = cx.tokens.indexOf(tok);
  const prev = cx.tokens[i - 1];
  const prev2 = text(cx, cx.tokens[i - 2]);
  const range = (msg: string, a: Token, b: Token): ParserFailure =>
    cx.fail(msg, a.start - cx.shift, b.end - cx.shift, tok.start - cx.shift);
  if (prev2 === '**') return range('var-keyword argument cannot have default value', tok, tok);
  if (prev2 === '*') return range('var-positional argument cannot have default value', tok, tok);
  const name = text(cx, prev);
  if (['True', 'False', 'None'].includes(name)) return range(`cannot assign to ${name}`, prev, tok);
  if (prev.kind === Tok.NAME && !KEYWORDS.has(name)) {
    const next = cx.tokens[i + 1];
    return range("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", prev, next ?? tok);
  }
  return null;
}

/** `a if b` without its else (invalid_expression). */
function missingElse(cx: Context, err: Node, tok: Token): ParserFailure | null {
  const i = cx.tokens.indexOf(tok);
  const first = lineStart(cx, i);
  for (let j = i - 1; j > first; j--) {
    const s = text(cx, cx.tokens[j]);
    if (s === 'else' || s === 'for' || s === 'lambda') return null;
    if (s !== 'if' || cx.tokens[j - 1].kind === Tok.NEWLINE) continue;
    const before = cx.tokens[j - 1];
    const start = expressionStart(err, before.end - cx.shift);
    if (start === null) return null;
    return cx.fail(
      "expected 'else' after 'if' expression",
      start,
      cx.tokens[i - 1].end - cx.shift,
      tok.start - cx.shift,
    );
  }
  return null;
}

/** Start of the largest expression node ending at `end`, searching from the error. */
function expressionStart(err: Node, end: number): number | null {
  let top: Node | null = err;
  while (top.parent) top = top.parent;
  let node: Node | null = top.resolveInner(end, -1);
  let start: number | null = null;
  for (; node && node.to === end; node = node.parent) {
    if (node.name.endsWith('Statement') || node.name === 'Script' || node.name === 'Body') break;
    start = node.from;
  }
  return start;
}

// ------------------------------------------------------------ expressions

const EXPRESSION_KEYWORDS = new Set(['not', 'lambda', 'await', 'None', 'True', 'False']);
/** The keywords: never a NAME token, so never an attribute or parameter name. */
export const KEYWORDS = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
]);

/** Whether a token can start an expression. */
function startsExpression(cx: Context, t: Token): boolean {
  const s = text(cx, t);
  if (t.kind === Tok.NUMBER || t.kind === Tok.STRING) return true;
  if (t.kind === Tok.NAME) return !KEYWORDS.has(s) || EXPRESSION_KEYWORDS.has(s);
  return ['(', '[', '{', '-', '+', '~', '...'].includes(s);
}

/**
 * Two expressions side by side inside brackets: "invalid syntax. Perhaps you
 * forgot a comma?" spanning both (invalid_expression).
 */
function forgottenComma(cx: Context, err: Node, tok: Token): ParserFailure | null {
  const i = cx.tokens.indexOf(tok);
  const prev = cx.tokens[i - 1];
  if (!prev || !startsExpression(cx, tok) || !insideBrackets(cx, tok.start)) return null;
  if (prev.kind === Tok.OP && !')]}'.includes(text(cx, prev))) return null;
  if (
    prev.kind === Tok.NAME &&
    KEYWORDS.has(text(cx, prev)) &&
    !['None', 'True', 'False'].includes(text(cx, prev))
  )
    return null;
  const before = expressionEndingAt(err, prev.end - cx.shift);
  if (!before) return null;
  const beforeText = cx.text.slice(before.from, before.to);
  if (beforeText === 'print' || beforeText === 'exec') return null;
  const s = cx.shift;
  const whole = wholeExpressionEnd(cx, i);
  const after = whole !== null ? whole - s : expressionStartingAt(err, tok.start - s);
  return cx.fail(
    'invalid syntax. Perhaps you forgot a comma?',
    before.from,
    after ?? tok.end - s,
    tok.start - s,
  );
}

/**
 * The end of the expression after the missing comma, as CPython's invalid_expression rule
 * reads it (expression_without_invalid): the longest run of tokens from token i, within its
 * brackets and before a comma, that parses as one expression. Lezer's recovered tree often
 * holds only part of it.
 */
function wholeExpressionEnd(cx: Context, i: number): number | null {
  const toks = cx.tokens;
  let depth = 0;
  let last = i - 1;
  for (let k = i; k < toks.length; k++) {
    const t = toks[k];
    if (t.kind === Tok.NEWLINE || t.kind === Tok.ENDMARKER) break;
    if (t.kind === Tok.OP) {
      const c = text(cx, t);
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) break;
    }
    last = k;
  }
  for (let k = last; k >= i; k--) {
    if (isOneExpression(cx.src.text.slice(toks[i].start, toks[k].end))) return toks[k].end;
  }
  return null;
}

function isOneExpression(source: string): boolean {
  const tree = parser.parse(`(${source})`);
  const stmt = tree.topNode.firstChild;
  if (!stmt || stmt.nextSibling || stmt.name !== 'ExpressionStatement') return false;
  const expr = stmt.firstChild;
  if (!expr || expr.nextSibling || expr.name !== 'ParenthesizedExpression') return false;
  let clean = true;
  tree.iterate({
    enter: (n) => {
      if (n.type.isError) clean = false;
    },
  });
  return clean;
}

function insideBrackets(cx: Context, offset: number): boolean {
  let depth = 0;
  for (const t of cx.tokens) {
    if (t.start >= offset) break;
    if (t.kind !== Tok.OP) continue;
    const c = cx.text[t.start];
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (t.kind === Tok.OP && depth === 0) continue;
  }
  return depth > 0;
}

/** The largest expression near the error that ends at `end`. */
function expressionEndingAt(err: Node, end: number): { from: number; to: number } | null {
  let best: Node | null = null;
  let n: Node | null = err.prevSibling;
  while (n && n.type.isError) n = n.prevSibling;
  if (n && n.to === end && !n.type.isError) best = n;
  if (!best) {
    for (let p: Node | null = err.parent; p; p = p.parent) {
      if (p.to === end) best = p;
    }
  }
  if (!best || best.name === ',') return null;
  // Lezer puts the error inside a run of adjacent strings: the expression is the whole run.
  const run = best.parent;
  if (run?.name === 'ContinuedString' && err.parent === run) return { from: run.from, to: best.to };
  return best;
}

function expressionStartingAt(err: Node, start: number): number | null {
  const inside = err.firstChild;
  if (inside && inside.from === start) return inside.to;
  const next = err.nextSibling;
  if (next && next.from === start) return next.to;
  return err.to > start ? err.to : null;
}
