/**
 * CPython's Unicode character database (Unicode 14.0 in 3.11) emulated with the JS
 * engine's \p{...} classes and case mappings, corrected by the small generated tables
 * in ucd-data.ts: code points unassigned in 14.0 have no properties and map to
 * themselves (engines know newer versions), plus the few residual differences.
 */

import * as D from './ucd-data';

/** Unpacks "gap,length;..." base-36 pairs into [start, end, start, end, ...]. */
function unpack(packed: string): number[] {
  const out: number[] = [];
  if (packed === '') return out;
  let prev = -1;
  for (const pair of packed.split(';')) {
    const comma = pair.indexOf(',');
    const start = prev + 1 + parseInt(pair.slice(0, comma), 36);
    prev = start + parseInt(pair.slice(comma + 1), 36);
    out.push(start, prev);
  }
  return out;
}

function hex(cp: number): string {
  return '\\u{' + cp.toString(16) + '}';
}

/** Regex character-class body for flat ranges. */
function classBody(flat: readonly number[]): string {
  let s = '';
  for (let i = 0; i < flat.length; i += 2) {
    s += flat[i] === flat[i + 1] ? hex(flat[i]!) : hex(flat[i]!) + '-' + hex(flat[i + 1]!);
  }
  return s;
}

let unassignedBody: string | undefined;
function unassigned(): string {
  return (unassignedBody ??= classBody(unpack(D.UNASSIGNED)));
}

/** A property: engine class, plus ADD, minus DEL and minus everything unassigned. */
class Prop {
  private one?: RegExp;
  private all?: RegExp;
  private fragment?: string;
  constructor(
    private readonly base: string,
    private readonly add: string,
    private readonly del: string,
  ) {}

  /** A regex fragment matching exactly one code point that has the property. */
  frag(): string {
    if (this.fragment === undefined) {
      const add = classBody(unpack(this.add));
      const main = this.base ? `(?![${unassigned()}${classBody(unpack(this.del))}])${this.base}` : '';
      this.fragment = '(?:' + [main, add && `[${add}]`].filter(Boolean).join('|') + ')';
    }
    return this.fragment;
  }

  has(cp: number): boolean {
    this.one ??= new RegExp(`^${this.frag()}$`, 'u');
    return this.one.test(cp < 0x10000 ? String.fromCharCode(cp) : String.fromCodePoint(cp));
  }

  /** Every code point of s has the property (false for ''). */
  every(s: string): boolean {
    this.all ??= new RegExp(`^${this.frag()}+$`, 'u');
    return this.all.test(s);
  }
}

export const PRINTABLE = new Prop('[^\\p{C}\\p{Z}]| ', D.PRINTABLE_ADD, D.PRINTABLE_DEL);
export const ALPHA = new Prop('\\p{L}', D.ALPHA_ADD, D.ALPHA_DEL);
export const DECIMAL = new Prop('\\p{Nd}', D.DECIMAL_ADD, D.DECIMAL_DEL);
export const DIGIT = new Prop('\\p{Nd}', D.DIGIT_ADD, D.DIGIT_DEL);
export const NUMERIC = new Prop('\\p{N}', D.NUMERIC_ADD, D.NUMERIC_DEL);
export const UPPER = new Prop('\\p{Uppercase}', D.UPPER_ADD, D.UPPER_DEL);
export const LOWER = new Prop('\\p{Lowercase}', D.LOWER_ADD, D.LOWER_DEL);
export const TITLE = new Prop('\\p{Lt}', D.TITLE_ADD, D.TITLE_DEL);
export const CASED = new Prop('\\p{Cased}', D.CASED_ADD, D.CASED_DEL);
export const CASE_IGNORABLE = new Prop('\\p{Case_Ignorable}', D.CASEIGNORABLE_ADD, D.CASEIGNORABLE_DEL);
export const XID_START = new Prop('\\p{XID_Start}', D.XIDSTART_ADD, D.XIDSTART_DEL);
export const XID_CONTINUE = new Prop('\\p{XID_Continue}', D.XIDCONTINUE_ADD, D.XIDCONTINUE_DEL);
export const SPACE = new Prop('', D.SPACE_ADD, D.SPACE_DEL);

/** Py_UNICODE_ISSPACE: the 29 whitespace characters of str.split() and str.strip(). */
export function isSpace(cp: number): boolean {
  if (cp < 128) return cp === 32 || (cp >= 9 && cp <= 13) || (cp >= 28 && cp <= 31);
  return SPACE.has(cp);
}

/** Regex class body of the whitespace characters, for split/strip. */
export const SPACE_CLASS = classBody(unpack(D.SPACE_ADD));

let zeros: number[] | undefined;

/** Py_UNICODE_TODECIMAL: the value of a decimal digit (any script), else -1. */
export function decimalValue(cp: number): number {
  if (cp < 128) return cp >= 48 && cp <= 57 ? cp - 48 : -1;
  if (!DECIMAL.has(cp)) return -1;
  zeros ??= D.DECIMAL_ZEROS.split(',').map((z) => parseInt(z, 36));
  let lo = 0;
  let hi = zeros.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (zeros[mid]! <= cp) lo = mid;
    else hi = mid - 1;
  }
  return cp - zeros[lo]!;
}

// ------------------------------------------------------------------ case mapping

let unassignedRe: RegExp | undefined;
function isUnassigned(ch: string): boolean {
  unassignedRe ??= new RegExp(`^[${unassigned()}]$`, 'u');
  return unassignedRe.test(ch);
}

function mapper(map: Record<number, string>, engine: (ch: string) => string) {
  return (ch: string, cp: number): string => {
    const m = map[cp];
    if (m !== undefined) return m;
    if (cp > 0x377 && isUnassigned(ch)) return ch;
    return engine(ch);
  };
}

/** Full case mappings of one code point (ch is its string): CPython's _PyUnicode_To*Full. */
export const upperOf = mapper(D.UPPER_MAP, (c) => c.toUpperCase());
export const lowerOf = mapper(D.LOWER_MAP, (c) => c.toLowerCase());
export const titleOf = mapper(D.TITLE_MAP, (c) => c.toUpperCase());
export const casefoldOf = mapper(D.CASEFOLD_MAP, (c) => c.toLowerCase());

/** Matches strings the engine's whole-string toUpperCase/toLowerCase would get wrong. */
export function caseFixRegex(map: Record<number, string>, extra = ''): RegExp {
  const keys = Object.keys(map)
    .map((k) => hex(+k))
    .join('');
  return new RegExp(`[${unassigned()}${keys}${extra}]`, 'u');
}
