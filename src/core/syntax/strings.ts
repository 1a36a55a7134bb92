/**
 * String and bytes literals: the prefix, the body between the quotes, and the
 * escape decoding of Objects/unicodeobject.c (_PyUnicode_DecodeUnicodeEscape-
 * Internal) and Objects/bytesobject.c (_PyBytes_DecodeEscape), with their error
 * messages. `\N{name}` needs the Unicode name database, which the engine does
 * not carry: it is reported as a SyntaxError saying so.
 */

/** One string token, as @cpython Parser/string_parser.c _PyPegen_parsestr reads it. */
export interface StringToken {
  bytes: boolean;
  raw: boolean;
  fstring: boolean;
  /** The token starts with a lowercase 'u' (Constant.kind 'u'). */
  u: boolean;
  /** Offsets of the body, between the quotes. */
  bodyStart: number;
  bodyEnd: number;
}

export function readStringToken(text: string, start: number, end: number): StringToken {
  let i = start;
  let bytes = false;
  let raw = false;
  let fstring = false;
  for (; ; i++) {
    const c = text[i];
    if (c === 'b' || c === 'B') bytes = true;
    else if (c === 'r' || c === 'R') raw = true;
    else if (c === 'f' || c === 'F') fstring = true;
    else if (c !== 'u' && c !== 'U') break;
  }
  const quote = text[i];
  const triple = end - i >= 6 && text[i + 1] === quote && text[i + 2] === quote;
  const q = triple ? 3 : 1;
  return { bytes, raw, fstring, u: text[start] === 'u', bodyStart: i + q, bodyEnd: end - q };
}

/** A decoding failure; the caller places it where CPython does. */
export class LiteralError {
  constructor(readonly msg: string) {}
}

/** Decodes a str body with escapes (non-raw). Throws LiteralError. */
export function decodeStrEscapes(body: string): string {
  if (!body.includes('\\')) return body;
  const out: string[] = [];
  const pos = new EscapePositions(body);
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c !== '\\') {
      out.push(c);
      i++;
      continue;
    }
    i = decodeOneStrEscape(body, i, out, pos);
  }
  return out.join('');
}

function decodeOneStrEscape(body: string, at: number, out: string[], pos: EscapePositions): number {
  const c = body[at + 1];
  if (c === undefined) {
    throw unicodeError(pos, at, at + 1, '\\ at end of string');
  }
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) {
    out.push(simple);
    return at + 2;
  }
  if (c >= '0' && c <= '7') {
    let j = at + 1;
    let value = 0;
    while (j < at + 4 && j < body.length && body[j] >= '0' && body[j] <= '7')
      value = value * 8 + Number(body[j++]);
    out.push(String.fromCodePoint(value));
    return j;
  }
  if (c === 'x' || c === 'u' || c === 'U') {
    const width = c === 'x' ? 2 : c === 'u' ? 4 : 8;
    const digits = hexRun(body, at + 2, width);
    if (digits.length < width) {
      const name = c === 'x' ? '\\xXX' : c === 'u' ? '\\uXXXX' : '\\UXXXXXXXX';
      throw unicodeError(pos, at, at + 2 + digits.length, `truncated ${name} escape`);
    }
    const value = parseInt(digits, 16);
    if (value > 0x10ffff) throw unicodeError(pos, at, at + 2 + width, 'illegal Unicode character');
    out.push(String.fromCodePoint(value));
    return at + 2 + width;
  }
  if (c === 'N') {
    if (body[at + 2] !== '{' || !body.includes('}', at + 3)) {
      throw unicodeError(pos, at, at + 2, 'malformed \\N character escape');
    }
    throw new LiteralError('(unicode error) \\N{...} escapes are not supported by this interpreter');
  }
  // An unknown escape keeps its backslash (3.11 only warns).
  out.push('\\');
  return at + 1;
}

/** Decodes a bytes body (ASCII only, checked by the caller) with escapes. */
export function decodeBytesEscapes(body: string): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c !== '\\' || i + 1 >= body.length) {
      out.push(body.charCodeAt(i++));
      continue;
    }
    const e = body[i + 1];
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      if (simple !== '') out.push(simple.charCodeAt(0));
      i += 2;
    } else if (e >= '0' && e <= '7') {
      let j = i + 1;
      let value = 0;
      while (j < i + 4 && j < body.length && body[j] >= '0' && body[j] <= '7')
        value = value * 8 + Number(body[j++]);
      out.push(value & 0xff);
      i = j;
    } else if (e === 'x') {
      const digits = hexRun(body, i + 2, 2);
      if (digits.length < 2) throw new LiteralError(`(value error) invalid \\x escape at position ${i}`);
      out.push(parseInt(digits, 16));
      i += 4;
    } else {
      out.push(92);
      i += 1;
    }
  }
  return Uint8Array.from(out);
}

/** The bytes of a raw bytes body. */
export function asciiBytes(body: string): Uint8Array {
  const out = new Uint8Array(body.length);
  for (let i = 0; i < body.length; i++) out[i] = body.charCodeAt(i);
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

function hexRun(body: string, from: number, max: number): string {
  let j = from;
  while (j < from + max && j < body.length && /[0-9a-fA-F]/.test(body[j])) j++;
  return body.slice(from, j);
}

function unicodeError(pos: EscapePositions, from: number, to: number, reason: string): LiteralError {
  return new LiteralError(
    `(unicode error) 'unicodeescape' codec can't decode bytes in position ${pos.at(from)}-${pos.at(to) - 1}: ${reason}`,
  );
}

/**
 * Positions in CPython's error messages count bytes of the buffer it decodes,
 * where every non-ASCII character was rewritten as a 10-byte `\UXXXXXXXX`
 * and a backslash before one gained `u005c` (decode_unicode_with_escapes).
 */
class EscapePositions {
  constructor(private readonly body: string) {}

  at(index: number): number {
    let n = 0;
    for (let i = 0; i < index && i < this.body.length; i++) {
      const code = this.body.charCodeAt(i);
      if (code < 128) {
        n += code === 92 && this.body.charCodeAt(i + 1) >= 128 ? 6 : 1;
      } else {
        n += 10;
        if (code >= 0xd800 && code < 0xdc00) i++;
      }
    }
    return n + Math.max(0, index - this.body.length);
  }
}
