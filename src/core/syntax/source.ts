/**
 * The source text and its coordinates. Lezer and our tokenizer speak in UTF-16
 * offsets into the JS string; CPython's AST speaks in (1-based line, 0-based
 * UTF-8 byte column) and SyntaxError.offset in 1-based code-point columns. This
 * file converts between them, quickly for the all-ASCII lines that dominate.
 */

export interface Pos {
  lineno: number;
  col: number;
}

export class SourceText {
  /** Offset of the first character of each line; lineStarts[0] is line 1. */
  readonly lineStarts: number[] = [0];
  private readonly asciiLine: boolean[] = [];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
    for (let l = 0; l < this.lineStarts.length; l++) {
      this.asciiLine.push(isAscii(text, this.lineStarts[l], this.lineEnd(l + 1)));
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 1-based line containing `offset` (an offset at a '\n' belongs to that line). */
  lineOf(offset: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  lineStart(lineno: number): number {
    return this.lineStarts[lineno - 1];
  }

  /** Offset of the line's '\n' (or the end of the text). */
  lineEnd(lineno: number): number {
    return lineno < this.lineStarts.length ? this.lineStarts[lineno] - 1 : this.text.length;
  }

  lineText(lineno: number): string {
    return this.text.slice(this.lineStart(lineno), this.lineEnd(lineno));
  }

  /** CPython's AST position of an offset: line and UTF-8 byte column. */
  pos(offset: number): Pos {
    const lineno = this.lineOf(offset);
    const start = this.lineStarts[lineno - 1];
    const col = this.asciiLine[lineno - 1] ? offset - start : utf8Length(this.text, start, offset);
    return { lineno, col };
  }

  /** SyntaxError's 1-based code-point column of an offset. */
  charCol(offset: number): number {
    const lineno = this.lineOf(offset);
    const start = this.lineStarts[lineno - 1];
    return codePoints(this.text, start, offset) + 1;
  }
}

function isAscii(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

export function utf8Length(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < to) {
      n += 4; // a surrogate pair is one 4-byte character
      i++;
    } else n += 3;
  }
  return n;
}

/** The string index where the first `byteOffset` UTF-8 bytes of `text` end (AST columns are bytes). */
export function indexOfUtf8Offset(text: string, byteOffset: number): number {
  let bytes = 0;
  let i = 0;
  while (i < text.length && bytes < byteOffset) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c < 0xdc00 && i + 1 < text.length;
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    i += pair ? 2 : 1;
  }
  return i;
}

export function codePoints(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < to) i++;
    n++;
  }
  return n;
}
