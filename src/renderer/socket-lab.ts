/**
 * `LabApi` over the web shell's WebSocket. Connects on first use and again after the socket
 * closes (the server then gives a fresh engine); calls still waiting when it closes fail with
 * `Disconnected`.
 */

import { createExperimentsClient, type ExperimentWireMethod } from '../shared/experiments-api';
import { createExercisesClient, type ExerciseWireMethod } from '../shared/exercises-api';
import type {
  CPythonRun,
  CPythonStatus,
  LabApi,
  RunEvent,
  RunResult,
  Snapshot,
  StepEvents,
} from '../shared/lab-api';
import { createPreferencesClient, type PreferencesWireMethod } from '../shared/preferences-api';
import type {
  CPythonRunRequest,
  LabMethod,
  RunRequest,
  SnapshotRequest,
  StepEventsRequest,
} from '../shared/lab-channels';
import { LabError, unwrapOutcome, type Outcome } from '../shared/lab-error';
import type { SocketMessage, SocketRequest } from '../shared/socket-protocol';

interface Pending {
  resolve: (outcome: Outcome<unknown>) => void;
  reject: (error: LabError) => void;
}

export function createSocketLab(url: URL): LabApi {
  const pending = new Map<number, Pending>();
  const listeners = new Map<number, (event: RunEvent) => void>();
  let socket: Promise<WebSocket> | undefined;
  let seq = 0;
  let nextRunId = 1;

  const receive = (message: SocketMessage) => {
    if (message.type === 'event') {
      listeners.get(message.runId)?.(message.event);
    } else {
      pending.get(message.seq)?.resolve(message.outcome);
      pending.delete(message.seq);
    }
  };

  const connect = (): Promise<WebSocket> => {
    socket ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => resolve(ws);
      ws.onmessage = (event: MessageEvent<string>) => receive(JSON.parse(event.data) as SocketMessage);
      ws.onclose = (event) => {
        socket = undefined;
        const error = new LabError(
          'Disconnected',
          `Lost the connection to the PyMem Lab server${event.reason ? `: ${event.reason}` : ''}.`,
        );
        reject(error);
        for (const waiting of pending.values()) waiting.reject(error);
        pending.clear();
      };
    });
    return socket;
  };

  const call = async <T>(
    method: LabMethod | ExperimentWireMethod | ExerciseWireMethod | PreferencesWireMethod,
    payload: unknown,
  ): Promise<T> => {
    const ws = await connect();
    const request: SocketRequest = { seq: ++seq, method, payload };
    const outcome = await new Promise<Outcome<unknown>>((resolve, reject) => {
      pending.set(request.seq, { resolve, reject });
      ws.send(JSON.stringify(request));
    });
    return unwrapOutcome(outcome) as T;
  };

  return {
    async run(source, onEvent) {
      const request: RunRequest = { runId: nextRunId++, source };
      if (onEvent) listeners.set(request.runId, onEvent);
      try {
        return await call<RunResult>('run', request);
      } finally {
        listeners.delete(request.runId);
      }
    },
    async stop() {
      await call<null>('stop', {});
    },
    snapshot(step) {
      const request: SnapshotRequest = { step };
      return call<Snapshot>('snapshot', request);
    },
    stepEvents(step) {
      const request: StepEventsRequest = { step };
      return call<StepEvents>('stepEvents', request);
    },
    cpythonStatus() {
      return call<CPythonStatus>('cpythonStatus', {});
    },
    runInCPython(source) {
      const request: CPythonRunRequest = { source };
      return call<CPythonRun>('runInCPython', request);
    },
    experiments: createExperimentsClient((method, args) => call(method, args)),
    exercises: createExercisesClient((method, args) => call(method, args)),
    preferences: createPreferencesClient((method, args) => call(method, args)),
    // A browser has no application menu: the keyboard shortcuts and the toolbar do its work.
    onMenuCommand: () => () => {},
  };
}
