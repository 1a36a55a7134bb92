import { describe, expect, it } from 'vitest';
import {
  ALPHA,
  DECIMAL,
  DIGIT,
  LOWER,
  NUMERIC,
  PRINTABLE,
  UPPER,
  TITLE,
  XID_CONTINUE,
  XID_START,
  decimalValue,
  isSpace,
} from './ucd';
import fixture from './fixtures/ucd.json';

type Ranges = [number, number][];
const data = fixture as unknown as Record<string, Ranges> & { decimal: [number, number][] };

function expand(r: Ranges): Uint8Array {
  const bits = new Uint8Array(0x110000);
  for (const [a, b] of r) bits.fill(1, a, b + 1);
  return bits;
}

function firstDiffs(name: string, want: Ranges, has: (cp: number) => boolean): string[] {
  const bits = expand(want);
  const bad: string[] = [];
  for (let cp = 0; cp < 0x110000 && bad.length < 10; cp++) {
    if (has(cp) !== (bits[cp] === 1)) bad.push(`${name} U+${cp.toString(16)}: want ${bits[cp] === 1}`);
  }
  return bad;
}

const chr = (cp: number) => String.fromCodePoint(cp);

describe('character properties over all 0x110000 code points', () => {
  const checks: [string, (cp: number) => boolean][] = [
    ['isprintable', (cp) => PRINTABLE.has(cp)],
    ['isalpha', (cp) => ALPHA.has(cp)],
    ['isdecimal', (cp) => DECIMAL.has(cp)],
    ['isdigit', (cp) => DIGIT.has(cp)],
    ['isnumeric', (cp) => NUMERIC.has(cp)],
    ['isalnum', (cp) => ALPHA.has(cp) || DECIMAL.has(cp) || DIGIT.has(cp) || NUMERIC.has(cp)],
    ['isupper', (cp) => UPPER.has(cp)],
    ['islower', (cp) => LOWER.has(cp)],
    ['istitle', (cp) => TITLE.has(cp) || UPPER.has(cp)],
    ['isspace', isSpace],
    ['isidentifier', (cp) => cp === 0x5f || XID_START.has(cp)],
    ['isidcontinue', (cp) => XID_CONTINUE.has(cp)],
  ];
  for (const [name, has] of checks) {
    it(`${name} matches CPython (${data[name]!.length} ranges)`, () => {
      expect(firstDiffs(name, data[name]!, has)).toEqual([]);
    });
  }

  it('whole-string checks agree with per-character ones', () => {
    expect(ALPHA.every('héllo' + chr(0x1d400))).toBe(true);
    expect(ALPHA.every('')).toBe(false);
    expect(ALPHA.every('ab1')).toBe(false);
  });

  it(`decimalValue matches unicodedata.decimal (${data.decimal.length} samples)`, () => {
    const bad = data.decimal.filter(([cp, d]) => decimalValue(cp) !== d);
    expect(bad).toEqual([]);
    expect(decimalValue(0x41)).toBe(-1);
    expect(decimalValue(0xb2)).toBe(-1); // '²' is a digit but not decimal
  });
});
