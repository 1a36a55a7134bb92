/**
 * File ▸ Import… in the app: the main process shows the native open dialog (a menu click gives
 * the page no right to open a file chooser) and reads the chosen file here, bounded, for the
 * renderer to import as if it had been picked in the sidebar.
 */

import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_EXPERIMENT_FILE_CHARS } from '../shared/experiment';
import type { MenuFile } from '../shared/menu-commands';

/** UTF-8 takes at most 3 bytes per UTF-16 unit: a larger file is surely over the limit. */
export const MAX_IMPORT_BYTES = 3 * MAX_EXPERIMENT_FILE_CHARS;

/** The file's name and text, or an Error that says why it cannot be imported. */
export async function readImportFile(path: string): Promise<MenuFile> {
  const name = basename(path);
  const handle = await open(path, 'r');
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new Error(`Cannot import ${name}: it is not a file.`);
    if (stat.size > MAX_IMPORT_BYTES) throw new Error(`Cannot import ${name}: it is too large.`);
    // An editor's UTF-8 byte order mark is not text (the browser's File.text() drops it too).
    const text = (await handle.readFile({ encoding: 'utf8' })).replace(/^\ufeff/, '');
    if (text.length > MAX_EXPERIMENT_FILE_CHARS) throw new Error(`Cannot import ${name}: it is too large.`);
    return { name, text };
  } finally {
    await handle.close();
  }
}
