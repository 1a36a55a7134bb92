/**
 * Helpers over Lezer's concrete syntax tree. Lezer keeps commas, brackets and
 * keywords as flat sibling nodes ("except clauses, with-items, slices and
 * starred targets are flat siblings"), so lowering mostly walks child arrays
 * and splits them at separators.
 */

import type { SyntaxNode } from '@lezer/common';

export type Node = SyntaxNode;

/** The node's children, without comments (Lezer's skipped-but-named tokens). */
export function kids(node: Node): Node[] {
  const out: Node[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.name !== 'Comment') out.push(c);
  }
  return out;
}

export function isError(node: Node): boolean {
  return node.type.isError;
}

/** Splits nodes at top-level ',' tokens; an empty group stands for a trailing comma or a hole. */
export function splitCommas(nodes: readonly Node[]): { groups: Node[][]; commas: Node[] } {
  const groups: Node[][] = [[]];
  const commas: Node[] = [];
  // Lezer keeps a generator argument flat, so the commas of `for a, b in` show up here.
  let inForTarget = false;
  for (const n of nodes) {
    if (n.name === 'for') inForTarget = true;
    else if (n.name === 'in') inForTarget = false;
    if (n.name === ',' && !inForTarget) {
      commas.push(n);
      groups.push([]);
    } else groups[groups.length - 1].push(n);
  }
  return { groups, commas };
}

/** Strips a leading opening and trailing closing bracket. */
export function inner(node: Node): Node[] {
  const ks = kids(node);
  const first = ks[0]?.name;
  if (first === '(' || first === '[' || first === '{') ks.shift();
  const last = ks[ks.length - 1]?.name;
  if (last === ')' || last === ']' || last === '}') ks.pop();
  return ks;
}

/** Index of the first node named `name` at or after `from`, or -1. */
export function indexOf(nodes: readonly Node[], name: string, from = 0): number {
  for (let i = from; i < nodes.length; i++) if (nodes[i].name === name) return i;
  return -1;
}

/** The last child: the annotation of a TypeDef (`: x`, or `-> x` whose arrow is anonymous). */
export function lastKid(node: Node): Node {
  const ks = kids(node);
  return ks[ks.length - 1];
}
