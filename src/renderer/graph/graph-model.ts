/**
 * What the graph should show for one step: the snapshot's elements (graph-elements.ts) plus
 * the view's classes (collector findings, compare mode, selection) and "ghosts", objects no
 * longer alive that the view still draws (freed by the collector at this step, or freed
 * since the compared step). Pure: the same input gives the same model, so tests run in Node.
 */
import type { CollectionReport, ObjectId, Snapshot } from '../../core';
import { diffSnapshots, type SnapshotDiff } from '../../core/trace/diff';
import {
  graphElements,
  type GraphEdgeData,
  type GraphElements,
  type GraphNodeData,
} from '../../core/trace/graph-elements';
import { freshCollection } from './gc-report';
import { referrersOf, whyAlive, type AlivePath } from './why-alive';

export interface ViewNodeData extends GraphNodeData {
  w: number;
  h: number;
}

export interface ViewElement<D> {
  data: D;
  classes: Set<string>;
}

export interface ModelInput {
  snapshot: Snapshot;
  foldShared: boolean;
  selected: ObjectId | null;
  /** Compare mode: the other step (usually earlier); its freed objects are drawn as ghosts. */
  compareWith: Snapshot | null;
  /** The snapshot shown before a collection that this step follows: the source of its ghosts. */
  beforeCollection: Snapshot | null;
  /** Index into the report's phases while they are animated; null at rest. */
  gcPhase: number | null;
  /** The box of a node with this many lines and columns (the font is measured in the browser). */
  box: (lines: number, columns: number) => { w: number; h: number };
}

export interface ViewModel {
  nodes: ViewElement<ViewNodeData>[];
  edges: ViewElement<GraphEdgeData>[];
  report: CollectionReport | null;
  /** Unreachable objects of the report that the graph draws (alive or as ghosts). */
  collectorShown: number;
  diff: SnapshotDiff | null;
  path: AlivePath | null;
}

// Most elements have one class or none: no array to split into (this runs for every element).
const classSet = (classes: string) =>
  classes === ''
    ? new Set<string>()
    : classes.includes(' ')
      ? new Set(classes.split(' ').filter((c) => c !== ''))
      : new Set([classes]);

/** A copy of a node's data to add lines to; its box is set once the label is final. */
const viewData = (data: GraphNodeData): ViewNodeData => ({ ...data, w: 0, h: 0 });

export function buildModel(input: ModelInput): ViewModel {
  const { snapshot, foldShared, box } = input;
  const options = { foldShared };
  const base = graphElements(snapshot, options);
  const nodes = new Map<string, ViewElement<ViewNodeData>>();
  const edges = new Map<string, ViewElement<GraphEdgeData>>();
  for (const n of base.nodes) nodes.set(n.data.id, { data: viewData(n.data), classes: classSet(n.classes) });
  for (const e of base.edges) edges.set(e.data.id, { data: e.data, classes: classSet(e.classes) });
  const byObject = new Map<ObjectId, ViewElement<GraphNodeData>>();
  for (const n of nodes.values()) if (n.data.objectId !== undefined) byObject.set(n.data.objectId, n);
  const edgeOfIndex = new Map<number, ViewElement<GraphEdgeData>>();
  for (const e of edges.values()) if (e.data.index !== undefined) edgeOfIndex.set(e.data.index, e);

  for (const n of nodes.values()) if (n.classes.has('garbage')) addLine(n, 'unreachable: garbage');

  /** Draws nodes of `other` that this step no longer has, and the references among them. */
  const addGhosts = (other: GraphElements, ids: Set<ObjectId>, classes: string[], line: string) => {
    const added = new Set<string>();
    for (const n of other.nodes) {
      if (n.data.objectId === undefined || !ids.has(n.data.objectId) || nodes.has(n.data.id)) continue;
      const ghost = { data: viewData(n.data), classes: classSet(n.classes) };
      ghost.classes.delete('garbage');
      classes.forEach((c) => ghost.classes.add(c));
      addLine(ghost, line);
      nodes.set(n.data.id, ghost);
      byObject.set(n.data.objectId, ghost);
      added.add(n.data.id);
    }
    return added;
  };
  const addGhostEdges = (other: GraphElements, touching: Set<string>, classes: string[]) => {
    for (const e of other.edges) {
      if (edges.has(e.data.id)) continue;
      if (!touching.has(e.data.source) && !touching.has(e.data.target)) continue;
      if (!nodes.has(e.data.source) || !nodes.has(e.data.target)) continue;
      const ghost = { data: e.data, classes: classSet(e.classes) };
      classes.forEach((c) => ghost.classes.add(c));
      edges.set(e.data.id, ghost);
    }
  };

  // Compare mode: created, freed, changed; references added and removed. First, so that the
  // objects freed since the other step show the collector's finding too when it freed them.
  let diff: SnapshotDiff | null = null;
  if (input.compareWith !== null) {
    diff = diffSnapshots(input.compareWith, snapshot);
    const other = graphElements(input.compareWith, options);
    for (const id of diff.created) byObject.get(id)?.classes.add('created');
    for (const c of diff.refcounts) {
      const n = byObject.get(c.id);
      if (n === undefined) continue;
      n.classes.add('changed');
      addLine(n, `rc ${c.before} → ${c.after}`);
    }
    for (const c of diff.sizes) {
      const n = byObject.get(c.id);
      if (n === undefined) continue;
      n.classes.add('changed');
      addLine(n, `size ${c.before} → ${c.after} B`);
    }
    addGhosts(other, new Set(diff.freed), ['freed'], `freed since step ${input.compareWith.step}`);
    const added = new Set(diff.edgesAdded);
    snapshot.edges.forEach((e, i) => {
      if (added.has(e)) edgeOfIndex.get(i)?.classes.add('added');
    });
    // Removed references are drawn where both ends are still drawn (alive, or freed ghosts).
    const removed = new Set(diff.edgesRemoved);
    const removedIndexes = new Set<number>();
    input.compareWith.edges.forEach((e, i) => {
      if (removed.has(e)) removedIndexes.add(i);
    });
    for (const e of other.edges) {
      if (e.data.index === undefined || !removedIndexes.has(e.data.index) || edges.has(e.data.id)) continue;
      if (!nodes.has(e.data.source) || !nodes.has(e.data.target)) continue;
      const ghost = { data: e.data, classes: classSet(e.classes) };
      ghost.classes.add('removed');
      edges.set(e.data.id, ghost);
    }
  }

  // The collector: what it found unreachable, phase by phase, then at rest.
  const report = freshCollection(snapshot);
  let collectorShown = 0;
  if (report !== null) {
    const unreachable = new Set(report.unreachable);
    const phase = input.gcPhase === null ? null : report.phases[input.gcPhase];
    const candidates = phase?.name === 'candidates' ? new Set(phase.objects) : new Set<ObjectId>();
    const highlighted =
      phase === null || phase === undefined
        ? unreachable
        : new Set(phase.name === 'candidates' ? [] : phase.objects);
    if (input.beforeCollection !== null) {
      const before = graphElements(input.beforeCollection, options);
      addGhostEdges(before, addGhosts(before, unreachable, ['collected'], 'freed by the collector'), []);
    }
    const alive = new Set(snapshot.objects.map((o) => o.id));
    for (const [id, n] of byObject) {
      if (candidates.has(id)) n.classes.add('gc-candidate');
      if (!unreachable.has(id)) continue;
      collectorShown++;
      if (highlighted.has(id)) {
        n.classes.add('gc-unreachable');
        if (phase !== null) n.classes.add('gc-phase');
      }
      // Found unreachable yet alive after the collection: a finalizer resurrected it.
      if (alive.has(id) && phase === null) n.classes.add('resurrected');
    }
    for (const e of edges.values()) {
      const from = nodes.get(e.data.source)?.data.objectId;
      const to = nodes.get(e.data.target)?.data.objectId;
      if (from !== undefined && to !== undefined && highlighted.has(from) && highlighted.has(to))
        e.classes.add('gc-unreachable');
    }
  }

  // Selection: the object, its referrers, and the chain from a frame that keeps it alive.
  let path: AlivePath | null = null;
  const selected = input.selected === null ? undefined : byObject.get(input.selected);
  if (selected !== undefined && input.selected !== null) {
    selected.classes.add('selected');
    for (const i of referrersOf(snapshot, input.selected)) {
      const e = edgeOfIndex.get(i);
      if (e === undefined) continue;
      e.classes.add('referrer');
      nodes.get(e.data.source)?.classes.add('referrer');
    }
    path = whyAlive(snapshot, input.selected);
    for (const i of path?.edges ?? []) {
      const e = edgeOfIndex.get(i);
      if (e === undefined) continue;
      e.classes.add('path');
      nodes.get(e.data.source)?.classes.add('path');
    }
  }

  // References sharing both ends (either way round) are drawn as curves, the rest straight.
  const pairs = new Map<string, number>();
  const pairOf = (e: GraphEdgeData) =>
    e.source < e.target ? `${e.source}\u0000${e.target}` : `${e.target}\u0000${e.source}`;
  const edgeList = [...edges.values()];
  const pairKeys = edgeList.map((e) => pairOf(e.data));
  for (const key of pairKeys) pairs.set(key, (pairs.get(key) ?? 0) + 1);
  edgeList.forEach((e, i) => {
    if (pairs.get(pairKeys[i])! > 1) e.classes.add('parallel');
  });

  const nodeList = [...nodes.values()];
  for (const { data } of nodeList) {
    const { w, h } = box(data.lines, data.columns);
    data.w = w;
    data.h = h;
  }
  return {
    nodes: nodeList,
    edges: edgeList,
    report,
    collectorShown,
    diff,
    path,
  };
}

function addLine(n: ViewElement<GraphNodeData>, line: string): void {
  n.data.label += `\n${line}`;
  n.data.lines += 1;
  n.data.columns = Math.max(n.data.columns, line.length);
}

/** Cytoscape's class string of a view element (sorted, so equal sets compare equal). */
export function classString(e: ViewElement<unknown>): string {
  // Most elements have one class: no array to sort (this runs for every element of every step).
  if (e.classes.size <= 1) return e.classes.values().next().value ?? '';
  return [...e.classes].sort().join(' ');
}
