/**
 * The Cytoscape side of the graph: applies a view model to the `cy` instance as a diff of
 * elements (add, update, remove), so that stepping moves nothing that did not change. New
 * nodes appear next to their referrer, freed ones fade out, refcount changes flash. Owned by
 * ReferenceGraph; React state never holds any of this.
 *
 * Once Cytoscape has drawn a step's graph in its final place (laid out, saved positions put
 * back), its container says so: `data-drawn-step="<step>"` (absent while the graph is empty).
 * Benchmarks and tests wait on it.
 */
import type { Core, ElementDefinition, NodeSingular } from 'cytoscape';
import type { ObjectId, Snapshot } from '../../core';
import { freshCollection } from './gc-report';
import { edgeBends } from './edge-bends';
import { DAGRE_MAX_NODES, fitView, runLayout, type LayoutName } from './graph-layout';
import { buildModel, classString, type ViewModel, type ViewNodeData } from './graph-model';
import { notifyGraph } from './graph-observers';
import { nodeBox } from './graph-style';
import { placeNewNodes, type Box, type NewNode, type Position } from './placement';

export interface ViewInput {
  snapshot: Snapshot | null;
  compareWith: Snapshot | null;
  foldShared: boolean;
  selected: ObjectId | null;
  gcPhase: number | null;
  layout: LayoutName;
}

/** Positions to put the nodes of one step back where they were (an experiment reopened). */
export interface PositionSeed {
  step: number;
  positions: Readonly<Record<string, Position>>;
}

/** Where the nodes drawn now are, and which of them the person moved by hand. */
export type PositionsListener = (positions: Map<string, Position>, moved: ReadonlySet<string>) => void;

const FADE_MS = 300;
/** Positions are reported once they have been still this long (a drag, a step, a layout). */
const POSITIONS_QUIET_MS = 250;
const FLASH_MS = 900;
/** Below this share of nodes kept on screen, a step is a new scene: lay it all out. */
const NEW_SCENE_SHARE = 0.3;

export class GraphView {
  /** Where every node ever shown was last, so an object that comes back (stepping back) returns there. */
  private readonly remembered = new Map<string, Position>();
  /**
   * The classes last given to each element by a model, and when fading ones go. Kept here,
   * not in Cytoscape's scratch data: writing that emits events, slow over thousands of elements.
   */
  private readonly drawnClasses = new Map<string, string>();
  private readonly leaveAt = new Map<string, number>();
  private shown: Snapshot | null = null;
  private beforeCollection: Snapshot | null = null;
  private fadeTimer: number | undefined;
  /** Bumped by every update: a layout that finishes after a newer update must not apply. */
  private generation = 0;
  /** Positions waiting for their step's scene to be laid out (see `restorePositions`). */
  private seed: PositionSeed | null = null;
  /** Bumped by every new scene (laid out whole). */
  private scene = 0;
  /** Nodes the person dragged since the scene was laid out. */
  private readonly moved = new Set<string>();
  private positionsTimer: number | undefined;
  /** Hears where the nodes are after they moved (see POSITIONS_QUIET_MS); the app saves it. */
  onPositions: PositionsListener | null = null;

  constructor(readonly cy: Core) {
    cy.on('dragfree', 'node', (event) => {
      const node = event.target as NodeSingular;
      this.remembered.set(node.id(), { ...node.position() });
      this.moved.add(node.id());
      this.bendEdges();
      // At once: a drag ends once, and a save right after it (Ctrl+S) must include it.
      this.reportPositionsSoon(0);
    });
  }

  /**
   * Puts the nodes of the next scene back at `seed.positions` once it is laid out (not laid
   * out at all when the seed places every node), if that scene is of `seed.step` (an
   * experiment reopened at its step); another scene first drops the seed. Until then nothing
   * is reported: the layout's positions are not the person's.
   */
  restorePositions(seed: PositionSeed | null): void {
    this.seed = seed && Object.keys(seed.positions).length > 0 ? seed : null;
    window.clearTimeout(this.positionsTimer);
  }

  /** Shows `input`; returns the model drawn. */
  update(input: ViewInput): ViewModel | null {
    const started = performance.now();
    this.generation++;
    const { snapshot } = input;
    if (snapshot === null) {
      window.clearTimeout(this.positionsTimer);
      delete this.cy.container()?.dataset.drawnStep;
      this.cy.elements().remove();
      this.drawnClasses.clear();
      this.leaveAt.clear();
      this.shown = null;
      return null;
    }
    if (snapshot !== this.shown) {
      this.beforeCollection = this.ghostSource(snapshot);
      this.shown = snapshot;
    }
    const model = buildModel({
      snapshot,
      foldShared: input.foldShared,
      selected: input.selected,
      compareWith: input.compareWith,
      beforeCollection: this.beforeCollection,
      gcPhase: input.gcPhase,
      box: nodeBox,
    });
    // A new scene (first step, another program, a far jump) is laid out whole; otherwise
    // only what is new is placed, and nothing that stays moves.
    const kept = model.nodes.filter((n) => this.isOnScreen(n.data.id)).length;
    const onScreen = this.cy.nodes().not('.leaving').length;
    const newScene =
      kept === 0 || (kept < onScreen * NEW_SCENE_SHARE && kept < model.nodes.length * NEW_SCENE_SHARE);
    if (newScene) {
      this.remembered.clear();
      this.moved.clear();
      // A seed is for its step's scene only; it stays pending until that scene is laid out.
      if (this.seed?.step !== snapshot.step) this.seed = null;
      const seed = this.seed;
      this.replaceAll(model);
      const generation = this.generation;
      const scene = ++this.scene;
      // Saved positions for every node (the usual reopened experiment): nothing to lay out.
      const seeded = seed !== null && model.nodes.every((n) => seed.positions[n.data.id] !== undefined);
      const laidOut = seeded ? Promise.resolve() : runLayout(this.cy, input.layout, false);
      void laidOut.then(() => {
        if (scene !== this.scene) return;
        if (seed !== null && this.seed === seed) {
          // Even after a newer update of the same scene (a selection): the positions are the person's.
          this.applySeed(seed);
          this.seed = null;
        } else if (generation !== this.generation) return;
        this.rememberAll();
        this.bendEdges();
        fitView(this.cy);
        this.report(started, model, true);
        this.reportPositionsSoon();
        this.signalDrawn(snapshot.step);
      });
    } else {
      this.applyDiff(model);
      this.bendEdges();
      this.report(started, model, false);
      this.reportPositionsSoon();
      this.signalDrawn(snapshot.step);
    }
    return model;
  }

  /** Lays the current graph out again (the toolbar's layout buttons). */
  async relayout(layout: LayoutName): Promise<void> {
    this.generation++;
    await runLayout(this.cy, layout, true);
    this.moved.clear();
    this.rememberAll();
    this.bendEdges();
    fitView(this.cy);
    this.reportPositionsSoon();
  }

  /** Where the nodes drawn now are (not those fading out), in model coordinates. */
  positions(): Map<string, Position> {
    const positions = new Map<string, Position>();
    this.cy.nodes().forEach((node) => {
      if (!this.leaveAt.has(node.id())) positions.set(node.id(), { ...node.position() });
    });
    return positions;
  }

  destroy(): void {
    window.clearTimeout(this.fadeTimer);
    window.clearTimeout(this.positionsTimer);
    this.cy.destroy();
  }

  /**
   * The snapshot whose objects the collector of this step freed: the one shown just before,
   * if it was taken before that collection; kept while the same collection stays fresh.
   */
  private ghostSource(snapshot: Snapshot): Snapshot | null {
    const report = freshCollection(snapshot);
    if (report === null) return null;
    const candidates = [this.shown, this.beforeCollection];
    return (
      candidates.find((s) => s !== null && s.step < report.step && (s.gc.last?.step ?? -1) < report.step) ??
      null
    );
  }

  private isOnScreen(id: string): boolean {
    const node = this.cy.getElementById(id);
    return node.nonempty() && !node.hasClass('leaving');
  }

  /**
   * Sets `data-drawn-step` once Cytoscape has drawn what was just applied (its `render`
   * event), or after two frames if nothing needed drawing; not if a newer update came first.
   */
  private signalDrawn(step: number): void {
    const container = this.cy.container();
    if (container === null) return;
    const generation = this.generation;
    let done = false;
    const mark = () => {
      if (done || this.cy.destroyed()) return;
      done = true;
      this.cy.off('render', mark);
      if (generation === this.generation) container.dataset.drawnStep = String(step);
    };
    this.cy.on('render', mark);
    requestAnimationFrame(() => requestAnimationFrame(mark));
  }

  private report(started: number, model: ViewModel, fullLayout: boolean): void {
    notifyGraph('updated', {
      ms: performance.now() - started,
      nodes: model.nodes.length,
      edges: model.edges.length,
      fullLayout,
    });
  }

  private replaceAll(model: ViewModel): void {
    this.drawnClasses.clear();
    this.leaveAt.clear();
    const definition = (
      group: 'nodes' | 'edges',
      e: ViewModel['nodes'][number] | ViewModel['edges'][number],
    ) => {
      const classes = classString(e);
      this.drawnClasses.set(e.data.id, classes);
      return { group, data: e.data, classes };
    };
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add([
        ...model.nodes.map((n): ElementDefinition => definition('nodes', n)),
        ...model.edges.map((e): ElementDefinition => definition('edges', e)),
      ]);
    });
  }

  private applyDiff(model: ViewModel): void {
    const cy = this.cy;
    const wanted = new Set<string>();
    const flashes: string[] = [];
    const added: ElementDefinition[] = [];
    const newNodes: NewNode[] = [];

    cy.batch(() => {
      // Cytoscape elements are touched only where something changed: a few per step.
      const sync = (group: 'nodes' | 'edges', e: ViewModel['nodes'][number] | ViewModel['edges'][number]) => {
        const id = e.data.id;
        wanted.add(id);
        const classes = classString(e);
        const ele = cy.getElementById(id);
        if (ele.empty()) {
          added.push({ group, data: e.data, classes });
          this.drawnClasses.set(id, classes);
          return;
        }
        if (this.leaveAt.delete(id)) ele.removeClass('leaving');
        if (this.drawnClasses.get(id) !== classes) {
          ele.classes(classes);
          this.drawnClasses.set(id, classes);
        }
        const old = ele.data() as Partial<ViewNodeData>;
        const next = e.data as Partial<ViewNodeData>;
        if (old.label !== next.label || old.w !== next.w || old.h !== next.h) ele.data(e.data);
        if (old.refcount !== undefined && old.refcount !== next.refcount) flashes.push(id);
      };
      for (const n of model.nodes) {
        sync('nodes', n);
        if (cy.getElementById(n.data.id).empty() && !this.remembered.has(n.data.id))
          newNodes.push({ id: n.data.id, w: n.data.w, h: n.data.h, frame: n.data.kind === 'frame' });
      }
      for (const e of model.edges) sync('edges', e);

      // New nodes go where they were if they were shown before, else next to a referrer.
      const positions =
        newNodes.length > 0
          ? placeNewNodes(
              this.boxes(model, wanted),
              newNodes,
              model.edges.map((e) => e.data),
            )
          : null;
      for (const def of added) {
        if (def.group !== 'nodes') continue;
        const id = def.data.id!;
        def.position = this.remembered.get(id) ?? positions?.get(id);
        if (def.position !== undefined) this.remembered.set(id, def.position);
      }
      cy.add(added);

      // What is no longer there fades out, then goes.
      const leaveAt = performance.now() + FADE_MS;
      cy.elements().forEach((ele) => {
        const id = ele.id();
        if (wanted.has(id) || this.leaveAt.has(id)) return;
        ele.addClass('leaving');
        this.leaveAt.set(id, leaveAt);
      });
    });

    for (const id of flashes) cy.getElementById(id).flashClass('flash', FLASH_MS);
    this.scheduleRemoval();
  }

  /** The boxes of the nodes that stay, and of those coming back to a remembered position. */
  private boxes(model: ViewModel, wanted: Set<string>): Map<string, Box> {
    const boxes = new Map<string, Box>();
    for (const n of model.nodes) {
      const node = this.cy.getElementById(n.data.id);
      const at = node.nonempty() && wanted.has(n.data.id) ? node.position() : this.remembered.get(n.data.id);
      if (at !== undefined) boxes.set(n.data.id, { x: at.x, y: at.y, w: n.data.w, h: n.data.h });
    }
    return boxes;
  }

  private scheduleRemoval(): void {
    window.clearTimeout(this.fadeTimer);
    if (this.leaveAt.size === 0) return;
    this.fadeTimer = window.setTimeout(() => {
      const now = performance.now();
      const gone = this.cy.collection();
      for (const [id, at] of this.leaveAt) {
        if (at > now) continue;
        gone.merge(this.cy.getElementById(id));
        this.leaveAt.delete(id);
        this.drawnClasses.delete(id);
      }
      gone.remove();
      this.scheduleRemoval();
    }, FADE_MS + 20);
  }

  /** Curves the references that would cross other objects (small graphs: it is quadratic). */
  private bendEdges(): void {
    const nodes = this.cy.nodes().filter((n) => !this.leaveAt.has(n.id()));
    if (nodes.length > DAGRE_MAX_NODES) return;
    const boxes = new Map<string, Box>();
    nodes.forEach((n) => {
      const { x, y } = n.position();
      boxes.set(n.id(), { x, y, w: n.data('w') as number, h: n.data('h') as number });
    });
    const edges = this.cy.edges().filter((e) => !this.leaveAt.has(e.id()) && !e.hasClass('parallel'));
    const bends = edgeBends(
      boxes,
      edges.map((e) => ({
        id: e.id(),
        source: e.data('source') as string,
        target: e.data('target') as string,
      })),
    );
    this.cy.batch(() =>
      this.cy.edges().forEach((e) => {
        const bend = bends.get(e.id());
        if (bend === undefined) {
          if (e.data('bend') !== undefined) e.removeData('bend');
        } else if (e.data('bend') !== bend) e.data('bend', bend);
      }),
    );
  }

  /** Moves the laid-out nodes that have a saved position there; they count as moved by hand. */
  private applySeed(seed: PositionSeed): void {
    this.cy.batch(() =>
      this.cy.nodes().forEach((node) => {
        const at = seed.positions[node.id()];
        if (at === undefined) return;
        node.position({ x: at.x, y: at.y });
        this.moved.add(node.id());
      }),
    );
  }

  /** Reports the positions once things are still, unless a seed is still to be applied. */
  private reportPositionsSoon(ms = POSITIONS_QUIET_MS): void {
    window.clearTimeout(this.positionsTimer);
    if (this.onPositions === null || this.seed !== null || this.shown === null) return;
    const report = () => this.onPositions?.(this.positions(), this.moved);
    if (ms === 0) report();
    else
      this.positionsTimer = window.setTimeout(() => {
        if (this.shown !== null && this.seed === null) report();
      }, ms);
  }

  private rememberAll(): void {
    this.cy.nodes().forEach((node) => void this.remembered.set(node.id(), { ...node.position() }));
  }
}
