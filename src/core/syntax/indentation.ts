/**
 * The indentation stack of CPython's tokenizer (Parser/tokenizer.c, tok_get's
 * "Get indentation level" block). Each level is measured twice: `col` with tabs
 * to multiples of 8 and `altcol` with tabs counting 1. A line whose two
 * measures disagree with the stack about the nesting is ambiguous: TabError.
 */

/** @cpython Parser/tokenizer.c tok->tabsize (TABSIZE) and ALTTABSIZE */
const TABSIZE = 8;
const ALTTABSIZE = 1;
/** @cpython Include/internal/pycore_token.h MAXINDENT */
export const MAXINDENT = 100;

export type IndentChange =
  | { kind: 'same' }
  | { kind: 'indent' }
  | { kind: 'dedent'; count: number }
  /** E_DEDENT: the column matches no enclosing level. */
  | { kind: 'bad-dedent' }
  /** E_TABSPACE: tabs and spaces disagree. */
  | { kind: 'tabspace' }
  /** E_TOODEEP */
  | { kind: 'too-deep' };

export class IndentStack {
  private readonly cols: number[] = [0];
  private readonly altcols: number[] = [0];

  get depth(): number {
    return this.cols.length - 1;
  }

  /** Applies a logical line's indentation, as measured by {@link measureIndent}. */
  apply(col: number, altcol: number): IndentChange {
    const top = this.cols.length - 1;
    if (col === this.cols[top]) {
      return altcol !== this.altcols[top] ? { kind: 'tabspace' } : { kind: 'same' };
    }
    if (col > this.cols[top]) {
      if (top + 1 >= MAXINDENT) return { kind: 'too-deep' };
      if (altcol <= this.altcols[top]) return { kind: 'tabspace' };
      this.cols.push(col);
      this.altcols.push(altcol);
      return { kind: 'indent' };
    }
    let count = 0;
    while (this.cols.length > 1 && col < this.cols[this.cols.length - 1]) {
      this.cols.pop();
      this.altcols.pop();
      count++;
    }
    if (col !== this.cols[this.cols.length - 1]) return { kind: 'bad-dedent' };
    if (altcol !== this.altcols[this.altcols.length - 1]) return { kind: 'tabspace' };
    return { kind: 'dedent', count };
  }
}

/** Advances a (col, altcol) measure over one indentation character. */
export function stepIndent(c: number, col: number, altcol: number): [number, number] {
  if (c === 32) return [col + 1, altcol + 1];
  if (c === 9) {
    return [Math.floor(col / TABSIZE + 1) * TABSIZE, Math.floor(altcol / ALTTABSIZE + 1) * ALTTABSIZE];
  }
  return [0, 0]; // form feed resets the column ("for Emacs users")
}
