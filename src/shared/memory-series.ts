/**
 * Memory over time on the wire: the engine's MemorySeries (typed arrays) as JSON-safe text,
 * each array's bytes in base64 (little-endian, as every platform the lab runs on stores them).
 * The web shell's socket carries JSON, so the same form serves Electron's IPC too.
 *
 * A run long enough to change its numbers more than MAX_SERIES_CHANGES times is thinned
 * before it is sent: each channel keeps, per bucket of `bucket` steps, the largest value
 * it took there (peaks survive; the chart draws maxima per pixel anyway).
 */

import type { MemoryChannel, MemorySeries } from '../core';

export interface MemoryChannelWire {
  name: string;
  /** base64 of a Uint32Array: the steps where the value changed, ascending. */
  steps: string;
  /** base64 of a Uint32Array: the value from that step on. */
  values: string;
}

export interface MemorySeriesWire {
  stepCount: number;
  /** 1, or the steps per bucket when the series was thinned. */
  bucket: number;
  channels: MemoryChannelWire[];
  types: MemoryChannelWire[];
  /** kinds: 0 a `__del__` call, 1 a weakref callback. Collections' `manual`: 0 automatic, 1 gc.collect(), 2 at exit. */
  events: { steps: string; kinds: string };
  collections: {
    steps: string;
    generations: string;
    collected: string;
    uncollectable: string;
    manual: string;
  };
}

/** Changes (step, value pairs) sent at most: 8 bytes each, about 21 MB of base64. */
export const MAX_SERIES_CHANGES = 2_000_000;
/** Events and collections sent at most; later ones are dropped. */
export const MAX_SERIES_EVENTS = 200_000;
/** Type channels sent at most (the types with the most objects at any step). */
export const MAX_SERIES_TYPES = 64;
/** The run's own channels at most (`bytes`, `blocks`, `objects`, `gc0`…`gc2`, `sizeof`, and room to grow). */
export const MAX_SERIES_CHANNELS = 16;

const MAX_NAME_CHARS = 200;

type ToBase64 = (bytes: Uint8Array) => string;
type FromBase64 = (text: string) => Uint8Array;

const bytesOf = (a: Uint32Array | Uint8Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

export function encodeMemorySeries(series: MemorySeries, toBase64: ToBase64): MemorySeriesWire {
  let types = series.types;
  if (types.length > MAX_SERIES_TYPES) {
    types = [...types].sort((a, b) => peak(b) - peak(a)).slice(0, MAX_SERIES_TYPES);
  }
  const changes = [...series.channels, ...types].reduce((n, c) => n + c.steps.length, 0);
  let bucket = 1;
  while (changes / bucket > MAX_SERIES_CHANGES && bucket < series.stepCount) bucket *= 2;
  const channel = (c: MemoryChannel): MemoryChannelWire => {
    const thin = bucket > 1 ? thinChannel(c, bucket) : c;
    return { name: c.name, steps: toBase64(bytesOf(thin.steps)), values: toBase64(bytesOf(thin.values)) };
  };
  const n = Math.min(series.events.steps.length, MAX_SERIES_EVENTS);
  const m = Math.min(series.collections.steps.length, MAX_SERIES_EVENTS);
  const { collections } = series;
  return {
    stepCount: series.stepCount,
    bucket,
    channels: series.channels.map(channel),
    types: types.map(channel),
    events: {
      steps: toBase64(bytesOf(series.events.steps.subarray(0, n))),
      kinds: toBase64(bytesOf(series.events.kinds.subarray(0, n))),
    },
    collections: {
      steps: toBase64(bytesOf(collections.steps.subarray(0, m))),
      generations: toBase64(bytesOf(collections.generations.subarray(0, m))),
      collected: toBase64(bytesOf(collections.collected.subarray(0, m))),
      uncollectable: toBase64(bytesOf(collections.uncollectable.subarray(0, m))),
      manual: toBase64(bytesOf(collections.manual.subarray(0, m))),
    },
  };
}

function peak(c: MemoryChannel): number {
  let max = 0;
  for (const v of c.values) if (v > max) max = v;
  return max;
}

/** Per bucket of `bucket` steps: the largest value the channel held there, at the bucket's start. */
export function thinChannel(c: MemoryChannel, bucket: number): MemoryChannel {
  const steps: number[] = [];
  const values: number[] = [];
  let carry = 0; // the value when the current bucket started
  let i = 0;
  while (i < c.steps.length) {
    const start = c.steps[i] - (c.steps[i] % bucket);
    let max = carry;
    let last = carry;
    for (; i < c.steps.length && c.steps[i] < start + bucket; i++) {
      last = c.values[i];
      if (last > max) max = last;
    }
    steps.push(start);
    values.push(max);
    // The value after the bucket, unless the next bucket starts with changes of its own.
    if (last !== max && (i >= c.steps.length || c.steps[i] >= start + 2 * bucket)) {
      steps.push(start + bucket);
      values.push(last);
    }
    carry = last;
  }
  return { name: c.name, steps: Uint32Array.from(steps), values: Uint32Array.from(values) };
}

/** The browser's native decoder where there is one (Chromium 140+), else atob. */
export const fromBase64: FromBase64 = (text) => {
  const native = (Uint8Array as unknown as { fromBase64?: FromBase64 }).fromBase64;
  if (native) return native(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
};

const u32 = (text: string, decode: FromBase64) => {
  const bytes = decode(text);
  // A fresh, aligned copy when the decoder's buffer cannot back a Uint32Array directly.
  return bytes.byteOffset % 4 === 0
    ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2)
    : new Uint32Array(bytes.slice().buffer);
};

export function decodeMemorySeries(wire: MemorySeriesWire, decode: FromBase64 = fromBase64): MemorySeries {
  const channel = (c: MemoryChannelWire): MemoryChannel => ({
    name: c.name,
    steps: u32(c.steps, decode),
    values: u32(c.values, decode),
  });
  const { collections } = wire;
  return {
    stepCount: wire.stepCount,
    channels: wire.channels.map(channel),
    types: wire.types.map(channel),
    events: { steps: u32(wire.events.steps, decode), kinds: decode(wire.events.kinds) },
    collections: {
      steps: u32(collections.steps, decode),
      generations: decode(collections.generations),
      collected: u32(collections.collected, decode),
      uncollectable: u32(collections.uncollectable, decode),
      manual: decode(collections.manual),
    },
  };
}

/** Bytes that base64 `text` decodes to, or -1 when it is not base64. */
function decodedLength(text: unknown): number {
  if (typeof text !== 'string' || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return -1;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/**
 * What is wrong with a series that claims to belong to a run of `stepCount` steps, or null:
 * the main process checks the shapes and sizes before passing it on (the contents are
 * numbers; the renderer reads them as such).
 */
export function memorySeriesProblem(wire: unknown, stepCount: number): string | null {
  if (typeof wire !== 'object' || wire === null) return 'not an object';
  const w = wire as Partial<MemorySeriesWire>;
  if (w.stepCount !== stepCount) return `it has ${String(w.stepCount)} steps, the run ${stepCount}`;
  if (!Number.isSafeInteger(w.bucket) || w.bucket! < 1) return 'bad bucket';
  if (!Array.isArray(w.channels) || !Array.isArray(w.types)) return 'no channels';
  if (w.types.length > MAX_SERIES_TYPES) return `${w.types.length} type channels`;
  if (w.channels.length > MAX_SERIES_CHANNELS) return `${w.channels.length} channels`;
  let changes = 0;
  for (const c of [...w.channels, ...w.types] as Partial<MemoryChannelWire>[]) {
    if (typeof c?.name !== 'string' || c.name.length > MAX_NAME_CHARS)
      return 'a channel without a valid name';
    const steps = decodedLength(c.steps);
    if (steps < 0 || steps % 4 !== 0 || decodedLength(c.values) !== steps)
      return `channel ${c.name}: bad arrays`;
    changes += steps / 4;
  }
  if (changes > MAX_SERIES_CHANGES * 2) return `${changes} changes`;
  const events = w.events;
  const eventSteps = decodedLength(events?.steps);
  if (eventSteps < 0 || eventSteps % 4 !== 0 || decodedLength(events?.kinds) !== eventSteps / 4)
    return 'bad events';
  const c = w.collections;
  const n = decodedLength(c?.steps);
  if (
    n < 0 ||
    n % 4 !== 0 ||
    decodedLength(c?.collected) !== n ||
    decodedLength(c?.uncollectable) !== n ||
    decodedLength(c?.generations) !== n / 4 ||
    decodedLength(c?.manual) !== n / 4
  )
    return 'bad collections';
  if (eventSteps / 4 > MAX_SERIES_EVENTS || n / 4 > MAX_SERIES_EVENTS) return 'too many events';
  return null;
}
