/**
 * printf-style formatting, `format % args`, ported from CPython 3.11's
 * PyUnicode_Format (Objects/unicodeobject.c). CPython parses each conversion while
 * consuming arguments, so which error wins depends on that interleaving; the driver
 * `percentFormat` reproduces it against a host that owns the objects, and the pure
 * pieces (spec parsing, number conversion, padding) are exported for direct use.
 */

import { TextError, typeError, valueError } from './errors';
import { doubleToString, ALT, type FloatCode } from './floatrepr';
import { intToString } from './intformat';
import { cpLength, cpSlice } from './unicode';

/** One parsed conversion specifier: %[(key)][flags][width][.prec][hlL]conv. */
export interface PercentSpec {
  ljust: boolean; // '-'
  sign: boolean; // '+'
  blank: boolean; // ' '
  alt: boolean; // '#'
  zero: boolean; // '0'
  /** -1 when absent. */
  width: number;
  /** -1 when absent. */
  prec: number;
  /** The conversion character (any code point; validated when formatting). */
  conv: string;
}

/** The object operations '%' needs; V is the interpreter's value type. */
export interface PercentHost<V> {
  /** The right operand. */
  readonly args: V;
  /** Its items when it is a tuple, else null. */
  readonly tuple: readonly V[] | null;
  /** PyMapping_Check(args) and args is neither a tuple nor a str (lists count!). */
  readonly isMapping: boolean;
  /** args[key] for %(key)s; raises the KeyError itself. */
  getItem(key: string): V;
  /** For '*' width/precision: the value of an int (bool included), or null ("* wants int"). */
  starInt(v: V): bigint | null;
  /** str(v), repr(v) or ascii(v). */
  toText(v: V, conv: 's' | 'r' | 'a'): string;
  /**
   * The integer for %d %i %u (int(v)) or %o %x %X (operator.index(v)); throws
   * TypeError(percentIntTypeError(conv, type(v).__name__)) when v does not qualify.
   * `floatToInt` does the float part.
   */
  toInt(v: V, conv: string): bigint;
  /** float(v) for %e %f %g; TypeError 'must be real number, not T' otherwise. */
  toFloat(v: V): number;
  /** %c: a one-character str, or an int through `charFromInt`; else throw PERCENT_C_ERROR. */
  toChar(v: V): string;
}

const SSIZE_MAX = 9223372036854775807n;
const INT_MAX = 2147483647;

/** TypeError message of %d/%x… for an argument of the wrong type. */
export function percentIntTypeError(conv: string, typeName: string): TextError {
  return typeError(
    conv === 'o' || conv === 'x' || conv === 'X'
      ? `%${conv} format: an integer is required, not ${typeName}`
      : `%${conv} format: a real number is required, not ${typeName}`,
  );
}

/** TypeError for %c with something that is neither an int nor a one-character str. */
export const PERCENT_C_ERROR = '%c requires int or char';

/** %c of an int: chr(n), or OverflowError outside range(0x110000). */
export function charFromInt(n: bigint): string {
  if (n < 0n || n > 0x10ffffn) throw new TextError('OverflowError', '%c arg not in range(0x110000)');
  return String.fromCodePoint(Number(n));
}

/** int(x) for a float, with CPython's errors for inf and nan. */
export function floatToInt(x: number): bigint {
  if (x !== x) throw valueError('cannot convert float NaN to integer');
  if (x === Infinity || x === -Infinity)
    throw new TextError('OverflowError', 'cannot convert float infinity to integer');
  return BigInt(Math.trunc(x));
}

/**
 * _PyUnicode_FormatLong: digits of v for d/i/u/o/x/X, '-' first, '0x'/'0o' only
 * with '#', zero-filled to `prec` digits, upper-cased for X.
 */
export function formatLong(v: bigint, alt: boolean, prec: number, conv: string): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  let digits: string;
  let prefix = '';
  if (conv === 'o') {
    digits = a.toString(8);
    if (alt) prefix = '0o';
  } else if (conv === 'x' || conv === 'X') {
    digits = a.toString(16);
    if (alt) prefix = '0x';
  } else digits = intToString(a);
  if (prec > digits.length) digits = '0'.repeat(prec - digits.length) + digits;
  const s = (neg ? '-' : '') + prefix + digits;
  return conv === 'X' ? s.toUpperCase() : s;
}

/** formatfloat: %e %E %f %F %g %G with precision (default 6) and '#'. */
export function formatPercentFloat(x: number, spec: PercentSpec): string {
  return doubleToString(x, spec.conv as FloatCode, spec.prec < 0 ? 6 : spec.prec, spec.alt ? ALT : 0);
}

/**
 * unicode_format_arg_output: pads the converted text `str` per the spec. `numeric`
 * is true for d/i/u/o/x/X/e/f/g (the sign and '0' flags apply).
 */
export function percentPad(str: string, spec: PercentSpec, numeric: boolean): string {
  const fill = numeric && spec.zero ? '0' : ' ';
  let width = spec.width;
  let len = cpLength(str);
  if ((width === -1 || width <= len) && (spec.prec === -1 || spec.prec >= len) && !spec.sign && !spec.blank) {
    return str;
  }
  const c = spec.conv;
  if ((c === 's' || c === 'r' || c === 'a') && spec.prec >= 0 && len > spec.prec) len = spec.prec;
  let p = 0; // index of the first character still to copy (ASCII once numeric)
  let sign = numeric;
  let signChar = '';
  if (numeric) {
    const ch = str[0];
    if (ch === '-' || ch === '+') {
      signChar = ch;
      len--;
      p++;
    } else if (spec.sign) signChar = '+';
    else if (spec.blank) signChar = ' ';
    else sign = false;
  }
  if (width < len) width = len;
  let out = '';
  if (sign) {
    if (fill !== ' ') out += signChar;
    if (width > len) width--;
  }
  const altPrefix = spec.alt && (c === 'x' || c === 'X' || c === 'o');
  if (altPrefix) {
    if (fill !== ' ') {
      out += '0' + c;
      p += 2;
    }
    width -= 2;
    if (width < 0) width = 0;
    len -= 2;
  }
  if (width > len && !spec.ljust) {
    out += fill.repeat(width - len);
    width = len;
  }
  if (fill === ' ') {
    if (sign) out += signChar;
    if (altPrefix) {
      out += '0' + c;
      p += 2;
    }
  }
  out += numeric ? str.slice(p, p + len) : cpSlice(str, p, p + len);
  if (width > len) out += ' '.repeat(width - len);
  return out;
}

/** PyUnicode_Format: `fmt % args`. */
export function percentFormat<V>(fmt: string, host: PercentHost<V>): string {
  const s = Array.from(fmt); // code points: reported indices are code-point indices
  const n = s.length;
  const dict = host.isMapping;
  // Argument cursor as in CPython: a non-tuple right operand is one argument.
  let args = host.args;
  let tuple = host.tuple;
  let arglen = tuple ? tuple.length : -1;
  let argidx = tuple ? 0 : -2;
  const nextArg = (): V => {
    if (argidx < arglen) {
      const i = argidx++;
      return arglen < 0 ? args : tuple![i]!;
    }
    throw typeError('not enough arguments for format string');
  };

  let out = '';
  let pos = 0;
  while (pos < n) {
    if (s[pos] !== '%') {
      const st = pos;
      while (pos < n && s[pos] !== '%') pos++;
      out += s.slice(st, pos).join('');
      continue;
    }
    pos++;
    if (s[pos] === '%') {
      pos++;
      out += '%';
      continue;
    }
    // ---- unicode_format_arg_parse; ch === undefined stands for C's NUL at the end.
    let ch: string | undefined = s[pos];
    const spec: PercentSpec = {
      ljust: false,
      sign: false,
      blank: false,
      alt: false,
      zero: false,
      width: -1,
      prec: -1,
      conv: '',
    };
    if (ch === '(') {
      if (!dict) throw typeError('format requires a mapping');
      pos++;
      const keyStart = pos;
      let depth = 1;
      while (depth > 0 && pos < n) {
        const k = s[pos++];
        if (k === ')') depth--;
        else if (k === '(') depth++;
      }
      if (depth > 0) throw valueError('incomplete format key');
      args = host.getItem(s.slice(keyStart, pos - 1).join(''));
      tuple = null;
      arglen = -1;
      argidx = -2;
    }
    // more(): step to the next character (then s[pos - 1]); false at the end, where C's
    // --fmtcnt goes negative and `ch` keeps its last value.
    let atEnd = false;
    const more = (): boolean => {
      if (pos >= n) atEnd = true;
      else pos++;
      return !atEnd;
    };
    while (more()) {
      ch = s[pos - 1];
      if (ch === '-') spec.ljust = true;
      else if (ch === '+') spec.sign = true;
      else if (ch === ' ') spec.blank = true;
      else if (ch === '#') spec.alt = true;
      else if (ch === '0') spec.zero = true;
      else break;
    }
    if (ch === '*') {
      const w = host.starInt(nextArg());
      if (w === null) throw typeError('* wants int');
      if (w > SSIZE_MAX || w < -SSIZE_MAX - 1n) {
        throw new TextError('OverflowError', 'Python int too large to convert to C ssize_t');
      }
      spec.width = Number(w);
      if (spec.width < 0) {
        spec.ljust = true;
        spec.width = -spec.width;
      }
      if (more()) ch = s[pos - 1];
    } else if (ch !== undefined && ch >= '0' && ch <= '9') {
      let w = BigInt(ch.charCodeAt(0) - 48);
      while (more()) {
        ch = s[pos - 1]!;
        if (ch < '0' || ch > '9') break;
        const d = BigInt(ch.charCodeAt(0) - 48);
        if (w > (SSIZE_MAX - d) / 10n) throw valueError('width too big');
        w = w * 10n + d;
      }
      spec.width = Number(w);
    }
    if (ch === '.') {
      spec.prec = 0;
      if (more()) ch = s[pos - 1];
      if (ch === '*') {
        const p = host.starInt(nextArg());
        if (p === null) throw typeError('* wants int');
        if (p > BigInt(INT_MAX) || p < -BigInt(INT_MAX) - 1n) {
          throw new TextError('OverflowError', 'Python int too large to convert to C int');
        }
        spec.prec = Math.max(0, Number(p));
        if (more()) ch = s[pos - 1];
      } else if (ch !== undefined && ch >= '0' && ch <= '9') {
        let p = ch.charCodeAt(0) - 48;
        while (more()) {
          ch = s[pos - 1]!;
          if (ch < '0' || ch > '9') break;
          const d = ch.charCodeAt(0) - 48;
          if (p > Math.floor((INT_MAX - d) / 10)) throw valueError('precision too big');
          p = p * 10 + d;
        }
        spec.prec = p;
      }
    }
    if (!atEnd && (ch === 'h' || ch === 'l' || ch === 'L') && more()) ch = s[pos - 1];
    if (atEnd) throw valueError('incomplete format');
    spec.conv = ch!;
    // ---- unicode_format_arg_format
    const v = nextArg();
    switch (spec.conv) {
      case 's':
      case 'r':
      case 'a':
        out += percentPad(host.toText(v, spec.conv), spec, false);
        break;
      case 'i':
      case 'd':
      case 'u':
      case 'o':
      case 'x':
      case 'X':
        out += percentPad(formatLong(host.toInt(v, spec.conv), spec.alt, spec.prec, spec.conv), spec, true);
        break;
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
        out += percentPad(formatPercentFloat(host.toFloat(v), spec), spec, true);
        break;
      case 'c':
        out += percentPad(host.toChar(v), spec, false);
        break;
      default: {
        const cp = spec.conv.codePointAt(0)!;
        throw valueError(
          `unsupported format character '${cp >= 31 && cp <= 126 ? spec.conv : '?'}' (0x${cp.toString(16)}) at index ${pos - 1}`,
        );
      }
    }
    if (dict && argidx < arglen) throw typeError('not all arguments converted during string formatting');
  }
  if (argidx < arglen && !dict) throw typeError('not all arguments converted during string formatting');
  return out;
}
