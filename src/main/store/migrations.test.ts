import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, migrate, schemaVersion, type Migration } from './migrations';
import { openSqlite, type SqliteDatabase } from './sqlite';
import { useTempDir } from './test-support';

const tempDir = useTempDir();

function databaseAt(version: number): SqliteDatabase {
  const db = openSqlite(join(tempDir(), 'lab.sqlite'));
  db.pragma('foreign_keys = ON');
  migrate(db, version);
  expect(schemaVersion(db)).toBe(version);
  return db;
}

const tables = (db: SqliteDatabase) =>
  db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all();

describe('the migrations', () => {
  it('are numbered 1, 2, 3… in order', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(
      Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1),
    );
  });

  it('bring an empty database to the latest version, and running them again changes nothing', () => {
    const db = databaseAt(0);
    migrate(db);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    const schema = db.prepare('SELECT sql FROM sqlite_schema ORDER BY name').pluck().all();
    migrate(db);
    expect(db.prepare('SELECT sql FROM sqlite_schema ORDER BY name').pluck().all()).toEqual(schema);
    db.close();
  });

  it('1: experiments and their contents, which go with them', () => {
    const db = databaseAt(0);
    migrate(db, 1);
    expect(tables(db)).toEqual(['experiment_contents', 'experiments', 'sqlite_sequence']);
    db.exec(`
      INSERT INTO experiments (id, title, created_at, updated_at) VALUES (1, 'a', 10, 20);
      INSERT INTO experiment_contents VALUES (1, 'x = 1', '', '{}', '{}');
    `);
    expect(() => db.exec(`INSERT INTO experiment_contents VALUES (9, '', '', '{}', '{}')`)).toThrow(
      /FOREIGN KEY/,
    );
    expect(() => db.exec(`UPDATE experiment_contents SET view_state = '{oops'`)).toThrow(/CHECK/);
    db.exec('DELETE FROM experiments WHERE id = 1');
    expect(db.prepare('SELECT count(*) FROM experiment_contents').pluck().get()).toBe(0);
    db.close();
  });

  it('2: computes a preview for the experiments of a version-1 database', () => {
    const db = databaseAt(1);
    const longLine = 'y = ' + '1 + '.repeat(100) + '1';
    db.exec(`
      INSERT INTO experiments (id, title, step, created_at, updated_at) VALUES
        (1, 'cycle', 7, 10, 20), (2, 'empty', 0, 11, 21), (3, 'long', 0, 12, 22);
      INSERT INTO experiment_contents VALUES
        (1, '\n\nl = []\n   \nl.append(l)\nprint(l)\nprint(4)', 'notes', '{"profile":"p","options":{}}', '{"z":1}'),
        (2, '', '', '{}', '{}'),
        (3, '${longLine}', '', '{}', '{}');
    `);
    migrate(db, 2);
    expect(schemaVersion(db)).toBe(2);
    const rows = db
      .prepare('SELECT id, title, step, created_at, updated_at, preview FROM experiments ORDER BY id')
      .all();
    expect(rows).toEqual([
      {
        id: 1,
        title: 'cycle',
        step: 7,
        created_at: 10,
        updated_at: 20,
        preview: 'l = []\nl.append(l)\nprint(l)',
      },
      { id: 2, title: 'empty', step: 0, created_at: 11, updated_at: 21, preview: '' },
      {
        id: 3,
        title: 'long',
        step: 0,
        created_at: 12,
        updated_at: 22,
        preview: `${longLine.slice(0, 159)}…`,
      },
    ]);
    // The contents are untouched.
    expect(
      db.prepare('SELECT view_state FROM experiment_contents WHERE experiment_id = 1').pluck().get(),
    ).toBe('{"z":1}');
    db.close();
  });

  it('3: adds exercise progress to a version-2 database, its experiments untouched', () => {
    const db = databaseAt(2);
    db.exec(`
      INSERT INTO experiments (id, title, step, created_at, updated_at, preview) VALUES
        (1, 'kept', 3, 10, 20, 'x = 1'), (2, 'binned', 0, 11, 21, '');
      INSERT INTO experiment_contents VALUES
        (1, 'x = 1', 'notes', '{"profile":"p","options":{}}', '{"z":1}'),
        (2, '', '', '{}', '{}');
      UPDATE experiments SET deleted_at = 30 WHERE id = 2;
    `);
    const before = db.prepare('SELECT * FROM experiments ORDER BY id').all();
    migrate(db, 3);
    expect(schemaVersion(db)).toBe(3);
    expect(tables(db)).toContain('exercise_progress');
    expect(db.prepare('SELECT * FROM experiments ORDER BY id').all()).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM exercise_progress').pluck().get()).toBe(0);

    db.exec(`
      INSERT INTO exercise_progress (exercise_id, attempts, solved_at, last_answer, last_correct, experiment_id, updated_at)
      VALUES ('names-are-references', 2, 40, '{"kind":"number","value":4}', 1, 1, 40),
             ('slots', 1, NULL, '{"kind":"choice","value":"56 56"}', 0, 2, 41);
    `);
    // Bad rows are refused by the schema itself.
    expect(() =>
      db.exec(`INSERT INTO exercise_progress (exercise_id, attempts, updated_at) VALUES ('x', -1, 1)`),
    ).toThrow(/CHECK/);
    expect(() =>
      db.exec(
        `INSERT INTO exercise_progress (exercise_id, last_answer, updated_at) VALUES ('x', '{oops', 1)`,
      ),
    ).toThrow(/CHECK/);
    expect(() =>
      db.exec(`INSERT INTO exercise_progress (exercise_id, experiment_id, updated_at) VALUES ('x', 99, 1)`),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.exec(`INSERT INTO exercise_progress (exercise_id, updated_at) VALUES ('slots', 1)`),
    ).toThrow(/UNIQUE/);
    // Emptying the trash deletes the experiment; the progress stays, without the link.
    db.exec('DELETE FROM experiments WHERE deleted_at IS NOT NULL');
    expect(
      db
        .prepare('SELECT exercise_id, attempts, experiment_id FROM exercise_progress ORDER BY exercise_id')
        .all(),
    ).toEqual([
      { exercise_id: 'names-are-references', attempts: 2, experiment_id: 1 },
      { exercise_id: 'slots', attempts: 1, experiment_id: null },
    ]);
    db.close();
  });

  it('4: adds the preferences to a version-3 database, its experiments and progress untouched', () => {
    const db = databaseAt(3);
    db.exec(`
      INSERT INTO experiments (id, title, step, created_at, updated_at, preview) VALUES (1, 'kept', 3, 10, 20, 'x');
      INSERT INTO experiment_contents VALUES (1, 'x = 1', '', '{"profile":"p","options":{}}', '{}');
      INSERT INTO exercise_progress (exercise_id, attempts, experiment_id, updated_at) VALUES ('slots', 2, 1, 30);
    `);
    const before = {
      experiments: db.prepare('SELECT * FROM experiments').all(),
      progress: db.prepare('SELECT * FROM exercise_progress').all(),
    };
    migrate(db, 4);
    expect(schemaVersion(db)).toBe(4);
    expect(tables(db)).toContain('settings');
    expect(db.prepare('SELECT * FROM experiments').all()).toEqual(before.experiments);
    expect(db.prepare('SELECT * FROM exercise_progress').all()).toEqual(before.progress);
    expect(db.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(0);

    db.exec(`INSERT INTO settings VALUES ('cpythonPath', '"/usr/bin/python3.11"', 40)`);
    expect(() => db.exec(`INSERT INTO settings VALUES ('cpythonPath', '"x"', 41)`)).toThrow(/UNIQUE/);
    expect(() => db.exec(`INSERT INTO settings VALUES ('other', '{oops', 41)`)).toThrow(/CHECK/);
    expect(() => db.exec(`INSERT INTO settings VALUES ('', '1', 41)`)).toThrow(/CHECK/);
    expect(() => db.exec(`INSERT INTO settings (key, value) VALUES ('late', '1')`)).toThrow(/NOT NULL/);
    db.close();
  });

  it('leave the database at the previous version when one fails halfway', () => {
    const db = databaseAt(1);
    db.exec(`INSERT INTO experiments (title, created_at, updated_at) VALUES ('kept', 1, 1)`);
    const failing: Migration = {
      version: 2,
      description: 'fails after its first statement',
      up(database) {
        database.exec('CREATE TABLE half_done (x)');
        throw new Error('migration bug');
      },
    };
    expect(() => migrate(db, 2, [MIGRATIONS[0]!, failing])).toThrow('migration bug');
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).not.toContain('half_done');
    expect(db.prepare('SELECT title FROM experiments').pluck().all()).toEqual(['kept']);
    db.close();
  });
});
