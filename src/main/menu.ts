/**
 * The application menu, as plain data: `menuTemplate` returns the template index.ts hands to
 * `Menu.buildFromTemplate`. It imports nothing of Electron (the types below are the part of
 * `MenuItemConstructorOptions` it uses; index.ts checks they fit), so it is tested as data.
 *
 * Items that act on the lab send a command (src/shared/menu-commands.ts) to the window's
 * renderer, which runs the same action as the toolbar button or the key. Keys the renderer
 * already handles itself (Ctrl/⌘+S, Ctrl/⌘+Enter, Esc, F10, Shift+F10) are shown in the menu
 * but not registered (`registerAccelerator: false`): registered, they would fire twice, and
 * Esc would be taken from the editor's search and completion and from dialogs.
 */

import type { MenuCommand } from '../shared/menu-commands';

/** The roles the template uses (a subset of Electron's). */
export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'toggleDevTools'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'windowMenu'
  | 'help';

export interface MenuItemTemplate {
  label?: string;
  role?: MenuRole;
  type?: 'normal' | 'separator' | 'submenu';
  accelerator?: string;
  /** False: the accelerator is shown but the renderer's own key handling acts on it. */
  registerAccelerator?: boolean;
  /** Electron passes the item and the focused window (a `BaseWindow`, or undefined). */
  click?: (menuItem: unknown, window: unknown) => void;
  submenu?: MenuItemTemplate[];
}

export interface MenuOptions {
  /** `process.platform`: macOS gets the app menu; elsewhere File comes first. */
  platform: string;
  /** `app.isPackaged`: the developer tools are offered only in a development build. */
  isPackaged: boolean;
  /** Sends a command to the renderer of `window` (the focused window, if Electron knows it). */
  send: (command: MenuCommand, window: unknown) => void;
  appName?: string;
}

/**
 * The keys the renderer handles itself (App.tsx, use-experiments.ts): the menu shows them and
 * leaves them to it.
 */
export const RENDERER_KEYS: ReadonlySet<string> = new Set([
  'CmdOrCtrl+S',
  'CmdOrCtrl+Enter',
  'Escape',
  'F10',
  'Shift+F10',
]);

export function menuTemplate({
  platform,
  isPackaged,
  send,
  appName = 'PyMem Lab',
}: MenuOptions): MenuItemTemplate[] {
  const mac = platform === 'darwin';
  // Windows and Linux open a menu with Alt and its underlined letter; macOS has no mnemonics.
  const top = (label: string) => (mac ? label : `&${label}`);
  const separator: MenuItemTemplate = { type: 'separator' };
  const command = (label: string, name: MenuCommand, accelerator?: string): MenuItemTemplate => ({
    label,
    click: (_item, window) => send(name, window),
    ...(accelerator && { accelerator }),
    ...(accelerator && RENDERER_KEYS.has(accelerator) && { registerAccelerator: false }),
  });
  const preferences = command(mac ? 'Settings…' : 'Preferences…', 'preferences', 'CmdOrCtrl+,');

  const appMenu: MenuItemTemplate = {
    label: appName,
    submenu: [
      command(`About ${appName}`, 'about'),
      separator,
      preferences,
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };

  const file: MenuItemTemplate = {
    label: top('File'),
    submenu: [
      command('New Experiment', 'new-experiment', 'CmdOrCtrl+N'),
      command('Import…', 'import-experiment', 'CmdOrCtrl+O'),
      command('Export…', 'export-experiment', 'CmdOrCtrl+Shift+E'),
      separator,
      command('Save', 'save', 'CmdOrCtrl+S'),
      ...(mac
        ? [separator, { role: 'close' as const }]
        : [separator, preferences, separator, { role: 'quit' as const }]),
    ],
  };

  const edit: MenuItemTemplate = {
    label: top('Edit'),
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' as const }] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemTemplate = {
    label: top('View'),
    submenu: [
      command('Graph', 'view-graph', 'CmdOrCtrl+1'),
      command('Allocator', 'view-allocator', 'CmdOrCtrl+2'),
      command('Collector', 'view-collector', 'CmdOrCtrl+3'),
      command('Memory over Time', 'view-memory', 'CmdOrCtrl+4'),
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
      ...(isPackaged ? [] : [separator, { role: 'toggleDevTools' as const }]),
    ],
  };

  const run: MenuItemTemplate = {
    label: top('Run'),
    submenu: [
      command('Run', 'run', 'CmdOrCtrl+Enter'),
      command('Stop', 'stop', 'Escape'),
      separator,
      command('Step Forward', 'step-forward', 'F10'),
      command('Step Back', 'step-back', 'Shift+F10'),
      command('To Start', 'to-start'),
      command('To End', 'to-end'),
      separator,
      // No key: the page takes Ctrl+Shift+Enter as Ctrl+Enter (Run), so it would fire both.
      command('Compare with CPython', 'compare'),
    ],
  };

  const window: MenuItemTemplate = {
    role: 'windowMenu',
  };

  const help: MenuItemTemplate = {
    label: top('Help'),
    ...(mac && { role: 'help' as const }),
    submenu: [
      command('Exercises', 'exercises'),
      command('Memory Model Notes', 'memory-model'),
      ...(mac ? [] : [separator, command(`About ${appName}`, 'about')]),
    ],
  };

  return mac ? [appMenu, file, edit, view, run, window, help] : [file, edit, view, run, help];
}
