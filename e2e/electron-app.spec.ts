/**
 * The desktop app through Playwright's Electron support: the same flow as the web shell.
 * Where the Electron binary is not installed (it cannot be downloaded on every machine),
 * the specs are skipped with the reason.
 */

import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { LabPage } from './lab-page';

/**
 * The Electron binary's path, or why there is none. Found the way the electron package finds
 * it, without loading that package: in plain Node it would try to download the binary.
 */
function findElectron(): { path: string } | { missing: string } {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: `the Electron binary was never downloaded (no ${pathFile})` };
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const path = join(distDir, readFileSync(pathFile, 'utf8'));
  return existsSync(path) ? { path } : { missing: `the Electron binary is not at ${path}` };
}

const binary = findElectron();

let app: ElectronApplication;

test.beforeAll(async () => {
  test.skip('missing' in binary, 'missing' in binary ? binary.missing : '');
  if ('path' in binary) app = await electron.launch({ executablePath: binary.path, args: ['.'] });
});

test.afterAll(async () => {
  await app?.close();
});

test('runs a program, stops an endless one, and runs again', async () => {
  const lab = new LabPage(await app.firstWindow());
  await expect(lab.editor).toContainText('l.append(l)');

  await lab.run("print('hello', 6 * 7)");
  await expect(lab.output).toHaveText('hello 42\n');

  await lab.run('while True:\n    pass');
  await expect(lab.status).toContainText('Running');
  await lab.stopButton.click();
  await expect(lab.status).toContainText('Stopped');

  await lab.run("print('after stop')");
  await expect(lab.output).toHaveText('after stop\n');
});

test('the window is isolated and sandboxed', async () => {
  const page = await app.firstWindow();
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  expect(await page.evaluate(() => Object.keys((window as unknown as { lab: object }).lab).sort())).toEqual([
    'run',
    'stop',
  ]);
});
