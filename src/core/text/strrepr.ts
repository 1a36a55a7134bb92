/**
 * repr() of str and bytes, and ascii() of str, exactly as CPython (unicode_repr,
 * bytes_repr): single quotes unless the text has ' and no ", backslash escapes for
 * \t \n \r, \xhh below 0x20 and at 0x7f, and \xhh / \uhhhh / \Uhhhhhhhh for every
 * non-ASCII character Py_UNICODE_ISPRINTABLE rejects (categories C* and Z* but space).
 */

import { PRINTABLE } from './ucd';

let singleRe: RegExp | undefined;
let doubleRe: RegExp | undefined;
let asciiSingleRe: RegExp | undefined;
let asciiDoubleRe: RegExp | undefined;

const SIMPLE = /^[ !#-&(-[\]-~]*$/; // printable ASCII without quotes or backslash

function pad(n: number, width: number): string {
  const h = n.toString(16);
  return h.length >= width ? h : '0'.repeat(width - h.length) + h;
}

function escapeChar(ch: string): string {
  switch (ch) {
    case '\\':
      return '\\\\';
    case "'":
      return "\\'";
    case '"':
      return '\\"';
    case '\t':
      return '\\t';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
  }
  const cp = ch.codePointAt(0)!;
  if (cp <= 0xff) return '\\x' + pad(cp, 2);
  if (cp <= 0xffff) return '\\u' + pad(cp, 4);
  return '\\U' + pad(cp, 8);
}

function pickQuote(s: string): string {
  return s.indexOf("'") >= 0 && s.indexOf('"') < 0 ? '"' : "'";
}

/** repr(s) for a Python str. */
export function strRepr(s: string): string {
  if (SIMPLE.test(s)) return "'" + s + "'";
  const q = pickQuote(s);
  let re: RegExp;
  if (q === "'") {
    re = singleRe ??= new RegExp(`[\\\\'\\x00-\\x1f\\x7f]|(?!${PRINTABLE.frag()})[^\\x00-\\x7f]`, 'gu');
  } else {
    re = doubleRe ??= new RegExp(`[\\\\"\\x00-\\x1f\\x7f]|(?!${PRINTABLE.frag()})[^\\x00-\\x7f]`, 'gu');
  }
  return q + s.replace(re, escapeChar) + q;
}

/** ascii(s) for a Python str: repr with every non-ASCII character escaped. */
export function strAscii(s: string): string {
  if (SIMPLE.test(s)) return "'" + s + "'";
  const q = pickQuote(s);
  const re =
    q === "'"
      ? (asciiSingleRe ??= /[\\'\x00-\x1f\x7f-\u{10ffff}]/gu)
      : (asciiDoubleRe ??= /[\\"\x00-\x1f\x7f-\u{10ffff}]/gu);
  return q + s.replace(re, escapeChar) + q;
}

/** repr(b) for a Python bytes (or the inside of a bytearray repr). */
export function bytesRepr(b: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 39) hasSingle = true;
    else if (b[i] === 34) hasDouble = true;
  }
  const q = hasSingle && !hasDouble ? 34 : 39;
  let out = 'b' + String.fromCharCode(q);
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c === q || c === 92) out += '\\' + String.fromCharCode(c);
    else if (c === 9) out += '\\t';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c < 32 || c >= 127) out += '\\x' + pad(c, 2);
    else out += String.fromCharCode(c);
  }
  return out + String.fromCharCode(q);
}
