/**
 * _random: the Mersenne Twister (MT19937) behind random.Random, and _sha512, which
 * random.seed() uses for str and bytes seeds. random.py (py/random.py) builds the public
 * module on these. @cpython Modules/_randommodule.c, Modules/sha512module.c (3.11)
 *
 * _random.Random is 2520 bytes (PyObject_HEAD, int index, uint32_t state[624]), not GC:
 * random.Random, its Python subclass, adds the __weakref__ slot and a managed __dict__,
 * so sys.getsizeof(random.Random()) is 2528 + 16 (GC head) + 16 (dict pointers) = 2560.
 * seed(int) feeds |n|'s 32-bit words, least significant first, to init_by_array; other
 * hashable seeds (float) use their hash as an unsigned 64-bit number; None seeds from a
 * fixed per-run sequence (seedFromEntropy: the lab's runs are reproducible, CPython's
 * unseeded ones are not). random() makes a 53-bit double from two draws (a>>5, b>>6); getrandbits(k)
 * fills 32-bit words from the least significant one, the last draw shifted right.
 * The key and word buffers are PyMem_Malloc'ed as CPython does, so later ids agree.
 * gauss() and vonmisesvariate() call math's cos/sin/acos, which the engine rounds correctly
 * and glibc does not always: a last-digit difference is possible there (as in math).
 */
import { PyObject, PyType, TypeFlag, decref } from '../objects/object';
import { staticType } from '../objects/roots';
import { None } from '../objects/noneobject';
import { isInt, newInt, newIntValue, norm, toBig, IntType, type PyLong } from '../objects/longobject';
import { floatHashExact, isFloat, newFloat } from '../objects/floatobject';
import { isTuple, newTuple, objectHashExact, type PyTuple } from '../objects/tupleobject';
import { newBytes, getBuffer } from '../objects/bytesobject';
import { newStr, isStr } from '../objects/unicodeobject';
import { call, numberIndex } from '../objects/abstract';
import { typeLookupId } from '../objects/typeobject';
import { OverflowErrorType, ValueErrorType } from '../objects/exceptions';
import { raise, typeError } from '../vm/errors';
import { exactArgs, noKeywords, rangeArgs } from '../vm/args';
import { pyFree, pyMalloc } from '../memory/alloc';
import { moduleBuilder } from './moduledef';
import type { PyModule } from '../objects/moduleobject';
import { genericAlloc, objectFree, gcFree, objectNew } from './cobject';
import { rt } from '../vm/runtime';

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const MASK64 = (1n << 64n) - 1n;

export const RandomType: PyType = staticType({
  name: '_random.Random',
  qualname: 'Random',
  module: '_random',
  basicsize: 2520,
  flags: TypeFlag.BASETYPE,
});

export class PyRandom extends PyObject {
  index = N + 1;
  readonly state = new Uint32Array(N);
}

/** genrand_uint32: the next 32-bit output (a new block of 624 words when used up). */
export function genrandUint32(r: PyRandom): number {
  const mt = r.state;
  let y: number;
  if (r.index >= N) {
    let kk = 0;
    for (; kk < N - M; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; kk < N - 1; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    r.index = 0;
  }
  y = mt[r.index++];
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  y ^= y >>> 18;
  return y >>> 0;
}

function initGenrand(r: PyRandom, s: number): void {
  const mt = r.state;
  mt[0] = s >>> 0;
  for (let i = 1; i < N; i++) {
    const p = mt[i - 1];
    mt[i] = Math.imul(1812433253, p ^ (p >>> 30)) + i;
  }
  r.index = N;
}

/** init_by_array over 32-bit words (least significant first). */
export function initByArray(r: PyRandom, key: Uint32Array): void {
  initGenrand(r, 19650218);
  const mt = r.state;
  const len = key.length;
  let i = 1;
  let j = 0;
  for (let k = N > len ? N : len; k; k--) {
    const p = mt[i - 1];
    mt[i] = (mt[i] ^ Math.imul(p ^ (p >>> 30), 1664525)) + key[j] + j;
    i++;
    j++;
    if (i >= N) {
      mt[0] = mt[N - 1];
      i = 1;
    }
    if (j >= len) j = 0;
  }
  for (let k = N - 1; k; k--) {
    const p = mt[i - 1];
    mt[i] = (mt[i] ^ Math.imul(p ^ (p >>> 30), 1566083941)) - i;
    i++;
    if (i >= N) {
      mt[0] = mt[N - 1];
      i = 1;
    }
  }
  mt[0] = 0x80000000;
}

/** A non-negative integer's 32-bit words, least significant first (at least one). */
export function words32(n: bigint): Uint32Array {
  const out: number[] = [];
  do {
    out.push(Number(n & 0xffffffffn));
    n >>= 32n;
  } while (n > 0n);
  return Uint32Array.from(out);
}

/**
 * random_seed_urandom's stand-in. The engine is deterministic (stepping runs a program
 * again and must see the same run), so the "entropy" is a fixed sequence per run
 * (splitmix64 from a constant): unseeded generators differ from each other but give the
 * same numbers in every run, where CPython's differ from run to run.
 */
const entropyState = new WeakMap<object, bigint>();
function seedFromEntropy(r: PyRandom): void {
  let x = entropyState.get(rt) ?? 0x5eed5eedn;
  const key = new Uint32Array(N);
  for (let i = 0; i < N; i += 2) {
    x = (x + 0x9e3779b97f4a7c15n) & MASK64;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    z ^= z >> 31n;
    key[i] = Number(z & 0xffffffffn);
    key[i + 1] = Number(z >> 32n);
  }
  entropyState.set(rt, x);
  initByArray(r, key);
}

/** @cpython _randommodule.c random_seed */
function randomSeed(r: PyRandom, arg: PyObject | null): void {
  if (arg === null || arg === None) {
    seedFromEntropy(r);
    return;
  }
  let n: bigint;
  if (arg.type === IntType) {
    const v = toBig((arg as PyLong).value);
    n = v < 0n ? -v : v;
  } else if (isInt(arg)) {
    // int.__abs__(arg): a subclass's own __abs__ is not called.
    const abs = typeLookupId(IntType, '__abs__')!;
    const res = call(abs, [arg]);
    n = toBig((res as PyLong).value);
    decref(res);
  } else {
    const h = isFloat(arg) ? toBig(floatHashExact(arg)) : objectHashExact(arg);
    n = BigInt.asUintN(64, h);
  }
  const key = words32(n);
  const addr = pyMalloc(4 * key.length);
  try {
    initByArray(r, key);
  } finally {
    pyFree(addr);
  }
}

/** random_random: (a*2**26 + b) / 2**53 with a = 27 bits, b = 26 bits. */
export function randomDouble(r: PyRandom): number {
  const a = genrandUint32(r) >>> 5;
  const b = genrandUint32(r) >>> 6;
  return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

/** _PyLong_AsInt of getrandbits' argument. */
function cInt(o: PyObject): number {
  const i = numberIndex(o);
  const v = i.value;
  decref(i);
  if (typeof v === 'bigint' || v > 0x7fffffff || v < -0x80000000) {
    raise(OverflowErrorType, 'Python int too large to convert to C int');
  }
  return v as number;
}

/** @cpython _randommodule.c _random_Random_getrandbits_impl */
export function getrandbits(r: PyRandom, k: number): PyObject {
  if (k < 0) raise(ValueErrorType, 'number of bits must be non-negative');
  if (k === 0) return newInt(0);
  if (k <= 32) return newInt(genrandUint32(r) >>> (32 - k));
  const words = Math.floor((k - 1) / 32) + 1;
  const addr = pyMalloc(words * 4);
  let result = 0n;
  try {
    for (let i = 0; i < words; i++, k -= 32) {
      let w = genrandUint32(r);
      if (k < 32) w >>>= 32 - k;
      result |= BigInt(w) << BigInt(32 * i);
    }
  } finally {
    pyFree(addr);
  }
  return newIntValue(norm(result));
}

function getstate(r: PyRandom): PyObject {
  const items: PyObject[] = [];
  for (let i = 0; i < N; i++) items.push(newIntValue(r.state[i]));
  items.push(newInt(r.index));
  return newTuple(items);
}

/** PyLong_AsUnsignedLong (64-bit) of a state word, truncated to 32 bits. */
function stateWord(o: PyObject): number {
  if (!isInt(o)) typeError('an integer is required');
  const v = toBig((o as PyLong).value);
  if (v < 0n) raise(OverflowErrorType, "can't convert negative int to unsigned");
  if (v >= 1n << 64n) raise(OverflowErrorType, 'Python int too large to convert to C unsigned long');
  return Number(v & 0xffffffffn);
}

function setstate(r: PyRandom, state: PyObject): void {
  if (!isTuple(state)) typeError('state vector must be a tuple');
  const items = (state as PyTuple).items;
  if (items.length !== N + 1) raise(ValueErrorType, 'state vector is the wrong size');
  const words = new Uint32Array(N);
  for (let i = 0; i < N; i++) words[i] = stateWord(items[i]);
  const last = items[N];
  if (!isInt(last)) typeError(`'${last.type.name}' object cannot be interpreted as an integer`);
  const big = toBig((last as PyLong).value);
  if (big > 0x7fffffffffffffffn || big < -0x8000000000000000n) {
    raise(OverflowErrorType, 'Python int too large to convert to C long');
  }
  const index = Number(big);
  if (index < 0 || index > N) raise(ValueErrorType, 'invalid state');
  r.index = index;
  r.state.set(words);
}

const rnd = (o: PyObject) => o as PyRandom;
const none = (): PyObject => (None.refcnt++, None);

/** PyType_GenericNew: _random.Random is not GC; a Python subclass's instances are. */
RandomType.tp_new = (type) => {
  const o = new PyRandom(type);
  return type.flags & TypeFlag.HAVE_GC ? genericAlloc(o, type) : objectNew(o, type);
};
/** @cpython _randommodule.c random_init */
RandomType.tp_init = (self, args, kwnames) => {
  if (self.type === RandomType || self.type.tp_init === RandomType.tp_init) noKeywords('Random', kwnames);
  const npos = args.length - (kwnames === null ? 0 : kwnames.items.length);
  if (npos > 1) typeError('Random() requires 0 or 1 argument');
  randomSeed(rnd(self), npos === 1 ? args[0] : null);
};
RandomType.tp_dealloc = (o) => {
  if (o.type.flags & TypeFlag.HAVE_GC) {
    rt.gc.untrack(o);
    gcFree(o);
  } else objectFree(o);
};

RandomType.methodSpecs.push(
  {
    name: 'random',
    call: (self, args, kw) => (exactArgs('random', args, kw, 0), newFloat(randomDouble(rnd(self)))),
  },
  {
    name: 'seed',
    call: (self, args, kw) => {
      rangeArgs('seed', args, kw, 0, 1);
      randomSeed(rnd(self), args.length > 0 ? args[0] : null);
      return none();
    },
  },
  { name: 'getstate', call: (self, args, kw) => (exactArgs('getstate', args, kw, 0), getstate(rnd(self))) },
  {
    name: 'setstate',
    call: (self, args, kw) => (exactArgs('setstate', args, kw, 1), setstate(rnd(self), args[0]), none()),
  },
  {
    name: 'getrandbits',
    call: (self, args, kw) => (exactArgs('getrandbits', args, kw, 1), getrandbits(rnd(self), cInt(args[0]))),
  },
);

export function createRandomModule(): PyModule {
  const { module, set } = moduleBuilder('_random');
  set('Random', RandomType);
  return module;
}

// ------------------------------------------------------------------ _sha512

const K512 = [
  '428a2f98d728ae22',
  '7137449123ef65cd',
  'b5c0fbcfec4d3b2f',
  'e9b5dba58189dbbc',
  '3956c25bf348b538',
  '59f111f1b605d019',
  '923f82a4af194f9b',
  'ab1c5ed5da6d8118',
  'd807aa98a3030242',
  '12835b0145706fbe',
  '243185be4ee4b28c',
  '550c7dc3d5ffb4e2',
  '72be5d74f27b896f',
  '80deb1fe3b1696b1',
  '9bdc06a725c71235',
  'c19bf174cf692694',
  'e49b69c19ef14ad2',
  'efbe4786384f25e3',
  '0fc19dc68b8cd5b5',
  '240ca1cc77ac9c65',
  '2de92c6f592b0275',
  '4a7484aa6ea6e483',
  '5cb0a9dcbd41fbd4',
  '76f988da831153b5',
  '983e5152ee66dfab',
  'a831c66d2db43210',
  'b00327c898fb213f',
  'bf597fc7beef0ee4',
  'c6e00bf33da88fc2',
  'd5a79147930aa725',
  '06ca6351e003826f',
  '142929670a0e6e70',
  '27b70a8546d22ffc',
  '2e1b21385c26c926',
  '4d2c6dfc5ac42aed',
  '53380d139d95b3df',
  '650a73548baf63de',
  '766a0abb3c77b2a8',
  '81c2c92e47edaee6',
  '92722c851482353b',
  'a2bfe8a14cf10364',
  'a81a664bbc423001',
  'c24b8b70d0f89791',
  'c76c51a30654be30',
  'd192e819d6ef5218',
  'd69906245565a910',
  'f40e35855771202a',
  '106aa07032bbd1b8',
  '19a4c116b8d2d0c8',
  '1e376c085141ab53',
  '2748774cdf8eeb99',
  '34b0bcb5e19b48a8',
  '391c0cb3c5c95a63',
  '4ed8aa4ae3418acb',
  '5b9cca4f7763e373',
  '682e6ff3d6b2b8a3',
  '748f82ee5defb2fc',
  '78a5636f43172f60',
  '84c87814a1f0ab72',
  '8cc702081a6439ec',
  '90befffa23631e28',
  'a4506cebde82bde9',
  'bef9a3f7b2c67915',
  'c67178f2e372532b',
  'ca273eceea26619c',
  'd186b8c721c0c207',
  'eada7dd6cde0eb1e',
  'f57d4f7fee6ed178',
  '06f067aa72176fba',
  '0a637dc5a2c898a6',
  '113f9804bef90dae',
  '1b710b35131c471b',
  '28db77f523047d84',
  '32caab7b40c72493',
  '3c9ebe0a15c9bebc',
  '431d67c49c100d4c',
  '4cc5d4becb3e42b6',
  '597f299cfc657e2a',
  '5fcb6fab3ad6faec',
  '6c44198c4a475817',
].map((h) => BigInt(`0x${h}`));
const H512 = [
  '6a09e667f3bcc908',
  'bb67ae8584caa73b',
  '3c6ef372fe94f82b',
  'a54ff53a5f1d36f1',
  '510e527fade682d1',
  '9b05688c2b3e6c1f',
  '1f83d9abfb41bd6b',
  '5be0cd19137e2179',
].map((h) => BigInt(`0x${h}`));

const rotr = (x: bigint, n: bigint) => ((x >> n) | (x << (64n - n))) & MASK64;

/** SHA-512 (FIPS 180-4) of `data`. */
export function sha512(data: Uint8Array): Uint8Array {
  const bitLen = BigInt(data.length) * 8n;
  const padded = new Uint8Array(Math.ceil((data.length + 17) / 128) * 128);
  padded.set(data);
  padded[data.length] = 0x80;
  for (let i = 0; i < 16; i++) padded[padded.length - 1 - i] = Number((bitLen >> BigInt(8 * i)) & 0xffn);
  const h = H512.slice();
  const w = new Array<bigint>(80);
  for (let off = 0; off < padded.length; off += 128) {
    for (let t = 0; t < 16; t++) {
      let v = 0n;
      for (let b = 0; b < 8; b++) v = (v << 8n) | BigInt(padded[off + 8 * t + b]);
      w[t] = v;
    }
    for (let t = 16; t < 80; t++) {
      const s0 = rotr(w[t - 15], 1n) ^ rotr(w[t - 15], 8n) ^ (w[t - 15] >> 7n);
      const s1 = rotr(w[t - 2], 19n) ^ rotr(w[t - 2], 61n) ^ (w[t - 2] >> 6n);
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) & MASK64;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let t = 0; t < 80; t++) {
      const S1 = rotr(e, 14n) ^ rotr(e, 18n) ^ rotr(e, 41n);
      const ch = (e & f) ^ (~e & MASK64 & g);
      const t1 = (hh + S1 + ch + K512[t] + w[t]) & MASK64;
      const S0 = rotr(a, 28n) ^ rotr(a, 34n) ^ rotr(a, 39n);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) & MASK64;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) & MASK64;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) & MASK64;
    }
    [a, b, c, d, e, f, g, hh].forEach((v, i) => (h[i] = (h[i] + v) & MASK64));
  }
  const out = new Uint8Array(64);
  h.forEach((v, i) => {
    for (let b = 0; b < 8; b++) out[8 * i + b] = Number((v >> BigInt(56 - 8 * b)) & 0xffn);
  });
  return out;
}

/** _sha512.sha512: 240 bytes, not GC; keeps the data it was fed (the digest is computed at the end). */
export const Sha512Type: PyType = staticType({
  name: '_sha512.sha512',
  qualname: 'sha512',
  module: '_sha512',
  basicsize: 240,
});
class PySha512 extends PyObject {
  data = new Uint8Array(0);
}

function sha512Update(o: PySha512, obj: PyObject): void {
  if (isStr(obj)) typeError('Strings must be encoded before hashing');
  const b = getBuffer(obj);
  if (b === null) typeError(`object supporting the buffer API required`);
  const joined = new Uint8Array(o.data.length + b!.length);
  joined.set(o.data);
  joined.set(b!, o.data.length);
  o.data = joined;
}

Sha512Type.tp_dealloc = (o) => objectFree(o);
Sha512Type.methodSpecs.push(
  {
    name: 'digest',
    call: (self, args, kw) => (exactArgs('digest', args, kw, 0), newBytes(sha512((self as PySha512).data))),
  },
  {
    name: 'hexdigest',
    call: (self, args, kw) => {
      exactArgs('hexdigest', args, kw, 0);
      const d = sha512((self as PySha512).data);
      return newStr(Array.from(d, (x) => x.toString(16).padStart(2, '0')).join(''));
    },
  },
  {
    name: 'update',
    call: (self, args, kw) => (
      exactArgs('update', args, kw, 1),
      sha512Update(self as PySha512, args[0]),
      none()
    ),
  },
);
Sha512Type.getsetSpecs.push(
  { name: 'name', get: () => newStr('sha512') },
  { name: 'digest_size', get: () => newInt(64) },
  { name: 'block_size', get: () => newInt(128) },
);

export function createSha512Module(): PyModule {
  const { module, fn } = moduleBuilder('_sha512');
  fn('sha512', (args, kw) => {
    rangeArgs('sha512', args, kw, 0, 1);
    const o = objectNew(new PySha512(Sha512Type), Sha512Type);
    if (args.length > 0) {
      try {
        sha512Update(o, args[0]);
      } catch (e) {
        decref(o);
        throw e;
      }
    }
    return o;
  });
  return module;
}
