/**
 * The preload: implements `LabApi` over Electron IPC and exposes it as `window.lab`. It holds
 * no logic beyond routing: validation happens in the main process.
 */

import { contextBridge, ipcRenderer } from 'electron';
import type { LabApi, RunEvent, RunResult } from '../shared/lab-api';
import { IPC_CHANNELS, type RunEventMessage, type RunRequest } from '../shared/lab-channels';
import { unwrapOutcome, type Outcome } from '../shared/lab-error';

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
};

contextBridge.exposeInMainWorld('lab', lab);
