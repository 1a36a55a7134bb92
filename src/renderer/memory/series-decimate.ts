/**
 * Memory over time, made drawable: a channel stores only its changes, so its value at a step
 * is the last change at or before it; a chart of a million steps gets one point per bucket of
 * steps (a few per pixel), holding the largest value of the bucket, so no peak is lost.
 * Everything here is pure and linear in the changes plus the buckets.
 */

import type { MemoryChannel, MemorySeries } from '../../core';

/** The index of the last change at or before `step` (-1 before the first). */
export function changeAt(channel: MemoryChannel, step: number): number {
  const { steps } = channel;
  let lo = 0;
  let hi = steps.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid] <= step) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

export function valueAt(channel: MemoryChannel | undefined, step: number): number {
  if (!channel) return 0;
  const i = changeAt(channel, step);
  return i < 0 ? 0 : channel.values[i];
}

/** The x values of a view of steps [from, to] in at most `buckets` points: bucket starts. */
export function bucketSteps(from: number, to: number, buckets: number): { xs: number[]; size: number } {
  const span = Math.max(0, to - from) + 1;
  const size = Math.max(1, Math.ceil(span / Math.max(1, buckets)));
  const xs: number[] = [];
  for (let x = from; x <= to; x += size) xs.push(x);
  return { xs, size };
}

/** The largest value of `channel` in each bucket [x, x + size) of `xs` (clipped at `to`). */
export function bucketMax(
  channel: MemoryChannel | undefined,
  xs: readonly number[],
  size: number,
  to: number,
): number[] {
  const out = new Array<number>(xs.length).fill(0);
  if (!channel || xs.length === 0) return out;
  const { steps, values } = channel;
  let i = changeAt(channel, xs[0]);
  let current = i < 0 ? 0 : values[i];
  i++;
  for (let b = 0; b < xs.length; b++) {
    const end = Math.min(xs[b] + size - 1, to);
    // The value carried in counts unless a change replaces it at the bucket's first step.
    let max = i < steps.length && steps[i] <= xs[b] ? 0 : current;
    while (i < steps.length && steps[i] <= end) {
      current = values[i++];
      if (current > max) max = current;
    }
    out[b] = max;
  }
  return out;
}

export interface ChartData {
  xs: number[];
  size: number;
  /** Σ sys.getsizeof of the live objects made since the first step. */
  sizeof: number[];
  /** Bytes traced as tracemalloc counts them. */
  bytes: number[];
  blocks: number[];
  /** Stacked objects: cumulative totals, the whole stack first, down to the first type alone. */
  stack: number[][];
  /** The types of the stack from the bottom, then "other". */
  stackNames: string[];
}

/** The types that held the most objects at any step: the stack's layers, bottom first. */
export function topTypes(series: MemorySeries, count: number): string[] {
  const peak = (c: MemoryChannel) => c.values.reduce((m, v) => (v > m ? v : m), 0);
  return [...series.types]
    .map((c) => ({ name: c.name, peak: peak(c) }))
    .filter((t) => t.peak > 0)
    .sort((a, b) => b.peak - a.peak || a.name.localeCompare(b.name))
    .slice(0, count)
    .map((t) => t.name);
}

export function chartData(
  series: MemorySeries,
  from: number,
  to: number,
  buckets: number,
  types: string[],
): ChartData {
  const { xs, size } = bucketSteps(from, to, buckets);
  const channel = (name: string) => series.channels.find((c) => c.name === name);
  const typeChannel = (name: string) => series.types.find((c) => c.name === name);
  const layers = types.map((name) => bucketMax(typeChannel(name), xs, size, to));
  const total = bucketMax(channel('objects'), xs, size, to);
  const sum = layers.reduce(
    (acc, layer) => acc.map((v, i) => v + layer[i]),
    new Array<number>(xs.length).fill(0),
  );
  // "other": the rest of the objects (per bucket maxima need not add up: never below 0).
  const other = total.map((t, i) => Math.max(0, t - sum[i]));
  const cumulative: number[][] = [];
  let running = new Array<number>(xs.length).fill(0);
  for (const layer of [...layers, other]) {
    running = running.map((v, i) => v + layer[i]);
    cumulative.push(running);
  }
  return {
    xs,
    size,
    sizeof: bucketMax(channel('sizeof'), xs, size, to),
    bytes: bucketMax(channel('bytes'), xs, size, to),
    blocks: bucketMax(channel('blocks'), xs, size, to),
    stack: cumulative.reverse(),
    stackNames: [...types, 'other'],
  };
}
