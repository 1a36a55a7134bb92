import { describe, expect, it } from 'vitest';
import type { MemoryChannel, MemorySeries } from '../../core';
import { bucketMax, bucketSteps, chartData, topTypes, valueAt } from './series-decimate';

const channel = (name: string, pairs: [number, number][]): MemoryChannel => ({
  name,
  steps: Uint32Array.from(pairs.map((p) => p[0])),
  values: Uint32Array.from(pairs.map((p) => p[1])),
});

const empty = { steps: new Uint32Array(0), kinds: new Uint8Array(0) };

function series(): MemorySeries {
  return {
    stepCount: 10,
    channels: [
      channel('bytes', [
        [0, 10],
        [4, 50],
        [5, 20],
      ]),
      channel('objects', [
        [0, 3],
        [6, 7],
      ]),
      channel('sizeof', [
        [0, 8],
        [3, 120],
        [7, 64],
      ]),
    ],
    types: [
      channel('list', [
        [0, 1],
        [6, 4],
      ]),
      channel('int', [
        [0, 2],
        [6, 2],
      ]),
      channel('str', [[2, 0]]),
    ],
    events: empty,
    collections: {
      steps: new Uint32Array(0),
      generations: new Uint8Array(0),
      collected: new Uint32Array(0),
      uncollectable: new Uint32Array(0),
      manual: new Uint8Array(0),
    },
  };
}

describe('memory over time, made drawable', () => {
  it('reads a value at any step from the changes', () => {
    const bytes = series().channels[0];
    expect([0, 3, 4, 5, 9].map((s) => valueAt(bytes, s))).toEqual([10, 10, 50, 20, 20]);
  });

  it('keeps the largest value of each bucket, so a one-step peak survives', () => {
    const { xs, size } = bucketSteps(0, 9, 3);
    expect(xs).toEqual([0, 4, 8]);
    expect(bucketMax(series().channels[0], xs, size, 9)).toEqual([10, 50, 20]);
    const exact = bucketSteps(2, 6, 100);
    expect(bucketMax(series().channels[0], exact.xs, exact.size, 6)).toEqual([10, 10, 50, 20, 20]);
  });

  it('stacks the most common types with the rest as "other"', () => {
    const s = series();
    const types = topTypes(s, 1);
    expect(types).toEqual(['list']);
    const data = chartData(s, 0, 9, 100, types);
    expect(data.stackNames).toEqual(['list', 'other']);
    // The whole stack first: list + other = objects.
    expect(data.stack[0][7]).toBe(7);
    expect(data.stack[1][7]).toBe(4);
  });

  it('draws the bytes in live objects and the bytes traced, each from its own channel', () => {
    const data = chartData(series(), 0, 9, 100, []);
    expect(data.sizeof).toEqual([8, 8, 8, 120, 120, 120, 120, 64, 64, 64]);
    expect(data.bytes).toEqual([10, 10, 10, 10, 50, 20, 20, 20, 20, 20]);
  });
});
