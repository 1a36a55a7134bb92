/**
 * Errors that cross a transport (IPC or WebSocket). Only `{ name, message }` crosses: the
 * receiving side rebuilds a `LabError` so callers can branch on `name`.
 */

export type LabErrorName =
  | 'InvalidRequest' // the payload did not match the schema
  | 'Busy' // a run is already in progress for this window
  | 'Stopped' // the person stopped the run
  | 'EngineCrashed' // the worker thread died (out of memory, a bug in the engine)
  | 'EngineError' // the engine threw instead of returning a result
  | 'Disconnected' // the web shell's socket closed
  | 'NoRun' // a snapshot was asked for before any run finished
  | 'Unavailable' // the action cannot be used here (no CPython 3.11 on the PATH; the message says why)
  | 'NotFound' // no such experiment (or it is in the trash where that matters)
  | 'InvalidFile' // an imported file is not a valid experiment file; nothing was saved
  | 'StoreUnavailable' // the experiment store could not be opened (the message says why)
  | 'StoreError'; // the experiment store failed a call (a disk error, a bug)

export interface SerializedLabError {
  name: LabErrorName;
  message: string;
}

export class LabError extends Error {
  override readonly name: LabErrorName;

  constructor(name: LabErrorName, message: string) {
    super(message);
    this.name = name;
  }

  toJSON(): SerializedLabError {
    return { name: this.name, message: this.message };
  }
}

/** What a transport carries back for one call: a value, or the error it failed with. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: SerializedLabError };

/** Turns any thrown value into the error that crosses the transport. */
export function serializeError(error: unknown): SerializedLabError {
  if (error instanceof LabError) return error.toJSON();
  const message = error instanceof Error ? error.message : String(error);
  return { name: 'EngineError', message };
}

/** The receiving side of a transport: the value, or the rebuilt `LabError` thrown. */
export function unwrapOutcome<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new LabError(outcome.error.name, outcome.error.message);
}
