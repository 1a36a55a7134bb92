/**
 * The graph's exports from real snapshots: DOT that Graphviz accepts (checked with `dot` when
 * it is installed; CI installs it), JSON that is the Snapshot plus its unreachable objects and
 * elements that Cytoscape loads.
 */
import { spawnSync } from 'node:child_process';
import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { runSource } from '../run';
import { moduleEndStep } from '../cli';
import { graphElements } from './graph-elements';
import { GRAPH_JSON_FORMAT, toDot, toGraphJson } from './graph-export';
import type { Snapshot } from './snapshot-types';

function snapshotAtEnd(source: string): Snapshot {
  const { steps } = runSource(source, { recordSteps: true, filename: 'graph.py' });
  return runSource(source, { snapshotAt: moduleEndStep(steps!)!, filename: 'graph.py' }).snapshot!;
}

const LEAK = 'l = []\nl.append(l)\ndel l\n';
const CLASSES = [
  'class Node:',
  '    def __init__(self, name):',
  '        self.name = name',
  '        self.other = None',
  '',
  'a = Node(\'a "quoted" \\\\ back\')',
  "b = Node('b')",
  'a.other = b',
  'b.other = a',
  'big = list(range(1000, 1100))',
  'small = [1, 2, None]',
  '',
].join('\n');

const hasDot = spawnSync('dot', ['-V']).status === 0;

describe('toDot', () => {
  it('boxes the leaked self-referencing list in a garbage cluster, with its [0] loop', () => {
    const snapshot = snapshotAtEnd(LEAK);
    const list = snapshot.objects.find((o) => o.type === 'list')!;
    expect(list.reachable).toBe(false);
    const dot = toDot(snapshot);
    expect(dot).toMatch(/^digraph "step \d+" \{/);
    expect(dot).toContain('subgraph "cluster_cycle_0"');
    expect(dot).toContain('cycle (unreachable: garbage)');
    expect(dot).toContain(`"o${list.id}" -> "o${list.id}" [label="[0]"`);
  });

  it('escapes quotes and backslashes of Python reprs, and folds shared objects into labels', () => {
    const snapshot = snapshotAtEnd(CLASSES);
    const dot = toDot(snapshot);
    expect(dot).toContain(String.raw`label="'a \"quoted\" \\\\ back'\lstr`);
    // None and small ints are shared: folded into the list's label, not nodes of their own.
    expect(dot).toContain(String.raw`list (3 items)\llist · rc 1 · 88 B\l[2] = None\l[1] = 2\l[0] = 1\l`);
    expect(dot).not.toMatch(/label="None/);
    expect(toDot(snapshot, { foldShared: false })).toMatch(/label="None/);
    expect(dot).toMatch(/… 36 more/);
  });

  const dotTitle = hasDot
    ? 'is accepted by Graphviz dot'
    : 'is accepted by Graphviz dot (skipped: `dot` is not installed; apt-get install graphviz)';
  it.skipIf(!hasDot)(dotTitle, () => {
    for (const source of [LEAK, CLASSES]) {
      const snapshot = snapshotAtEnd(source);
      for (const foldShared of [true, false]) {
        const result = spawnSync('dot', ['-Tsvg'], {
          input: toDot(snapshot, { foldShared }),
          encoding: 'utf8',
        });
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
        expect(result.stdout).toContain('<svg');
      }
    }
  });
});

describe('toGraphJson', () => {
  it('is the Snapshot plus its unreachable objects and Cytoscape elements, and round-trips', () => {
    const snapshot = snapshotAtEnd(CLASSES + 'del a, b\n');
    const json = toGraphJson(snapshot);
    expect(json.format).toBe(GRAPH_JSON_FORMAT);
    const { format: _format, version: _version, unreachable, elements: _elements, ...rest } = json;
    expect(rest).toEqual(snapshot);
    // The two instances and the string only they refer to; not the interned 'b' they share
    // with the interpreter.
    const types = unreachable.map((id) => snapshot.objects.find((o) => o.id === id)!.type);
    expect(types.sort()).toEqual(['Node', 'Node', 'str']);
    const b = snapshot.objects.find((o) => o.label === "'b'")!;
    expect(b).toMatchObject({ reachable: false, shared: true });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('has elements Cytoscape loads, every edge between existing nodes', () => {
    const snapshot = snapshotAtEnd(CLASSES);
    const { elements } = toGraphJson(snapshot);
    const cy = cytoscape({ headless: true, elements: [...elements.nodes, ...elements.edges] });
    expect(cy.nodes().length).toBe(elements.nodes.length);
    expect(cy.edges().length).toBe(elements.edges.length);
    expect(
      cy
        .getElementById('f0:<module>')
        .outgoers('edge')
        .map((e) => e.data('label')),
    ).toEqual(expect.arrayContaining(['Node', 'a', 'b', 'big']));
    cy.destroy();
  });
});

describe('graphElements', () => {
  it('shows shared objects as nodes when not folded, and a "… N more" node for long containers', () => {
    const snapshot = snapshotAtEnd(CLASSES);
    const folded = graphElements(snapshot);
    const unfolded = graphElements(snapshot, { foldShared: false });
    expect(unfolded.nodes.length).toBeGreaterThan(folded.nodes.length);
    expect(unfolded.nodes.some((n) => n.classes.includes('shared') && n.data.title === 'None')).toBe(true);
    const more = folded.nodes.find((n) => n.data.kind === 'more')!;
    expect(more.data.label).toBe('… 36 more');
    const big = snapshot.objects.find((o) => o.label === 'list (100 items)')!;
    expect(big.omittedEdges).toBe(36);
  });

  it('keeps edge ids stable and unique, marking cycle edges and frame variables', () => {
    const snapshot = snapshotAtEnd(CLASSES);
    const { edges } = graphElements(snapshot, { foldShared: false });
    expect(new Set(edges.map((e) => e.data.id)).size).toBe(edges.length);
    const other = edges.filter((e) => e.data.label === '.other');
    expect(other).toHaveLength(2);
    expect(other.every((e) => e.classes.includes('cycle'))).toBe(true);
    expect(edges.find((e) => e.data.label === 'a')!.classes).toBe('variable');
    expect(JSON.stringify(graphElements(snapshot))).toBe(JSON.stringify(graphElements(snapshot)));
  });
});
