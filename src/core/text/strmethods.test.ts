import { describe, expect, it } from 'vitest';
import * as M from './strmethods';
import { diff, mismatches, outcome, revive } from './fixtures/decode';
import fixture from './fixtures/strmethods.json';

type Arg = string | number | boolean | null | string[];
const data = revive(fixture as [string, [string, Arg[], unknown][]][]);
const calls = data.flatMap(([s, cs]) => cs.map(([m, a, r]) => ({ s, m, a, r })));

const n = (a: Arg | undefined): number | null => (a === undefined || a === null ? null : (a as number));

/** Calls the TS function standing for Python's s.<m>(*a), shaping the result like record.py. */
function call(s: string, m: string, a: Arg[]): unknown {
  const str = (i: number) => a[i] as string;
  switch (m) {
    case 'split':
      return M.split(s, a[0] as string | null, a[1] as number);
    case 'rsplit':
      return M.rsplit(s, a[0] as string | null, a[1] as number);
    case 'strip':
    case 'lstrip':
    case 'rstrip':
      return M[m](s, (a[0] ?? null) as string | null);
    case 'upper':
    case 'lower':
    case 'capitalize':
    case 'title':
    case 'swapcase':
    case 'casefold':
    case 'isalpha':
    case 'isdecimal':
    case 'isdigit':
    case 'isnumeric':
    case 'isalnum':
    case 'isspace':
    case 'isprintable':
    case 'isascii':
    case 'isupper':
    case 'islower':
    case 'istitle':
    case 'isidentifier':
      return M[m](s);
    case 'splitlines':
      return M.splitlines(s, (a[0] as boolean | undefined) ?? false);
    case 'replace':
      return M.replace(s, str(0), str(1), (a[2] as number | undefined) ?? -1);
    case 'find':
    case 'rfind':
    case 'index':
    case 'rindex':
    case 'count':
      return M[m](s, str(0), n(a[1]), n(a[2]));
    case 'startswith':
    case 'endswith':
      return M[m](s, a[0] as string | string[], n(a[1]), n(a[2]));
    case 'center':
    case 'ljust':
    case 'rjust':
      return M[m](s, a[0] as number, (a[1] as string | undefined) ?? ' ');
    case 'zfill':
      return M.zfill(s, a[0] as number);
    case 'partition':
    case 'rpartition':
      return M[m](s, str(0));
    case 'expandtabs':
      return M.expandtabs(s, (a[0] as number | undefined) ?? 8);
    case 'encode':
      return {
        bytes: Array.from(
          M.encode(s, (a[0] as string | undefined) ?? 'utf-8', (a[1] as string | undefined) ?? 'strict'),
        ),
      };
    case 'removeprefix':
    case 'removesuffix':
      return M[m](s, str(0));
    case '__contains__':
      return M.contains(s, str(0));
  }
  throw new Error('no such method ' + m);
}

describe('str methods', () => {
  const methods = [...new Set(calls.map((c) => c.m))];
  for (const m of methods) {
    const mine = calls.filter((c) => c.m === m);
    it(`${m} matches CPython on ${mine.length} calls`, () => {
      const bad = mismatches(mine, ({ s, a, r }) =>
        diff(
          [s, m, a],
          outcome(() => call(s, m, a)),
          r,
        ),
      );
      expect(bad).toEqual([]);
    });
  }

  it('join joins', () => {
    expect(M.join('-', ['a', '😀', ''])).toBe('a-😀-');
  });
});
