/**
 * range, range_iterator and longrange_iterator against CPython 3.11.7: layouts (48-byte
 * non-GC objects), which iterator a range gets, lengths and items beyond 2**63, refcounts
 * and the int temporaries. Expected values come from fixtures/containers.json
 * (fixtures/containers.py).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createRuntime } from '../vm/lifecycle';
import './registerall';
import { rt } from '../vm/runtime';
import { runSource } from '../run';
import { PyObject, decref } from './object';
import { newInt, newIntValue, type PyLong } from './longobject';
import { call, getIter, iterNext, reprText, getItem, contains } from './abstract';
import {
  LongRangeIterType,
  RangeIterType,
  RangeType,
  newRange,
  rangeReverse,
  type PyRange,
} from './rangeobject';
import { isPyException } from '../vm/errors';
import fixture from './fixtures/containers.json';

interface Program {
  source: string;
  stdout: string;
}
interface Tables {
  tracked: Record<string, boolean>;
  basicsize: Record<string, [number, boolean]>;
}
const data = fixture as unknown as { tables: Tables; programs: Record<string, Record<string, Program>> };
const tables = data.tables;

beforeEach(() => {
  createRuntime();
});

function range(...values: (number | bigint)[]): PyRange {
  const args = values.map((v) => newIntValue(v));
  try {
    return newRange(args);
  } finally {
    for (const a of args) decref(a);
  }
}

function drain(it: PyObject): (number | bigint)[] {
  const out: (number | bigint)[] = [];
  for (let x = iterNext(it); x !== null; x = iterNext(it)) {
    out.push((x as PyLong).value);
    decref(x);
  }
  decref(it);
  return out;
}

function liveBytes(): number {
  let n = rt.heap.raw.bytesInUse;
  for (const arena of rt.heap.liveArenas()) for (const pool of arena.pools) n += pool.count * pool.blockSize;
  return n;
}

describe('layout', () => {
  it('range and its iterators are 48-byte objects outside the GC', () => {
    for (const t of [RangeType, RangeIterType, LongRangeIterType]) {
      expect([t.basicsize, t.isGC]).toEqual(tables.basicsize[t.name]);
    }
    const r = range(3);
    expect(r.gcNext).toBeNull();
    expect(tables.tracked.range).toBe(false);
    const it = getIter(r);
    expect(it.type).toBe(RangeIterType);
    expect(tables.tracked.range_iter).toBe(false);
    decref(it);
    decref(r);
  });

  it('picks the C-long iterator only when everything fits in a C long', () => {
    const cases: [(number | bigint)[], string, string][] = [
      [[10], 'range_iterator', 'range_iterator'],
      [[2n ** 64n], 'longrange_iterator', 'longrange_iterator'],
      [[2n ** 63n - 1n], 'range_iterator', 'range_iterator'],
      [[-(2n ** 63n), 0], 'longrange_iterator', 'longrange_iterator'],
      [[-(2n ** 63n) + 1n, 0], 'range_iterator', 'range_iterator'],
    ];
    for (const [args, fwd, rev] of cases) {
      const r = range(...args);
      const it = getIter(r);
      const rit = rangeReverse(r);
      expect([it.type.name, rit.type.name]).toEqual([fwd, rev]);
      for (const x of [it, rit, r]) decref(x);
    }
  });
});

describe('values', () => {
  it('iterates exactly past 2**63 and 2**64', () => {
    const r = range(2n ** 63n - 2n, 2n ** 63n + 1n);
    expect(drain(getIter(r))).toEqual([2n ** 63n - 2n, 2n ** 63n - 1n, 2n ** 63n]);
    const b = range(2n ** 64n, 2n ** 64n + 3n);
    expect(drain(rangeReverse(b))).toEqual([2n ** 64n + 2n, 2n ** 64n + 1n, 2n ** 64n]);
    expect(drain(getIter(range(10, 0, -3)))).toEqual([10, 7, 4, 1]);
    expect(drain(rangeReverse(range(1, 10, 4)))).toEqual([9, 5, 1]);
    for (const x of [r, b]) decref(x);
  });

  it('len, items, contains, repr', () => {
    const r = range(0, 100, 7);
    expect(RangeType.mp_length!(r)).toBe(15);
    const i = newInt(-1);
    const last = getItem(r, i) as PyLong;
    expect(last.value).toBe(98);
    const x = newInt(21);
    const y = newInt(22);
    expect([contains(r, x), contains(r, y)]).toEqual([true, false]);
    expect(reprText(r)).toBe('range(0, 100, 7)');
    const one = range(5);
    expect(reprText(one)).toBe('range(0, 5)');
    for (const o of [r, i, last, x, y, one]) decref(o);
  });

  it('raises CPython’s errors', () => {
    const msg = (fn: () => unknown): string => {
      try {
        fn();
        return 'no error';
      } catch (e) {
        if (!isPyException(e)) throw e;
        const t = `${e.type.name}: ${reprText(e.args)}`;
        decref(e);
        return t;
      }
    };
    expect(msg(() => call(RangeType, []))).toBe("TypeError: ('range expected at least 1 argument, got 0',)");
    expect(msg(() => range(1, 2, 0))).toBe("ValueError: ('range() arg 3 must not be zero',)");
    const big = range(2n ** 64n);
    expect(msg(() => RangeType.mp_length!(big))).toBe(
      "OverflowError: ('Python int too large to convert to C ssize_t',)",
    );
    decref(big);
  });
});

describe('memory', () => {
  it('holds its ints and releases everything', () => {
    const a = newInt(1000);
    const b = newInt(2000);
    const before = liveBytes();
    const r = newRange([a, b]);
    expect([a.refcnt, b.refcnt]).toEqual([2, 2]);
    const it = getIter(r);
    const v = drain(it);
    expect(v.length).toBe(1000);
    decref(r);
    expect([a.refcnt, b.refcnt]).toEqual([1, 1]);
    expect(liveBytes()).toBe(before);
    decref(a);
    decref(b);
  });
});

describe('programs (stdout of CPython 3.11.7)', () => {
  for (const [name, p] of Object.entries(data.programs.range)) {
    it(name, () => {
      const r = runSource(p.source, { filename: `${name}.py` });
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(p.stdout);
    });
  }
});
