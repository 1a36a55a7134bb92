import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_EXPERIMENT_FILE_CHARS,
  MAX_EXPERIMENT_SOURCE_CHARS,
  MAX_NOTES_CHARS,
  MAX_TITLE_CHARS,
  MAX_VIEW_STATE_CHARS,
  type Experiment,
} from '../../shared/experiment';
import { exportExperimentFile, fileNameFor, parseExperimentFile } from './experiment-file';
import { ExperimentStore } from './experiment-store';
import { useTempDir } from './test-support';

const tempDir = useTempDir();

const experiment: Experiment = {
  id: 7,
  title: 'Reference cycles',
  source: 'l = []\nl.append(l)\n',
  engine: { profile: 'cpython-3.11-64bit', options: { stepBudget: 1000 } },
  notes: '# Why\n\nThe list refers to itself.',
  step: 12,
  viewState: { positions: { '0x7f': { x: 10, y: 20 } }, folded: [], selected: '0x7f' },
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_500_000,
  deletedAt: null,
};

/** The message of the InvalidFile error that `contents` is refused with. */
function refusal(contents: string): string {
  try {
    parseExperimentFile(contents);
  } catch (error) {
    expect(error).toMatchObject({ name: 'InvalidFile' });
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
}

const fileWith = (
  change: (file: Record<string, unknown> & { experiment: Record<string, unknown> }) => void,
) => {
  const file = JSON.parse(exportExperimentFile(experiment).contents);
  change(file);
  return JSON.stringify(file);
};

describe('the .pymemlab.json file', () => {
  it('round-trips every field of an experiment', () => {
    const exported = exportExperimentFile(experiment, new Date('2025-01-02T03:04:05Z'));
    expect(exported.fileName).toBe('Reference cycles.pymemlab.json');
    expect(JSON.parse(exported.contents)).toMatchObject({
      format: 'pymemlab.experiment',
      version: 1,
      exportedAt: '2025-01-02T03:04:05.000Z',
    });
    const { id: _id, createdAt, updatedAt: _u, deletedAt: _d, ...fields } = experiment;
    expect(parseExperimentFile(exported.contents)).toEqual({ fields, createdAt });
  });

  it('exports an experiment at every limit to a file that imports again', () => {
    // Control characters take six characters each in JSON: the worst case for the size.
    const worst: Experiment = {
      ...experiment,
      title: 'x'.repeat(MAX_TITLE_CHARS),
      source: '\u0001'.repeat(MAX_EXPERIMENT_SOURCE_CHARS),
      notes: '\u0002'.repeat(MAX_NOTES_CHARS),
      viewState: { s: 'y'.repeat(MAX_VIEW_STATE_CHARS - 8) },
    };
    const { contents } = exportExperimentFile(worst);
    expect(contents.length).toBeLessThanOrEqual(MAX_EXPERIMENT_FILE_CHARS);
    expect(parseExperimentFile(contents).fields.source).toBe(worst.source);
  });

  it.each([
    ['text that is not JSON', 'hello', /not JSON/],
    ['JSON of another kind', '{"name": "package"}', /not a PyMem Lab experiment/],
    ['a JSON array', '[1, 2]', /not a PyMem Lab experiment/],
    ['a newer file version', fileWith((f) => (f.version = 2)), /newer PyMem Lab \(file version 2/],
    ['a missing field', fileWith((f) => delete f.experiment.source), /experiment\.source/],
    [
      'a wrong type',
      fileWith((f) => (f.experiment.step = 'twelve')),
      /expected number[\s\S]*experiment\.step/,
    ],
    ['an unknown field', fileWith((f) => (f.experiment.colour = 'red')), /Unrecognized key: "colour"/],
    [
      'a source over the limit',
      fileWith((f) => (f.experiment.source = 'x'.repeat(MAX_EXPERIMENT_SOURCE_CHARS + 1))),
      /at most 1,000,000 characters[\s\S]*experiment\.source/,
    ],
    [
      'a view state that is not an object',
      fileWith((f) => (f.experiment.viewState = [1])),
      /viewState|JSON object/,
    ],
  ])('refuses %s and says why', (_name, contents, message) => {
    expect(refusal(contents)).toMatch(/^Cannot import this file: /);
    expect(refusal(contents)).toMatch(message);
  });

  it('refuses a file over the size limit before parsing it', () => {
    expect(refusal(' '.repeat(MAX_EXPERIMENT_FILE_CHARS + 1))).toMatch(/larger than 8,000,000 characters/);
  });

  it('names files after the title, with only safe characters', () => {
    expect(fileNameFor('GC: cycles / weakrefs?')).toBe('GC cycles weakrefs.pymemlab.json');
    expect(fileNameFor('../../etc/passwd')).toBe('etcpasswd.pymemlab.json');
    expect(fileNameFor('Ünïcode')).toBe('Unicode.pymemlab.json');
    expect(fileNameFor('***')).toBe('experiment.pymemlab.json');
  });
});

describe('import and export through the store', () => {
  let store: ExperimentStore;
  let path: string;

  beforeEach(() => {
    path = join(tempDir(), 'lab.sqlite');
    store = ExperimentStore.open(path);
  });
  afterEach(() => store.close());

  it('imports an export as a new experiment with the same fields', () => {
    const original = store.repository.create({
      title: 'orig',
      source: 'x = 1',
      step: 3,
      viewState: { a: 1 },
    });
    const copy = store.importFile(store.exportFile(original.id).contents);
    expect(copy.id).not.toBe(original.id);
    expect(copy).toMatchObject({ title: 'orig', source: 'x = 1', step: 3, viewState: { a: 1 } });
    expect(copy.createdAt).toBe(original.createdAt);
  });

  it('changes nothing in the database when it refuses a file', () => {
    store.repository.create({ title: 'existing' });
    store.close();
    const before = readFileSync(path);
    store = ExperimentStore.open(path);
    expect(() => store.importFile(fileWith((f) => (f.experiment.step = -1)))).toThrow(/step/);
    expect(store.repository.list().total).toBe(1);
    store.close();
    expect(readFileSync(path).equals(before)).toBe(true);
    store = ExperimentStore.open(path);
  });
});
