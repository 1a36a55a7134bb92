import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS, type MenuCommand } from '../shared/menu-commands';
import { menuTemplate, RENDERER_KEYS, type MenuItemTemplate, type MenuOptions } from './menu';

/** The template for a platform, with every command a click sends recorded. */
function build(options: Partial<MenuOptions> = {}) {
  const sent: { command: MenuCommand; window: unknown }[] = [];
  const template = menuTemplate({
    platform: 'linux',
    isPackaged: true,
    send: (command, window) => sent.push({ command, window }),
    ...options,
  });
  return { template, sent };
}

/** Every item, depth first, with the labels of the menus above it. */
function items(
  template: MenuItemTemplate[],
  path: string[] = [],
): { item: MenuItemTemplate; path: string[] }[] {
  return template.flatMap((item) => {
    const here = [...path, (item.label ?? item.role ?? item.type ?? '?').replace('&', '')];
    return [{ item, path: here }, ...(item.submenu ? items(item.submenu, here) : [])];
  });
}

/** Clicks every clickable item and returns what each sent, by its menu path. */
function clickAll(options: Partial<MenuOptions> = {}): Map<string, MenuCommand> {
  const { template, sent } = build(options);
  const byPath = new Map<string, MenuCommand>();
  for (const { item, path } of items(template)) {
    if (!item.click) continue;
    const window = { id: path.join(' > ') };
    item.click({}, window);
    const last = sent.at(-1)!;
    expect(last.window).toBe(window); // the window Electron names is the one the command goes to
    byPath.set(path.join(' > '), last.command);
  }
  expect(sent.length).toBe(byPath.size);
  return byPath;
}

const find = (template: MenuItemTemplate[], ...path: string[]) =>
  items(template).find((entry) => entry.path.join(' > ') === path.join(' > '))?.item;

describe('the application menu', () => {
  it('puts File first on Windows and Linux, with Quit in it', () => {
    for (const platform of ['linux', 'win32']) {
      const { template } = build({ platform });
      expect(template.map((menu) => menu.label)).toEqual(['&File', '&Edit', '&View', '&Run', '&Help']);
      expect(find(template, 'File', 'quit')).toEqual({ role: 'quit' });
      expect(find(template, 'File', 'Preferences…')?.accelerator).toBe('CmdOrCtrl+,');
      expect(find(template, 'Help', 'About PyMem Lab')).toBeDefined();
    }
  });

  it('gives macOS the app menu with its roles, and Close in File', () => {
    const { template } = build({ platform: 'darwin' });
    expect(template.map((menu) => menu.label ?? menu.role)).toEqual([
      'PyMem Lab',
      'File',
      'Edit',
      'View',
      'Run',
      'windowMenu',
      'Help',
    ]);
    const roles = template[0]!.submenu!.map((item) => item.role).filter(Boolean);
    expect(roles).toEqual(['services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(find(template, 'PyMem Lab', 'Settings…')?.accelerator).toBe('CmdOrCtrl+,');
    expect(find(template, 'PyMem Lab', 'About PyMem Lab')).toBeDefined();
    expect(find(template, 'File', 'close')).toEqual({ role: 'close' });
    expect(find(template, 'File', 'quit')).toBeUndefined();
    expect(find(template, 'Help', 'About PyMem Lab')).toBeUndefined();
  });

  it('has the editing roles in Edit', () => {
    const { template } = build();
    const roles = find(template, 'Edit')!.submenu!.flatMap((item) => (item.role ? [item.role] : []));
    expect(roles).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']);
  });

  it('shows the usual accelerators', () => {
    const { template } = build();
    const accelerator = (...path: string[]) => find(template, ...path)?.accelerator;
    expect(accelerator('File', 'New Experiment')).toBe('CmdOrCtrl+N');
    expect(accelerator('File', 'Import…')).toBe('CmdOrCtrl+O');
    expect(accelerator('File', 'Save')).toBe('CmdOrCtrl+S');
    expect(accelerator('Run', 'Run')).toBe('CmdOrCtrl+Enter');
    expect(accelerator('Run', 'Stop')).toBe('Escape');
    expect(accelerator('Run', 'Step Forward')).toBe('F10');
    expect(accelerator('Run', 'Step Back')).toBe('Shift+F10');
    expect(accelerator('View', 'Graph')).toBe('CmdOrCtrl+1');
    expect(accelerator('View', 'Memory over Time')).toBe('CmdOrCtrl+4');
  });

  it('leaves the keys the renderer handles to it: shown, not registered', () => {
    const { template } = build();
    const withKeys = items(template).filter(({ item }) => item.accelerator);
    for (const { item, path } of withKeys) {
      const leftToRenderer = RENDERER_KEYS.has(item.accelerator!);
      expect([path.join(' > '), item.registerAccelerator ?? true]).toEqual([
        path.join(' > '),
        !leftToRenderer,
      ]);
    }
    // Esc in particular: registered, it would be taken from the editor's search and from dialogs.
    expect(find(template, 'Run', 'Stop')?.registerAccelerator).toBe(false);
    expect(withKeys.filter(({ item }) => item.registerAccelerator === false)).toHaveLength(
      RENDERER_KEYS.size,
    );
  });

  it('never gives two items the same accelerator', () => {
    for (const platform of ['linux', 'darwin']) {
      const keys = items(build({ platform }).template).flatMap(({ item }) => item.accelerator ?? []);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('sends only known commands, and every known command is reachable', () => {
    for (const platform of ['linux', 'win32', 'darwin']) {
      const sent = clickAll({ platform });
      for (const command of sent.values()) expect(MENU_COMMANDS).toContain(command);
      expect([...new Set(sent.values())].sort()).toEqual([...MENU_COMMANDS].sort());
    }
  });

  it('sends each command from the item that names it', () => {
    const sent = clickAll();
    expect(Object.fromEntries(sent)).toMatchObject({
      'File > New Experiment': 'new-experiment',
      'File > Import…': 'import-experiment',
      'File > Export…': 'export-experiment',
      'File > Save': 'save',
      'File > Preferences…': 'preferences',
      'View > Graph': 'view-graph',
      'View > Allocator': 'view-allocator',
      'View > Collector': 'view-collector',
      'View > Memory over Time': 'view-memory',
      'Run > Run': 'run',
      'Run > Stop': 'stop',
      'Run > Step Forward': 'step-forward',
      'Run > Step Back': 'step-back',
      'Run > To Start': 'to-start',
      'Run > To End': 'to-end',
      'Run > Compare with CPython': 'compare',
      'Help > Exercises': 'exercises',
      'Help > Memory Model Notes': 'memory-model',
      'Help > About PyMem Lab': 'about',
    });
  });

  it('offers the developer tools only when not packaged', () => {
    const devTools = (isPackaged: boolean) =>
      items(build({ isPackaged }).template).some(({ item }) => item.role === 'toggleDevTools');
    expect(devTools(true)).toBe(false);
    expect(devTools(false)).toBe(true);
  });

  it('has zoom and full screen in View', () => {
    const roles = find(build().template, 'View')!.submenu!.flatMap((item) => (item.role ? [item.role] : []));
    expect(roles).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
  });
});
