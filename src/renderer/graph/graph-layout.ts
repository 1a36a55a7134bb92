/**
 * Whole-graph layouts: layered (left to right: frames on the left, the heap flowing right) by
 * default, force-directed (fcose) on demand. Between steps nothing is laid out again
 * (placement.ts places only new nodes); these run for a new scene or when asked.
 */
import type { Collection, Core, LayoutOptions, NodeSingular } from 'cytoscape';
import { GAP_X, GAP_Y } from './placement';
import { treeLayout } from './tree-layout';

export type LayoutName = 'layered' | 'force';

/**
 * dagre up to this many nodes (about 0.2 s); beyond, its crossing minimisation takes seconds
 * and tree-layout.ts lays the heap out in linear time.
 */
export const DAGRE_MAX_NODES = 300;
/** References to an object with more referrers than this do not pull it in the layout. */
const HUB_REFERRERS = 6;

const DAGRE: LayoutOptions = {
  name: 'dagre',
  rankDir: 'LR',
  nodeSep: GAP_Y,
  rankSep: GAP_X,
  edgeSep: 8,
  ranker: 'tight-tree',
  fit: false,
  animate: false,
} as LayoutOptions;

/**
 * The edges dagre should rank by: not `__class__` (an instance's class is defined earlier and
 * reached from a frame; pulling it right of its instances reads backwards), and not the second
 * and later references to a hub (a function or list many objects share): those span many
 * layers, and each layer crossed costs dagre a dummy node while telling the reader nothing.
 */
function rankingEdges(eles: Collection): Collection {
  const skip = eles.edges().filter((edge) => {
    if (edge.data('label') === '__class__') return true;
    const incoming = edge.target().incomers('edge');
    return incoming.length > HUB_REFERRERS && incoming[0].id() !== edge.id();
  });
  return eles.not(skip);
}

function layered(cy: Core, eles: Collection): Promise<void> {
  const nodes = eles.nodes();
  if (nodes.length <= DAGRE_MAX_NODES) {
    return new Promise((resolve) => {
      const layout = rankingEdges(eles).layout(DAGRE);
      layout.one('layoutstop', () => resolve());
      layout.run();
    });
  }
  // Read from data, not from Cytoscape's style: computing 2,000 styles here would double the cost.
  const positions = treeLayout(
    nodes.map((n) => ({ id: n.id(), w: n.data('w'), h: n.data('h'), frame: n.data('kind') === 'frame' })),
    eles.edges().map((e) => ({ source: e.data('source'), target: e.data('target') })),
  );
  cy.batch(() => nodes.forEach((n) => void n.position(positions.get(n.id()) ?? { x: 0, y: 0 })));
  return Promise.resolve();
}

function forceOptions(animate: boolean, randomize: boolean): LayoutOptions {
  return {
    name: 'fcose',
    quality: 'default',
    randomize,
    animate,
    animationDuration: 400,
    fit: false,
    nodeDimensionsIncludeLabels: false,
    idealEdgeLength: () => 90,
    nodeRepulsion: () => 9000,
    nodeSeparation: 40,
  } as LayoutOptions;
}

/** Frames in one column at the left, outermost on top, whatever order the layout chose. */
function alignFrames(cy: Core): void {
  const frameNodes = cy.nodes('.frame');
  const frames = frameNodes.toArray().sort((a, b) => frameOrder(a) - frameOrder(b)) as NodeSingular[];
  if (frames.length === 0) return;
  let heapLeft = Infinity;
  cy.nodes().forEach((n) => {
    if (n.data('kind') !== 'frame') heapLeft = Math.min(heapLeft, n.position('x') - n.data('w') / 2);
  });
  if (!Number.isFinite(heapLeft)) heapLeft = 0;
  const h = (f: NodeSingular) => f.data('h') as number;
  const width = Math.max(...frames.map((f) => f.data('w') as number));
  const x = heapLeft - GAP_X * 1.5 - width / 2;
  let y = Math.min(...frames.map((f) => f.position('y') - h(f) / 2));
  frames.forEach((f) => {
    f.position({ x, y: y + h(f) / 2 });
    y += h(f) + GAP_Y * 2;
  });
}

const frameOrder = (n: NodeSingular) => Number(/^f(\d+)/.exec(n.id())?.[1] ?? 0);

/** Lays the whole graph out; resolves when positions are final. */
export async function runLayout(cy: Core, name: LayoutName, animate: boolean): Promise<void> {
  const eles = cy.elements().not('.leaving');
  if (eles.length === 0) return;
  if (name === 'layered') {
    await layered(cy, eles);
    alignFrames(cy);
    return;
  }
  // From the current positions when animating (a refinement the eye can follow).
  const layout = eles.layout(forceOptions(animate, !animate));
  await new Promise<void>((resolve) => {
    layout.one('layoutstop', () => resolve());
    layout.run();
  });
}

const MAX_FIT_ZOOM = 1.25;
const FIT_PADDING = 24;
/** The zoom below which a node's text is too small to read. */
const LEGIBLE_ZOOM = 0.8;

/**
 * Fits the graph in the view without blowing a handful of nodes up to giant size. The box
 * comes from positions and node sizes: Cytoscape's own bounding box would measure every label.
 *
 * `legible` (the view a run opens on): a graph wider than the view but low enough to fit its
 * height at a readable zoom (a small program's, laid out from the frames on the left) is shown
 * at that zoom from its left edge, the rest a pan away, instead of shrunk to unreadable text.
 * The toolbar's Fit shows the whole graph whatever the zoom.
 */
export function fitView(cy: Core, legible = false): void {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  cy.nodes().forEach((n) => {
    if (n.hasClass('leaving')) return;
    const { x, y } = n.position();
    const w = (n.data('w') as number) / 2;
    const h = (n.data('h') as number) / 2;
    x1 = Math.min(x1, x - w);
    x2 = Math.max(x2, x + w);
    // Self-references loop above their node.
    y1 = Math.min(y1, y - h - 30);
    y2 = Math.max(y2, y + h);
  });
  if (!Number.isFinite(x1)) return;
  const width = cy.width() - 2 * FIT_PADDING;
  const height = cy.height() - 2 * FIT_PADDING;
  const zoom = Math.max(cy.minZoom(), Math.min(MAX_FIT_ZOOM, width / (x2 - x1), height / (y2 - y1)));
  const centerY = cy.height() / 2;
  if (legible && zoom < LEGIBLE_ZOOM && (y2 - y1) * LEGIBLE_ZOOM <= height) {
    cy.viewport({
      zoom: LEGIBLE_ZOOM,
      pan: { x: FIT_PADDING - LEGIBLE_ZOOM * x1, y: centerY - (LEGIBLE_ZOOM * (y1 + y2)) / 2 },
    });
    return;
  }
  cy.viewport({
    zoom,
    pan: { x: cy.width() / 2 - (zoom * (x1 + x2)) / 2, y: centerY - (zoom * (y1 + y2)) / 2 },
  });
}
