/**
 * int ↔ text and float(str), as CPython: str(int) and its 4300-digit limit,
 * int(text, base) (PyLong_FromUnicodeObject) and float(text) (PyFloat_FromString).
 */

import { TextError, valueError } from './errors';
import { cpSlice } from './unicode';
import { decimalValue, isSpace } from './ucd';
import { strRepr } from './strrepr';

/** sys.get_int_max_str_digits() default; 0 disables the limit. */
export const DEFAULT_MAX_STR_DIGITS = 4300;

function limitToStr(max: number): TextError {
  return valueError(
    `Exceeds the limit (${max} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit`,
  );
}

/**
 * Digits of v in `base` (2..36, lower-case letters, '-' for negatives, no prefix).
 * Base 10 enforces the int_max_str_digits limit like str(int).
 */
export function intToString(v: bigint, base = 10, maxDigits = DEFAULT_MAX_STR_DIGITS): string {
  if (base !== 10) {
    if (base < 2 || base > 36) throw new RangeError('base must be 2..36');
    return v.toString(base);
  }
  if (v < 10000000000000000n && v > -10000000000000000n) return '' + v;
  const s = v.toString();
  if (maxDigits > 0 && s.length - (v < 0n ? 1 : 0) > maxDigits) throw limitToStr(maxDigits);
  return s;
}

/** bin()/oct()/hex() of v: '0b101', '-0x1f', … */
export function intToPrefixed(v: bigint, base: 2 | 8 | 16): string {
  const prefix = base === 2 ? '0b' : base === 8 ? '0o' : '0x';
  return v < 0n ? '-' + prefix + (-v).toString(base) : prefix + v.toString(base);
}

/**
 * _PyUnicode_TransformDecimalAndSpaceToASCII: Unicode spaces become ' ', decimal digits
 * of any script become ASCII digits, characters below 127 stay, and anything else
 * ends the text with '?' (which no parser accepts).
 */
function toAsciiNumber(text: string): string {
  if (!/[^\x00-\x7e]/.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 127) out += ch;
    else if (isSpace(cp)) out += ' ';
    else {
      const d = decimalValue(cp);
      if (d < 0) return out + '?';
      out += String.fromCharCode(48 + d);
    }
  }
  return out;
}

const C_SPACE = /^[ \t\n\v\f\r]*/; // Py_ISSPACE: ASCII whitespace only

function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 87;
  if (c >= 65 && c <= 90) return c - 55;
  return 37;
}

function invalidInt(text: string, base: number): TextError {
  return valueError(`invalid literal for int() with base ${base}: ${cpSlice(strRepr(text), 0, 200)}`);
}

/** Parses digits (already validated) in any base 2..36. */
function digitsToBigInt(digits: string, base: number): bigint {
  if (base === 10) return BigInt(digits);
  if (base === 16) return BigInt('0x' + digits);
  if (base === 8) return BigInt('0o' + digits);
  if (base === 2) return BigInt('0b' + digits);
  // Chunks of k digits, k chosen so base^k stays below 2^53.
  const k = Math.floor(53 / Math.log2(base));
  const big = BigInt(base) ** BigInt(k);
  let i = digits.length % k || k;
  let acc = BigInt(parseInt(digits.slice(0, i), base));
  for (; i < digits.length; i += k) acc = acc * big + BigInt(parseInt(digits.slice(i, i + k), base));
  return acc;
}

/**
 * int(text, base) for a str: surrounding whitespace, one sign, base-0 prefixes
 * (and the ban on leading zeros), single underscores between digits, Unicode digits.
 * Throws ValueError with CPython's message (repr of the text, cut to 200 characters).
 */
export function parseIntLiteral(text: string, base = 10, maxDigits = DEFAULT_MAX_STR_DIGITS): bigint {
  if ((base !== 0 && base < 2) || base > 36) throw valueError('int() base must be >= 2 and <= 36, or 0');
  const s = toAsciiNumber(text);
  let p = C_SPACE.exec(s)![0].length;
  let neg = false;
  if (s[p] === '+') p++;
  else if (s[p] === '-') {
    neg = true;
    p++;
  }
  let b = base;
  let errorIfNonzero = false;
  const c1 = s.charCodeAt(p + 1) | 0x20;
  if (b === 0) {
    if (s[p] !== '0') b = 10;
    else if (c1 === 0x78) b = 16;
    else if (c1 === 0x6f) b = 8;
    else if (c1 === 0x62) b = 2;
    else {
      errorIfNonzero = true; // "010" is the old octal syntax, invalid unless all zeros
      b = 10;
    }
  }
  if (s[p] === '0' && ((b === 16 && c1 === 0x78) || (b === 8 && c1 === 0x6f) || (b === 2 && c1 === 0x62))) {
    p += 2;
    if (s[p] === '_') p++;
  }
  if (s[p] === '_') throw invalidInt(text, base);
  const start = p;
  let digits: string;
  let prevUnderscore = false;
  let nonzero = false;
  for (; p < s.length; p++) {
    const c = s.charCodeAt(p);
    if (c === 95) {
      if (prevUnderscore) throw invalidInt(text, base);
      prevUnderscore = true;
      continue;
    }
    const d = digitValue(c);
    if (d >= b) break;
    if (d) nonzero = true;
    prevUnderscore = false;
  }
  if (prevUnderscore) throw invalidInt(text, base);
  digits = s.slice(start, p);
  if (digits.indexOf('_') >= 0) digits = digits.replace(/_/g, '');
  if ((b & (b - 1)) !== 0 && maxDigits > 0 && digits.length > maxDigits) {
    throw valueError(
      `Exceeds the limit (${maxDigits} digits) for integer string conversion: value has ${digits.length} digits; use sys.set_int_max_str_digits() to increase the limit`,
    );
  }
  if ((errorIfNonzero && nonzero) || p === start) throw invalidInt(text, base);
  p += C_SPACE.exec(s.slice(p))![0].length;
  if (p !== s.length) throw invalidInt(text, base);
  const v = digitsToBigInt(digits, b);
  return neg ? -v : v;
}

const FLOAT_RE = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const SPECIAL_RE = /^([+-]?)(?:(inf|infinity)|nan)$/i;

/** float(text) for a str: decimal literals, inf/infinity/nan in any case, underscores. */
export function parseFloatLiteral(text: string): number {
  let s = toAsciiNumber(text);
  // Strip ASCII whitespace (after the Unicode-space transform), as PyFloat_FromString.
  s = s.replace(/^[ \t\n\v\f\r]+/, '');
  if (s.length > 1) s = s.replace(/(?<=.)[ \t\n\v\f\r]+$/, '');
  if (s.indexOf('_') >= 0) {
    // _Py_string_to_number_with_underscores: '_' only between two digits.
    if (!/^(?:[^_]|(?<=[0-9])_(?=[0-9]))*$/.test(s)) throw invalidFloat(text);
    s = s.replace(/_/g, '');
  }
  if (FLOAT_RE.test(s)) return +s;
  const m = SPECIAL_RE.exec(s);
  if (m) return m[2] ? (m[1] === '-' ? -Infinity : Infinity) : m[1] === '-' ? -NaN : NaN; // float('-nan') keeps its sign bit
  throw invalidFloat(text);
}

function invalidFloat(text: string): TextError {
  return valueError(`could not convert string to float: ${strRepr(text)}`);
}
