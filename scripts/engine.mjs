#!/usr/bin/env node
// `npm run -s engine -- FILE.py [--steps-tsv OUT]`: runs one Python file through the memory
// engine and behaves like `python3 FILE.py`: the same stdout, stderr and exit code.
// The arguments go to the engine's own command line (src/core/cli.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { EngineBuildError, ensureEngineBundle } from './lib/engine-bundle.mjs';

let bundle;
try {
  bundle = await ensureEngineBundle();
} catch (error) {
  if (!(error instanceof EngineBuildError)) throw error;
  process.stderr.write(`engine: ${error.message}\n`);
  process.exit(2);
}

const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2), {
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, text) => writeFileSync(path, text),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
