import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExperimentsClient, type ExperimentsApi } from '../../shared/experiments-api';
import { unwrapOutcome } from '../../shared/lab-error';
import { ExperimentService } from './experiment-service';
import { ExperimentStore } from './experiment-store';
import { useTempDir } from './test-support';

const tempDir = useTempDir();

/** The API as a renderer has it, over a transport that carries JSON (as the web shell's does). */
function clientOf(service: ExperimentService): ExperimentsApi {
  return createExperimentsClient(async (method, args) =>
    unwrapOutcome(await service.call(method, JSON.parse(JSON.stringify(args)))),
  );
}

describe('ExperimentService', () => {
  let path: string;
  let service: ExperimentService;
  let api: ExperimentsApi;

  beforeEach(() => {
    path = join(tempDir(), 'lab.sqlite');
    service = ExperimentService.open(path);
    api = clientOf(service);
  });
  afterEach(() => service.close());

  it('serves the whole API over a JSON transport', async () => {
    expect(await api.status()).toEqual({ path });
    const created = await api.create({ title: 'first', source: 'a = 1' });
    await api.update(created.id, { step: 4, viewState: { zoom: 2 } });
    expect(await api.get(created.id)).toMatchObject({ title: 'first', step: 4, viewState: { zoom: 2 } });
    expect((await api.rename(created.id, 'renamed')).title).toBe('renamed');
    const copy = await api.duplicate(created.id);
    expect((await api.list()).items.map((item) => item.title)).toEqual(['renamed (copy)', 'renamed']);
    await api.trash(copy.id);
    expect((await api.list({ trash: true })).total).toBe(1);
    await api.restore(copy.id);
    await api.trash(copy.id);
    expect(await api.emptyTrash()).toBe(1);
    const file = await api.exportFile(created.id);
    expect((await api.importFile(file.contents)).title).toBe('renamed');
    expect((await api.list({ search: 'renamed' })).total).toBe(2);
  });

  it('answers invalid arguments and unknown experiments by name', async () => {
    await expect(api.get(-1)).rejects.toMatchObject({ name: 'InvalidRequest' });
    await expect(api.get(12345)).rejects.toMatchObject({ name: 'NotFound' });
    await expect(api.importFile('{}')).rejects.toMatchObject({ name: 'InvalidFile' });
    expect(await service.call('experiments.constructor' as never, [])).toMatchObject({
      ok: false,
      error: { name: 'InvalidRequest' },
    });
  });

  it("reports SQLite's own failures as StoreError", async () => {
    service.close();
    await expect(api.list()).rejects.toMatchObject({
      name: 'StoreError',
      message: expect.stringMatching(/^The experiment store failed: /),
    });
  });

  it('says why on every call when the store could not be opened', async () => {
    const second = ExperimentService.open(path); // the first still holds the file
    const status = second.status;
    expect(status.path).toBe(path);
    expect(status.unavailable).toMatch(/in use by another PyMem Lab/);
    const client = clientOf(second);
    expect(await client.status()).toEqual(status);
    await expect(client.list()).rejects.toMatchObject({
      name: 'StoreUnavailable',
      message: expect.stringMatching(/in use by another PyMem Lab/),
    });
  });

  it('tells the caller where a damaged file went', async () => {
    service.close();
    writeFileSync(path, 'not a database at all, but long enough');
    service = new ExperimentService(ExperimentStore.open(path));
    const status = await clientOf(service).status();
    expect(status.recovered?.movedTo).toMatch(/lab\.sqlite\.corrupt-\d{4}-\d\d-\d\dT/);
    expect(status.recovered?.reason).toBe('it is not an SQLite database');
  });
});
