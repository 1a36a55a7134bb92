/**
 * Replays CPython 3.11's PEG parser over a module's tokens to count the identifiers it leaves
 * in the AST arena. The lab's own parser (Lezer) builds the tree; what it cannot know is how
 * often CPython's parser reads each name on its way, and every read puts one more reference
 * to the interned identifier into the arena, which lives as long as the main script runs:
 * `sys.getrefcount('spam')` in a script that uses the name `spam` counts them. (The number
 * objects the parser makes are modelled by compiler/consts.ts.)
 *
 * The walk follows pegen's generated C parser: alternatives in order, the mark reset after a
 * failed one, memoized rules remembered per token (failures too), a cut ending the rule,
 * left-recursion leaders re-run until their match stops growing, and lookaheads that run
 * their rule for real (a `&NAME` makes an identifier too).
 * @cpython Parser/pegen.c _PyPegen_name_token, _PyPegen_is_memoized,
 * _PyPegen_update_memo; Parser/action_helpers.c _PyPegen_join_names_with_dot;
 * Parser/string_parser.c fstring_compile_expr
 */
import { normalizeNewlines } from '../parse';
import { SourceText } from '../source';
import { Tok, tokenize, type Token } from '../tokenizer';
import { fstringFields } from './fstring-fields';
import { LEFT_RECURSIVE_LEADERS, readGrammar, type Item, type Rule } from './grammar';
import { PYTHON_311_GRAMMAR } from './python-grammar';

/** What the parser put in the arena while parsing one module. */
export interface ParserReads {
  /** Identifiers made (each one more reference to the interned string), by name. */
  names: Map<string, number>;
}

interface PegToken {
  /** NAME, NUMBER, STRING, OP, KEYWORD, NEWLINE, INDENT, DEDENT, ENDMARKER, ASYNC, AWAIT. */
  type: string;
  text: string;
}

let grammar: Map<string, Rule> | null = null;
let keywords: Set<string> | null = null;

function loadGrammar(): Map<string, Rule> {
  if (grammar === null) {
    grammar = readGrammar(PYTHON_311_GRAMMAR, LEFT_RECURSIVE_LEADERS);
    // Keywords are the quoted words of the grammar; every other word is a NAME.
    keywords = new Set(PYTHON_311_GRAMMAR.match(/'[A-Za-z]+'/g)!.map((q) => q.slice(1, -1)));
  }
  return grammar;
}

/** Replays the parse of a module that parsed without error. */
export function replayModuleParse(source: string): ParserReads {
  const reads: ParserReads = { names: new Map() };
  replay(source, 'file', reads);
  return reads;
}

function replay(source: string, start: string, reads: ParserReads): void {
  const rules = loadGrammar();
  const text = normalizeNewlines(source);
  const { tokens, failure } = tokenize(new SourceText(text));
  if (failure !== null) throw new Error('parser replay: the source does not tokenize');
  const peg = tokens.map((t) => pegToken(text, t));
  const walk = new PegWalk(peg, rules, reads, (fieldSource) => replay(fieldSource, 'fstring', reads));
  if (!walk.call(rules.get(start)!)) throw new Error('parser replay: CPython would not parse this');
}

function pegToken(text: string, t: Token): PegToken {
  const s = text.slice(t.start, t.end);
  let type: string;
  switch (t.kind) {
    case Tok.NAME:
      type = s === 'async' ? 'ASYNC' : s === 'await' ? 'AWAIT' : keywords!.has(s) ? 'KEYWORD' : 'NAME';
      break;
    case Tok.NUMBER:
      type = 'NUMBER';
      break;
    case Tok.STRING:
      type = 'STRING';
      break;
    case Tok.OP:
      type = 'OP';
      break;
    case Tok.NEWLINE:
      type = 'NEWLINE';
      break;
    case Tok.INDENT:
      type = 'INDENT';
      break;
    case Tok.DEDENT:
      type = 'DEDENT';
      break;
    case Tok.ENDMARKER:
      type = 'ENDMARKER';
      break;
  }
  return { type, text: s };
}

const enum Outcome {
  Matched,
  Failed,
  /** Failed after a cut: the rule fails without trying its other alternatives. */
  CutFailed,
}

interface MemoEntry {
  matched: boolean;
  end: number;
}

class PegWalk {
  /** p->mark: the next token. */
  private pos = 0;
  private readonly memo: Map<Rule, MemoEntry>[];

  constructor(
    private readonly tokens: PegToken[],
    private readonly rules: Map<string, Rule>,
    private readonly reads: ParserReads,
    private readonly parseField: (source: string) => void,
  ) {
    this.memo = tokens.map(() => new Map());
  }

  call(rule: Rule): boolean {
    const start = this.pos;
    if (rule.memo || rule.leftRecursive) {
      const known = this.memo[start].get(rule);
      if (known !== undefined) {
        this.pos = known.end;
        return known.matched;
      }
    }
    if (rule.leftRecursive) return this.growLeftRecursive(rule, start);
    const outcome = this.alternatives(rule.alts, rule);
    if (outcome === Outcome.CutFailed) return false;
    const matched = outcome === Outcome.Matched;
    if (rule.memo) this.memo[start].set(rule, { matched, end: this.pos });
    return matched;
  }

  /** pegen's loop for a left-recursion leader: re-run with the last match memoized until it stops growing. */
  private growLeftRecursive(rule: Rule, start: number): boolean {
    let matched = false;
    let resultEnd = start;
    for (;;) {
      this.memo[start].set(rule, { matched, end: this.pos });
      this.pos = start;
      const outcome = this.alternatives(rule.alts, rule);
      if (outcome !== Outcome.Matched || this.pos <= resultEnd) break;
      resultEnd = this.pos;
      matched = true;
    }
    this.pos = resultEnd;
    return matched;
  }

  private alternatives(alts: Item[][], rule: Rule | null): Outcome {
    const start = this.pos;
    for (let a = 0; a < alts.length; a++) {
      const outcome = this.sequence(alts[a]);
      if (outcome === Outcome.Matched) {
        if (rule !== null) this.action(rule, a, start);
        return Outcome.Matched;
      }
      this.pos = start;
      if (outcome === Outcome.CutFailed) return Outcome.CutFailed;
    }
    return Outcome.Failed;
  }

  private sequence(items: Item[]): Outcome {
    let cut = false;
    for (const item of items) {
      if (item.kind === 'cut') {
        cut = true;
        continue;
      }
      if (!this.match(item)) return cut ? Outcome.CutFailed : Outcome.Failed;
    }
    return Outcome.Matched;
  }

  private match(item: Item): boolean {
    const token = this.tokens[this.pos];
    switch (item.kind) {
      case 'rule':
        return this.call(this.rules.get(item.name)!);
      case 'token':
        if (token.type !== item.type) return false;
        if (item.type === 'NAME') this.readName(token.text);
        this.pos++;
        return true;
      case 'literal':
        if ((token.type !== 'OP' && token.type !== 'KEYWORD') || token.text !== item.text) return false;
        this.pos++;
        return true;
      case 'soft':
        // _PyPegen_expect_soft_keyword returns the name it made.
        if (token.type !== 'NAME' || token.text !== item.text) return false;
        this.readName(token.text);
        this.pos++;
        return true;
      case 'optional': {
        const start = this.pos;
        if (!this.match(item.item)) this.pos = start;
        return true;
      }
      case 'repeat0':
      case 'repeat1': {
        let n = 0;
        for (let start = this.pos; this.match(item.item); start = this.pos) {
          n++;
          if (this.pos === start) break;
        }
        return item.kind === 'repeat0' || n > 0;
      }
      case 'gather': {
        if (!this.match(item.item)) return false;
        for (;;) {
          const start = this.pos;
          if (this.match(item.separator) && this.match(item.item)) continue;
          this.pos = start;
          return true;
        }
      }
      case 'group':
        return this.alternatives(item.alts, null) === Outcome.Matched;
      case 'lookahead': {
        const start = this.pos;
        const matched = this.match(item.item);
        this.pos = start;
        return matched === item.positive;
      }
      case 'forced':
        return this.match(item.item);
      case 'cut':
        return true;
    }
  }

  /** The objects a rule's action makes when an alternative matched. */
  private action(rule: Rule, alt: number, start: number): void {
    if (rule.name === 'dotted_name' && alt === 0) {
      // _PyPegen_join_names_with_dot interns "a.b" and puts it in the arena.
      this.readName(
        this.tokens
          .slice(start, this.pos)
          .map((t) => t.text)
          .join(''),
      );
    } else if (rule.name === 'strings') {
      // _PyPegen_concatenate_strings parses each f-string field as "(" + expression + ")".
      for (let k = start; k < this.pos; k++) {
        const token = this.tokens[k];
        for (const field of fstringFields(token.text)) this.parseField(`(${field.text})`);
      }
    }
  }

  private readName(name: string): void {
    const names = this.reads.names;
    const id = /^[\x00-\x7f]*$/.test(name) ? name : name.normalize('NFKC');
    names.set(id, (names.get(id) ?? 0) + 1);
  }
}
