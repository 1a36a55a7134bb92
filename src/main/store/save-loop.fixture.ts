/**
 * A child process for crash.test.ts: saves experiments in an endless loop and prints each
 * save's number once the save has returned, until it is killed.
 *
 *   node save-loop.mjs DB_PATH ROUND
 */

import { writeSync } from 'node:fs';
import { ExperimentStore } from './experiment-store';

const [path, round] = process.argv.slice(2);
if (!path || !round) throw new Error('usage: save-loop DB_PATH ROUND');

const store = ExperimentStore.open(path);
const counter = store.repository.create({ title: `round ${round} counter` });
// A few pages per save, so a kill is likely to land inside a write.
const padding = '# padding\n'.repeat(1500);
for (let i = 0; ; i++) {
  store.repository.create({ title: `round ${round} save ${i}`, source: `${padding}x = ${i}\n` });
  store.repository.update(counter.id, { source: `saved = ${i}\n`, step: i });
  writeSync(1, `${i}\n`);
}
