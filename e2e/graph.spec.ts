/**
 * The reference graph on its test page, fed with snapshots the engine's command line makes:
 * cycles outlined, garbage marked, the collector's findings equal to what CPython's
 * gc.collect() counts, the four exports, selection, compare mode, stable positions, and the
 * dark theme. Screenshots go to out/screenshots/graph-*.png.
 */

import { expect, test as base } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hasCPython311, runCPython } from './cpython';
import { engineSnapshot, GraphPage } from './graph-page';
import { decodePng } from './png';

const test = base.extend<{ graph: GraphPage }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  baseURL: async ({}, use) => {
    const port = process.env.PYMEM_WEB_PORT;
    if (!port) throw new Error('PYMEM_WEB_PORT is not set: the web shell did not start');
    await use(`http://127.0.0.1:${port}/`);
  },
  graph: async ({ page }, use) => {
    // Any console error (a CSP violation, an exception) fails the test that caused it.
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const graph = new GraphPage(page);
    await graph.open();
    await use(graph);
    expect(errors).toEqual([]);
  },
});

test.use({ viewport: { width: 1280, height: 720 } });

const SELF_LOOP = ['import gc', 'l = []', 'l.append(l)', 'del l', 'gc.collect()', "print('done')", ''].join(
  '\n',
);

const TWO_INSTANCES = [
  'import gc', //                                     1
  '', //                                              2
  'class Node:', //                                   3
  '    def __init__(self, name):', //                 4
  '        self.name = name', //                      5
  '        self.other = None', //                     6
  '', //                                              7
  "a = Node('a')", //                                 8
  "b = Node('b')", //                                 9
  'a.other = b', //                                  10
  'b.other = a', //                                  11
  'print(len(a.__dict__), len(b.__dict__))', //      12: materializes both instance dicts
  'del a, b', //                                     13
  'n = gc.collect()', //                             14
  'print(n)', //                                     15
  '',
].join('\n');

/** What CPython 3.11's gc.collect() returns for TWO_INSTANCES (python3 if it is 3.11, else recorded). */
function cpythonCollected(): number {
  const printed = hasCPython311() ? runCPython(TWO_INSTANCES) : '2 2\n4\n';
  return Number(printed.trim().split('\n').at(-1));
}

test('a self-referencing list: outlined as a cycle, then garbage, then found unreachable by gc.collect()', async ({
  graph,
}) => {
  const alive = engineSnapshot(SELF_LOOP, 4);
  const list = alive.objects.find((o) => o.type === 'list')!;
  await graph.show(alive);
  const node = (await graph.node(list.id))!;
  expect(node.classes).toContain('cycle');
  expect(node.classes).not.toContain('garbage');
  const { edges } = await graph.elements();
  const loop = edges.find((e) => e.source === node.id && e.target === node.id)!;
  expect(loop.label).toBe('[0]');
  expect(loop.classes).toContain('cycle');
  await graph.screenshot('selfloop-cycle');

  // After `del l`: no frame reaches it, only its own [0] keeps it alive.
  await graph.show(engineSnapshot(SELF_LOOP, 5));
  expect((await graph.node(list.id))!.classes).toEqual(expect.arrayContaining(['cycle', 'garbage']));
  expect((await graph.node(list.id))!.label).toContain('unreachable: garbage');
  await graph.screenshot('selfloop-garbage');

  // gc.collect() has run: phase by phase, the collector's finding is the list.
  const collected = engineSnapshot(SELF_LOOP, 6);
  expect(collected.gc.last).toMatchObject({ collected: 1, unreachable: [list.id] });
  await graph.show(collected);
  await expect(graph.collector).toContainText('gc.collect() of generation 2');
  await expect(graph.collector).toContainText('1 unreachable, 1 collected');
  await graph.showPhase(/^unreachable/);
  await expect(graph.collector).toHaveAttribute('data-gc-phase', 'unreachable');
  expect(await graph.objectsWith('gc-unreachable', 'gc-phase')).toEqual([list.id]);
  await graph.screenshot('selfloop-collecting');
  await graph.showPhase('after');
  expect(await graph.objectsWith('gc-unreachable', 'collected')).toEqual([list.id]);
  await graph.screenshot('selfloop-collected');
});

test("a two-instance cycle with __dict__s: gc's findings are exactly what CPython's gc.collect() counts", async ({
  graph,
}) => {
  const expected = cpythonCollected();
  expect(expected).toBe(4);
  const before = engineSnapshot(TWO_INSTANCES, 14);
  const garbage = before.objects.filter((o) => !o.reachable && o.type !== 'str');
  expect(garbage.map((o) => o.type).sort()).toEqual(['Node', 'Node', 'dict', 'dict']);
  await graph.show(before);
  expect(await graph.objectsWith('garbage', 'cycle')).toEqual(garbage.map((o) => o.id).sort((a, b) => a - b));
  await graph.screenshot('two-instances-garbage');

  const after = engineSnapshot(TWO_INSTANCES, 15);
  expect(after.gc.last!.collected).toBe(expected);
  await graph.show(after);
  await expect(graph.collector).toContainText(`${expected} unreachable, ${expected} collected`);
  await graph.showPhase('after');
  const found = await graph.objectsWith('gc-unreachable');
  expect(found).toHaveLength(expected);
  expect(found).toEqual([...after.gc.last!.unreachable].sort((a, b) => a - b));
  await graph.screenshot('two-instances-collected');
});

test('exports PNG, SVG, DOT and JSON of the graph on screen', async ({ graph, page }, testInfo) => {
  const snapshot = engineSnapshot(TWO_INSTANCES, 14);
  await graph.show(snapshot);
  await page.getByRole('combobox', { name: 'Image scale' }).selectOption('2');
  await page.getByRole('combobox', { name: 'Image background' }).selectOption('white');
  const save = async (format: string) => {
    const download = page.waitForEvent('download');
    await page.getByRole('toolbar', { name: 'Graph tools' }).getByRole('button', { name: format }).click();
    const file = testInfo.outputPath(`graph.${format.toLowerCase()}`);
    await (await download).saveAs(file);
    expect((await download).suggestedFilename()).toBe(
      `pymem-graph-step-${snapshot.step}.${format.toLowerCase()}`,
    );
    return readFileSync(file);
  };

  // PNG: what the view shows, at twice its size, on white.
  const box = (await graph.canvas.boundingBox())!;
  const png = decodePng(await save('PNG'));
  expect(png.width).toBe(Math.round(box.width) * 2);
  expect(png.height).toBe(Math.round(box.height) * 2);
  const pixels = png.width * png.height;
  let white = 0;
  for (let i = 0; i < pixels; i++) if (png.rgba.subarray(i * 4, i * 4 + 3).every((v) => v === 255)) white++;
  expect(white).toBeGreaterThan(pixels * 0.5);
  expect(white).toBeLessThan(pixels);

  // SVG: the node labels are text.
  const svg = (await save('SVG')).toString('utf8');
  expect(svg).toMatch(/^<\?xml|^<svg/);
  for (const label of ['class Node', 'Node object', 'dict (2 items)', '&lt;module&gt;'])
    expect(svg, label).toContain(label);

  // DOT: Graphviz reads it.
  const dot = (await save('DOT')).toString('utf8');
  expect(dot).toContain('cycle (unreachable: garbage)');
  const graphviz = spawnSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8' });
  if (graphviz.error) {
    testInfo.annotations.push({
      type: 'skipped check',
      description: '`dot` is not installed (apt-get install graphviz)',
    });
  } else {
    expect(graphviz.stderr).toBe('');
    expect(graphviz.status).toBe(0);
    expect(graphviz.stdout).toContain('Node object');
  }

  // JSON: the snapshot plus the elements as drawn, positions included; it round-trips.
  const text = (await save('JSON')).toString('utf8');
  const json = JSON.parse(text);
  expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  expect(json).toMatchObject({ format: 'pymem-lab-graph', version: 1, step: snapshot.step });
  expect(json.objects).toEqual(snapshot.objects);
  expect(json.unreachable.length).toBeGreaterThanOrEqual(4);
  const drawn = await graph.elements();
  expect(json.elements.nodes).toHaveLength(drawn.nodes.length);
  expect(json.elements.edges).toHaveLength(drawn.edges.length);
  expect(json.elements.nodes.every((n: { position?: unknown }) => n.position !== undefined)).toBe(true);
});

test('zoomed out to an overview, labels and arrowheads go; the exported SVG still has them', async ({
  graph,
  page,
}, testInfo) => {
  await graph.show(engineSnapshot(TWO_INSTANCES, 14));
  const { nodes, edges } = await graph.elements();
  const node = nodes.find((n) => n.label.includes('Node object'))!;
  const edge = edges.find((e) => e.source === node.id)!;
  expect(await graph.style(node.id, 'label')).toBe(node.label);
  expect(await graph.style(edge.id, 'target-arrow-shape')).toBe('triangle');

  // Far out, where Cytoscape would draw no label anyway.
  await graph.zoom(0.1);
  expect(await graph.style(node.id, 'label')).toBe('');
  expect(await graph.style(edge.id, 'target-arrow-shape')).toBe('none');
  expect(await graph.style(edge.id, 'curve-style')).toBe('haystack');
  await graph.screenshot('overview');

  const download = page.waitForEvent('download');
  await page.getByRole('toolbar', { name: 'Graph tools' }).getByRole('button', { name: 'SVG' }).click();
  const file = testInfo.outputPath('overview.svg');
  await (await download).saveAs(file);
  const svg = readFileSync(file, 'utf8');
  for (const label of ['class Node', 'Node object', '&lt;module&gt;']) expect(svg, label).toContain(label);
  // The view keeps its overview style after the export, and gets the full one back zoomed in.
  expect(await graph.style(node.id, 'label')).toBe('');
  await graph.zoom(1);
  expect(await graph.style(node.id, 'label')).toBe(node.label);
  expect(await graph.style(edge.id, 'target-arrow-shape')).toBe('triangle');
});

test('clicking an object selects it, highlights its referrers and says why it is alive', async ({
  graph,
  page,
}) => {
  const snapshot = engineSnapshot(TWO_INSTANCES, 13);
  await graph.show(snapshot);
  const a = snapshot.objects.find((o) => o.type === 'Node')!;
  await graph.clickNode(a.id);
  await expect.poll(() => page.evaluate(() => window.graphFixture!.selected())).toBe(a.id);
  const details = page.getByRole('region', { name: 'Selected object' });
  await expect(details).toContainText('Node object');
  await expect(details.getByLabel('Why is this alive?')).toContainText('Alive because of <module>: a');
  await expect.poll(() => graph.objectsWith('selected')).toEqual([a.id]);
  const { edges } = await graph.elements();
  expect(
    edges
      .filter((e) => e.classes.includes('referrer'))
      .map((e) => e.label)
      .sort(),
  ).toEqual(["['other']", 'a']);
  expect(edges.filter((e) => e.classes.includes('path')).map((e) => e.label)).toEqual(['a']);
  await graph.screenshot('selection');

  await graph.canvas.click({ position: { x: 5, y: 5 } });
  await expect.poll(() => page.evaluate(() => window.graphFixture!.selected())).toBeNull();
});

test('stepping keeps every node that stays where it was and adds new ones next to their referrer', async ({
  graph,
}) => {
  const first = engineSnapshot(TWO_INSTANCES, 9);
  await graph.show(first);
  const before = new Map((await graph.elements()).nodes.map((n) => [n.id, n.position!]));
  await graph.show(engineSnapshot(TWO_INSTANCES, 10));
  const after = (await graph.elements()).nodes;
  const kept = after.filter((n) => before.has(n.id));
  expect(kept.length).toBe(before.size);
  for (const n of kept) expect(n.position, n.id).toEqual(before.get(n.id));
  const added = after.filter((n) => !before.has(n.id));
  expect(added.map((n) => n.label.split('\n')[0])).toEqual(['Node object']);
  const frame = after.find((n) => n.id.startsWith('f0:'))!;
  expect(added[0].position!.x).toBeGreaterThan(frame.position!.x);
});

test("draws in Cytoscape's order without its sort, after objects come and go", async ({ graph, page }) => {
  const order = () => page.evaluate(() => window.graphFixture!.drawOrder());
  for (const line of [9, 10, 14]) {
    await graph.show(engineSnapshot(TWO_INSTANCES, line));
    const { drawn, sorted, replaced } = await order();
    expect(replaced).toBe(true);
    expect(drawn.length, `line ${line}`).toBeGreaterThan(0);
    expect(drawn, `line ${line}`).toEqual(sorted);
  }
  // Freed objects are removed once faded: Cytoscape then fills their places in its pool.
  await page.waitForTimeout(600);
  const { drawn, sorted } = await order();
  expect(drawn).toEqual(sorted);
});

test('compare mode draws what changed between two steps and counts it by type', async ({ graph, page }) => {
  const earlier = engineSnapshot(TWO_INSTANCES, 13);
  const later = engineSnapshot(TWO_INSTANCES, 15);
  await graph.show(later, { compareWith: earlier });
  const summary = page.getByRole('region', { name: 'Changes between steps' });
  await expect(summary).toContainText(`step ${earlier.step} → ${later.step}`);
  await expect(summary).toContainText('0 created, 4 freed');
  await expect(summary.getByRole('row', { name: /^Node 0 -2/ })).toBeVisible();
  expect(await graph.objectsWith('freed')).toHaveLength(4);
  // The collection happened between the two steps: the freed objects are its finding.
  await graph.showPhase('after');
  expect(await graph.objectsWith('freed', 'gc-unreachable')).toHaveLength(4);
  await graph.screenshot('compare');
});

test('shows shared objects as nodes on demand, and lays the graph out by force', async ({ graph, page }) => {
  const snapshot = engineSnapshot(TWO_INSTANCES, 14);
  await graph.show(snapshot);
  const folded = (await graph.elements()).nodes.length;
  await page.getByRole('checkbox', { name: 'Inline primitives' }).uncheck();
  // The interned 'b' the second instance's dict holds is now a node of its own.
  await expect.poll(async () => (await graph.elements()).nodes.length).toBeGreaterThan(folded);
  const b = snapshot.objects.find((o) => o.label === "'b'")!;
  expect((await graph.node(b.id))!.classes).toContain('shared');

  const before = new Map((await graph.elements()).nodes.map((n) => [n.id, n.position!]));
  await page.getByRole('button', { name: 'Force' }).click();
  await expect(page.getByRole('button', { name: 'Force' })).toHaveAttribute('aria-pressed', 'true');
  await expect
    .poll(
      async () => (await graph.elements()).nodes.filter((n) => n.position!.x !== before.get(n.id)!.x).length,
    )
    .toBeGreaterThan(0);
  await graph.screenshot('force-unfolded');
});

test('follows the dark colour scheme', async ({ graph, page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await graph.show(engineSnapshot(TWO_INSTANCES, 14));
  await expect(page.locator('.reference-graph')).toHaveAttribute('data-scheme', 'dark');
  await graph.screenshot('dark');
});
