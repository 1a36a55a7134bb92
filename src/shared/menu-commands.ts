/**
 * The application menu's commands (src/main/menu.ts) as they reach the renderer: one name per
 * menu item that acts on the lab, sent over one channel (`lab:menu-command`). The renderer
 * checks a name against this list before acting on it (src/renderer/use-menu-commands.ts).
 */

export const MENU_COMMANDS = [
  'new-experiment',
  'import-experiment',
  'export-experiment',
  'save',
  'preferences',
  'view-graph',
  'view-allocator',
  'view-collector',
  'view-memory',
  'run',
  'stop',
  'step-forward',
  'step-back',
  'to-start',
  'to-end',
  'compare',
  'exercises',
  'memory-model',
  'about',
] as const;

export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

/** An experiment file the main process read for "Import…" (a menu click grants no file chooser to the page). */
export interface MenuFile {
  name: string;
  text: string;
}

/** What travels on `lab:menu-command`. */
export interface MenuMessage {
  command: MenuCommand;
  /** With `import-experiment` in the app: the file the person chose in the native dialog. */
  file?: MenuFile;
}
