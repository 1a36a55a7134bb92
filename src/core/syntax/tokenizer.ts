/**
 * A port of CPython 3.11's tokenizer (Parser/tokenizer.c, tok_get), kept for
 * what Lezer cannot tell us: where CPython's tokens begin and end (so parser
 * errors point where CPython's do) and the tokenizer's own errors (indentation,
 * unterminated strings, bad numbers, unbalanced brackets, stray characters),
 * raised with CPython's messages and positions.
 *
 * Contracts: the text has '\n' line ends only and ends with '\n' (CPython's
 * translate_newlines adds one to exec input). Tokenizing stops at the first
 * error, which is returned, not thrown: the parse decides which error wins.
 */

import { PySyntaxError, errorAtLine, tokenizerError } from './errors';
import { IndentStack, stepIndent } from './indentation';
import type { SourceText } from './source';
import { codePoints } from './source';

export const enum Tok {
  NAME,
  NUMBER,
  STRING,
  OP,
  NEWLINE,
  INDENT,
  DEDENT,
  ENDMARKER,
}

export interface Token {
  kind: Tok;
  start: number;
  end: number;
  /** tok->lineno when the token was made (the first line, for strings). */
  lineno: number;
  /**
   * INDENT, DEDENT and error tokens have no start in CPython (col_offset -1):
   * errors at them report the tokenizer's current column instead, kept here.
   */
  curCol?: number;
}

export interface Paren {
  char: string;
  lineno: number;
  offset: number;
}

export interface TokenizerFailure {
  error: PySyntaxError;
  /**
   * True for errors the tokenizer raises itself (syntaxerror()): when CPython
   * re-tokenizes the rest of the file after a parser error, these replace it.
   */
  raised: boolean;
  /** How many tokens came before the failing one. */
  index: number;
  lineno: number;
  /** Brackets still open when it failed. */
  parens: Paren[];
}

export interface TokenizeResult {
  tokens: Token[];
  failure: TokenizerFailure | null;
}

const EOF = -1;
const MAXLEVEL = 200;

class Failure {
  constructor(
    readonly error: PySyntaxError,
    readonly raised: boolean,
  ) {}
}

/** @cpython Parser/tokenizer.c tok_get */
export function tokenize(src: SourceText): TokenizeResult {
  return new Tokenizer(src).run();
}

class Tokenizer {
  private readonly text: string;
  private cur = 0;
  private lineno = 1;
  private atbol = true;
  private pendin = 0;
  private readonly indents = new IndentStack();
  private readonly parens: Paren[] = [];
  private readonly tokens: Token[] = [];

  constructor(private readonly src: SourceText) {
    this.text = src.text;
  }

  run(): TokenizeResult {
    try {
      for (;;) {
        const tok = this.next();
        this.tokens.push(tok);
        if (tok.kind === Tok.ENDMARKER) break;
      }
      return { tokens: this.tokens, failure: null };
    } catch (e) {
      if (!(e instanceof Failure)) throw e;
      const failure: TokenizerFailure = {
        error: e.error,
        raised: e.raised,
        index: this.tokens.length,
        lineno: this.lineno,
        parens: this.parens.slice(),
      };
      return { tokens: this.tokens, failure };
    }
  }

  // ------------------------------------------------------------ characters

  private nextc(): number {
    if (this.cur >= this.text.length) return EOF;
    if (this.cur === this.src.lineStarts[this.lineno]) this.lineno++;
    return this.text.charCodeAt(this.cur++);
  }

  private backup(c: number): void {
    if (c !== EOF) this.cur--;
  }

  private peek(ahead = 0): number {
    const i = this.cur + ahead;
    return i < this.text.length ? this.text.charCodeAt(i) : EOF;
  }

  private get lineStart(): number {
    return this.src.lineStart(this.lineno);
  }

  /** The column CPython reports for a token without a start: chars up to cur. */
  private curCol(): number {
    return codePoints(this.text, this.lineStart, Math.max(this.cur, this.lineStart));
  }

  // ---------------------------------------------------------------- errors

  /** @cpython Parser/tokenizer.c syntaxerror */
  private syntaxError(msg: string): Failure {
    return new Failure(tokenizerError(this.src, msg, this.lineno, this.cur), true);
  }

  /** Errors the tokenizer only signals (tok->done); pegen turns them into exceptions. */
  private doneError(
    type: 'IndentationError' | 'TabError' | 'SyntaxError',
    msg: string,
    offset: number,
  ): Failure {
    return new Failure(
      errorAtLine(this.src, type, msg, this.lineno, offset, type === 'IndentationError' ? -1 : 0),
      false,
    );
  }

  private eofError(): Failure {
    const open = this.parens[this.parens.length - 1];
    if (open) return new Failure(unclosedParenError(this.src, open), false);
    return new Failure(
      errorAtLine(this.src, 'SyntaxError', 'unexpected EOF while parsing', this.lineno, this.curCol(), -1),
      false,
    );
  }

  // ---------------------------------------------------------------- tokens

  private make(kind: Tok, start: number, end = this.cur): Token {
    return { kind, start, end, lineno: this.lineno };
  }

  private next(): Token {
    for (;;) {
      let blankline = false;
      if (this.atbol) {
        this.atbol = false;
        blankline = this.indentation();
      }
      if (this.pendin !== 0) {
        const kind = this.pendin < 0 ? Tok.DEDENT : Tok.INDENT;
        this.pendin += this.pendin < 0 ? 1 : -1;
        return { kind, start: this.cur, end: this.cur, lineno: this.lineno, curCol: this.curCol() };
      }
      const tok = this.again(blankline);
      if (tok) return tok;
    }
  }

  /** Measures a new line's indentation; returns whether the line is blank. */
  private indentation(): boolean {
    let col = 0;
    let altcol = 0;
    let contLineCol = 0;
    let c: number;
    for (;;) {
      c = this.nextc();
      if (c === 32 || c === 9 || c === 12) {
        [col, altcol] = stepIndent(c, col, altcol);
      } else if (c === 92) {
        // Indentation cannot be split with backslashes: the first one fixes it.
        contLineCol = contLineCol || col;
        this.continuationLine();
      } else break;
    }
    this.backup(c);
    const blankline = c === 35 || c === 10;
    if (blankline || this.parens.length > 0) return blankline;
    if (contLineCol) col = altcol = contLineCol;
    const change = this.indents.apply(col, altcol);
    switch (change.kind) {
      case 'indent':
        this.pendin++;
        break;
      case 'dedent':
        this.pendin -= change.count;
        break;
      case 'bad-dedent':
        this.cur = this.src.lineEnd(this.lineno) + 1;
        throw this.doneError(
          'IndentationError',
          'unindent does not match any outer indentation level',
          this.curCol(),
        );
      case 'tabspace':
        throw this.doneError('TabError', 'inconsistent use of tabs and spaces in indentation', 1);
      case 'too-deep':
        throw this.doneError('IndentationError', 'too many levels of indentation', 1);
    }
    return false;
  }

  /** @cpython Parser/tokenizer.c tok_continuation_line */
  private continuationLine(): void {
    const c = this.nextc();
    if (c !== 10) {
      throw this.doneError(
        'SyntaxError',
        'unexpected character after line continuation character',
        this.curCol(),
      );
    }
    if (this.peek() === EOF) throw this.eofError();
  }

  /** The body of tok_get after the indentation ("again:"); null means read the next line. */
  private again(blankline: boolean): Token | null {
    let c: number;
    do c = this.nextc();
    while (c === 32 || c === 9 || c === 12);
    const start = this.cur - 1;
    if (c === 35) {
      while (c !== EOF && c !== 10) c = this.nextc();
    }
    if (c === EOF) {
      if (this.parens.length > 0) throw this.eofError();
      // CPython's ENDMARKER starts at the final newline, on the last line.
      return this.make(Tok.ENDMARKER, Math.max(this.cur - 1, 0), this.cur);
    }
    if (isIdentifierStart(c)) return this.identifierOrString(c, start);
    if (c === 10) {
      this.atbol = true;
      if (blankline || this.parens.length > 0) return null;
      return this.make(Tok.NEWLINE, start, this.cur - 1);
    }
    if (c === 46) return this.dot(start);
    if (isDigit(c)) return this.number(c, start);
    if (c === 39 || c === 34) return this.string(c, start);
    if (c === 92) {
      this.continuationLine();
      return this.again(blankline);
    }
    return this.operator(c, start);
  }

  private identifierOrString(first: number, start: number): Token {
    let c = first;
    let b = false;
    let r = false;
    let u = false;
    let f = false;
    for (;;) {
      const lower = c | 0x20;
      if (!(b || u || f) && lower === 98) b = true;
      else if (!(b || u || r || f) && lower === 117) u = true;
      else if (!(r || u) && lower === 114) r = true;
      else if (!(f || b || u) && lower === 102) f = true;
      else break;
      c = this.nextc();
      if (c === 39 || c === 34) return this.string(c, start);
    }
    let nonascii = false;
    while (isIdentifierChar(c)) {
      if (c >= 128) nonascii = true;
      c = this.nextc();
    }
    this.backup(c);
    if (nonascii) this.verifyIdentifier(start);
    return this.make(Tok.NAME, start);
  }

  /** @cpython Parser/tokenizer.c verify_identifier */
  private verifyIdentifier(start: number): void {
    const word = this.text.slice(start, this.cur);
    let i = 0;
    for (const ch of word) {
      const valid = i === 0 ? ID_START.test(ch) : ID_CONTINUE.test(ch);
      if (!valid) {
        this.cur = start + i + ch.length;
        const hex = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
        throw this.syntaxError(
          isPrintable(ch)
            ? `invalid character '${ch}' (U+${hex})`
            : `invalid non-printable character U+${hex}`,
        );
      }
      i += ch.length;
    }
  }

  private dot(start: number): Token {
    const c = this.nextc();
    if (isDigit(c)) return this.fraction(c, start);
    if (c === 46 && this.peek() === 46) {
      this.nextc();
      return this.make(Tok.OP, start);
    }
    this.backup(c);
    return this.make(Tok.OP, start);
  }

  // --------------------------------------------------------------- numbers

  private number(first: number, start: number): Token {
    if (first === 48) return this.zeroNumber(start);
    const c = this.decimalTail();
    return this.afterInteger(c, start);
  }

  private afterInteger(c: number, start: number): Token {
    if (c === 46) return this.fraction(this.nextc(), start);
    return this.exponentOrEnd(c, start);
  }

  private fraction(c: number, start: number): Token {
    if (isDigit(c)) c = this.decimalTail();
    return this.exponentOrEnd(c, start);
  }

  private exponentOrEnd(c: number, start: number): Token {
    if (c === 101 || c === 69) {
      const e = c;
      c = this.nextc();
      if (c === 43 || c === 45) {
        c = this.nextc();
        if (!isDigit(c)) {
          this.backup(c);
          throw this.syntaxError('invalid decimal literal');
        }
      } else if (!isDigit(c)) {
        this.backup(c);
        this.verifyEndOfNumber(e, 'decimal');
        this.backup(e);
        return this.make(Tok.NUMBER, start);
      }
      c = this.decimalTail();
    }
    if (c === 106 || c === 74) {
      c = this.nextc();
      this.verifyEndOfNumber(c, 'imaginary');
    } else {
      this.verifyEndOfNumber(c, 'decimal');
    }
    this.backup(c);
    return this.make(Tok.NUMBER, start);
  }

  /** @cpython Parser/tokenizer.c tok_decimal_tail */
  private decimalTail(): number {
    for (;;) {
      let c: number;
      do c = this.nextc();
      while (isDigit(c));
      if (c !== 95) return c;
      c = this.nextc();
      if (!isDigit(c)) {
        this.backup(c);
        throw this.syntaxError('invalid decimal literal');
      }
    }
  }

  private zeroNumber(start: number): Token {
    let c = this.nextc();
    const lower = c | 0x20;
    if (lower === 120) return this.radixNumber(start, 'hexadecimal', isHexDigit);
    if (lower === 111) return this.radixNumber(start, 'octal', (d) => d >= 48 && d < 56);
    if (lower === 98) return this.radixNumber(start, 'binary', (d) => d === 48 || d === 49);
    let nonzero = false;
    for (;;) {
      if (c === 95) {
        c = this.nextc();
        if (!isDigit(c)) {
          this.backup(c);
          throw this.syntaxError('invalid decimal literal');
        }
      }
      if (c !== 48) break;
      c = this.nextc();
    }
    const zerosEnd = this.cur;
    if (isDigit(c)) {
      nonzero = true;
      c = this.decimalTail();
    }
    if (c === 46) return this.fraction(this.nextc(), start);
    if (c === 101 || c === 69 || c === 106 || c === 74) return this.exponentOrEnd(c, start);
    if (nonzero) {
      this.backup(c);
      const ls = this.lineStart;
      const msg =
        'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers';
      const err = tokenizerError(this.src, msg, this.lineno, this.cur);
      err.offset = codePoints(this.text, ls, start) + 1;
      err.endOffset = codePoints(this.text, ls, zerosEnd - 1) + 1;
      throw new Failure(err, true);
    }
    this.verifyEndOfNumber(c, 'decimal');
    this.backup(c);
    return this.make(Tok.NUMBER, start);
  }

  private radixNumber(start: number, kind: string, isRadixDigit: (c: number) => boolean): Token {
    let c = this.nextc();
    do {
      if (c === 95) c = this.nextc();
      if (!isRadixDigit(c)) {
        if (kind !== 'hexadecimal' && isDigit(c)) {
          throw this.syntaxError(`invalid digit '${String.fromCharCode(c)}' in ${kind} literal`);
        }
        this.backup(c);
        throw this.syntaxError(`invalid ${kind} literal`);
      }
      do c = this.nextc();
      while (isRadixDigit(c));
    } while (c === 95);
    if (kind !== 'hexadecimal' && isDigit(c)) {
      throw this.syntaxError(`invalid digit '${String.fromCharCode(c)}' in ${kind} literal`);
    }
    this.verifyEndOfNumber(c, kind);
    this.backup(c);
    return this.make(Tok.NUMBER, start);
  }

  /**
   * @cpython Parser/tokenizer.c verify_end_of_number: a number glued to a
   * keyword that may follow it (`1if x else y`) is only a warning in 3.11.
   */
  private verifyEndOfNumber(c: number, kind: string): void {
    if (this.keywordFollows(c)) return;
    if (c >= 0 && c < 128 && isIdentifierChar(c)) {
      this.backup(c);
      throw this.syntaxError(`invalid ${kind} literal`);
    }
  }

  private keywordFollows(c: number): boolean {
    const rest = (s: string): boolean =>
      this.text.startsWith(s, this.cur) && !isIdentifierChar(this.peek(s.length));
    switch (c) {
      case 97:
        return rest('nd');
      case 101:
        return rest('lse');
      case 102:
        return rest('or');
      case 105: {
        const c2 = this.peek();
        return c2 === 102 || c2 === 110 || c2 === 115;
      }
      case 111:
        return rest('r');
      case 110:
        return rest('ot');
      default:
        return false;
    }
  }

  // --------------------------------------------------------------- strings

  private string(quote: number, start: number): Token {
    const firstLineno = this.lineno;
    let quoteSize = 1;
    let endQuoteSize = 0;
    let c = this.nextc();
    if (c === quote) {
      c = this.nextc();
      if (c === quote) quoteSize = 3;
      else endQuoteSize = 1; // empty string
    }
    if (c !== quote) this.backup(c);
    while (endQuoteSize !== quoteSize) {
      c = this.nextc();
      if (c === EOF || (quoteSize === 1 && c === 10)) {
        const detected = this.lineno;
        this.lineno = firstLineno;
        this.cur = start + 1;
        const what =
          quoteSize === 3 ? 'unterminated triple-quoted string literal' : 'unterminated string literal';
        throw this.syntaxError(`${what} (detected at line ${detected})`);
      }
      if (c === quote) endQuoteSize++;
      else {
        endQuoteSize = 0;
        if (c === 92) this.nextc();
      }
    }
    return { kind: Tok.STRING, start, end: this.cur, lineno: firstLineno };
  }

  // ------------------------------------------------------------- operators

  private operator(c: number, start: number): Token {
    const two = this.text.slice(start, start + 2);
    if (TWO_CHARS.has(two)) {
      this.nextc();
      if (THREE_CHARS.has(this.text.slice(start, start + 3))) this.nextc();
      return this.make(Tok.OP, start);
    }
    this.brackets(c);
    if (!isPrintable(String.fromCharCode(c))) {
      const hex = c.toString(16).toUpperCase().padStart(4, '0');
      throw this.syntaxError(`invalid non-printable character U+${hex}`);
    }
    return this.make(Tok.OP, start);
  }

  private brackets(c: number): void {
    const ch = String.fromCharCode(c);
    if (ch === '(' || ch === '[' || ch === '{') {
      if (this.parens.length >= MAXLEVEL) throw this.syntaxError('too many nested parentheses');
      this.parens.push({ char: ch, lineno: this.lineno, offset: this.cur - 1 });
    } else if (ch === ')' || ch === ']' || ch === '}') {
      const open = this.parens.pop();
      if (!open) throw this.syntaxError(`unmatched '${ch}'`);
      if (CLOSER[open.char] !== ch) {
        const where = open.lineno !== this.lineno ? ` on line ${open.lineno}` : '';
        throw this.syntaxError(
          `closing parenthesis '${ch}' does not match opening parenthesis '${open.char}'${where}`,
        );
      }
    }
  }
}

/** @cpython Parser/pegen_errors.c raise_unclosed_parentheses_error */
export function unclosedParenError(src: SourceText, open: Paren): PySyntaxError {
  const col = src.charCol(open.offset);
  return errorAtLine(src, 'SyntaxError', `'${open.char}' was never closed`, open.lineno, col, 0);
}

const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

const TWO_CHARS = new Set([
  '!=',
  '%=',
  '&=',
  '**',
  '*=',
  '+=',
  '-=',
  '->',
  '//',
  '/=',
  ':=',
  '<<',
  '<=',
  '<>',
  '==',
  '>=',
  '>>',
  '@=',
  '^=',
  '|=',
]);
const THREE_CHARS = new Set(['**=', '...', '//=', '<<=', '>>=']);

// Unicode's ID_Start/ID_Continue (which include Other_ID_*), close to Python's XID_*.
const ID_START = /[\p{ID_Start}_]/u;
const ID_CONTINUE = /\p{ID_Continue}/u;
const NON_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

function isPrintable(ch: string): boolean {
  return ch === ' ' || !NON_PRINTABLE.test(ch);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || ((c | 0x20) >= 97 && (c | 0x20) <= 102);
}

/** @cpython Parser/tokenizer.c is_potential_identifier_start */
function isIdentifierStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
}

function isIdentifierChar(c: number): boolean {
  return isIdentifierStart(c) || isDigit(c);
}
