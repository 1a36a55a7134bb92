/**
 * The reference graph of a Snapshot as Cytoscape elements (its JSON form): one node per frame
 * and per object, one edge per reference, in the order of the snapshot. Shared by the graph
 * view (which adds its own view classes and positions) and the exports (DOT, JSON), so that a
 * file written by the engine's command line names nodes and edges exactly as the app does.
 */
import type { FrameRef, ObjectId, Snapshot, SnapshotEdge, SnapshotObject } from './snapshot-types';

export interface GraphOptions {
  /**
   * Fold shared objects (None, True/False, small ints, interned strings, builtins) into the
   * labels of the frames and objects that refer to them, as Python Tutor's "inline
   * primitives" does. Default true. Shared objects are leaves in a snapshot (the walk does not
   * look inside them), so folding them hides no reference.
   */
  foldShared?: boolean;
  /** Folded values listed in one node's label before "… N more". */
  maxFoldedLines?: number;
}

export type GraphNodeKind = 'frame' | 'object' | 'more';

export interface GraphNodeData {
  /** Cytoscape id: `f<index>:<name>` for frames, `o<id>` for objects, `more:o<id>` for folds. */
  id: string;
  kind: GraphNodeKind;
  /** The text drawn in the node, one line per row. */
  label: string;
  /** The first line of `label`: what a legend or a list shows. */
  title: string;
  objectId?: ObjectId;
  frame?: FrameRef;
  type?: string;
  refcount?: number;
  size?: number;
  /** Number of text lines in `label` and the longest one, for sizing the node box. */
  lines: number;
  columns: number;
}

export interface GraphEdgeData {
  /** Stable across steps while the reference exists: source, label, target (and a counter). */
  id: string;
  source: string;
  target: string;
  label: string;
  /** Index of the reference in `snapshot.edges` (none for a "… N more" edge). */
  index?: number;
}

export interface GraphElement<D> {
  data: D;
  /** Space-separated Cytoscape classes (see `graphElements`). */
  classes: string;
  position?: { x: number; y: number };
}

export interface GraphElements {
  nodes: GraphElement<GraphNodeData>[];
  edges: GraphElement<GraphEdgeData>[];
}

const DEFAULT_FOLDED_LINES = 8;

export const objectNodeId = (id: ObjectId): string => `o${id}`;

/** Frames are told apart by depth and function, so a new call at the same depth is a new node. */
export function frameNodeId(snapshot: Snapshot, ref: FrameRef): string {
  const index = frameIndex(ref);
  return `f${index}:${snapshot.frames[index]?.name ?? '?'}`;
}

export function frameIndex(ref: FrameRef): number {
  return Number(ref.slice('frame:'.length));
}

/** The node an edge leaves from. */
export function sourceNodeId(snapshot: Snapshot, from: ObjectId | FrameRef): string {
  return typeof from === 'number' ? objectNodeId(from) : frameNodeId(snapshot, from);
}

/** The text of a folded object inside its referrer: `x = 42`, `[0] = None`, `.name = 'a'`. */
function foldedLine(edge: SnapshotEdge, target: SnapshotObject): string {
  return `${edge.label} = ${target.label}`;
}

function objectTitle(o: SnapshotObject): string {
  return o.label;
}

function objectSubtitle(o: SnapshotObject): string {
  // A shared object's refcount counts every user in the interpreter: noise, not information.
  if (o.shared) return o.type;
  return `${o.type} · rc ${o.refcount} · ${o.size} B`;
}

function frameTitle(name: string): string {
  return name.startsWith('<') ? name : `${name}()`;
}

/**
 * Classes: nodes `frame` (+ `innermost`, `internal`), `object` (+ `shared`, `garbage` when
 * only cycles keep it alive, `cycle` when part of one, `finalizer`), `more`; edges
 * `variable` (from a frame), `weak`, `temporary`, `cycle` (both ends in the same cycle), `more`.
 */
export function graphElements(snapshot: Snapshot, options: GraphOptions = {}): GraphElements {
  const fold = options.foldShared ?? true;
  const maxFolded = options.maxFoldedLines ?? DEFAULT_FOLDED_LINES;
  const objects = new Map(snapshot.objects.map((o) => [o.id, o]));
  const cycleOf = new Map<ObjectId, number>();
  snapshot.cycles.forEach((cycle, i) => cycle.forEach((id) => cycleOf.set(id, i)));
  const folded = (id: ObjectId) => fold && objects.get(id)?.shared === true;

  // Folded values by referrer node, in edge order.
  const foldedLines = new Map<string, string[]>();
  const edges: GraphElement<GraphEdgeData>[] = [];
  const seenEdgeIds = new Map<string, number>();
  snapshot.edges.forEach((edge, index) => {
    const source = sourceNodeId(snapshot, edge.from);
    const target = objects.get(edge.to);
    // An edge to an object beyond the walk's limit (truncated snapshot) has nothing to point at.
    if (target === undefined) return;
    if (folded(edge.to) && !edge.temporary) {
      let lines = foldedLines.get(source);
      if (lines === undefined) foldedLines.set(source, (lines = []));
      lines.push(foldedLine(edge, target));
      return;
    }
    if (folded(edge.to)) return; // a temporary None on the value stack says nothing
    const base = `${source}\u2192${edge.label}\u2192${objectNodeId(edge.to)}`;
    const n = seenEdgeIds.get(base) ?? 0;
    seenEdgeIds.set(base, n + 1);
    const classes: string[] = [];
    if (typeof edge.from !== 'number') classes.push('variable');
    if (edge.weak) classes.push('weak');
    if (edge.temporary) classes.push('temporary');
    if (typeof edge.from === 'number' && !edge.weak) {
      const c = cycleOf.get(edge.from);
      if (c !== undefined && c === cycleOf.get(edge.to)) classes.push('cycle');
    }
    edges.push({
      data: {
        id: n === 0 ? base : `${base}#${n}`,
        source,
        target: objectNodeId(edge.to),
        label: edge.label,
        index,
      },
      classes: classes.join(' '),
    });
  });

  const withFolded = (lines: string[], id: string): string[] => {
    const extra = foldedLines.get(id);
    if (extra === undefined) return lines;
    const shown = extra.length > maxFolded + 1 ? extra.slice(0, maxFolded) : extra;
    const rest = extra.length - shown.length;
    return [...lines, ...shown, ...(rest > 0 ? [`… ${rest} more`] : [])];
  };

  const nodes: GraphElement<GraphNodeData>[] = [];
  const innermost = snapshot.frames.length - 1;
  snapshot.frames.forEach((frame, index) => {
    const id = frameNodeId(snapshot, frame.ref);
    const title = frameTitle(frame.name);
    const head = frame.line > 0 ? `line ${frame.line}` : 'globals';
    const lines = withFolded([title, index === innermost ? `${head} · current` : head], id);
    const classes = ['frame'];
    if (index === innermost) classes.push('innermost');
    if (frame.internal) classes.push('internal');
    nodes.push({ data: nodeData(id, 'frame', lines, { frame: frame.ref }), classes: classes.join(' ') });
  });
  for (const o of snapshot.objects) {
    if (folded(o.id)) continue;
    const id = objectNodeId(o.id);
    const lines = withFolded([objectTitle(o), objectSubtitle(o)], id);
    const classes = ['object'];
    if (o.shared) classes.push('shared');
    // A shared object (an interned 'b') is kept by the interpreter, whoever else refers to it.
    if (!o.reachable && !o.shared) classes.push('garbage');
    if (cycleOf.has(o.id)) classes.push('cycle');
    if (o.finalizer) classes.push('finalizer');
    nodes.push({
      data: nodeData(id, 'object', lines, {
        objectId: o.id,
        type: o.type,
        refcount: o.refcount,
        size: o.size,
      }),
      classes: classes.join(' '),
    });
    if (o.omittedEdges !== undefined && o.omittedEdges > 0) {
      const moreId = `more:${id}`;
      nodes.push({ data: nodeData(moreId, 'more', [`… ${o.omittedEdges} more`], {}), classes: 'more' });
      edges.push({ data: { id: `${id}\u2192…`, source: id, target: moreId, label: '…' }, classes: 'more' });
    }
  }
  return { nodes, edges };
}

function nodeData(
  id: string,
  kind: GraphNodeKind,
  lines: string[],
  extra: Partial<GraphNodeData>,
): GraphNodeData {
  return {
    id,
    kind,
    label: lines.join('\n'),
    title: lines[0],
    ...extra,
    lines: lines.length,
    columns: Math.max(...lines.map((line) => line.length)),
  };
}

/**
 * Objects alive but reachable from no frame or module: what only the cyclic collector frees.
 * Shared objects (interned strings, small ints) only garbage refers to are left out: the
 * interpreter keeps them.
 */
export function unreachableObjects(snapshot: Snapshot): ObjectId[] {
  return snapshot.objects.filter((o) => !o.reachable && !o.shared).map((o) => o.id);
}
