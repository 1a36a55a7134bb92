/**
 * Which stylesheet the graph has: the full one, or the overview one (graph-style.ts) while
 * the zoom is below the level where labels are drawn. The sheet changes only when the zoom
 * crosses that level or the palette changes (a restyle of every element then), never on a
 * step. Exports draw with the full sheet.
 */
import type { Core } from 'cytoscape';
import { graphStylesheet, isOverview } from './graph-style';
import type { GraphPalette } from './graph-theme';

export class StyleDetail {
  private palette: GraphPalette | null = null;
  private overview = false;

  constructor(private readonly cy: Core) {
    cy.on('viewport', () => this.apply(false));
  }

  setPalette(palette: GraphPalette): void {
    this.palette = palette;
    this.apply(true);
  }

  /** Runs `draw` (an export) with the full sheet; the view gets its own back before it is drawn again. */
  withFullDetail<T>(draw: () => T): T {
    if (!this.overview || this.palette === null) return draw();
    this.cy.style(graphStylesheet(this.palette));
    try {
      return draw();
    } finally {
      this.cy.style(graphStylesheet(this.palette, true));
    }
  }

  private apply(force: boolean): void {
    if (this.palette === null) return;
    const overview = isOverview(this.cy.zoom(), window.devicePixelRatio);
    if (!force && overview === this.overview) return;
    this.overview = overview;
    this.cy.style(graphStylesheet(this.palette, overview));
  }
}
