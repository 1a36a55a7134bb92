/** The lab's window as the e2e specs see it: the same actions for the web shell and Electron. */

import { expect, type Locator, type Page } from '@playwright/test';

export class LabPage {
  readonly editor: Locator;
  readonly output: Locator;
  readonly status: Locator;
  readonly runButton: Locator;
  readonly stopButton: Locator;

  constructor(readonly page: Page) {
    this.editor = page.getByRole('textbox', { name: 'Python program' });
    this.output = page.getByRole('log', { name: 'Program output' });
    this.status = page.getByRole('status', { name: 'Status' });
    this.runButton = page.getByRole('button', { name: 'Run' });
    this.stopButton = page.getByRole('button', { name: 'Stop' });
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
