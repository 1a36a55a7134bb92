#!/usr/bin/env node
// `node scripts/bench-store.mjs [--dir DIR]` (also the last part of `npm run bench`): times the experiment
// store on a database of 10,000 experiments: opening it, listing all of them, searching, and
// saving (the targets: a list within 50 ms, a save within 5 ms). Prints the median and
// the slowest of several runs; never fails on the numbers (a benchmark, not a test). The
// database goes in a temporary folder under DIR (default: the system's), which decides how
// much each save's fsync costs.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOT } from './lib/engine-bundle.mjs';

const EXPERIMENTS = 10_000;
const { values } = parseArgs({ options: { dir: { type: 'string', default: tmpdir() } } });

// The store is TypeScript: bundle it (without its packages) next to the project's node_modules.
const bundle = join(ROOT, 'out/bench/experiment-store.mjs');
await build({
  entryPoints: [join(ROOT, 'src/main/store/experiment-store.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  logLevel: 'silent',
});
const { ExperimentStore } = await import(pathToFileURL(bundle).href);

/** Runs `work` `runs` times; the median and slowest wall time in milliseconds. */
function time(runs, work) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], max: times.at(-1) };
}

/** A plausible small program, different for each experiment. */
const program = (i) =>
  `# experiment ${i}\nclass Node:\n    def __init__(self):\n        self.next = self\n\n` +
  `nodes = [Node() for _ in range(${i % 100})]\nimport gc\nprint(gc.collect())\n`;

const dir = mkdtempSync(join(values.dir, 'pymem-bench-store-'));
const path = join(dir, 'experiments.sqlite');
try {
  let store = ExperimentStore.open(path);
  const viewState = {
    positions: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`0x${i}`, { x: i, y: i }])),
  };
  const fill = time(1, () => {
    for (let i = 0; i < EXPERIMENTS; i++) {
      store.repository.create({
        title: `Experiment ${i}`,
        source: program(i),
        notes: `Notes ${i}`,
        viewState,
      });
    }
  });
  store.close();

  const open = time(5, () => ExperimentStore.open(path).close());
  store = ExperimentStore.open(path);
  const { repository } = store;

  const rows = [];
  const row = (name, result, target) => rows.push({ name, ...result, target });
  row(`open (with its quick_check)`, open);
  row(
    `list all ${EXPERIMENTS.toLocaleString('en-US')}`,
    time(20, () => repository.list({ limit: EXPERIMENTS })),
    50,
  );
  row(
    'list all, as JSON (web)',
    time(20, () => JSON.stringify(repository.list({ limit: EXPERIMENTS }))),
  );
  row(
    'list the sidebar (500)',
    time(20, () => repository.list({ limit: 500 })),
  );
  row(
    'list sorted by title',
    time(20, () => repository.list({ sort: 'title', limit: EXPERIMENTS })),
    50,
  );
  row(
    'search code and notes',
    time(20, () => repository.list({ search: 'range(42)', limit: EXPERIMENTS })),
  );
  const id = repository.list({ limit: 1 }).items[0].id;
  row(
    'save (autosave: source)',
    time(200, (i) => repository.update(id, { source: `${program(i)}# edit ${i}\n` })),
    5,
  );
  row(
    'save source, step, view',
    time(200, (i) => repository.update(id, { source: program(i), step: i, viewState })),
    5,
  );
  const big = '# a large program\n' + 'x = 1\n'.repeat(166_000);
  row(
    'save a 1 MB source',
    time(20, (i) => repository.update(id, { source: `${big}# ${i}\n` })),
  );
  row(
    'get (open) one',
    time(200, () => repository.get(id)),
  );
  store.close();

  const ms = (value) => `${value.toFixed(2)} ms`.padStart(11);
  console.log(
    `experiment store: ${EXPERIMENTS.toLocaleString('en-US')} experiments in ${path}, made in ${(fill.max / 1000).toFixed(1)} s`,
  );
  console.log(`${'operation'.padEnd(28)}${'median'.padStart(11)}${'slowest'.padStart(11)}  target`);
  for (const { name, median, max, target } of rows) {
    const verdict = target === undefined ? '' : `≤ ${target} ms ${median <= target ? 'met' : 'MISSED'}`;
    console.log(`${name.padEnd(28)}${ms(median)}${ms(max)}  ${verdict}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
