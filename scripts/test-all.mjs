#!/usr/bin/env node
// `npm test`: every check of the project, ending with one plain line `N passed, M failed`
// (`, K skipped` when some were) that sums all suites; exits non-zero if anything failed.
//
//   eslint, prettier --check, typecheck (tsc -b), build    one test each; run two at a time
//   vitest                                                  its JSON report's counts
//   conformance, steps                                      the ratchet lists in tests/conformance
//   corpora                                                 tests/stdlib-cases, tests/engine-cases
//   e2e                                                     Playwright's JSON report's counts
//
// A suite's own output is shown only when it failed.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { defaultJobs, formatFailure, listCases, mapPool, runCorpus } from './lib/conformance.mjs';
import { ROOT, ensureEngineBundle } from './lib/engine-bundle.mjs';
import { applyRatchet, listProblems, readList } from './lib/ratchet.mjs';

const REPORTS = join(ROOT, 'out/reports');
const CONFORMANCE = join(ROOT, 'tests/conformance');
const bin = (name) => join(ROOT, 'node_modules/.bin', name);

/** Runs a command to completion; resolves with its exit code and its combined output. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (chunk) => (log += chunk));
    child.stderr.on('data', (chunk) => (log += chunk));
    child.on('error', (error) => resolve({ code: -1, log: `${log}${error.message}\n` }));
    child.on('close', (code) => resolve({ code, log }));
  });
}

const result = (passed, failed, skipped = 0, log = '', note = '') => ({ passed, failed, skipped, log, note });

/** A command that counts as one test: it passes when it exits with 0. */
async function single(command, args) {
  const { code, log } = await run(command, args);
  return code === 0 ? result(1, 0) : result(0, 1, 0, log);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

async function vitest() {
  const report = join(REPORTS, 'vitest.json');
  rmSync(report, { force: true });
  const { code, log } = await run(bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  const json = readJson(report);
  if (!json) return result(0, 1, 0, log, 'no JSON report');
  // A test file that fails to load has no tests; it still counts as one failure.
  const brokenFiles = json.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  );
  const failed = json.numFailedTests + brokenFiles.length;
  const outcome = result(json.numPassedTests, failed, json.numPendingTests + json.numTodoTests);
  if (failed > 0 || code !== 0) outcome.log = log;
  if (code !== 0 && failed === 0) outcome.failed = 1;
  return outcome;
}

async function e2e(buildOk) {
  if (!buildOk) return result(0, 1, 0, '', 'not run: the build failed');
  const report = join(REPORTS, 'e2e.json');
  rmSync(report, { force: true });
  const { code, log } = await run(bin('playwright'), ['test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_FILE: report,
  });
  const stats = readJson(report)?.stats;
  if (!stats) return result(0, 1, 0, log, 'no JSON report');
  const outcome = result(stats.expected + stats.flaky, stats.unexpected, stats.skipped);
  if (stats.unexpected > 0 || code !== 0) outcome.log = log;
  if (code !== 0 && stats.unexpected === 0) outcome.failed = 1;
  return outcome;
}

/**
 * The conformance corpus under a ratchet list: listed cases must pass; unlisted ones are
 * reported, not counted. Problems with the list itself, or an engine that does not build,
 * count as one failure.
 */
async function ratchet({ listFile, stepsDir }) {
  const cases = join(CONFORMANCE, 'cases');
  const list = readList(listFile);
  const problems = listProblems(
    list,
    listCases(cases).map((kase) => kase.name),
  );
  let bundle;
  try {
    bundle = await ensureEngineBundle();
  } catch (error) {
    return result(0, 1, 0, `${error.message}\n`, `engine bundle: ${error.message.split('\n')[1] ?? ''}`);
  }
  const results = await runCorpus({ bundle, dir: cases, stepsDir, jobs: defaultJobs() });
  const { passed, failed, newlyPassing, notYetPassing } = applyRatchet(results, list);
  const lines = [...problems.map((problem) => `${listFile}: ${problem}`), ...failed.map(formatFailure)];
  const notes = [`not yet passing: ${notYetPassing.length}`];
  if (newlyPassing.length > 0) {
    notes.push(`passing but not listed: ${newlyPassing.length} (add them with --add-passing)`);
  }
  return result(
    passed.length,
    failed.length + (problems.length > 0 ? 1 : 0),
    0,
    lines.join('\n'),
    notes.join('; '),
  );
}

/**
 * The project's own corpora (tests/stdlib-cases, tests/engine-cases): recorded from CPython
 * like the shared one, with no ratchet: every case must pass.
 */
async function corpora() {
  let bundle;
  try {
    bundle = await ensureEngineBundle();
  } catch (error) {
    return result(0, 1, 0, `${error.message}\n`);
  }
  const results = [];
  let skipped = 0;
  for (const dir of ['stdlib-cases', 'engine-cases']) {
    // Cases whose recording the engine deliberately differs from (KNOWN-DIFFERENCES.md there).
    const known = new Set(readList(join(ROOT, 'tests', dir, 'known-differences.txt')));
    const ran = await runCorpus({ bundle, dir: join(ROOT, 'tests', dir), jobs: defaultJobs() });
    skipped += ran.filter((r) => known.has(r.name)).length;
    results.push(...ran.filter((r) => !known.has(r.name)));
  }
  const failed = results.filter((r) => r.failure);
  const note = skipped > 0 ? `${skipped} skipped: see tests/*/KNOWN-DIFFERENCES.md` : '';
  return result(
    results.length - failed.length,
    failed.length,
    skipped,
    failed.map(formatFailure).join('\n'),
    note,
  );
}

const totals = { passed: 0, failed: 0, skipped: 0 };

function report(name, outcome, started) {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const counts = `${outcome.passed} passed, ${outcome.failed} failed${outcome.skipped ? `, ${outcome.skipped} skipped` : ''}`;
  const mark = outcome.failed > 0 ? 'FAIL' : 'ok  ';
  if (outcome.failed > 0 && outcome.log.trim()) {
    const lines = outcome.log.trimEnd().split('\n');
    const shown = lines.length > 200 ? ['…', ...lines.slice(-200)] : lines;
    console.log(`\n── ${name} ──\n${shown.join('\n')}`);
  }
  console.log(
    `${mark} ${name.padEnd(12)} ${counts} (${seconds} s)${outcome.note ? `  ${outcome.note}` : ''}`,
  );
  totals.passed += outcome.passed;
  totals.failed += outcome.failed;
  totals.skipped += outcome.skipped;
}

/** Runs a suite; returns its outcome and a function that prints it (so output keeps the suites' order). */
async function timed(name, task) {
  const started = performance.now();
  const outcome = await task();
  return { outcome, print: () => report(name, outcome, started) };
}

mkdirSync(REPORTS, { recursive: true });

// Static checks and the build are independent; two at a time suits a two-core machine.
const [eslint, prettier, typecheck, build] = await mapPool(
  [
    () => timed('eslint', () => single(bin('eslint'), ['.'])),
    () => timed('prettier', () => single(bin('prettier'), ['--check', '.', '--log-level', 'warn'])),
    () => timed('typecheck', () => single(bin('tsc'), ['-b'])),
    () => timed('build', () => single(bin('electron-vite'), ['build'])),
  ],
  2,
  (suite) => suite(),
);
[eslint, prettier, typecheck, build].forEach((suite) => suite.print());

(await timed('vitest', vitest)).print();
(await timed('conformance', () => ratchet({ listFile: join(CONFORMANCE, 'passing.txt') }))).print();
const stepsList = join(CONFORMANCE, 'steps-passing.txt');
(await timed('steps', () => ratchet({ listFile: stepsList, stepsDir: join(CONFORMANCE, 'steps') }))).print();
(await timed('corpora', corpora)).print();
// The e2e tests serve out/: only a build made by this run may be tested.
(await timed('e2e', () => e2e(build.outcome.failed === 0))).print();

console.log('');
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exitCode = totals.failed > 0 ? 1 : 0;
