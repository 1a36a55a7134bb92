/**
 * The store survives a process killed in the middle of its saves: the database passes
 * SQLite's integrity check and holds every save that had returned before the kill.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExperimentStore } from './experiment-store';
import { openSqlite } from './sqlite';
import { useTempDir } from './test-support';

const tempDir = useTempDir();
const ROOT = join(import.meta.dirname, '../../..');
// Inside the project, so the child resolves better-sqlite3 from node_modules.
const bundle = join(ROOT, 'out/test-fixtures', `save-loop-${process.pid}.mjs`);

beforeAll(async () => {
  mkdirSync(join(ROOT, 'out/test-fixtures'), { recursive: true });
  await build({
    entryPoints: [join(import.meta.dirname, 'save-loop.fixture.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
});

afterAll(() => rmSync(bundle, { force: true }));

/** Starts the save loop; resolves with the child once it has reported `saves` saves. */
function startSaving(path: string, round: number, saves: number) {
  const child = spawn(process.execPath, [bundle, path, String(round)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const reported: number[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const ready = new Promise<void>((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) reported.push(Number(line));
      if (reported.length >= saves) resolve();
    });
    child.on('exit', (code) => reject(new Error(`save loop exited early (${code}): ${stderr}`)));
  });
  return { child, reported, ready };
}

function killed(child: ChildProcess): Promise<NodeJS.Signals | null> {
  return new Promise((resolve) => {
    child.once('exit', (_code, signal) => resolve(signal));
    child.kill('SIGKILL');
  });
}

describe('a process killed while saving', () => {
  it(
    'leaves a sound database with every save that returned, round after round',
    { timeout: 60_000 },
    async () => {
      const path = join(tempDir(), 'lab.sqlite');
      for (const round of [1, 2, 3]) {
        const saving = startSaving(path, round, 40 + 30 * round);
        await saving.ready;
        if (round === 1) {
          // Meanwhile nobody else may open the file (a second web shell on the same database).
          expect(() => ExperimentStore.open(path)).toThrow(/in use by another PyMem Lab/);
        }
        expect(await killed(saving.child)).toBe('SIGKILL');
        const last = saving.reported.at(-1)!;
        expect(saving.reported).toEqual(Array.from({ length: last + 1 }, (_, i) => i));

        const db = openSqlite(path);
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const saved = new Set(
          db.prepare(`SELECT title FROM experiments WHERE title LIKE 'round ${round} save %'`).pluck().all(),
        );
        for (let i = 0; i <= last; i++) expect(saved.has(`round ${round} save ${i}`)).toBe(true);
        // The save under way when the kill came is either all there or not at all.
        expect(saved.size === last + 1 || saved.size === last + 2).toBe(true);
        const counter = db
          .prepare(
            `SELECT e.step, c.source FROM experiments e JOIN experiment_contents c ON c.experiment_id = e.id
           WHERE e.title = 'round ${round} counter'`,
          )
          .get() as { step: number; source: string };
        expect([last, last + 1]).toContain(counter.step);
        expect(counter.source).toBe(`saved = ${counter.step}\n`);
        db.close();

        // And the store itself opens it as it is: nothing to recover.
        const store = ExperimentStore.open(path);
        expect(store.status.recovered).toBeUndefined();
        store.close();
      }
    },
  );
});
