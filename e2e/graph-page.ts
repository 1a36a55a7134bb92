/**
 * The reference graph's test page (out/renderer/graph-fixture.html, served by the web shell)
 * and the snapshots it is fed: made by the engine's command line from real programs, as the
 * app would receive them.
 */

import { expect, type Locator, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENGINE = fileURLToPath(new URL('../scripts/engine.mjs', import.meta.url));

/** The parts of the engine's Snapshot the specs read (the e2e project does not see src/core). */
export interface Snapshot {
  step: number;
  objects: { id: number; type: string; label: string; reachable: boolean; shared?: boolean }[];
  cycles: number[][];
  gc: { last?: { step: number; collected: number; unreachable: number[]; phases: { name: string }[] } };
}

export interface DrawnElement {
  id: string;
  classes: string[];
  label: string;
  objectId?: number;
  source?: string;
  target?: string;
  position?: { x: number; y: number };
}

interface FixtureApi {
  show(
    snapshot: Snapshot | null,
    options?: { compareWith?: Snapshot | null; selected?: number | null },
  ): Promise<unknown>;
  elements(): { nodes: DrawnElement[]; edges: DrawnElement[] };
  nodeCenter(id: string): { x: number; y: number } | null;
  selected(): number | null;
  zoom(level: number): void;
  style(id: string, property: string): string | null;
  drawOrder(): { drawn: string[]; sorted: string[]; replaced: boolean };
}

declare global {
  interface Window {
    graphFixture?: FixtureApi;
  }
}

/** Runs `source` through the engine and returns the Snapshot where line `line` is about to run. */
export function engineSnapshot(source: string, line: number, occurrence = 1): Snapshot {
  const dir = mkdtempSync(join(tmpdir(), 'pymem-graph-'));
  try {
    writeFileSync(join(dir, 'main.py'), source);
    const out = join(dir, 'snapshot.json');
    const run = spawnSync(
      process.execPath,
      [ENGINE, join(dir, 'main.py'), '--snapshot-json', out, '--at-line', `${line}:${occurrence}`],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (run.status !== 0) throw new Error(`engine failed (${run.status}): ${run.stderr}`);
    return JSON.parse(readFileSync(out, 'utf8')) as Snapshot;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export class GraphPage {
  readonly canvas: Locator;
  readonly collector: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByRole('img', { name: 'Reference graph drawing' });
    this.collector = page.getByRole('status', { name: 'Garbage collection' });
  }

  async open(): Promise<void> {
    await this.page.goto('graph-fixture.html');
    await this.page.waitForFunction(() => window.graphFixture !== undefined);
  }

  async show(snapshot: Snapshot | null, options: { compareWith?: Snapshot; selected?: number } = {}) {
    await this.page.evaluate(([s, o]) => window.graphFixture!.show(s, o), [snapshot, options] as const);
  }

  async elements() {
    return this.page.evaluate(() => window.graphFixture!.elements());
  }

  /** The drawn node of an object. */
  async node(objectId: number): Promise<DrawnElement | undefined> {
    return (await this.elements()).nodes.find((n) => n.objectId === objectId);
  }

  /** Object ids of the drawn nodes that have every one of `classes`. */
  async objectsWith(...classes: string[]): Promise<number[]> {
    const { nodes } = await this.elements();
    return nodes
      .filter((n) => n.objectId !== undefined && classes.every((c) => n.classes.includes(c)))
      .map((n) => n.objectId!)
      .sort((a, b) => a - b);
  }

  /** Stops the collection's animation on one of its phases (or "after"). */
  async showPhase(name: string | RegExp): Promise<void> {
    await this.collector.getByRole('button', { name }).click();
  }

  async zoom(level: number): Promise<void> {
    await this.page.evaluate((l) => window.graphFixture!.zoom(l), level);
  }

  /** A style property of an element as Cytoscape computes it now. */
  async style(id: string, property: string): Promise<string | null> {
    return this.page.evaluate(([i, p]) => window.graphFixture!.style(i, p), [id, property] as const);
  }

  async clickNode(objectId: number): Promise<void> {
    const at = await this.page.evaluate((id) => window.graphFixture!.nodeCenter(`o${id}`), objectId);
    expect(at).not.toBeNull();
    await this.page.mouse.click(at!.x, at!.y);
  }

  async screenshot(name: string): Promise<void> {
    // Let fades and flashes end: the picture is of the step, not of the transition.
    await this.page.waitForTimeout(1000);
    await this.page.screenshot({ path: `out/screenshots/graph-${name}.png` });
  }
}

/** A node of the app's graph as the specs read it: model position and where it is on the page. */
export interface AppGraphNode {
  id: string;
  objectId?: number;
  /** The object's Python type. */
  type?: string;
  label: string;
  classes: string[];
  /** Model coordinates (what an experiment saves), not pixels. */
  position: { x: number; y: number };
  /** The node's centre on the page, for the mouse. */
  onPage: { x: number; y: number };
}

/**
 * The reference graph inside the app (not its test page), read through the Cytoscape instance
 * that Cytoscape registers on its container (`_cyreg`): the app itself exposes nothing for tests.
 */
export class AppGraph {
  readonly canvas: Locator;
  readonly inlinePrimitives: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByRole('img', { name: 'Reference graph drawing' });
    this.inlinePrimitives = page.getByRole('checkbox', { name: 'Inline primitives' });
  }

  /** The nodes drawn now (not those fading out). */
  async nodes(): Promise<AppGraphNode[]> {
    return this.canvas.evaluate((container) => {
      interface Node {
        id(): string;
        data(key: string): unknown;
        classes(): string[];
        hasClass(name: string): boolean;
        position(): { x: number; y: number };
        renderedPosition(): { x: number; y: number };
      }
      const cy = (container as unknown as { _cyreg?: { cy?: { nodes(): { toArray(): Node[] } } } })._cyreg
        ?.cy;
      if (!cy) throw new Error('the graph has no Cytoscape instance');
      const box = container.getBoundingClientRect();
      return cy
        .nodes()
        .toArray()
        .filter((n) => !n.hasClass('leaving'))
        .map((n) => {
          const at = n.renderedPosition();
          return {
            id: n.id(),
            objectId: n.data('objectId') as number | undefined,
            type: n.data('type') as string | undefined,
            label: String(n.data('label')),
            classes: n.classes(),
            position: { ...n.position() },
            onPage: { x: box.left + at.x, y: box.top + at.y },
          };
        });
    });
  }

  /** The first drawn object of Python type `type`, once there is one. */
  async nodeOfType(type: string): Promise<AppGraphNode> {
    let found: AppGraphNode | undefined;
    await expect
      .poll(async () => {
        found = (await this.nodes()).find((n) => n.type === type);
        return found !== undefined;
      })
      .toBe(true);
    return found!;
  }

  async node(id: string): Promise<AppGraphNode | undefined> {
    return (await this.nodes()).find((n) => n.id === id);
  }

  /** Drags a node by (dx, dy) pixels with the mouse, as a person would. */
  async drag(id: string, dx: number, dy: number): Promise<void> {
    const node = await this.node(id);
    expect(node).toBeDefined();
    const { x, y } = node!.onPage;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx / 2, y + dy / 2, { steps: 5 });
    await this.page.mouse.move(x + dx, y + dy, { steps: 5 });
    await this.page.mouse.up();
  }

  async click(id: string): Promise<void> {
    const node = await this.node(id);
    expect(node).toBeDefined();
    await this.page.mouse.click(node!.onPage.x, node!.onPage.y);
  }

  /**
   * The toolbar's Fit: the whole graph in view. A run opens a wide graph at a legible zoom from
   * its left edge, so objects further right may need it (or a pan) before the mouse reaches them.
   */
  async fit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Fit', exact: true }).click();
  }
}
