/**
 * Errors found while compiling: CPython reports them as SyntaxError (symtable and
 * compiler checks such as "'return' outside function"), with the line and column of the
 * offending node. A Python feature the engine does not implement yet is reported the
 * same way, naming the feature, rather than run with wrong numbers.
 */
import type { Located } from '../syntax/ast';

export class CompileError {
  readonly lineno: number;
  readonly colOffset: number;
  readonly endLineno: number;
  readonly endColOffset: number;
  constructor(
    readonly msg: string,
    loc?: Located,
    readonly kind: 'SyntaxError' | 'unsupported' = 'SyntaxError',
  ) {
    this.lineno = loc?.lineno ?? 0;
    this.colOffset = loc?.col_offset ?? -1;
    this.endLineno = loc?.end_lineno ?? 0;
    this.endColOffset = loc?.end_col_offset ?? -1;
  }
}

/** A construct the engine does not support yet: `feature` names it for the person. */
export function unsupported(feature: string, loc?: Located): never {
  throw new CompileError(`PyMem Lab does not support ${feature} yet`, loc, 'unsupported');
}
