/**
 * A SyntaxWarning of the compiler (`x is 'a'`), printed as CPython's warnings module prints
 * it with the default filters: `file:line: SyntaxWarning: message` and, when the line can be
 * read (the main script; not a compile() string), the line stripped.
 * @cpython Python/compile.c compiler_warn; Lib/warnings.py _formatwarnmsg_impl
 */
import { rt } from './runtime';
import { sourceLines } from './traceback';

export function writeSyntaxWarning(filename: string, lineno: number, message: string): void {
  const line = sourceLines(filename)?.[lineno - 1]?.trim();
  rt.writeStderr(`${filename}:${lineno}: SyntaxWarning: ${message}\n${line ? `  ${line}\n` : ''}`);
}
