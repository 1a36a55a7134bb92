/**
 * Lookups the inspector and the frames view need on a Snapshot: objects by id, and each
 * object's references out (referents) and in (referrers), from the snapshot's edges.
 */

import type { ObjectId, Snapshot } from '../shared/lab-api';

type SnapshotObject = Snapshot['objects'][number];
type SnapshotEdge = Snapshot['edges'][number];

/** One end of a reference as the inspector lists it. */
export interface Reference {
  label: string;
  weak: boolean;
  temporary: boolean;
  /** The object at the other end; undefined for a frame (then `frame` names it). */
  object: SnapshotObject | undefined;
  /** The other end's id, also when the snapshot does not list that object (a walk limit). */
  id: ObjectId | undefined;
  frame: { index: number; name: string } | undefined;
}

export interface SnapshotIndex {
  object(id: ObjectId): SnapshotObject | undefined;
  referents(id: ObjectId): Reference[];
  referrers(id: ObjectId): Reference[];
}

const FRAME_REF = /^frame:(\d+)$/;

export function indexSnapshot(snapshot: Snapshot): SnapshotIndex {
  const objects = new Map(snapshot.objects.map((o) => [o.id, o]));
  const out = new Map<ObjectId, SnapshotEdge[]>();
  const into = new Map<ObjectId, SnapshotEdge[]>();
  for (const edge of snapshot.edges) {
    if (typeof edge.from === 'number') push(out, edge.from, edge);
    push(into, edge.to, edge);
  }
  const reference = (edge: SnapshotEdge, end: ObjectId | string): Reference => {
    const common = { label: edge.label, weak: !!edge.weak, temporary: !!edge.temporary };
    if (typeof end === 'number') return { ...common, object: objects.get(end), id: end, frame: undefined };
    const index = Number(FRAME_REF.exec(end)?.[1] ?? -1);
    const name = snapshot.frames[index]?.qualname ?? end;
    return { ...common, object: undefined, id: undefined, frame: { index, name } };
  };
  return {
    object: (id) => objects.get(id),
    referents: (id) => (out.get(id) ?? []).map((edge) => reference(edge, edge.to)),
    referrers: (id) => (into.get(id) ?? []).map((edge) => reference(edge, edge.from)),
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
