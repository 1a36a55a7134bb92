/**
 * The graph's four exports: PNG and SVG of what Cytoscape draws, DOT and JSON from the
 * snapshot (graph-export.ts, the same text the engine's command line writes), the JSON with
 * the elements as drawn (positions, view classes, ghosts).
 */
import type { Core } from 'cytoscape';
import type { Snapshot } from '../../core';
import type {
  GraphEdgeData,
  GraphElement,
  GraphElements,
  GraphNodeData,
} from '../../core/trace/graph-elements';
import { toDot, toGraphJson } from '../../core/trace/graph-export';

export type ExportFormat = 'png' | 'svg' | 'dot' | 'json';

export interface ImageOptions {
  scale: number;
  /** A colour, or null for a transparent background. */
  background: string | null;
  /** The whole graph rather than what the view shows. */
  full: boolean;
}

export interface ExportedFile {
  blob: Blob;
  filename: string;
}

/** The elements on screen in Cytoscape's JSON form (what is fading out is already gone). */
export function drawnElements(cy: Core): GraphElements {
  const visible = cy.elements().not('.leaving');
  const classes = (ele: { classes(): string[] }) =>
    ele
      .classes()
      .filter((c) => c !== 'flash')
      .join(' ');
  return {
    nodes: visible.nodes().map((n): GraphElement<GraphNodeData> => ({
      data: n.data() as GraphNodeData,
      classes: classes(n),
      position: { ...n.position() },
    })),
    edges: visible
      .edges()
      .map((e): GraphElement<GraphEdgeData> => ({ data: e.data() as GraphEdgeData, classes: classes(e) })),
  };
}

export function exportGraph(
  cy: Core,
  snapshot: Snapshot,
  format: ExportFormat,
  options: ImageOptions & { foldShared: boolean },
): ExportedFile {
  const filename = `pymem-graph-step-${snapshot.step}.${format}`;
  const bg = options.background ?? undefined;
  switch (format) {
    case 'png':
      return { filename, blob: cy.png({ output: 'blob', scale: options.scale, bg, full: options.full }) };
    case 'svg':
      return {
        filename,
        blob: new Blob([cy.svg({ scale: options.scale, bg, full: options.full })], { type: 'image/svg+xml' }),
      };
    case 'dot':
      return {
        filename,
        blob: new Blob([toDot(snapshot, { foldShared: options.foldShared })], { type: 'text/vnd.graphviz' }),
      };
    case 'json': {
      const json = toGraphJson(snapshot, { foldShared: options.foldShared, elements: drawnElements(cy) });
      return {
        filename,
        blob: new Blob([JSON.stringify(json, null, 1) + '\n'], { type: 'application/json' }),
      };
    }
  }
}
