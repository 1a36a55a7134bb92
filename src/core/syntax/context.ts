/**
 * What every lowering function shares: the source, CPython's token stream
 * (for error positions), and how to turn offsets into AST positions.
 */

import type { Located } from './ast';
import type { Node } from './cst';
import { PySyntaxError, errorAtRange } from './errors';
import type { SourceText } from './source';
import { Tok, type Token } from './tokenizer';

/**
 * A parser-level error found while lowering. `at` is the offset of the last
 * token CPython's parser would have read, which decides whether a tokenizer
 * error further on takes precedence (see parse.ts).
 */
export class ParserFailure {
  constructor(
    readonly error: PySyntaxError,
    readonly at: number,
    /** Raised without re-tokenizing the rest of the file ("unexpected indent"). */
    readonly final = false,
  ) {}
}

export class Context {
  readonly text: string;
  /** Lezer's error nodes that stand for real syntax errors, in order (parse-errors.ts). */
  errors: Node[] = [];
  /** Lezer saw some numbers shortened (rewrite.ts): ends come from CPython's tokens. */
  numbersHidden = false;
  /** With-statements whose items Lezer did not see (rewrite.ts). */
  withItems = new Map<number, [number, number]>();

  constructor(
    readonly src: SourceText,
    readonly tokens: readonly Token[],
    /** Offsets of statement-level '@' that were hidden from Lezer (see rewrite.ts). */
    readonly decoratorAts: ReadonlySet<number>,
    /**
     * Lezer offsets are relative to what it parsed: an f-string's replacement
     * field is parsed on its own, and its offsets are shifted by this much.
     */
    readonly shift = 0,
    /** A piece parsed on its own (an f-string field, a decorator): no CPython tokens of its own. */
    readonly sub = false,
  ) {
    this.text = src.text;
  }

  /** The context for a piece of source parsed on its own, from absolute offset `base`. */
  shifted(base: number): Context {
    return new Context(this.src, this.tokens, this.decoratorAts, base, true);
  }

  /** The context for one top-level chunk of the module (parse.ts), from absolute offset `base`. */
  chunk(base: number): Context {
    const cx = new Context(this.src, this.tokens, this.decoratorAts, base, false);
    cx.numbersHidden = this.numbersHidden;
    cx.withItems = this.withItems;
    return cx;
  }

  /** The source between two local offsets. */
  textAt(from: number, to: number): string {
    return this.text.slice(from + this.shift, to + this.shift);
  }

  loc(from: number, to: number): Located {
    const a = this.src.pos(from + this.shift);
    const b = this.src.pos(this.numbersHidden ? this.numberEnd(to + this.shift) : to + this.shift);
    return { lineno: a.lineno, col_offset: a.col, end_lineno: b.lineno, end_col_offset: b.col };
  }

  /** An end inside a number Lezer saw shortened moves to the number's real end. */
  private numberEnd(to: number): number {
    const i = this.tokenIndexAt(to - this.shift) - 1;
    const t = this.tokens[i];
    return t && t.kind === Tok.NUMBER && t.end > to ? t.end : to;
  }

  nodeLoc(node: Node): Located {
    return this.loc(node.from, node.to);
  }

  slice(node: Node): string {
    return this.textAt(node.from, node.to);
  }

  /** Index of the first token starting at or after local `offset`. */
  tokenIndexAt(offset: number): number {
    offset += this.shift;
    const toks = this.tokens;
    let lo = 0;
    let hi = toks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (toks[mid].start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first real token (not INDENT/DEDENT) starting at or after `offset`. */
  /** (Token offsets are absolute.) */
  tokenAt(offset: number): Token | undefined {
    let i = this.tokenIndexAt(offset);
    while (
      i < this.tokens.length &&
      (this.tokens[i].kind === Tok.INDENT || this.tokens[i].kind === Tok.DEDENT)
    )
      i++;
    return this.tokens[i];
  }

  /** An error at a known range (RAISE_SYNTAX_ERROR_KNOWN_LOCATION / _RANGE). */
  fail(msg: string, from: number, to: number, at = to): ParserFailure {
    const s = this.shift;
    return new ParserFailure(errorAtRange(this.src, msg, from + s, to + s), at + s);
  }

  /** An error at the token starting at or after `offset` (RAISE_SYNTAX_ERROR at the last token read). */
  failAtToken(
    msg: string,
    offset: number,
    type: 'SyntaxError' | 'IndentationError' = 'SyntaxError',
  ): ParserFailure {
    const tok = this.tokenAt(offset);
    const from = tok ? tok.start : offset + this.shift;
    const to = tok ? tok.end : offset + this.shift;
    return new ParserFailure(errorAtRange(this.src, msg, from, to, type), from);
  }

  invalidSyntax(offset: number): ParserFailure {
    return this.failAtToken('invalid syntax', offset);
  }
}
