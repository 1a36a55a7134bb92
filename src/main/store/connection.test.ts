import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreConnection, StoreOpenError } from './connection';
import { LATEST_SCHEMA_VERSION, schemaVersion } from './migrations';
import { openSqlite } from './sqlite';
import { useTempDir } from './test-support';

const tempDir = useTempDir();
const NOW = new Date('2025-03-04T05:06:07.089Z');
const STAMP = '2025-03-04T05-06-07-089Z';

function openAt(path: string): StoreConnection {
  return StoreConnection.open(path, { now: () => NOW });
}

/** A database with one experiment in it, closed. */
function databaseWithData(path: string): void {
  const connection = openAt(path);
  connection.write(() => {
    connection.db
      .prepare(`INSERT INTO experiments (title, created_at, updated_at) VALUES ('kept', 1, 1)`)
      .run();
  });
  connection.close();
}

describe('StoreConnection.open', () => {
  it('creates the folder and a database in WAL mode, with foreign keys and a busy timeout', () => {
    const path = join(tempDir(), 'nested', 'folder', 'lab.sqlite');
    const connection = openAt(path);
    const { db } = connection;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(connection.recovery).toBeUndefined();
    connection.close();
  });

  it('reopens an existing database with its data', () => {
    const path = join(tempDir(), 'lab.sqlite');
    databaseWithData(path);
    const connection = openAt(path);
    expect(connection.db.prepare('SELECT title FROM experiments').pluck().all()).toEqual(['kept']);
    connection.close();
  });

  it('treats an empty file as a new database', () => {
    const path = join(tempDir(), 'lab.sqlite');
    writeFileSync(path, '');
    const connection = openAt(path);
    expect(connection.recovery).toBeUndefined();
    expect(schemaVersion(connection.db)).toBe(LATEST_SCHEMA_VERSION);
    connection.close();
  });

  it('rolls a write back entirely when it throws', () => {
    const connection = openAt(join(tempDir(), 'lab.sqlite'));
    const insert = connection.db.prepare(
      `INSERT INTO experiments (title, created_at, updated_at) VALUES ('half', 1, 1)`,
    );
    expect(() =>
      connection.write(() => {
        insert.run();
        throw new Error('disk on fire');
      }),
    ).toThrow('disk on fire');
    expect(connection.db.prepare('SELECT count(*) FROM experiments').pluck().get()).toBe(0);
    connection.close();
  });

  it('moves a file that is not SQLite aside, untouched, and starts a fresh database', () => {
    const dir = tempDir();
    const path = join(dir, 'lab.sqlite');
    const text = 'these are my notes, not a database\n'.repeat(200);
    writeFileSync(path, text);

    const connection = openAt(path);
    const movedTo = `${path}.corrupt-${STAMP}`;
    expect(connection.recovery).toEqual({ movedTo, reason: 'it is not an SQLite database' });
    expect(readFileSync(movedTo, 'utf8')).toBe(text);
    expect(schemaVersion(connection.db)).toBe(LATEST_SCHEMA_VERSION);
    connection.close();
  });

  it('moves a damaged SQLite database aside, untouched, and starts a fresh one', () => {
    const dir = tempDir();
    const path = join(dir, 'lab.sqlite');
    const db = openSqlite(path);
    db.exec('CREATE TABLE t (x TEXT); CREATE INDEX t_x ON t (x);');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`row ${i}`);
    })();
    db.close();
    // Garble pages in the middle of the file; the header stays valid.
    const bytes = readFileSync(path);
    for (let i = 4096 * 2; i < 4096 * 5; i++) bytes[i] = (i * 31) & 0xff;
    writeFileSync(path, bytes);

    const connection = openAt(path);
    const movedTo = `${path}.corrupt-${STAMP}`;
    expect(connection.recovery?.movedTo).toBe(movedTo);
    expect(connection.recovery?.reason).toMatch(/damaged|cannot read/);
    expect(readFileSync(movedTo).equals(bytes)).toBe(true);
    expect(connection.db.prepare('SELECT count(*) FROM experiments').pluck().get()).toBe(0);
    connection.close();
  });

  it('never overwrites an earlier file moved aside at the same moment', () => {
    const dir = tempDir();
    const path = join(dir, 'lab.sqlite');
    writeFileSync(path, 'first garbage file, long enough to have a header');
    openAt(path).close();
    writeFileSync(path, 'second garbage file, long enough to have a header');
    const connection = openAt(path);
    expect(connection.recovery?.movedTo).toBe(`${path}.corrupt-${STAMP}-2`);
    expect(readFileSync(`${path}.corrupt-${STAMP}`, 'utf8')).toMatch(/^first/);
    expect(readFileSync(`${path}.corrupt-${STAMP}-2`, 'utf8')).toMatch(/^second/);
    connection.close();
  });

  it('refuses a database from a newer version and leaves it byte for byte as it was', () => {
    const dir = tempDir();
    const path = join(dir, 'lab.sqlite');
    databaseWithData(path);
    const db = openSqlite(path);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const before = readFileSync(path);

    let error: unknown;
    try {
      openAt(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreOpenError);
    expect(error).toMatchObject({ kind: 'NewerSchema' });
    expect((error as Error).message).toContain(`schema version ${LATEST_SCHEMA_VERSION + 1}`);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['lab.sqlite']);
  });

  it('refuses a second connection to a database that is open, and allows it once that closes', () => {
    const path = join(tempDir(), 'lab.sqlite');
    const first = openAt(path);
    expect(() => openAt(path)).toThrow(expect.objectContaining({ kind: 'InUse' }));
    expect(() => openAt(path)).toThrow(/in use by another PyMem Lab/);
    expect(existsSync(`${path}.corrupt-${STAMP}`)).toBe(false);
    first.close();
    const second = openAt(path);
    expect(second.recovery).toBeUndefined();
    second.close();
  });
});
