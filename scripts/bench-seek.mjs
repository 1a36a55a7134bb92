#!/usr/bin/env node
// `node scripts/bench-seek.mjs [--workers N] [--refill MS] [--pace MS]` (part of `npm run bench`):
// seeking in a run of a million steps through the engine host, as the app does it (EngineHost,
// its worker thread and the checkpoint pool's paused workers: src/main/checkpoint-pool.ts).
// Prints how long the first snapshot after the run takes (the last step, where the timeline
// opens, asked for at once as the app does), how long the pool takes to warm up and the memory
// of its paused workers, then 12 seeks
// to pseudo-random steps, forward and backward, back to back, and 12 others at a person's pace
// (--pace ms apart, 1000 by default: the pool spreads out again the workers seeks left bunched),
// against the target of 50 ms each; then the step events ("This step") of 6 other random steps. --workers and --refill change the pool's maxWorkers and
// refillDelayMs. The machine's load is printed too: the engine shares its cores, and on a busy
// machine the steps each seek ran say more about the pool than its milliseconds. Each seek a
// worker served shows where its time went: the worker running on to the step, capturing it,
// and the rest (waking the worker, the message to the host, the host's own work).
import { build } from 'esbuild';
import { mkdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOT } from './lib/engine-bundle.mjs';

const { values } = parseArgs({
  options: {
    workers: { type: 'string' },
    refill: { type: 'string' },
    pace: { type: 'string', default: '1000' },
  },
});
const OUT = join(ROOT, 'out/bench-seek');
const TARGET_MS = 50;

/** The host and its worker bundled for Node (the app bundles them with electron-vite). */
async function bundleHost() {
  mkdirSync(OUT, { recursive: true });
  await build({
    entryPoints: {
      host: join(ROOT, 'src/main/engine-host.ts'),
      worker: join(ROOT, 'src/main/engine.worker.ts'),
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    outExtension: { '.js': '.mjs' },
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
    loader: { '.py': 'text' },
    outdir: OUT,
    logLevel: 'silent',
  });
  return { host: join(OUT, 'host.mjs'), worker: join(OUT, 'worker.mjs') };
}

// bench/timeline/long_run.py makes 3 steps per iteration: a third more iterations make a million.
const source = readFileSync(join(ROOT, 'bench/timeline/long_run.py'), 'utf8').replace(
  'range(250000)',
  'range(333333)',
);

const paths = await bundleHost();
const { EngineHost, spawnEngineWorker } = await import(pathToFileURL(paths.host).href);
const host = new EngineHost({
  spawn: (role) => spawnEngineWorker(paths.worker, role),
  runOptions: { filename: 'main.py', stepBudget: 5_000_000 },
  checkpoints: {
    ...(values.workers ? { maxWorkers: Number(values.workers) } : {}),
    ...(values.refill ? { refillDelayMs: Number(values.refill) } : {}),
  },
});

const timed = async (fn) => {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
};
const mib = (bytes) => (bytes / 2 ** 20).toFixed(0);
const load = () => `load average ${loadavg()[0].toFixed(1)} on this machine`;

const rssBefore = process.memoryUsage().rss;
const run = await timed(() => host.run(source));
const { stepCount } = run.value;
console.log(
  `seeking through the engine host, a run of ${stepCount} steps (${run.ms.toFixed(0)} ms; ${load()})`,
);
const pool = host.checkpointPool;
const rssRun = process.memoryUsage().rss;
const first = await timed(() => host.snapshot(stepCount - 1));
console.log(
  `  first snapshot (last step) ${first.ms.toFixed(1).padStart(11)} ms  (as the run ends, while the pool starts up)`,
);
await pool.whenWarm();
console.log(
  `  pool warm-up ${pool.stats().warmupMs.toFixed(0).padStart(20)} ms  (${pool.checkpoints.length} workers paused at steps ${pool.checkpoints.join(', ')}; one re-run at a time; the host's worker re-runs from step 0)`,
);
const { workers } = pool.stats();
const heaps = workers.map((w) => mib(w.heapUsed)).join(', ');
const heapTotal = workers.reduce((sum, w) => sum + w.heapTotal, 0);
const rssWarm = process.memoryUsage().rss;
console.log(
  `  paused workers' memory    heaps used ${heaps} MiB; ${mib(heapTotal)} MiB of heap in all, process rss +${mib(rssWarm - rssRun)} MiB (${mib((rssWarm - rssRun) / workers.length)} a worker; the host's worker and the run took +${mib(rssRun - rssBefore)})`,
);

// Pseudo-random steps, the same every time; each seek is a miss of the host's cache.
let seed = 12345;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function seekSeries(title, targets, pauseMs) {
  console.log(`  ${title}`);
  const seeks = [];
  const ran = [];
  let previous = -1;
  for (const step of targets) {
    if (pauseMs > 0) await sleep(pauseMs);
    // Where the seek starts: the paused worker nearest before the step, or a re-run from 0.
    const paused = pool.stats().workers.filter((w) => w.state === 'paused' && w.step <= step);
    const from = Math.max(0, ...paused.map((w) => w.step));
    const { ms } = await timed(() => host.snapshot(step));
    const direction = previous < 0 ? '' : step < previous ? 'backward' : 'forward';
    seeks.push(ms);
    ran.push(step - from);
    const origin = paused.length > 0 ? `from a worker at ${from}` : 'by a re-run from the start';
    const { lastSeek } = pool.stats();
    const phases =
      lastSeek?.step === step
        ? `: run ${lastSeek.runMs.toFixed(1)}, capture ${lastSeek.captureMs.toFixed(1)}, rest ${(ms - lastSeek.runMs - lastSeek.captureMs).toFixed(1)} ms`
        : '';
    console.log(
      `    seek to step ${String(step).padStart(7)}  ${direction.padEnd(9)}${ms.toFixed(1).padStart(7)} ms  (${origin}, ${step - from} steps on${phases})`,
    );
    previous = step;
  }
  const mean = seeks.reduce((sum, ms) => sum + ms, 0) / seeks.length;
  const max = Math.max(...seeks);
  const within = seeks.filter((ms) => ms <= TARGET_MS).length;
  const { moves, movedSteps } = pool.stats();
  // The steps run do not depend on the machine's load: they show what the pool's placement buys.
  const kilo = (steps) => `${(steps / 1000).toFixed(0)}k`;
  const meanRan = ran.reduce((sum, n) => sum + n, 0) / ran.length;
  console.log(`    steps run: mean ${kilo(meanRan)}, max ${kilo(Math.max(...ran))}`);
  console.log(
    `    mean ${mean.toFixed(1)} ms, max ${max.toFixed(1)} ms; ${within} of ${seeks.length} within the target of ${TARGET_MS} ms (${load()}; background moves so far: ${moves}, ${movedSteps} steps)`,
  );
}

const draw = () => Array.from({ length: 12 }, () => Math.floor(random() * stepCount));
await seekSeries('12 seeks back to back', draw(), 0);
await pool.whenWarm();
await seekSeries(`12 other seeks, ${values.pace} ms apart`, draw(), Number(values.pace));

// Step events of a step the host has not served yet: what happens in memory during it.
await pool.whenWarm();
console.log('  step events of 6 other steps, back to back');
const eventTimes = [];
for (const step of draw().slice(0, 6)) {
  const { ms, value } = await timed(() => host.stepEvents(step));
  eventTimes.push(ms);
  console.log(
    `    step events at ${String(step).padStart(7)} ${ms.toFixed(1).padStart(7)} ms  (${value.events.length} events)`,
  );
}
const eventsMean = eventTimes.reduce((sum, ms) => sum + ms, 0) / eventTimes.length;
console.log(`    mean ${eventsMean.toFixed(1)} ms, max ${Math.max(...eventTimes).toFixed(1)} ms (${load()})`);
await host.dispose();
