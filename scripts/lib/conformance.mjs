// The conformance corpus: cases recorded from CPython 3.11 (NNN_name.py with its exact .out,
// and .err holding the last stderr line when the program ends with an uncaught exception),
// run through the engine bundle and compared byte for byte. Nothing is normalised.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export const CASE_FILE = /^(\d{3}_[A-Za-z0-9_]+)\.py$/;
export const DEFAULT_TIMEOUT_MS = 10_000;
/** A case's worker may use this much heap: an output loop ends as a crash, not a swapping machine. */
const WORKER_HEAP_MB = 1024;

/** The cases in `dir` (sorted by name), optionally only those whose name matches `only`. */
export function listCases(dir, only) {
  const folder = resolve(dir);
  return readdirSync(folder)
    .map((file) => CASE_FILE.exec(file)?.[1])
    .filter((name) => name !== undefined && (!only || only.test(name)))
    .sort()
    .map((name) => {
      const file = join(folder, `${name}.py`);
      const tier = /^# tier: (\S+)/.exec(readFileSync(file, 'utf8'))?.[1] ?? '?';
      const errFile = join(folder, `${name}.err`);
      return {
        name,
        tier,
        file,
        out: readFileSync(join(folder, `${name}.out`)),
        err: existsSync(errFile) ? readFileSync(errFile) : undefined,
      };
    });
}

/** The last line of `text` as `tail -n 1` prints it (with its newline, if it has one). */
export function lastLine(text) {
  const end = text.endsWith('\n') ? text.length - 1 : text.length;
  return text.slice(text.lastIndexOf('\n', end - 1) + 1);
}

/**
 * The first line where `expected` and `got` differ: its 1-based number and both versions,
 * quoted so that whitespace shows. A last line without its newline says so.
 */
export function firstDifference(expected, got) {
  const lines = (text) => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const show = (line) => {
    if (line === undefined) return '<end of output>';
    return line.endsWith('\n')
      ? JSON.stringify(line.slice(0, -1))
      : `${JSON.stringify(line)} (no newline at end)`;
  };
  const a = lines(expected);
  const b = lines(got);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return { line: i + 1, expected: show(a[i]), got: show(b[i]) };
  }
  return undefined;
}

const bytes = (text) => Buffer.from(text, 'utf8');

/** Why a run of `kase` does not match CPython's recording, or undefined if it does. */
export function checkOutput(kase, run) {
  if (run.timeout) return { what: `timed out after ${run.timeout / 1000} s` };
  if (run.crash) return { what: `the engine crashed: ${run.crash.split('\n')[0]}` };
  if (!bytes(run.stdout).equals(kase.out)) {
    const diff = firstDifference(kase.out.toString('utf8'), run.stdout);
    return diff ? { what: `stdout line ${diff.line}`, ...diff } : { what: 'stdout differs in its bytes' };
  }
  if (kase.err) {
    if (run.exitCode !== 1) return { what: 'exit code', expected: '1', got: String(run.exitCode) };
    const got = lastLine(run.stderr);
    if (!bytes(got).equals(kase.err)) {
      return {
        what: 'last stderr line',
        expected: JSON.stringify(kase.err.toString('utf8')),
        got: JSON.stringify(got),
      };
    }
  } else {
    if (run.exitCode !== 0) {
      return {
        what: 'exit code',
        expected: '0',
        got: `${run.exitCode} (stderr: ${JSON.stringify(lastLine(run.stderr))})`,
      };
    }
    if (run.stderr) return { what: 'stderr', expected: 'nothing', got: JSON.stringify(lastLine(run.stderr)) };
  }
  return undefined;
}

/** Why the step list the engine wrote differs from CPython's (`expected`), or undefined. */
export function checkSteps(expected, run, stepsPath) {
  if (run.timeout) return { what: `timed out after ${run.timeout / 1000} s` };
  if (run.crash) return { what: `the engine crashed: ${run.crash.split('\n')[0]}` };
  const got = run.files[stepsPath];
  if (got === undefined) return { what: 'no step list written (--steps-tsv)' };
  if (got === expected) return undefined;
  const diff = firstDifference(expected, got);
  return diff ? { what: `steps line ${diff.line}`, ...diff } : { what: 'steps differ' };
}

/** Runs the engine bundle's `main(argv, io)` in a fresh worker; never throws, never hangs. */
export function runInWorker(bundle, argv, timeoutMs = DEFAULT_TIMEOUT_MS) {
  return new Promise((resolvePromise) => {
    const worker = new Worker(new URL('./conformance-worker.mjs', import.meta.url), {
      workerData: { bundleUrl: pathToFileURL(bundle).href, argv },
      // A deep Python recursion (the limit is 1000 frames) needs more than Node's default stack.
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, stackSizeMb: 256 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const settle = (run) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolvePromise(run);
    };
    const timer = setTimeout(() => settle({ timeout: timeoutMs }), timeoutMs);
    worker.once('message', settle);
    worker.once('error', (error) => settle({ crash: String(error?.stack ?? error) }));
    worker.once('exit', (code) => settle({ crash: `the worker exited with code ${code} before answering` }));
  });
}

/** Calls `fn` on every item, at most `jobs` at a time; results in the items' order. */
export async function mapPool(items, jobs, fn) {
  const results = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, lane));
  return results;
}

export const defaultJobs = () => availableParallelism();

/**
 * Runs every case of `dir` and checks it: its output against .out/.err, or with `stepsDir`,
 * its `--steps-tsv` step list against stepsDir/NAME.tsv. Resolves with one
 * `{ name, tier, failure }` per case (`failure` undefined when it passes).
 */
export async function runCorpus({
  bundle,
  dir,
  only,
  stepsDir,
  jobs = defaultJobs(),
  timeoutMs = DEFAULT_TIMEOUT_MS,
}) {
  const cases = listCases(dir, only);
  return mapPool(cases, jobs, async (kase) => {
    if (!stepsDir) {
      const run = await runInWorker(bundle, [kase.file], timeoutMs);
      return { name: kase.name, tier: kase.tier, failure: checkOutput(kase, run) };
    }
    const expectedFile = join(stepsDir, `${kase.name}.tsv`);
    if (!existsSync(expectedFile))
      return { name: kase.name, tier: kase.tier, failure: { what: `no ${expectedFile}` } };
    const stepsPath = `${kase.name}.steps.tsv`;
    const run = await runInWorker(bundle, [kase.file, '--steps-tsv', stepsPath], timeoutMs);
    return {
      name: kase.name,
      tier: kase.tier,
      failure: checkSteps(readFileSync(expectedFile, 'utf8'), run, stepsPath),
    };
  });
}

/** One line (two more with a diff) describing a failing case. */
export function formatFailure({ name, tier, failure }) {
  const head = `FAIL ${name} [tier ${tier}]: ${failure.what}`;
  if (failure.expected === undefined) return head;
  return `${head}\n  expected: ${failure.expected}\n  got:      ${failure.got}`;
}

/** `tier A: 88/90 passed`, one line per tier. */
export function formatTiers(results) {
  const tiers = new Map();
  for (const { tier, failure } of results) {
    const count = tiers.get(tier) ?? { passed: 0, total: 0 };
    count.total++;
    if (!failure) count.passed++;
    tiers.set(tier, count);
  }
  return [...tiers.keys()]
    .sort()
    .map((tier) => `tier ${tier}: ${tiers.get(tier).passed}/${tiers.get(tier).total} passed`);
}
