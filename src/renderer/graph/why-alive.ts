/**
 * "Why is this object alive?": the shortest chain of references from a frame to it (objgraph's
 * find_backref_chain, searched forward from the roots), and the references that point at it.
 */
import type { ObjectId, Snapshot, SnapshotEdge } from '../../core';

export interface AlivePath {
  /** Indexes into `snapshot.edges`, from a frame's variable to the object. */
  edges: number[];
}

/**
 * Breadth-first from every frame at once, the innermost first so that among equally short
 * chains the one from the running function wins. Weak references keep nothing alive and are
 * not followed. Null when no frame reaches the object (only cycles keep it alive).
 */
export function whyAlive(snapshot: Snapshot, target: ObjectId): AlivePath | null {
  const out = new Map<ObjectId | string, number[]>();
  snapshot.edges.forEach((e, i) => {
    if (e.weak) return;
    const key = e.from;
    let list = out.get(key);
    if (list === undefined) out.set(key, (list = []));
    list.push(i);
  });
  const via = new Map<ObjectId, number>();
  const queue: (ObjectId | string)[] = [];
  for (let f = snapshot.frames.length - 1; f >= 0; f--) queue.push(snapshot.frames[f].ref);
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    for (const i of out.get(node) ?? []) {
      const to = snapshot.edges[i].to;
      if (via.has(to)) continue;
      via.set(to, i);
      if (to === target) return { edges: chain(snapshot, via, target) };
      queue.push(to);
    }
  }
  return null;
}

function chain(snapshot: Snapshot, via: Map<ObjectId, number>, target: ObjectId): number[] {
  const edges: number[] = [];
  for (let at: ObjectId | string = target; typeof at === 'number';) {
    const i: number = via.get(at)!;
    edges.push(i);
    at = snapshot.edges[i].from;
  }
  return edges.reverse();
}

/** The references to `target` (weak ones included: they are shown, dashed). */
export function referrersOf(snapshot: Snapshot, target: ObjectId): number[] {
  const out: number[] = [];
  snapshot.edges.forEach((e: SnapshotEdge, i) => {
    if (e.to === target) out.push(i);
  });
  return out;
}

/** The chain as a Python person would write it: `<module>: l[0].other`. */
export function describePath(snapshot: Snapshot, path: AlivePath): string {
  if (path.edges.length === 0) return '';
  const first = snapshot.edges[path.edges[0]];
  const frame = snapshot.frames.find((f) => f.ref === first.from);
  let text = first.label;
  for (const i of path.edges.slice(1)) {
    const label = snapshot.edges[i].label;
    // `[0]`, `['key']` and `.attr` chain as written; `__dict__`, `cell_contents` read as attributes.
    text += /^[[.]/.test(label) ? label : /^\w+$/.test(label) ? `.${label}` : ` → ${label}`;
  }
  return `${frame?.name ?? first.from}: ${text}`;
}
