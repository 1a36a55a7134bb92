/**
 * Electron's main process: app lifecycle, the window, and the IPC wiring. Everything else
 * (the engine host, validation) lives in services that never import Electron, so the web
 * shell and the tests use the very same code.
 */

import { app, BrowserWindow, dialog, Menu, session, type WebContents } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EXPERIMENT_FILE_EXTENSION } from '../shared/experiment';
import { DEFAULT_STEP_BUDGET } from '../shared/lab-api';
import { IPC_CHANNELS } from '../shared/lab-channels';
import type { MenuCommand, MenuMessage } from '../shared/menu-commands';
import { CPython } from './cpython';
import workerPath from './engine.worker?modulePath';
import { EngineHost, spawnEngineWorker } from './engine-host';
import answerWorkerPath from './exercises/answer.worker?modulePath';
import { AnswerWorkerHost } from './exercises/answer-worker-host';
import { bundledExercises } from './exercises/bundled-exercises';
import { ExerciseService } from './exercises/exercise-service';
import { registerLabIpc } from './ipc';
import { LabSession } from './lab-session';
import { menuTemplate } from './menu';
import { readImportFile } from './menu-import';
import { PreferencesService } from './preferences-service';
import { ExperimentService } from './store/experiment-service';
import { electronSqliteBinding } from './store/sqlite';
import { STORE_FILE_NAME } from './store/store-location';
import { createMainWindow, hardenWebContents } from './window';

const rendererDir = join(import.meta.dirname, '../renderer');
const rendererUrl = pathToFileURL(rendererDir + '/').href;

/** One session (and so one engine worker) per window, by its web contents' id. */
const sessions = new Map<number, LabSession>();
/**
 * "Compare with CPython": the interpreter of the preferences when one is saved, else the one
 * PYMEM_PYTHON names, else the python3 on the PATH.
 */
const defaultCPython = process.env.PYMEM_PYTHON || 'python3';
const cpython = new CPython({ command: defaultCPython });
/** The experiment store: one database for the app, shared by its windows; opened when ready. */
let experiments: ExperimentService | undefined;
/** The bundled exercises, with progress in the experiment store; made when the store is open. */
let exercises: ExerciseService | undefined;
/** The preferences (the CPython interpreter), saved in the experiment store; made when it is open. */
let preferences: PreferencesService | undefined;

// One app per user: a second start hands over to the first (which holds the experiment store).
const isFirstInstance = app.requestSingleInstanceLock();
if (!isFirstInstance) app.quit();
app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows();
  if (window?.isMinimized()) window.restore();
  window?.focus();
});

function openWindow(): void {
  const window = createMainWindow({
    preload: join(import.meta.dirname, '../preload/index.cjs'),
    icon: join(import.meta.dirname, '../../resources/icon.png'),
  });
  const id = window.webContents.id;
  const engine = new EngineHost({
    spawn: (role) => spawnEngineWorker(workerPath, role),
    runOptions: { filename: 'main.py', stepBudget: DEFAULT_STEP_BUDGET },
  });
  sessions.set(id, new LabSession(engine, experiments, cpython, exercises, preferences));
  window.on('closed', () => {
    void sessions.get(id)?.dispose();
    sessions.delete(id);
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(join(rendererDir, 'index.html'));
}

/** Hands a menu command to the renderer of `target` (the focused window), or of the first window. */
function sendMenuCommand(command: MenuCommand, target: unknown): void {
  const window =
    target instanceof BrowserWindow
      ? target
      : (BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]);
  if (!window || window.webContents.isDestroyed()) return;
  const contents = window.webContents;
  if (command === 'import-experiment') {
    void importFromMenu(window, contents);
    return;
  }
  contents.send(IPC_CHANNELS.menuCommand, { command } satisfies MenuMessage);
}

/** File ▸ Import…: the native open dialog; the renderer imports the file as if chosen in its sidebar. */
async function importFromMenu(window: BrowserWindow, contents: WebContents): Promise<void> {
  const { canceled, filePaths } = await dialog.showOpenDialog(window, {
    title: 'Import an experiment',
    properties: ['openFile'],
    filters: [
      { name: 'PyMem Lab experiments', extensions: [EXPERIMENT_FILE_EXTENSION.slice(1), 'json'] },
      { name: 'All files', extensions: ['*'] },
    ],
  });
  if (canceled || filePaths.length === 0) return;
  try {
    const file = await readImportFile(filePaths[0]!);
    if (!contents.isDestroyed()) {
      contents.send(IPC_CHANNELS.menuCommand, { command: 'import-experiment', file } satisfies MenuMessage);
    }
  } catch (error) {
    await dialog.showMessageBox(window, {
      type: 'error',
      message: 'The experiment could not be imported.',
      detail: error instanceof Error ? error.message : String(error),
    });
  }
}

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

void app.whenReady().then(() => {
  if (!isFirstInstance) return;
  experiments = ExperimentService.open(join(app.getPath('userData'), STORE_FILE_NAME), {
    nativeBinding: electronSqliteBinding(app.getAppPath()),
  });
  const { recovered, unavailable } = experiments.status;
  if (recovered) console.warn(`Experiment store: ${recovered.reason}; moved to ${recovered.movedTo}`);
  if (unavailable) console.error(`Experiment store unavailable: ${unavailable}`);
  exercises = new ExerciseService(
    bundledExercises(),
    experiments,
    new AnswerWorkerHost(() => spawnEngineWorker(answerWorkerPath)),
  );
  preferences = new PreferencesService({
    settings: experiments.store?.settings,
    storeUnavailable: unavailable,
    cpython,
    defaultCPython,
  });
  app.on('will-quit', () => experiments?.close());
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({ platform: process.platform, isPackaged: app.isPackaged, send: sendMenuCommand }),
    ),
  );
  // The lab needs no camera, microphone, notifications or any other permission.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  registerLabIpc({
    sessionFor: (sender) => sessions.get(sender.id),
    isTrustedUrl: (url) => url.startsWith(rendererUrl),
  });
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
});
