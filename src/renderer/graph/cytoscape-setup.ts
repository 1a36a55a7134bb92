/**
 * Cytoscape with the extensions the graph uses, registered once, and made to run under the
 * renderer's Content-Security-Policy (`style-src 'self'`).
 */
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import fcose from 'cytoscape-fcose';
import svg from 'cytoscape-svg';

declare module 'cytoscape' {
  interface Core {
    /** cytoscape-svg: the graph as SVG text (`full`: the whole graph, not just the view). */
    svg(options?: { full?: boolean; scale?: number; bg?: string }): string;
  }
}

let registered = false;

/**
 * Cytoscape's canvas renderer injects an inline <style> (`position: relative` for its
 * container) unless an element with its id already exists; the CSP blocks inline styles and
 * logs an error. graph.css carries the same rule, so a placeholder element is enough.
 */
function preventInlineStylesheet(): void {
  const id = '__________cytoscape_stylesheet';
  if (document.getElementById(id) !== null) return;
  const placeholder = document.createElement('meta');
  placeholder.id = id;
  placeholder.name = 'cytoscape-stylesheet';
  placeholder.content = 'in graph.css';
  document.head.prepend(placeholder);
}

export function setupCytoscape(): typeof cytoscape {
  if (!registered) {
    cytoscape.use(dagre);
    cytoscape.use(fcose);
    cytoscape.use(svg);
    registered = true;
  }
  preventInlineStylesheet();
  return cytoscape;
}
