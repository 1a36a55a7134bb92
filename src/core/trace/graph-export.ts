/**
 * The reference graph as files: DOT for Graphviz (laid out left to right like objgraph's
 * `show_refs`, cycles boxed in clusters) and JSON (the Snapshot, its unreachable objects and
 * the Cytoscape elements). Pure: the engine's command line and the app write the same text.
 */
import {
  graphElements,
  unreachableObjects,
  type GraphElement,
  type GraphElements,
  type GraphNodeData,
  type GraphOptions,
} from './graph-elements';
import type { ObjectId, Snapshot } from './snapshot-types';

export const GRAPH_JSON_FORMAT = 'pymem-lab-graph';

/** The JSON export: the Snapshot's fields, then what the graph adds to them. */
export interface GraphJson extends Snapshot {
  format: typeof GRAPH_JSON_FORMAT;
  version: 1;
  /** Objects alive but reachable from no frame or module (garbage only the collector frees). */
  unreachable: ObjectId[];
  /** Cytoscape's JSON form (`cy.add(elements)` loads it), with positions when the app wrote it. */
  elements: GraphElements;
}

export function toGraphJson(
  snapshot: Snapshot,
  options: GraphOptions & { elements?: GraphElements } = {},
): GraphJson {
  return {
    format: GRAPH_JSON_FORMAT,
    version: 1,
    ...snapshot,
    unreachable: unreachableObjects(snapshot),
    elements: options.elements ?? graphElements(snapshot, options),
  };
}

/** A DOT double-quoted string; `\l` ends each line left-aligned, as objgraph's labels do. */
function quote(text: string, multiline = false): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return `"${multiline ? escaped.split('\n').join('\\l') + '\\l' : escaped.replace(/\n/g, '\\n')}"`;
}

/** An attribute list; `raw` values are already DOT text (a left-aligned label). */
function attrs(list: Record<string, string | number | undefined>, raw: Record<string, string> = {}): string {
  const parts = [
    ...Object.entries(raw).map(([k, v]) => `${k}=${v}`),
    ...Object.entries(list)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${typeof v === 'number' ? v : quote(v!)}`),
  ];
  return parts.length > 0 ? ` [${parts.join(', ')}]` : '';
}

const has = (element: GraphElement<unknown>, name: string) => element.classes.split(' ').includes(name);

/** Colours of the app's light theme, so a printed graph reads like the screen. */
function nodeAttrs(node: GraphElement<GraphNodeData>): Record<string, string | undefined> {
  if (node.data.kind === 'frame')
    return {
      shape: 'box',
      style: 'filled',
      fillcolor: has(node, 'innermost') ? '#dbeafe' : '#eef2ff',
      color: has(node, 'innermost') ? '#2563eb' : '#6b7280',
      penwidth: has(node, 'innermost') ? '2' : undefined,
    };
  if (node.data.kind === 'more') return { shape: 'note', style: 'filled', fillcolor: '#f3f4f6' };
  if (has(node, 'garbage'))
    return { style: 'rounded,filled,dashed', fillcolor: '#fee2e2', color: '#dc2626', penwidth: '2' };
  if (has(node, 'shared')) return { style: 'rounded,filled', fillcolor: '#f3f4f6', color: '#9ca3af' };
  return { style: 'rounded,filled', fillcolor: '#ffffff', color: has(node, 'cycle') ? '#ea580c' : '#4b5563' };
}

export function toDot(snapshot: Snapshot, options: GraphOptions = {}): string {
  const { nodes, edges } = graphElements(snapshot, options);
  const out: string[] = [];
  const caption = `step ${snapshot.step}: ${snapshot.event} at line ${snapshot.line} in ${snapshot.func}`;
  out.push(`digraph ${quote(`step ${snapshot.step}`)} {`);
  out.push(`  graph${attrs({ rankdir: 'LR', label: caption, labelloc: 't', fontname: 'monospace' })};`);
  out.push(`  node${attrs({ shape: 'box', fontname: 'monospace', fontsize: 10 })};`);
  out.push(`  edge${attrs({ fontname: 'monospace', fontsize: 9 })};`);

  const frames = nodes.filter((n) => n.data.kind === 'frame');
  const byCycle = new Map<number, GraphElement<GraphNodeData>[]>();
  const cycleIndex = new Map<ObjectId, number>();
  snapshot.cycles.forEach((cycle, i) => cycle.forEach((id) => cycleIndex.set(id, i)));
  const loose: GraphElement<GraphNodeData>[] = [];
  for (const node of nodes) {
    if (node.data.kind === 'frame') continue;
    const c = node.data.objectId === undefined ? undefined : cycleIndex.get(node.data.objectId);
    if (c === undefined) loose.push(node);
    else byCycle.set(c, [...(byCycle.get(c) ?? []), node]);
  }
  const line = (node: GraphElement<GraphNodeData>) =>
    `${quote(node.data.id)}${attrs(nodeAttrs(node), { label: quote(node.data.label, true) })};`;

  // The frames are the roots: first rank, on the left.
  if (frames.length > 0) {
    out.push('  { rank=min;');
    for (const node of frames) out.push(`    ${line(node)}`);
    out.push('  }');
  }
  for (const node of loose) out.push(`  ${line(node)}`);
  for (const [i, members] of byCycle) {
    const garbage = members.some((m) => has(m, 'garbage'));
    out.push(`  subgraph ${quote(`cluster_cycle_${i}`)} {`);
    out.push(
      `    graph${attrs({
        label: garbage ? 'cycle (unreachable: garbage)' : 'reference cycle',
        style: 'dashed,rounded',
        color: garbage ? '#dc2626' : '#ea580c',
        fontcolor: garbage ? '#dc2626' : '#ea580c',
      })};`,
    );
    for (const node of members) out.push(`    ${line(node)}`);
    out.push('  }');
  }
  for (const edge of edges) {
    const style = has(edge, 'weak') ? 'dashed' : has(edge, 'temporary') ? 'dotted' : undefined;
    const color = has(edge, 'cycle') ? '#ea580c' : has(edge, 'temporary') ? '#9ca3af' : undefined;
    out.push(
      `  ${quote(edge.data.source)} -> ${quote(edge.data.target)}${attrs({ label: edge.data.label, style, color })};`,
    );
  }
  out.push('}');
  return out.join('\n') + '\n';
}
