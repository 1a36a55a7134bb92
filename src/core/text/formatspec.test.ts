import { describe, expect, it } from 'vitest';
import { formatFloat, formatInt, formatStr, parseFormatSpec } from './formatspec';
import { diff, f64, int, mismatches, outcome, revive } from './fixtures/decode';
import fixture from './fixtures/formatspec.json';

type Case = [string, string, string | [string, string]];
const data = revive(fixture as { int: Case[]; float: Case[]; str: Case[] });

function intValue(enc: string): [bigint, string] {
  if (enc.startsWith('bool:')) return [BigInt(enc.slice(5)), 'bool'];
  return [int(enc), 'int'];
}

describe('format(int, spec)', () => {
  it(`matches CPython on ${data.int.length} value × spec cases`, () => {
    const bad = mismatches(data.int, ([v, spec, want]) => {
      const [n, typeName] = intValue(v);
      return diff(
        [v, spec],
        outcome(() => formatInt(n, spec, typeName)),
        want,
      );
    });
    expect(bad).toEqual([]);
  });
});

describe('format(float, spec)', () => {
  it(`matches CPython on ${data.float.length} value × spec cases`, () => {
    const bad = mismatches(data.float, ([bits, spec, want]) =>
      diff(
        [bits, f64(bits), spec],
        outcome(() => formatFloat(f64(bits), spec)),
        want,
      ),
    );
    expect(bad).toEqual([]);
  });
});

describe('format(str, spec)', () => {
  it(`matches CPython on ${data.str.length} value × spec cases`, () => {
    const bad = mismatches(data.str, ([s, spec, want]) =>
      diff(
        [s, spec],
        outcome(() => formatStr(s, spec)),
        want,
      ),
    );
    expect(bad).toEqual([]);
  });
});

describe('parseFormatSpec', () => {
  it('exposes the parsed fields', () => {
    expect(parseFormatSpec('*^+z#012_.3f', 'float', '', '>')).toEqual({
      fill: '*',
      align: '^',
      sign: '+',
      noNeg0: true,
      alt: true,
      width: 12,
      grouping: '_',
      precision: 3,
      type: 'f',
    });
    expect(parseFormatSpec('05', 'str', 's', '<')).toMatchObject({
      fill: '0',
      align: '<',
      width: 5,
    });
  });
});
