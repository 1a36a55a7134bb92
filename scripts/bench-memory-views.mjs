#!/usr/bin/env node
// `node scripts/bench-memory-views.mjs [--runs N] [--no-build]` (also run by `npm run bench`):
// the memory views. In the engine: what recording memory over time costs on a run of about a
// million steps (bench/memory/churn_1m.py; time travel's recording budget is ≤ 3× the plain
// run) and its bytes per step. In headless Chromium, on the views' test page
// (memory-fixture.html, served by the web shell): the allocator map of a heap of 5,000
// objects (bench/memory/heap_5000.py; target ≤ 200 ms) and the chart of the million-step run
// (target ≤ 500 ms), then moving its step (interaction speed). Best of N; no target is asserted.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { ROOT, ensureEngineBundle } from './lib/engine-bundle.mjs';
import { buildApp, chromiumPath, startWebShellBrowser } from './lib/bench-browser.mjs';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, 'no-build': { type: 'boolean', default: false } },
});
const runs = Number(values.runs);
const ms = (value) => `${value.toFixed(0)} ms`.padStart(8);

const { runSource } = await import(pathToFileURL(await ensureEngineBundle()).href);
const { encodeMemorySeries } = await bundleWireCodec();

/** src/shared/memory-series.ts, the worker's encoder, bundled for this script. */
async function bundleWireCodec() {
  const { build } = await import('esbuild');
  const outfile = join(ROOT, 'out/bench/memory-series.mjs');
  await build({
    entryPoints: [join(ROOT, 'src/shared/memory-series.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    outfile,
    logLevel: 'silent',
  });
  return import(`${pathToFileURL(outfile).href}?${Date.now()}`);
}

// ── Recording cost, in the engine ──
const churn = readFileSync(join(ROOT, 'bench/memory/churn_1m.py'), 'utf8');
const timed = (options) => {
  const start = performance.now();
  const result = runSource(churn, options);
  return { ms: performance.now() - start, result };
};
const best = { plain: Infinity, steps: Infinity, memory: Infinity };
let recorded;
for (let i = 0; i < runs; i++) {
  // Interleaved, so that a slow moment of the machine hits all three alike.
  best.plain = Math.min(best.plain, timed({}).ms);
  best.steps = Math.min(best.steps, timed({ recordSteps: true }).ms);
  const run = timed({ recordSteps: true, recordMemory: true });
  best.memory = Math.min(best.memory, run.ms);
  recorded = run.result;
}
const series = recorded.memory;
const stepCount = recorded.stepCount;
const arrays = [...series.channels, ...series.types].reduce(
  (n, c) => n + c.steps.byteLength + c.values.byteLength,
  0,
);
const toBase64 = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const encodeStart = performance.now();
const wireJson = JSON.stringify(encodeMemorySeries(series, toBase64));
const encodeMs = performance.now() - encodeStart;

console.log(
  `\nmemory over time on bench/memory/churn_1m.py (${stepCount.toLocaleString('en-US')} steps), best of ${runs}`,
);
console.log(`  run without recording        ${ms(best.plain)}`);
console.log(
  `  recording the steps          ${ms(best.steps)}  (${(best.steps / best.plain).toFixed(2)}× the run)`,
);
console.log(
  `  steps + memory over time     ${ms(best.memory)}  (${(best.memory / best.plain).toFixed(2)}× the run; memory alone +${(best.memory - best.steps).toFixed(0)} ms; target ≤ 3× in total)`,
);
console.log(
  `  memory series                ${(arrays / stepCount).toFixed(2).padStart(8)} bytes per step (${series.channels.length} channels: ${series.channels.map((c) => c.name).join(' ')}; ${series.types.length} types, ${series.collections.steps.length} collections)`,
);
console.log(
  `  as sent (base64 JSON)        ${(wireJson.length / stepCount).toFixed(2).padStart(8)} bytes per step (${(wireJson.length / 1e6).toFixed(1)} MB, encoded in ${encodeMs.toFixed(0)} ms)`,
);

// ── The views in headless Chromium ──
if (!existsSync(chromiumPath)) {
  console.log(`memory views: not measured in Chromium (no Chromium at ${chromiumPath})`);
  process.exit(0);
}
if (!values['no-build']) {
  const failed = buildApp();
  if (failed !== null) {
    console.log(`memory views: not measured (the build failed)\n${failed}`);
    process.exit(1);
  }
}
const heapSource = readFileSync(join(ROOT, 'bench/memory/heap_5000.py'), 'utf8');
const heapSteps = runSource(heapSource, {}).stepCount;
const heap = runSource(heapSource, {
  snapshotAt: heapSteps - 1,
  snapshotLimits: { maxObjects: 6000, maxEdgesPerObject: 6000 },
}).snapshot;
const heapJson = JSON.stringify(heap);
const programObjects = heap.objects.filter((o) => !o.shared).length;

const { port, browser, close } = await startWebShellBrowser();
const result = {
  map: Infinity,
  mapPainted: Infinity,
  chart: Infinity,
  chartPainted: Infinity,
  decoded: Infinity,
};
let map;
const moves = [];
let zoomMs = Infinity;
try {
  for (let run = 0; run < runs; run++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`http://127.0.0.1:${port}/memory-fixture.html`);
    await page.waitForFunction(() => globalThis.memoryFixture !== undefined);
    map = await page.evaluate((text) => globalThis.memoryFixture.allocator(JSON.parse(text)), heapJson);
    result.map = Math.min(result.map, map.drawMs);
    result.mapPainted = Math.min(result.mapPainted, map.paintedMs);
    const drawn = await page.evaluate((text) => globalThis.memoryFixture.chart(text), wireJson);
    result.chart = Math.min(result.chart, drawn.drawMs);
    result.chartPainted = Math.min(result.chartPainted, drawn.paintedMs);
    result.decoded = Math.min(result.decoded, drawn.decodedMs);
    for (let i = 1; i <= 20; i++) {
      const step = Math.floor((stepCount * i * 7919) % stepCount);
      moves.push(await page.evaluate((s) => globalThis.memoryFixture.step(s), step));
    }
    zoomMs = Math.min(
      zoomMs,
      (await page.evaluate((n) => globalThis.memoryFixture.zoom(n / 3, n / 3 + 5000), stepCount)).paintedMs,
    );
    await page.close();
  }
} finally {
  await close();
}
const sorted = (key) => moves.map((m) => m[key]).sort((a, b) => a - b);
const median = (list) => list[Math.floor(list.length / 2)];

console.log(`\nmemory views in headless Chromium ${browser.version?.() ?? ''}, best of ${runs}`);
console.log(`${'view'.padEnd(52)}${'drawn'.padStart(8)}${'painted'.padStart(9)}  target`);
console.log(
  `${`allocator map: ${programObjects.toLocaleString('en-US')} objects, ${map.pools} pools, ${map.blocks.toLocaleString('en-US')} blocks`.padEnd(52)}${ms(result.map)}${ms(result.mapPainted)}  ≤ 200 ms`,
);
console.log(
  `${`chart: ${stepCount.toLocaleString('en-US')} steps (JSON parse + decode ${result.decoded.toFixed(0)} ms)`.padEnd(52)}${ms(result.chart)}${ms(result.chartPainted)}  ≤ 500 ms`,
);
console.log(
  `${`chart: moving the step (median / worst of ${moves.length})`.padEnd(52)}${`${median(sorted('drawMs')).toFixed(1)}/${sorted('drawMs').at(-1).toFixed(1)}`.padStart(8)}${`${median(sorted('paintedMs')).toFixed(0)}/${sorted('paintedMs').at(-1).toFixed(0)}`.padStart(9)}  interaction speed (≤ 16 ms drawn)`,
);
console.log(`${'chart: zoom into 5,000 steps'.padEnd(52)}${''.padStart(8)}${ms(zoomMs)}`);
console.log('drawn: the code that draws (model, layout, canvas); painted: until the next frame is on screen');
