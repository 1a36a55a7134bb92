/**
 * The application menu in the renderer: each command the main process sends (on
 * `lab:menu-command`, src/shared/menu-commands.ts) runs the same action as its toolbar button or
 * key. A message is checked before anything acts on it. In the web shell no command ever comes
 * (there is no native menu); the keys and the toolbar remain.
 */

import { useEffect, useRef } from 'react';
import { MAX_EXPERIMENT_FILE_CHARS } from '../shared/experiment';
import type { LabApi } from '../shared/lab-api';
import { isMenuCommand, type MenuCommand, type MenuFile, type MenuMessage } from '../shared/menu-commands';
import type { CentreTab } from './components/CentreArea';

/** The dialogs a menu opens. */
export type LabDialog = 'preferences' | 'about' | 'memory-model';

/** What the menu can do: the actions of the toolbar, the sidebars and the keys. */
export interface MenuActions {
  newExperiment(): void;
  /** With the file the app's native dialog read; without one, the page's own file chooser. */
  importExperiment(file: MenuFile | undefined): void;
  exportExperiment(): void;
  save(): void;
  openDialog(dialog: LabDialog): void;
  showView(tab: CentreTab): void;
  run(): void;
  stop(): void;
  stepBy(delta: number): void;
  toStart(): void;
  toEnd(): void;
  compare(): void;
  showExercises(): void;
}

/** Every command, and what it does. */
export const MENU_COMMAND_ACTIONS: {
  readonly [C in MenuCommand]: (actions: MenuActions, message: MenuMessage) => void;
} = {
  'new-experiment': (a) => a.newExperiment(),
  'import-experiment': (a, message) => a.importExperiment(message.file),
  'export-experiment': (a) => a.exportExperiment(),
  save: (a) => a.save(),
  preferences: (a) => a.openDialog('preferences'),
  'view-graph': (a) => a.showView('graph'),
  'view-allocator': (a) => a.showView('allocator'),
  'view-collector': (a) => a.showView('collector'),
  'view-memory': (a) => a.showView('memory'),
  run: (a) => a.run(),
  stop: (a) => a.stop(),
  'step-forward': (a) => a.stepBy(1),
  'step-back': (a) => a.stepBy(-1),
  'to-start': (a) => a.toStart(),
  'to-end': (a) => a.toEnd(),
  compare: (a) => a.compare(),
  exercises: (a) => a.showExercises(),
  'memory-model': (a) => a.openDialog('memory-model'),
  about: (a) => a.openDialog('about'),
};

const MAX_FILE_NAME_CHARS = 1000;

/** The message, if it is a well-formed menu message; anything else is ignored. */
export function parseMenuMessage(value: unknown): MenuMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { command, file } = value as { command?: unknown; file?: unknown };
  if (!isMenuCommand(command)) return undefined;
  if (file === undefined) return { command };
  if (command !== 'import-experiment' || typeof file !== 'object' || file === null) return undefined;
  const { name, text } = file as { name?: unknown; text?: unknown };
  if (typeof name !== 'string' || name.length > MAX_FILE_NAME_CHARS) return undefined;
  if (typeof text !== 'string' || text.length > MAX_EXPERIMENT_FILE_CHARS) return undefined;
  return { command, file: { name, text } };
}

/** Runs the action of a menu message; false when the message was not one. */
export function dispatchMenuMessage(value: unknown, actions: MenuActions): boolean {
  const message = parseMenuMessage(value);
  if (!message) return false;
  MENU_COMMAND_ACTIONS[message.command](actions, message);
  return true;
}

/** Subscribes to the menu for the component's life; `actions` may change on every render. */
export function useMenuCommands(lab: LabApi, actions: MenuActions): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => lab.onMenuCommand((message) => dispatchMenuMessage(message, latest.current)), [lab]);
}

/** The page's own file chooser, for "Import…" where no native dialog chose the file. */
export function chooseFile(accept: string, onFile: (file: File) => void): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = accept;
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) onFile(file);
  });
  input.click();
}

/** A `File` of what the app's native dialog read, for the sidebar's import. */
export function menuFileToFile(file: MenuFile): File {
  return new File([file.text], file.name, { type: 'application/json' });
}
