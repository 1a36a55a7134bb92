/**
 * `npm run web [-- --port N] [--host H] [--step-budget N] [--db PATH] [--python CMD] [--allow-cpython]`:
 * serves PyMem Lab to browsers.
 * Bundled by electron-vite as out/main/web.js beside the Electron main process, so it uses the
 * same engine worker chunk; it never loads Electron.
 */

import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_STEP_BUDGET } from '../../shared/lab-api';
import { CPython } from '../cpython';
import workerPath from '../engine.worker?modulePath';
import { EngineHost, spawnEngineWorker } from '../engine-host';
import answerWorkerPath from '../exercises/answer.worker?modulePath';
import { AnswerWorkerHost } from '../exercises/answer-worker-host';
import { bundledExercises } from '../exercises/bundled-exercises';
import { ExerciseService } from '../exercises/exercise-service';
import { LabSession } from '../lab-session';
import { PreferencesService } from '../preferences-service';
import { ExperimentService } from '../store/experiment-service';
import { ExperimentStore } from '../store/experiment-store';
import { defaultUserDataDir, STORE_FILE_NAME } from '../store/store-location';
import { isLoopbackHost, startWebShell } from './web-shell';

const DEFAULT_PORT = 7311;
// A tab's program is stopped after DEFAULT_STEP_BUDGET trace steps (as in the app), so a forgotten
// endless loop does not hold a worker forever and its recorded steps fit the worker's heap.
// `--step-budget 0` removes the limit (the tab's Stop still works; the worker's heap then ends
// a runaway loop after some 25 million recorded steps).

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
      db: { type: 'string' },
      python: { type: 'string' },
      'allow-cpython': { type: 'boolean', default: false },
    },
  });
  // "Compare with CPython" runs a browser's snippet on this machine: fine for the person at it,
  // not for every browser of a network unless the operator says so.
  // The preference saved in the store (set from a tab) wins over this default.
  const defaultCPython = values.python ?? (process.env.PYMEM_PYTHON || 'python3');
  const cpythonRefused =
    isLoopbackHost(values.host) || values['allow-cpython']
      ? undefined
      : 'This lab server is shared, so it does not run snippets in its own python3 (its operator can allow it with --allow-cpython).';
  const cpython = new CPython({ command: defaultCPython, disabledReason: cpythonRefused });
  const stepBudget = integerOption('step-budget', values['step-budget'], DEFAULT_STEP_BUDGET);
  // Refuses (throws) when another web shell or the app holds the file: one writer per database.
  const store = ExperimentStore.open(resolve(values.db ?? join(defaultUserDataDir(), STORE_FILE_NAME)));
  const { recovered } = store.status;
  if (recovered)
    console.warn(
      `The experiment database could not be read (${recovered.reason}); it was moved to ${recovered.movedTo} and a fresh one started.`,
    );
  console.log(`Experiments are saved in ${store.status.path}`);
  const experiments = new ExperimentService(store);
  // One set of preferences for the server, shared by its tabs. A shared server does not let a
  // browser choose what it runs.
  const preferences = new PreferencesService({
    settings: store.settings,
    cpython,
    defaultCPython,
    readOnly:
      cpythonRefused && 'This lab server is shared: its interpreter is chosen by its operator (--python).',
  });
  // One answer worker for every tab: expected answers are the same for all, and cached.
  const exercises = new ExerciseService(
    bundledExercises(),
    experiments,
    new AnswerWorkerHost(() => spawnEngineWorker(answerWorkerPath)),
  );
  const shell = await startWebShell({
    host: values.host,
    port: integerOption('port', values.port, DEFAULT_PORT),
    rendererDir: join(import.meta.dirname, '../renderer'),
    createSession: () =>
      new LabSession(
        new EngineHost({
          spawn: (role) => spawnEngineWorker(workerPath, role),
          runOptions: { filename: 'main.py', stepBudget: stepBudget || undefined },
        }),
        experiments,
        cpython,
        exercises,
        preferences,
      ),
  });
  console.log(`PyMem Lab web shell listening on ${shell.url}`);
  const shutdown = () =>
    void shell.close().then(() => {
      experiments.close();
      process.exit(0);
    });
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`web shell: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
