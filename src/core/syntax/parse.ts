/**
 * The syntax front end: Python source to the AST of ast.ts, or the SyntaxError
 * CPython 3.11 would raise.
 *
 * Three passes over the text:
 * 1. tokenizer.ts, a port of CPython's tokenizer, finds its errors (indentation,
 *    strings, numbers, brackets) and CPython's token boundaries;
 * 2. @lezer/python parses (after rewrite.ts hid two constructs its grammar lacks);
 * 3. lowering builds the AST, reporting Lezer's error nodes and the rules Lezer
 *    is laxer about than CPython.
 * When both a tokenizer and a parser error exist, the one CPython reports wins
 * (see resolve()).
 */

import { parser } from '@lezer/python';
import type { Module, Stmt } from './ast';
import { Context, ParserFailure } from './context';
import { kids } from './cst';
import type { PySyntaxError } from './errors';
import { lowerStatements } from './lower-stmt';
import { realErrors, unexpectedIndent } from './parse-errors';
import { rewriteForLezer } from './rewrite';
import { SourceText } from './source';
import { Tok, type TokenizerFailure, tokenize, unclosedParenError } from './tokenizer';

export { PySyntaxError } from './errors';

/** Parses a module's source; throws PySyntaxError. */
export function parseModule(source: string): Module {
  const src = new SourceText(normalizeNewlines(source));
  const { tokens, failure } = tokenize(src);
  const { text, decoratorAts, numbersHidden, withItems } = rewriteForLezer(src.text, tokens);
  const cx = new Context(src, tokens, decoratorAts);
  cx.numbersHidden = numbersHidden;
  cx.withItems = withItems;
  const indent = unexpectedIndent(cx);
  let pf: ParserFailure | null = null;
  try {
    const body = lowerChunks(cx, text);
    if (!indent) {
      if (failure) throw failure.error;
      return { _type: 'Module', body };
    }
  } catch (e) {
    if (!(e instanceof ParserFailure)) throw e;
    pf = e;
  }
  // Lezer takes an unexpected indent in its stride; CPython stops there.
  if (indent && (!pf || indent.at <= pf.at)) pf = indent;
  throw resolve(cx, pf!, failure);
}

/**
 * Lezer is given the module in chunks of top-level statements: on long inputs
 * (a few thousand lines) it was seen to report errors in valid code, which
 * smaller parses do not; chunks also keep its trees small.
 */
function lowerChunks(cx: Context, text: string): Stmt[] {
  const body: Stmt[] = [];
  const starts = chunkStarts(cx, text);
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i];
    const tree = parser.parse(text.slice(from, starts[i + 1] ?? text.length));
    const chunk = cx.chunk(from);
    chunk.errors = realErrors(chunk, tree);
    body.push(...lowerStatements(chunk, kids(tree.topNode)));
  }
  return body;
}

/** About this many characters per chunk. */
const CHUNK_SIZE = 16_000;
/** Clauses that continue the statement before them. */
const CONTINUATIONS = new Set(['else', 'elif', 'except', 'finally']);

/** Offsets where a chunk may begin: a top-level statement that does not continue the one before. */
function chunkStarts(cx: Context, text: string): number[] {
  const starts = [0];
  let depth = 0;
  let decorated = false;
  const toks = cx.tokens;
  for (let i = 1; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind === Tok.INDENT) depth++;
    else if (t.kind === Tok.DEDENT) depth--;
    const prev = toks[i - 1].kind;
    const statementStart = prev === Tok.NEWLINE || prev === Tok.DEDENT;
    if (
      !statementStart ||
      t.kind === Tok.INDENT ||
      t.kind === Tok.DEDENT ||
      t.kind === Tok.ENDMARKER ||
      depth !== 0
    )
      continue;
    const word = text.slice(t.start, t.end);
    const canStart =
      !decorated && !CONTINUATIONS.has(word) && t.start - starts[starts.length - 1] >= CHUNK_SIZE;
    decorated = word === '*' && cx.decoratorAts.has(t.start);
    if (canStart) starts.push(cx.src.lineStart(t.lineno));
  }
  return starts;
}

/**
 * CPython reads tokens as its parser needs them: a tokenizer error the parser
 * reached is the error. Past a parser error, CPython tokenizes the rest of the
 * file (@cpython Parser/pegen_errors.c _PyPegen_tokenize_full_source_to_check_for_errors):
 * an error the tokenizer raises itself replaces the parser's, and a bracket
 * left open on an earlier line becomes "'(' was never closed".
 */
function resolve(cx: Context, pf: ParserFailure, failure: TokenizerFailure | null): PySyntaxError {
  if (!failure) return pf.error;
  const at = cx.tokenIndexAt(pf.at);
  // After a NEWLINE the parser always reads one more token.
  const reached = at >= failure.index || (at === failure.index - 1 && cx.tokens[at].kind === Tok.NEWLINE);
  if (reached) return failure.error;
  if (pf.final) return pf.error;
  if (failure.raised) return failure.error;
  const open = failure.parens[failure.parens.length - 1];
  if (open && cx.src.lineOf(pf.at) > open.lineno) return unclosedParenError(cx.src, open);
  return pf.error;
}

/** CPython reads '\r\n' and '\r' as '\n', and gives exec input a final newline. */
/** CPython's translate_newlines: '\n' line ends only, and one at the end. */
export function normalizeNewlines(source: string): string {
  const text = source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
  return text.endsWith('\n') ? text : text + '\n';
}
