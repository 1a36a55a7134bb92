/**
 * The lab exercises in the web shell: open one (it becomes an experiment), answer wrongly, take a
 * hint, answer rightly, see the explanation and jump to the step that shows it; restart the
 * server and find the progress kept; reset one exercise, then all. The spec starts its own web
 * shell on a fresh database, restarted on the same port so the page keeps its origin (and its
 * localStorage).
 */

import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LabPage } from './lab-page';
import { startWebShell, testWithOwnShell } from './web-shell-process';

const SHOTS = join(import.meta.dirname, '..', 'out', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

class ExercisesPage extends LabPage {
  readonly panel: Locator;
  readonly toggle: Locator;
  readonly feedback: Locator;
  readonly explanation: Locator;
  readonly title: Locator;

  constructor(page: Page) {
    super(page);
    this.panel = page.getByRole('complementary', { name: 'Exercises' });
    this.toggle = page.getByRole('button', { name: 'Exercises', exact: true });
    this.feedback = this.panel.getByRole('status', { name: 'Check result' });
    this.explanation = this.panel.getByRole('region', { name: 'Explanation' });
    this.title = page.getByLabel('Experiment title');
  }

  item(number: number): Locator {
    return this.panel.getByRole('listitem').filter({ has: this.page.locator(`text=/^${number}$/`) });
  }

  async openExercise(title: string): Promise<void> {
    await this.panel.getByRole('button', { name: new RegExp(title) }).click();
    await expect(this.panel.getByRole('heading', { name: title })).toBeVisible();
  }

  async answerNumber(value: string): Promise<void> {
    await this.panel.getByRole('textbox', { name: 'Your answer' }).fill(value);
    await this.panel.getByRole('button', { name: 'Check' }).click();
  }

  /**
   * Shows the exercises. A click that lands while the page is still starting (the socket, the
   * store's first answers) can be lost on a loaded machine: click again until it shows.
   */
  async openExercises(): Promise<void> {
    await expect(async () => {
      if ((await this.toggle.getAttribute('aria-pressed')) !== 'true') await this.toggle.click();
      await expect(this.toggle).toHaveAttribute('aria-pressed', 'true', { timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
  }

  shot(name: string): Promise<Buffer> {
    return this.page.screenshot({ path: join(SHOTS, `exercises-${name}.png`) });
  }
}

const test = testWithOwnShell('exercises', (page) => new ExercisesPage(page));

test('solve an exercise wrongly then rightly; the progress survives a restart; reset', async ({
  lab,
  db,
  shell,
}) => {
  test.setTimeout(120_000);
  await lab.openExercises();
  await expect(lab.panel).toContainText(/0 of \d+ solved/);
  const total = Number(/of (\d+) solved/.exec((await lab.panel.textContent()) ?? '')![1]);
  expect(total).toBeGreaterThanOrEqual(24);
  await lab.shot('01-list');

  // Opening an exercise makes it an experiment, with the exercise's program in the editor.
  await lab.openExercise('Counting the references to a list');
  await expect(lab.title).toHaveText('Exercise 3: Counting the references to a list');
  await expect(lab.editor).toContainText('holder = [a, a]');

  await lab.answerNumber('4');
  await expect(lab.feedback).toContainText('Not quite');
  await expect(lab.feedback).toContainText('1 try');
  await expect(lab.explanation).toHaveCount(0);
  await lab.panel.getByRole('button', { name: 'Show a hint' }).click();
  await expect(lab.panel).toContainText('Hint 1. A name bound to the object holds one reference.');
  await lab.shot('02-wrong');

  await lab.answerNumber('3');
  await expect(lab.feedback).toContainText('Right!');
  await expect(lab.feedback).toContainText('2 tries');
  await expect(lab.explanation).toContainText('Answer: 3');
  await expect(lab.explanation).toContainText('referenced by the name a and by the two slots');
  await lab.shot('03-right');

  // The step that shows it: the program runs, and the timeline stops before line 5.
  await lab.explanation.getByRole('button', { name: /^Show step \d+ \(line 5\)$/ }).click();
  await expect(lab.stepCounter).toContainText(/line 5$/);
  await expect.poll(async () => (await lab.refcountAndSize('a')).refcount).toBe(3);
  await lab.shot('04-step');

  // A "freed" exercise, answered with the line menus.
  await lab.panel.getByRole('button', { name: '← All exercises' }).click();
  await lab.openExercise('When does an object die?');
  await lab.panel.getByLabel('Line where the Box named a is freed').selectOption('9');
  await lab.panel.getByLabel('Line where the Box named tmp in make() is freed').selectOption('11');
  await lab.shot('05-freed');
  await lab.panel.getByRole('button', { name: 'Check' }).click();
  await expect(lab.feedback).toContainText('Right!');
  await expect(lab.explanation).toContainText('the Box named c: still alive');

  // A "collected" exercise, answered with check boxes.
  await lab.panel.getByRole('button', { name: 'Next →' }).click();
  await expect(lab.panel.getByRole('heading', { name: 'The weight of nothing' })).toBeVisible();
  await lab.panel.getByRole('button', { name: '← All exercises' }).click();
  await lab.openExercise('What does the collector find?');
  await lab.panel.getByRole('checkbox', { name: 'Node a' }).check();
  await lab.panel.getByRole('checkbox', { name: 'Node b' }).check();
  await lab.panel.getByRole('button', { name: 'Check' }).click();
  await expect(lab.feedback).toContainText('Right!');
  await expect(lab.explanation).toContainText('Answer: Node a, Node b');
  await lab.shot('06-collected');

  // Back to the freed exercise: the page will come back to it after the restart.
  await lab.panel.getByRole('button', { name: '← All exercises' }).click();
  await lab.openExercise('When does an object die?');

  // Restart the server; the page comes back to the same exercise, and the list to the progress.
  await shell.stop();
  const restarted = await startWebShell(db, shell.port);
  try {
    await lab.page.reload();
    await expect(lab.panel.getByRole('heading', { name: 'When does an object die?' })).toBeVisible();
    await expect(lab.feedback).toContainText('Solved before.');
    await expect(lab.explanation).toContainText('Answer:');
    await lab.panel.getByRole('button', { name: '← All exercises' }).click();
    await expect(lab.panel).toContainText(`3 of ${total} solved`);
    const third = lab.panel.locator('li[data-exercise="refcount-what-counts"]');
    await expect(third).toHaveAttribute('data-status', 'solved');
    await expect(third).toContainText('2 tries');
    await lab.shot('07-after-restart');

    // Reopening it finds its experiment (not a new one) and its last answer.
    await lab.openExercise('Counting the references to a list');
    await expect(lab.title).toHaveText('Exercise 3: Counting the references to a list');
    await expect(lab.panel.getByRole('textbox', { name: 'Your answer' })).toHaveValue('3');

    // Reset this exercise, then everything.
    await lab.panel.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect(lab.feedback).toHaveText('');
    await expect(lab.explanation).toHaveCount(0);
    await lab.panel.getByRole('button', { name: '← All exercises' }).click();
    await expect(lab.panel).toContainText(`2 of ${total} solved`);
    await expect(third).toHaveAttribute('data-status', 'new');
    await lab.panel.getByRole('button', { name: 'Reset all progress' }).click();
    await lab.panel.getByRole('button', { name: 'Forget all progress' }).click();
    await expect(lab.panel).toContainText(`0 of ${total} solved`);
    await expect(lab.panel.locator('li[data-status="solved"]')).toHaveCount(0);
    await lab.shot('08-reset');

    // The experiments stay: the person's work is never deleted by a reset.
    await lab.panel.getByRole('button', { name: '← Experiments' }).click();
    const experiments = lab.page.getByRole('complementary', { name: 'Experiments' });
    await expect(experiments.getByRole('listitem')).toHaveCount(4);
    await expect(experiments).toContainText('Exercise 3: Counting the references to a list');
  } finally {
    await restarted.stop();
  }
});
