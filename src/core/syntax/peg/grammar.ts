/**
 * Reads a PEG grammar in pegen's notation (PEP 617) into rules the parser replay walks.
 * Left recursion is not found here: CPython's generator chose which rules loop to grow a
 * left-recursive match, and the replay takes that list as given (LEFT_RECURSIVE_LEADERS).
 */

export type Item =
  | { kind: 'rule'; name: string }
  /** A token type: NAME, NUMBER, STRING, NEWLINE, INDENT, DEDENT, ENDMARKER, ASYNC, AWAIT… */
  | { kind: 'token'; type: string }
  /** 'if', '(': a keyword or an operator, matched by its exact token. */
  | { kind: 'literal'; text: string }
  /** "match": a NAME with this text. */
  | { kind: 'soft'; text: string }
  | { kind: 'optional'; item: Item }
  | { kind: 'repeat0'; item: Item }
  | { kind: 'repeat1'; item: Item }
  | { kind: 'gather'; separator: Item; item: Item }
  | { kind: 'group'; alts: Item[][] }
  | { kind: 'lookahead'; positive: boolean; item: Item }
  | { kind: 'forced'; item: Item }
  | { kind: 'cut' };

export interface Rule {
  name: string;
  alts: Item[][];
  memo: boolean;
  /** Grows its match by re-running itself (pegen's left-recursion leader). */
  leftRecursive: boolean;
}

/** The rules pegen made left-recursion leaders in CPython 3.11's parser (Parser/parser.c). */
export const LEFT_RECURSIVE_LEADERS = [
  'attr',
  'bitwise_and',
  'bitwise_or',
  'bitwise_xor',
  'dotted_name',
  'primary',
  'shift_expr',
  'sum',
  't_primary',
  'term',
];

export function readGrammar(text: string, leaders: readonly string[]): Map<string, Rule> {
  const rules = new Map<string, Rule>();
  for (const line of text.split('\n')) {
    const head = /^([a-z_][a-z0-9_]*)( \(memo\))?: /.exec(line);
    if (head === null) continue;
    const reader = new AltReader(line.slice(head[0].length));
    const alts = reader.alternatives();
    reader.expectEnd();
    rules.set(head[1], {
      name: head[1],
      alts,
      memo: head[2] !== undefined,
      leftRecursive: leaders.includes(head[1]),
    });
  }
  return rules;
}

const TOKEN_RE = /\s*('[^']*'|"[^"]*"|&&|[A-Za-z_][A-Za-z0-9_]*|[()[\]|&!~*+?.])/y;

class AltReader {
  private readonly tokens: string[] = [];
  private at = 0;

  constructor(source: string) {
    TOKEN_RE.lastIndex = 0;
    for (;;) {
      const start = TOKEN_RE.lastIndex;
      const m = TOKEN_RE.exec(source);
      if (m === null) {
        if (source.slice(start).trim() !== '')
          throw new Error(`grammar: cannot read '${source.slice(start)}'`);
        break;
      }
      this.tokens.push(m[1]);
    }
  }

  expectEnd(): void {
    if (this.at !== this.tokens.length) throw new Error(`grammar: unexpected '${this.tokens[this.at]}'`);
  }

  alternatives(): Item[][] {
    const alts = [this.sequence()];
    while (this.peek() === '|') {
      this.at++;
      alts.push(this.sequence());
    }
    return alts;
  }

  private peek(): string | undefined {
    return this.tokens[this.at];
  }

  private sequence(): Item[] {
    const items: Item[] = [];
    for (let t = this.peek(); t !== undefined && t !== '|' && t !== ')' && t !== ']'; t = this.peek()) {
      items.push(this.prefixed());
    }
    return items;
  }

  private prefixed(): Item {
    const t = this.peek();
    if (t === '&' || t === '!') {
      this.at++;
      return { kind: 'lookahead', positive: t === '&', item: this.suffixed() };
    }
    if (t === '&&') {
      this.at++;
      return { kind: 'forced', item: this.suffixed() };
    }
    if (t === '~') {
      this.at++;
      return { kind: 'cut' };
    }
    return this.suffixed();
  }

  private suffixed(): Item {
    let item = this.atom();
    for (;;) {
      const t = this.peek();
      if (t === '?') item = { kind: 'optional', item };
      else if (t === '*') item = { kind: 'repeat0', item };
      else if (t === '+') item = { kind: 'repeat1', item };
      else if (t === '.') {
        // s.e+ (a literal dot is quoted: '.')
        this.at++;
        const element = this.atom();
        if (this.peek() !== '+') throw new Error('grammar: gather without +');
        item = { kind: 'gather', separator: item, item: element };
      } else return item;
      this.at++;
    }
  }

  private atom(): Item {
    const t = this.tokens[this.at++];
    if (t === undefined) throw new Error('grammar: unexpected end');
    if (t === '(' || t === '[') {
      const alts = this.alternatives();
      const close = this.tokens[this.at++];
      if (close !== (t === '(' ? ')' : ']')) throw new Error(`grammar: unbalanced '${t}'`);
      const group: Item = alts.length === 1 && alts[0].length === 1 ? alts[0][0] : { kind: 'group', alts };
      return t === '[' ? { kind: 'optional', item: group } : group;
    }
    if (t.startsWith("'")) return { kind: 'literal', text: t.slice(1, -1) };
    if (t.startsWith('"')) return { kind: 'soft', text: t.slice(1, -1) };
    if (/^[A-Z_]+$/.test(t)) return { kind: 'token', type: t };
    return { kind: 'rule', name: t };
  }
}
