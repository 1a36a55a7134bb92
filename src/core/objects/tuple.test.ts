/**
 * tuple against CPython 3.11.7: the exact 3.11 tuplehash, the identity rules of `()`,
 * `t[:]`, `t * 1` and `tuple(t)`, PySequence_Tuple's presize/resize, the free lists
 * (lengths 1…19 reused, 20 kept but never reused), tuple_iterator, refcounts and release
 * order. Expected values come from fixtures/containers.json (fixtures/containers.py).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createRuntime } from '../vm/lifecycle';
import './registerall';
import { rt } from '../vm/runtime';
import { runSource } from '../run';
import { PyObject, decref } from './object';
import { staticType } from './roots';
import { allocObject, freeObject } from '../memory/alloc';
import { newInt, newIntValue, type PyLong } from './longobject';
import { newList } from './listobject';
import { call, getIter, iterNext, reprText, binaryOp, getItem } from './abstract';
import { newSlice } from './sliceobject';
import { None } from './noneobject';
import { newFrozenSetFromArray } from './setobject';
import {
  EmptyTuple,
  PyTuple,
  TupleIterType,
  TupleType,
  newTuple,
  sequenceTuple,
  tupleFromBorrowed,
  tupleHashBig,
} from './tupleobject';
import { newCallIter } from './iterobject';
import fixture from './fixtures/containers.json';

interface Program {
  source: string;
  stdout: string;
}
interface Tables {
  tuple_hash: { items: number[]; hash: string }[];
  tuple_hash_nested: string[];
  basicsize: Record<string, [number, boolean]>;
}
const data = fixture as unknown as { tables: Tables; programs: Record<string, Record<string, Program>> };
const tables = data.tables;

beforeEach(() => {
  createRuntime();
});

const getsizeof = (o: PyObject): number => o.type.tp_sizeof!(o) + o.type.preheaderSize;
const ints = (values: number[]): PyTuple => newTuple(values.map((v) => newIntValue(v)));

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

describe('tuplehash (exact 64-bit)', () => {
  it.each(tables.tuple_hash.map((t) => [t.items.join(','), t] as const))('hash((%s))', (_n, t) => {
    const tup = ints(t.items);
    expect(tupleHashBig(tup)).toBe(BigInt(t.hash));
    expect(TupleType.tp_hash!(tup)).toBe(Number(BigInt(t.hash)));
    decref(tup);
  });

  it('nested tuples and frozensets hash from exact item hashes', () => {
    const one = newInt(1);
    const a = newTuple([ints([1, 2]), ints([3])]);
    const b = newTuple([newInt(1), newTuple([(EmptyTuple.refcnt++, EmptyTuple), ints([2])])]);
    const fs = newFrozenSetFromArray([one]);
    const c = newTuple([fs, newInt(2)]);
    expect([tupleHashBig(a), tupleHashBig(b), tupleHashBig(c)].map(String)).toEqual(tables.tuple_hash_nested);
    for (const x of [one, a, b, c]) decref(x);
  });
});

describe('identity rules', () => {
  it('() is the static singleton; t[:], t * 1, t + () and tuple(t) are t', () => {
    const t = ints([1, 2, 3]);
    expect(call(TupleType, [])).toBe(EmptyTuple);
    const full = newSlice(None, None, None);
    const s = getItem(t, full);
    expect(s).toBe(t);
    const one = newInt(1);
    const r = binaryOp(t, one, 'nb_multiply');
    expect(r).toBe(t);
    const c = binaryOp(t, EmptyTuple, 'nb_add');
    expect(c).toBe(t);
    const u = call(TupleType, [t]);
    expect(u).toBe(t);
    const zero = newInt(0);
    expect(binaryOp(t, zero, 'nb_multiply')).toBe(EmptyTuple);
    for (const x of [s, r, c, u, full, one]) decref(x);
    expect(t.refcnt).toBe(1);
    decref(t);
  });

  it('repr', () => {
    const t = ints([1]);
    const u = newTuple([ints([1, 2]), (EmptyTuple.refcnt++, EmptyTuple)]);
    expect([reprText(t), reprText(u), reprText(EmptyTuple)]).toEqual(['(1,)', '((1, 2), ())', '()']);
    decref(t);
    decref(u);
  });
});

describe('memory', () => {
  it('sizes and type layout', () => {
    expect(getsizeof(EmptyTuple)).toBe(40);
    const t = ints([1, 2, 3]);
    expect(getsizeof(t)).toBe(64);
    decref(t);
    expect([TupleType.basicsize, TupleType.isGC]).toEqual(tables.basicsize.tuple);
    expect([TupleIterType.basicsize, TupleIterType.isGC]).toEqual(tables.basicsize.tuple_iterator);
  });

  it('reuses dead tuples of 1…19 items, keeps but never reuses 20-tuples (21: pymalloc reuses the block)', () => {
    for (const [n, reused] of [
      [1, true],
      [19, true],
      [20, false],
      [21, true],
    ] as const) {
      const a = ints(Array.from({ length: n }, (_, i) => i));
      const addr = a.addr;
      decref(a);
      const b = ints(Array.from({ length: n }, (_, i) => i + 1));
      expect(b.addr === addr).toBe(reused);
      decref(b);
    }
    // Both 20-tuples were kept: pushed when they died, never popped.
    expect(rt.freelists.tuples[20].length).toBe(2);
  });

  it('tuple(iterable) presizes from the length hint and shrinks to the item count', () => {
    const l = newList([newInt(1), newInt(2), newInt(3)]);
    const it = getIter(l);
    // A list iterator has a length hint of 3: exactly sized.
    const t = sequenceTuple(it);
    expect((t as PyTuple).items.length).toBe(3);
    expect(getsizeof(t)).toBe(64);
    expect(t.gcNext).not.toBeNull();
    decref(t);
    decref(it);
    // No length hint (a callable_iterator): starts at 10 and grows by n + 10 + (n + 10) / 4.
    let n = 0;
    const counter = staticType({ name: 'counter', basicsize: 16 });
    counter.tp_call = () => newInt(n++);
    counter.tp_dealloc = (o) => freeObject(o);
    const fn = allocObject(new PyObject(counter), 16);
    const sentinel = newInt(25);
    const ci = newCallIter(fn, sentinel);
    const u = sequenceTuple(ci);
    expect((u as PyTuple).items.map((x) => Number((x as PyLong).value))).toEqual(
      Array.from({ length: 25 }, (_, i) => i),
    );
    expect(getsizeof(u)).toBe(40 + 8 * 25);
    for (const x of [u, ci, sentinel, fn]) decref(x);
  });

  it('releases items last to first; iterators and slices keep them alive', () => {
    released = [];
    const t = newTuple([probe(1), probe(2), probe(3)]);
    decref(t);
    expect(released).toEqual([3, 2, 1]);
    released = [];
    const u = newTuple([probe(4), probe(5)]);
    const it = getIter(u);
    decref(u);
    expect(released).toEqual([]);
    const first = iterNext(it)!;
    decref(first);
    decref(it);
    expect(released).toEqual([5, 4]);
  });

  it('concat, repeat, slices and iteration are refcount neutral', () => {
    const x = newInt(100000);
    const t = tupleFromBorrowed([x, x]);
    const base = x.refcnt;
    const two = newInt(2);
    const r = binaryOp(t, two, 'nb_multiply');
    expect(x.refcnt).toBe(base + 4);
    const c = binaryOp(t, r, 'nb_add');
    const sl = newSlice(newInt(1), None, None);
    const s = getItem(c, sl);
    for (const o of [r, c, s, sl, two]) decref(o);
    expect(x.refcnt).toBe(base);
    const it = getIter(t);
    for (let y = iterNext(it); y !== null; y = iterNext(it)) decref(y);
    decref(it);
    expect(x.refcnt).toBe(base);
    decref(t);
    decref(x);
  });
});

describe('programs (stdout of CPython 3.11.7)', () => {
  for (const [name, p] of Object.entries(data.programs.tuple)) {
    it(name, () => {
      const r = runSource(p.source, { filename: `${name}.py` });
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(p.stdout);
    });
  }
});
