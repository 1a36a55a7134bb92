/** The cycle snippet the e2e flows type, and CPython's numbers for it. */

import { expect } from '@playwright/test';
import { hasCPython311, runCPython } from './cpython';
import type { LabPage } from './lab-page';

/** The cycle snippet typed in the editor; its steps: call, line 1, line 2, line 3, return. */
export const CYCLE = 'l = []\nl.append(l)\nprint(len(l))';

/**
 * `sys.getrefcount(l) - 1` and `sys.getsizeof(l)` where lines 2 and 3 of CYCLE are about to
 * run, as python3 prints them for this probe. Computed with the machine's python3 when it is
 * CPython 3.11; otherwise these, printed by CPython 3.11.7 (64-bit) for PROBE.
 */
const PROBE = [
  'import sys',
  'l = []',
  'print(sys.getrefcount(l) - 1, sys.getsizeof(l))',
  'l.append(l)',
  'print(sys.getrefcount(l) - 1, sys.getsizeof(l))',
  '',
].join('\n');
const RECORDED = '1 56\n2 88\n';

export function cpythonNumbers(): { refcount: number; size: number }[] {
  const printed = hasCPython311() ? runCPython(PROBE) : RECORDED;
  return printed
    .trim()
    .split('\n')
    .map((line) => {
      const [refcount, size] = line.split(' ').map(Number);
      return { refcount: refcount!, size: size! };
    });
}

/** The step counter shows step `step` (1-based) of `count`, and what happens there. */
export async function expectStep(lab: LabPage, step: number, count: number, where: string | RegExp) {
  await expect(lab.stepCounter).toContainText(`Step ${step} / ${count}`);
  await expect(lab.stepCounter).toContainText(where);
}
