import { describe, expect, it } from 'vitest';
import { TextError, type PyErrorType } from './errors';
import { floatRepr } from './floatrepr';
import {
  PERCENT_C_ERROR,
  charFromInt,
  floatToInt,
  percentFormat,
  percentIntTypeError,
  type PercentHost,
} from './percent';
import { strRepr } from './strrepr';
import { cpLength } from './unicode';
import { diff, f64, int, mismatches, outcome, revive, type Outcome } from './fixtures/decode';
import fixture from './fixtures/percent.json';

type Enc =
  | { n: null }
  | { b: boolean }
  | { i: string }
  | { f: string }
  | { s: string }
  | { t: Enc[] }
  | { l: Enc[] }
  | { d: [string, Enc][] };
const data = revive(fixture as [string, Enc, Outcome][]);

// Python values for the test host.
type Py =
  | { k: 'none' }
  | { k: 'bool'; v: boolean }
  | { k: 'int'; v: bigint }
  | { k: 'float'; v: number }
  | { k: 'str'; v: string }
  | { k: 'tuple' | 'list'; v: Py[] }
  | { k: 'dict'; v: [string, Py][] };

function decode(e: Enc): Py {
  if ('n' in e) return { k: 'none' };
  if ('b' in e) return { k: 'bool', v: e.b };
  if ('i' in e) return { k: 'int', v: int(e.i) };
  if ('f' in e) return { k: 'float', v: f64(e.f) };
  if ('s' in e) return { k: 'str', v: e.s };
  if ('t' in e) return { k: 'tuple', v: e.t.map(decode) };
  if ('l' in e) return { k: 'list', v: e.l.map(decode) };
  return { k: 'dict', v: e.d.map(([k, x]) => [k, decode(x)]) };
}

const err = (t: string, m: string) => new TextError(t as PyErrorType, m);
const typeName = (v: Py) => (v.k === 'none' ? 'NoneType' : v.k);

function repr(v: Py): string {
  switch (v.k) {
    case 'none':
      return 'None';
    case 'bool':
      return v.v ? 'True' : 'False';
    case 'int':
      return String(v.v);
    case 'float':
      return floatRepr(v.v);
    case 'str':
      return strRepr(v.v);
    case 'tuple':
      return '(' + v.v.map(repr).join(', ') + (v.v.length === 1 ? ',)' : ')');
    case 'list':
      return '[' + v.v.map(repr).join(', ') + ']';
    case 'dict':
      return '{' + v.v.map(([k, x]) => strRepr(k) + ': ' + repr(x)).join(', ') + '}';
  }
}

const asciiOf = (s: string) =>
  s.replace(/[^\p{ASCII}]/gu, (c) => {
    const cp = c.codePointAt(0)!;
    return cp <= 0xff
      ? '\\x' + cp.toString(16).padStart(2, '0')
      : cp <= 0xffff
        ? '\\u' + cp.toString(16).padStart(4, '0')
        : '\\U' + cp.toString(16).padStart(8, '0');
  });

function host(args: Py): PercentHost<Py> {
  return {
    args,
    tuple: args.k === 'tuple' ? args.v : null,
    isMapping: args.k === 'dict' || args.k === 'list',
    getItem: (key) => {
      if (args.k === 'list') throw err('TypeError', 'list indices must be integers or slices, not str');
      const hit = (args as { v: [string, Py][] }).v.find(([k]) => k === key);
      if (!hit) throw err('KeyError', strRepr(key));
      return hit[1];
    },
    starInt: (v) => (v.k === 'int' ? v.v : v.k === 'bool' ? BigInt(v.v) : null),
    toText: (v, c) => {
      const r = c === 's' && v.k === 'str' ? v.v : repr(v); // str() is repr() for every other type here
      return c === 'a' ? asciiOf(r) : r;
    },
    toInt: (v, c) => {
      if (v.k === 'int') return v.v;
      if (v.k === 'bool') return BigInt(v.v);
      if (v.k === 'float' && c !== 'o' && c !== 'x' && c !== 'X') return floatToInt(v.v);
      throw percentIntTypeError(c, typeName(v));
    },
    toFloat: (v) => {
      if (v.k === 'float') return v.v;
      if (v.k === 'bool') return Number(v.v);
      if (v.k === 'int') {
        const x = Number(v.v);
        if (!isFinite(x)) throw err('OverflowError', 'int too large to convert to float');
        return x;
      }
      throw err('TypeError', `must be real number, not ${typeName(v)}`);
    },
    toChar: (v) => {
      if (v.k === 'str' && cpLength(v.v) === 1) return v.v;
      if (v.k === 'int') return charFromInt(v.v);
      if (v.k === 'bool') return charFromInt(BigInt(v.v));
      throw err('TypeError', PERCENT_C_ERROR);
    },
  };
}

describe('percentFormat', () => {
  it(`matches str % args on ${data.length} cases`, () => {
    const bad = mismatches(data, ([fmt, args, want]) =>
      diff(
        [fmt, args],
        outcome(() => percentFormat(fmt, host(decode(args)))),
        want,
      ),
    );
    expect(bad).toEqual([]);
  });
});
