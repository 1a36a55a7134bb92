import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The whole of Electron that index.ts touches, recorded.
const appListeners = new Map<string, (...args: unknown[]) => void>();
const windows: { options: unknown; loaded?: string }[] = [];
const windowInstances: unknown[] = [];
let permissionHandler:
  ((contents: unknown, permission: string, callback: (ok: boolean) => void) => void) | undefined;
const ipcChannels: string[] = [];
/** The application menu's template as index.ts built it, and what its windows were sent. */
let menuTemplate: { label?: string; submenu?: { label?: string; click?: (...args: unknown[]) => void }[] }[] =
  [];
let installedMenu: unknown;
const sentToRenderer: { channel: string; message: unknown }[] = [];
const userData = mkdtempSync(join(tmpdir(), 'pymem-user-data-'));

vi.mock('electron', () => ({
  app: {
    on: (name: string, listener: (...args: unknown[]) => void) => appListeners.set(name, listener),
    whenReady: () => Promise.resolve(),
    quit: vi.fn(),
    requestSingleInstanceLock: () => true,
    getPath: (name: string) => (name === 'userData' ? userData : `/nonexistent/${name}`),
    getAppPath: () => '/app',
  },
  BrowserWindow: class {
    static getAllWindows = () => windowInstances;
    static getFocusedWindow = () => null;
    webContents = {
      id: windows.length + 1,
      isDestroyed: () => false,
      send: (channel: string, message: unknown) => sentToRenderer.push({ channel, message }),
    };
    record: { options: unknown; loaded?: string };
    constructor(options: unknown) {
      this.record = { options };
      windows.push(this.record);
      windowInstances.push(this);
    }
    on() {}
    once() {}
    async loadFile(file: string) {
      this.record.loaded = file;
    }
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler: typeof permissionHandler) => (permissionHandler = handler),
    },
  },
  ipcMain: { handle: (channel: string) => ipcChannels.push(channel) },
  Menu: {
    buildFromTemplate: (template: typeof menuTemplate) => {
      menuTemplate = template;
      return { template };
    },
    setApplicationMenu: (menu: unknown) => (installedMenu = menu),
  },
  dialog: { showOpenDialog: vi.fn(), showMessageBox: vi.fn() },
}));
vi.mock('./engine.worker?modulePath', () => ({ default: '/out/main/chunks/engine.worker.js' }));
vi.mock('./exercises/answer.worker?modulePath', () => ({ default: '/out/main/chunks/answer.worker.js' }));
// Made by the build's exercisesBundle plugin (vitest runs without it): no exercises here.
vi.mock('virtual:pymem-exercises', () => ({ default: [] }));

beforeAll(async () => {
  await import('./index');
  await new Promise((resolve) => setTimeout(resolve, 0));
});

afterAll(() => {
  appListeners.get('will-quit')?.();
  rmSync(userData, { recursive: true, force: true });
});

describe('the main process', () => {
  it('opens one window on the built renderer with the CommonJS preload', () => {
    expect(windows).toHaveLength(1);
    expect(windows[0]!.loaded).toMatch(/renderer[/\\]index\.html$/);
    expect(windows[0]!.options).toMatchObject({
      webPreferences: { preload: expect.stringMatching(/preload[/\\]index\.cjs$/) },
    });
  });

  it('registers the lab IPC handlers', () => {
    expect(ipcChannels).toContain('lab:run');
    expect(ipcChannels).toContain('lab:stop');
    expect(ipcChannels).toContain('lab:experiments.list');
    expect(ipcChannels).toContain('lab:exercises.check');
    expect(ipcChannels).toContain('lab:preferences.set');
  });

  it('installs the application menu, whose commands go to the window over lab:menu-command', () => {
    expect(installedMenu).toEqual({ template: menuTemplate });
    const labels = menuTemplate.map((menu) => menu.label?.replace('&', ''));
    expect(labels).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Run', 'Help']));
    const run = menuTemplate
      .find((menu) => menu.label?.endsWith('Run'))!
      .submenu!.find((i) => i.label === 'Run')!;
    run.click!({}, undefined); // no window named: the focused one, else the first
    expect(sentToRenderer).toEqual([{ channel: 'lab:menu-command', message: { command: 'run' } }]);
  });

  it('opens the experiment store in the user data folder and closes it when the app quits', () => {
    expect(existsSync(join(userData, 'experiments.sqlite'))).toBe(true);
    expect(appListeners.has('will-quit')).toBe(true);
    expect(appListeners.has('second-instance')).toBe(true);
  });

  it('hardens every web contents and grants no permission', () => {
    expect(appListeners.has('web-contents-created')).toBe(true);
    const granted = vi.fn();
    permissionHandler?.({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
  });
});
