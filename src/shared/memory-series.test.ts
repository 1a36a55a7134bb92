import { describe, expect, it } from 'vitest';
import type { MemoryChannel, MemorySeries } from '../core';
import { MEMORY_CHANNELS } from '../core/trace/memory-series';
import {
  MAX_SERIES_CHANGES,
  MAX_SERIES_CHANNELS,
  decodeMemorySeries,
  encodeMemorySeries,
  memorySeriesProblem,
  thinChannel,
} from './memory-series';

const toBase64 = (bytes: Uint8Array) => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
};

const channel = (name: string, pairs: [number, number][]): MemoryChannel => ({
  name,
  steps: Uint32Array.from(pairs.map((p) => p[0])),
  values: Uint32Array.from(pairs.map((p) => p[1])),
});

function series(stepCount: number, channels: MemoryChannel[], types: MemoryChannel[] = []): MemorySeries {
  return {
    stepCount,
    channels,
    types,
    events: { steps: Uint32Array.of(3, 7), kinds: Uint8Array.of(0, 1) },
    collections: {
      steps: Uint32Array.of(5),
      generations: Uint8Array.of(2),
      collected: Uint32Array.of(4),
      uncollectable: Uint32Array.of(0),
      manual: Uint8Array.of(1),
    },
  };
}

describe('memory series on the wire', () => {
  it('comes back as it went', () => {
    const original = series(
      10,
      [
        channel('bytes', [
          [0, 0],
          [2, 100],
          [9, 40],
        ]),
      ],
      [channel('list', [[1, 3]])],
    );
    const wire = encodeMemorySeries(original, toBase64);
    expect(wire.bucket).toBe(1);
    expect(memorySeriesProblem(JSON.parse(JSON.stringify(wire)), 10)).toBeNull();
    expect(decodeMemorySeries(wire)).toEqual(original);
  });

  it('thins a channel to the largest value per bucket', () => {
    const thin = thinChannel(
      channel('c', [
        [0, 1],
        [1, 9],
        [2, 2],
        [9, 5],
      ]),
      4,
    );
    expect([...thin.steps]).toEqual([0, 4, 8]);
    expect([...thin.values]).toEqual([9, 2, 5]);
  });

  it('thins a long run until it fits', () => {
    const n = MAX_SERIES_CHANGES + 10;
    const steps = Uint32Array.from({ length: n }, (_, i) => i);
    const values = Uint32Array.from({ length: n }, (_, i) => i % 7);
    const wire = encodeMemorySeries(series(n, [{ name: 'bytes', steps, values }]), toBase64);
    expect(wire.bucket).toBe(2);
    const decoded = decodeMemorySeries(wire);
    expect(decoded.channels[0].steps.length).toBeLessThanOrEqual(MAX_SERIES_CHANGES);
    expect(Math.max(...decoded.channels[0].values.subarray(0, 100))).toBe(6);
  });

  it('carries every channel the engine records, sizeof included', () => {
    const all = MEMORY_CHANNELS.map((name, i) => channel(name, [[0, i + 1]]));
    const wire = encodeMemorySeries(series(10, all), toBase64);
    expect(memorySeriesProblem(JSON.parse(JSON.stringify(wire)), 10)).toBeNull();
    expect(decodeMemorySeries(wire).channels.find((c) => c.name === 'sizeof')?.values[0]).toBe(
      MEMORY_CHANNELS.indexOf('sizeof') + 1,
    );
    const many = Array.from({ length: MAX_SERIES_CHANNELS + 1 }, (_, i) => channel(`c${i}`, [[0, 1]]));
    expect(memorySeriesProblem(encodeMemorySeries(series(10, many), toBase64), 10)).toMatch(/channels/);
  });

  it('says what is wrong with a malformed series', () => {
    const wire = encodeMemorySeries(series(10, [channel('bytes', [[0, 1]])]), toBase64);
    expect(memorySeriesProblem(wire, 11)).toMatch(/steps/);
    expect(
      memorySeriesProblem({ ...wire, channels: [{ name: 'x', steps: 'AAAA', values: '' }] }, 10),
    ).toMatch(/bad arrays/);
    expect(memorySeriesProblem({ ...wire, events: { steps: '!', kinds: '' } }, 10)).toBe('bad events');
    expect(memorySeriesProblem(null, 10)).toBe('not an object');
  });
});
