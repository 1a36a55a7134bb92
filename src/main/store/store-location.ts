/**
 * Where the experiment store lives by default: `experiments.sqlite` in the app's user data
 * folder. Electron names that folder itself (`app.getPath('userData')`); the web shell, which
 * never loads Electron, computes the same folder, so both open the same experiments.
 */

import { homedir } from 'node:os';
import { join } from 'node:path';

export const STORE_FILE_NAME = 'experiments.sqlite';
/** Electron's app name: package.json's `name`. */
const APP_NAME = 'pymem-lab';

/** `app.getPath('userData')` as Electron computes it for this app, without Electron. */
export function defaultUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  const appData =
    platform === 'win32'
      ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return join(appData, APP_NAME);
}
