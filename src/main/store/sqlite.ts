/**
 * Loads better-sqlite3. Its native addon is built for one ABI: node_modules holds the build for
 * Node (tests, the web shell); Electron's main process needs a build for Electron's ABI, which
 * the caller passes as `nativeBinding` (see README, "Where experiments are kept"). Nothing here
 * imports Electron: the caller knows whether it runs inside it.
 */

import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type SqliteDatabase = Database.Database;

export interface SqliteOptions {
  /** The addon to load instead of node_modules' own (`better_sqlite3.node` built for Electron). */
  nativeBinding?: string;
  readonly?: boolean;
}

export function openSqlite(
  path: string,
  { nativeBinding, readonly = false }: SqliteOptions = {},
): SqliteDatabase {
  if (nativeBinding !== undefined && !existsSync(nativeBinding)) {
    throw new Error(
      `there is no build of better-sqlite3 for this Electron (ABI ${process.versions.modules}) at ${nativeBinding}; ` +
        'README, "better-sqlite3 under Electron", says how to make one',
    );
  }
  // timeout 0: the store sets its own busy timeout once it knows nobody else holds the file.
  return new Database(path, { nativeBinding, readonly, timeout: 0 });
}

/**
 * Where an Electron build of better-sqlite3 is kept: one folder per ABI, so a build for another
 * Electron version is never loaded by mistake. Undefined outside Electron, where the build in
 * node_modules is the right one. `PYMEM_SQLITE_BINDING` names another file.
 */
export function electronSqliteBinding(
  appDir: string,
  versions: NodeJS.ProcessVersions = process.versions,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (!versions.electron) return undefined;
  return (
    env.PYMEM_SQLITE_BINDING ??
    join(appDir, 'native', `better-sqlite3-abi${versions.modules}`, 'better_sqlite3.node')
  );
}
