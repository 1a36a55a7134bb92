/**
 * "This step" in Chromium through the web shell: run a two-object cycle, go to the step that
 * deletes its names (the refcounts drop to 1, nothing is freed) and to the gc.collect() step
 * (the collection finds both and frees them, as many as CPython's gc.collect() returns), and
 * select an object from the list. Screenshots: out/screenshots/step-events-*.png.
 */

import { join } from 'node:path';
import { hasCPython311, runCPython } from './cpython';
import type { LabPage } from './lab-page';
import { expect, test } from './web-fixture';

const SCREENSHOTS = join(import.meta.dirname, '..', 'out', 'screenshots');

const PROGRAM = [
  'import gc',
  'class Node:',
  '    pass',
  'a = Node()',
  'b = Node()',
  'a.other = b',
  'b.other = a',
  'del a, b',
  'print(gc.collect())',
].join('\n');

/** What gc.collect() returns for PROGRAM: the machine's CPython 3.11, else what 3.11.7 printed. */
const collected = () => (hasCPython311() ? runCPython(PROGRAM) : '2\n').trim();

/** Moves the timeline to the first step whose counter reads `where` ('line 8', 'return from f'). */
async function goTo(lab: LabPage, where: string): Promise<void> {
  await lab.slider.focus();
  await lab.page.keyboard.press('Home');
  for (let i = 0; i < 40; i++) {
    if ((await lab.stepCounter.textContent())?.trim().endsWith(where)) return;
    await lab.page.keyboard.press('ArrowRight');
  }
  throw new Error(`no step at ${where}`);
}

test('lists the memory events of the del step and of the gc.collect() step', async ({ lab }) => {
  await lab.page.setViewportSize({ width: 1280, height: 800 });
  await lab.run(PROGRAM);
  await lab.expectFinished();
  const expected = collected();
  await expect(lab.output).toHaveText(`${expected}\n`);
  await lab.page.getByRole('tab', { name: 'This step' }).click();
  const list = lab.page.getByLabel('Memory events of this step');

  await goTo(lab, 'line 8');
  await expect(list).toContainText('line 8');
  // Both names go; each Node keeps a refcount of 1 (the other's .other): nothing is freed.
  await expect(list).toContainText('<module> a ↛ Node object');
  await expect(list).toContainText('<module> b ↛ Node object');
  await expect(list.getByText('refcount 2 → 1')).toHaveCount(2);
  await expect(list).not.toContainText('freed');
  await lab.page.screenshot({ path: join(SCREENSHOTS, 'step-events-del-1280x800.png') });

  await goTo(lab, 'line 9');
  await expect(list).toContainText('collection of generation 2 starts (gc.collect())');
  await expect(list).toContainText('unreachable: 2 objects');
  await expect(list).toContainText(`collection ends: ${expected} collected, 0 uncollectable`);
  await expect(
    list.getByRole('listitem').filter({ hasText: /Node object freed: memory back to its pool/ }),
  ).toHaveCount(2);
  // Collecting generation 2 empties the free lists: one line for them.
  await expect(list).toContainText(/\d+ dead objects let go by the free lists/);
  await expect(list).toContainText(`"${expected}\\n"`);
  await lab.page.screenshot({ path: join(SCREENSHOTS, 'step-events-collect-1280x800.png') });

  // An object of the list selects it in the inspector (it is in this step's memory).
  await list.getByRole('button', { name: 'Node object' }).first().click();
  await expect(lab.inspectorProperty('Type')).toHaveText('Node');
});

test('shows a __del__ called in the del step, and the object freed when it returns', async ({ lab }) => {
  await lab.run("class D:\n    def __del__(self):\n        print('bye')\nd = D()\ndel d\nprint('after')");
  await lab.expectFinished();
  await lab.page.getByRole('tab', { name: 'This step' }).click();
  const list = lab.page.getByLabel('Memory events of this step');
  await goTo(lab, 'line 5');
  await expect(list).toContainText('finalizer (__del__) called on D object');
  await expect(list).toContainText('The step ends as that __del__ starts');
  await expect(list).not.toContainText('freed: memory');
  // The step where __del__ returns frees it.
  await goTo(lab, 'return from __del__');
  await expect(list).toContainText('D object freed: memory back to its pool');
});
