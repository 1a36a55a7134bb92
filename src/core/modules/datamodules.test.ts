/**
 * random, bisect, heapq and array against CPython 3.11.7: programs whose stdout was
 * recorded by fixtures/datamodules.py with the oracle interpreter, and the Mersenne
 * Twister's and SHA-512's raw outputs (recorded too, never typed by hand).
 */
import { describe, expect, it } from 'vitest';
import { runSource } from '../run';
import fixture from './fixtures/datamodules.json';
import { PyRandom, RandomType, genrandUint32, initByArray, sha512, words32 } from './randommodule';

interface Program {
  source: string;
  stdout: string;
}
const data = fixture as unknown as {
  programs: Record<string, Program>;
  raw: { mt: Record<string, { first: number[]; after1008: number[] }>; sha512: Record<string, string> };
};

describe('random, bisect, heapq, array programs (stdout of CPython 3.11.7)', () => {
  for (const [name, p] of Object.entries(data.programs)) {
    it(name, () => {
      const r = runSource(p.source, { filename: `${name}.py` });
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(p.stdout);
    });
  }
});

describe('the Mersenne Twister of _random', () => {
  for (const [seed, out] of Object.entries(data.raw.mt)) {
    it(`seed ${seed}: init_by_array over its 32-bit words, then genrand_uint32`, () => {
      const r = new PyRandom(RandomType);
      initByArray(r, words32(BigInt(seed)));
      const first = Array.from({ length: 8 }, () => genrandUint32(r));
      for (let i = 0; i < 1000; i++) genrandUint32(r);
      const later = Array.from({ length: 4 }, () => genrandUint32(r));
      expect(first).toEqual(out.first);
      expect(later).toEqual(out.after1008);
    });
  }
});

describe('_sha512', () => {
  for (const [text, hex] of Object.entries(data.raw.sha512)) {
    it(`sha512 of ${text.length} bytes`, () => {
      const d = sha512(new TextEncoder().encode(text));
      expect(Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('')).toBe(hex);
    });
  }
});
