/**
 * The main-process side of `LabApi.experiments`, shared by both transports: validates a call's
 * arguments and runs it on the store. When the store could not be opened, every call but
 * `status` fails with `StoreUnavailable` and the reason; the rest of the lab keeps working.
 */

import type { StoreStatus } from '../../shared/experiment';
import {
  isExperimentWireMethod,
  type ExperimentMethod,
  type ExperimentWireMethod,
} from '../../shared/experiments-api';
import { LabError, serializeError, type Outcome } from '../../shared/lab-error';
import { parseExperimentArgs } from './experiment-schemas';
import { ExperimentStore, type ExperimentStoreOptions } from './experiment-store';

/** What a `LabSession` needs of the store. */
export interface ExperimentCalls {
  call(method: ExperimentWireMethod, payload: unknown): Promise<Outcome<unknown>>;
}

export class ExperimentService implements ExperimentCalls {
  readonly #store: ExperimentStore | undefined;
  readonly #status: StoreStatus;

  constructor(store: ExperimentStore | { path: string; unavailable: string }) {
    if (store instanceof ExperimentStore) {
      this.#store = store;
      this.#status = store.status;
    } else {
      this.#status = { path: store.path, unavailable: store.unavailable };
    }
  }

  /** The store at `path`, or (if it cannot be opened) a service that says why on every call. */
  static open(path: string, options: ExperimentStoreOptions = {}): ExperimentService {
    try {
      return new ExperimentService(ExperimentStore.open(path, options));
    } catch (error) {
      return new ExperimentService({
        path,
        unavailable: error instanceof Error ? error.message : String(error),
      });
    }
  }

  get status(): StoreStatus {
    return this.#status;
  }

  /** The open store, or undefined when it could not be opened (see `status.unavailable`). */
  get store(): ExperimentStore | undefined {
    return this.#store;
  }

  async call(method: ExperimentWireMethod, payload: unknown): Promise<Outcome<unknown>> {
    try {
      if (!isExperimentWireMethod(method)) {
        throw new LabError('InvalidRequest', `Unknown method: ${JSON.stringify(method)}`);
      }
      const name = method.slice('experiments.'.length) as ExperimentMethod;
      return { ok: true, value: this.#run(name, payload) ?? null };
    } catch (error) {
      if (error instanceof LabError) return { ok: false, error: serializeError(error) };
      // SQLite's own failures (a full disk, an I/O error) are the store's, not the engine's.
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { name: 'StoreError', message: `The experiment store failed: ${message}` } };
    }
  }

  close(): void {
    this.#store?.close();
  }

  #run(method: ExperimentMethod, payload: unknown): unknown {
    if (method === 'status') {
      parseExperimentArgs('status', payload);
      return this.#status;
    }
    const store = this.#store;
    if (!store) {
      throw new LabError('StoreUnavailable', `Experiments cannot be saved: ${this.#status.unavailable}`);
    }
    const repository = store.repository;
    switch (method) {
      case 'list':
        return repository.list(...parseExperimentArgs('list', payload));
      case 'get':
        return repository.get(...parseExperimentArgs('get', payload));
      case 'create':
        return repository.create(...parseExperimentArgs('create', payload));
      case 'update':
        return repository.update(...parseExperimentArgs('update', payload));
      case 'rename':
        return repository.rename(...parseExperimentArgs('rename', payload));
      case 'duplicate':
        return repository.duplicate(...parseExperimentArgs('duplicate', payload));
      case 'trash':
        return repository.trash(...parseExperimentArgs('trash', payload));
      case 'restore':
        return repository.restore(...parseExperimentArgs('restore', payload));
      case 'emptyTrash':
        parseExperimentArgs('emptyTrash', payload);
        return repository.emptyTrash();
      case 'exportFile':
        return store.exportFile(...parseExperimentArgs('exportFile', payload));
      case 'importFile':
        return store.importFile(...parseExperimentArgs('importFile', payload));
    }
  }
}
