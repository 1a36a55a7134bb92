import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronSqliteBinding, openSqlite } from './sqlite';
import { useTempDir } from './test-support';

const tempDir = useTempDir();

describe('loading better-sqlite3', () => {
  it("uses node_modules' own build outside Electron", () => {
    // Electron's types declare `electron` on every process; plain Node has none.
    const node = { ...process.versions, electron: undefined } as unknown as NodeJS.ProcessVersions;
    expect(electronSqliteBinding('/app', node, {})).toBeUndefined();
    const db = openSqlite(join(tempDir(), 'x.sqlite'));
    expect(db.prepare('SELECT sqlite_version()').pluck().get()).toMatch(/^3\./);
    db.close();
  });

  it("names a build for Electron's ABI inside Electron, or the one the environment names", () => {
    const electron = { ...process.versions, electron: '45.4.1', modules: '150' };
    expect(electronSqliteBinding('/app', electron, {})).toBe(
      '/app/native/better-sqlite3-abi150/better_sqlite3.node',
    );
    expect(electronSqliteBinding('/app', electron, { PYMEM_SQLITE_BINDING: '/x/b.node' })).toBe('/x/b.node');
  });

  it('says where the Electron build is expected when it is missing', () => {
    const missing = join(tempDir(), 'native', 'better_sqlite3.node');
    expect(() => openSqlite(join(tempDir(), 'x.sqlite'), { nativeBinding: missing })).toThrow(
      new RegExp(`no build of better-sqlite3 .* at ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
  });

  it('loads the addon named by nativeBinding', () => {
    const nodeBuild = join(
      import.meta.dirname,
      '../../../node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    );
    const db = openSqlite(join(tempDir(), 'x.sqlite'), { nativeBinding: nodeBuild });
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    db.close();
  });
});
