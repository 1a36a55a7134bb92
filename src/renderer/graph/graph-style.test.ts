/**
 * When Cytoscape leaves node labels out (graph-view.ts defers writing those it would not
 * draw), and what the stylesheet must not set (draw-order.ts).
 */
import { describe, expect, it } from 'vitest';
import { graphStylesheet, nodeLabelsDrawn } from './graph-style';
import { DARK, LIGHT } from './graph-theme';

describe('nodeLabelsDrawn', () => {
  it('follows the zoom texture level, a power of two at or above zoom × pixel ratio', () => {
    expect(nodeLabelsDrawn(1, 1)).toBe(true);
    // Level 1/2: 11 px × 0.5 is above the 5 px minimum.
    expect(nodeLabelsDrawn(0.3, 1)).toBe(true);
    // Level 1/4: 2.75 px, not drawn.
    expect(nodeLabelsDrawn(0.25, 1)).toBe(false);
    expect(nodeLabelsDrawn(0.05, 1)).toBe(false);
    expect(nodeLabelsDrawn(0.25, 2)).toBe(true);
  });
});

describe('graphStylesheet', () => {
  const properties = () =>
    [LIGHT, DARK].flatMap((palette) =>
      [false, true].flatMap((overview) =>
        graphStylesheet(palette, overview).flatMap((block) =>
          Object.keys('style' in block ? block.style : {}),
        ),
      ),
    );

  it('sets no property that orders drawing: draw-order.ts draws edges, then nodes, as added', () => {
    expect(properties().filter((p) => p.startsWith('z-'))).toEqual([]);
  });

  it("hides no element: overview-edges.ts reads only an edge's own visibility", () => {
    expect(properties().filter((p) => p === 'display' || p === 'visibility')).toEqual([]);
  });
});
