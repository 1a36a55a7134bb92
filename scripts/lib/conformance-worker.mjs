// Runs one conformance case in a fresh worker thread: a new module instance of the engine,
// as if `npm run engine` had started a new process, but without Node's start-up cost.
// Output and written files are kept in memory and posted back whole, with the run's time.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const { bundleUrl, argv } = workerData;
let stdout = '';
let stderr = '';
const files = {};
try {
  const { main } = await import(bundleUrl);
  const started = performance.now();
  const exitCode = await main(argv, {
    readFile: (path) => readFileSync(path, 'utf8'),
    writeFile: (path, text) => {
      files[path] = text;
    },
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  // The run's own time, without starting the worker and loading the engine (for bench.mjs).
  const elapsedMs = performance.now() - started;
  parentPort.postMessage({ stdout, stderr, exitCode, files, elapsedMs });
} catch (error) {
  parentPort.postMessage({ crash: String(error?.stack ?? error), stdout, stderr });
}
