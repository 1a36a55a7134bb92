/**
 * The collector view's reading of a run: its collections (from memory over time), which one a
 * step last saw, what a collection promoted, the program's objects per generation, and where
 * the long-lived rule of generation 2 stands. Pure, tested without a DOM.
 */

import type { CollectionReport, MemorySeries, ObjectId, Snapshot } from '../../core';

type SnapshotObject = Snapshot['objects'][number];

export type CollectionCause = 'automatic' | 'gc.collect()' | 'at exit';

export interface CollectionRow {
  step: number;
  generation: number;
  cause: CollectionCause;
  collected: number;
  uncollectable: number;
}

export function collectionsOf(series: MemorySeries | null): CollectionRow[] {
  if (!series) return [];
  const c = series.collections;
  return Array.from(c.steps, (step, i) => ({
    step,
    generation: c.generations[i],
    cause: causeOf(c.manual[i]),
    collected: c.collected[i],
    uncollectable: c.uncollectable[i],
  }));
}

/** How the series codes what started a collection (see MemorySeries.collections.manual). */
export function causeOf(code: number): CollectionCause {
  return code === 0 ? 'automatic' : code === 1 ? 'gc.collect()' : 'at exit';
}

/** The index of the last collection at or before `step`, or -1. */
export function lastCollectionAt(rows: readonly CollectionRow[], step: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].step <= step) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

export interface Promotion {
  /** Candidates that were reachable, or that a finalizer resurrected. */
  survivors: ObjectId[];
  resurrected: ObjectId[];
  /** The generation they went to (2 stays 2). */
  to: number;
}

/** What a collection kept, from its recorded phases (null when they were not recorded). */
export function promotionOf(report: CollectionReport): Promotion | null {
  const phase = (name: string) => report.phases.find((p) => p.name === name)?.objects;
  const candidates = phase('candidates');
  const unreachable = phase('unreachable');
  if (!candidates || !unreachable) return null;
  const still = new Set(phase('still unreachable') ?? unreachable);
  const found = new Set(unreachable);
  const resurrected = unreachable.filter((id) => !still.has(id));
  const survivors = [...candidates.filter((id) => !found.has(id)), ...resurrected];
  return { survivors, resurrected, to: Math.min(report.generation + 1, 2) };
}

/** The program's tracked objects of the snapshot per generation (startup objects left out). */
export function objectsByGeneration(snapshot: Snapshot): SnapshotObject[][] {
  const out: SnapshotObject[][] = [[], [], []];
  for (const o of snapshot.objects) {
    if (o.shared || !o.tracked || o.generation === undefined) continue;
    out[o.generation]?.push(o);
  }
  return out;
}

export interface LongLived {
  pending: number;
  total: number;
  /** pending must reach this for an automatic full collection to run. */
  needed: number;
  /** Generation 2's count is over its threshold. */
  due: boolean;
  /** …and the 25 % rule lets it run. */
  allowed: boolean;
}

/** gc_collect_generations' test for generation 2 (Modules/gcmodule.c). */
export function longLivedOf(gc: Snapshot['gc']): LongLived | null {
  if (!gc.longLived) return null;
  const { pending, total } = gc.longLived;
  const needed = Math.floor(total / 4);
  return {
    pending,
    total,
    needed,
    due: (gc.counts[2] ?? 0) > (gc.thresholds[2] ?? 0),
    allowed: pending >= needed,
  };
}
