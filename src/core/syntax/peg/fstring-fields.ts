/**
 * The replacement-field expressions of an f-string token, format-spec fields included: CPython
 * parses each of them on its own, and names read there count like the module's.
 * The token is known to be valid (the module parsed).
 * @cpython Parser/string_parser.c fstring_find_literal, fstring_find_expr
 */
import { expressionEnd } from '../fstrings';

export interface FStringField {
  /** The expression's text. */
  text: string;
  /** Its offset in the token's text. */
  start: number;
}

export function fstringFields(token: string): FStringField[] {
  const prefix = /^[A-Za-z]*/.exec(token)![0];
  if (!/[fF]/.test(prefix)) return [];
  const quote = token.startsWith(token[prefix.length].repeat(3), prefix.length) ? 3 : 1;
  const bodyStart = prefix.length + quote;
  const scan = new FieldScan(token, token.length - quote, /[rR]/.test(prefix));
  scan.literalAndFields(bodyStart, 0);
  return scan.fields;
}

class FieldScan {
  readonly fields: FStringField[] = [];

  constructor(
    private readonly s: string,
    private readonly end: number,
    private readonly raw: boolean,
  ) {}

  /** Literal text and fields up to the end, or to the `}` that closes a format spec. */
  literalAndFields(from: number, level: number): number {
    const s = this.s;
    let i = from;
    while (i < this.end) {
      const ch = s[i];
      if (!this.raw && ch === '\\') {
        if (s[i + 1] === 'N' && s[i + 2] === '{') i = s.indexOf('}', i + 3) + 1;
        else i += 2;
      } else if (ch === '{' || ch === '}') {
        if (level === 0 && s[i + 1] === ch) i += 2;
        else if (ch === '}') return i;
        else i = this.field(i + 1, level);
      } else {
        i++;
      }
    }
    return i;
  }

  /** One field from just after its `{`; returns the offset after its `}`. */
  private field(from: number, level: number): number {
    const s = this.s;
    let i = expressionEnd(s, from, this.end);
    this.fields.push({ text: s.slice(from, i), start: from });
    if (s[i] === '=') i++;
    while (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\f') i++;
    if (s[i] === '!') i += 2;
    if (s[i] === ':') i = this.literalAndFields(i + 1, level + 1);
    return i + 1;
  }
}
