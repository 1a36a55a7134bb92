/**
 * The finer carets of a CPython 3.11 traceback line: for a binary operation the operator
 * is marked `^` and its operands `~`; for a subscript the brackets part is `^` and the
 * value `~`. CPython finds them by parsing the highlighted source segment on its own.
 * @cpython Python/traceback.c extract_anchors_from_line, extract_anchors_from_expr (3.11)
 */
import { parseModule } from '../syntax/parse';
import type { Expr } from '../syntax/ast';
import { indexOfUtf8Offset } from '../syntax/source';

export interface CaretAnchors {
  /** Characters in [left, right) of the segment are drawn with `^`, the rest with `~`. */
  left: number;
  right: number;
}

const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\f';

export function caretAnchors(segment: string): CaretAnchors | null {
  let expr: Expr;
  try {
    const module = parseModule(segment);
    const first = module.body[0];
    if (first === undefined || first._type !== 'Expr') return null;
    expr = first.value;
  } catch {
    return null;
  }
  const toChar = (byteOffset: number) => indexOfUtf8Offset(segment, byteOffset);
  if (expr._type === 'BinOp') {
    const from = toChar(expr.left.end_col_offset);
    const to = toChar(expr.right.col_offset);
    for (let i = from; i < to; i++) {
      if (isWhitespace(segment[i])) continue;
      // A two-character operator (`//`, `**`, `<<`) is marked whole.
      const right = i + 1 < to && !isWhitespace(segment[i + 1]) ? i + 2 : i + 1;
      return { left: i, right };
    }
    return null;
  }
  if (expr._type === 'Subscript') {
    return { left: toChar(expr.value.end_col_offset), right: toChar(expr.slice.end_col_offset) + 1 };
  }
  return null;
}
