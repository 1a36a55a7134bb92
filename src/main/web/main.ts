/**
 * `npm run web [-- --port N] [--host H] [--step-budget N]`: serves PyMem Lab to browsers.
 * Bundled by electron-vite as out/main/web.js beside the Electron main process, so it uses the
 * same engine worker chunk; it never loads Electron.
 */

import { join } from 'node:path';
import { parseArgs } from 'node:util';
import workerPath from '../engine.worker?modulePath';
import { EngineHost, spawnEngineWorker } from '../engine-host';
import { LabSession } from '../lab-session';
import { startWebShell } from './web-shell';

const DEFAULT_PORT = 7311;
/**
 * A tab's program is stopped after this many trace steps, so a forgotten endless loop does not
 * hold a worker forever. `--step-budget 0` removes the limit (the tab's Stop still works).
 */
const DEFAULT_STEP_BUDGET = 100_000_000;

function integerOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new Error(`--${name} must be a non-negative integer, got ${value}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'step-budget': { type: 'string' },
    },
  });
  const stepBudget = integerOption('step-budget', values['step-budget'], DEFAULT_STEP_BUDGET);
  const shell = await startWebShell({
    host: values.host,
    port: integerOption('port', values.port, DEFAULT_PORT),
    rendererDir: join(import.meta.dirname, '../renderer'),
    createSession: () =>
      new LabSession(
        new EngineHost({
          spawn: () => spawnEngineWorker(workerPath),
          runOptions: { filename: 'main.py', stepBudget: stepBudget || undefined },
        }),
      ),
  });
  console.log(`PyMem Lab web shell listening on ${shell.url}`);
  const shutdown = () => void shell.close().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`web shell: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
