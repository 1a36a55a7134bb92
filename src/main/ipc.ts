/**
 * Electron IPC for `LabApi`: one `lab:*` handler per method. Handlers only check who is
 * calling and hand the untrusted payload to the caller's `LabSession`, which validates it.
 */

import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { EXPERIMENT_METHODS, experimentChannel, experimentWireMethod } from '../shared/experiments-api';
import { EXERCISE_METHODS, exerciseChannel, exerciseWireMethod } from '../shared/exercises-api';
import { IPC_CHANNELS, LAB_METHODS, type RunEventMessage } from '../shared/lab-channels';
import type { Outcome } from '../shared/lab-error';
import { PREFERENCES_METHODS, preferencesChannel, preferencesWireMethod } from '../shared/preferences-api';
import type { LabSession } from './lab-session';

export interface LabIpcOptions {
  /** The session of the window that owns `sender`, if it is one of ours. */
  sessionFor: (sender: WebContents) => LabSession | undefined;
  /** Whether a frame at this URL may call the lab (our own renderer only). */
  isTrustedUrl: (url: string) => boolean;
}

export function registerLabIpc({ sessionFor, isTrustedUrl }: LabIpcOptions): void {
  const routes: { channel: string; method: string }[] = [
    ...LAB_METHODS.map((method) => ({ channel: IPC_CHANNELS[method], method })),
    // The experiment store's calls: `lab:experiments.list` carries `experiments.list`, …
    ...EXPERIMENT_METHODS.map((method) => ({
      channel: experimentChannel(method),
      method: experimentWireMethod(method),
    })),
    // The exercises' calls: `lab:exercises.check` carries `exercises.check`, …
    ...EXERCISE_METHODS.map((method) => ({
      channel: exerciseChannel(method),
      method: exerciseWireMethod(method),
    })),
    // The preferences: `lab:preferences.set` carries `preferences.set`, …
    ...PREFERENCES_METHODS.map((method) => ({
      channel: preferencesChannel(method),
      method: preferencesWireMethod(method),
    })),
  ];
  for (const { channel, method } of routes) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown): Promise<Outcome<unknown>> => {
      const session = sessionFor(event.sender);
      const url = event.senderFrame?.url ?? '';
      if (!session || !isTrustedUrl(url)) {
        return Promise.resolve({
          ok: false,
          error: {
            name: 'InvalidRequest',
            message: `${method}: refused, the caller is not a PyMem Lab window`,
          },
        });
      }
      const emit = (message: RunEventMessage) => {
        if (!event.sender.isDestroyed()) event.sender.send(IPC_CHANNELS.runEvent, message);
      };
      return session.call(method, payload, emit);
    });
  }
}
