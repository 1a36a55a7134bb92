/**
 * What the graph last gave Cytoscape for each element, kept as plain data, and the diff of a
 * step's view model against it. Asking Cytoscape instead (getElementById, data(), hasClass)
 * for every one of the ~4,700 elements of a 2,000-object heap costs more than the rest of
 * a step's update; with this, Cytoscape is touched only for the few elements that changed.
 */
import type { ViewModel, ViewNodeData } from './graph-model';
import { classString } from './graph-model';

type ModelElement = ViewModel['nodes'][number] | ViewModel['edges'][number];

export interface DrawnElement {
  group: 'nodes' | 'edges';
  classes: string;
  label: string;
  /** Nodes only: the box and the refcount drawn. */
  w?: number;
  h?: number;
  refcount?: number;
}

export interface ElementChange {
  id: string;
  /** New classes, if they changed. */
  classes?: string;
  /** New data, if what is drawn of it (label, box, refcount) changed. */
  data?: ModelElement['data'];
  /** Whether the new data changes the node's box, not only its label. */
  resized?: boolean;
}

export interface ElementDiff {
  /** Elements Cytoscape does not have: added in model order, nodes first. */
  added: { group: 'nodes' | 'edges'; element: ModelElement; classes: string }[];
  /** Elements drawn whose classes or data change. */
  changed: ElementChange[];
  /** Elements fading out that the model has again: they stop fading. */
  returning: string[];
  /** Drawn elements the model no longer has: they start fading. */
  leaving: string[];
  /** Nodes whose refcount changed. */
  flashes: string[];
}

export class DrawnElements {
  private readonly drawn = new Map<string, DrawnElement>();
  /** Elements fading out, and when they go. */
  private readonly fading = new Map<string, number>();
  private nodeCount = 0;
  private fadingNodeCount = 0;
  private widest = 0;
  private tallest = 0;

  /** Whether `id` is drawn and not fading out. */
  isOnScreen(id: string): boolean {
    return this.drawn.has(id) && !this.fading.has(id);
  }

  /** A node on screen as drawn (its box size), else undefined. */
  nodeOnScreen(id: string): Readonly<DrawnElement> | undefined {
    const drawn = this.drawn.get(id);
    return drawn?.group === 'nodes' && !this.fading.has(id) ? drawn : undefined;
  }

  isFading(id: string): boolean {
    return this.fading.has(id);
  }

  /** Nodes drawn and not fading out. */
  get nodesOnScreen(): number {
    return this.nodeCount - this.fadingNodeCount;
  }

  /** The largest node width and height recorded since the last clear (an upper bound). */
  get largestNode(): { w: number; h: number } {
    return { w: this.widest, h: this.tallest };
  }

  clear(): void {
    this.drawn.clear();
    this.fading.clear();
    this.nodeCount = 0;
    this.fadingNodeCount = 0;
    this.widest = 0;
    this.tallest = 0;
  }

  /** Records `model` as drawn whole (a new scene); returns each element's class string. */
  replaceAll(model: ViewModel): Map<string, string> {
    this.clear();
    const classes = new Map<string, string>();
    for (const n of model.nodes) classes.set(n.data.id, this.record('nodes', n));
    for (const e of model.edges) classes.set(e.data.id, this.record('edges', e));
    return classes;
  }

  /**
   * Records `model` as drawn and returns what Cytoscape must change for it; what the model no
   * longer has fades out until `leaveAt`.
   */
  update(model: ViewModel, leaveAt: number): ElementDiff {
    const diff: ElementDiff = { added: [], changed: [], returning: [], leaving: [], flashes: [] };
    const wanted = new Set<string>();
    const sync = (group: 'nodes' | 'edges', e: ModelElement) => {
      const id = e.data.id;
      wanted.add(id);
      const old = this.drawn.get(id);
      if (old === undefined) {
        diff.added.push({ group, element: e, classes: this.record(group, e) });
        return;
      }
      if (this.stopFading(id)) diff.returning.push(id);
      // Compared before anything is allocated: almost every element is unchanged.
      const classes = classString(e);
      const node = group === 'nodes' ? (e.data as ViewNodeData) : undefined;
      const newClasses = old.classes !== classes;
      const newData =
        old.label !== e.data.label ||
        old.w !== node?.w ||
        old.h !== node?.h ||
        old.refcount !== node?.refcount;
      if (!newClasses && !newData) return;
      diff.changed.push({
        id,
        classes: newClasses ? classes : undefined,
        data: newData ? e.data : undefined,
        resized: old.w !== node?.w || old.h !== node?.h,
      });
      if (old.refcount !== undefined && old.refcount !== node?.refcount) diff.flashes.push(id);
      this.record(group, e, classes);
    };
    for (const n of model.nodes) sync('nodes', n);
    for (const e of model.edges) sync('edges', e);
    for (const [id, drawn] of this.drawn) {
      if (wanted.has(id) || this.fading.has(id)) continue;
      this.fading.set(id, leaveAt);
      if (drawn.group === 'nodes') this.fadingNodeCount++;
      diff.leaving.push(id);
    }
    return diff;
  }

  /** Forgets the faded elements whose time has come (`now`); returns their ids. */
  takeGone(now: number): string[] {
    const gone: string[] = [];
    for (const [id, at] of this.fading) {
      if (at > now) continue;
      gone.push(id);
      this.stopFading(id);
      if (this.drawn.get(id)?.group === 'nodes') this.nodeCount--;
      this.drawn.delete(id);
    }
    return gone;
  }

  /** Whether anything is still fading out. */
  get anyFading(): boolean {
    return this.fading.size > 0;
  }

  private stopFading(id: string): boolean {
    if (!this.fading.delete(id)) return false;
    if (this.drawn.get(id)?.group === 'nodes') this.fadingNodeCount--;
    return true;
  }

  private record(group: 'nodes' | 'edges', e: ModelElement, classes = classString(e)): string {
    const node = group === 'nodes' ? (e.data as ViewNodeData) : undefined;
    if (!this.drawn.has(e.data.id) && group === 'nodes') this.nodeCount++;
    if (node !== undefined) {
      this.widest = Math.max(this.widest, node.w);
      this.tallest = Math.max(this.tallest, node.h);
    }
    this.drawn.set(e.data.id, {
      group,
      classes,
      label: e.data.label,
      w: node?.w,
      h: node?.h,
      refcount: node?.refcount,
    });
    return classes;
  }
}
