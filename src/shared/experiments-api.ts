/**
 * The `experiments` part of `LabApi`: the experiment store as the renderer sees it, and how
 * its calls travel. Every method's arguments cross a transport as one array (the payload),
 * which the main process validates (src/main/store/experiment-schemas.ts), so both transports
 * forward the calls without knowing them one by one.
 */

import type {
  Experiment,
  ExperimentExport,
  ExperimentFields,
  ExperimentId,
  ExperimentList,
  ExperimentListQuery,
  ExperimentSummary,
  StoreStatus,
} from './experiment';

export interface ExperimentsApi {
  /** Where the database is, and whether it had to be recovered or cannot be used. */
  status(): Promise<StoreStatus>;
  list(query?: ExperimentListQuery): Promise<ExperimentList>;
  /** One experiment, whole; also one in the trash. Rejects with `NotFound`. */
  get(id: ExperimentId): Promise<Experiment>;
  /** A new experiment; fields not given get their defaults (an empty program, `UNTITLED`). */
  create(fields?: Partial<ExperimentFields>): Promise<Experiment>;
  /** Saves the given fields (autosave), leaving the others as they are. */
  update(id: ExperimentId, patch: Partial<ExperimentFields>): Promise<ExperimentSummary>;
  rename(id: ExperimentId, title: string): Promise<ExperimentSummary>;
  /** A copy titled "… (copy)". */
  duplicate(id: ExperimentId): Promise<Experiment>;
  /** Moves it to the trash, from where `restore` brings it back. */
  trash(id: ExperimentId): Promise<void>;
  restore(id: ExperimentId): Promise<void>;
  /** Deletes everything in the trash for good; resolves with how many experiments went. */
  emptyTrash(): Promise<number>;
  /** The experiment as a `.pymemlab.json` file. */
  exportFile(id: ExperimentId): Promise<ExperimentExport>;
  /**
   * Adds the experiment in a `.pymemlab.json` file's text. A file that is not one is refused
   * with `InvalidFile` and a message that says what is wrong; nothing is saved then.
   */
  importFile(contents: string): Promise<Experiment>;
}

export type ExperimentMethod = keyof ExperimentsApi;

export const EXPERIMENT_METHODS = [
  'status',
  'list',
  'get',
  'create',
  'update',
  'rename',
  'duplicate',
  'trash',
  'restore',
  'emptyTrash',
  'exportFile',
  'importFile',
] as const satisfies readonly ExperimentMethod[];

/** The name a transport carries for a method: `experiments.list`, … */
export type ExperimentWireMethod = `experiments.${ExperimentMethod}`;

export const experimentWireMethod = (method: ExperimentMethod): ExperimentWireMethod =>
  `experiments.${method}`;

export function isExperimentWireMethod(method: string): method is ExperimentWireMethod {
  return (
    method.startsWith('experiments.') &&
    (EXPERIMENT_METHODS as readonly string[]).includes(method.slice('experiments.'.length))
  );
}

/** Electron's IPC channel of a method. */
export const experimentChannel = (method: ExperimentMethod): `lab:experiments.${ExperimentMethod}` =>
  `lab:${experimentWireMethod(method)}`;

/** `ExperimentsApi` over a transport that sends a wire method and its arguments and returns the value. */
export function createExperimentsClient(
  send: (method: ExperimentWireMethod, args: unknown[]) => Promise<unknown>,
): ExperimentsApi {
  const client: Partial<Record<ExperimentMethod, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const method of EXPERIMENT_METHODS) {
    // Trailing undefined arguments (an omitted query) are dropped: JSON would turn them into null.
    client[method] = (...args) => send(experimentWireMethod(method), trimUndefined(args));
  }
  return client as ExperimentsApi;
}

function trimUndefined(args: unknown[]): unknown[] {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  return args.slice(0, end);
}
