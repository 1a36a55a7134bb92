/**
 * Experiments in the web shell: create, edit, autosave, restart the server, reopen; import and
 * export; trash and restore. Each test starts its own web shell on a fresh database (the shared
 * one from playwright.config.ts cannot be restarted), and restarts it on the same port so the
 * page keeps its origin.
 */

import { expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { AppGraph } from './graph-page';
import { LabPage } from './lab-page';
import { startWebShell, testWithOwnShell } from './web-shell-process';

/** The part of `window.lab` the specs call directly (the e2e project does not see src/shared). */
interface WindowWithLab {
  lab: {
    experiments: { get(id: number): Promise<SavedExperiment> };
  };
}

interface SavedExperiment {
  source: string;
  step: number;
  viewState: {
    positions?: Record<string, { x: number; y: number }>;
    foldShared?: boolean;
    selected?: number;
  };
}

class ExperimentsPage extends LabPage {
  readonly sidebar: Locator;
  readonly saveState: Locator;
  readonly title: Locator;
  readonly titleBar: Locator;

  constructor(page: Page) {
    super(page);
    this.sidebar = page.getByRole('complementary', { name: 'Experiments' });
    this.saveState = page.getByLabel('Save state');
    this.title = page.getByLabel('Experiment title');
    this.titleBar = page.locator('.experiment-title');
  }

  item(title: string): Locator {
    return this.sidebar.getByRole('listitem').filter({ hasText: title });
  }

  async openItem(title: string): Promise<void> {
    await this.item(title).getByText(title, { exact: true }).click();
    await expect(this.title).toHaveText(title);
  }

  /** Clicks one of an item's actions (shown while the item is hovered). */
  async itemAction(title: string, action: string): Promise<void> {
    const item = this.item(title);
    await item.hover();
    await item.getByRole('button', { name: action }).click();
  }

  async newExperiment(title: string, program: string): Promise<void> {
    await this.sidebar.getByRole('button', { name: 'New' }).click();
    await expect(this.title).toHaveText('Untitled experiment');
    await this.itemAction('Untitled experiment', 'Rename');
    await this.sidebar.getByLabel('New title').fill(title);
    await this.sidebar.getByLabel('New title').press('Enter');
    await expect(this.title).toHaveText(title);
    await this.setProgram(program);
    await expect(this.saveState).toHaveText('Saved');
  }

  currentId(): Promise<number> {
    return this.titleBar.getAttribute('data-experiment-id').then(Number);
  }

  /** The experiment as the store has it now. */
  saved(id: number): Promise<SavedExperiment> {
    return this.page.evaluate((id) => (window as unknown as WindowWithLab).lab.experiments.get(id), id);
  }
}

const test = testWithOwnShell('db', (page) => new ExperimentsPage(page));

const CYCLE = ['a = [1, 2]', "b = {'k': a}", 'a.append(b)', "c = 'x'", 'print(len(a))'].join('\n');

test('saves edits by itself and brings them back after the server restarts', async ({ lab, db, shell }) => {
  // A fresh browser starts on an unsaved draft: nothing is stored until something changes.
  await expect(lab.editor).toContainText('l.append(l)');
  await expect(lab.saveState).toHaveText('Not saved yet');
  await expect(lab.sidebar).toContainText('No saved experiments yet.');

  await lab.newExperiment('Cycle demo', CYCLE);
  const id = await lab.currentId();
  await expect(lab.item('Cycle demo')).toContainText('a = [1, 2]');

  // Run it, and step back with the keyboard to where the list and the dict refer to each other.
  await lab.runButton.click();
  await lab.expectFinished();
  await expect(lab.stepCounter).toContainText('Step 7 / 7');
  await lab.slider.focus();
  await lab.page.keyboard.press('ArrowLeft');
  await lab.page.keyboard.press('ArrowLeft');
  await expect(lab.stepCounter).toContainText('Step 5 / 7');
  await expect(lab.stepCounter).toContainText('line 4');

  // Unfold the shared values, show the whole graph, drag the list somewhere else, select the dict.
  const graph = new AppGraph(lab.page);
  await graph.inlinePrimitives.uncheck();
  await graph.fit();
  const list = await graph.nodeOfType('list');
  const dict = await graph.nodeOfType('dict');
  await graph.drag(list.id, 90, 70);
  const moved = (await graph.node(list.id))!.position;
  expect(Math.hypot(moved.x - list.position.x, moved.y - list.position.y)).toBeGreaterThan(30);
  await graph.click(dict.id);
  await expect(lab.inspectorProperty('Type')).toHaveText('dict');

  // The edit and the view are saved by themselves; Ctrl/Cmd+S saves at once.
  await lab.editor.click();
  await lab.page.keyboard.press('ControlOrMeta+Home');
  await lab.page.keyboard.insertText('# a cycle\n');
  await lab.page.keyboard.press('ControlOrMeta+s');
  await expect(lab.saveState).toHaveText('Saved');
  await expect(lab.titleBar).toHaveAttribute('data-step', '4');
  const near = (at: { x: number; y: number } | undefined) => ({
    x: expect.closeTo(at?.x ?? NaN, 0),
    y: expect.closeTo(at?.y ?? NaN, 0),
  });
  await expect
    .poll(() => lab.saved(id))
    .toMatchObject({
      source: `# a cycle\n${CYCLE}`,
      step: 4,
      viewState: { foldShared: false, selected: dict.objectId, positions: { [list.id]: near(moved) } },
    });
  await expect(lab.saveState).toHaveText('Saved');
  // The list follows the save; once it shows it, the page has nothing left to ask the server.
  await expect(lab.item('Cycle demo')).toContainText('# a cycle');

  await shell.stop();
  const restarted = await startWebShell(db, shell.port);
  try {
    await lab.page.reload();
    await expect(lab.title).toHaveText('Cycle demo');
    await expect(lab.editor).toHaveText(`# a cycle${CYCLE.replaceAll('\n', '')}`);
    // Reopened where it was left: the program runs again and the timeline lands on its step…
    await lab.expectFinished();
    await expect(lab.stepCounter).toContainText('Step 5 / 7');
    await expect(lab.stepCounter).toContainText('line 5'); // the same line as before the comment
    await expect(lab.titleBar).toHaveAttribute('data-step', '4');
    // … with the shared values unfolded, the list where it was dragged, and the dict selected.
    const reopened = new AppGraph(lab.page);
    await expect(reopened.inlinePrimitives).not.toBeChecked();
    await expect.poll(async () => (await reopened.node(list.id))?.position).toEqual(near(moved));
    await expect.poll(async () => (await reopened.node(dict.id))?.classes).toContain('selected');
    await expect(lab.inspectorProperty('Type')).toHaveText('dict');
    await lab.page.waitForTimeout(1000); // fades and the selection's highlight settle
    await lab.page.screenshot({ path: 'out/screenshots/web-experiment-reopened.png' });
    // Coming back saved nothing new.
    await expect(lab.saveState).toHaveText('Saved');
    expect(await lab.saved(id)).toMatchObject({ step: 4, viewState: { selected: dict.objectId } });
    await expect(lab.item('Cycle demo')).toHaveAttribute('aria-current', 'true');
  } finally {
    await restarted.stop();
  }
});

test('each experiment comes back to its own step; a shorter program lands on its last step', async ({
  lab,
}) => {
  await lab.newExperiment('First', CYCLE);
  await lab.runButton.click();
  await expect(lab.stepCounter).toContainText('Step 7 / 7');
  await lab.timelineButton('Step back').click();
  await lab.timelineButton('Step back').click();
  await expect(lab.stepCounter).toContainText('Step 5 / 7');

  // Another experiment starts without the first one's run.
  await lab.newExperiment('Second', 'x = 1\ny = 2');
  await expect(lab.stepCounter).toHaveText('No steps');
  await lab.runButton.click();
  await expect(lab.stepCounter).toContainText('Step 4 / 4');
  await lab.slider.focus();
  await lab.page.keyboard.press('Home');
  await lab.page.keyboard.press('ArrowRight');
  await expect(lab.stepCounter).toContainText('Step 2 / 4');
  await expect(lab.titleBar).toHaveAttribute('data-step', '1');

  await lab.openItem('First');
  await expect(lab.stepCounter).toContainText('Step 5 / 7');
  await expect(lab.editor).toHaveText(CYCLE.replaceAll('\n', ''));
  await lab.openItem('Second');
  await expect(lab.stepCounter).toContainText('Step 2 / 4');

  // First's program gets shorter than its step: reopened, it lands on the last step there is.
  await lab.openItem('First');
  await expect(lab.stepCounter).toContainText('Step 5 / 7');
  await lab.setProgram('a = [1]');
  await lab.page.keyboard.press('ControlOrMeta+s');
  await expect(lab.saveState).toHaveText('Saved');
  await lab.page.reload();
  await expect(lab.title).toHaveText('First');
  await expect(lab.stepCounter).toContainText('Step 3 / 3');
  await expect(lab.stepCounter).toContainText('end of the module');
  await expect(lab.titleBar).toHaveAttribute('data-step', '2');
});

test('exports an experiment to a file and imports it back; refuses a bad file', async ({ lab }) => {
  await lab.newExperiment('Weak references', 'import weakref\nclass A: pass\nr = weakref.ref(A())');

  const downloading = lab.page.waitForEvent('download');
  await lab.itemAction('Weak references', 'Export');
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Weak references.pymemlab.json');
  const file = test.info().outputPath('exported.pymemlab.json');
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  expect(exported).toMatchObject({
    format: 'pymemlab.experiment',
    version: 1,
    experiment: { title: 'Weak references', source: 'import weakref\nclass A: pass\nr = weakref.ref(A())' },
  });

  await lab.sidebar.getByLabel('Import an experiment file').setInputFiles(file);
  await expect(lab.item('Weak references')).toHaveCount(2);
  await expect(lab.title).toHaveText('Weak references');
  await expect(lab.editor).toHaveText('import weakrefclass A: passr = weakref.ref(A())');
  await expect(lab.item('Weak references').first()).toHaveAttribute('aria-current', 'true');

  const bad = { ...exported, experiment: { ...exported.experiment, step: -3 } };
  await lab.sidebar.getByLabel('Import an experiment file').setInputFiles({
    name: 'bad.pymemlab.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  await expect(lab.sidebar.getByRole('alert')).toContainText('Cannot import this file');
  await expect(lab.sidebar.getByRole('alert')).toContainText('experiment.step');
  await expect(lab.item('Weak references')).toHaveCount(2);
});

test('moves experiments to the trash, restores them, and empties the trash', async ({ lab }) => {
  await lab.newExperiment('Keep me', 'x = 1');
  await lab.newExperiment('Bin me', 'y = 2');
  await lab.newExperiment('Gone for good', 'z = 3');
  const trashButton = lab.sidebar.getByRole('button', { name: /^Trash/ });

  await lab.itemAction('Bin me', 'Move to trash');
  await expect(lab.item('Bin me')).toHaveCount(0);
  await expect(trashButton).toHaveText('Trash (1)');

  await trashButton.click();
  await expect(lab.sidebar.getByRole('heading')).toHaveText('Trash');
  await lab.item('Bin me').getByRole('button', { name: 'Restore' }).click();
  await expect(lab.sidebar).toContainText('The trash is empty.');
  await lab.sidebar.getByRole('button', { name: '← Experiments' }).click();
  await expect(lab.item('Bin me')).toHaveCount(1);
  await lab.openItem('Bin me');
  await expect(lab.editor).toHaveText('y = 2');

  // The open one can go too: its last edit goes with it, and a draft takes its place.
  await lab.openItem('Gone for good');
  await lab.setProgram('z = 4');
  await lab.itemAction('Gone for good', 'Move to trash');
  await expect(lab.saveState).toHaveText('Not saved yet');
  await trashButton.click();
  await expect(lab.item('Gone for good')).toContainText('z = 4');
  await lab.sidebar.getByRole('button', { name: 'Empty trash' }).click();
  await lab.sidebar.getByRole('button', { name: 'Delete 1 for good' }).click();
  await expect(lab.sidebar).toContainText('Deleted 1 experiment for good.');
  await lab.sidebar.getByRole('button', { name: '← Experiments' }).click();
  await expect(lab.sidebar.getByRole('listitem')).toHaveText([/Bin me/, /Keep me/]);
});

test('searches and sorts the list', async ({ lab }) => {
  await lab.newExperiment('Banana', 'import gc');
  await lab.newExperiment('apple', 'x = "weakref"');
  const search = lab.sidebar.getByLabel('Search experiments');
  await search.fill('WEAKREF');
  await expect(lab.sidebar.getByRole('listitem')).toHaveText([/apple/]);
  await search.fill('');
  await lab.sidebar.getByLabel('Sort experiments').selectOption('title');
  await expect(lab.sidebar.getByRole('listitem')).toHaveText([/apple/, /Banana/]);
});

test('a second web shell on the same database is refused', async ({ db, shell }) => {
  expect(shell.url).toMatch(/^http/);
  await expect(startWebShell(db)).rejects.toThrow(/exited \(1\)[\s\S]*in use by another PyMem Lab/);
});
