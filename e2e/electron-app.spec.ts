/**
 * The desktop app through Playwright's Electron support: the same flow as the web shell.
 * Where the Electron binary is not installed (it cannot be downloaded on every machine),
 * the specs are skipped with the reason.
 */

import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { hasCPython311 } from './cpython';
import { CYCLE, cpythonNumbers, expectStep } from './cycle';
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

test('steps through the cycle snippet with the numbers CPython prints', async () => {
  const lab = new LabPage(await app.firstWindow());
  const [afterCreate, afterAppend] = cpythonNumbers();
  await lab.run(CYCLE);
  await lab.expectFinished();
  await expect(lab.output).toHaveText('1\n');
  await expectStep(lab, 5, 5, 'end of the module');

  await lab.timelineButton('To start').click();
  await lab.page.keyboard.press('F10');
  await lab.page.keyboard.press('F10');
  await expectStep(lab, 3, 5, 'line 2');
  expect(await lab.refcountAndSize('l')).toEqual(afterCreate);
  await expect(lab.page.locator('.cm-step-line')).toHaveText('l.append(l)');

  await lab.timelineButton('Step forward').click();
  await expectStep(lab, 4, 5, 'line 3');
  expect(await lab.refcountAndSize('l')).toEqual(afterAppend);
  await lab.variable('l').click();
  await expect(lab.inspectorProperty('Refcount')).toHaveText(String(afterAppend!.refcount));
  await expect(lab.inspectorProperty('Size')).toHaveText(`${afterAppend!.size} B`);

  await lab.page.keyboard.press('Shift+F10');
  await expectStep(lab, 3, 5, 'line 2');
  expect(await lab.refcountAndSize('l')).toEqual(afterCreate);
});

test('marks a syntax error on its line', async () => {
  const lab = new LabPage(await app.firstWindow());
  await lab.run('x = 1\ndef f(:\n    pass');
  await expect(lab.output).toContainText('SyntaxError: invalid syntax');
  await expect(lab.page.locator('.cm-error-line')).toContainText('def f(:');
});

test('compares with CPython, or says why it cannot', async () => {
  const lab = new LabPage(await app.firstWindow());
  await lab.setProgram(CYCLE);
  if (!hasCPython311()) {
    await expect(lab.compareButton).toBeDisabled();
    return;
  }
  await lab.compareButton.click();
  await expect(lab.page.getByText(/^Identical output/)).toBeVisible();
});

test('the window is isolated and sandboxed', async () => {
  const page = await app.firstWindow();
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  expect(await page.evaluate(() => Object.keys((window as unknown as { lab: object }).lab).sort())).toEqual([
    'cpythonStatus',
    'exercises',
    'experiments',
    'onMenuCommand',
    'preferences',
    'run',
    'runInCPython',
    'snapshot',
    'stop',
  ]);
});

/** Clicks the first application menu item labelled one of `labels`, in the main process. */
async function clickMenu(...labels: string[]): Promise<void> {
  await app.evaluate(({ BrowserWindow, Menu }, wanted) => {
    const items = (Menu.getApplicationMenu()?.items ?? []).flatMap((menu) => menu.submenu?.items ?? []);
    const item = items.find((entry) => wanted.includes(entry.label));
    if (!item) throw new Error(`no menu item ${wanted.join(' or ')}`);
    const window = BrowserWindow.getAllWindows()[0];
    item.click(undefined, window, window?.webContents);
  }, labels);
}

test('the menu runs the same actions as the toolbar and the keys', async () => {
  const lab = new LabPage(await app.firstWindow());
  await lab.setProgram("print('from the menu')");
  await clickMenu('Run');
  await expect(lab.output).toHaveText('from the menu\n');
  await clickMenu('To Start');
  await expect(lab.stepCounter).toContainText('Step 1 /');
  await clickMenu('Collector');
  await expect(lab.page.getByRole('tab', { name: 'Collector' })).toHaveAttribute('aria-selected', 'true');
  await clickMenu('Graph');

  // Preferences (File on Windows and Linux, the app menu on a Mac): opened, not saved (this is the
  // person's own store).
  await clickMenu('Preferences…', 'Settings…');
  const dialog = lab.page.getByRole('dialog', { name: 'Preferences' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Check' }).click();
  await expect(dialog.getByRole('status')).not.toBeEmpty();
  await lab.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await clickMenu('Memory Model Notes');
  await expect(lab.page.getByRole('dialog', { name: 'Memory model notes' })).toBeVisible();
  await lab.page.keyboard.press('Escape');
});
