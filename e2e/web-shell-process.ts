/** A web shell of its own for a spec: `out/main/web.js` on a database the spec chooses, restartable. */

import { test as base, type Page } from '@playwright/test';
import { useLabPage } from './web-fixture';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface WebShellProcess {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts `npm run web`'s server on `db` (on `port`, 0 for a free one); resolves once it listens. */
export function startWebShell(db: string, port = 0): Promise<WebShellProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['out/main/web.js', '--port', String(port), '--db', db, '--step-budget', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(output);
      if (!match) return;
      resolve({
        url: match[1]!,
        port: Number(match[2]),
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`the web shell exited (${code}): ${output}`)));
  });
}

/**
 * Playwright's `test` for a spec with a web shell of its own: `db` (a fresh database path),
 * `shell` (the server on it) and `lab` (the app open on it, as `makePage` wraps the page); any
 * console error or uncaught exception in the page fails the test.
 */
export function testWithOwnShell<P>(prefix: string, makePage: (page: Page) => P) {
  return base.extend<{ db: string; shell: WebShellProcess; lab: P }>({
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    db: async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), `pymem-e2e-${prefix}-`));
      await use(join(dir, 'experiments.sqlite'));
      rmSync(dir, { recursive: true, force: true });
    },
    shell: async ({ db }, use) => {
      const shell = await startWebShell(db);
      await use(shell);
      await shell.stop();
    },
    lab: ({ page, shell }, use) => useLabPage(page, shell.url, makePage, use),
  });
}
