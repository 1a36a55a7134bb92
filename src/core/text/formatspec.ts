/**
 * The format-spec mini-language (format(), str.format, f-strings) for int, float and
 * str, ported from CPython 3.11's Python/formatter_unicode.c: same parse, same
 * validation order, same error messages, same padding and digit grouping.
 *
 *   [[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type]
 */

import { TextError, valueError } from './errors';
import { ADD_DOT_0, ALT, NO_NEG_0, doubleToString, type FloatCode } from './floatrepr';
import { intToString } from './intformat';
import { decimalValue } from './ucd';
import { cpLength, cpSlice, cpChars } from './unicode';

export interface FormatSpec {
  /** The fill character (one code point). */
  fill: string;
  /** '<', '>', '=' or '^' (the type's default when not given). */
  align: string;
  /** '+', '-', ' ' or '' (not given). */
  sign: string;
  /** 'z': coerce negative zero (3.11). */
  noNeg0: boolean;
  /** '#': alternate form. */
  alt: boolean;
  /** -1 when not given. */
  width: number;
  /** '', ',' or '_'. */
  grouping: string;
  /** -1 when not given. */
  precision: number;
  /** The presentation type (one code point), or '' for none (float's default). */
  type: string;
}

const PY_SSIZE_T_MAX = 9223372036854775807n;
const INT_MAX = 2147483647;

function isAlign(c: string | undefined): boolean {
  return c === '<' || c === '>' || c === '=' || c === '^';
}

/** "'c'" for printable ASCII, else "'\\x..'" — how CPython names a code in messages. */
function codeName(c: string): string {
  const cp = c.codePointAt(0)!;
  return cp > 32 && cp < 128 ? `'${c}'` : `'\\x${cp.toString(16)}'`;
}

/** get_integer: a run of (any-script) decimal digits, or -1 when there is none. */
function getInteger(chars: string[], pos: { i: number }): number {
  let run = '';
  while (pos.i < chars.length) {
    const d = decimalValue(chars[pos.i]!.codePointAt(0)!);
    if (d < 0) break;
    run += d;
    pos.i++;
  }
  if (run === '') return -1;
  if (run.length > 18 && BigInt(run) > PY_SSIZE_T_MAX) {
    throw valueError('Too many decimal digits in format string');
  }
  return +run; // exact below 2^53; larger widths are unusable anyway
}

const cache = new Map<string, FormatSpec>();

/**
 * parse_internal_render_format_spec. `defaultType` is 'd' for int, 's' for str and ''
 * for float; `defaultAlign` '>' for numbers and '<' for str; `typeName` appears in
 * the "Invalid format specifier" message.
 */
export function parseFormatSpec(
  spec: string,
  typeName: string,
  defaultType: string,
  defaultAlign: string,
): FormatSpec {
  const key = spec + '\0' + defaultType + defaultAlign + typeName;
  const hit = cache.get(key);
  if (hit) return hit;
  const r = parseUncached(spec, typeName, defaultType, defaultAlign);
  if (cache.size > 500) cache.clear();
  cache.set(key, r);
  return r;
}

function parseUncached(
  spec: string,
  typeName: string,
  defaultType: string,
  defaultAlign: string,
): FormatSpec {
  const c = cpChars(spec);
  const end = c.length;
  const pos = { i: 0 };
  const f: FormatSpec = {
    fill: ' ',
    align: defaultAlign,
    sign: '',
    noNeg0: false,
    alt: false,
    width: -1,
    grouping: '',
    precision: -1,
    type: defaultType,
  };
  let fillSpecified = false;
  let alignSpecified = false;
  if (end >= 2 && isAlign(c[1])) {
    f.align = c[1]!;
    f.fill = c[0]!;
    fillSpecified = alignSpecified = true;
    pos.i = 2;
  } else if (end >= 1 && isAlign(c[0])) {
    f.align = c[0]!;
    alignSpecified = true;
    pos.i = 1;
  }
  const at = (): string | undefined => c[pos.i];
  if (at() === ' ' || at() === '+' || at() === '-') f.sign = c[pos.i++]!;
  if (at() === 'z') {
    f.noNeg0 = true;
    pos.i++;
  }
  if (at() === '#') {
    f.alt = true;
    pos.i++;
  }
  if (!fillSpecified && at() === '0') {
    f.fill = '0';
    if (!alignSpecified && defaultAlign === '>') f.align = '=';
    pos.i++;
  }
  f.width = getInteger(c, pos);
  if (at() === ',') {
    f.grouping = ',';
    pos.i++;
  }
  if (at() === '_') {
    if (f.grouping !== '') throw valueError("Cannot specify both ',' and '_'.");
    f.grouping = '_';
    pos.i++;
  }
  if (at() === ',' && f.grouping === '_') throw valueError("Cannot specify both ',' and '_'.");
  if (at() === '.') {
    pos.i++;
    f.precision = getInteger(c, pos);
    if (f.precision < 0) throw valueError('Format specifier missing precision');
  }
  if (end - pos.i > 1) {
    throw valueError(`Invalid format specifier '${spec}' for object of type '${typeName}'`);
  }
  // An explicit NUL type is C's '\0', i.e. "no type" (float's default).
  if (end - pos.i === 1) f.type = c[pos.i] === '\0' ? '' : c[pos.i]!;
  if (f.grouping !== '') {
    switch (f.type) {
      case 'd':
      case 'e':
      case 'f':
      case 'g':
      case 'E':
      case 'G':
      case '%':
      case 'F':
      case '':
        break;
      case 'b':
      case 'o':
      case 'x':
      case 'X':
        if (f.grouping === '_') break; // grouped by four; see groupSize()
      // fall through
      default:
        throw valueError(`Cannot specify '${f.grouping}' with ${codeName(f.type || '\0')}.`);
    }
  }
  return f;
}

function unknownCode(type: string, typeName: string): TextError {
  return valueError(`Unknown format code ${codeName(type || '\0')} for object of type '${typeName}'`);
}

/** _PyUnicode_InsertThousandsGrouping, also zero-padding the digits to minWidth. */
function groupDigits(digits: string, minWidth: number, size: number, sep: string): string {
  let out = '';
  let remaining = digits.length;
  let end = remaining;
  let useSep = false;
  let broken = false;
  if (size > 0) {
    for (;;) {
      const l = Math.min(size, Math.max(remaining, minWidth, 1));
      const zeros = Math.max(0, l - remaining);
      const n = Math.max(0, Math.min(remaining, l));
      out = '0'.repeat(zeros) + digits.slice(end - n, end) + (useSep ? sep : '') + out;
      useSep = true;
      remaining -= n;
      end -= n;
      minWidth -= l;
      if (remaining <= 0 && minWidth <= 0) {
        broken = true;
        break;
      }
      minWidth -= sep.length;
    }
  }
  if (!broken) {
    const l = Math.max(remaining, minWidth, 1);
    const zeros = Math.max(0, l - remaining);
    const n = Math.max(0, Math.min(remaining, l));
    out = '0'.repeat(zeros) + digits.slice(end - n, end) + (useSep ? sep : '') + out;
  }
  return out;
}

/**
 * calc_number_widths + fill_number: lays out
 *   <lpad><sign><prefix><spad><grouped digits><remainder><rpad>
 * `remainder` (decimal point, fraction, exponent, '%', or the 'c' character) has
 * `remLen` code points.
 */
function layoutNumber(
  f: FormatSpec,
  negative: boolean,
  prefix: string,
  digits: string,
  remainder: string,
  remLen: number,
  groupSize: number,
  upper: boolean,
): string {
  let sign = '';
  if (f.sign === '+') sign = negative ? '-' : '+';
  else if (f.sign === ' ') sign = negative ? '-' : ' ';
  else if (negative) sign = '-';
  const nonDigits = sign.length + prefix.length + remLen;
  const minWidth = f.fill === '0' && f.align === '=' ? f.width - nonDigits : 0;
  let grouped = digits.length === 0 ? '' : groupDigits(digits, minWidth, groupSize, f.grouping);
  if (upper) {
    grouped = grouped.toUpperCase();
    prefix = prefix.toUpperCase();
  }
  const padding = f.width - (nonDigits + grouped.length);
  let l = 0;
  let s = 0;
  let r = 0;
  if (padding > 0) {
    if (f.align === '<') r = padding;
    else if (f.align === '^') {
      l = padding >> 1;
      r = padding - l;
    } else if (f.align === '=') s = padding;
    else l = padding;
  }
  const fill = f.fill;
  return (
    (l ? fill.repeat(l) : '') +
    sign +
    prefix +
    (s ? fill.repeat(s) : '') +
    grouped +
    remainder +
    (r ? fill.repeat(r) : '')
  );
}

function groupSize(f: FormatSpec): number {
  if (f.grouping === '') return 0;
  const t = f.type;
  return f.grouping === '_' && (t === 'b' || t === 'o' || t === 'x' || t === 'X') ? 4 : 3;
}

/**
 * format(v, spec) for an int. Pass typeName 'bool' for a bool: its empty spec gives
 * str(bool), and its name shows in error messages.
 */
export function formatInt(v: bigint, spec: string, typeName = 'int'): string {
  if (spec === '') return typeName === 'bool' ? (v ? 'True' : 'False') : intToString(v);
  const f = parseFormatSpec(spec, typeName, 'd', '>');
  switch (f.type) {
    case 'b':
    case 'c':
    case 'd':
    case 'o':
    case 'x':
    case 'X':
    case 'n':
      return formatIntSpec(v, f);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case '%': {
      const x = Number(v);
      if (!isFinite(x)) throw new TextError('OverflowError', 'int too large to convert to float');
      return formatFloatSpec(x, f);
    }
    default:
      throw unknownCode(f.type, typeName);
  }
}

/** format_long_internal for an already-parsed spec with an integer type. */
export function formatIntSpec(v: bigint, f: FormatSpec): string {
  if (f.precision !== -1) throw valueError('Precision not allowed in integer format specifier');
  if (f.noNeg0) throw valueError('Negative zero coercion (z) not allowed in integer format specifier');
  if (f.type === 'c') {
    if (f.sign !== '') throw valueError("Sign not allowed with integer format specifier 'c'");
    if (f.alt) throw valueError("Alternate form (#) not allowed with integer format specifier 'c'");
    if (v > 9223372036854775807n || v < -9223372036854775808n) {
      throw new TextError('OverflowError', 'Python int too large to convert to C long');
    }
    if (v < 0n || v > 0x10ffffn) throw new TextError('OverflowError', '%c arg not in range(0x110000)');
    return layoutNumber(f, false, '', '', String.fromCodePoint(Number(v)), 1, 0, false);
  }
  const base = f.type === 'b' ? 2 : f.type === 'o' ? 8 : f.type === 'x' || f.type === 'X' ? 16 : 10;
  const negative = v < 0n;
  const digits = base === 10 ? intToString(negative ? -v : v) : (negative ? -v : v).toString(base);
  const prefix = f.alt && base !== 10 ? (base === 2 ? '0b' : base === 8 ? '0o' : '0x') : '';
  return layoutNumber(f, negative, prefix, digits, '', 0, groupSize(f), f.type === 'X');
}

/** format(x, spec) for a float. */
export function formatFloat(x: number, spec: string, typeName = 'float'): string {
  if (spec === '') return doubleToString(x, 'r', 0, ADD_DOT_0);
  const f = parseFormatSpec(spec, typeName, '', '>');
  switch (f.type) {
    case '':
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case 'n':
    case '%':
      return formatFloatSpec(x, f);
    default:
      throw unknownCode(f.type, typeName);
  }
}

/** format_float_internal for an already-parsed spec with a float type. */
export function formatFloatSpec(x: number, f: FormatSpec): string {
  if (f.precision > INT_MAX) throw valueError('precision too big');
  let precision = f.precision;
  let flags = 0;
  if (f.alt) flags |= ALT;
  if (f.noNeg0) flags |= NO_NEG_0;
  let type = f.type;
  let defaultPrecision = 6;
  if (type === '') {
    flags |= ADD_DOT_0;
    type = 'r';
    defaultPrecision = 0;
  }
  if (type === 'n') type = 'g';
  let pct = false;
  if (type === '%') {
    type = 'f';
    x *= 100;
    pct = true;
  }
  if (precision < 0) precision = defaultPrecision;
  else if (type === 'r') type = 'g';
  let buf = doubleToString(x, type as FloatCode, precision, flags);
  if (pct) buf += '%';
  if (f.width === -1 && f.sign !== '+' && f.sign !== ' ' && f.grouping === '') return buf;
  let i = 0;
  const negative = buf.charCodeAt(0) === 45;
  if (negative) i = 1;
  let j = i;
  while (j < buf.length && buf.charCodeAt(j) >= 48 && buf.charCodeAt(j) <= 57) j++;
  const remainder = buf.slice(j);
  return layoutNumber(f, negative, '', buf.slice(i, j), remainder, remainder.length, groupSize(f), false);
}

/** format(s, spec) for a str. */
export function formatStr(s: string, spec: string, typeName = 'str'): string {
  if (spec === '') return s;
  const f = parseFormatSpec(spec, typeName, 's', '<');
  if (f.type !== 's') throw unknownCode(f.type, typeName);
  return formatStrSpec(s, f);
}

/** format_string_internal for an already-parsed spec of type 's'. */
export function formatStrSpec(s: string, f: FormatSpec): string {
  if (f.sign !== '') {
    throw valueError(
      f.sign === ' '
        ? 'Space not allowed in string format specifier'
        : 'Sign not allowed in string format specifier',
    );
  }
  if (f.noNeg0) throw valueError('Negative zero coercion (z) not allowed in string format specifier');
  if (f.alt) throw valueError('Alternate form (#) not allowed in string format specifier');
  if (f.align === '=') throw valueError("'=' alignment not allowed in string format specifier");
  // Cheap exits before counting code points.
  if (f.precision < 0 && f.width <= s.length >> 1) return s;
  let len = cpLength(s);
  if (f.precision >= 0 && len > f.precision) {
    s = cpSlice(s, 0, f.precision);
    len = f.precision;
  }
  if (f.width <= len) return s;
  const total = f.width - len;
  const left = f.align === '>' ? total : f.align === '^' ? total >> 1 : 0;
  return f.fill.repeat(left) + s + f.fill.repeat(total - left);
}
