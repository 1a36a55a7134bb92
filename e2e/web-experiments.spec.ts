/**
 * Experiments in the web shell: create, edit, autosave, restart the server, reopen; import and
 * export; trash and restore. Each test starts its own web shell on a fresh database (the shared
 * one from playwright.config.ts cannot be restarted), and restarts it on the same port so the
 * page keeps its origin.
 */

import { expect, test as base, type Locator, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabPage } from './lab-page';

/** The part of `window.lab` the specs call directly (the e2e project does not see src/shared). */
interface WindowWithLab {
  lab: {
    experiments: { update(id: number, patch: object): Promise<unknown>; get(id: number): Promise<unknown> };
  };
}

interface WebShell {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts `npm run web`'s server on `db`; resolves once it listens. */
function startWebShell(db: string, port = 0): Promise<WebShell> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['out/main/web.js', '--port', String(port), '--db', db, '--step-budget', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(output);
      if (!match) return;
      resolve({
        url: match[1]!,
        port: Number(match[2]),
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`the web shell exited (${code}): ${output}`)));
  });
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
}

const test = base.extend<{ db: string; shell: WebShell; lab: ExperimentsPage }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  db: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'pymem-e2e-db-'));
    await use(join(dir, 'experiments.sqlite'));
    rmSync(dir, { recursive: true, force: true });
  },
  shell: async ({ db }, use) => {
    const shell = await startWebShell(db);
    await use(shell);
    await shell.stop();
  },
  lab: async ({ page, shell }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(shell.url);
    await use(new ExperimentsPage(page));
    expect(errors).toEqual([]);
  },
});

test('saves edits by itself and brings them back after the server restarts', async ({ lab, db, shell }) => {
  // A fresh browser starts on an unsaved draft: nothing is stored until something changes.
  await expect(lab.editor).toContainText('l.append(l)');
  await expect(lab.saveState).toHaveText('Not saved yet');
  await expect(lab.sidebar).toContainText('No saved experiments yet.');

  await lab.newExperiment('Cycle demo', 'a = [1]\nb = a');
  const id = await lab.currentId();
  await expect(lab.item('Cycle demo')).toContainText('a = [1]');

  // The step and graph positions a view would save.
  const viewState = { positions: { '0x10': { x: 120.5, y: -40 } }, folded: ['0x20'], selected: '0x10' };
  await lab.page.evaluate(
    ([id, viewState]) =>
      (window as unknown as WindowWithLab).lab.experiments.update(id, { step: 7, viewState }),
    [id, viewState] as const,
  );

  // Ctrl/Cmd+S saves at once.
  await lab.editor.click();
  await lab.page.keyboard.press('ControlOrMeta+End');
  await lab.page.keyboard.insertText('\nc = b');
  await lab.page.keyboard.press('ControlOrMeta+s');
  await expect(lab.saveState).toHaveText('Saved');
  // The list follows the save; once it shows it, the page has nothing left to ask the server.
  await expect(lab.item('Cycle demo')).toContainText('c = b');

  await shell.stop();
  const restarted = await startWebShell(db, shell.port);
  try {
    await lab.page.reload();
    await expect(lab.title).toHaveText('Cycle demo');
    await expect(lab.editor).toHaveText('a = [1]b = ac = b');
    await expect(lab.saveState).toHaveText('Saved');
    await expect(lab.titleBar).toHaveAttribute('data-step', '7');
    const saved = await lab.page.evaluate(
      (id) => (window as unknown as WindowWithLab).lab.experiments.get(id),
      id,
    );
    expect(saved).toMatchObject({ source: 'a = [1]\nb = a\nc = b', step: 7, viewState });
    await expect(lab.item('Cycle demo')).toHaveAttribute('aria-current', 'true');
  } finally {
    await restarted.stop();
  }
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
