#!/usr/bin/env node
// `npm run bench [-- --runs N] [--only REGEX]`: runs the programs in bench/ in the engine and in
// python3, in the same run, and prints the wall times and the ratio engine/CPython; then times
// the experiment store (scripts/bench-store.mjs), reopening an experiment
// (scripts/bench-open.mjs), the reference graph in headless Chromium (scripts/bench-graph.mjs)
// and the memory views (scripts/bench-memory-views.mjs).
// Both sides time the program alone (compile and run; not starting the interpreter) and keep
// the best of N runs. A program the engine cannot run yet gets its error in place of numbers.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runInWorker } from './lib/conformance.mjs';
import { ROOT, ensureEngineBundle } from './lib/engine-bundle.mjs';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, only: { type: 'string' } },
});
const runs = Number(values.runs);
const ENGINE_TIMEOUT_MS = 120_000;
/** After a run this slow, one measurement is enough. */
const SLOW_MS = 10_000;

// Times compile + exec of the file inside CPython and reports it on stderr's last line.
const CPYTHON_TIMER = `
import sys, time
path = sys.argv[1]
with open(path, encoding='utf-8') as f:
    source = f.read()
start = time.perf_counter()
exec(compile(source, path, 'exec'), {'__name__': '__main__', '__file__': path})
sys.stdout.flush()
sys.stderr.write('%.6f\\n' % (time.perf_counter() - start))
`;

function timeCPython(file) {
  const result = spawnSync('python3', ['-c', CPYTHON_TIMER, file], { encoding: 'utf8' });
  if (result.status !== 0)
    return { error: result.stderr.trim().split('\n').at(-1) ?? `exit ${result.status}` };
  const lines = result.stderr.trimEnd().split('\n');
  // The reference output comes from a plain `python3 FILE.py`: under the timer's exec() the
  // interpreter's state differs (collections come at other moments).
  const plain = spawnSync('python3', [file], { encoding: 'utf8' });
  return { ms: Number(lines.at(-1)) * 1000, stdout: plain.stdout };
}

async function timeEngine(bundle, file) {
  const run = await runInWorker(bundle, [file], ENGINE_TIMEOUT_MS);
  if (run.timeout) return { error: `timed out after ${ENGINE_TIMEOUT_MS / 1000} s` };
  if (run.crash) return { error: `crashed: ${run.crash.split('\n')[0]}` };
  if (run.exitCode !== 0)
    return { error: run.stderr.trimEnd().split('\n').at(-1) || `exit code ${run.exitCode}` };
  return { ms: run.elapsedMs, stdout: run.stdout };
}

async function best(measure) {
  let bestRun;
  for (let i = 0; i < runs; i++) {
    const run = await measure();
    if (run.error) return run;
    if (!bestRun || run.ms < bestRun.ms) bestRun = run;
    if (run.ms > SLOW_MS) break;
  }
  return bestRun;
}

const only = values.only ? new RegExp(values.only) : undefined;
const programs = readdirSync(join(ROOT, 'bench'))
  .filter((name) => name.endsWith('.py') && (!only || only.test(name)))
  .sort();

let bundle;
let bundleError;
try {
  bundle = await ensureEngineBundle();
} catch (error) {
  bundleError = error.message.split('\n').slice(0, 2).join(' ');
}

const ms = (value) => `${value.toFixed(1)} ms`.padStart(11);
console.log(
  `${'program'.padEnd(22)}${'CPython'.padStart(11)}${'engine'.padStart(11)}${'ratio'.padStart(9)}  output`,
);
for (const program of programs) {
  const file = join(ROOT, 'bench', program);
  const cpython = await best(() => timeCPython(file));
  const engine = bundle ? await best(() => timeEngine(bundle, file)) : { error: bundleError };
  const name = program.replace(/\.py$/, '').padEnd(22);
  const cpythonCell = cpython.error ? 'error'.padStart(11) : ms(cpython.ms);
  if (engine.error) {
    console.log(`${name}${cpythonCell}${'-'.padStart(11)}${'-'.padStart(9)}  engine error: ${engine.error}`);
  } else if (cpython.error) {
    console.log(`${name}${cpythonCell}${ms(engine.ms)}${'-'.padStart(9)}  python3 error: ${cpython.error}`);
  } else {
    const ratio = `${(engine.ms / cpython.ms).toFixed(1)}×`.padStart(9);
    console.log(
      `${name}${cpythonCell}${ms(engine.ms)}${ratio}  ${engine.stdout === cpython.stdout ? 'same' : 'DIFFERS'}`,
    );
  }
}
console.log(
  `best of ${runs} runs each; python3 is ${spawnSync('python3', ['--version'], { encoding: 'utf8' }).stdout.trim()}`,
);

// ── The other benchmarks, each its own script (the last two need the built app in out/) ──
const SECTIONS = [
  'bench-timeline.mjs', // time travel: recording cost, bytes per step, seeks
  'bench-seek.mjs', // time travel through the engine host and its checkpoint pool
  'bench-store.mjs', // the experiment store
  'bench-open.mjs', // reopening an experiment of 10,000 steps, in Chromium
  'bench-graph.mjs', // the reference graph in headless Chromium
  'bench-memory-views.mjs', // memory over time: recording cost; the allocator map and the chart in Chromium
  'load-web.mjs', // the web shell with 30 clients at once
];
for (const script of SECTIONS) {
  console.log('');
  const section = spawnSync(process.execPath, [join(ROOT, 'scripts', script)], { stdio: 'inherit' });
  if (section.status !== 0) process.exitCode = 1;
}
