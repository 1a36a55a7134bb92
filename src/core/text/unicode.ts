/**
 * Code-point helpers. A Python str is held as a JS string: BMP characters are one
 * UTF-16 unit, astral ones a surrogate pair; a lone surrogate (legal in Python) is a
 * single unit. Python indexes by code point, so every index-taking operation must
 * convert. Strings without surrogates — the common case — take the unit-index paths.
 */

import { TextError } from './errors';

const SURROGATE = /[\uD800-\uDFFF]/;

/** True when `s` has any surrogate unit, i.e. unit and code-point indices may differ. */
export function hasSurrogates(s: string): boolean {
  return SURROGATE.test(s);
}

/** True when s[i], s[i+1] form a valid surrogate pair (one astral code point). */
function isPairAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const d = s.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

/** len(s) in Python. */
export function cpLength(s: string): number {
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++, n++) if (isPairAt(s, i)) i++;
  return n;
}

/** Code points of s as numbers. */
export function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isPairAt(s, i)) {
      out.push(((c - 0xd800) << 10) + (s.charCodeAt(i + 1) - 0xdc00) + 0x10000);
      i++;
    } else out.push(c);
  }
  return out;
}

/** Code points of s as one-character strings (a pair stays together). */
export function cpChars(s: string): string[] {
  if (!SURROGATE.test(s)) return s.split('');
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if (isPairAt(s, i)) {
      out.push(s.slice(i, i + 2));
      i++;
    } else out.push(s[i]!);
  }
  return out;
}

/** The string of one code point (chr). Code points 0xD800–0xDFFF give a lone unit. */
export function chr(cp: number): string {
  return cp < 0x10000 ? String.fromCharCode(cp) : String.fromCodePoint(cp);
}

/** Code-unit offset of code-point index `cp` (0 <= cp <= len); cp == len gives s.length. */
export function cpToUnit(s: string, cp: number): number {
  let i = 0;
  for (let n = 0; n < cp && i < s.length; n++) i += isPairAt(s, i) ? 2 : 1;
  return i;
}

/** Code-point index of code-unit offset `unit` (which must not split a pair). */
export function unitToCp(s: string, unit: number): number {
  let n = 0;
  for (let i = 0; i < unit; n++) i += isPairAt(s, i) ? 2 : 1;
  return n;
}

/** s[i] in Python, i already normalised to 0 <= i < len; returns the code point. */
export function cpAt(s: string, i: number): number {
  if (!SURROGATE.test(s)) return s.charCodeAt(i);
  const u = cpToUnit(s, i);
  return isPairAt(s, u) ? s.codePointAt(u)! : s.charCodeAt(u);
}

/** The one-character string s[i] (i normalised). */
export function cpCharAt(s: string, i: number): string {
  if (!SURROGATE.test(s)) return s[i]!;
  const u = cpToUnit(s, i);
  return s.slice(u, isPairAt(s, u) ? u + 2 : u + 1);
}

/** s[i] in Python (negative i counts from the end); IndexError when out of range. */
export function cpIndex(s: string, i: number): string {
  const bmp = !SURROGATE.test(s);
  const len = bmp ? s.length : cpLength(s);
  const j = i < 0 ? i + len : i;
  if (j < 0 || j >= len) throw new TextError('IndexError', 'string index out of range');
  return bmp ? s[j]! : cpCharAt(s, j);
}

/**
 * Python's slice.indices(): normalises start/stop (null = omitted) for a sequence of
 * `length` items and a non-zero step. Returns [start, stop, count].
 */
export function sliceIndices(
  length: number,
  start: number | null,
  stop: number | null,
  step: number,
): [number, number, number] {
  let lo: number, hi: number;
  if (step > 0) {
    lo = start === null ? 0 : start < 0 ? Math.max(start + length, 0) : Math.min(start, length);
    hi = stop === null ? length : stop < 0 ? Math.max(stop + length, 0) : Math.min(stop, length);
    return [lo, hi, hi > lo ? Math.floor((hi - lo - 1) / step) + 1 : 0];
  }
  lo = start === null ? length - 1 : start < 0 ? Math.max(start + length, -1) : Math.min(start, length - 1);
  hi = stop === null ? -1 : stop < 0 ? Math.max(stop + length, -1) : Math.min(stop, length - 1);
  return [lo, hi, hi < lo ? Math.floor((lo - hi - 1) / -step) + 1 : 0];
}

/** s[start:stop:step] with Python semantics; null means omitted. step must not be 0. */
export function cpSlice(s: string, start: number | null, stop: number | null, step = 1): string {
  const bmp = !SURROGATE.test(s);
  if (bmp && step === 1) {
    const [lo, hi, n] = sliceIndices(s.length, start, stop, 1);
    return n === 0 ? '' : s.slice(lo, hi);
  }
  const chars = bmp ? null : cpChars(s);
  const len = chars ? chars.length : s.length;
  const [lo, hi, n] = sliceIndices(len, start, stop, step);
  if (n === 0) return '';
  if (step === 1) return chars!.slice(lo, hi).join('');
  const out: string[] = new Array(n);
  for (let k = 0, i = lo; k < n; k++, i += step) out[k] = chars ? chars[i]! : s[i]!;
  return out.join('');
}

/** max(map(ord, s)), 0 for the empty string. */
export function maxCodePoint(s: string): number {
  let max = 0;
  let astral = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && isPairAt(s, i)) {
      const cp = s.codePointAt(i)!;
      if (cp > astral) astral = cp;
      i++;
    } else if (c > max) max = c;
  }
  return astral || max;
}

const NON_ASCII = /[^\x00-\x7f]/;
const NON_LATIN1 = /[^\x00-\xff]/;

/**
 * The PEP 393 kind CPython stores s in: 'ascii' (all < 128), 1 (< 256), 2 (< 65536)
 * or 4. A lone surrogate counts as a BMP (kind 2) character, as in CPython.
 */
export function strKind(s: string): 'ascii' | 1 | 2 | 4 {
  if (!NON_ASCII.test(s)) return 'ascii';
  if (!NON_LATIN1.test(s)) return 1;
  if (!SURROGATE.test(s)) return 2;
  for (let i = 0; i < s.length; i++) if (isPairAt(s, i)) return 4;
  return 2;
}
