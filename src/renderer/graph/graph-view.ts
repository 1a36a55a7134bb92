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
import type { Collection, Core, ElementDefinition, NodeSingular } from 'cytoscape';
import type { ObjectId, Snapshot } from '../../core';
import { drawInAdditionOrder } from './draw-order';
import { DrawnElements } from './drawn-elements';
import { freshCollection } from './gc-report';
import { edgeBends } from './edge-bends';
import { DAGRE_MAX_NODES, fitView, runLayout, type LayoutName } from './graph-layout';
import { buildModel, type ViewModel } from './graph-model';
import { notifyGraph } from './graph-observers';
import { nodeBox, nodeLabelsDrawn } from './graph-style';
import { batchOverviewEdges } from './overview-edges';
import {
  GAP_Y,
  placeNewNodes,
  PositionIndex,
  type Box,
  type NewNode,
  type PlacedBoxes,
  type Position,
} from './placement';

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
  private readonly remembered = new PositionIndex();
  /**
   * What each element was last given, and when fading ones go. Kept here, not in Cytoscape's
   * scratch data: writing that emits events, and reading it is slow over thousands of elements.
   */
  private readonly drawn = new DrawnElements();
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
  /** Work that waits for the step's frame to be drawn (see applyDiff). */
  private afterDrawn: (() => void)[] = [];
  /** Node data whose only change is a label too small to be drawn, for afterDrawn. */
  private readonly unseenLabels = new Map<string, ViewModel['nodes'][number]['data']>();
  /** Hears where the nodes are after they moved (see POSITIONS_QUIET_MS); the app saves it. */
  onPositions: PositionsListener | null = null;

  constructor(readonly cy: Core) {
    drawInAdditionOrder(cy);
    batchOverviewEdges(cy);
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
      this.drawn.clear();
      this.unseenLabels.clear();
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
    let kept = 0;
    for (const n of model.nodes) if (this.drawn.isOnScreen(n.data.id)) kept++;
    const onScreen = this.drawn.nodesOnScreen;
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
        } else if (generation !== this.generation) {
          // A newer update drew since, but the nodes are where the layout put them.
          this.rememberAll();
          return;
        }
        this.rememberAll();
        this.bendEdges();
        fitView(this.cy, true);
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
      if (!this.drawn.isFading(node.id())) positions.set(node.id(), { ...node.position() });
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
    const classes = this.drawn.replaceAll(model);
    this.unseenLabels.clear();
    const definition = (
      group: 'nodes' | 'edges',
      e: ViewModel['nodes'][number] | ViewModel['edges'][number],
    ) => ({ group, data: e.data, classes: classes.get(e.data.id) });
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
    const diff = this.drawn.update(model, performance.now() + FADE_MS);
    // New nodes go where they were if they were shown before, else next to a referrer.
    const newNodes: NewNode[] = [];
    for (const { group, element } of diff.added) {
      const data = element.data as ViewModel['nodes'][number]['data'];
      if (group === 'nodes' && !this.remembered.has(data.id))
        newNodes.push({ id: data.id, w: data.w, h: data.h, frame: data.kind === 'frame' });
    }
    // Placement looks only at the references of the new nodes: new ones too, as nothing
    // drawn before could point at a node never shown.
    const fresh = new Set(newNodes.map((n) => n.id));
    const references = () =>
      diff.added.flatMap(({ group, element }) => {
        if (group !== 'edges') return [];
        const data = element.data as ViewModel['edges'][number]['data'];
        return fresh.has(data.source) || fresh.has(data.target) ? [data] : [];
      });
    const placed = newNodes.length > 0 ? placeNewNodes(this.placedBoxes(), newNodes, references()) : null;
    const added = diff.added.map(({ group, element, classes }): ElementDefinition => {
      const definition: ElementDefinition = { group, data: element.data, classes };
      if (group === 'nodes') {
        definition.position = this.remembered.get(element.data.id) ?? placed?.get(element.data.id);
        if (definition.position !== undefined) this.remembered.set(element.data.id, definition.position);
      }
      return definition;
    });

    // A new label Cytoscape would not draw at this zoom is written once the step is drawn: on a
    // node with hundreds of references (a class whose refcount changed) it makes Cytoscape
    // recompute every one of those references, ~15 ms, for text that frame does not show.
    const labelsDrawn = nodeLabelsDrawn(cy.zoom(), window.devicePixelRatio);
    // Cytoscape elements are touched only where something changed: a few per step.
    cy.batch(() => {
      for (const id of diff.returning) cy.getElementById(id).removeClass('leaving');
      for (const { id, classes, data, resized } of diff.changed) {
        const ele = cy.getElementById(id);
        if (classes !== undefined) ele.classes(classes);
        if (data === undefined) continue;
        if (!labelsDrawn && !resized && ele.isNode()) {
          this.unseenLabels.set(id, data as ViewModel['nodes'][number]['data']);
          continue;
        }
        this.unseenLabels.delete(id);
        ele.data(data);
      }
      if (added.length > 0) cy.add(added);
    });
    if (this.unseenLabels.size > 0) this.whenDrawn(() => this.writeUnseenLabels());
    this.fadeOutOnceDrawn(diff.leaving);

    for (const id of diff.flashes) cy.getElementById(id).flashClass('flash', FLASH_MS);
    this.scheduleRemoval();
  }

  /**
   * The boxes of the nodes on screen, those coming back to where they were included. From the
   * positions kept here (every layout, drag and placement records them), not from Cytoscape:
   * reading 2,000 positions there costs ~2.5 ms, as much as the placement itself. Read in
   * place, not copied: placement looks at most of them once.
   */
  private placedBoxes(): PlacedBoxes {
    const box = (id: string, at: Position): Box | undefined => {
      const drawn = this.drawn.nodeOnScreen(id);
      return drawn === undefined ? undefined : { x: at.x, y: at.y, w: drawn.w!, h: drawn.h! };
    };
    const boxOf = (id: string) => {
      const at = this.remembered.get(id);
      return at === undefined ? undefined : box(id, at);
    };
    return {
      get: boxOf,
      forEach: (visit) => {
        for (const [id, at] of this.remembered) {
          const b = box(id, at);
          if (b !== undefined) visit(b, id);
        }
      },
      near: (area) => {
        // A node collides with `area` only if its centre is within half its size and the gap.
        const { w, h } = this.drawn.largestNode;
        const margin = { x: (w + GAP_Y) / 2, y: (h + GAP_Y) / 2 };
        return this.remembered.near(area, margin).flatMap((id) => boxOf(id) ?? []);
      },
    };
  }

  /**
   * What is no longer there fades out once the step is drawn, then goes (scheduleRemoval). A
   * fade's first frame looks the same as no fade, and restyling the fading elements (their
   * transitions) in the step's own frame would delay it.
   */
  private fadeOutOnceDrawn(ids: readonly string[]): void {
    if (ids.length === 0) return;
    this.whenDrawn(() =>
      // Not those back on screen since (a newer step).
      this.elementsOf(ids.filter((id) => this.drawn.isFading(id))).addClass('leaving'),
    );
  }

  private writeUnseenLabels(): void {
    this.cy.batch(() => {
      for (const [id, data] of this.unseenLabels) this.cy.getElementById(id).data(data);
    });
    this.unseenLabels.clear();
  }

  /** Runs `task` once Cytoscape has drawn what was just applied, before anyone else hears of it. */
  private whenDrawn(task: () => void): void {
    if (this.afterDrawn.length === 0) {
      this.cy.one('render', () => {
        const tasks = this.afterDrawn;
        this.afterDrawn = [];
        tasks.forEach((t) => t());
      });
      // Something must be drawn for the tasks to run, even when the step changed nothing else.
      this.cy.forceRender();
    }
    this.afterDrawn.push(task);
  }

  private elementsOf(ids: readonly string[]): Collection {
    const elements = this.cy.collection();
    for (const id of ids) elements.merge(this.cy.getElementById(id));
    return elements;
  }

  private scheduleRemoval(): void {
    window.clearTimeout(this.fadeTimer);
    if (!this.drawn.anyFading) return;
    this.fadeTimer = window.setTimeout(() => {
      const gone = this.drawn.takeGone(performance.now());
      this.elementsOf(gone).remove();
      this.scheduleRemoval();
    }, FADE_MS + 20);
  }

  /** Curves the references that would cross other objects (small graphs: it is quadratic). */
  private bendEdges(): void {
    if (this.drawn.nodesOnScreen > DAGRE_MAX_NODES) return;
    const nodes = this.cy.nodes().filter((n) => !this.drawn.isFading(n.id()));
    const boxes = new Map<string, Box>();
    nodes.forEach((n) => {
      const { x, y } = n.position();
      boxes.set(n.id(), { x, y, w: n.data('w') as number, h: n.data('h') as number });
    });
    const edges = this.cy.edges().filter((e) => !this.drawn.isFading(e.id()) && !e.hasClass('parallel'));
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
