/**
 * The lab as a person uses it, in Chromium through the web shell: type the cycle snippet, run
 * it, step through it and check the numbers against CPython's; stop an endless loop; see a
 * syntax error and a runtime error marked; load a sample; compare with CPython.
 */

import { hasCPython311 } from './cpython';
import { CYCLE, cpythonNumbers, expectStep } from './cycle';
import { expect, test } from './web-fixture';

test('runs the cycle snippet and steps through it with the numbers CPython prints', async ({ lab }) => {
  const [afterCreate, afterAppend] = cpythonNumbers();
  await lab.run(CYCLE);
  await lab.expectFinished();
  await expect(lab.output).toHaveText('1\n');

  // A finished run opens at its last step.
  await expectStep(lab, 5, 5, 'end of the module');
  await expect(lab.variable('l')).toBeVisible();

  await lab.timelineButton('To start').click();
  await expectStep(lab, 1, 5, 'start of the module');
  await expect(lab.frames).toContainText('No variables yet');

  await lab.timelineButton('Step forward').click();
  await lab.timelineButton('Step forward').click();
  await expectStep(lab, 3, 5, 'line 2');
  await expect(lab.variable('l')).toContainText('list (0 items)');
  expect(await lab.refcountAndSize('l')).toEqual(afterCreate);
  await expect(lab.output).toHaveText('Nothing written yet at this step.');
  // The editor marks the line about to run.
  await expect(lab.page.locator('.cm-step-line')).toHaveText('l.append(l)');

  await lab.page.keyboard.press('F10');
  await expectStep(lab, 4, 5, 'line 3');
  await expect(lab.variable('l')).toContainText('list (1 item)');
  expect(await lab.refcountAndSize('l')).toEqual(afterAppend);

  // The inspector shows the selected object, with its self-reference both ways.
  await lab.variable('l').click();
  await expect(lab.inspectorProperty('Refcount')).toHaveText(String(afterAppend!.refcount));
  await expect(lab.inspectorProperty('Size')).toHaveText(`${afterAppend!.size} B`);
  await expect(lab.inspectorProperty('GC')).toHaveText('tracked, generation 0');
  await expect(lab.inspector.getByRole('region', { name: 'Referents' })).toContainText('[0]list (1 item)');
  await expect(lab.inspector.getByRole('region', { name: 'Referrers' })).toContainText(
    'variable of <module>',
  );
  await expect(lab.gc).toContainText('1 cycle now');

  // Back: the same object, as it was before the append.
  await lab.page.keyboard.press('Shift+F10');
  await expectStep(lab, 3, 5, 'line 2');
  expect(await lab.refcountAndSize('l')).toEqual(afterCreate);
  await expect(lab.inspectorProperty('Refcount')).toHaveText(String(afterCreate!.refcount));
  await expect(lab.gc).toContainText('No reference cycle now');

  // The slider: End, Home and the arrow keys when it has the focus.
  await lab.slider.focus();
  await lab.page.keyboard.press('End');
  await expectStep(lab, 5, 5, 'end of the module');
  await expect(lab.output).toHaveText('1\n');
  await lab.page.keyboard.press('ArrowLeft');
  await expectStep(lab, 4, 5, 'line 3');
  await lab.page.keyboard.press('Home');
  await expectStep(lab, 1, 5, 'start of the module');
});

test('shows the output as it stood at each step', async ({ lab }) => {
  await lab.run("print('a')\nprint('b')\nprint('c')");
  await lab.expectFinished();
  await expect(lab.output).toHaveText('a\nb\nc\n');
  await lab.slider.focus();
  await lab.page.keyboard.press('Home');
  await lab.page.keyboard.press('ArrowRight');
  await lab.page.keyboard.press('ArrowRight');
  await lab.page.keyboard.press('ArrowRight');
  await expectStep(lab, 4, 5, 'line 3');
  await expect(lab.output).toHaveText('a\nb\n');
  await expect(lab.page.getByRole('tab', { name: 'At step 4' })).toBeVisible();
});

test('stops an endless loop from the UI, then runs and steps again', async ({ lab }) => {
  await lab.run('n = 0\nwhile True:\n    n += 1');
  await expect(lab.status).toContainText(/Running… [\d,]+ steps/);
  await lab.stopButton.click();
  await expect(lab.status).toContainText('Stopped');
  await expect(lab.stepCounter).toContainText('No steps');

  // The stopped engine was replaced; the new one runs and serves snapshots.
  await lab.run(CYCLE);
  await lab.expectFinished();
  await lab.timelineButton('Step back').click();
  await expectStep(lab, 4, 5, 'line 3');
  await expect(lab.variable('l')).toContainText('list (1 item)');
});

test('marks a syntax error on its line, as CPython reports it', async ({ lab }) => {
  await lab.run('x = 1\ndef f(:\n    pass');
  await expect(lab.output).toContainText('SyntaxError: invalid syntax');
  await expect(lab.output).toContainText('File "main.py", line 2');
  const marked = lab.page.locator('.cm-error-line');
  await expect(marked).toHaveCount(1);
  await expect(marked).toContainText('def f(:');
  await expect(marked.locator('.cm-error-message')).toHaveText('SyntaxError: invalid syntax');
  await expect(lab.stepCounter).toContainText('No steps');

  // The mark goes with the first edit: it is about the program that ran.
  await lab.editor.press('End');
  await lab.page.keyboard.type(' ');
  await expect(marked).toHaveCount(0);
});

test('marks the line of an uncaught exception and keeps the run explorable', async ({ lab }) => {
  await lab.run('def f(d):\n    return 1 / d\n\nf(0)');
  await expect(lab.output).toContainText('ZeroDivisionError: division by zero');
  await expect(lab.page.locator('.cm-error-line')).toContainText('return 1 / d');
  await expect(lab.stepCounter).toContainText(/Step \d+ \/ \d+/);
  await lab.timelineButton('To start').click();
  await expect(lab.page.locator('.cm-error-line')).toHaveCount(1);
});

test('loads a sample, and the editor can undo it', async ({ lab }) => {
  await lab.samples.selectOption({ label: 'Reference counts' });
  await expect(lab.editor).toContainText('c = [a, a]');
  await lab.runButton.click();
  await expect(lab.output).toHaveText('1\n2\n4\n1\n');
  await lab.editor.click();
  await lab.page.keyboard.press('ControlOrMeta+z');
  await expect(lab.editor).toContainText('l.append(l)');
});

test('compares the output with CPython, or says why it cannot', async ({ lab }) => {
  await lab.setProgram(CYCLE);
  if (!hasCPython311()) {
    await expect(lab.compareButton).toBeDisabled();
    await expect(lab.compareButton).toHaveAttribute('title', /Not available: /);
    return;
  }
  await expect(lab.compareButton).toBeEnabled();
  await lab.compareButton.click();
  await expect(
    lab.page.getByText(/^Identical output: stdout, stderr and exit code \(0\) match CPython 3\.11/),
  ).toBeVisible();
  // Comparing ran the program in the lab too: its timeline is there.
  await expectStep(lab, 5, 5, 'end of the module');
});
