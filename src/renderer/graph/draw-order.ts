/**
 * The order Cytoscape draws elements in, found without its sort. After any add or remove its
 * canvas renderer sorts every element again (`getCachedZSortedEles`, a comparator that reads
 * three style properties and a map per comparison): ~2.5 ms warm, 5–10 ms in the first steps,
 * for the 4,700 elements of a 2,000-object heap, in the frame of every step that adds one.
 *
 * That comparator orders by z-compound-depth, then edges before nodes (z-index-compare auto),
 * then z-index, then the order of addition. The graph has no compound nodes and its
 * stylesheet (graph-style.ts, tested) sets none of those properties, so the order is the
 * edges, then the nodes, each in the order of addition: one pass, not a sort.
 */
import type { Core, SingularElementArgument } from 'cytoscape';

/** The parts of Cytoscape's canvas renderer (3.x, not in its typings) this replaces. */
interface SortingRenderer {
  cachedZSortedEles: ZSorted | null;
  getCachedZSortedEles(forceRecalc?: boolean): ZSorted;
  updateCachedGrabbedEles(): void;
}

type ZSorted = SingularElementArgument[] & { readonly interactive?: SingularElementArgument[] };

/** The parts of Cytoscape's core used here that its typings leave out. */
interface CoreInternals {
  /** The elements in the order they were added (its pool; `elements()` copies it). */
  mutableElements(): ArrayLike<SingularElementArgument>;
  hasCompoundNodes(): boolean;
  renderer(): Partial<SortingRenderer> | null;
}

/** Makes `cy`'s renderer find the draw order in one pass; leaves a renderer it does not know alone. */
export function drawInAdditionOrder(cy: Core): void {
  const core = cy as unknown as CoreInternals;
  const renderer = core.renderer();
  if (
    typeof renderer?.getCachedZSortedEles !== 'function' ||
    typeof renderer.updateCachedGrabbedEles !== 'function'
  )
    return;
  const sorted = renderer.getCachedZSortedEles;
  const r = renderer as SortingRenderer;
  r.getCachedZSortedEles = function (forceRecalc) {
    if (core.hasCompoundNodes()) return sorted.call(this, forceRecalc);
    if (!forceRecalc && this.cachedZSortedEles) return this.cachedZSortedEles;
    const all = core.mutableElements();
    const eles: ZSorted = [];
    const nodes: SingularElementArgument[] = [];
    for (let i = 0; i < all.length; i++) (all[i].isNode() ? nodes : eles).push(all[i]);
    for (const node of nodes) eles.push(node);
    // Beside the order Cytoscape keeps the elements a pointer can hit: found when a pointer
    // first asks (a style lookup per element, ~1–2 ms), not in the frame of every step.
    let interactive: SingularElementArgument[] | undefined;
    Object.defineProperty(eles, 'interactive', {
      get: () =>
        (interactive ??= eles.filter((ele) => (ele as unknown as { interactive(): boolean }).interactive())),
    });
    this.cachedZSortedEles = eles;
    this.updateCachedGrabbedEles();
    return eles;
  };
}
