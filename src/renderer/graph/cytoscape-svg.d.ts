// cytoscape-svg ships no types; it adds `cy.svg(options)` (declared in cytoscape-setup.ts).
declare module 'cytoscape-svg' {
  import type { Ext } from 'cytoscape';
  const register: Ext;
  export default register;
}
