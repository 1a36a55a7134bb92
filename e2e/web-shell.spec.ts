/** The lab in Chromium through the web shell: run a program, stop an endless one, run again. */

import { expect, test } from './web-fixture';

test('opens with the welcome snippet, ready to run', async ({ lab }) => {
  await expect(lab.editor).toContainText('l.append(l)');
  await expect(lab.status).toContainText('Ready');
  await expect(lab.runButton).toBeEnabled();
  await expect(lab.stopButton).toBeDisabled();
  await expect(lab.page.getByRole('region', { name: 'Reference graph' })).toBeVisible();
  await expect(lab.page.getByRole('region', { name: 'Frames and variables' })).toBeVisible();
});

test('runs a program and shows its output', async ({ lab }) => {
  await lab.run("print('hello', 6 * 7)");
  await expect(lab.output).toHaveText('hello 42\n');
  await lab.expectFinished();
  await lab.page.screenshot({ path: test.info().outputPath('after-run.png') });
});

test('stops an endless loop, and the next run still works', async ({ lab }) => {
  await lab.run('while True:\n    pass');
  await expect(lab.status).toContainText('Running');
  await expect(lab.stopButton).toBeEnabled();
  await lab.stopButton.click();
  await expect(lab.status).toContainText('Stopped');

  await lab.run("print('after stop')");
  await expect(lab.output).toHaveText('after stop\n');
  await lab.expectFinished();
});

test('Ctrl+Enter runs and Esc stops', async ({ lab }) => {
  await lab.setProgram('while True: pass');
  await lab.page.keyboard.press('ControlOrMeta+Enter');
  await expect(lab.status).toContainText('Running');
  // Esc first closes the editor's completion popup if one is open; the next Esc stops.
  await expect(async () => {
    await lab.page.keyboard.press('Escape');
    await expect(lab.status).toContainText('Stopped', { timeout: 1000 });
  }).toPass();
  await expect(lab.editor).toHaveText('while True: pass');
});
