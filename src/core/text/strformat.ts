/**
 * str.format / str.format_map machinery, ported from CPython 3.11's
 * Objects/stringlib/unicode_format.h.
 *
 * CPython parses lazily while it formats, so an error late in the string surfaces
 * only after earlier fields were looked up (and may have raised first). The parse
 * results here keep that order: a parse error is an item at the position where
 * CPython would raise it. `renderFormat` drives the whole algorithm (auto-numbering,
 * nested specs, recursion limit) against a host that owns the objects.
 */

import { TextError, valueError } from './errors';
import { decimalValue } from './ucd';

/** One step of MarkupIterator: literal text, then maybe a replacement field. */
export interface FormatItem {
  literal: string;
  field: ReplacementField | null;
}

export interface ReplacementField {
  /** The raw field name, e.g. '0', '', 'name.attr[3]'. */
  name: string;
  /** The conversion character after '!', or null. Validated only when rendering. */
  conversion: string | null;
  /** The raw format spec (may contain nested fields). */
  spec: string;
  /** True when the spec contains '{' and must be expanded first. */
  specNeedsExpanding: boolean;
}

/** Items, then `error` (if any) raised when the iteration reaches it. */
export interface ParsedFormat {
  items: FormatItem[];
  error: TextError | null;
}

const parseCache = new Map<string, ParsedFormat>();

/** Parses a format string like _string.formatter_parser. Results are cached. */
export function parseFormatString(fmt: string): ParsedFormat {
  let r = parseCache.get(fmt);
  if (r === undefined) {
    r = parseUncached(Array.from(fmt));
    if (parseCache.size > 500) parseCache.clear();
    parseCache.set(fmt, r);
  }
  return r;
}

function parseUncached(s: string[]): ParsedFormat {
  const items: FormatItem[] = [];
  const end = s.length;
  let pos = 0;
  try {
    while (pos < end) {
      const start = pos;
      let c = '';
      let markup = false;
      while (pos < end) {
        c = s[pos++]!;
        if (c === '{' || c === '}') {
          markup = true;
          break;
        }
      }
      const atEnd = pos >= end;
      let len = pos - start;
      if (c === '}' && (atEnd || s[pos] !== '}')) throw valueError("Single '}' encountered in format string");
      if (atEnd && c === '{') throw valueError("Single '{' encountered in format string");
      if (!atEnd) {
        if (c === s[pos]) {
          pos++; // '{{' or '}}': literal text, no field
          markup = false;
        } else len--;
      }
      const literal = s.slice(start, start + len).join('');
      if (!markup) {
        items.push({ literal, field: null });
        continue;
      }
      const field = {
        name: '',
        conversion: null as string | null,
        spec: '',
        specNeedsExpanding: false,
      };
      pos = parseField(s, pos, field);
      items.push({ literal, field });
    }
  } catch (e) {
    if (e instanceof TextError) return { items, error: e };
    throw e;
  }
  return { items, error: null };
}

/** parse_field: fills `f` from s[pos..], returns the position after the field. */
function parseField(s: string[], pos: number, f: ReplacementField): number {
  const end = s.length;
  const nameStart = pos;
  let c = '';
  scan: while (pos < end) {
    c = s[pos++]!;
    switch (c) {
      case '{':
        throw valueError("unexpected '{' in field name");
      case '[':
        while (pos < end && s[pos] !== ']') pos++;
        continue;
      case '}':
      case ':':
      case '!':
        break scan;
    }
  }
  f.name = s.slice(nameStart, pos - 1).join('');
  if (c === '!' || c === ':') {
    if (c === '!') {
      if (pos >= end) throw valueError('end of string while looking for conversion specifier');
      f.conversion = s[pos++]!;
      if (pos < end) {
        const d = s[pos++]!;
        if (d === '}') return pos;
        if (d !== ':') throw valueError("expected ':' after conversion specifier");
      }
    }
    const specStart = pos;
    let depth = 1;
    while (pos < end) {
      const d = s[pos++]!;
      if (d === '{') {
        f.specNeedsExpanding = true;
        depth++;
      } else if (d === '}' && --depth === 0) {
        f.spec = s.slice(specStart, pos - 1).join('');
        return pos;
      }
    }
    throw valueError("unmatched '{' in format spec");
  }
  if (c !== '}') throw valueError("expected '}' before end of string");
  return pos;
}

// ---------------------------------------------------------------- field names

/** One '.attr' or '[key]' step; an error step raises when the lookup reaches it. */
export type FieldAccess =
  | { kind: 'attr'; name: string }
  | { kind: 'index'; key: number | string }
  | { kind: 'error'; error: TextError };

export interface SplitFieldName {
  /** The part before the first '.' or '['. */
  first: string;
  /** Its value when it is all decimal digits, else -1 (then it is a keyword; '' is auto). */
  firstIndex: number;
  rest: FieldAccess[];
}

/** get_integer: -1 unless s is non-empty and all (any-script) decimal digits. */
function getInteger(s: string): number {
  if (s === '') return -1;
  let acc = 0;
  let big: bigint | null = null;
  for (const ch of s) {
    const d = decimalValue(ch.codePointAt(0)!);
    if (d < 0) return -1;
    if (big === null && acc > 9e14) big = BigInt(acc);
    if (big !== null) {
      big = big * 10n + BigInt(d);
      if (big > 9223372036854775807n) throw valueError('Too many decimal digits in format string');
    } else acc = acc * 10 + d;
  }
  return big === null ? acc : Number(big);
}

/** field_name_split + FieldNameIterator, like _string.formatter_field_name_split. */
export function splitFieldName(name: string): SplitFieldName {
  const s = Array.from(name);
  let i = 0;
  while (i < s.length && s[i] !== '.' && s[i] !== '[') i++;
  const first = s.slice(0, i).join('');
  const firstIndex = getInteger(first);
  const rest: FieldAccess[] = [];
  try {
    while (i < s.length) {
      const c = s[i++];
      let part: string;
      let access: FieldAccess;
      if (c === '.') {
        const st = i;
        while (i < s.length && s[i] !== '.' && s[i] !== '[') i++;
        part = s.slice(st, i).join('');
        access = { kind: 'attr', name: part };
      } else if (c === '[') {
        const st = i;
        while (i < s.length && s[i] !== ']') i++;
        if (i >= s.length) throw valueError("Missing ']' in format string");
        part = s.slice(st, i++).join('');
        const idx = getInteger(part);
        access = { kind: 'index', key: idx === -1 ? part : idx };
      } else throw valueError("Only '.' or '[' may follow ']' in format field specifier");
      if (part === '') throw valueError('Empty attribute in format string');
      rest.push(access);
    }
  } catch (e) {
    if (!(e instanceof TextError)) throw e;
    rest.push({ kind: 'error', error: e });
  }
  return { first, firstIndex, rest };
}

// ---------------------------------------------------------------- rendering

/** The object operations str.format needs; V is the interpreter's value type. */
export interface FormatHost<V> {
  /** len(args) for str.format, null for format_map (positional fields are an error). */
  argCount: number | null;
  positional(i: number): V;
  /** kwargs[name] / mapping[name]; throws the KeyError itself. */
  keyword(name: string): V;
  getattr(v: V, name: string): V;
  /** v[key]: key is an int for all-digit keys, else the str. */
  getitem(v: V, key: number | string): V;
  /** repr(v), str(v) or ascii(v) as a value. */
  convert(v: V, conversion: 'r' | 's' | 'a'): V;
  /** format(v, spec). */
  format(v: V, spec: string): string;
}

/** The message of ValueError for a bad '!x' conversion. */
export function conversionError(c: string): TextError {
  const cp = c.codePointAt(0)!;
  return valueError(
    cp > 32 && cp < 127
      ? `Unknown conversion specifier ${c}`
      : `Unknown conversion specifier \\x${cp.toString(16)}`,
  );
}

/** fmt.format(*args, **kwargs) (or format_map when host.argCount is null). */
export function renderFormat<V>(fmt: string, host: FormatHost<V>): string {
  const auto = { state: 0 as 0 | 1 | 2, next: 0 }; // 0 init, 1 auto, 2 manual
  return build(fmt, host, 2, auto);
}

function build<V>(
  fmt: string,
  host: FormatHost<V>,
  depth: number,
  auto: { state: 0 | 1 | 2; next: number },
): string {
  if (depth <= 0) throw valueError('Max string recursion exceeded');
  const { items, error } = parseFormatString(fmt);
  let out = '';
  for (const { literal, field } of items) {
    out += literal;
    if (field === null) continue;
    let obj = fieldObject(field.name, host, auto);
    const conv = field.conversion;
    if (conv !== null) {
      if (conv !== 'r' && conv !== 's' && conv !== 'a') throw conversionError(conv);
      obj = host.convert(obj, conv);
    }
    const spec = field.specNeedsExpanding ? build(field.spec, host, depth - 1, auto) : field.spec;
    out += host.format(obj, spec);
  }
  if (error) throw error;
  return out;
}

function fieldObject<V>(name: string, host: FormatHost<V>, auto: { state: 0 | 1 | 2; next: number }): V {
  const split = splitFieldName(name);
  let index = split.firstIndex;
  const empty = split.first === '';
  if (empty || index !== -1) {
    if (auto.state === 0) auto.state = empty ? 1 : 2;
    if (auto.state === 2 && empty) {
      throw valueError('cannot switch from manual field specification to automatic field numbering');
    }
    if (auto.state === 1 && !empty) {
      throw valueError('cannot switch from automatic field numbering to manual field specification');
    }
    if (empty) index = auto.next++;
  }
  let obj: V;
  if (index === -1) obj = host.keyword(split.first);
  else {
    if (host.argCount === null) throw valueError('Format string contains positional fields');
    if (index >= host.argCount) {
      throw new TextError('IndexError', `Replacement index ${index} out of range for positional args tuple`);
    }
    obj = host.positional(index);
  }
  for (const step of split.rest) {
    if (step.kind === 'error') throw step.error;
    obj = step.kind === 'attr' ? host.getattr(obj, step.name) : host.getitem(obj, step.key);
  }
  return obj;
}
