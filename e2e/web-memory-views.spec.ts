/**
 * The memory views in Chromium through the web shell, against CPython: the allocator map shows
 * a freed block at the head of its pool's free list and the next object of its size class in
 * that very block (`id(new) == old_id`, as CPython prints it); the collector's gauges show
 * `gc.get_count()` as CPython prints it at three points; the chart's markers are the
 * timeline's collections. Screenshots of each view at both window sizes go to
 * out/screenshots/memory-*.png.
 */

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { hasCPython311, runCPython } from './cpython';
import { MemoryViews, counts } from './memory-views';
import { expect, test } from './web-fixture';

const SCREENSHOTS = join(import.meta.dirname, '..', 'out', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

/** Frees an object, then makes another of the same size class (16 bytes: `object()`). */
const REUSE = [
  'a = object()',
  'old = id(a)',
  'print(old)',
  'del a',
  'b = object()',
  'print(id(b), id(b) == old)',
].join('\n');

/** gc.get_count() before anything, after an automatic collection, after gc.collect(0). */
const COUNTS = [
  'import gc',
  'print(gc.get_count())',
  'pairs = [(i, str(i)) for i in range(600)]',
  'print(gc.get_count())',
  'gc.collect(0)',
  'print(gc.get_count())',
].join('\n');

/**
 * What CPython prints, from the machine's python3 when it is CPython 3.11; otherwise as
 * `python3 main.py` printed it with CPython 3.11.7 (64-bit Linux) for these programs (the ids
 * of REUSE differ per process: only its verdict is compared).
 */
const cpython = hasCPython311();
const REUSE_VERDICT = cpython ? runCPython(REUSE).trim().split('\n')[1]!.split(' ')[1]! : 'True';
const CPYTHON_COUNTS = cpython
  ? runCPython(COUNTS).trim().split('\n')
  : ['(261, 0, 2)', '(148, 1, 2)', '(0, 2, 2)'];

const printedLines = async (views: MemoryViews) =>
  ((await views.lab.output.textContent()) ?? '').trim().split('\n');

test('the allocator map shows the freed block at the head of its free list, then the new object in it', async ({
  lab,
}) => {
  const views = new MemoryViews(lab);
  await lab.run(REUSE);
  await lab.expectFinished();
  const [oldText, newText] = await printedLines(views);
  const [newId, verdict] = newText!.split(' ');
  expect(verdict).toBe(REUSE_VERDICT);
  expect(newId).toBe(oldText);
  const block = `0x${BigInt(oldText!).toString(16)}`;

  await views.tab('Allocator').click();
  // `del a` has run: its block is free, first in the 16-byte pool's LIFO free list.
  await views.goToLine(5);
  await views.sizeClass(16).click();
  const head = views.freeList.getByRole('listitem').first();
  await expect(head).toContainText(block);
  await expect(head).toContainText('← next');

  // `b = object()` has run: b is in that block, and id(b) is what the program printed.
  await lab.page.keyboard.press('F10');
  await expect(lab.stepCounter).toContainText(/line 6$/);
  await lab.variable('b').click();
  await expect(views.selectedBlock).toContainText(`id() ${newId} (${block})`);
  await expect(views.selectedBlock).toContainText(`in block ${block}`);
  await expect(views.freeList.getByRole('listitem').first()).not.toContainText(block);
});

test('the generation gauges show gc.get_count() as CPython prints it at three points', async ({ lab }) => {
  const views = new MemoryViews(lab);
  await lab.run(COUNTS);
  await lab.expectFinished();
  const printed = await printedLines(views);
  expect(printed).toEqual(CPYTHON_COUNTS);

  await views.tab('Collector').click();
  for (const [i, line] of [2, 4, 6].entries()) {
    await views.goToLine(line, line === 2 ? 'start' : 'end');
    const [c0, c1, c2] = counts(printed[i]!);
    const gauges = views.gauges();
    await expect(gauges.getByLabel(`Generation 0: ${c0} of 700`)).toBeVisible();
    await expect(gauges.getByLabel(`Generation 1: ${c1} of 10`)).toBeVisible();
    await expect(gauges.getByLabel(`Generation 2: ${c2} of 10`)).toBeVisible();
  }
});

test("the chart's markers are the timeline's collections, and moving either moves both", async ({ lab }) => {
  const views = new MemoryViews(lab);
  await lab.run(COUNTS);
  await lab.expectFinished();
  await views.tab('Memory over time').click();

  // The automatic collection (line 3), gc.collect(0) (line 5) and two at shutdown.
  await expect(views.markers()).toContainText('4 collections');
  await expect(views.timelineMarks()).toHaveCount(4);
  const chartSteps = await views
    .markers()
    .getByRole('button', { name: /collection \(.+\) at step/ })
    .evaluateAll((buttons) =>
      buttons.map((b) =>
        Number(/step ([\d,]+)/.exec(b.getAttribute('aria-label') ?? '')![1]!.replaceAll(',', '')),
      ),
    );
  const timelineSteps = await views
    .timelineMarks()
    .evaluateAll((marks) => marks.map((m) => Number(m.getAttribute('data-step')) + 1));
  expect(chartSteps).toEqual(timelineSteps);

  // The chart's marker of the automatic collection moves the timeline to it.
  const automatic = views
    .markers()
    .getByRole('button', { name: /^gen 0 collection \(automatic\) at step/ })
    .first();
  const shown = Number(
    /step ([\d,]+)/.exec((await automatic.getAttribute('aria-label')) ?? '')![1]!.replaceAll(',', ''),
  );
  await automatic.click();
  await expect(lab.stepCounter).toContainText(`Step ${shown} /`);
  await expect(lab.gc).toContainText(`Last collection (step ${shown}, generation 0)`);
  await expect(views.chart()).toHaveAttribute('data-step', String(shown - 1));

  // A click on the chart moves the timeline to the step under the pointer, and the chart follows.
  const plot = views.chart().locator('.u-over').first();
  const box = (await plot.boundingBox())!;
  await plot.click({ position: { x: box.width * 0.25, y: box.height / 2 } });
  await expect(lab.stepCounter).not.toContainText(`Step ${shown} /`);
  const counter = (await lab.stepCounter.textContent()) ?? '';
  const step = Number(/Step ([\d,]+)/.exec(counter)![1]!.replaceAll(',', ''));
  await expect(views.chart()).toHaveAttribute('data-step', String(step - 1));

  // The memory profile of the last step: the line that allocated the pairs, marked in the editor.
  await lab.timelineButton('To end').click();
  // Above the chart: the bytes in live objects (the 600 pairs and their list, Σ sys.getsizeof), then traced.
  const now = views.memory.getByLabel('Memory at this step');
  await expect(now).toContainText(/[1-9][\d,]{4,} B in live objects \(Σ sys\.getsizeof\)/);
  await expect(now).toContainText(/[\d,]+ B traced/);
  await views.memory
    .getByRole('region', { name: 'Memory by line' })
    .getByRole('row', { name: 'Line 3' })
    .click();
  await expect(lab.page.locator('.cm-profile-line')).toContainText('pairs = [(i, str(i))');
});

for (const size of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const) {
  test(`screenshots of the memory views at ${size.width}×${size.height}`, async ({ lab }) => {
    test.setTimeout(90_000);
    await lab.page.setViewportSize(size);
    const views = new MemoryViews(lab);
    const shot = (name: string) =>
      lab.page.screenshot({ path: join(SCREENSHOTS, `memory-${name}-${size.width}x${size.height}.png`) });

    await lab.run(REUSE);
    await lab.expectFinished();
    await views.tab('Allocator').click();
    await views.goToLine(6);
    await lab.variable('b').click();
    await expect(views.selectedBlock).toBeVisible();
    await shot('allocator');

    await lab.run(COUNTS);
    await lab.expectFinished();
    await views.tab('Collector').click();
    await views.goToLine(4, 'end');
    await expect(views.gauges()).toBeVisible();
    await shot('collector');

    await views.tab('Memory over time').click();
    await expect(views.markers()).toContainText('4 collections');
    await shot('over-time');

    await lab.page.emulateMedia({ colorScheme: 'dark' });
    await expect(views.chart()).toBeVisible();
    await shot('over-time-dark');
    await views.tab('Allocator').click();
    await shot('allocator-dark');
  });
}
