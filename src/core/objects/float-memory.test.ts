/**
 * The memory side of int, bool and float: the float free list (100 objects, LIFO, emptied
 * by full collections), instances of subclasses (GC objects holding their class), and
 * reference-count and heap neutrality of the arithmetic. Expected sizes come from
 * fixtures/int-float-bool.json (recorded with CPython 3.11.7) or from the 3.11 constants
 * in profiles/cpython311.ts.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createRuntime } from '../vm/lifecycle';
import { rt } from '../vm/runtime';
import { isPyException } from '../vm/errors';
import { PyObject, PyType, decref, type NumberSlot } from './object';
import { TypeType } from './roots';
import { binaryOp, call, callMethod } from './abstract';
import { IntType, PyLong, newInt, newIntValue, norm } from './longobject';
import { BoolType, True, False } from './boolobject';
import { FloatType, PyFloat, newFloat } from './floatobject';
import { newStr, staticId } from './unicodeobject';
import { newTuple } from './tupleobject';
import { newDict } from './dictobject';
import { typeNew } from './typeobject';
import { clearFreelists } from '../memory/freelistclear';
import { PyFloat_MAXFREELIST } from '../profiles/cpython311';
import fixture from './fixtures/int-float-bool.json';

const sizes = (fixture as unknown as { subclassSizes: Record<string, number> }).subclassSizes;

beforeEach(() => {
  createRuntime();
});

/** Bytes in live blocks: pymalloc blocks counted pool by pool, plus system-allocator chunks. */
function liveBytes(): number {
  let n = rt.heap.raw.bytesInUse;
  for (const arena of rt.heap.liveArenas()) for (const pool of arena.pools) n += pool.count * pool.blockSize;
  return n;
}

function makeClass(name: string, base: PyType): PyType {
  const n = newStr(name);
  const bases = newTuple([(base.refcnt++, base)]);
  const ns = newDict();
  try {
    return typeNew(TypeType, n, bases, ns);
  } finally {
    decref(n);
    decref(bases);
    decref(ns);
  }
}

function getsizeof(o: PyObject): number {
  return o.type.tp_sizeof!(o) + o.type.preheaderSize;
}

describe('the float free list', () => {
  it('gives a freed float’s address to the next float', () => {
    const a = newFloat(1.5);
    const addr = a.addr;
    decref(a);
    expect(rt.freelists.floats.length).toBe(1);
    const b = newFloat(2.5);
    expect(b.addr).toBe(addr);
    expect(b.value).toBe(2.5);
    expect(b.refcnt).toBe(1);
    expect(rt.freelists.floats.length).toBe(0);
    decref(b);
  });

  it('is last in, first out', () => {
    const a = newFloat(1);
    const b = newFloat(2);
    const [ia, ib] = [a.addr, b.addr];
    decref(a);
    decref(b);
    const c = newFloat(3);
    const d = newFloat(4);
    expect([c.addr, d.addr]).toEqual([ib, ia]);
    decref(c);
    decref(d);
  });

  it(`keeps at most ${PyFloat_MAXFREELIST} floats; the rest go back to pymalloc`, () => {
    const fs: PyObject[] = [];
    for (let i = 0; i < PyFloat_MAXFREELIST + 5; i++) fs.push(newFloat(i + 0.5));
    const before = liveBytes();
    for (const f of fs) decref(f);
    expect(rt.freelists.floats.length).toBe(PyFloat_MAXFREELIST);
    // 24-byte requests live in 32-byte blocks.
    expect(before - liveBytes()).toBe(5 * 32);
  });

  it('is emptied by a full collection (clear_freelists)', () => {
    for (let i = 0; i < 10; i++) decref(newFloat(i));
    const before = liveBytes();
    expect(rt.freelists.floats.length).toBe(1);
    const fs = Array.from({ length: 10 }, (_, i) => newFloat(i));
    for (const f of fs) decref(f);
    expect(rt.freelists.floats.length).toBe(10);
    clearFreelists();
    expect(rt.freelists.floats.length).toBe(0);
    expect(before - liveBytes()).toBe(32);
  });

  it('serves the results of float arithmetic', () => {
    const x = newFloat(1.25);
    const y = newFloat(2.5);
    const t = newFloat(0);
    const addr = t.addr;
    decref(t);
    const r = binaryOp(x, y, 'nb_add') as PyFloat;
    expect(r.addr).toBe(addr);
    expect(r.value).toBe(3.75);
    [x, y, r].forEach(decref);
  });

  it('does not take instances of float subclasses', () => {
    const F = makeClass('F', FloatType);
    const x = newFloat(1.5);
    const f = call(F, [x]) as PyFloat;
    expect(f.type).toBe(F);
    expect(f.value).toBe(1.5);
    expect(getsizeof(f)).toBe(sizes['F(1.5)']);
    const n = rt.freelists.floats.length;
    decref(f);
    expect(rt.freelists.floats.length).toBe(n);
    decref(x);
  });
});

describe('instances of int subclasses (long_subtype_new)', () => {
  it('have CPython’s sizes and hold their class', () => {
    const I = makeClass('I', IntType);
    const refs = I.refcnt;
    const cases: [string, bigint][] = [
      ['I(5)', 5n],
      ['I(0)', 0n],
      ['I(2**40)', 2n ** 40n],
    ];
    for (const [key, v] of cases) {
      const x = newIntValue(norm(v));
      const o = call(I, [x]) as PyLong;
      expect(o.type).toBe(I);
      expect(BigInt(o.value)).toBe(v);
      expect(getsizeof(o)).toBe(sizes[key]);
      expect(I.refcnt).toBe(refs + 1);
      expect(o.gcNext).not.toBeNull();
      decref(o);
      decref(x);
      expect(I.refcnt).toBe(refs);
    }
    const five = newInt(5);
    const o = call(I, [five]);
    const s = callMethod(o, staticId('__sizeof__'), []) as PyLong;
    expect(s.value).toBe(sizes['I(5).__sizeof__()']);
    [s, o, five].forEach(decref);
  });

  it('give ints, not instances, as arithmetic results', () => {
    const I = makeClass('I', IntType);
    const x = newInt(5);
    const o = call(I, [x]);
    const r = binaryOp(o, x, 'nb_add') as PyLong;
    expect(r.type).toBe(IntType);
    expect(r.value).toBe(10);
    [r, o, x].forEach(decref);
  });
});

describe('bool', () => {
  it('cannot be subclassed', () => {
    let msg = '';
    try {
      makeClass('B', BoolType);
    } catch (e) {
      if (!isPyException(e)) throw e;
      msg = e.type.name;
      decref(e);
    }
    expect(msg).toBe('TypeError');
  });

  it('is never allocated or freed', () => {
    const before = liveBytes();
    const t = call(BoolType, [True]);
    expect(t).toBe(True);
    const f = binaryOp(True, False, 'nb_and');
    expect(f).toBe(False);
    decref(t);
    decref(f);
    expect(liveBytes()).toBe(before);
  });
});

describe('heap neutrality', () => {
  it('int arithmetic frees everything it allocated once results are released', () => {
    const slots: NumberSlot[] = [
      'nb_add',
      'nb_subtract',
      'nb_multiply',
      'nb_floor_divide',
      'nb_remainder',
      'nb_divmod',
      'nb_and',
      'nb_or',
      'nb_xor',
      'nb_power',
    ];
    const values = [0n, 7n, -7n, 2n ** 30n + 5n, -(2n ** 61n), 3n ** 100n, -(10n ** 30n), 2n ** 64n];
    const objs = values.map((v) => newIntValue(norm(v)));
    const exps = [newInt(0), newInt(3), newInt(-2)];
    // A first pass so that lasting structures (tuple free lists, pools) exist already.
    const sweep = () => {
      for (const a of objs) {
        for (const b of objs) {
          for (const s of slots) {
            try {
              decref(binaryOp(a, s === 'nb_power' ? exps[1] : b, s));
            } catch (e) {
              if (!isPyException(e)) throw e;
              decref(e);
            }
          }
        }
        for (const e of exps) {
          try {
            decref(binaryOp(a, e, 'nb_power'));
          } catch (err) {
            if (!isPyException(err)) throw err;
            decref(err);
          }
        }
      }
    };
    sweep();
    clearFreelists();
    const before = liveBytes();
    const refs = objs.map((o) => o.refcnt);
    sweep();
    clearFreelists();
    expect(liveBytes()).toBe(before);
    expect(objs.map((o) => o.refcnt)).toEqual(refs);
    [...objs, ...exps].forEach(decref);
  });
});
