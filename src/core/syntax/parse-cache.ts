/**
 * Parsing a module again for every run is most of a small run's cost: the bundled modules
 * (weakref, copy) are imported by many runs, and time travel re-runs the same program for
 * each snapshot. The syntax tree of a source text is kept and each run gets its own copy,
 * since compiling annotates and folds the tree in place. Errors are not cached. The parser
 * replay's counts (peg/replay.ts) are kept the same way.
 */
import { parseModule } from './parse';
import type { Module } from './ast';
import { replayModuleParse, type ParserReads } from './peg/replay';

const CAPACITY = 16;
const trees = new Map<string, Module>();
const replays = new Map<string, ParserReads>();

/** The value kept for `source`, made by `make` on a miss; the least recently used goes first. */
function cached<T>(cache: Map<string, T>, source: string, make: (source: string) => T): T {
  let value = cache.get(source);
  if (value === undefined) value = make(source);
  else cache.delete(source);
  cache.set(source, value);
  if (cache.size > CAPACITY) cache.delete(cache.keys().next().value!);
  return value;
}

export function parseModuleCached(source: string): Module {
  return cloneTree(cached(trees, source, parseModule));
}

/** What CPython's parser left in the arena for this source (read-only, shared by runs). */
export function replayModuleParseCached(source: string): ParserReads {
  return cached(replays, source, replayModuleParse);
}

/**
 * A deep copy of the tree's nodes (plain objects and arrays); anything else (primitives, a
 * bytes literal's Uint8Array) is never changed by compiling and is shared.
 */
function cloneTree<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneTree) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = cloneTree((value as Record<string, unknown>)[key]);
  return copy as T;
}
