/**
 * The overview's plain references drawn as one path per colour and width. After a change
 * Cytoscape's canvas renderer draws every element one by one (its layer cache is rebuilt
 * later); for an edge that is ~3 µs of style lookups and a dozen canvas calls (colour string,
 * dashes reset twice, a cached Path2D keyed by its joined points, an arrowhead and label
 * check...), ~9 ms for the 2,700 references of a 2,000-object heap in the frame of every
 * step. In the overview (graph-style.ts: straight lines, no arrowheads, no labels) a plain
 * reference is one segment between two points: those of a colour and width go in one path.
 *
 * Only within Cytoscape's loop over the elements (`drawCachedElements`), whose draw order
 * puts every edge before every node (draw-order.ts), and only for edges drawn exactly so:
 * anything else (a dashed or dotted line, an outline under a cycle, a fading reference, the
 * full style of an export) goes to Cytoscape as before, after the batch is drawn.
 */
import type { Core, SingularElementArgument } from 'cytoscape';

type Context = CanvasRenderingContext2D;

/** The parts of Cytoscape's canvas renderer (3.x, not in its typings) this wraps. */
interface ElementDrawer {
  drawCachedElement(context: Context, ele: SingularElementArgument, ...rest: unknown[]): void;
  drawCachedElements(context: Context, eles: unknown, ...rest: unknown[]): void;
}

/** What this reads of a Cytoscape element beyond its typings: parsed style, drawing scratch. */
interface DrawnEdge {
  pstyle(property: string): { value: unknown; strValue?: string; pfValue?: number };
  /** The points Cytoscape computed for drawing (x1, y1, x2, y2 for a straight line). */
  _private: { rscratch: { badLine?: boolean; allpts?: number[] | null } };
}

interface Batch {
  context: Context;
  key: string;
  color: string;
  width: number;
  path: Path2D;
}

/**
 * Colour and width of an edge the overview draws as a plain solid segment, else null. Checks
 * the properties graph-style.ts sets; the others keep Cytoscape's defaults there (no outline,
 * no ghost, no mid-arrows, solid fill).
 */
function plainSegment(edge: DrawnEdge): { key: string; color: string; width: number } | null {
  if (edge.pstyle('curve-style').value !== 'haystack') return null;
  if (edge.pstyle('line-style').value !== 'solid') return null;
  if (edge.pstyle('label').strValue !== '') return null;
  if (edge.pstyle('underlay-opacity').value !== 0 || edge.pstyle('overlay-opacity').value !== 0) return null;
  if (edge.pstyle('opacity').value !== 1 || edge.pstyle('line-opacity').value !== 1) return null;
  // Cytoscape's visible() without its cache, which a restyle empties: the stylesheet hides
  // no element (graph-style.test.ts), so only the edge's own properties are read.
  if (edge.pstyle('visibility').value !== 'visible' || edge.pstyle('display').value !== 'element')
    return null;
  const [r, g, b] = edge.pstyle('line-color').value as number[];
  const width = edge.pstyle('width').pfValue!;
  const color = `rgb(${r},${g},${b})`;
  return { key: `${color} ${width}`, color, width };
}

/** Makes `cy`'s renderer batch the overview's plain references; leaves a renderer it does not know alone. */
export function batchOverviewEdges(cy: Core): void {
  const renderer = (cy as unknown as { renderer(): Partial<ElementDrawer> | null }).renderer();
  if (typeof renderer?.drawCachedElement !== 'function' || typeof renderer.drawCachedElements !== 'function')
    return;
  const drawOne = renderer.drawCachedElement;
  const drawAll = renderer.drawCachedElements;
  let inLoop = false;
  let batch: Batch | null = null;

  const flush = () => {
    if (batch === null) return;
    const { context, color, width, path } = batch;
    batch = null;
    context.lineWidth = width;
    context.lineCap = 'butt';
    context.strokeStyle = color;
    context.setLineDash([]);
    context.stroke(path);
  };

  const r = renderer as ElementDrawer;
  r.drawCachedElements = function (...args) {
    inLoop = true;
    try {
      drawAll.apply(this, args);
    } finally {
      inLoop = false;
      flush();
    }
  };
  r.drawCachedElement = function (context, ele, ...rest) {
    if (inLoop && ele.isEdge()) {
      const edge = ele as unknown as DrawnEdge;
      const pts = edge._private.rscratch;
      const segment = pts.badLine || pts.allpts?.length !== 4 ? null : plainSegment(edge);
      if (segment !== null) {
        if (batch !== null && (batch.context !== context || batch.key !== segment.key)) flush();
        batch ??= { context, ...segment, path: new Path2D() };
        const [x1, y1, x2, y2] = pts.allpts!;
        batch.path.moveTo(x1, y1);
        batch.path.lineTo(x2, y2);
        return;
      }
    }
    flush();
    drawOne.call(this, context, ele, ...rest);
  };
}
