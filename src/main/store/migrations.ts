/**
 * The store's schema, as numbered migrations. `PRAGMA user_version` holds the number of the
 * last one applied; each runs in its own transaction together with the version bump, so a
 * failed migration leaves the database exactly at the previous version.
 *
 * Never edit a released migration: add the next one, and a test that applies it to a database
 * of the previous version with data in it (migrations.test.ts).
 */

import type { SqliteDatabase } from './sqlite';
import { sourcePreview, PREVIEW_SCAN_CHARS } from './source-preview';

export interface Migration {
  version: number;
  description: string;
  up(db: SqliteDatabase): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'experiments and their contents',
    up(db) {
      // The list reads only `experiments`; the large columns live in `experiment_contents`,
      // so listing thousands of experiments never pages through their sources.
      // AUTOINCREMENT: an id is never reused, so a remembered id cannot open a newer experiment.
      db.exec(`
        CREATE TABLE experiments (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          title TEXT NOT NULL,
          step INTEGER NOT NULL DEFAULT 0 CHECK (step >= 0),
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          deleted_at INTEGER
        ) STRICT;
        CREATE TABLE experiment_contents (
          experiment_id INTEGER PRIMARY KEY REFERENCES experiments (id) ON DELETE CASCADE,
          source TEXT NOT NULL,
          notes TEXT NOT NULL,
          engine TEXT NOT NULL CHECK (json_valid(engine)),
          view_state TEXT NOT NULL CHECK (json_valid(view_state))
        ) STRICT;
        CREATE INDEX experiments_by_update ON experiments (deleted_at, updated_at);
      `);
    },
  },
  {
    version: 2,
    description: 'a stored preview of each source, for the list',
    up(db) {
      db.exec(`ALTER TABLE experiments ADD COLUMN preview TEXT NOT NULL DEFAULT ''`);
      const rows = db
        .prepare(
          `SELECT experiment_id AS id, substr(source, 1, ${PREVIEW_SCAN_CHARS}) AS head FROM experiment_contents`,
        )
        .all() as { id: number; head: string }[];
      const setPreview = db.prepare('UPDATE experiments SET preview = ? WHERE id = ?');
      for (const { id, head } of rows) setPreview.run(sourcePreview(head), id);
    },
  },
  {
    version: 3,
    description: 'progress on the lab exercises',
    up(db) {
      // One row per exercise the person has opened or answered, by the exercise's stable id
      // (its file name), so renumbering the course keeps the progress. The experiment it was
      // opened as is remembered until that experiment is deleted for good.
      db.exec(`
        CREATE TABLE exercise_progress (
          exercise_id TEXT PRIMARY KEY,
          attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
          solved_at INTEGER,
          revealed_at INTEGER,
          last_answer TEXT CHECK (last_answer IS NULL OR json_valid(last_answer)),
          last_correct INTEGER CHECK (last_correct IN (0, 1)),
          experiment_id INTEGER REFERENCES experiments (id) ON DELETE SET NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX exercise_progress_by_experiment ON exercise_progress (experiment_id);
      `);
    },
  },
  {
    version: 4,
    description: 'the preferences',
    up(db) {
      // One row per preference that was ever set, its value as JSON (src/main/store/settings-repository.ts).
      db.exec(`
        CREATE TABLE settings (
          key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 100),
          value TEXT NOT NULL CHECK (json_valid(value)),
          updated_at INTEGER NOT NULL
        ) STRICT;
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to `target` (the latest by default). The caller has already refused
 * databases newer than it knows.
 */
export function migrate(
  db: SqliteDatabase,
  target = LATEST_SCHEMA_VERSION,
  migrations: readonly Migration[] = MIGRATIONS,
): void {
  for (const migration of migrations) {
    if (migration.version > target || migration.version <= schemaVersion(db)) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
