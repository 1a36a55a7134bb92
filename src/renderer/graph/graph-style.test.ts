/** When Cytoscape leaves node labels out (graph-view.ts defers writing those it would not draw). */
import { describe, expect, it } from 'vitest';
import { nodeLabelsDrawn } from './graph-style';

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
