/**
 * The preload: implements `LabApi` over Electron IPC and exposes it as `window.lab`. It holds
 * no logic beyond routing: validation happens in the main process.
 */

import { contextBridge, ipcRenderer } from 'electron';
import { createExperimentsClient } from '../shared/experiments-api';
import { createExercisesClient } from '../shared/exercises-api';
import type {
  CPythonRun,
  CPythonStatus,
  LabApi,
  RunEvent,
  RunResult,
  Snapshot,
  StepEvents,
} from '../shared/lab-api';
import {
  IPC_CHANNELS,
  type CPythonRunRequest,
  type RunEventMessage,
  type RunRequest,
  type SnapshotRequest,
  type StepEventsRequest,
} from '../shared/lab-channels';
import { unwrapOutcome, type Outcome } from '../shared/lab-error';
import type { MenuMessage } from '../shared/menu-commands';
import { createPreferencesClient } from '../shared/preferences-api';

const listeners = new Map<number, (event: RunEvent) => void>();
let nextRunId = 1;

ipcRenderer.on(IPC_CHANNELS.runEvent, (_event, message: RunEventMessage) => {
  listeners.get(message.runId)?.(message.event);
});

const lab: LabApi = {
  async run(source, onEvent) {
    const request: RunRequest = { runId: nextRunId++, source };
    if (onEvent) listeners.set(request.runId, onEvent);
    try {
      const outcome: Outcome<RunResult> = await ipcRenderer.invoke(IPC_CHANNELS.run, request);
      return unwrapOutcome(outcome);
    } finally {
      listeners.delete(request.runId);
    }
  },
  async stop() {
    const outcome: Outcome<null> = await ipcRenderer.invoke(IPC_CHANNELS.stop, {});
    unwrapOutcome(outcome);
  },
  async snapshot(step) {
    const request: SnapshotRequest = { step };
    const outcome: Outcome<Snapshot> = await ipcRenderer.invoke(IPC_CHANNELS.snapshot, request);
    return unwrapOutcome(outcome);
  },
  async stepEvents(step) {
    const request: StepEventsRequest = { step };
    const outcome: Outcome<StepEvents> = await ipcRenderer.invoke(IPC_CHANNELS.stepEvents, request);
    return unwrapOutcome(outcome);
  },
  async cpythonStatus() {
    const outcome: Outcome<CPythonStatus> = await ipcRenderer.invoke(IPC_CHANNELS.cpythonStatus, {});
    return unwrapOutcome(outcome);
  },
  async runInCPython(source) {
    const request: CPythonRunRequest = { source };
    const outcome: Outcome<CPythonRun> = await ipcRenderer.invoke(IPC_CHANNELS.runInCPython, request);
    return unwrapOutcome(outcome);
  },
  // `experiments.list` travels on the channel `lab:experiments.list`, its arguments as the payload.
  experiments: createExperimentsClient(async (method, args) => {
    const outcome: Outcome<unknown> = await ipcRenderer.invoke(`lab:${method}`, args);
    return unwrapOutcome(outcome);
  }),
  exercises: createExercisesClient(async (method, args) => {
    const outcome: Outcome<unknown> = await ipcRenderer.invoke(`lab:${method}`, args);
    return unwrapOutcome(outcome);
  }),
  preferences: createPreferencesClient(async (method, args) => {
    const outcome: Outcome<unknown> = await ipcRenderer.invoke(`lab:${method}`, args);
    return unwrapOutcome(outcome);
  }),
  // The renderer checks the message (src/renderer/use-menu-commands.ts); only the main process sends on it.
  onMenuCommand(listener) {
    const forward = (_event: Electron.IpcRendererEvent, message: MenuMessage) => listener(message);
    ipcRenderer.on(IPC_CHANNELS.menuCommand, forward);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNELS.menuCommand, forward);
    };
  },
};

contextBridge.exposeInMainWorld('lab', lab);
