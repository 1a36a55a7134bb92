import { describe, expect, it } from 'vitest';
import { intToPrefixed, intToString, parseFloatLiteral, parseIntLiteral } from './intformat';
import { bitsOf, diff, int, mismatches, outcome, revive, type Outcome } from './fixtures/decode';
import fixture from './fixtures/intformat.json';

const data = revive(
  fixture as {
    toStr: [string, Outcome, string, string, string, string, string, string][];
    parseInt: [string, number, Outcome][];
    parseFloat: [string, Outcome][];
  },
);

describe('intToString', () => {
  it(`matches str/format(b,o,x)/bin/oct/hex on ${data.toStr.length} ints`, () => {
    const bad = mismatches(data.toStr, ([enc, s, b, o, x, bin, oct, hex]) => {
      const v = int(enc);
      const got = [
        outcome(() => intToString(v)),
        intToString(v, 2),
        intToString(v, 8),
        intToString(v, 16),
        intToPrefixed(v, 2),
        intToPrefixed(v, 8),
        intToPrefixed(v, 16),
      ];
      return diff(enc.slice(0, 40), got, [s, b, o, x, bin, oct, hex]);
    });
    expect(bad).toEqual([]);
  });

  it('honours a custom digit limit', () => {
    expect(intToString(10n ** 30n, 10, 0)).toBe('1' + '0'.repeat(30));
    expect(outcome(() => intToString(10n ** 30n, 10, 20))).toEqual([
      'ValueError',
      'Exceeds the limit (20 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit',
    ]);
  });
});

describe('parseIntLiteral', () => {
  it(`matches int(text, base) on ${data.parseInt.length} cases`, () => {
    const bad = mismatches(data.parseInt, ([text, base, want]) =>
      diff(
        [text.slice(0, 50), base],
        outcome(() => intToString(parseIntLiteral(text, base))),
        want,
      ),
    );
    expect(bad).toEqual([]);
  });
});

describe('parseFloatLiteral', () => {
  it(`matches float(text) on ${data.parseFloat.length} cases`, () => {
    const bad = mismatches(data.parseFloat, ([text, want]) =>
      diff(
        text.slice(0, 50),
        outcome(() => bitsOf(parseFloatLiteral(text))),
        want,
      ),
    );
    expect(bad).toEqual([]);
  });
});
