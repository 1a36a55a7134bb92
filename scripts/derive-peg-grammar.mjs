#!/usr/bin/env node
// `node scripts/derive-peg-grammar.mjs PATH/TO/cpython-3.11/Grammar/python.gram`: prints the
// grammar the engine's parser replay reads (src/core/syntax/peg/python-grammar.ts): every rule
// of the first pass with its alternatives, without C actions, return types and item names,
// and without the invalid_ rules (CPython calls them only when the first pass fails).
import { readFileSync } from 'node:fs';

const text = readFileSync(process.argv[2], 'utf8');
const body = text.slice(
  text.indexOf('# ========================= START OF THE GRAMMAR'),
  text.indexOf('# ========================= END OF THE GRAMMAR'),
);

/** Drops comments and `{ action }` blocks, keeping quoted literals intact. */
function stripActions(src) {
  let out = '';
  for (let i = 0; i < src.length;) {
    const c = src[i];
    if (c === "'" || c === '"') {
      const j = src.indexOf(c, i + 1);
      out += src.slice(i, j + 1);
      i = j + 1;
    } else if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '{') {
      let depth = 0;
      for (; i < src.length; i++) {
        if (src[i] === '{') depth++;
        else if (src[i] === '}' && --depth === 0) break;
      }
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Splits on `|` outside brackets and quotes. */
function splitTop(src, sep) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "'" || c === '"') i = src.indexOf(c, i + 1);
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === sep && depth === 0) {
      parts.push(src.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(src.slice(start));
  return parts;
}

const rules = [];
// A rule starts at the beginning of a line: name, optional [type], optional (memo), colon.
const ruleRe = /^([a-z_][a-z0-9_]*)(\[[^\]]*\])?\s*(\(memo\))?\s*:/gm;
const source = stripActions(body);
const heads = [...source.matchAll(ruleRe)];
for (let k = 0; k < heads.length; k++) {
  const head = heads[k];
  const end = k + 1 < heads.length ? heads[k + 1].index : source.length;
  const rhs = source.slice(head.index + head[0].length, end);
  const alts = splitTop(rhs, '|')
    .map((alt) =>
      alt
        // item names and their types: `a=`, `a[expr_ty]=`
        .replace(/\b[a-z_][a-z0-9_]*(\[[^\]]*\])?=(?!=)/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((alt) => alt !== '' && !/\binvalid_/.test(alt));
  rules.push(`${head[1]}${head[3] ? ' (memo)' : ''}: ${alts.join(' | ')}`);
}
console.log(rules.join('\n'));
