/**
 * The Cytoscape stylesheet: how each class of graph-elements.ts and of the view (graph-model.ts)
 * looks. States are styles, not separate graphs: a cycle is an outline (underlay), garbage a
 * dashed red box, what the collector found a colour of its own.
 */
import type { StylesheetJson } from 'cytoscape';
import type { GraphPalette } from './graph-theme';

// Cytoscape's font-family parser accepts double quotes only.
export const FONT_FAMILY =
  'ui-monospace, "SF Mono", "Cascadia Mono", "JetBrains Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace';
export const FONT_SIZE = 11;
const LINE_HEIGHT = 1.3;
const PADDING_X = 16;
const PADDING_Y = 10;
/** Node labels smaller than this on screen are not drawn: a zoomed-out 2,000-node heap stays fast. */
const MIN_ZOOMED_FONT_SIZE = 5;

let charWidth: number | undefined;

/** Width of one character of the node font, measured once (the labels are monospace). */
function monospaceWidth(): number {
  if (charWidth === undefined) {
    const context = document.createElement('canvas').getContext('2d');
    if (context === null) return (charWidth = FONT_SIZE * 0.6);
    context.font = `${FONT_SIZE}px ${FONT_FAMILY}`;
    charWidth = context.measureText('0123456789').width / 10;
  }
  return charWidth;
}

/** A node's box for a label of `lines` rows, the longest `columns` characters wide. */
export function nodeBox(lines: number, columns: number): { w: number; h: number } {
  return {
    w: Math.ceil(columns * monospaceWidth() + PADDING_X),
    h: Math.ceil(lines * FONT_SIZE * LINE_HEIGHT + PADDING_Y),
  };
}

/**
 * Whether Cytoscape draws node labels at this zoom: it compares the font size at the zoom's
 * texture level (the power of two at or above zoom × pixel ratio) with min-zoomed-font-size.
 */
export function nodeLabelsDrawn(zoom: number, pixelRatio: number): boolean {
  return FONT_SIZE * 2 ** Math.ceil(Math.log2(zoom * pixelRatio)) >= MIN_ZOOMED_FONT_SIZE;
}

/**
 * Whether the view is an overview: zoomed out so far that Cytoscape draws no node label (nor
 * edge label, whose minimum is reached sooner). The overview style applies there.
 */
export function isOverview(zoom: number, pixelRatio: number): boolean {
  return !nodeLabelsDrawn(zoom, pixelRatio);
}

/**
 * What the overview leaves out of the full style, last so that it wins over every class: at
 * that zoom labels are not drawn, an arrowhead is a pixel or less, and a bend or a loop is
 * not seen. Cytoscape redraws every edge in the frame after any change (a step); without
 * these, each edge is one line (haystack: no endpoint projections), not a line, an arrow and
 * an empty label box. Colours, widths, borders and underlays stay: they show the states.
 */
const OVERVIEW: StylesheetJson = [
  { selector: 'node', style: { label: '' } },
  { selector: 'edge', style: { 'curve-style': 'haystack', 'target-arrow-shape': 'none', label: '' } },
];

/** `overview`: the stylesheet for an overview (isOverview), not for an export. */
export function graphStylesheet(p: GraphPalette, overview = false): StylesheetJson {
  return [...fullStylesheet(p), ...(overview ? OVERVIEW : [])];
}

function fullStylesheet(p: GraphPalette): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        shape: 'round-rectangle',
        width: 'data(w)',
        height: 'data(h)',
        label: 'data(label)',
        'text-wrap': 'wrap',
        'text-valign': 'center',
        'text-halign': 'center',
        'text-justification': 'left',
        'line-height': LINE_HEIGHT,
        'font-family': FONT_FAMILY,
        'font-size': FONT_SIZE,
        color: p.text,
        'background-color': p.nodeBg,
        'border-width': 1,
        'border-color': p.nodeBorder,
        'min-zoomed-font-size': MIN_ZOOMED_FONT_SIZE,
      },
    },
    {
      selector: 'node.frame',
      style: {
        shape: 'rectangle',
        'background-color': p.frameBg,
        'border-color': p.frameBorder,
        'border-width': 1.5,
      },
    },
    { selector: 'node.frame.innermost', style: { 'border-width': 3, 'border-color': p.accent } },
    { selector: 'node.internal', style: { opacity: 0.65 } },
    {
      selector: 'node.shared',
      style: { 'background-color': p.sharedBg, color: p.muted, 'border-color': p.muted, 'border-width': 0.5 },
    },
    {
      selector: 'node.more',
      style: {
        shape: 'tag',
        'background-opacity': 0,
        'border-style': 'dashed',
        'border-color': p.muted,
        color: p.muted,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1.2,
        // Straight lines cost a fraction of bezier curves on a large heap; references that
        // share their two ends (and self-references) need curves to be told apart.
        'curve-style': 'straight',
        'line-color': p.edge,
        'target-arrow-shape': 'triangle',
        'target-arrow-color': p.edge,
        'arrow-scale': 0.8,
        label: 'data(label)',
        'font-family': FONT_FAMILY,
        'font-size': FONT_SIZE - 1,
        color: p.text,
        'text-background-color': p.edgeLabelBg,
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        'min-zoomed-font-size': 6,
      },
    },
    { selector: 'edge.parallel', style: { 'curve-style': 'bezier', 'control-point-step-size': 28 } },
    // Around the objects a straight line would cross (edge-bends.ts).
    {
      selector: 'edge[bend]',
      style: {
        'curve-style': 'unbundled-bezier',
        'control-point-distances': 'data(bend)',
        'control-point-weights': 0.5,
        'edge-distances': 'node-position',
      },
    },
    // A self-reference loops over the node's top; its control points must clear the box
    // (Cytoscape puts them 1.4 × the step size from the centre), or it is not drawn at all.
    {
      selector: 'edge:loop',
      style: {
        'curve-style': 'bezier',
        'loop-direction': '0deg',
        'loop-sweep': '-50deg',
        'control-point-step-size': 64,
      },
    },
    {
      selector: 'edge.variable',
      style: { 'line-color': p.frameBorder, 'target-arrow-color': p.frameBorder },
    },
    { selector: 'edge.weak', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 4] } },
    {
      selector: 'edge.temporary',
      style: {
        'line-style': 'dotted',
        'line-color': p.temporary,
        'target-arrow-color': p.temporary,
        'target-arrow-shape': 'vee',
        color: p.muted,
      },
    },
    {
      selector: 'edge.more',
      style: { 'line-style': 'dashed', 'line-color': p.muted, 'target-arrow-shape': 'none' },
    },

    // Cycles present at the step: an outline around members and their references.
    {
      selector: 'node.cycle',
      style: {
        'border-color': p.cycle,
        'border-width': 2,
        'underlay-color': p.cycle,
        'underlay-padding': 6,
        'underlay-opacity': 0.25,
      },
    },
    {
      selector: 'edge.cycle',
      style: {
        width: 2.5,
        'line-color': p.cycle,
        'target-arrow-color': p.cycle,
        'underlay-color': p.cycle,
        'underlay-padding': 4,
        'underlay-opacity': 0.2,
      },
    },
    // Alive but reachable from no frame: the leak only the collector can free.
    {
      selector: 'node.garbage',
      style: {
        'background-color': p.garbageBg,
        'border-color': p.garbage,
        'border-style': 'dashed',
        'border-width': 2.5,
      },
    },

    // The last collection, phase by phase.
    {
      selector: 'node.gc-candidate',
      style: { 'underlay-color': p.collector, 'underlay-padding': 4, 'underlay-opacity': 0.15 },
    },
    {
      selector: 'node.gc-unreachable',
      style: {
        'background-color': p.collectorBg,
        'border-color': p.collector,
        'border-style': 'solid',
        'border-width': 3,
        'underlay-color': p.collector,
        'underlay-padding': 7,
        'underlay-opacity': 0.3,
      },
    },
    {
      selector: 'edge.gc-unreachable',
      style: { 'line-color': p.collector, 'target-arrow-color': p.collector, width: 2.5 },
    },
    { selector: 'node.gc-phase', style: { 'underlay-opacity': 0.55, 'underlay-padding': 9 } },
    { selector: 'node.collected', style: { 'border-style': 'dashed', opacity: 0.8 } },
    {
      selector: 'node.resurrected',
      style: { 'border-color': p.resurrected, 'underlay-color': p.resurrected, 'border-style': 'double' },
    },

    // Compare mode: what changed since the other step.
    { selector: 'node.created', style: { 'border-color': p.created, 'border-width': 3 } },
    { selector: 'node.changed', style: { 'border-color': p.changed, 'border-width': 3 } },
    {
      selector: 'node.freed',
      style: {
        'background-opacity': 0.35,
        'border-color': p.freed,
        'border-style': 'dashed',
        'border-width': 2,
        color: p.muted,
      },
    },
    {
      selector: 'edge.added',
      style: { 'line-color': p.created, 'target-arrow-color': p.created, width: 2.2 },
    },
    {
      selector: 'edge.removed',
      style: {
        'line-color': p.freed,
        'target-arrow-color': p.freed,
        'line-style': 'dashed',
        opacity: 0.7,
        color: p.freed,
      },
    },

    // Selection: the object, who refers to it, and why it is alive.
    {
      selector: 'node.referrer',
      style: { 'border-color': p.referrer, 'border-width': 3 },
    },
    {
      selector: 'edge.referrer',
      style: { 'line-color': p.referrer, 'target-arrow-color': p.referrer, width: 2.5 },
    },
    {
      selector: 'node.path',
      style: { 'underlay-color': p.path, 'underlay-padding': 5, 'underlay-opacity': 0.3 },
    },
    {
      selector: 'edge.path',
      style: {
        'line-color': p.path,
        'target-arrow-color': p.path,
        width: 3.5,
        'underlay-color': p.path,
        'underlay-padding': 3,
        'underlay-opacity': 0.25,
        'font-weight': 'bold',
      },
    },
    {
      selector: 'node.selected',
      style: {
        'border-color': p.accent,
        'border-width': 4,
        'underlay-color': p.accent,
        'underlay-padding': 8,
        'underlay-opacity': 0.35,
      },
    },

    // Transitions between steps, declared on these classes only: a transition in the base
    // style would make Cytoscape check every element of a large heap on every change.
    { selector: 'node.flash', style: { 'background-color': p.flash } },
    {
      selector: '.leaving',
      style: { opacity: 0, 'transition-property': 'opacity', 'transition-duration': 0.3 },
    },
  ];
}
