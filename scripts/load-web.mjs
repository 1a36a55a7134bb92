#!/usr/bin/env node
// `node scripts/load-web.mjs [--clients N]` (part of `npm run bench`): starts the built web
// shell (out/main/web.js; `npm run build` first) and connects N WebSocket clients (30 by
// default) that each run a program at the same moment, as a classroom would. One of them
// runs an endless loop: every other client must still get its own, correct result. Prints
// the latency of each result (percentiles) and exits 1 if any client got a wrong answer.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { ROOT } from './lib/engine-bundle.mjs';

const { values } = parseArgs({ options: { clients: { type: 'string', default: '30' } } });
const CLIENTS = Number(values.clients);

/** A program whose output depends on its client number, so mixed-up results show. */
const program = (n) =>
  `import sys\nitems = [[i] * ${n} for i in range(2000)]\nprint(${n}, len(items), sys.getsizeof(items[0]))\n`;
/** CPython 3.11's `sys.getsizeof([i] * n)`: a list of exactly n items (56 + 8n). */
const expected = (n) => `${n} 2000 ${56 + 8 * n}\n`;

function startWebShell(db) {
  const child = spawn(process.execPath, [join(ROOT, 'out/main/web.js'), '--port', '0', '--db', db], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match) resolve({ port: Number(match[1]), child });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the web shell exited (${code}): ${output}`)));
  });
}

/** One browser tab: connects, runs `source`, resolves with the result and the latency. */
function client(port, source) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/lab`, { origin: `http://127.0.0.1:${port}` });
    let started;
    socket.on('open', () => {
      started = performance.now();
      socket.send(JSON.stringify({ seq: 1, method: 'run', payload: { runId: 1, source } }));
    });
    socket.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.type !== 'reply' || message.seq !== 1) return;
      const ms = performance.now() - started;
      socket.close();
      if (message.outcome.ok) resolve({ ms, result: message.outcome.value });
      else resolve({ ms, error: message.outcome.error });
    });
    socket.on('error', reject);
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const dir = mkdtempSync(join(tmpdir(), 'pymem-load-'));
const { port, child } = await startWebShell(join(dir, 'experiments.sqlite'));
try {
  // The endless loop runs into the step budget; it must not hold the others up.
  const endless = client(port, 'while True:\n    pass\n');
  const started = performance.now();
  const runs = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(port, program(i + 1))));
  const wall = performance.now() - started;
  const wrong = runs.filter((run, i) => run.error || run.result.stdout !== expected(i + 1));
  const latencies = runs.map((run) => run.ms).sort((a, b) => a - b);
  console.log(`web shell under load: ${CLIENTS} clients running at once, plus one endless loop`);
  console.log(
    `  latency  median ${percentile(latencies, 50).toFixed(0)} ms, p90 ${percentile(latencies, 90).toFixed(0)} ms, max ${latencies.at(-1).toFixed(0)} ms; all done in ${wall.toFixed(0)} ms`,
  );
  console.log(`  correct results: ${CLIENTS - wrong.length} of ${CLIENTS}`);
  const loop = await endless;
  console.log(
    `  the endless loop ended after ${loop.ms.toFixed(0)} ms: ${loop.error ? `${loop.error.name}` : loop.result.stderr.trim().split('\n').at(-1)}`,
  );
  if (wrong.length > 0) {
    console.log('  wrong:', JSON.stringify(wrong[0]).slice(0, 300));
    process.exitCode = 1;
  }
} finally {
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
