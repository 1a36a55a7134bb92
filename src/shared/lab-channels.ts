/**
 * Names and payloads on the wire, shared by both transports (Electron IPC, the web
 * shell's WebSocket). The main process validates every incoming payload (src/main/lab-schemas.ts).
 */

import type { LabApi, RunEvent } from './lab-api';

/**
 * A method of `LabApi` a transport forwards by name. `experiments`, `exercises` and `preferences`
 * are not: their calls travel as `experiments.<method>`, … (src/shared/experiments-api.ts,
 * src/shared/exercises-api.ts, src/shared/preferences-api.ts); `onMenuCommand` is a subscription
 * to `menuCommand` messages from the main process.
 */
export type LabMethod = Exclude<keyof LabApi, 'experiments' | 'exercises' | 'preferences' | 'onMenuCommand'>;

/** Payload of `run`: `runId` is chosen by the caller so it can tell its own events apart. */
export interface RunRequest {
  runId: number;
  source: string;
}

/** Payload of `snapshot`. */
export interface SnapshotRequest {
  step: number;
}

/** Payload of `stepEvents`. */
export interface StepEventsRequest {
  step: number;
}

/** Payload of `runInCPython`. */
export interface CPythonRunRequest {
  source: string;
}

/** An event of the run `runId`. */
export interface RunEventMessage {
  runId: number;
  event: RunEvent;
}

/** Electron IPC channels; all carry the `lab:` prefix. */
export const IPC_CHANNELS = {
  run: 'lab:run',
  stop: 'lab:stop',
  snapshot: 'lab:snapshot',
  stepEvents: 'lab:step-events',
  cpythonStatus: 'lab:cpython-status',
  runInCPython: 'lab:run-in-cpython',
  runEvent: 'lab:run-event',
  /** Main → renderer: a command of the application menu (a `MenuMessage`). */
  menuCommand: 'lab:menu-command',
} as const satisfies Record<LabMethod | 'runEvent' | 'menuCommand', `lab:${string}`>;

/** The methods a transport forwards, in a form that can be iterated. */
export const LAB_METHODS = [
  'run',
  'stop',
  'snapshot',
  'stepEvents',
  'cpythonStatus',
  'runInCPython',
] as const satisfies readonly LabMethod[];
