/**
 * Parsing a piece of the source on its own with Lezer: for constructs its
 * grammar does not cover (any-expression decorators, with-item targets,
 * tuple `match` subjects), as CPython itself does for f-string fields.
 * Offsets in the sub-tree are shifted back onto the source by a shifted Context.
 */

import { parser } from '@lezer/python';
import type { Expr } from './ast';
import type { Context } from './context';
import { kids } from './cst';
import { lowerExprList } from './lower-expr';
import { errorFor } from './parse-errors';

/** Parses local offsets [from, to) as an expression list (a Tuple if it has commas). */
export function subParseExpr(cx: Context, from: number, to: number): Expr {
  const sub = cx.shifted(from + cx.shift);
  const tree = parser.parse(cx.textAt(from, to));
  let firstError: Parameters<typeof errorFor>[1] | null = null;
  tree.iterate({
    enter: (ref) => {
      if (ref.type.isError && !firstError) firstError = ref.node;
    },
  });
  if (firstError) throw errorFor(sub, firstError);
  const stmts = kids(tree.topNode);
  if (stmts.length !== 1 || stmts[0].name !== 'ExpressionStatement')
    throw sub.invalidSyntax(stmts[1]?.from ?? 0);
  return lowerExprList(sub, kids(stmts[0]));
}
