/**
 * Two pieces of Python 3.11 that @lezer/python's grammar lacks, hidden from
 * Lezer by overwriting characters in place (offsets never move, and positions
 * are always computed from the original text):
 *
 * - decorators are any expression (PEP 614), Lezer's only a dotted call: a
 *   decorator line `@expression` is shown as the statement `*0`, and lowering
 *   parses the expression on its own (subparse.ts);
 * - parenthesised with-items (`with (a as b, c as d):`): the two brackets and
 *   the line breaks between the items become spaces;
 * - with-items whose target is not a plain name (`with a as (b, c):`): the
 *   header is shown as `0`, and lowering parses the items on their own;
 * - numbers Lezer does not read whole (`1.`, `1.e5`): shown as `0` and spaces;
 *   lowering reads the literal from CPython's token instead.
 */

import { Tok, type Token } from './tokenizer';

export interface Rewritten {
  text: string;
  decoratorAts: Set<number>;
  /** Whether some number was shown shorter than it is. */
  numbersHidden: boolean;
  /** `with` statements whose items were hidden: keyword offset → [from, to) of the items. */
  withItems: Map<number, [number, number]>;
}

export function rewriteForLezer(text: string, tokens: readonly Token[]): Rewritten {
  const chars = text.split('');
  let changed = false;
  let numbersHidden = false;
  const decoratorAts = new Set<number>();
  const withItems = new Map<number, [number, number]>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === Tok.NUMBER && !LEZER_NUMBER.test(text.slice(t.start, t.end))) {
      chars[t.start] = '0';
      for (let k = t.start + 1; k < t.end; k++) chars[k] = ' ';
      changed = numbersHidden = true;
    }
    if (t.kind !== Tok.OP && t.kind !== Tok.NAME) continue;
    if (
      !atStatementStart(tokens, i) &&
      !(isName(text, tokens[i - 1], 'async') && atStatementStart(tokens, i - 1))
    )
      continue;
    if (t.kind === Tok.OP && text[t.start] === '@' && t.end === t.start + 1) {
      hideDecorator(tokens, i, chars);
      decoratorAts.add(t.start);
      changed = true;
    } else if (isName(text, t, 'with')) {
      const hidden = hideComplexWithItems(text, tokens, i + 1, chars);
      if (hidden) withItems.set(t.start, hidden);
      changed = !!hidden || unparenthesizeWithItems(text, tokens, i + 1, chars) || changed;
    }
  }
  return { text: changed ? chars.join('') : text, decoratorAts, numbersHidden, withItems };
}

/** @lezer/python's Number token. */
const LEZER_NUMBER =
  /^(?:(?:\d[\d_]*(?:\.\d[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?|0[bB][_01]+|0[oO][_0-7]+|0[xX][_0-9a-fA-F]+)$/;

/** `@expr` up to its NEWLINE becomes `*0` and spaces. */
function hideDecorator(tokens: readonly Token[], at: number, chars: string[]): void {
  let nl = at + 1;
  while (nl < tokens.length && tokens[nl].kind !== Tok.NEWLINE && tokens[nl].kind !== Tok.ENDMARKER) nl++;
  const start = tokens[at].start;
  const end = nl < tokens.length ? tokens[nl].start : tokens[tokens.length - 1].end;
  for (let k = start; k < end; k++) chars[k] = ' ';
  chars[start] = '*';
  if (start + 1 < end) chars[start + 1] = '0';
}

function atStatementStart(tokens: readonly Token[], i: number): boolean {
  if (i === 0) return true;
  const prev = tokens[i - 1].kind;
  return prev === Tok.NEWLINE || prev === Tok.INDENT || prev === Tok.DEDENT;
}

function isName(text: string, t: Token | undefined, name: string): boolean {
  return !!t && t.kind === Tok.NAME && t.end - t.start === name.length && text.startsWith(name, t.start);
}

/**
 * Hides a with-statement's items when an `as` target is more than a name.
 * Returns the range of the items (inside the brackets of the parenthesised form).
 */
function hideComplexWithItems(
  text: string,
  tokens: readonly Token[],
  first: number,
  chars: string[],
): [number, number] | null {
  let depth = 0;
  let complex = false;
  let colon = -1;
  for (let j = first; j < tokens.length && tokens[j].kind !== Tok.NEWLINE; j++) {
    const c = text.slice(tokens[j].start, tokens[j].end);
    if (tokens[j].kind === Tok.OP && '([{'.includes(c)) depth++;
    else if (tokens[j].kind === Tok.OP && ')]}'.includes(c)) depth--;
    else if (depth === 0 && c === ':') {
      colon = j;
      break;
    }
    if (isName(text, tokens[j], 'as') && depth <= 1) {
      const next = tokens[j + 1];
      const after = text.slice(tokens[j + 2]?.start ?? 0, tokens[j + 2]?.end ?? 0);
      complex ||= next?.kind !== Tok.NAME || ![',', ':', ')'].includes(after);
    }
  }
  if (!complex || colon < 0 || colon === first) return null;
  let from = tokens[first].start;
  let to = tokens[colon - 1].end;
  if (text[from] === '(' && text[to - 1] === ')' && matching(text, tokens, first) === colon - 1) {
    from = tokens[first + 1].start;
    to = tokens[colon - 2].end;
  }
  for (let k = tokens[first].start; k < tokens[colon - 1].end; k++) chars[k] = ' ';
  chars[tokens[first].start] = '0';
  return [from, to];
}

/** Index of the token closing the bracket opened at token `open`. */
function matching(text: string, tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const c = text[tokens[j].start];
    if (tokens[j].kind !== Tok.OP) continue;
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c) && --depth === 0) return j;
  }
  return -1;
}

/**
 * `with (` ... `):` holding several items or an `as` at its top level is the
 * parenthesised form (with_stmt's first alternative in Grammar/python.gram).
 */
function unparenthesizeWithItems(
  text: string,
  tokens: readonly Token[],
  open: number,
  chars: string[],
): boolean {
  if (tokens[open]?.kind !== Tok.OP || text[tokens[open].start] !== '(') return false;
  let depth = 0;
  let itemsForm = false;
  let close = -1;
  for (let j = open; j < tokens.length; j++) {
    const c = text[tokens[j].start];
    if (tokens[j].kind === Tok.OP && '([{'.includes(c) && tokens[j].end === tokens[j].start + 1) depth++;
    else if (tokens[j].kind === Tok.OP && ')]}'.includes(c)) depth--;
    else if (depth === 1 && (isName(text, tokens[j], 'as') || (tokens[j].kind === Tok.OP && c === ',')))
      itemsForm = true;
    if (depth === 0) {
      close = j;
      break;
    }
  }
  const colon = tokens[close + 1];
  if (close < 0 || !itemsForm || !colon || text[colon.start] !== ':' || colon.end !== colon.start + 1)
    return false;
  chars[tokens[open].start] = ' ';
  chars[tokens[close].start] = ' ';
  depth = 0;
  for (let j = open; j < close; j++) {
    const c = text[tokens[j].start];
    if (tokens[j].kind === Tok.OP && '([{'.includes(c)) depth++;
    else if (tokens[j].kind === Tok.OP && ')]}'.includes(c)) depth--;
    if (depth !== 1) continue;
    for (let k = tokens[j].end; k < tokens[j + 1].start; k++) chars[k] = ' ';
  }
  return true;
}
