/**
 * Preferences in the web shell: the CPython interpreter "Compare with CPython" runs. A bad path
 * is reported clearly, /usr/bin/python3 reports its version, and once saved the comparison runs
 * in it (and the choice survives a reload). The spec starts its own web shell on a fresh
 * database: the shared one's interpreter must not change under the other specs.
 */

import { expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LabPage } from './lab-page';
import { testWithOwnShell } from './web-shell-process';

const PYTHON = '/usr/bin/python3';
const SCREENSHOTS = join(import.meta.dirname, '..', 'out', 'screenshots');

/** The version /usr/bin/python3 reports, when it is CPython 3.11 on 64 bits; else why not. */
function python311(): { version: string } | { skip: string } {
  const probe = spawnSync(
    PYTHON,
    [
      '-c',
      "import platform, struct; print(platform.python_implementation(), platform.python_version(), 8 * struct.calcsize('P'))",
    ],
    { encoding: 'utf8', timeout: 10_000 },
  );
  if (probe.error || probe.status !== 0) return { skip: `${PYTHON} cannot be run here` };
  const match = /^CPython (3\.11\.\d+) 64$/.exec(probe.stdout.trim());
  return match
    ? { version: match[1]! }
    : { skip: `${PYTHON} is ${probe.stdout.trim()}, not CPython 3.11 on 64 bits` };
}

const test = testWithOwnShell('prefs', (page) => new LabPage(page));

test('chooses the CPython to compare with: a bad path is refused clearly, python3.11 is used once saved', async ({
  lab,
  page,
}) => {
  const python = python311();
  test.skip('skip' in python, 'skip' in python ? python.skip : '');
  const version = 'version' in python ? python.version : '';

  const openPreferences = async () => {
    await page.getByRole('button', { name: 'Preferences' }).click();
    const dialog = page.getByRole('dialog', { name: 'Preferences' });
    await expect(dialog).toBeVisible();
    return {
      dialog,
      field: dialog.getByRole('textbox', { name: 'CPython interpreter' }),
      check: dialog.getByRole('button', { name: 'Check' }),
      save: dialog.getByRole('button', { name: 'Save' }),
      result: dialog.getByRole('status'),
    };
  };
  await expect(lab.editor).toBeVisible();

  // A path where there is no interpreter: Check says so, and a saved one disables Compare with the reason.
  let prefs = await openPreferences();
  await expect(prefs.field).toHaveValue('');
  await expect(prefs.field).toHaveAttribute('placeholder', 'python3');
  await prefs.field.fill('/nonexistent/bin/python3');
  await prefs.check.click();
  await expect(prefs.result).toHaveText(
    '/nonexistent/bin/python3 was not found: choose the path of a CPython 3.11 interpreter.',
  );
  await expect(prefs.result).toHaveClass(/error/);
  await prefs.save.click();
  await expect(prefs.dialog).toBeHidden();
  await expect(lab.compareButton).toBeDisabled();
  await expect(lab.compareButton).toHaveAttribute(
    'title',
    /Not available: \/nonexistent\/bin\/python3 was not found/,
  );

  // Something that runs but is not Python at all.
  prefs = await openPreferences();
  await expect(prefs.field).toHaveValue('/nonexistent/bin/python3');
  await prefs.field.fill('/bin/true');
  await prefs.check.click();
  await expect(prefs.result).toHaveText(/^\/bin\/true did not report its version/);

  // The machine's CPython 3.11: Check reports its version.
  await prefs.field.fill(PYTHON);
  await prefs.check.click();
  await expect(prefs.result).toHaveText(
    new RegExp(`^CPython ${version.replaceAll('.', '\\.')} \\(.+\\): ready to compare\\.$`),
  );
  await expect(prefs.result).toHaveClass(/ok/);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await prefs.dialog.screenshot({ path: join(SCREENSHOTS, 'preferences-dialog.png') });
  await page.screenshot({ path: join(SCREENSHOTS, 'preferences-dialog-page-1280x800.png') });
  await prefs.save.click();
  await expect(prefs.dialog).toBeHidden();

  // Compare now runs in it.
  await expect(lab.compareButton).toBeEnabled();
  await expect(lab.compareButton).toHaveAttribute(
    'title',
    `Run the program in CPython ${version} too and compare the output`,
  );
  await lab.setProgram('xs = [1, 2, 3]\nprint(len(xs), sum(xs))');
  await lab.compareButton.click();
  await expect(page.getByText('Identical output')).toBeVisible();
  await expect(page.getByText('Identical output')).toContainText(`CPython ${version}`);

  // Saved in the store: a reload (a new socket, a new session) shows it again.
  await page.reload();
  await expect(lab.editor).toBeVisible();
  prefs = await openPreferences();
  await expect(prefs.field).toHaveValue(PYTHON);
  // Esc closes the dialog and nothing else.
  await page.keyboard.press('Escape');
  await expect(prefs.dialog).toBeHidden();
});

test('Esc closes the preferences without stopping a running program', async ({ lab, page }) => {
  await lab.run('while True:\n    pass');
  await expect(lab.status).toContainText('Running');
  await page.getByRole('button', { name: 'Preferences' }).click();
  const dialog = page.getByRole('dialog', { name: 'Preferences' });
  await expect(dialog.getByRole('textbox', { name: 'CPython interpreter' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(lab.status).toContainText('Running');
  await page.keyboard.press('Escape');
  await expect(lab.status).toContainText('Stopped');
});
