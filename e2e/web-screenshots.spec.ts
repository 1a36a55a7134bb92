/**
 * Screenshots of the main states at the two window sizes the layout is made for, written to
 * out/screenshots/ to be looked at (they are not compared with references: fonts and Chromium
 * versions differ between machines).
 */

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { hasCPython311 } from './cpython';
import type { LabPage } from './lab-page';
import { expect, test } from './web-fixture';

const DIR = join(import.meta.dirname, '..', 'out', 'screenshots');
mkdirSync(DIR, { recursive: true });

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

const CLASS_CYCLE = [
  'import gc',
  '',
  'class Node:',
  '    def __init__(self, name):',
  '        self.name = name',
  '        self.other = None',
  '',
  "a = Node('a')",
  "b = Node('b')",
  'a.other = b',
  'b.other = a',
  'del a, b',
  'print(gc.collect())',
].join('\n');

/** Steps back until the step is at `line` of the module (the line about to run). */
async function backToLine(lab: LabPage, line: number): Promise<void> {
  await expect(async () => {
    await lab.page.keyboard.press('Shift+F10');
    await expect(lab.stepCounter).toContainText(new RegExp(`line ${line}$`), { timeout: 300 });
  }).toPass({ intervals: [0], timeout: 10_000 });
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });
    const shot = (lab: LabPage, name: string) =>
      lab.page.screenshot({ path: join(DIR, `${name}-${size.width}x${size.height}.png`) });

    test('main states', async ({ lab }) => {
      await expect(lab.editor).toContainText('l.append(l)');
      await shot(lab, '01-welcome');

      await lab.runButton.click();
      await lab.expectFinished();
      await lab.timelineButton('Step back').click();
      await lab.timelineButton('Step back').click();
      await expect(lab.stepCounter).toContainText('line 8');
      await lab.variable('l').click();
      await expect(lab.inspectorProperty('Refcount')).toHaveText('2');
      await shot(lab, '02-stepping-cycle');

      await lab.run(CLASS_CYCLE);
      await lab.expectFinished();
      await backToLine(lab, 12);
      await lab.variable('a').click();
      await shot(lab, '03-class-cycle');

      await lab.run('n = 0\nwhile True:\n    n += 1');
      await expect(lab.status).toContainText(/Running… [\d,]+ steps/);
      await shot(lab, '04-running');
      await lab.stopButton.click();
      await expect(lab.status).toContainText('Stopped');

      await lab.run('x = [1, 2, 3]\nfor i in x\n    print(i)');
      await expect(lab.output).toContainText('SyntaxError');
      await lab.expectFinished();
      await shot(lab, '05-syntax-error');

      await lab.run('def f(d):\n    return 1 / d\n\nf(0)');
      await expect(lab.output).toContainText('ZeroDivisionError');
      await lab.expectFinished();
      await shot(lab, '06-exception');

      if (hasCPython311()) {
        await lab.setProgram('import gc\nl = []\nl.append(l)\nprint(len(l), gc.get_count())\n1 / 0');
        await lab.compareButton.click();
        await expect(lab.page.getByText(/^(Identical output|The output differs)/)).toBeVisible();
        await shot(lab, '07-compare');
      }

      await lab.page.emulateMedia({ colorScheme: 'dark' });
      await lab.run(CLASS_CYCLE);
      await lab.expectFinished();
      await backToLine(lab, 12);
      await lab.variable('b').click();
      await shot(lab, '08-dark');
    });
  });
}
