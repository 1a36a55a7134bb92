/**
 * float → text exactly as CPython: repr(float) and PyOS_double_to_string, the engine
 * under format(), '%'-formatting and str.format for floats.
 *
 * In Python 3, str(float) is the same as repr(float) (float_repr serves both), so
 * `floatStr` is simply an alias.
 */

import { fixedDigits, shortestDigits, significantDigits, toFixedEven, type DecimalDigits } from './dtoa';

/** repr(x) for a Python float. */
export function floatRepr(x: number): string {
  // Fast path: Python prints fixed notation for 1e-4 <= |x| < 1e16 and the engine's
  // shortest-digits output is fixed there too; only a missing ".0" differs.
  const a = x < 0 ? -x : x;
  if (a >= 1e-4 && a < 1e16) {
    const s = '' + x;
    return s.indexOf('.') < 0 ? s + '.0' : s;
  }
  // Below 1e-7 and from 1e21 up the engine also uses exponent form, with the same
  // digits; Python writes at least two exponent digits ("1.5e-07").
  if (a < 1e-7 || a >= 1e21) {
    const s = '' + x;
    const e = s.indexOf('e');
    if (e > 0) return s.length - e === 3 ? s.slice(0, e + 2) + '0' + s.slice(e + 2) : s;
  }
  return doubleToString(x, 'r', 0, ADD_DOT_0);
}

/** str(x) for a Python float: identical to repr in Python 3. */
export const floatStr = floatRepr;

/** Flags of PyOS_double_to_string (Py_DTSF_*). */
export const SIGN = 1; // always write a sign
export const ADD_DOT_0 = 2; // integers in fixed notation get ".0"
export const ALT = 4; // '#': keep the decimal point and trailing zeros
export const NO_NEG_0 = 8; // 'z': a result that rounds to zero loses its '-'

export type FloatCode = 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'r';

/**
 * PyOS_double_to_string(val, code, precision, flags): 'e'/'f'/'g' as C printf (with
 * Python's rounding, 'inf'/'nan' spellings and two-digit exponents), 'r' for repr
 * (precision must be 0). Upper-case codes upper-case 'e', 'inf' and 'nan'.
 */
export function doubleToString(x: number, code: FloatCode, precision: number, flags: number): string {
  let upper = false;
  let fmt: 'e' | 'f' | 'g' | 'r';
  switch (code) {
    case 'E':
      upper = true;
    // fall through
    case 'e':
      fmt = 'e';
      precision++;
      break;
    case 'F':
      upper = true;
    // fall through
    case 'f':
      fmt = 'f';
      break;
    case 'G':
      upper = true;
    // fall through
    case 'g':
      fmt = 'g';
      if (precision === 0) precision = 1;
      break;
    default:
      fmt = 'r';
  }
  return formatFloatShort(x, fmt, precision, flags, upper);
}

/** Port of format_float_short (Python/pystrtod.c) on our dtoa digits. */
function formatFloatShort(
  d: number,
  fmt: 'e' | 'f' | 'g' | 'r',
  precision: number,
  flags: number,
  upper: boolean,
): string {
  const addSign = (flags & SIGN) !== 0;
  if (d !== d) return (addSign ? '+' : '') + (upper ? 'NAN' : 'nan');
  let neg = d < 0 || (d === 0 && 1 / d < 0);
  if (d === Infinity || d === -Infinity) return (neg ? '-' : addSign ? '+' : '') + (upper ? 'INF' : 'inf');

  const a = neg ? -d : d;
  if (
    fmt === 'f' &&
    precision > 0 &&
    precision <= 100 &&
    a < 1e21 &&
    a !== 0 &&
    (flags & (ALT | NO_NEG_0)) === 0
  ) {
    // Common case: the engine's fixed notation, corrected for ties, is already right.
    return (neg ? '-' : addSign ? '+' : '') + toFixedEven(a, precision);
  }
  let dd: DecimalDigits;
  if (a === 0) dd = { digits: '0', decpt: 1 };
  else if (fmt === 'r') dd = shortestDigits(a);
  else if (fmt === 'f') dd = fixedDigits(a, precision);
  else dd = significantDigits(a, precision);
  const digits = dd.digits;
  const digitsLen = digits.length;
  let decpt = dd.decpt;

  if ((flags & NO_NEG_0) !== 0 && neg && (digitsLen === 0 || digits === '0')) neg = false;

  const addDot0 = (flags & ADD_DOT_0) !== 0;
  const alt = (flags & ALT) !== 0;
  let useExp = false;
  let vEnd = digitsLen;
  switch (fmt) {
    case 'e':
      useExp = true;
      vEnd = precision;
      break;
    case 'f':
      vEnd = decpt + precision;
      break;
    case 'g':
      if (decpt <= -4 || decpt > (addDot0 ? precision - 1 : precision)) useExp = true;
      if (alt) vEnd = precision;
      break;
    case 'r':
      if (decpt <= -4 || decpt > 16) useExp = true;
      break;
  }
  let exp = 0;
  if (useExp) {
    exp = decpt - 1;
    decpt = 1;
  }
  const vStart = decpt <= 0 ? decpt - 1 : 0;
  if (!useExp && addDot0) vEnd = vEnd > decpt ? vEnd : decpt + 1;
  else vEnd = vEnd > decpt ? vEnd : decpt;

  let out = neg ? '-' : addSign ? '+' : '';
  if (decpt <= 0) out += '0'.repeat(decpt - vStart) + '.' + '0'.repeat(-decpt);
  else out += '0'.repeat(-vStart);
  if (decpt > 0 && decpt <= digitsLen) out += digits.slice(0, decpt) + '.' + digits.slice(decpt);
  else out += digits;
  if (digitsLen < decpt) out += '0'.repeat(decpt - digitsLen) + '.' + '0'.repeat(vEnd - decpt);
  else out += '0'.repeat(vEnd - digitsLen);
  if (out.charCodeAt(out.length - 1) === 46 && !alt) out = out.slice(0, -1);
  if (useExp) {
    const ae = exp < 0 ? -exp : exp;
    out += (upper ? 'E' : 'e') + (exp < 0 ? '-' : '+') + (ae < 10 ? '0' + ae : '' + ae);
  }
  return out;
}
