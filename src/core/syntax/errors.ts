/**
 * SyntaxError and its subclasses as CPython 3.11 reports them. Positions follow
 * CPython's SyntaxError attributes: 1-based `lineno`, and `offset` as a 1-based
 * column counted in code points (Parser/pegen_errors.c converts the parser's
 * byte columns to characters before raising).
 */

import { codePoints, type SourceText } from './source';

export type SyntaxErrorType = 'SyntaxError' | 'IndentationError' | 'TabError';

export class PySyntaxError extends Error {
  constructor(
    public type: SyntaxErrorType,
    public msg: string,
    public lineno: number,
    /** 1-based column in code points, like CPython's SyntaxError.offset. */
    public offset: number,
    public endLineno: number,
    public endOffset: number,
    /** The source line the error is on. */
    public text: string,
    /** False when `text` is not a line of the source (an f-string field's own text). */
    public textInSource = true,
  ) {
    super(`${msg} (line ${lineno})`);
    this.name = type;
  }
}

/**
 * An error whose position is a range of source offsets, the way the parser
 * raises them (RAISE_ERROR_KNOWN_LOCATION): offset is the start's column + 1.
 */
export function errorAtRange(
  src: SourceText,
  msg: string,
  from: number,
  to: number,
  type: SyntaxErrorType = 'SyntaxError',
): PySyntaxError {
  const lineno = src.lineOf(from);
  const endLineno = src.lineOf(to);
  return new PySyntaxError(
    type,
    msg,
    lineno,
    src.charCol(from),
    endLineno,
    src.charCol(to),
    lineText(src, lineno),
  );
}

/**
 * An error raised by the tokenizer's syntaxerror(): the offset counts the
 * characters consumed on the line so far, i.e. the column just after `cur - 1`.
 */
export function tokenizerError(src: SourceText, msg: string, lineno: number, cur: number): PySyntaxError {
  const start = src.lineStart(lineno);
  const offset = cur <= start ? 0 : codePoints(src.text, start, cur);
  return new PySyntaxError('SyntaxError', msg, lineno, offset, lineno, offset, lineText(src, lineno));
}

/** An error at a line and a 1-based column given directly (indentation errors). */
export function errorAtLine(
  src: SourceText,
  type: SyntaxErrorType,
  msg: string,
  lineno: number,
  offset: number,
  endOffset = -1,
): PySyntaxError {
  return new PySyntaxError(type, msg, lineno, offset, lineno, endOffset, lineText(src, lineno));
}

function lineText(src: SourceText, lineno: number): string {
  if (lineno > src.lineCount) return '';
  return src.lineText(lineno) + (lineno < src.lineCount ? '\n' : '');
}
