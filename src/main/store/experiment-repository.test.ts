import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_ENGINE_SETTINGS,
  MAX_EXPERIMENT_SOURCE_CHARS as MAX_SOURCE_CHARS,
  UNTITLED,
} from '../../shared/experiment';
import { LabError } from '../../shared/lab-error';
import { StoreConnection } from './connection';
import { ExperimentRepository } from './experiment-repository';
import { useTempDir } from './test-support';

const tempDir = useTempDir();
let connection: StoreConnection;
let repository: ExperimentRepository;
let clock: number;

beforeEach(() => {
  connection = StoreConnection.open(join(tempDir(), 'lab.sqlite'));
  clock = 1_000;
  repository = new ExperimentRepository(connection, () => clock++);
});

afterEach(() => connection.close());

const titles = (query = {}) => repository.list(query).items.map((item) => item.title);

describe('ExperimentRepository', () => {
  it('creates an experiment with defaults and reads it back whole', () => {
    const created = repository.create();
    expect(created).toEqual({
      id: 1,
      title: UNTITLED,
      source: '',
      engine: DEFAULT_ENGINE_SETTINGS,
      notes: '',
      step: 0,
      viewState: {},
      createdAt: 1000,
      updatedAt: 1000,
      deletedAt: null,
    });
    expect(repository.get(1)).toEqual(created);
  });

  it('keeps every field exactly, including the view state', () => {
    const fields = {
      title: '  Cycles  ',
      source: 'l = []\nl.append(l)\n# ünïcødé 🐍',
      engine: { profile: 'cpython-3.11-64bit', options: { stepBudget: 5000, trace: true } },
      notes: '# Notes\n\n*why* the list survives `del`',
      step: 42,
      viewState: {
        positions: { '0x10': { x: 1.5, y: -2 } },
        folded: ['a', 'b'],
        selected: null,
        panels: [0.3],
      },
    };
    const created = repository.create(fields);
    expect(created).toMatchObject({ ...fields, title: 'Cycles' });
    expect(repository.get(created.id)).toEqual(created);
  });

  it('saves only the fields in a patch, moves its time forward and refreshes the preview', () => {
    const { id } = repository.create({ source: 'a = 1', notes: 'keep me', step: 3, viewState: { k: 1 } });
    const summary = repository.update(id, { source: '\n\nb = 2\nc = 3', step: 9 });
    expect(summary).toMatchObject({ id, preview: 'b = 2\nc = 3', step: 9, updatedAt: 1001, createdAt: 1000 });
    expect(repository.get(id)).toMatchObject({
      source: '\n\nb = 2\nc = 3',
      notes: 'keep me',
      step: 9,
      viewState: { k: 1 },
    });
  });

  it('stores a source of the documented maximum size', () => {
    const source = `# ${'x'.repeat(MAX_SOURCE_CHARS - 3)}\n`;
    expect(source.length).toBe(MAX_SOURCE_CHARS);
    const { id } = repository.create({ source });
    expect(repository.get(id).source).toBe(source);
    expect(repository.list().items[0]!.preview.length).toBeLessThanOrEqual(160);
  });

  it('renames, never to an empty title', () => {
    const { id } = repository.create({ title: 'old' });
    expect(repository.rename(id, ' new name ').title).toBe('new name');
    expect(repository.rename(id, '   ').title).toBe(UNTITLED);
  });

  it('duplicates everything but the identity, under a new title', () => {
    const original = repository.create({
      title: 'base',
      source: 's',
      notes: 'n',
      step: 2,
      viewState: { a: [1] },
    });
    const copy = repository.duplicate(original.id);
    expect(copy.id).not.toBe(original.id);
    expect(copy).toMatchObject({
      title: 'base (copy)',
      source: 's',
      notes: 'n',
      step: 2,
      viewState: { a: [1] },
    });
    expect(repository.duplicate(repository.create({ title: 'x'.repeat(200) }).id).title).toHaveLength(200);
  });

  it('moves an experiment to the trash and back', () => {
    const { id } = repository.create({ title: 'precious' });
    repository.create({ title: 'other' });
    repository.trash(id);
    expect(titles()).toEqual(['other']);
    expect(titles({ trash: true })).toEqual(['precious']);
    expect(repository.get(id).deletedAt).not.toBeNull();
    expect(() => repository.update(id, { source: 'x' })).toThrow(/in the trash/);

    repository.restore(id);
    expect(titles({ trash: true })).toEqual([]);
    expect(titles()).toEqual(['precious', 'other']); // restoring counts as a change
  });

  it('empties the trash for good, contents included, and leaves the rest', () => {
    const gone = repository.create({ title: 'gone', source: 'big' });
    repository.create({ title: 'stays' });
    repository.trash(gone.id);
    expect(repository.emptyTrash()).toBe(1);
    expect(() => repository.get(gone.id)).toThrow(LabError);
    expect(connection.db.prepare('SELECT count(*) FROM experiment_contents').pluck().get()).toBe(1);
    expect(titles()).toEqual(['stays']);
    // Ids are never reused, so a remembered id cannot open a newer experiment.
    expect(repository.create().id).toBe(3);
  });

  it('answers NotFound for an experiment that does not exist', () => {
    for (const call of [
      () => repository.get(99),
      () => repository.update(99, { step: 1 }),
      () => repository.trash(99),
      () => repository.restore(99),
      () => repository.duplicate(99),
    ]) {
      expect(call).toThrow(expect.objectContaining({ name: 'NotFound' }));
    }
  });

  describe('list', () => {
    beforeEach(() => {
      repository.create({ title: 'Banana', source: 'print(1)', notes: 'about weakref' });
      repository.create({ title: 'apple', source: 'import gc\ngc.collect()', notes: '' });
      repository.create({ title: 'Cherry', source: 'x = "100%_sure"', notes: 'GC generations' });
    });

    it('sorts by last change (default), by creation and by title', () => {
      repository.update(1, { notes: 'touched' });
      expect(titles()).toEqual(['Banana', 'Cherry', 'apple']);
      expect(titles({ sort: 'created' })).toEqual(['Cherry', 'apple', 'Banana']);
      expect(titles({ sort: 'title' })).toEqual(['apple', 'Banana', 'Cherry']);
    });

    it('searches title, notes and source, ignoring ASCII case', () => {
      expect(titles({ search: 'BANANA' })).toEqual(['Banana']);
      expect(titles({ search: 'weakref' })).toEqual(['Banana']);
      expect(titles({ search: 'gc' }).sort()).toEqual(['Cherry', 'apple']);
      expect(titles({ search: 'nothing like this' })).toEqual([]);
    });

    it('matches % and _ literally', () => {
      expect(titles({ search: '%_' })).toEqual(['Cherry']);
      expect(titles({ search: '_' })).toEqual(['Cherry']);
      expect(titles({ search: '%' })).toEqual(['Cherry']);
    });

    it('pages with limit and offset and reports the total', () => {
      const page = repository.list({ sort: 'title', limit: 2, offset: 1 });
      expect(page.items.map((item) => item.title)).toEqual(['Banana', 'Cherry']);
      expect(page.total).toBe(3);
    });

    it('lists summaries only, with a preview of the source', () => {
      expect(repository.list({ search: 'apple' }).items).toEqual([
        {
          id: 2,
          title: 'apple',
          preview: 'import gc\ngc.collect()',
          step: 0,
          createdAt: 1001,
          updatedAt: 1001,
          deletedAt: null,
        },
      ]);
    });
  });

  it('lists 10,000 experiments', () => {
    connection.write(() => {
      for (let i = 0; i < 10_000; i++) repository.create({ title: `experiment ${i}`, source: `x = ${i}` });
    });
    const all = repository.list();
    expect(all.total).toBe(10_000);
    expect(all.items).toHaveLength(10_000);
    expect(all.items[0]!.title).toBe('experiment 9999');
  });
});
