#!/usr/bin/env node
// `node scripts/bench-seek.mjs` (part of `npm run bench`): seeking in a run of a million steps
// through the engine host, as the app does it (EngineHost, its worker thread, and the
// checkpoint pool's paused workers: src/main/checkpoint-pool.ts). Prints how long the pool
// takes to warm up, then 12 seeks to pseudo-random steps, forward and backward, against the
// target of 50 ms each, and the heap of each paused worker.
import { build } from 'esbuild';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './lib/engine-bundle.mjs';

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
  spawn: () => spawnEngineWorker(paths.worker),
  runOptions: { filename: 'main.py', stepBudget: 5_000_000 },
});

const timed = async (fn) => {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
};

const run = await timed(() => host.run(source));
const { stepCount } = run.value;
console.log(`seeking through the engine host, a run of ${stepCount} steps (${run.ms.toFixed(0)} ms)`);
const pool = host.checkpointPool;
const warm = await timed(() => pool.whenWarm());
const afterRun = run.ms; // the pool starts when the run ends
console.log(
  `  pool warm-up              ${warm.ms.toFixed(0).padStart(7)} ms  (${pool.checkpoints.length} workers paused at steps ${pool.checkpoints.join(', ')}; one re-run at a time)`,
);
void afterRun;

// Pseudo-random steps, the same every time; each seek is a cache miss (no window overlaps).
let seed = 12345;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const targets = Array.from({ length: 12 }, () => Math.floor(random() * stepCount));
const seeks = [];
let previous = -1;
for (const step of targets) {
  // Where the seek starts: the paused worker nearest before the step, or a re-run from step 0.
  const paused = pool.stats().workers.filter((w) => w.state === 'paused' && w.step <= step);
  const from = Math.max(0, ...paused.map((w) => w.step));
  const { ms } = await timed(() => host.snapshot(step));
  const direction = previous < 0 ? '' : step < previous ? 'backward' : 'forward';
  seeks.push({ step, ms });
  const origin = paused.length > 0 ? `from a worker at ${from}` : 'by a re-run from the start';
  console.log(
    `  seek to step ${String(step).padStart(7)}  ${direction.padEnd(9)}${ms.toFixed(1).padStart(7)} ms  (${origin}, ${step - from} steps on)`,
  );
  previous = step;
}
const mean = seeks.reduce((sum, s) => sum + s.ms, 0) / seeks.length;
const max = Math.max(...seeks.map((s) => s.ms));
console.log(
  `  mean seek ${mean.toFixed(1).padStart(19)} ms, max ${max.toFixed(1)} ms  (target ≤ ${TARGET_MS} ms each: ${max <= TARGET_MS ? 'met' : mean <= TARGET_MS ? 'met on average' : 'missed'})`,
);
const { workers } = pool.stats();
const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
const heaps = workers.map((w) => `${mib(w.heapUsed)}/${mib(w.heapTotal)}`).join(', ');
const total = workers.reduce((sum, w) => sum + w.heapTotal, 0);
console.log(`  paused workers' heaps     used/total MiB: ${heaps}; ${mib(total)} MiB in all`);
console.log(
  `  process memory            rss ${mib(process.memoryUsage().rss)} MiB with the host's worker and the pool`,
);
await host.dispose();
