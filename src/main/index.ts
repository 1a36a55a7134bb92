/**
 * Electron's main process: app lifecycle, the window, and the IPC wiring. Everything else
 * (the engine host, validation) lives in services that never import Electron, so the web
 * shell and the tests use the very same code.
 */

import { app, BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import workerPath from './engine.worker?modulePath';
import { EngineHost, spawnEngineWorker } from './engine-host';
import { registerLabIpc } from './ipc';
import { LabSession } from './lab-session';
import { createMainWindow, hardenWebContents } from './window';

const rendererDir = join(import.meta.dirname, '../renderer');
const rendererUrl = pathToFileURL(rendererDir + '/').href;

/** One session (and so one engine worker) per window, by its web contents' id. */
const sessions = new Map<number, LabSession>();

function openWindow(): void {
  const window = createMainWindow({
    preload: join(import.meta.dirname, '../preload/index.cjs'),
    icon: join(import.meta.dirname, '../../resources/icon.png'),
  });
  const id = window.webContents.id;
  const engine = new EngineHost({
    spawn: () => spawnEngineWorker(workerPath),
    runOptions: { filename: 'main.py' },
  });
  sessions.set(id, new LabSession(engine));
  window.on('closed', () => {
    void sessions.get(id)?.dispose();
    sessions.delete(id);
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(join(rendererDir, 'index.html'));
}

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

void app.whenReady().then(() => {
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
