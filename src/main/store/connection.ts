/**
 * The one owner of the store's SQLite connection. Opening it is where the faults are met:
 *
 * - another process (a second web shell, a second app) holds the file: refused (`InUse`);
 * - the file was written by a newer PyMem Lab: refused (`NewerSchema`) before anything is written;
 * - the file is not SQLite, or fails SQLite's consistency check: renamed aside with a timestamp
 *   (never deleted, never overwritten) and a fresh database started; the caller learns where
 *   the old file went.
 *
 * The connection holds SQLite's exclusive lock for its whole life (locking_mode=EXCLUSIVE with
 * WAL), which is what keeps a second process out; the operating system drops the lock when a
 * process dies, so a crash never leaves a stale lock behind.
 */

import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from './migrations';
import { openSqlite, type SqliteDatabase } from './sqlite';

export type StoreOpenErrorKind = 'InUse' | 'NewerSchema';

export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';

  constructor(
    readonly kind: StoreOpenErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export interface StoreConnectionOptions {
  /** better-sqlite3's addon for Electron's ABI (see sqlite.ts). */
  nativeBinding?: string;
  /** The time stamped on a file moved aside; tests fix it. */
  now?: () => Date;
}

/** A database file that could not be used, and where it went. */
export interface Recovery {
  movedTo: string;
  reason: string;
}

/** How long a write waits for a lock. Only this connection takes locks, so it is a safety net. */
const BUSY_TIMEOUT_MS = 5000;
const SQLITE_HEADER = 'SQLite format 3\0';

export class StoreConnection {
  readonly #db: SqliteDatabase;
  readonly #inTransaction: <T>(work: () => T) => T;

  private constructor(
    db: SqliteDatabase,
    readonly path: string,
    readonly recovery: Recovery | undefined,
  ) {
    this.#db = db;
    const transaction = db.transaction((work: () => unknown) => work());
    this.#inTransaction = <T>(work: () => T) => transaction.immediate(work) as T;
  }

  /** Opens (creating, migrating or recovering) the store's database at `path`. */
  static open(path: string, options: StoreConnectionOptions = {}): StoreConnection {
    mkdirSync(dirname(path), { recursive: true });
    let problem = foreignFileProblem(path);
    if (!problem) {
      const opened = openChecked(path, options);
      if ('db' in opened) return new StoreConnection(opened.db, path, undefined);
      problem = opened.problem;
    }
    const movedTo = moveAside(path, (options.now ?? (() => new Date()))());
    const fresh = openChecked(path, options);
    if (!('db' in fresh)) throw new Error(`A fresh database at ${path} failed its check: ${fresh.problem}`);
    return new StoreConnection(fresh.db, path, { movedTo, reason: problem });
  }

  /** Runs `work` in one write transaction: all of it is saved, or none of it. */
  write<T>(work: () => T): T {
    return this.#inTransaction(work);
  }

  /** Runs `work` in one transaction, so that its reads see one state of the database. */
  read<T>(work: () => T): T {
    return this.#inTransaction(work);
  }

  /** The database, for preparing statements. Writes go through `write`. */
  get db(): SqliteDatabase {
    return this.#db;
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}

/** Why the file at `path` is certainly not an SQLite database, or undefined. */
function foreignFileProblem(path: string): string | undefined {
  if (!existsSync(path) || statSync(path).size === 0) return undefined; // SQLite starts empty files itself
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  return header.toString('latin1') === SQLITE_HEADER ? undefined : 'it is not an SQLite database';
}

/**
 * The database at `path`, locked, checked, configured and migrated; or, if SQLite finds it
 * corrupt, why. Refusals (`InUse`, `NewerSchema`) are thrown and leave the file as it was.
 */
function openChecked(
  path: string,
  options: StoreConnectionOptions,
): { db: SqliteDatabase } | { problem: string } {
  const db = openSqlite(path, { nativeBinding: options.nativeBinding });
  try {
    // Before the first read: in WAL mode that read then takes the exclusive lock at once.
    db.pragma('locking_mode = EXCLUSIVE');
    const version = schemaVersion(db);
    if (version > LATEST_SCHEMA_VERSION) {
      throw new StoreOpenError(
        'NewerSchema',
        `${path} was written by a newer PyMem Lab (schema version ${version}; this version knows up to ` +
          `${LATEST_SCHEMA_VERSION}). It was left untouched: open it with a newer PyMem Lab, or choose another file.`,
      );
    }
    const check = db.pragma('quick_check') as { quick_check: string }[];
    if (check.length !== 1 || check[0]!.quick_check !== 'ok') {
      db.close();
      const findings = check
        .flatMap((row) => row.quick_check.split('\n'))
        .filter((line) => !line.startsWith('***'));
      const shown = findings.slice(0, 3).join('; ') + (findings.length > 3 ? '; …' : '');
      return { problem: `SQLite found it damaged (${shown})` };
    }
    if (db.pragma('journal_mode = WAL', { simple: true }) !== 'wal') {
      throw new Error(`${path}: SQLite could not switch the database to WAL mode`);
    }
    // In WAL mode, NORMAL loses no committed transaction when the process dies; FULL also
    // survives a power cut, for about a millisecond per save.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    migrate(db);
    return { db };
  } catch (error) {
    db.close();
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw new StoreOpenError(
        'InUse',
        `${path} is in use by another PyMem Lab (an app window or a web shell). Close it, or choose another file.`,
      );
    }
    if (typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))) {
      return { problem: `SQLite cannot read it: ${(error as Error).message}` };
    }
    throw error;
  }
}

/**
 * Renames the database and its WAL files to `<path>.corrupt-<timestamp>` (keeping SQLite's own
 * suffixes, so the set still opens together) and returns the new path of the main file.
 */
function moveAside(path: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let target = `${path}.corrupt-${stamp}`;
  for (let n = 2; existsSync(target); n++) target = `${path}.corrupt-${stamp}-${n}`;
  // The WAL files first: if a rename fails midway, the main file is still where it was.
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  }
  renameSync(path, target);
  return target;
}
