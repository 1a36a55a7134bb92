#!/usr/bin/env node
// `npm run -s conformance -- DIR [--only REGEX] [--jobs N] [--timeout S] [--steps STEPS_DIR]
//                                [--add-passing LIST]`
// Runs every NNN_name.py in DIR through the engine and compares it with CPython's recording:
// stdout byte for byte with .out; with .err, exit code 1 and the last stderr line; without,
// exit code 0 and an empty stderr. With --steps, compares the engine's --steps-tsv step list
// with STEPS_DIR/NNN_name.tsv instead. --add-passing adds the passing cases to a ratchet list
// (tests/conformance/passing.txt or steps-passing.txt). Exits 1 if any case failed.
import { parseArgs } from 'node:util';
import { EngineBuildError, ensureEngineBundle } from './lib/engine-bundle.mjs';
import { defaultJobs, formatFailure, formatTiers, runCorpus } from './lib/conformance.mjs';
import { addToList } from './lib/ratchet.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    only: { type: 'string' },
    jobs: { type: 'string' },
    timeout: { type: 'string', default: '10' },
    steps: { type: 'string' },
    'add-passing': { type: 'string' },
  },
});
if (positionals.length !== 1) {
  console.error(
    'usage: conformance.mjs DIR [--only REGEX] [--jobs N] [--timeout S] [--steps STEPS_DIR] [--add-passing LIST]',
  );
  process.exit(2);
}

let bundle;
try {
  bundle = await ensureEngineBundle();
} catch (error) {
  if (!(error instanceof EngineBuildError)) throw error;
  console.error(`conformance: ${error.message}`);
  process.exit(2);
}

const started = performance.now();
const results = await runCorpus({
  bundle,
  dir: positionals[0],
  only: values.only ? new RegExp(values.only) : undefined,
  stepsDir: values.steps,
  jobs: values.jobs ? Number(values.jobs) : defaultJobs(),
  timeoutMs: Number(values.timeout) * 1000,
});
const failed = results.filter((result) => result.failure);

for (const result of failed) console.log(formatFailure(result));
for (const line of formatTiers(results)) console.log(line);
if (values['add-passing']) {
  const list = addToList(
    values['add-passing'],
    results.filter((result) => !result.failure).map((result) => result.name),
  );
  console.log(`${values['add-passing']}: ${list.length} cases`);
}
console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
process.exitCode = failed.length > 0 ? 1 : 0;
