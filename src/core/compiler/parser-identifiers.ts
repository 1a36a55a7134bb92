/**
 * The identifiers CPython's parser leaves in the main script's AST arena: one reference to
 * the interned name for every time the parser read it (syntax/peg/replay.ts counts them).
 * @cpython Parser/pegen.c _PyPegen_new_identifier
 */
import { intern, newStr } from '../objects/unicodeobject';
import type { Arena } from './consts';

/** Each read makes a new str and interns it (the new one dies when the name is known). */
export function addParserIdentifiers(arena: Arena, reads: ReadonlyMap<string, number>): void {
  for (const [name, count] of reads) {
    for (let k = 0; k < count; k++) arena.add(intern(newStr(name)));
  }
}
