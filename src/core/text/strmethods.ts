/**
 * Python's str methods as pure functions on JS strings, with CPython's semantics:
 * code-point indices (start/end as in `s.find(sub, start, end)`, null = omitted),
 * Python's whitespace and line-break sets, Unicode 14 case mappings and character
 * properties (via ucd.ts), and CPython's error messages. Strings without surrogates
 * take unit-index fast paths; the others go through code-point conversions.
 */

import { EncodeError, TextError, valueError } from './errors';
import { codePoints, cpLength, cpToUnit, hasSurrogates, unitToCp } from './unicode';
import {
  ALPHA,
  CASED,
  CASE_IGNORABLE,
  DECIMAL,
  DIGIT,
  LOWER,
  NUMERIC,
  PRINTABLE,
  TITLE,
  UPPER,
  XID_CONTINUE,
  XID_START,
  caseFixRegex,
  casefoldOf,
  isSpace,
  lowerOf,
  titleOf,
  upperOf,
} from './ucd';
import { LOWER_MAP, UPPER_MAP } from './ucd-data';

// Py_UNICODE_ISSPACE as a class (all BMP, so no 'u' flag is needed).
const WS = '\\t-\\r\\x1c- \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WS_TOKEN = new RegExp(`[^${WS}]+`, 'g');
const WS_LEAD = new RegExp(`^[${WS}]+`);
const WS_TRAIL = new RegExp(`[${WS}]+$`);
const ASCII = /^[\x00-\x7f]*$/;

function ch(cp: number): string {
  return cp < 0x10000 ? String.fromCharCode(cp) : String.fromCodePoint(cp);
}

// ---------------------------------------------------------------- index helpers

/** ADJUST_INDICES: clamps end, wraps negatives; start may end up beyond len. */
function adjust(start: number | null, end: number | null, len: number): [number, number] {
  let s = start ?? 0;
  let e = end ?? len;
  if (e > len) e = len;
  else if (e < 0) {
    e += len;
    if (e < 0) e = 0;
  }
  if (s < 0) {
    s += len;
    if (s < 0) s = 0;
  }
  return [s, e];
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** True when unit offset i lies inside a surrogate pair (between its halves). */
function splitsPair(s: string, i: number): boolean {
  return i > 0 && i < s.length && isLow(s.charCodeAt(i)) && isHigh(s.charCodeAt(i - 1));
}

/** A needle that could match half of a pair: starts with a low or ends with a high surrogate. */
function canSplit(sub: string): boolean {
  return sub.length > 0 && (isLow(sub.charCodeAt(0)) || isHigh(sub.charCodeAt(sub.length - 1)));
}

/** First match of sub in s at unit offset >= from whose end is <= to, respecting pairs. */
function indexUnits(s: string, sub: string, from: number, to: number, check: boolean): number {
  for (let i = s.indexOf(sub, from); i >= 0 && i + sub.length <= to; i = s.indexOf(sub, i + 1)) {
    if (!check || (!splitsPair(s, i) && !splitsPair(s, i + sub.length))) return i;
  }
  return -1;
}

/** Last match of sub in s starting at unit >= from and ending <= to, respecting pairs. */
function lastIndexUnits(s: string, sub: string, from: number, to: number, check: boolean): number {
  if (to - sub.length < from) return -1; // lastIndexOf would clamp a negative position to 0
  for (let i = s.lastIndexOf(sub, to - sub.length); i >= from; i = i > 0 ? s.lastIndexOf(sub, i - 1) : -1) {
    if (!check || (!splitsPair(s, i) && !splitsPair(s, i + sub.length))) return i;
  }
  return -1;
}

/** Shared by find/rfind/index/rindex: code-point result or -1. */
function search(s: string, sub: string, start: number | null, end: number | null, reverse: boolean): number {
  const wide = hasSurrogates(s);
  const len = wide ? cpLength(s) : s.length;
  const subLen = wide ? cpLength(sub) : sub.length;
  const [lo, hi] = adjust(start, end, len);
  if (hi - lo < subLen) return -1;
  if (subLen === 0) return reverse ? hi : lo;
  if (!wide) return reverse ? lastIndexUnits(s, sub, lo, hi, false) : indexUnits(s, sub, lo, hi, false);
  const ulo = cpToUnit(s, lo);
  const uhi = cpToUnit(s, hi);
  const check = canSplit(sub);
  const i = reverse ? lastIndexUnits(s, sub, ulo, uhi, check) : indexUnits(s, sub, ulo, uhi, check);
  return i < 0 ? -1 : unitToCp(s, i);
}

/** s.find(sub[, start[, end]]) */
export function find(s: string, sub: string, start: number | null = null, end: number | null = null): number {
  return search(s, sub, start, end, false);
}

/** s.rfind(sub[, start[, end]]) */
export function rfind(
  s: string,
  sub: string,
  start: number | null = null,
  end: number | null = null,
): number {
  return search(s, sub, start, end, true);
}

/** s.index(sub[, start[, end]]): find, raising ValueError('substring not found'). */
export function index(
  s: string,
  sub: string,
  start: number | null = null,
  end: number | null = null,
): number {
  const i = search(s, sub, start, end, false);
  if (i < 0) throw valueError('substring not found');
  return i;
}

/** s.rindex(sub[, start[, end]]) */
export function rindex(
  s: string,
  sub: string,
  start: number | null = null,
  end: number | null = null,
): number {
  const i = search(s, sub, start, end, true);
  if (i < 0) throw valueError('substring not found');
  return i;
}

/** sub in s */
export function contains(s: string, sub: string): boolean {
  if (!canSplit(sub) || !hasSurrogates(s)) return s.indexOf(sub) >= 0;
  return indexUnits(s, sub, 0, s.length, true) >= 0;
}

/** s.count(sub[, start[, end]]): non-overlapping occurrences. */
export function count(
  s: string,
  sub: string,
  start: number | null = null,
  end: number | null = null,
): number {
  const wide = hasSurrogates(s);
  const len = wide ? cpLength(s) : s.length;
  const [lo, hi] = adjust(start, end, len);
  const subLen = wide ? cpLength(sub) : sub.length;
  if (hi - lo < subLen) return 0;
  if (subLen === 0) return hi - lo + 1;
  const ulo = wide ? cpToUnit(s, lo) : lo;
  const uhi = wide ? cpToUnit(s, hi) : hi;
  const check = wide && canSplit(sub);
  let n = 0;
  for (
    let i = indexUnits(s, sub, ulo, uhi, check);
    i >= 0;
    i = indexUnits(s, sub, i + sub.length, uhi, check)
  )
    n++;
  return n;
}

function tailmatch(
  s: string,
  sub: string,
  start: number | null,
  end: number | null,
  atEnd: boolean,
): boolean {
  const wide = hasSurrogates(s) || hasSurrogates(sub);
  const len = wide ? cpLength(s) : s.length;
  const subLen = wide ? cpLength(sub) : sub.length;
  const bounds = adjust(start, end, len);
  const lo = bounds[0];
  let hi = bounds[1];
  hi -= subLen;
  if (hi < lo) return false;
  if (subLen === 0) return true;
  if (!wide) return s.startsWith(sub, atEnd ? hi : lo);
  const at = cpToUnit(s, atEnd ? hi : lo);
  return s.startsWith(sub, at) && !splitsPair(s, at) && !splitsPair(s, at + sub.length);
}

/** s.startswith(prefix | tuple_of_prefixes[, start[, end]]) */
export function startswith(
  s: string,
  prefix: string | readonly string[],
  start: number | null = null,
  end: number | null = null,
): boolean {
  if (typeof prefix === 'string') return tailmatch(s, prefix, start, end, false);
  return prefix.some((p) => tailmatch(s, p, start, end, false));
}

/** s.endswith(suffix | tuple_of_suffixes[, start[, end]]) */
export function endswith(
  s: string,
  suffix: string | readonly string[],
  start: number | null = null,
  end: number | null = null,
): boolean {
  if (typeof suffix === 'string') return tailmatch(s, suffix, start, end, true);
  return suffix.some((p) => tailmatch(s, p, start, end, true));
}

/** s.removeprefix(prefix) */
export function removeprefix(s: string, prefix: string): string {
  return prefix && tailmatch(s, prefix, null, null, false) ? s.slice(prefix.length) : s;
}

/** s.removesuffix(suffix) */
export function removesuffix(s: string, suffix: string): string {
  return suffix && tailmatch(s, suffix, null, null, true) ? s.slice(0, s.length - suffix.length) : s;
}

// ---------------------------------------------------------------- replace / split

/** s.replace(old, new[, count]); count < 0 means all. */
export function replace(s: string, old: string, repl: string, maxCount = -1): string {
  if (maxCount === 0) return s;
  if (old === '') {
    // An empty pattern matches before every code point and at the end.
    const parts = hasSurrogates(s) ? cpSplit(s) : s.split('');
    const n = maxCount < 0 || maxCount > parts.length + 1 ? parts.length + 1 : maxCount;
    if (n === parts.length + 1) return parts.length ? repl + parts.join(repl) + repl : repl;
    return repl + parts.slice(0, n).join(repl) + parts.slice(n).join('');
  }
  const check = canSplit(old) && hasSurrogates(s);
  if (maxCount < 0 && !check) return s.split(old).join(repl);
  let out = '';
  let last = 0;
  let n = 0;
  for (
    let i = indexUnits(s, old, 0, s.length, check);
    i >= 0;
    i = indexUnits(s, old, last, s.length, check)
  ) {
    out += s.slice(last, i) + repl;
    last = i + old.length;
    if (++n === maxCount) break;
  }
  return n === 0 ? s : out + s.slice(last);
}

function cpSplit(s: string): string[] {
  return Array.from(s);
}

/** s.split(sep=None, maxsplit=-1) */
export function split(s: string, sep: string | null = null, maxsplit = -1): string[] {
  if (sep === null) {
    if (maxsplit < 0) return s.match(WS_TOKEN) ?? [];
    const out: string[] = [];
    WS_TOKEN.lastIndex = 0;
    let m: RegExpExecArray | null;
    while (out.length < maxsplit && (m = WS_TOKEN.exec(s))) out.push(m[0]);
    if (out.length === maxsplit) {
      const rest = s.slice(WS_TOKEN.lastIndex).replace(WS_LEAD, '');
      if (rest) out.push(rest);
    }
    WS_TOKEN.lastIndex = 0;
    return out;
  }
  if (sep === '') throw valueError('empty separator');
  const check = canSplit(sep) && hasSurrogates(s);
  if (maxsplit < 0 && !check) return s.split(sep);
  const out: string[] = [];
  let last = 0;
  for (
    let i = indexUnits(s, sep, 0, s.length, check);
    i >= 0;
    i = indexUnits(s, sep, last, s.length, check)
  ) {
    if (maxsplit >= 0 && out.length >= maxsplit) break;
    out.push(s.slice(last, i));
    last = i + sep.length;
  }
  out.push(s.slice(last));
  return out;
}

/** s.rsplit(sep=None, maxsplit=-1): splits from the right. */
export function rsplit(s: string, sep: string | null = null, maxsplit = -1): string[] {
  if (sep === null) {
    if (maxsplit < 0) return s.match(WS_TOKEN) ?? [];
    const out: string[] = [];
    let end = s.length;
    while (out.length < maxsplit) {
      while (end > 0 && isWsUnit(s.charCodeAt(end - 1))) end--;
      if (end === 0) break;
      let start = end;
      while (start > 0 && !isWsUnit(s.charCodeAt(start - 1))) start--;
      out.push(s.slice(start, end));
      end = start;
    }
    if (out.length === maxsplit) {
      const rest = s.slice(0, end).replace(WS_TRAIL, '');
      if (rest) out.push(rest);
    }
    return out.reverse();
  }
  if (sep === '') throw valueError('empty separator');
  const check = canSplit(sep) && hasSurrogates(s);
  const out: string[] = [];
  let end = s.length;
  for (let i = lastIndexUnits(s, sep, 0, end, check); i >= 0; i = lastIndexUnits(s, sep, 0, end, check)) {
    if (maxsplit >= 0 && out.length >= maxsplit) break;
    out.push(s.slice(i + sep.length, end));
    end = i;
  }
  out.push(s.slice(0, end));
  return out.reverse();
}

function isWsUnit(c: number): boolean {
  return c < 128 ? c === 32 || (c >= 9 && c <= 13) || (c >= 28 && c <= 31) : c <= 0x3000 && isSpace(c);
}

/** sep.join(parts), the parts already checked to be str by the caller. */
export function join(sep: string, parts: readonly string[]): string {
  return parts.join(sep);
}

/** s.partition(sep) */
export function partition(s: string, sep: string): [string, string, string] {
  if (sep === '') throw valueError('empty separator');
  const i = indexUnits(s, sep, 0, s.length, canSplit(sep) && hasSurrogates(s));
  return i < 0 ? [s, '', ''] : [s.slice(0, i), sep, s.slice(i + sep.length)];
}

/** s.rpartition(sep) */
export function rpartition(s: string, sep: string): [string, string, string] {
  if (sep === '') throw valueError('empty separator');
  const i = lastIndexUnits(s, sep, 0, s.length, canSplit(sep) && hasSurrogates(s));
  return i < 0 ? ['', '', s] : [s.slice(0, i), sep, s.slice(i + sep.length)];
}

const LINE = /[^\n\v\f\r\x1c-\x1e\x85\u2028\u2029]*(\r\n|[\n\v\f\r\x1c-\x1e\x85\u2028\u2029])?/g;

/** s.splitlines(keepends=False): \n \r \r\n \v \f \x1c \x1d \x1e \x85 \u2028 \u2029. */
export function splitlines(s: string, keepends = false): string[] {
  const out: string[] = [];
  LINE.lastIndex = 0;
  while (LINE.lastIndex < s.length) {
    const m = LINE.exec(s)!;
    out.push(keepends || m[1] === undefined ? m[0] : m[0].slice(0, m[0].length - m[1].length));
  }
  LINE.lastIndex = 0;
  return out;
}

// ---------------------------------------------------------------- strip / pad

/** s.strip(chars=None) */
export function strip(s: string, chars: string | null = null): string {
  return stripSides(s, chars, true, true);
}

/** s.lstrip(chars=None) */
export function lstrip(s: string, chars: string | null = null): string {
  return stripSides(s, chars, true, false);
}

/** s.rstrip(chars=None) */
export function rstrip(s: string, chars: string | null = null): string {
  return stripSides(s, chars, false, true);
}

function stripSides(s: string, chars: string | null, left: boolean, right: boolean): string {
  if (chars === null) {
    if (left) s = s.replace(WS_LEAD, '');
    if (right) s = s.replace(WS_TRAIL, '');
    return s;
  }
  if (chars === '' || s === '') return s;
  if (!hasSurrogates(s) && !hasSurrogates(chars)) {
    let i = 0;
    let j = s.length;
    if (left) while (i < j && chars.indexOf(s[i]!) >= 0) i++;
    if (right) while (j > i && chars.indexOf(s[j - 1]!) >= 0) j--;
    return s.slice(i, j);
  }
  const set = new Set(codePoints(chars));
  const cps = codePoints(s);
  let i = 0;
  let j = cps.length;
  if (left) while (i < j && set.has(cps[i]!)) i++;
  if (right) while (j > i && set.has(cps[j - 1]!)) j--;
  return cps.slice(i, j).map(ch).join('');
}

function padTo(s: string, left: number, right: number, fill: string): string {
  return (left > 0 ? fill.repeat(left) : '') + s + (right > 0 ? fill.repeat(right) : '');
}

/** s.center(width, fillchar=' ') — with CPython's odd-width tie rule. */
export function center(s: string, width: number, fill = ' '): string {
  const len = cpLength(s);
  if (len >= width) return s;
  const marg = width - len;
  const left = (marg >> 1) + (marg & width & 1);
  return padTo(s, left, marg - left, fill);
}

/** s.ljust(width, fillchar=' ') */
export function ljust(s: string, width: number, fill = ' '): string {
  const len = cpLength(s);
  return len >= width ? s : padTo(s, 0, width - len, fill);
}

/** s.rjust(width, fillchar=' ') */
export function rjust(s: string, width: number, fill = ' '): string {
  const len = cpLength(s);
  return len >= width ? s : padTo(s, width - len, 0, fill);
}

/** s.zfill(width): zeros after a leading sign. */
export function zfill(s: string, width: number): string {
  const len = cpLength(s);
  if (len >= width) return s;
  const fill = '0'.repeat(width - len);
  const c = s[0];
  return c === '+' || c === '-' ? c + fill + s.slice(1) : fill + s;
}

/** s.expandtabs(tabsize=8): columns counted in code points, reset by \n and \r. */
export function expandtabs(s: string, tabsize = 8): string {
  if (s.indexOf('\t') < 0) return s;
  let out = '';
  let col = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 9) {
      if (tabsize > 0) {
        const n = tabsize - (col % tabsize);
        out += ' '.repeat(n);
        col += n;
      }
    } else {
      out += s[i];
      if (c === 10 || c === 13) col = 0;
      else if (!(isLow(c) && i > 0 && isHigh(s.charCodeAt(i - 1)))) col++;
    }
  }
  return out;
}

// ---------------------------------------------------------------- case

let upperFix: RegExp | undefined;
let lowerFix: RegExp | undefined;

/** s.upper() */
export function upper(s: string): string {
  if (ASCII.test(s)) return s.toUpperCase();
  upperFix ??= caseFixRegex(UPPER_MAP);
  if (!upperFix.test(s)) return s.toUpperCase();
  let out = '';
  for (const c of s) out += upperOf(c, c.codePointAt(0)!);
  return out;
}

/** s.lower(), with Final_Sigma as CPython decides it. */
export function lower(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase();
  lowerFix ??= caseFixRegex(LOWER_MAP, '\\u03a3');
  if (!lowerFix.test(s)) return s.toLowerCase();
  const cps = codePoints(s);
  let out = '';
  for (let i = 0; i < cps.length; i++) out += lowerAt(cps, i);
  return out;
}

/** lower_ucs4: lower-case cps[i], applying the final-sigma rule to U+03A3. */
function lowerAt(cps: number[], i: number): string {
  const c = cps[i]!;
  if (c === 0x3a3) return finalSigma(cps, i) ? '\u03c2' : '\u03c3';
  return lowerOf(ch(c), c);
}

/** handle_capital_sigma: cased, case-ignorable*, Σ, not followed by case-ignorable* cased. */
function finalSigma(cps: number[], i: number): boolean {
  let j = i - 1;
  while (j >= 0 && CASE_IGNORABLE.has(cps[j]!)) j--;
  if (j < 0 || !CASED.has(cps[j]!)) return false;
  j = i + 1;
  while (j < cps.length && CASE_IGNORABLE.has(cps[j]!)) j++;
  return j === cps.length || !CASED.has(cps[j]!);
}

/** s.capitalize(): first character title-cased, the rest lower-cased. */
export function capitalize(s: string): string {
  if (s === '') return s;
  if (ASCII.test(s)) return s[0]!.toUpperCase() + s.slice(1).toLowerCase();
  const cps = codePoints(s);
  let out = titleOf(ch(cps[0]!), cps[0]!);
  for (let i = 1; i < cps.length; i++) out += lowerAt(cps, i);
  return out;
}

/** s.title(): title-case after an uncased character, lower-case after a cased one. */
export function title(s: string): string {
  const cps = codePoints(s);
  let out = '';
  let prevCased = false;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    if (c < 128) {
      const isLetter = (c | 0x20) >= 97 && (c | 0x20) <= 122;
      out += isLetter ? String.fromCharCode(prevCased ? c | 0x20 : c & ~0x20) : String.fromCharCode(c);
      prevCased = isLetter;
      continue;
    }
    out += prevCased ? lowerAt(cps, i) : titleOf(ch(c), c);
    prevCased = CASED.has(c);
  }
  return out;
}

/** s.swapcase() */
export function swapcase(s: string): string {
  const cps = codePoints(s);
  let out = '';
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    if (UPPER.has(c)) out += lowerAt(cps, i);
    else if (LOWER.has(c)) out += upperOf(ch(c), c);
    else out += ch(c);
  }
  return out;
}

/** s.casefold() */
export function casefold(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase();
  let out = '';
  for (const c of s) out += casefoldOf(c, c.codePointAt(0)!);
  return out;
}

// ---------------------------------------------------------------- predicates

/** s.isalpha() */
export function isalpha(s: string): boolean {
  return ALPHA.every(s);
}

/** s.isdecimal() */
export function isdecimal(s: string): boolean {
  return DECIMAL.every(s);
}

/** s.isdigit() */
export function isdigit(s: string): boolean {
  return DIGIT.every(s);
}

/** s.isnumeric() */
export function isnumeric(s: string): boolean {
  return NUMERIC.every(s);
}

/** s.isalnum(): every character isalpha, isdecimal, isdigit or isnumeric. */
export function isalnum(s: string): boolean {
  if (s === '') return false;
  if (ASCII.test(s)) return /^[0-9A-Za-z]+$/.test(s);
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (!ALPHA.has(cp) && !DECIMAL.has(cp) && !DIGIT.has(cp) && !NUMERIC.has(cp)) return false;
  }
  return true;
}

/** s.isspace() */
export function isspace(s: string): boolean {
  if (s === '') return false;
  for (let i = 0; i < s.length; i++) if (!isWsUnit(s.charCodeAt(i))) return false;
  return true;
}

/** s.isprintable() (True for '') */
export function isprintable(s: string): boolean {
  return s === '' || PRINTABLE.every(s);
}

/** s.isascii() */
export function isascii(s: string): boolean {
  return ASCII.test(s);
}

/** s.isupper(): has a cased character and no lower- or title-case one. */
export function isupper(s: string): boolean {
  let cased = false;
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (LOWER.has(cp) || TITLE.has(cp)) return false;
    if (!cased && UPPER.has(cp)) cased = true;
  }
  return cased;
}

/** s.islower(): has a cased character and no upper- or title-case one. */
export function islower(s: string): boolean {
  let cased = false;
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (UPPER.has(cp) || TITLE.has(cp)) return false;
    if (!cased && LOWER.has(cp)) cased = true;
  }
  return cased;
}

/** s.istitle() */
export function istitle(s: string): boolean {
  let cased = false;
  let prevCased = false;
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (UPPER.has(cp) || TITLE.has(cp)) {
      if (prevCased) return false;
      prevCased = cased = true;
    } else if (LOWER.has(cp)) {
      if (!prevCased) return false;
      prevCased = cased = true;
    } else prevCased = false;
  }
  return cased;
}

/** s.isidentifier(): XID_Start or '_', then XID_Continue (no keyword check). */
export function isidentifier(s: string): boolean {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) return true;
  if (s === '' || ASCII.test(s)) return false;
  let first = true;
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (first ? !(cp === 0x5f || XID_START.has(cp)) : !XID_CONTINUE.has(cp)) return false;
    first = false;
  }
  return true;
}

// ---------------------------------------------------------------- encode

const ENCODINGS: Record<string, 'utf-8' | 'ascii' | 'latin-1'> = {
  utf8: 'utf-8',
  u8: 'utf-8',
  utf: 'utf-8',
  cp65001: 'utf-8',
  ascii: 'ascii',
  usascii: 'ascii',
  646: 'ascii',
  latin1: 'latin-1',
  latin: 'latin-1',
  l1: 'latin-1',
  iso88591: 'latin-1',
  iso885911987: 'latin-1',
  cp819: 'latin-1',
  '8859': 'latin-1',
};

/**
 * s.encode(encoding='utf-8', errors='strict') for the utf-8, ascii and latin-1
 * codecs, with the standard error handlers (strict, ignore, replace,
 * backslashreplace, xmlcharrefreplace, surrogateescape, surrogatepass).
 */
export function encode(s: string, encoding = 'utf-8', errors = 'strict'): Uint8Array {
  const norm = encoding.toLowerCase().replace(/[-_ ]/g, '');
  const codec = ENCODINGS[norm];
  if (codec === undefined) throw new TextError('LookupError', `unknown encoding: ${encoding}`);
  const limit = codec === 'utf-8' ? 0x110000 : codec === 'ascii' ? 0x80 : 0x100;
  const reason =
    codec === 'utf-8' ? 'surrogates not allowed' : `ordinal not in range(${codec === 'ascii' ? 128 : 256})`;
  const bad = (cp: number) => (codec === 'utf-8' ? cp >= 0xd800 && cp <= 0xdfff : cp >= limit);
  const cps = codePoints(s);
  const out: number[] = [];
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i]!;
    if (!bad(cp)) {
      pushCodePoint(out, cp, codec);
      continue;
    }
    // CPython hands the whole run of unencodable characters to the handler.
    let end = i + 1;
    while (end < cps.length && bad(cps[end]!)) end++;
    handleEncodeError(out, cps, s, i, end, codec, errors, reason);
    i = end - 1;
  }
  return Uint8Array.from(out);
}

function pushCodePoint(out: number[], cp: number, codec: string): void {
  if (codec !== 'utf-8' || cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
}

function encodeError(codec: string, s: string, cps: number[], start: number, end: number, reason: string) {
  const hex = (cp: number) =>
    cp <= 0xff
      ? '\\x' + cp.toString(16).padStart(2, '0')
      : cp <= 0xffff
        ? '\\u' + cp.toString(16).padStart(4, '0')
        : '\\U' + cp.toString(16).padStart(8, '0');
  const what =
    end - start === 1
      ? `character '${hex(cps[start]!)}' in position ${start}`
      : `characters in position ${start}-${end - 1}`;
  return new EncodeError(codec, s, start, end, reason, `'${codec}' codec can't encode ${what}: ${reason}`);
}

function handleEncodeError(
  out: number[],
  cps: number[],
  s: string,
  start: number,
  end: number,
  codec: string,
  errors: string,
  reason: string,
): void {
  switch (errors) {
    case 'strict':
      throw encodeError(codec, s, cps, start, end, reason);
    case 'ignore':
      return;
    case 'replace':
      for (let k = start; k < end; k++) out.push(63);
      return;
    case 'backslashreplace':
      for (let k = start; k < end; k++) {
        const cp = cps[k]!;
        const esc =
          cp <= 0xff
            ? '\\x' + cp.toString(16).padStart(2, '0')
            : cp <= 0xffff
              ? '\\u' + cp.toString(16).padStart(4, '0')
              : '\\U' + cp.toString(16).padStart(8, '0');
        for (let j = 0; j < esc.length; j++) out.push(esc.charCodeAt(j));
      }
      return;
    case 'xmlcharrefreplace':
      for (let k = start; k < end; k++) {
        const ref = '&#' + cps[k]! + ';';
        for (let j = 0; j < ref.length; j++) out.push(ref.charCodeAt(j));
      }
      return;
    case 'surrogateescape':
      for (let k = start; k < end; k++) {
        const cp = cps[k]!;
        if (cp < 0xdc80 || cp > 0xdcff) throw encodeError(codec, s, cps, k, end, reason);
        out.push(cp & 0xff);
      }
      return;
    case 'surrogatepass':
      if (codec === 'utf-8') {
        for (let k = start; k < end; k++) pushCodePoint(out, cps[k]!, codec);
        return;
      }
      throw encodeError(codec, s, cps, start, end, reason);
    default:
      throw new TextError('LookupError', `unknown error handler name '${errors}'`);
  }
}
