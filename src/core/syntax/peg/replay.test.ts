import { describe, expect, it } from 'vitest';
import { fstringFields } from './fstring-fields';
import { LEFT_RECURSIVE_LEADERS, readGrammar, type Item } from './grammar';
import { PYTHON_311_GRAMMAR } from './python-grammar';
import { replayModuleParse } from './replay';

/** Every rule an item refers to, recursively. */
function referencedRules(item: Item, out: Set<string>): void {
  switch (item.kind) {
    case 'rule':
      out.add(item.name);
      return;
    case 'optional':
    case 'repeat0':
    case 'repeat1':
    case 'lookahead':
    case 'forced':
      return referencedRules(item.item, out);
    case 'gather':
      referencedRules(item.separator, out);
      return referencedRules(item.item, out);
    case 'group':
      for (const alt of item.alts) for (const i of alt) referencedRules(i, out);
      return;
    default:
      return;
  }
}

describe('the PEG grammar', () => {
  const rules = readGrammar(PYTHON_311_GRAMMAR, LEFT_RECURSIVE_LEADERS);

  it('defines every rule it refers to, and every left-recursion leader', () => {
    const referenced = new Set<string>();
    for (const rule of rules.values())
      for (const alt of rule.alts) for (const i of alt) referencedRules(i, referenced);
    expect([...referenced].filter((name) => !rules.has(name))).toEqual([]);
    expect(LEFT_RECURSIVE_LEADERS.filter((name) => !rules.get(name)?.leftRecursive)).toEqual([]);
  });

  it('has no second-pass (invalid_) rules', () => {
    expect([...rules.keys()].filter((name) => name.startsWith('invalid_'))).toEqual([]);
  });
});

describe('replaying the parse', () => {
  it('counts each read of a name, backtracking included', () => {
    // An assignment's target is tried as t_primary before it is read as a name, and the
    // expression statement re-reads what the assignment alternatives read.
    const once = replayModuleParse('spam = 1\n').names.get('spam')!;
    const twice = replayModuleParse('spam = 1\nspam = 2\n').names.get('spam')!;
    expect(once).toBeGreaterThan(1);
    expect(twice).toBe(2 * once);
  });

  it('reads names inside f-string fields, format specs included', () => {
    expect(replayModuleParse("f'{ham:>{eggs}}'\n").names.has('eggs')).toBe(true);
    expect(replayModuleParse("'{ham}'\n").names.has('ham')).toBe(false);
  });

  it('reads a source with Windows line ends as the same source', () => {
    expect(replayModuleParse('spam = 1\r\nspam\r\n')).toEqual(replayModuleParse('spam = 1\nspam\n'));
  });

  it('interns a dotted import name as a whole', () => {
    expect(replayModuleParse('import os.path\n').names.get('os.path')).toBe(1);
  });
});

describe('f-string fields', () => {
  it('finds each expression, skipping doubled braces, conversions, = and specs', () => {
    expect(fstringFields('f\'{a} {{b}} {c!r} {d=} {e:>{w}} {x["}"]}\'').map((f) => f.text)).toEqual([
      'a',
      'c',
      'd',
      'e',
      'w',
      'x["}"]',
    ]);
    expect(fstringFields("rb'{a}'")).toEqual([]);
    expect(fstringFields('F"""{a != b}"""').map((f) => f.text)).toEqual(['a != b']);
  });

  it('gives each field its offset in the token', () => {
    const [field] = fstringFields("f'xy{ab}'");
    expect(field).toEqual({ text: 'ab', start: 5 });
  });
});
