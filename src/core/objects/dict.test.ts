/**
 * dict at the Python level (objects/dicttype.ts) against CPython 3.11.7: the sizes the
 * constructors and methods produce (dict(), dict(**kw), dict(pairs), dict(mapping),
 * fromkeys, copy), views and iterators (types, sizes, GC, result-tuple reuse, size-change
 * errors), popitem/setdefault, refcounts and release order. Expected values come from
 * fixtures/containers.json (fixtures/containers.py).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createRuntime } from '../vm/lifecycle';
import './registerall';
import { runSource } from '../run';
import { PyObject, decref } from './object';
import { staticType } from './roots';
import { allocObject, freeObject } from '../memory/alloc';
import { newInt, type PyLong } from './longobject';
import { newStr, type PyStr } from './unicodeobject';
import { newList } from './listobject';
import { None } from './noneobject';
import { call, getIter, iterNext, reprText } from './abstract';
import { newTuple, type PyTuple } from './tupleobject';
import { DictType, PyDict, dictSetItem, newDict } from './dictobject';
import {
  DictItemsType,
  DictIterItemType,
  DictIterKeyType,
  DictKeysType,
  dictMergeFromSeq2,
  newDictIter,
  newDictView,
} from './dicttype';
import { newSet } from './setobject';
import { isPyException } from '../vm/errors';
import fixture from './fixtures/containers.json';

interface Program {
  source: string;
  stdout: string;
}
interface Tables {
  dict_fromkeys_sizes: number[];
  dict_fromkeys_dict_sizes: number[];
  dict_fromkeys_set_sizes: number[];
  dict_copy_sizes: number[];
  dict_ctor_pairs_sizes: number[];
  dict_ctor_dict_sizes: number[];
  dict_kw_sizes: number[];
  tracked: Record<string, boolean>;
  basicsize: Record<string, [number, boolean]>;
}
const data = fixture as unknown as { tables: Tables; programs: Record<string, Record<string, Program>> };
const tables = data.tables;

beforeEach(() => {
  createRuntime();
});

const getsizeof = (o: PyObject): number => o.type.tp_sizeof!(o) + o.type.preheaderSize;
const method = (name: string) => DictType.methodSpecs.find((m) => m.name === name)!;
const ns = (n: number): number[] => Array.from({ length: Math.ceil(n / 3) }, (_, i) => i * 3);

function intRange(n: number): PyObject {
  return newList(Array.from({ length: n }, (_, i) => newInt(i)));
}

function fromkeys(iterable: PyObject): PyDict {
  return method('fromkeys').call(DictType, [iterable], null) as PyDict;
}

function errorText(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (!isPyException(e)) throw e;
    const text = `${e.type.name}: ${reprText(e.args)}`;
    decref(e);
    return text;
  }
  return 'no error';
}

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

describe('sizes from the Python-level constructors', () => {
  it('dict.fromkeys of a list, a dict and a set', () => {
    const a: number[] = [];
    const b: number[] = [];
    const c: number[] = [];
    for (const n of ns(100)) {
      const l = intRange(n);
      const d1 = fromkeys(l);
      a.push(getsizeof(d1));
      const d2 = fromkeys(d1);
      b.push(getsizeof(d2));
      const s = newSet(l);
      const d3 = fromkeys(s);
      c.push(getsizeof(d3));
      for (const x of [l, d1, d2, s, d3]) decref(x);
    }
    expect(a).toEqual(tables.dict_fromkeys_sizes);
    expect(b).toEqual(tables.dict_fromkeys_dict_sizes);
    expect(c).toEqual(tables.dict_fromkeys_set_sizes);
  });

  it('copy(), dict(pairs), dict(mapping) and dict(**kw)', () => {
    const copies: number[] = [];
    const pairs: number[] = [];
    const mappings: number[] = [];
    for (const n of ns(100)) {
      const l = intRange(n);
      const d = fromkeys(l);
      const c = method('copy').call(d, [], null);
      copies.push(getsizeof(c));
      const pl = newList(Array.from({ length: n }, (_, i) => newTuple([newInt(i), newInt(i)])));
      const p = call(DictType, [pl]);
      pairs.push(getsizeof(p));
      const m = call(DictType, [d]);
      mappings.push(getsizeof(m));
      for (const x of [l, d, c, pl, p, m]) decref(x);
    }
    expect(copies).toEqual(tables.dict_copy_sizes);
    expect(pairs).toEqual(tables.dict_ctor_pairs_sizes);
    expect(mappings).toEqual(tables.dict_ctor_dict_sizes);
    const kw: number[] = [];
    for (let n = 0; n < tables.dict_kw_sizes.length; n++) {
      const names = Array.from({ length: n }, (_, i) => newStr(`k${i}`));
      const values = Array.from({ length: n }, (_, i) => newInt(i));
      const kwnames = newTuple(names);
      const d = call(DictType, values, kwnames);
      kw.push(getsizeof(d));
      decref(d);
      decref(kwnames);
      for (const v of values) decref(v);
    }
    expect(kw).toEqual(tables.dict_kw_sizes);
  });

  it('dict() is not taken from the free list and starts untracked', () => {
    const d = call(DictType, []);
    expect(d.gcNext !== null).toBe(tables.tracked['dict()']);
    expect(getsizeof(d)).toBe(64);
    decref(d);
  });
});

describe('views and iterators', () => {
  it('have CPython’s layouts', () => {
    for (const name of [
      'dict_keys',
      'dict_values',
      'dict_items',
      'dict_keyiterator',
      'dict_valueiterator',
      'dict_itemiterator',
      'dict_reversekeyiterator',
    ]) {
      expect(tables.basicsize[name]).toBeDefined();
    }
    const d = newDict();
    const v = newDictView(d, DictKeysType);
    expect([v.type.basicsize, v.type.isGC]).toEqual(tables.basicsize.dict_keys);
    expect(v.gcNext).not.toBeNull();
    const it = newDictIter(d, DictIterItemType);
    expect([it.type.basicsize, it.type.isGC]).toEqual(tables.basicsize.dict_itemiterator);
    expect(getsizeof(it)).toBe(72);
    decref(it);
    decref(v);
    decref(d);
  });

  it('repr of views', () => {
    const d = newDict();
    const a = newStr('a');
    const one = newInt(1);
    dictSetItem(d, a, one);
    const k = newDictView(d, DictKeysType);
    const i = newDictView(d, DictItemsType);
    expect([reprText(k), reprText(i), reprText(d)]).toEqual([
      "dict_keys(['a'])",
      "dict_items([('a', 1)])",
      "{'a': 1}",
    ]);
    for (const x of [a, one, k, i, d]) decref(x);
  });

  it('the item iterator reuses its result tuple while it alone holds it', () => {
    const d = newDict();
    for (let i = 0; i < 3; i++) {
      const k = newInt(i);
      dictSetItem(d, k, k);
      decref(k);
    }
    const it = newDictIter(d, DictIterItemType);
    const first = iterNext(it)!;
    const addr = first.addr;
    decref(first);
    const second = iterNext(it) as PyTuple;
    expect(second.addr).toBe(addr);
    const third = iterNext(it) as PyTuple;
    expect(third).not.toBe(second);
    expect(third.items.map((x) => Number((x as PyLong).value))).toEqual([2, 2]);
    decref(second);
    decref(third);
    expect(iterNext(it)).toBeNull();
    decref(it);
    decref(d);
  });

  it('raises when the dict changes size during iteration', () => {
    const d = newDict();
    const k1 = newInt(1);
    dictSetItem(d, k1, k1);
    const it = newDictIter(d, DictIterKeyType);
    const k2 = newInt(2);
    dictSetItem(d, k2, k2);
    expect(errorText(() => iterNext(it))).toBe("RuntimeError: ('dictionary changed size during iteration',)");
    for (const x of [k1, k2, it, d]) decref(x);
  });
});

describe('methods', () => {
  it('popitem allocates its tuple first, then empties the last entry', () => {
    const d = newDict();
    const k = newStr('k');
    dictSetItem(d, k, None);
    const r = method('popitem').call(d, [], null) as PyTuple;
    expect((r.items[0] as PyStr).value).toBe('k');
    expect(d.used).toBe(0);
    expect(getsizeof(d)).toBe(184);
    expect(errorText(() => method('popitem').call(d, [], null))).toBe(
      "KeyError: ('popitem(): dictionary is empty',)",
    );
    decref(r);
    decref(k);
    decref(d);
  });

  it('the exact errors of dict(iterable of pairs)', () => {
    const d = newDict();
    const one = newInt(1);
    const bad1 = newList([newList([newInt(1)])]);
    const bad2 = newList([(one.refcnt++, one)]);
    expect(errorText(() => dictMergeFromSeq2(d, bad1, true))).toBe(
      "ValueError: ('dictionary update sequence element #0 has length 1; 2 is required',)",
    );
    expect(errorText(() => dictMergeFromSeq2(d, bad2, true))).toBe(
      "TypeError: ('cannot convert dictionary update sequence element #0 to a sequence',)",
    );
    expect(errorText(() => call(DictType, [bad1]))).toContain('has length 1; 2 is required');
    for (const x of [d, one, bad1, bad2]) decref(x);
  });

  it('releases keys and values in entry order; copies and views keep them', () => {
    released = [];
    const d = newDict();
    for (const [k, v] of [
      [1, 2],
      [3, 4],
    ]) {
      const pk = probe(k);
      const pv = probe(v);
      dictSetItem(d, pk, pv);
      decref(pk);
      decref(pv);
    }
    const c = method('copy').call(d, [], null);
    const v = newDictView(c, DictKeysType);
    decref(d);
    decref(c);
    expect(released).toEqual([]);
    decref(v);
    expect(released).toEqual([1, 2, 3, 4]);
  });

  it('methods and iteration are refcount neutral', () => {
    const x = newInt(123456);
    const d = newDict();
    for (let i = 0; i < 20; i++) {
      const k = newInt(1000 + i);
      dictSetItem(d, k, x);
      decref(k);
    }
    const base = x.refcnt;
    for (const t of [DictIterKeyType, DictIterItemType]) {
      const it = newDictIter(d, t);
      for (let y = iterNext(it); y !== null; y = iterNext(it)) decref(y);
      decref(it);
    }
    const c = method('copy').call(d, [], null);
    const k = newInt(1005);
    decref(method('get').call(d, [k], null));
    decref(method('setdefault').call(d, [k, None], null));
    decref(method('pop').call(c, [k], null));
    const u = newDict();
    decref(method('update').call(u, [d], null));
    expect(x.refcnt).toBe(base + 20 - 1 + 20);
    for (const o of [c, u, k]) decref(o);
    expect(x.refcnt).toBe(base);
    const it = getIter(d);
    decref(it);
    decref(d);
    decref(x);
  });
});

describe('programs (stdout of CPython 3.11.7)', () => {
  for (const [name, p] of Object.entries(data.programs.dict)) {
    it(name, () => {
      const r = runSource(p.source, { filename: `${name}.py` });
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(p.stdout);
    });
  }
});
