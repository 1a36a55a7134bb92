/**
 * str, bytes and bytearray against CPython 3.11.7: every case in fixtures/str-bytes.json
 * was recorded by fixtures/str-bytes.py with the oracle interpreter. Operations go through
 * the abstract protocols and method lookup as the VM uses them; results are compared by
 * type and value, `sys.getsizeof`, and the identity facts CPython guarantees (the result
 * is the receiver / an argument / the cached empty or one-character singleton); errors by
 * exception type and message. Every case also checks that the receiver's and arguments'
 * reference counts are unchanged once the result is released, and (on a second run, with
 * the free lists warm) that the heap is back to where it was.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRuntime } from '../vm/lifecycle';
import { rt } from '../vm/runtime';
import { isPyException } from '../vm/errors';
import { CompareOp, PyObject, PyType, decref, type NumberSlot } from './object';
import {
  binaryOp,
  call,
  contains,
  delItem,
  getAttr,
  getItem,
  getIter,
  inplaceOp,
  objectHash,
  objectLength,
  objectRepr,
  objectStr,
  richCompare,
  setItem,
} from './abstract';
import { IntType, newBool, newIntBig, newInt, type PyLong } from './longobject';
import { BoolType } from './boolobject';
import { FloatType, newFloat } from './floatobject';
import {
  EmptyStr,
  PyStr,
  StrType,
  formatObject,
  newStr,
  staticId,
  strFromCodePoint,
  unicodeAppend,
  buildString,
  strConcat,
  newStrFresh,
} from './unicodeobject';
import { BytesType, PyBytes, newBytes } from './bytesobject';
import { ByteArrayType, PyByteArray, newByteArray } from './bytearrayobject';
import { None, NotImplemented } from './noneobject';
import { TupleType, newTuple, type PyTuple } from './tupleobject';
import { ListType, newList, type PyList } from './listobject';
import { DictType, dictNext, dictSetItem, newDict, type PyDict } from './dictobject';
import { newSlice } from './sliceobject';
import { typeNew } from './typeobject';
import { TypeType } from './roots';
import { UnicodeDecodeErrorType, UnicodeEncodeErrorType, type PyBaseException } from './exceptions';
import { getSizeOf } from '../modules/sysmodule';

type Val = Record<string, unknown>;
interface Outcome {
  e?: [string, string];
  v?: Val;
  size?: number;
  self?: boolean;
  arg?: number;
  single?: boolean;
  items?: Outcome[];
}
type Case = [string, Val, Val[], Record<string, Val>, Outcome];
interface StepResult {
  r?: Val | null;
  rsize?: number;
  e?: [string, string];
  repr: string;
  size: number;
  alloc: number;
}
interface Fixture {
  cases: Case[];
  scenarios: [[string, ...Val[]], StepResult][][];
  extra: {
    subclassSizes: Record<string, [number, number]>;
    strBasicsize: number[];
    bytesBasicsize: number[];
    iterTypes: Record<string, string>;
    iterSize: number[];
    emptyRepeat: boolean[];
  };
}

const data = JSON.parse(
  readFileSync(new URL('./fixtures/str-bytes.json', import.meta.url), 'utf8'),
) as Fixture;

let SClass: PyType;

beforeAll(() => {
  createRuntime();
  const ns = newDict();
  const mod = newStr('__main__');
  dictSetItem(ns, staticId('__module__'), mod);
  decref(mod);
  const name = newStr('S');
  StrType.refcnt++;
  const bases = newTuple([StrType]);
  SClass = typeNew(TypeType, name, bases, ns);
  trackHeap();
  decref(name);
  decref(bases);
  decref(ns);
});

// ------------------------------------------------------------------ values

function hexBytes(h: string): Uint8Array {
  const b = new Uint8Array(h.length / 2);
  for (let i = 0; i < b.length; i++) b[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return b;
}

function toHex(b: Uint8Array): string {
  let s = '';
  for (const c of b) s += (c < 16 ? '0' : '') + c.toString(16);
  return s;
}

/** A new reference to the engine object an encoded value stands for. */
function build(v: Val): PyObject {
  if ('s' in v) return newStr(v.s as string);
  if ('S' in v) {
    const s = newStr(v.S as string);
    try {
      return call(SClass, [s]);
    } finally {
      decref(s);
    }
  }
  if ('b' in v) return newBytes(hexBytes(v.b as string));
  if ('ba' in v) return newByteArray(hexBytes(v.ba as string));
  if ('i' in v) return newIntBig(BigInt(v.i as string));
  if ('f' in v) return newFloat(Number(v.f));
  if ('B' in v) return newBool(v.B as boolean);
  if ('N' in v) return (None.refcnt++, None);
  if ('t' in v) return newTuple((v.t as Val[]).map(build));
  if ('l' in v) return newList((v.l as Val[]).map(build));
  if ('d' in v) {
    const d = newDict();
    for (const [k, x] of v.d as [Val, Val][]) {
      const ko = build(k);
      const xo = build(x);
      dictSetItem(d, ko, xo);
      decref(ko);
      decref(xo);
    }
    return d;
  }
  if ('it' in v) {
    const l = newList((v.it as Val[]).map(build));
    try {
      return getIter(l);
    } finally {
      decref(l);
    }
  }
  throw new Error(`cannot build ${JSON.stringify(v)}`);
}

/** The encoding of an engine object, as the recorder encodes Python values. */
function encode(o: PyObject): Val {
  if (o.type === StrType) return { s: (o as PyStr).value };
  if (o.type === SClass) return { S: (o as PyStr).value };
  if (o.type === BytesType) return { b: toHex((o as PyBytes).bytes) };
  if (o.type === ByteArrayType) return { ba: toHex((o as PyByteArray).bytes) };
  if (o.type === BoolType) return { B: (o as PyLong).value === 1 };
  if (o.type === IntType) return { i: String((o as PyLong).value) };
  if (o.type === FloatType) return { f: textOf(objectRepr(o)) };
  if (o === None) return { N: 1 };
  if (o === NotImplemented) return { NI: 1 };
  if (o.type === TupleType) return { t: (o as PyTuple).items.map(encode) };
  if (o.type === ListType) return { l: (o as PyList).items.map(encode) };
  if (o.type === DictType) {
    const out: [Val, Val][] = [];
    for (let e = dictNext(o as PyDict, 0); e !== null; e = dictNext(o as PyDict, e.pos)) {
      out.push([encode(e.key), encode(e.value)]);
    }
    return { d: out };
  }
  return { other: o.type.name };
}

function textOf(s: PyObject): string {
  const v = (s as PyStr).value;
  decref(s);
  return v;
}

/** str(e) as CPython prints it (UnicodeError's __str__ is computed from its fields). */
function exceptionMessage(e: PyBaseException): string {
  if (e.type === UnicodeDecodeErrorType || e.type === UnicodeEncodeErrorType) {
    const f = e.fields!;
    const enc = (f.get('encoding') as PyStr).value;
    const start = Number((f.get('start') as PyLong).value);
    const end = Number((f.get('end') as PyLong).value);
    const reason = (f.get('reason') as PyStr).value;
    const obj = f.get('object')!;
    if (e.type === UnicodeDecodeErrorType) {
      const b = (obj as PyBytes).bytes;
      if (end === start + 1)
        return `'${enc}' codec can't decode byte 0x${toHex(b.subarray(start, end))} in position ${start}: ${reason}`;
      return `'${enc}' codec can't decode bytes in position ${start}-${end - 1}: ${reason}`;
    }
    const s = [...(obj as PyStr).value];
    if (end === start + 1) {
      const cp = s[start].codePointAt(0)!;
      const esc =
        cp <= 0xff
          ? '\\x' + cp.toString(16).padStart(2, '0')
          : cp <= 0xffff
            ? '\\u' + cp.toString(16).padStart(4, '0')
            : '\\U' + cp.toString(16).padStart(8, '0');
      return `'${enc}' codec can't encode character '${esc}' in position ${start}: ${reason}`;
    }
    return `'${enc}' codec can't encode characters in position ${start}-${end - 1}: ${reason}`;
  }
  return textOf(objectStr(e));
}

function isSingleton(r: PyObject): boolean | undefined {
  if (r.type === StrType) {
    const s = r as PyStr;
    if (s.value === '') return r === EmptyStr;
    if (s.value.length === 1 && s.value.charCodeAt(0) < 256) {
      const c = strFromCodePoint(s.value.charCodeAt(0));
      decref(c);
      return c === r;
    }
  }
  if (r.type === BytesType && (r as PyBytes).bytes.length <= 1) {
    const c = newBytes((r as PyBytes).bytes.slice());
    decref(c);
    return c === r;
  }
  return undefined;
}

/** The recorded facts of an engine result (the shape of Outcome). */
function factsOf(r: PyObject, recv: PyObject | null, args: PyObject[]): Outcome {
  const out: Outcome = { v: encode(r) };
  const t = r.type;
  if (
    t === StrType ||
    t === SClass ||
    t === BytesType ||
    t === ByteArrayType ||
    t === ListType ||
    t === TupleType
  ) {
    out.size = getSizeOf(r);
  }
  if (t === StrType || t === SClass || t === BytesType || t === ByteArrayType) {
    out.self = r === recv;
    out.arg = args.indexOf(r);
    const s = isSingleton(r);
    if (s !== undefined) out.single = s;
  }
  if (t === ListType || t === TupleType) out.items = (r as PyList).items.map((x) => factsOf(x, recv, args));
  return out;
}

const BINARY: Record<string, [NumberSlot, boolean]> = {
  add: ['nb_add', false],
  radd: ['nb_add', true],
  mul: ['nb_multiply', false],
  rmul: ['nb_multiply', true],
  mod: ['nb_remainder', false],
};
const COMPARE: Record<string, CompareOp> = {
  lt: CompareOp.LT,
  le: CompareOp.LE,
  eq: CompareOp.EQ,
  ne: CompareOp.NE,
  gt: CompareOp.GT,
  ge: CompareOp.GE,
};

function kwCall(callable: PyObject, args: PyObject[], kw: [string, PyObject][]): PyObject {
  if (kw.length === 0) return call(callable, args, null);
  const names = newTuple(kw.map(([k]) => newStr(k)));
  try {
    return call(callable, [...args, ...kw.map(([, v]) => v)], names);
  } finally {
    decref(names);
  }
}

/** Runs one operation; returns a new reference. */
function perform(op: string, recv: PyObject | null, args: PyObject[], kw: [string, PyObject][]): PyObject {
  if (op.startsWith('m:')) {
    const m = getAttr(recv!, staticId(op.slice(2)));
    try {
      return kwCall(m, args, kw);
    } finally {
      decref(m);
    }
  }
  if (op.startsWith('new:')) {
    const t = { str: StrType, bytes: BytesType, bytearray: ByteArrayType, S: SClass }[op.slice(4)]!;
    return kwCall(t, args, kw);
  }
  if (op === 'slice') {
    const s = newSlice(args[0] ?? None, args[1] ?? None, args[2] ?? None);
    try {
      return getItem(recv!, s);
    } finally {
      decref(s);
    }
  }
  const a = recv!;
  switch (op) {
    case 'repr':
      return objectRepr(a);
    case 'str':
      return objectStr(a);
    case 'len':
      return newInt(objectLength(a));
    case 'sizeof':
      return newInt(getSizeOf(a));
    case 'hasheq': {
      const copy = a.type === StrType ? newStrFresh((a as PyStr).value) : (a.refcnt++, a);
      try {
        return newBool(objectHash(a) === objectHash(copy));
      } finally {
        decref(copy);
      }
    }
    case 'iter':
      return call(ListType, [a]);
    case 'getitem':
      return getItem(a, args[0]);
    case 'contains':
      return newBool(contains(a, args[0]));
    case 'format':
      return formatObject(a, args[0] as PyStr);
  }
  if (op in BINARY) {
    const [slot, swap] = BINARY[op];
    return swap ? binaryOp(args[0], a, slot) : binaryOp(a, args[0], slot);
  }
  if (op in COMPARE) return richCompare(a, args[0], COMPARE[op]);
  throw new Error(`unknown op ${op}`);
}

/** Bytes the engine holds from the allocator (blocks requested and not yet freed). */
const live = new Map<number, number>();
function trackHeap(): void {
  const heap = rt.heap;
  const malloc = heap.malloc.bind(heap);
  const free = heap.free.bind(heap);
  const realloc = heap.realloc.bind(heap);
  heap.malloc = (n: number) => {
    const a = malloc(n);
    live.set(a, n);
    return a;
  };
  heap.free = (a: number) => {
    live.delete(a);
    free(a);
  };
  heap.realloc = (a: number, n: number) => {
    const b = realloc(a, n);
    live.delete(a);
    live.set(b, n);
    return b;
  };
}
/**
 * Bytes in use, not counting dead objects kept by the free lists: `list(s)` allocates a new
 * list (list_vectorcall bypasses the free list) and its dealloc keeps it on the free list
 * while there is room, as in CPython; that is reuse waiting to happen, not a leak.
 */
function heapInUse(): number {
  let n = 0;
  for (const v of live.values()) n += v;
  const { tuples, lists, dicts, floats } = rt.freelists;
  for (const o of [...tuples.flatMap((t) => [...t]), ...lists, ...dicts, ...floats])
    n -= live.get(o.addr - o.type.preheaderSize) ?? 0;
  // A name looked up on a type stays in _PyType_Lookup's cache (format's '{0.real}' makes one).
  for (const name of new Set(rt.typeCache.heldNames())) n -= live.get(name.addr) ?? 0;
  return n;
}

/** Runs a case: null when everything matches, else a description. */
function runCase(c: Case, checkMemory: boolean): string | null {
  const [op, recvV, argsV, kwV, want] = c;
  const recv = op.startsWith('new:') ? null : build(recvV);
  const args = argsV.map(build);
  const kw: [string, PyObject][] = Object.entries(kwV).map(([k, v]) => [k, build(v)]);
  const owned = [...(recv ? [recv] : []), ...args, ...kw.map(([, v]) => v)];
  const before = owned.map((o) => o.refcnt);
  const heapBefore = heapInUse();
  let got: Outcome;
  try {
    const r = perform(op, recv, args, kw);
    got = factsOf(r, recv, args);
    decref(r);
  } catch (e) {
    if (!isPyException(e)) throw e;
    got = { e: [e.type.name, exceptionMessage(e)] };
    decref(e);
  }
  const label = `${op} ${JSON.stringify(recvV)} ${JSON.stringify(argsV)} ${JSON.stringify(kwV)}`;
  let problem: string | null = null;
  const g = JSON.stringify(got);
  const w = JSON.stringify(want);
  if (g !== w) problem = `${label}: got ${g}, want ${w}`;
  else {
    const after = owned.map((o) => o.refcnt);
    // Immortal objects (the empty tuple, …) are not checked.
    if (after.some((n, i) => n !== before[i] && before[i] < 100_000_000))
      problem = `${label}: refcounts ${before} -> ${after}`;
    else if (checkMemory && heapInUse() > heapBefore) {
      problem = `${label}: heap ${heapBefore} -> ${heapInUse()}`;
    }
  }
  for (const o of owned) decref(o);
  return problem;
}

function check(cases: Case[]): string[] {
  const bad: string[] = [];
  for (const c of cases) {
    let p: string | null;
    try {
      runCase(c, false);
      p = runCase(c, true);
    } catch (e) {
      p = `${c[0]} ${JSON.stringify(c[1])} ${JSON.stringify(c[2])}: threw ${e instanceof Error ? e.stack : String(e)}`;
    }
    if (p !== null) bad.push(p);
  }
  return bad;
}

const isBytesCase = (c: Case) => 'b' in c[1] || c[0] === 'new:bytes' || c[0] === 'new:bytearray';
/**
 * str(int) / format(int, ''): CPython's long_to_decimal_string makes a new str even for
 * one digit; the engine's int repr (longobject.ts, not part of this change) returns the
 * latin-1 singleton. Kept apart (it.fails) until longobject uses newStrFresh.
 */
const intToStr = (c: Case) =>
  (c[0] === 'format' && 'i' in c[1] && 's' in c[2][0] && c[2][0].s === '') ||
  (c[0] === 'new:str' && ((c[2].length === 1 && 'i' in c[2][0]) || 'object' in c[3]));
const group = (pred: (c: Case) => boolean) => data.cases.filter((c) => !intToStr(c) && pred(c));
const strOps = group(
  (c) => !isBytesCase(c) && !c[0].startsWith('m:') && !c[0].startsWith('new:') && c[0] !== 'mod',
);

function expectClean(cases: Case[]): void {
  const bad = check(cases);
  expect(bad.slice(0, 25), `${bad.length} of ${cases.length} cases differ`).toEqual([]);
}

describe('str (CPython 3.11.7 fixtures)', () => {
  it('operators, indexing, slicing, iteration, repr, sizes', () => expectClean(strOps));
  for (const m of ['split', 'rsplit', 'join', 'partition', 'rpartition', 'splitlines']) {
    it(`str.${m}`, () => expectClean(group((c) => c[0] === `m:${m}` && 's' in c[1])));
  }
  it('str.replace, strip family, removeprefix/suffix, translate', () =>
    expectClean(
      group(
        (c) =>
          's' in c[1] &&
          [
            'm:replace',
            'm:strip',
            'm:lstrip',
            'm:rstrip',
            'm:removeprefix',
            'm:removesuffix',
            'm:translate',
          ].includes(c[0]),
      ),
    ));
  it('str.find / index / count / startswith / endswith', () =>
    expectClean(
      group(
        (c) =>
          's' in c[1] &&
          ['m:find', 'm:rfind', 'm:index', 'm:rindex', 'm:count', 'm:startswith', 'm:endswith'].includes(
            c[0],
          ),
      ),
    ));
  it('str case methods and predicates', () =>
    expectClean(
      group((c) => 's' in c[1] && /^m:(upper|lower|capitalize|title|swapcase|casefold|is)/.test(c[0])),
    ));
  it('str padding: center, ljust, rjust, zfill, expandtabs', () =>
    expectClean(group((c) => 's' in c[1] && /^m:(center|ljust|rjust|zfill|expandtabs)$/.test(c[0]))));
  it('str.encode, __sizeof__, __getnewargs__, __format__', () =>
    expectClean(group((c) => 's' in c[1] && /^m:(encode|__sizeof__|__getnewargs__|__format__)$/.test(c[0]))));
  it('% formatting', () => expectClean(group((c) => c[0] === 'mod')));
  it('str.format, format_map, format()', () =>
    expectClean(
      group(
        (c) =>
          c[0] === 'm:format' ||
          c[0] === 'm:format_map' ||
          (c[0] === 'format' && !('s' in c[1] && c[2].length === 1 && 's' in c[2][0] && false)),
      ),
    ));
  it('str() and subclass construction, decoding', () =>
    expectClean(group((c) => c[0] === 'new:str' || c[0] === 'new:S' || 'S' in c[1])));
  it('maketrans and the slot wrappers (__add__, __mul__, __mod__, …)', () =>
    expectClean(group((c) => /^m:(maketrans|__add__|__mul__|__rmul__|__mod__|__rmod__)$/.test(c[0]))));
});

describe('int → str (longobject.ts)', () => {
  it('str(5) and format(5, "") are new str objects, not the latin-1 singleton', () =>
    expectClean(data.cases.filter(intToStr)));
});

describe('bytes and bytearray (CPython 3.11.7 fixtures)', () => {
  it('bytes operators, indexing, slicing, iteration, repr, sizes', () =>
    expectClean(group((c) => 'b' in c[1] && !c[0].startsWith('m:'))));
  it('bytes methods', () => expectClean(group((c) => 'b' in c[1] && c[0].startsWith('m:'))));
  it('bytes() and bytearray() constructors', () =>
    expectClean(group((c) => c[0] === 'new:bytes' || c[0] === 'new:bytearray')));

  it('bytearray mutation scenarios: content, getsizeof, __alloc__', () => {
    const bad: string[] = [];
    for (const steps of data.scenarios) {
      let b: PyByteArray = newByteArray(new Uint8Array(0));
      for (const [step, want] of steps) {
        const [op, ...argsV] = step;
        const args = argsV.map(build);
        const got: Partial<StepResult> = {};
        try {
          let r: PyObject | null = null;
          switch (op) {
            case 'init': {
              const nb = call(ByteArrayType, args) as PyByteArray;
              decref(b);
              b = nb;
              break;
            }
            case 'delslice':
            case 'setslice': {
              const s = newSlice(args[0], args[1], None);
              if (op === 'delslice') delItem(b, s);
              else setItem(b, s, args[2]);
              decref(s);
              break;
            }
            case 'setstep':
            case 'delstep': {
              const step = newInt(op === 'setstep' ? 3 : 2);
              const s = newSlice(None, None, step);
              decref(step);
              if (op === 'delstep') delItem(b, s);
              else setItem(b, s, args[0]);
              decref(s);
              break;
            }
            case 'iadd':
              decref(inplaceOp(b, args[0], 'nb_add'));
              break;
            case 'imul':
              decref(inplaceOp(b, args[0], 'nb_multiply'));
              break;
            case 'setitem':
              setItem(b, args[0], args[1]);
              break;
            case 'getitem':
              r = getItem(b, args[0]);
              break;
            default: {
              const m = getAttr(b, staticId(op));
              try {
                r = call(m, args);
              } finally {
                decref(m);
              }
            }
          }
          got.r = r === null || r === None ? null : encode(r);
          if (r !== null && [ByteArrayType, BytesType, ListType, TupleType, StrType].includes(r.type)) {
            got.rsize = getSizeOf(r);
          }
          if (r !== null) decref(r);
        } catch (e) {
          if (!isPyException(e)) throw e;
          got.e = [e.type.name, exceptionMessage(e)];
          decref(e);
        }
        got.repr = textOf(objectRepr(b));
        got.size = getSizeOf(b);
        got.alloc = b.alloc;
        for (const a of args) decref(a);
        const g = JSON.stringify(got, Object.keys(want).sort());
        const w = JSON.stringify(want, Object.keys(want).sort());
        if (g !== w) bad.push(`${JSON.stringify(step)}: got ${g}, want ${w}`);
      }
      decref(b);
    }
    expect(bad.slice(0, 25)).toEqual([]);
  });
});

describe('layout facts', () => {
  const x = data.extra;
  it('basic sizes of the types', () => {
    expect([StrType.basicsize, StrType.itemsize, SClass.basicsize, SClass.itemsize]).toEqual(x.strBasicsize);
    expect([BytesType.basicsize, BytesType.itemsize, ByteArrayType.basicsize]).toEqual(x.bytesBasicsize);
  });
  it('str subclass instances are two-block objects', () => {
    for (const [v, [size, sizeof]] of Object.entries(x.subclassSizes)) {
      const o = build({ S: v });
      expect([getSizeOf(o), o.type.tp_sizeof!(o)], v).toEqual([size, sizeof]);
      decref(o);
    }
  });
  it('iterator types and sizes', () => {
    for (const [v, name] of Object.entries(x.iterTypes)) {
      const s = newStr(v);
      const it = getIter(s);
      expect(it.type.name).toBe(name);
      expect(getSizeOf(it)).toBe(x.iterSize[0]);
      decref(it);
      decref(s);
    }
  });
  it('an empty repetition: a new bytes object, the empty str singleton', () => {
    const ab = newBytes(Uint8Array.of(97, 98));
    const zero = newInt(0);
    const r = binaryOp(ab, zero, 'nb_multiply');
    expect(r !== newBytes(new Uint8Array(0))).toBe(x.emptyRepeat[0] === false);
    decref(r);
    decref(ab);
  });
});

describe('engine entry points', () => {
  it('buildString: one exact str is returned as is; otherwise a new str', () => {
    const a = newStr('abc');
    const r1 = buildString([a]);
    expect(r1).toBe(a);
    decref(r1);
    const e = newStr('');
    const r2 = buildString([a, e]);
    expect(r2).not.toBe(a);
    expect(r2.value).toBe('abc');
    const x = newStr('x');
    const r3 = buildString([x, e]);
    expect(r3.value).toBe('x');
    expect(r3).not.toBe(x); // PyUnicode_New(1, …): a new object, not the latin-1 singleton
    for (const o of [r2, r3, a, e, x]) decref(o);
  });
  it('strConcat returns the other operand when one is the empty singleton', () => {
    const a = newStr('abc');
    const r = strConcat(a, EmptyStr);
    expect(r).toBe(a);
    decref(r);
    decref(a);
  });
  it('unicodeAppend resizes a str it owns alone, in place', () => {
    const s = newStrFresh('abc');
    const t = newStr('de');
    const size = getSizeOf(s);
    const r = unicodeAppend(s, t);
    expect(r).toBe(s);
    expect(r.value).toBe('abcde');
    expect(getSizeOf(r)).toBe(size + 2);
    r.refcnt++; // a second reference: the next append must make a new object
    const r2 = unicodeAppend(r, t);
    expect(r2).not.toBe(r);
    expect(r2.value).toBe('abcdede');
    expect(r.refcnt).toBe(1);
    for (const o of [r, r2, t]) decref(o);
  });
  it('unicodeAppend: latin-1 text onto ASCII makes a new str (kinds differ)', () => {
    const s = newStrFresh('abc');
    const t = newStr('é');
    const r = unicodeAppend(s, t);
    expect(r.value).toBe('abcé');
    expect(getSizeOf(r)).toBe(72 + 5);
    decref(r);
    decref(t);
  });
});
