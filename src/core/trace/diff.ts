/**
 * What changed between two snapshots of one run (object ids are stable across its steps):
 * objects created and freed, refcounts and sizes that changed, references added and removed,
 * and the counts by type (objgraph's `show_growth`, for any two moments of the run).
 *
 * Shared objects (None, small ints, interned strings, builtins) are never created or freed
 * by the program and their refcounts move with every step: they count only through the
 * references to them.
 */
import type { FrameRef, ObjectId, Snapshot, SnapshotEdge, SnapshotObject } from './snapshot-types';

export interface ValueChange {
  id: ObjectId;
  before: number;
  after: number;
}

export interface TypeGrowth {
  type: string;
  /** Objects of this type in the later snapshot. */
  count: number;
  created: number;
  freed: number;
  /** created - freed: objgraph's "increase". */
  delta: number;
  /** Bytes (`sys.getsizeof`) in the later snapshot minus in the earlier one. */
  sizeDelta: number;
}

export interface SnapshotDiff {
  fromStep: number;
  toStep: number;
  created: ObjectId[];
  freed: ObjectId[];
  refcounts: ValueChange[];
  sizes: ValueChange[];
  edgesAdded: SnapshotEdge[];
  edgesRemoved: SnapshotEdge[];
  /** By type, largest change first; types that did not change are left out. */
  byType: TypeGrowth[];
  /** Either snapshot stopped its heap walk early: objects beyond the limit look freed or created. */
  truncated: boolean;
}

/**
 * A key that names a reference across snapshots: the referrer (a frame by depth and
 * function, since `frame:N` is only an index), the label and the referent, plus a counter
 * for a referrer that holds the same object twice under one label (value-stack temporaries).
 */
export function edgeKeys(snapshot: Snapshot): string[] {
  const counts = new Map<string, number>();
  return snapshot.edges.map((e) => {
    const base = `${referrerKey(snapshot, e.from)}\u0000${e.label}\u0000${e.to}${e.weak ? '\u0000weak' : ''}`;
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    return n === 0 ? base : `${base}\u0000${n}`;
  });
}

function referrerKey(snapshot: Snapshot, from: ObjectId | FrameRef): string {
  if (typeof from === 'number') return String(from);
  const index = Number(from.slice('frame:'.length));
  return `${from}:${snapshot.frames[index]?.name ?? '?'}`;
}

export function diffSnapshots(a: Snapshot, b: Snapshot): SnapshotDiff {
  const before = new Map(a.objects.map((o) => [o.id, o]));
  const after = new Map(b.objects.map((o) => [o.id, o]));
  const own = (o: SnapshotObject) => !o.shared;

  const created = b.objects.filter((o) => own(o) && !before.has(o.id));
  const freed = a.objects.filter((o) => own(o) && !after.has(o.id));
  const refcounts: ValueChange[] = [];
  const sizes: ValueChange[] = [];
  for (const o of b.objects) {
    const old = before.get(o.id);
    if (old === undefined || !own(o)) continue;
    if (old.refcount !== o.refcount) refcounts.push({ id: o.id, before: old.refcount, after: o.refcount });
    if (old.size !== o.size) sizes.push({ id: o.id, before: old.size, after: o.size });
  }

  const keysA = edgeKeys(a);
  const keysB = edgeKeys(b);
  const setA = new Set(keysA);
  const setB = new Set(keysB);
  const edgesAdded = b.edges.filter((_, i) => !setA.has(keysB[i]));
  const edgesRemoved = a.edges.filter((_, i) => !setB.has(keysA[i]));

  const growth = new Map<string, TypeGrowth>();
  const entry = (type: string) => {
    let g = growth.get(type);
    if (g === undefined)
      growth.set(type, (g = { type, count: 0, created: 0, freed: 0, delta: 0, sizeDelta: 0 }));
    return g;
  };
  for (const o of b.objects) {
    if (!own(o)) continue;
    const g = entry(o.type);
    g.count++;
    g.sizeDelta += o.size;
  }
  for (const o of a.objects) if (own(o)) entry(o.type).sizeDelta -= o.size;
  for (const o of created) entry(o.type).created++;
  for (const o of freed) entry(o.type).freed++;
  const byType = [...growth.values()]
    .map((g) => ({ ...g, delta: g.created - g.freed }))
    .filter((g) => g.created > 0 || g.freed > 0 || g.sizeDelta !== 0)
    .sort(
      (x, y) =>
        Math.abs(y.delta) - Math.abs(x.delta) ||
        Math.abs(y.sizeDelta) - Math.abs(x.sizeDelta) ||
        (x.type < y.type ? -1 : x.type > y.type ? 1 : 0),
    );

  return {
    fromStep: a.step,
    toStep: b.step,
    created: created.map((o) => o.id),
    freed: freed.map((o) => o.id),
    refcounts,
    sizes,
    edgesAdded,
    edgesRemoved,
    byType,
    truncated: a.truncated || b.truncated,
  };
}
