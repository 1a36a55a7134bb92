#!/usr/bin/env node
// `node scripts/bench-timeline.mjs` (part of `npm run bench`): the cost of time travel on a
// run of about a million steps, in the engine alone: the run, the run while recording its step
// list, the recorded bytes per step, and a re-run from the start to a random step (for its
// snapshot, or for its memory events, "This step"). The app re-runs from the start only for
// steps before its first paused checkpoint worker; seeks through the pool are timed by
// scripts/bench-seek.mjs.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ROOT, ensureEngineBundle } from './lib/engine-bundle.mjs';

const { runSource } = await import(pathToFileURL(await ensureEngineBundle()).href);
const source = readFileSync(join(ROOT, 'bench/timeline/long_run.py'), 'utf8');

function timed(fn) {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

const plain = timed(() => runSource(source, {}));
const recorded = timed(() => runSource(source, { recordSteps: true }));
const steps = recorded.value.steps;
const stepBytes = Buffer.byteLength(JSON.stringify(steps));
console.log(`time travel on bench/timeline/long_run.py (${plain.value.stepCount} steps)`);
console.log(`  run without recording     ${plain.ms.toFixed(0).padStart(7)} ms`);
console.log(
  `  run recording the steps   ${recorded.ms.toFixed(0).padStart(7)} ms  (${(recorded.ms / plain.ms).toFixed(2)}× the run; target ≤ 3×)`,
);
console.log(
  `  step list                 ${(stepBytes / steps.length).toFixed(1).padStart(7)} bytes per step (as JSON)`,
);

// Seeking: the same pseudo-random steps every time, forward and backward.
let seed = 12345;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const targets = Array.from({ length: 6 }, () => Math.floor(random() * steps.length));
const seeks = targets.map((step) => {
  const { ms, value } = timed(() => runSource(source, { snapshotAt: step }));
  return { step, ms, bytes: Buffer.byteLength(JSON.stringify(value.snapshot)) };
});
for (const s of seeks) {
  console.log(
    `  re-run to step ${String(s.step).padStart(7)}  ${s.ms.toFixed(0).padStart(7)} ms  (snapshot ${s.bytes} bytes)`,
  );
}
const mean = seeks.reduce((sum, s) => sum + s.ms, 0) / seeks.length;
console.log(
  `  mean re-run from step 0   ${mean.toFixed(0).padStart(7)} ms  (the pool's fallback; seeks through the pool: bench-seek)`,
);

// The memory events of a step ("This step"): one more re-run to the step, recording while it
// runs, and the snapshots at both ends to derive the reference changes.
const eventTargets = targets.slice(0, 3);
for (const step of eventTargets) {
  const { ms, value } = timed(() => runSource(source, { stepEvents: step }));
  const events = value.stepEvents;
  console.log(
    `  step events at ${String(step).padStart(7)}  ${ms.toFixed(0).padStart(7)} ms  (${events.events.length} events, ${Buffer.byteLength(JSON.stringify(events))} bytes; ${(ms / plain.ms).toFixed(2)}× the whole run)`,
  );
}

// The same on bench/memory/churn_1m.py (about a million steps whose memory keeps changing).
const churn = readFileSync(join(ROOT, 'bench/memory/churn_1m.py'), 'utf8');
const churnRun = timed(() => runSource(churn, { recordSteps: true }));
const churnSteps = churnRun.value.stepCount;
console.log(
  `step events on bench/memory/churn_1m.py (${churnSteps} steps, run ${churnRun.ms.toFixed(0)} ms)`,
);
const churnTimes = Array.from({ length: 3 }, () => Math.floor(random() * churnSteps)).map((step) => {
  const { ms, value } = timed(() => runSource(churn, { stepEvents: step }));
  const events = value.stepEvents;
  console.log(
    `  step events at ${String(step).padStart(7)}  ${ms.toFixed(0).padStart(7)} ms  (${events.events.length} events, ${Buffer.byteLength(JSON.stringify(events))} bytes)`,
  );
  return ms;
});
const churnMean = churnTimes.reduce((a, b) => a + b, 0) / churnTimes.length;
console.log(
  `  mean                      ${churnMean.toFixed(0).padStart(7)} ms  (a seek plus one step recorded)`,
);
