/**
 * The builtin iterators against CPython 3.11.7: enumerate, reversed, zip, map, filter,
 * `iterator` (sequence iteration) and callable_iterator. Layouts and GC tracking, the
 * result-tuple reuse of enumerate and zip, strict zip, release order and refcounts.
 * Expected values come from fixtures/containers.json (fixtures/containers.py).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createRuntime } from '../vm/lifecycle';
import './registerall';
import { runSource } from '../run';
import { PyObject, decref } from './object';
import { staticType } from './roots';
import { allocObject, freeObject } from '../memory/alloc';
import { newInt, type PyLong } from './longobject';
import { newStr } from './unicodeobject';
import { newList } from './listobject';
import { True } from './boolobject';
import { None } from './noneobject';
import { call, iterNext, reprText } from './abstract';
import { newTuple, type PyTuple } from './tupleobject';
import { EnumerateType, ReversedType } from './enumobject';
import { FilterType, MapType, ZipType } from './zipmapfilter';
import { CallIterType, SeqIterType, newCallIter, newSeqIter } from './iterobject';
import { isPyException } from '../vm/errors';
import fixture from './fixtures/containers.json';

interface Program {
  source: string;
  stdout: string;
}
interface Tables {
  basicsize: Record<string, [number, boolean]>;
}
const data = fixture as unknown as { tables: Tables; programs: Record<string, Record<string, Program>> };
const tables = data.tables;

beforeEach(() => {
  createRuntime();
});

const getsizeof = (o: PyObject): number => o.type.tp_sizeof!(o) + o.type.preheaderSize;

const ProbeType = staticType({ name: 'probe', basicsize: 24 });
class Probe extends PyObject {
  constructor(readonly n: number) {
    super(ProbeType);
  }
}
let released: number[] = [];
ProbeType.tp_dealloc = (o) => {
  released.push((o as Probe).n);
  freeObject(o);
};
const probe = (n: number): Probe => allocObject(new Probe(n), 24);

function errorText(fn: () => unknown): string {
  try {
    fn();
    return 'no error';
  } catch (e) {
    if (!isPyException(e)) throw e;
    const t = `${e.type.name}: ${reprText(e.args)}`;
    decref(e);
    return t;
  }
}

describe('layouts', () => {
  it('match CPython’s basic sizes and GC flags, and are tracked from creation', () => {
    for (const t of [EnumerateType, ReversedType, ZipType, MapType, FilterType]) {
      expect([t.basicsize, t.isGC]).toEqual(tables.basicsize[t.name]);
    }
    expect([SeqIterType.basicsize, SeqIterType.isGC]).toEqual([32, true]);
    expect([CallIterType.basicsize, CallIterType.isGC]).toEqual([32, true]);
    const l = newList([]);
    const e = call(EnumerateType, [l]);
    const z = call(ZipType, [l, l]);
    expect([e.gcNext !== null, z.gcNext !== null, getsizeof(e), getsizeof(z)]).toEqual([true, true, 72, 64]);
    for (const x of [e, z, l]) decref(x);
  });
});

describe('result tuples', () => {
  it('enumerate refills its tuple only when nobody else holds it', () => {
    const l = newList([newStr('a'), newStr('b'), newStr('c')]);
    const e = call(EnumerateType, [l]);
    const first = iterNext(e) as PyTuple;
    const addr = first.addr;
    expect(reprText(first)).toBe("(0, 'a')");
    decref(first);
    const second = iterNext(e) as PyTuple;
    expect(second.addr).toBe(addr);
    const third = iterNext(e) as PyTuple;
    expect(third).not.toBe(second);
    expect([reprText(second), reprText(third)]).toEqual(["(1, 'b')", "(2, 'c')"]);
    for (const x of [second, third, e, l]) decref(x);
  });

  it('zip does the same, and checks lengths with strict=True', () => {
    const a = newList([newInt(1), newInt(2)]);
    const b = newList([newInt(3)]);
    const z = call(ZipType, [a, b, True], newTuple([newStr('strict')]));
    const first = iterNext(z)!;
    decref(first);
    expect(errorText(() => iterNext(z))).toBe("ValueError: ('zip() argument 2 is shorter than argument 1',)");
    for (const x of [z, a, b]) decref(x);
  });
});

describe('release order and references', () => {
  it('iterators hold their source; dropping them releases it', () => {
    released = [];
    const l = newList([probe(1), probe(2)]);
    const r = call(ReversedType, [l]);
    decref(l);
    expect(released).toEqual([]);
    decref(r);
    expect(released).toEqual([2, 1]);
    released = [];
    const t = newTuple([probe(3), probe(4)]);
    const rt2 = call(ReversedType, [t]);
    expect(rt2.type).toBe(ReversedType);
    decref(t);
    const x = iterNext(rt2)!;
    expect((x as Probe).n).toBe(4);
    decref(x);
    decref(rt2);
    expect(released).toEqual([4, 3]);
  });

  it('map and filter are refcount neutral', () => {
    const v = newInt(-123456);
    const l = newList([(v.refcnt++, v), (v.refcnt++, v)]);
    const base = v.refcnt;
    const absType = staticType({ name: 'negate', basicsize: 16 });
    absType.tp_call = (_c, args) => newInt(-Number((args[0] as PyLong).value));
    absType.tp_dealloc = (o) => freeObject(o);
    const fn = allocObject(new PyObject(absType), 16);
    const m = call(MapType, [fn, l]);
    for (let y = iterNext(m); y !== null; y = iterNext(m)) decref(y);
    const f = call(FilterType, [None, l]);
    for (let y = iterNext(f); y !== null; y = iterNext(f)) decref(y);
    expect(v.refcnt).toBe(base);
    for (const x of [m, f, fn, l, v]) decref(x);
  });

  it('sequence and callable iterators', () => {
    const l = newList([newInt(5), newInt(6)]);
    const s = newSeqIter(l);
    const out: number[] = [];
    for (let y = iterNext(s); y !== null; y = iterNext(s)) {
      out.push(Number((y as PyLong).value));
      decref(y);
    }
    expect(out).toEqual([5, 6]);
    const counter = staticType({ name: 'counter', basicsize: 16 });
    let n = 0;
    counter.tp_call = () => newInt(n++);
    counter.tp_dealloc = (o) => freeObject(o);
    const fn = allocObject(new PyObject(counter), 16);
    const sentinel = newInt(3);
    const c = newCallIter(fn, sentinel);
    expect([fn.refcnt, sentinel.refcnt > 1]).toEqual([2, true]);
    const got: number[] = [];
    for (let y = iterNext(c); y !== null; y = iterNext(c)) {
      got.push(Number((y as PyLong).value));
      decref(y);
    }
    expect(got).toEqual([0, 1, 2]);
    expect(fn.refcnt).toBe(1);
    for (const x of [s, l, c, fn, sentinel]) decref(x);
  });
});

describe('programs (stdout of CPython 3.11.7)', () => {
  for (const [name, p] of Object.entries(data.programs.iter)) {
    it(name, () => {
      const r = runSource(p.source, { filename: `${name}.py` });
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(p.stdout);
    });
  }
});
