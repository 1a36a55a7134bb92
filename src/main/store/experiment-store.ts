/**
 * The experiment store: the database connection, the repository over it, and the file format
 * for import and export. One per process (Electron's main process, or a web shell), shared by
 * every window or tab.
 */

import type { Experiment, ExperimentExport, ExperimentId, StoreStatus } from '../../shared/experiment';
import { StoreConnection, type StoreConnectionOptions } from './connection';
import { exportExperimentFile, parseExperimentFile } from './experiment-file';
import { ExperimentRepository } from './experiment-repository';
import { ExerciseProgressRepository } from './exercise-progress-repository';
import { SettingsRepository } from './settings-repository';

export interface ExperimentStoreOptions extends StoreConnectionOptions {
  /** Milliseconds since the epoch, for the experiments' timestamps; tests fix it. */
  clock?: () => number;
}

export class ExperimentStore {
  readonly repository: ExperimentRepository;
  /** Progress on the lab exercises, in the same database. */
  readonly exerciseProgress: ExerciseProgressRepository;
  /** The preferences, in the same database. */
  readonly settings: SettingsRepository;
  readonly status: StoreStatus;
  readonly #connection: StoreConnection;

  private constructor(connection: StoreConnection, clock: () => number) {
    this.#connection = connection;
    this.repository = new ExperimentRepository(connection, clock);
    this.exerciseProgress = new ExerciseProgressRepository(connection, clock);
    this.settings = new SettingsRepository(connection, clock);
    this.status = { path: connection.path, ...(connection.recovery && { recovered: connection.recovery }) };
  }

  /**
   * Opens the store's database at `path`. Throws `StoreOpenError` when the file is in use or
   * from a newer version; a damaged file is moved aside (see `status.recovered`).
   */
  static open(path: string, options: ExperimentStoreOptions = {}): ExperimentStore {
    return new ExperimentStore(StoreConnection.open(path, options), options.clock ?? Date.now);
  }

  exportFile(id: ExperimentId): ExperimentExport {
    return exportExperimentFile(this.repository.get(id));
  }

  /** Adds the experiment in a file's text; a bad file throws `InvalidFile` before anything is written. */
  importFile(contents: string): Experiment {
    const { fields, createdAt } = parseExperimentFile(contents);
    return this.repository.create(fields, createdAt);
  }

  close(): void {
    this.#connection.close();
  }
}
