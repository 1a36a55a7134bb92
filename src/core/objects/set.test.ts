/**
 * set and frozenset against CPython 3.11.7. Expected values come from
 * fixtures/containers.json, recorded by fixtures/containers.py with the oracle
 * interpreter: sizes after each insertion, iteration orders of int sets built in
 * different ways, exact frozenset hashes, GC tracking, and whole programs whose stdout
 * must match. Memory behaviour (separate table allocation, refcount and heap neutrality,
 * release order) is checked through the engine's API.
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
import { newStr } from './unicodeobject';
import { newList } from './listobject';
import { reprText, call, getIter, iterNext } from './abstract';
import {
  FrozenSetType,
  PySet,
  SetIterType,
  SetType,
  frozensetHashBig,
  newFrozenSetFromArray,
  newSet,
  setAdd,
  setDiscard,
  setKeys,
  setUpdate,
} from './setobject';
import { DictType, newDict, dictSetItem } from './dictobject';
import fixture from './fixtures/containers.json';

interface Program {
  source: string;
  stdout: string;
}
interface Tables {
  set_sizes_int_add: number[];
  set_sizes_str_add: number[];
  set_sizes_from_list: number[];
  set_sizes_from_set: number[];
  set_sizes_from_dict: number[];
  int_orders: {
    keys: number[];
    add_order: number[];
    from_list: number[];
    from_set: number[];
    pop: number[];
  }[];
  after_deletes: { order: number[]; size: number };
  frozenset_hash: { items: number[]; hash: string }[];
  tracked: Record<string, boolean>;
  basicsize: Record<string, [number, boolean]>;
}
const data = fixture as unknown as { tables: Tables; programs: Record<string, Record<string, Program>> };
const tables = data.tables;

beforeEach(() => {
  createRuntime();
});

const getsizeof = (o: PyObject): number => o.type.tp_sizeof!(o) + o.type.preheaderSize;
const ints = (s: PyObject): number[] => setKeys(s as PySet).map((k) => Number((k as PyLong).value));

function liveBytes(): number {
  let n = rt.heap.raw.bytesInUse;
  for (const arena of rt.heap.liveArenas()) for (const pool of arena.pools) n += pool.count * pool.blockSize;
  return n;
}

function addInt(s: PyObject, v: number): void {
  const i = newIntValue(v);
  setAdd(s, i);
  decref(i);
}

function listOfInts(values: number[]): PyObject {
  return newList(values.map((v) => newIntValue(v)));
}

/** A non-GC probe object that logs its release; hashed by its number, compared by identity. */
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
ProbeType.tp_hash = (o) => (o as Probe).n;
const probe = (n: number): Probe => allocObject(new Probe(n), 24);

describe('set sizes (sys.getsizeof)', () => {
  it('after each add of an int', () => {
    const s = newSet();
    const sizes: number[] = [];
    for (let i = 0; i < tables.set_sizes_int_add.length; i++) {
      addInt(s, i);
      sizes.push(getsizeof(s));
    }
    expect(sizes).toEqual(tables.set_sizes_int_add);
    decref(s);
  });

  it('after each add of a str', () => {
    const s = newSet();
    const sizes: number[] = [];
    for (let i = 0; i < tables.set_sizes_str_add.length; i++) {
      const k = newStr(`k${i}`);
      setAdd(s, k);
      decref(k);
      sizes.push(getsizeof(s));
    }
    expect(sizes).toEqual(tables.set_sizes_str_add);
    decref(s);
  });

  it('built from a list, a set and a dict (set_merge presizing)', () => {
    const fromList: number[] = [];
    const fromSet: number[] = [];
    const fromDict: number[] = [];
    for (let n = 0, k = 0; k < tables.set_sizes_from_list.length; n += 7, k++) {
      const values = Array.from({ length: n }, (_, i) => i);
      const l = listOfInts(values);
      const a = newSet(l);
      fromList.push(getsizeof(a));
      const b = newSet(a);
      fromSet.push(getsizeof(b));
      const d = newDict();
      for (const v of values) {
        const key = newIntValue(v);
        dictSetItem(d, key, key);
        decref(key);
      }
      const c = newSet(d);
      fromDict.push(getsizeof(c));
      for (const o of [l, a, b, d, c]) decref(o);
    }
    expect(fromList).toEqual(tables.set_sizes_from_list);
    expect(fromSet).toEqual(tables.set_sizes_from_set);
    expect(fromDict).toEqual(tables.set_sizes_from_dict);
  });

  it('keeps a bigger table in its own PyMem block and frees it with the set', () => {
    const before = liveBytes();
    const s = newSet();
    const small = liveBytes() - before;
    expect(small).toBe(224);
    for (let i = 0; i < 5; i++) addInt(s, i);
    expect((s as PySet).tableAddr).not.toBe(0);
    expect(liveBytes() - before).toBe(224 + 512);
    decref(s);
    expect(liveBytes()).toBe(before);
  });
});

describe('set iteration order (int keys)', () => {
  it.each(tables.int_orders.map((o, i) => [i, o] as const))('case %i', (_i, o) => {
    const added = newSet();
    for (const k of o.keys) addInt(added, k);
    expect(ints(added)).toEqual(o.add_order);
    const l = listOfInts(o.keys);
    const fromList = newSet(l);
    expect(ints(fromList)).toEqual(o.from_list);
    const fromSet = newSet(added);
    expect(ints(fromSet)).toEqual(o.from_set);
    const popSpec = SetType.methodSpecs.find((m) => m.name === 'pop')!;
    const popped = popSpec.call(fromList, [], null) as PyLong;
    expect(Number(popped.value)).toBe(o.pop[0]);
    decref(popped);
    for (const x of [added, l, fromList, fromSet]) decref(x);
  });

  it('reuses dummy slots and keeps CPython’s order after deletions', () => {
    const s = newSet();
    for (let i = 0; i < 50; i++) addInt(s, i);
    for (let i = 0; i < 50; i += 3) {
      const k = newInt(i);
      expect(setDiscard(s, k)).toBe(true);
      decref(k);
    }
    for (let i = 100; i < 130; i++) addInt(s, i);
    expect(ints(s)).toEqual(tables.after_deletes.order);
    expect(getsizeof(s)).toBe(tables.after_deletes.size);
    decref(s);
  });
});

describe('frozenset', () => {
  it.each(tables.frozenset_hash.map((f) => [f.items.join(','), f] as const))('hash of {%s}', (_n, f) => {
    const items = f.items.map((v) => newIntValue(v));
    const fs = newFrozenSetFromArray(items);
    for (const i of items) decref(i);
    expect(frozensetHashBig(fs as PySet)).toBe(BigInt(f.hash));
    expect(FrozenSetType.tp_hash!(fs)).toBe(Number(BigInt(f.hash)));
    decref(fs);
  });

  it('frozenset() is a new tracked object each time; frozenset(f) is f', () => {
    const a = call(FrozenSetType, []);
    const b = call(FrozenSetType, []);
    expect(a).not.toBe(b);
    expect(a.gcNext !== null).toBe(tables.tracked.frozenset);
    expect(getsizeof(a)).toBe(216);
    const c = call(FrozenSetType, [a]);
    expect(c).toBe(a);
    for (const x of [a, b, c]) decref(x);
  });
});

describe('types', () => {
  it('have CPython’s basic sizes and GC flags', () => {
    for (const t of [SetType, FrozenSetType, SetIterType]) {
      expect([t.basicsize, t.isGC]).toEqual(tables.basicsize[t.name]);
    }
    expect(newSet().gcNext !== null).toBe(tables.tracked.set);
  });

  it('repr', () => {
    const s = newSet();
    expect(reprText(s)).toBe('set()');
    addInt(s, 2);
    addInt(s, 1);
    expect(reprText(s)).toBe('{1, 2}');
    const f = newFrozenSetFromArray([]);
    expect(reprText(f)).toBe('frozenset()');
    const g = newFrozenSetFromArray(setKeys(s as PySet));
    expect(reprText(g)).toBe('frozenset({1, 2})');
    for (const x of [s, f, g]) decref(x);
  });
});

describe('references and release order', () => {
  it('takes one reference per key and gives them back, in slot order', () => {
    released = [];
    const probes = [probe(3), probe(1), probe(2), probe(9)];
    const s = newSet();
    for (const p of probes) setAdd(s, p);
    for (const p of probes) expect(p.refcnt).toBe(2);
    const copy = newSet(s);
    for (const p of probes) expect(p.refcnt).toBe(3);
    decref(copy);
    for (const p of probes) decref(p);
    expect(released).toEqual([]);
    decref(s);
    // 9 collides with 1 (slot 1) and lands in slot 6 after one perturbation step
    expect(released).toEqual([1, 2, 3, 9]);
  });

  it('clear() empties the set first, then releases in slot order', () => {
    released = [];
    const s = newSet();
    for (const n of [5, 13, 21, 4]) {
      const p = probe(n);
      setAdd(s, p);
      decref(p);
    }
    const clear = SetType.methodSpecs.find((m) => m.name === 'clear')!;
    decref(clear.call(s, [], null));
    expect(released).toEqual([13, 21, 4, 5]);
    expect(getsizeof(s)).toBe(216);
    decref(s);
  });

  it('operations are refcount and heap neutral', () => {
    const a = newSet();
    const b = newSet();
    for (let i = 0; i < 40; i++) addInt(a, 1000 + i);
    for (let i = 20; i < 60; i++) addInt(b, 1000 + i);
    const keys = [...setKeys(a as PySet), ...setKeys(b as PySet)];
    const counts = keys.map((k) => k.refcnt);
    const run = (): void => {
      for (const slot of ['nb_or', 'nb_and', 'nb_subtract', 'nb_xor'] as const) {
        const r = SetType[slot]!(a, b);
        decref(r);
      }
      for (const name of [
        'union',
        'intersection',
        'difference',
        'symmetric_difference',
        'issubset',
        'isdisjoint',
      ]) {
        const m = SetType.methodSpecs.find((x) => x.name === name)!;
        decref(m.call(a, [b], null));
      }
      const it = getIter(a);
      for (let x = iterNext(it); x !== null; x = iterNext(it)) decref(x);
      decref(it);
      expect(reprText(a).length).toBeGreaterThan(0);
    };
    // The first run fills the free lists (the args tuples of METH_VARARGS calls).
    run();
    const before = liveBytes();
    run();
    expect(keys.map((k) => k.refcnt)).toEqual(counts);
    expect(liveBytes()).toBe(before);
    decref(a);
    decref(b);
  });

  it('setUpdate from a dict uses the stored hashes and presizes', () => {
    const d = newDict();
    for (let i = 0; i < 10; i++) {
      const k = newInt(i);
      dictSetItem(d, k, k);
      decref(k);
    }
    expect(d.type).toBe(DictType);
    const s = newSet();
    setUpdate(s, d);
    expect(ints(s)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(getsizeof(s)).toBe(728);
    decref(s);
    decref(d);
  });
});

describe('programs (stdout of CPython 3.11.7)', () => {
  for (const [name, p] of Object.entries(data.programs.set)) {
    it(name, () => {
      const r = runSource(p.source, { filename: `${name}.py` });
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(p.stdout);
    });
  }
});
