/**
 * The preferences (table `settings`, migration 4): one row per key, its value as JSON. Values
 * arrive validated (src/main/preferences-service.ts) and are validated again when read, by the
 * caller: a row written by a newer version may hold something this one does not know.
 */

import type { StoreConnection } from './connection';

export class SettingsRepository {
  readonly #connection: StoreConnection;
  readonly #now: () => number;
  readonly #sql;

  constructor(connection: StoreConnection, now: () => number = Date.now) {
    this.#connection = connection;
    this.#now = now;
    const db = connection.db;
    this.#sql = {
      get: db.prepare('SELECT value FROM settings WHERE key = ?').pluck(),
      set: db.prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ),
      remove: db.prepare('DELETE FROM settings WHERE key = ?'),
    };
  }

  /** The stored value (parsed JSON), or undefined when the key was never set or was removed. */
  get(key: string): unknown {
    const value = this.#sql.get.get(key) as string | undefined;
    return value === undefined ? undefined : (JSON.parse(value) as unknown);
  }

  /** Stores `value` as JSON; `undefined` removes the key. */
  set(key: string, value: unknown): void {
    this.#connection.write(() => {
      if (value === undefined) this.#sql.remove.run(key);
      else this.#sql.set.run(key, JSON.stringify(value), this.#now());
    });
  }
}
