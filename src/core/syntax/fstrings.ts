/**
 * Adjacent string literals and f-strings, built into Constant / JoinedStr /
 * FormattedValue exactly as CPython 3.11 does (@cpython Parser/action_helpers.c
 * _PyPegen_concatenate_strings, Parser/string_parser.c fstring_*):
 *
 * - literal text is merged across adjacent literals and f-strings until an
 *   expression interrupts it; empty pieces vanish;
 * - every Constant and FormattedValue carries the position of the whole
 *   concatenation, except a format spec's JoinedStr (and the Constant that
 *   ends it), which carry the position of the one string token holding it;
 * - each replacement field's expression is parsed on its own, as CPython does
 *   with "(" + expression + ")", so a bare tuple's position includes the braces.
 */

import { parser } from '@lezer/python';
import type { Expr, JoinedStr, Located } from './ast';
import { type Context, ParserFailure } from './context';
import { PySyntaxError } from './errors';
import { parseModule } from './parse';
import { type Node, kids } from './cst';
import { lowerExprList } from './lower-expr';
import {
  LiteralError,
  asciiBytes,
  decodeBytesEscapes,
  decodeStrEscapes,
  readStringToken,
  type StringToken,
} from './strings';

/** Literal text waiting to become a Constant, and the parts built so far. */
class Parts {
  lastStr = '';
  readonly values: Expr[] = [];
  fmode = false;
}

interface Piece {
  node: Node;
  token: StringToken;
}

export function lowerStrings(cx: Context, nodes: readonly Node[]): Expr {
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  const whole = cx.loc(first.from, last.to);
  const errorAt = last.to;
  const pieces = nodes.map((node) => ({
    node,
    token: readStringToken(cx.text, node.from + cx.shift, node.to + cx.shift),
  }));
  const bytesmode = pieces[0].token.bytes;
  if (pieces.some((p) => p.token.bytes !== bytesmode)) {
    throw cx.failAtToken('cannot mix bytes and nonbytes literals', errorAt);
  }
  try {
    if (bytesmode) return lowerBytes(cx, pieces, whole);
    const parts = new Parts();
    const kind = pieces[0].token.u ? 'u' : null;
    for (const piece of pieces) {
      if (piece.token.fstring) {
        new FStringScanner(cx, piece, whole, kind).concat(parts, 0);
      } else {
        parts.lastStr += decodeBody(cx, piece.token);
      }
    }
    return finish(parts, whole, kind);
  } catch (e) {
    if (e instanceof LiteralError) throw cx.failAtToken(e.msg, errorAt);
    throw e;
  }
}

function lowerBytes(cx: Context, pieces: readonly Piece[], whole: Located): Expr {
  const chunks: Uint8Array[] = [];
  for (const { node, token } of pieces) {
    const body = cx.text.slice(token.bodyStart, token.bodyEnd);
    if (/[^\x00-\x7f]/.test(body)) {
      throw cx.fail('bytes can only contain ASCII literal characters', node.from, node.to);
    }
    chunks.push(token.raw ? asciiBytes(body) : decodeBytesEscapes(body));
  }
  const value = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    value.set(c, at);
    at += c.length;
  }
  return { _type: 'Constant', value: { kind: 'bytes', value }, kind: null, ...whole };
}

function decodeBody(cx: Context, token: StringToken): string {
  const body = cx.text.slice(token.bodyStart, token.bodyEnd);
  return token.raw ? body : decodeStrEscapes(body);
}

/** @cpython Parser/string_parser.c _PyPegen_FstringParser_Finish */
function finish(parts: Parts, loc: Located, kind: string | null): Expr {
  if (!parts.fmode) {
    return { _type: 'Constant', value: { kind: 'str', value: parts.lastStr }, kind, ...loc };
  }
  flush(parts, loc, kind);
  return { _type: 'JoinedStr', values: parts.values, ...loc };
}

function flush(parts: Parts, loc: Located, kind: string | null): void {
  if (parts.lastStr === '') return;
  parts.values.push({ _type: 'Constant', value: { kind: 'str', value: parts.lastStr }, kind, ...loc });
  parts.lastStr = '';
}

const fail = (msg: string): LiteralError => new LiteralError(msg);

/** Scans one f-string token's body (@cpython Parser/string_parser.c fstring_find_*). */
class FStringScanner {
  private readonly s: string;
  private i: number;
  private readonly end: number;
  private readonly raw: boolean;
  private readonly tokenLoc: Located;

  constructor(
    private readonly cx: Context,
    piece: Piece,
    private readonly whole: Located,
    private readonly kind: string | null,
  ) {
    this.s = cx.text;
    this.i = piece.token.bodyStart;
    this.end = piece.token.bodyEnd;
    this.raw = piece.token.raw;
    this.tokenLoc = cx.loc(piece.node.from, piece.node.to);
  }

  /** @cpython Parser/string_parser.c _PyPegen_FstringParser_ConcatFstring */
  concat(parts: Parts, level: number): void {
    parts.fmode = true;
    for (;;) {
      const { literal, more } = this.findLiteral(level);
      parts.lastStr += literal;
      if (more) continue;
      if (this.i >= this.end || this.s[this.i] === '}') break;
      const { exprText, value } = this.findExpr(level);
      if (exprText) parts.lastStr += exprText;
      flush(parts, this.whole, this.kind);
      parts.values.push(value);
    }
    if (level === 0 && this.i < this.end) throw fail("f-string: single '}' is not allowed");
    if (level !== 0 && this.s[this.i] !== '}') throw fail("f-string: expecting '}'");
  }

  /** Literal text up to an expression; `more` when a doubled brace cut it short. */
  private findLiteral(level: number): { literal: string; more: boolean } {
    const s = this.s;
    const start = this.i;
    let i = this.i;
    while (i < this.end) {
      let ch = s[i++];
      if (!this.raw && ch === '\\' && i < this.end) {
        ch = s[i++];
        if (ch === 'N') {
          if (i < this.end && s[i++] === '{') {
            while (i < this.end && s[i++] !== '}');
          }
          continue;
        }
      }
      if (ch === '{' || ch === '}') {
        if (level === 0) {
          if (i < this.end && s[i] === ch) {
            this.i = i + 1;
            return { literal: this.decode(start, i), more: true };
          }
          if (ch === '}') {
            this.i = i - 1;
            throw fail("f-string: single '}' is not allowed");
          }
        }
        i--;
        break;
      }
    }
    this.i = i;
    return { literal: this.decode(start, i), more: false };
  }

  private decode(from: number, to: number): string {
    const text = this.s.slice(from, to);
    return this.raw ? text : decodeStrEscapes(text);
  }

  /** @cpython Parser/string_parser.c fstring_find_expr */
  private findExpr(level: number): { exprText: string | null; value: Expr } {
    if (level >= 2) throw fail('f-string: expressions nested too deeply');
    const s = this.s;
    const brace = this.i;
    const exprStart = ++this.i;
    this.skipExpression();
    const exprEnd = this.i;
    if (this.i >= this.end) throw fail("f-string: expecting '}'");
    const value = this.compile(brace, exprStart, exprEnd);
    let exprText: string | null = null;
    if (s[this.i] === '=') {
      this.i++;
      while (/\s/.test(s[this.i] ?? '') && this.i < this.end) this.i++;
      if (this.i >= this.end) throw fail("f-string: expecting '}'");
      exprText = s.slice(exprStart, this.i);
    }
    let conversion = -1;
    if (s[this.i] === '!') {
      this.i++;
      if (this.i >= this.end) throw fail("f-string: expecting '}'");
      const c = s[this.i++];
      if (c !== 's' && c !== 'r' && c !== 'a') {
        throw fail("f-string: invalid conversion character: expected 's', 'r', or 'a'");
      }
      conversion = c.charCodeAt(0);
    }
    if (this.i >= this.end) throw fail("f-string: expecting '}'");
    let formatSpec: JoinedStr | null = null;
    if (s[this.i] === ':') {
      this.i++;
      if (this.i >= this.end) throw fail("f-string: expecting '}'");
      formatSpec = this.formatSpec(level + 1);
    }
    if (this.i >= this.end || s[this.i] !== '}') throw fail("f-string: expecting '}'");
    this.i++;
    if (exprText !== null && formatSpec === null && conversion === -1) conversion = 'r'.charCodeAt(0);
    return {
      exprText,
      value: { _type: 'FormattedValue', value, conversion, format_spec: formatSpec, ...this.whole },
    };
  }

  /** A format spec is an f-string of its own, placed at this token (fstring_parse). */
  private formatSpec(level: number): JoinedStr {
    const parts = new Parts();
    this.concat(parts, level);
    flush(parts, this.tokenLoc, null);
    return { _type: 'JoinedStr', values: parts.values, ...this.tokenLoc };
  }

  /** Advances over the expression text, tracking quotes and brackets. */
  private skipExpression(): void {
    this.i = expressionEnd(this.s, this.i, this.end);
  }

  /**
   * @cpython Parser/string_parser.c fstring_compile_expr: the expression is
   * parsed as "(" + text + ")" laid over the braces, so offsets line up.
   */
  private compile(brace: number, exprStart: number, exprEnd: number): Expr {
    const text = this.s.slice(exprStart, exprEnd);
    if (/^[ \t\n\f]*$/.test(text)) {
      const c = this.s[exprEnd];
      throw fail(
        c === '!' || c === ':' || c === '='
          ? `f-string: expression required before '${c}'`
          : 'f-string: empty expression not allowed',
      );
    }
    const tree = parser.parse(`(${text})`);
    const stmts = kids(tree.topNode);
    let broken = stmts.length !== 1 || stmts[0].name !== 'ExpressionStatement';
    tree.iterate({
      enter: (n) => {
        if (n.type.isError) broken = true;
      },
    });
    if (broken) throw fieldError(this.cx, brace, text);
    try {
      return lowerExprList(this.cx.shifted(brace), kids(stmts[0]));
    } catch (e) {
      if (e instanceof ParserFailure) throw fieldError(this.cx, brace, text);
      throw e;
    }
  }
}

/**
 * The SyntaxError of a replacement field whose expression does not parse: CPython's second
 * parser reads "(" + expression + ")" on its own, so the error's columns and text are those
 * of that string, its line counts from the line of the field's brace, and its message starts
 * with "f-string: " (@cpython Parser/pegen_errors.c _PyPegen_raise_error_known_location).
 */
function fieldError(cx: Context, brace: number, text: string): ParserFailure | LiteralError {
  let err: PySyntaxError | null = null;
  try {
    parseModule(`(${text})`);
  } catch (e) {
    if (!(e instanceof PySyntaxError)) throw e;
    err = e;
  }
  if (err === null) return fail('f-string: invalid syntax');
  const base = cx.src.lineOf(brace) - 1;
  const lines = `(${text})`.split('\n');
  const line = lines[Math.min(err.lineno, lines.length) - 1] + '\n';
  const endLine = lines[Math.min(err.endLineno, lines.length) - 1] ?? '';
  const error = new PySyntaxError(
    err.type,
    'f-string: ' + err.msg,
    base + err.lineno,
    byteColumn(line, err.offset),
    base + err.endLineno,
    byteColumn(endLine, err.endOffset),
    line,
    false,
  );
  return new ParserFailure(error, brace);
}

/** A field error's 1-based column stays a UTF-8 byte column: non-ASCII characters count their bytes. */
function byteColumn(line: string, col: number): number {
  if (col <= 0) return col;
  let n = 1;
  let k = 1;
  for (const ch of line) {
    if (k++ >= col) break;
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/**
 * Where the expression of a replacement field that starts at `from` ends: at the `!`, `:`,
 * `=` or `}` outside brackets and strings that follows it (`!=`, `==`, `<=`, `>=` do not end
 * it). Throws LiteralError with CPython's message for what a field may not contain.
 * @cpython Parser/string_parser.c fstring_find_expr
 */
export function expressionEnd(s: string, from: number, end: number): number {
  let i = from;
  let quote = '';
  let triple = false;
  const stack: string[] = [];
  for (; i < end; i++) {
    const ch = s[i];
    if (ch === '\\') throw fail('f-string expression part cannot include a backslash');
    if (quote) {
      if (ch !== quote) continue;
      if (!triple) quote = '';
      else if (i + 2 < end && s[i + 1] === ch && s[i + 2] === ch) {
        i += 2;
        quote = '';
        triple = false;
      }
    } else if (ch === "'" || ch === '"') {
      triple = i + 2 < end && s[i + 1] === ch && s[i + 2] === ch;
      if (triple) i += 2;
      quote = ch;
    } else if (ch === '[' || ch === '{' || ch === '(') {
      stack.push(ch);
    } else if (ch === '#') {
      throw fail("f-string expression part cannot include '#'");
    } else if (stack.length === 0 && '!:}=<>'.includes(ch)) {
      const next = s[i + 1];
      if (i + 1 < end && next === '=' && '!=<>'.includes(ch)) {
        i++;
        continue;
      }
      if (ch === '<' || ch === '>') continue;
      break;
    } else if (ch === ']' || ch === '}' || ch === ')') {
      const open = stack.pop();
      if (!open) throw fail(`f-string: unmatched '${ch}'`);
      if (CLOSER[open] !== ch) {
        throw fail(`f-string: closing parenthesis '${ch}' does not match opening parenthesis '${open}'`);
      }
    }
  }
  if (quote) throw fail('f-string: unterminated string');
  if (stack.length > 0) throw fail(`f-string: unmatched '${stack[stack.length - 1]}'`);
  return i;
}
