import { describe, expect, it } from 'vitest';
import { TextError, type PyErrorType } from './errors';
import { floatRepr } from './floatrepr';
import { formatFloat, formatInt, formatStr } from './formatspec';
import { parseFormatString, renderFormat, splitFieldName, type FormatHost } from './strformat';
import { strAscii, strRepr } from './strrepr';
import { diff, mismatches, outcome, revive, type Outcome } from './fixtures/decode';
import fixture from './fixtures/strformat.json';

type Json = number | string | Json[] | { [k: string]: Json };
type ParserItem = [string, string | null, string | null, string | null];
const data = revive(
  fixture as {
    parse: [string, ParserItem[], [string, string] | null][];
    names: [string, [string | number | null, [boolean, string | number][], [string, string] | null]][];
    format: [string, Outcome][];
    args: [Json[], Record<string, Json>];
  },
);

describe('parseFormatString', () => {
  it(`matches _string.formatter_parser on ${data.parse.length} format strings`, () => {
    const bad = mismatches(data.parse, ([fmt, items, err]) => {
      const p = parseFormatString(fmt);
      const got = p.items.map(({ literal, field }): ParserItem =>
        field ? [literal, field.name, field.spec, field.conversion] : [literal, null, null, null],
      );
      return diff(fmt, [got, p.error && [p.error.pyType, p.error.message]], [items, err]);
    });
    expect(bad).toEqual([]);
  });
});

describe('splitFieldName', () => {
  it(`matches _string.formatter_field_name_split on ${data.names.length} names`, () => {
    const bad = mismatches(data.names, ([name, [first, rest, err]]) => {
      let got: unknown;
      try {
        const r = splitFieldName(name);
        const steps = r.rest
          .filter((x) => x.kind !== 'error')
          .map((x) => [x.kind === 'attr', x.kind === 'attr' ? x.name : x.kind === 'index' ? x.key : null]);
        const e = r.rest.find((x) => x.kind === 'error');
        got = [
          r.firstIndex >= 0 ? r.firstIndex : r.first,
          steps,
          e && e.kind === 'error' ? [e.error.pyType, e.error.message] : null,
        ];
      } catch (e) {
        got = [null, [], e instanceof TextError ? [e.pyType, e.message] : String(e)];
      }
      return diff(name, got, [first, rest, err]);
    });
    expect(bad).toEqual([]);
  });
});

// A host over JSON values: integral numbers are Python ints, others floats.
const err = (t: string, m: string) => new TextError(t as PyErrorType, m);
const typeName = (v: Json) =>
  typeof v === 'string'
    ? 'str'
    : typeof v === 'number'
      ? Number.isInteger(v)
        ? 'int'
        : 'float'
      : Array.isArray(v)
        ? 'list'
        : 'dict';

function repr(v: Json): string {
  if (typeof v === 'string') return strRepr(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : floatRepr(v);
  if (Array.isArray(v)) return '[' + v.map(repr).join(', ') + ']';
  return (
    '{' +
    Object.entries(v)
      .map(([k, x]) => strRepr(k) + ': ' + repr(x))
      .join(', ') +
    '}'
  );
}
const str = (v: Json) => (typeof v === 'string' ? v : repr(v));

function host(args: Json[], kwargs: Record<string, Json>): FormatHost<Json> {
  return {
    argCount: args.length,
    positional: (i) => args[i]!,
    keyword: (k) => {
      if (!(k in kwargs)) throw err('KeyError', strRepr(k));
      return kwargs[k]!;
    },
    getattr: (v, name) => {
      if (typeof v === 'number' && (name === 'real' || name === 'imag')) return name === 'real' ? v : 0;
      throw err('AttributeError', `'${typeName(v)}' object has no attribute '${name}'`);
    },
    getitem: (v, key) => {
      if (Array.isArray(v) || typeof v === 'string') {
        if (typeof key === 'string') {
          throw err(
            'TypeError',
            Array.isArray(v)
              ? 'list indices must be integers or slices, not str'
              : "string indices must be integers, not 'str'",
          );
        }
        const x = Array.isArray(v) ? v[key] : Array.from(v)[key];
        if (x === undefined) throw err('IndexError', `${typeName(v)} index out of range`);
        return x;
      }
      if (typeof v === 'object') {
        if (typeof key === 'number' || !(key in v))
          throw err('KeyError', typeof key === 'number' ? String(key) : strRepr(key));
        return v[key]!;
      }
      throw err('TypeError', `'${typeName(v)}' object is not subscriptable`);
    },
    convert: (v, c) =>
      c === 'r' ? repr(v) : c === 's' ? str(v) : typeof v === 'string' ? strAscii(v) : repr(v),
    format: (v, spec) => {
      if (typeof v === 'string') return formatStr(v, spec);
      if (typeof v === 'number')
        return Number.isInteger(v) ? formatInt(BigInt(v), spec) : formatFloat(v, spec);
      if (spec !== '')
        throw err('TypeError', `unsupported format string passed to ${typeName(v)}.__format__`);
      return repr(v);
    },
  };
}

describe('renderFormat', () => {
  const [args, kwargs] = data.args;
  it(`matches str.format on ${data.format.length} format strings`, () => {
    const h = host(args, kwargs);
    const bad = mismatches(data.format, ([fmt, want]) =>
      diff(
        fmt,
        outcome(() => renderFormat(fmt, h)),
        want,
      ),
    );
    expect(bad).toEqual([]);
  });

  it('format_map rejects positional fields', () => {
    const h = { ...host([], { a: 1 }), argCount: null };
    expect(renderFormat('{a}', h)).toBe('1');
    expect(outcome(() => renderFormat('{0}', h))).toEqual([
      'ValueError',
      'Format string contains positional fields',
    ]);
  });
});
