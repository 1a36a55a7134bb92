/** The lab's window as the e2e specs see it: the same actions for the web shell and Electron. */

import { expect, type Locator, type Page } from '@playwright/test';

export class LabPage {
  readonly editor: Locator;
  readonly output: Locator;
  readonly status: Locator;
  readonly runButton: Locator;
  readonly stopButton: Locator;
  readonly timeline: Locator;
  readonly slider: Locator;
  readonly stepCounter: Locator;
  readonly frames: Locator;
  readonly inspector: Locator;
  readonly gc: Locator;
  readonly compareButton: Locator;
  readonly samples: Locator;

  constructor(readonly page: Page) {
    this.editor = page.getByRole('textbox', { name: 'Python program' });
    this.output = page.getByRole('log', { name: 'Program output' });
    this.status = page.getByRole('status', { name: 'Status' });
    // Exact: a saved experiment's list entry may mention "run" or "stop" in its title or code.
    this.runButton = page.getByRole('button', { name: 'Run', exact: true });
    this.stopButton = page.getByRole('button', { name: 'Stop', exact: true });
    this.timeline = page.getByRole('group', { name: 'Timeline' });
    this.slider = this.timeline.getByRole('slider', { name: 'Step' });
    this.stepCounter = this.timeline.getByLabel('Step counter');
    this.frames = page.getByRole('region', { name: 'Frames and variables' });
    this.inspector = page.getByRole('region', { name: 'Object', exact: true });
    this.gc = page.getByRole('region', { name: 'Garbage collector' });
    this.compareButton = page.getByRole('button', { name: 'Compare with CPython' });
    this.samples = page.getByRole('combobox', { name: 'Samples' });
  }

  /** A timeline button: 'To start', 'Step back', 'Step forward' or 'To end'. */
  timelineButton(name: 'To start' | 'Step back' | 'Step forward' | 'To end'): Locator {
    return this.timeline.getByRole('button', { name, exact: true });
  }

  /** The row of variable `name` in the innermost frame that has it. */
  variable(name: string): Locator {
    return this.frames.locator(`tr[data-name="${name}"]`).last();
  }

  /** The refcount and size cells of a variable's row, as numbers. */
  async refcountAndSize(name: string): Promise<{ refcount: number; size: number }> {
    const cells = this.variable(name).getByRole('cell');
    return {
      refcount: Number(await cells.nth(1).textContent()),
      size: Number(await cells.nth(2).textContent()),
    };
  }

  /** The value of one of the inspector's properties ('Refcount', 'Size', 'id()', …). */
  inspectorProperty(name: string): Locator {
    const header = this.page.getByRole('rowheader', { name, exact: true });
    return this.inspector.getByRole('row').filter({ has: header }).getByRole('cell');
  }

  /** Replaces the program with `source`, as if typed (without the editor's auto-indent). */
  async setProgram(source: string): Promise<void> {
    await this.editor.click();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(source);
    await expect(this.editor).toHaveText(source.replaceAll('\n', ''));
  }

  async run(source: string): Promise<void> {
    await this.setProgram(source);
    await this.runButton.click();
  }

  async expectFinished(): Promise<void> {
    await expect(this.status).toContainText(/Finished|Exited/);
  }
}
