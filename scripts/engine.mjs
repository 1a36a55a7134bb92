#!/usr/bin/env node
// `npm run -s engine -- FILE.py [options]`: runs one Python file through the memory engine
// and behaves like `python3 FILE.py`: the same stdout, stderr and exit code. The arguments
// go to the engine's own command line (src/core/cli.ts).
//
// The engine runs in a worker thread with a deep stack: Python recursion maps onto JS
// recursion, and the main thread's stack would overflow long before Python's recursion
// limit of 1000.
import { Worker } from 'node:worker_threads';
import { EngineBuildError, ensureEngineBundle } from './lib/engine-bundle.mjs';

let bundle;
try {
  bundle = await ensureEngineBundle();
} catch (error) {
  if (!(error instanceof EngineBuildError)) throw error;
  process.stderr.write(`engine: ${error.message}\n`);
  process.exit(2);
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync, writeFileSync } = require('node:fs');
import(workerData.bundle).then(async ({ main }) => {
  const code = await main(workerData.argv, {
    readFile: (path) => readFileSync(path, 'utf8'),
    writeFile: (path, text) => writeFileSync(path, text),
    stdout: (text) => parentPort.postMessage({ stream: 'stdout', text }),
    stderr: (text) => parentPort.postMessage({ stream: 'stderr', text }),
    cwd: workerData.cwd,
  });
  parentPort.postMessage({ exitCode: code });
});
`;

const worker = new Worker(WORKER, {
  eval: true,
  workerData: { bundle, argv: process.argv.slice(2), cwd: process.cwd() },
  resourceLimits: { stackSizeMb: 256 },
});
// A reader that stops early (`| head`) closes the pipe: stop quietly, as CPython's output does.
let readerGone = false;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    if (readerGone) return;
    readerGone = true;
    worker.terminate();
  });
}
worker.on('message', (message) => {
  if (readerGone) return;
  if (message.stream === 'stdout') process.stdout.write(message.text);
  else if (message.stream === 'stderr') process.stderr.write(message.text);
  else process.exitCode = message.exitCode;
});
worker.on('error', (error) => {
  process.stderr.write(`engine: ${error.stack ?? error}\n`);
  process.exitCode = 70;
});
