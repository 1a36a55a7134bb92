/**
 * The main window and the rules every web contents of the app lives by: our renderer
 * only, isolated and sandboxed, no navigation, no new windows, no webviews.
 */

import { BrowserWindow, type WebContents } from 'electron';

export interface MainWindowOptions {
  /** The bundled preload (CommonJS: a sandboxed preload cannot load ES modules). */
  preload: string;
  icon?: string;
}

export function createMainWindow({ preload, icon }: MainWindowOptions): BrowserWindow {
  return new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    title: 'PyMem Lab',
    icon,
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
}

/** Blocks every way out of the app's own pages. Applied to all web contents as they are created. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
