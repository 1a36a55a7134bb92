import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EXPERIMENT_METHODS, experimentChannel } from '../shared/experiments-api';
import { EXERCISE_METHODS, exerciseChannel } from '../shared/exercises-api';
import { IPC_CHANNELS } from '../shared/lab-channels';
import type { Snapshot, StepEvents } from '../shared/lab-api';
import { MAX_CPYTHON_PATH_CHARS, PREFERENCES_METHODS, preferencesChannel } from '../shared/preferences-api';
import type { Engine } from './engine-host';
import { LabSession } from './lab-session';
import { PreferencesService } from './preferences-service';

type Handler = (event: unknown, payload: unknown) => Promise<unknown>;
const handlers = new Map<string, Handler>();

vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) },
}));

const { registerLabIpc } = await import('./ipc');

const TRUSTED = 'file:///app/out/renderer/index.html';

function fakeSender() {
  return { id: 1, send: vi.fn(), isDestroyed: () => false };
}

const engine: Engine = {
  run: async (source, onEvent) => {
    onEvent({ kind: 'stdout', text: source });
    return { stdout: source, stderr: '', exitCode: 0, stepCount: 0 };
  },
  snapshot: async (step) => ({ step }) as Snapshot,
  stepEvents: async (step) => ({ step }) as StepEvents,
  stop: async () => {},
  dispose: async () => {},
};

/** Preferences without a store, whose interpreter checks answer from a table. */
const checked: string[] = [];
const preferences = new PreferencesService({
  settings: undefined,
  storeUnavailable: 'no store in this test',
  defaultCPython: 'python3',
  cpython: {
    setCommand: () => {},
    check: async (command) => {
      checked.push(command);
      return { available: false, reason: `${command} was not found` };
    },
  },
});

describe('registerLabIpc', () => {
  const session = new LabSession(
    engine,
    { call: async (method, payload) => ({ ok: true, value: { method, payload } }) },
    undefined,
    undefined,
    preferences,
  );
  let sender: ReturnType<typeof fakeSender>;

  beforeEach(() => {
    handlers.clear();
    sender = fakeSender();
    registerLabIpc({
      sessionFor: (contents) => (contents.id === 1 ? session : undefined),
      isTrustedUrl: (url) => url === TRUSTED,
    });
  });

  const invoke = (channel: string, payload: unknown, frameUrl = TRUSTED, from: object = sender) =>
    handlers.get(channel)!({ sender: from, senderFrame: { url: frameUrl } }, payload);

  it('registers one lab: channel per LabApi method, experiments and exercises included', () => {
    expect([...handlers.keys()].sort()).toEqual(
      [
        IPC_CHANNELS.run,
        IPC_CHANNELS.stop,
        IPC_CHANNELS.snapshot,
        IPC_CHANNELS.stepEvents,
        IPC_CHANNELS.cpythonStatus,
        IPC_CHANNELS.runInCPython,
        ...EXPERIMENT_METHODS.map(experimentChannel),
        ...EXERCISE_METHODS.map(exerciseChannel),
        ...PREFERENCES_METHODS.map(preferencesChannel),
      ].sort(),
    );
  });

  it("routes an experiments call to the session's store", async () => {
    expect(await invoke('lab:experiments.get', [5])).toEqual({
      ok: true,
      value: { method: 'experiments.get', payload: [5] },
    });
    expect(await invoke('lab:experiments.list', [], 'https://example.com/')).toMatchObject({ ok: false });
  });

  it('runs a valid request and sends its events to the calling window', async () => {
    const outcome = await invoke(IPC_CHANNELS.run, { runId: 3, source: 'hi' });
    expect(outcome).toEqual({ ok: true, value: { stdout: 'hi', stderr: '', exitCode: 0, stepCount: 0 } });
    expect(sender.send).toHaveBeenCalledWith(IPC_CHANNELS.runEvent, {
      runId: 3,
      event: { kind: 'stdout', text: 'hi' },
    });
  });

  it('rejects an invalid payload with a clear error', async () => {
    const outcome = await invoke(IPC_CHANNELS.run, { runId: 'x', source: 1 });
    expect(outcome).toMatchObject({ ok: false, error: { name: 'InvalidRequest' } });
    expect((outcome as { error: { message: string } }).error.message).toMatch(/runId[\s\S]*source/);
  });

  it('refuses callers that are not our renderer', async () => {
    const outcome = await invoke(IPC_CHANNELS.run, { runId: 1, source: '' }, 'https://example.com/');
    expect(outcome).toMatchObject({ ok: false, error: { name: 'InvalidRequest' } });
    const stranger = { ...fakeSender(), id: 2 };
    expect(await invoke(IPC_CHANNELS.stop, {}, TRUSTED, stranger)).toMatchObject({ ok: false });
  });

  it('routes the preferences and validates their payloads', async () => {
    expect(await invoke('lab:preferences.get', [])).toEqual({
      ok: true,
      value: {
        cpythonPath: null,
        defaultCPython: 'python3',
        readOnly: 'Preferences cannot be saved: no store in this test',
      },
    });
    expect(await invoke('lab:preferences.checkCPython', ['/nowhere/python3'])).toEqual({
      ok: true,
      value: { available: false, reason: '/nowhere/python3 was not found' },
    });
    const bad: [string, unknown][] = [
      ['lab:preferences.get', { cpythonPath: null }],
      ['lab:preferences.set', [{ cpythonPath: 42 }]],
      ['lab:preferences.set', [{ cpythonPath: '/usr/bin/python3', shell: true }]],
      ['lab:preferences.set', [{ cpythonPath: 'p'.repeat(MAX_CPYTHON_PATH_CHARS + 1) }]],
      ['lab:preferences.set', 'python3'],
      ['lab:preferences.checkCPython', ['x'.repeat(MAX_CPYTHON_PATH_CHARS + 1)]],
      ['lab:preferences.checkCPython', ['python3\n-c evil']],
      ['lab:preferences.checkCPython', [{ path: 'python3' }]],
      ['lab:preferences.checkCPython', ['python3', 'more']],
    ];
    for (const [channel, payload] of bad) {
      const outcome = await invoke(channel, payload);
      expect([channel, outcome]).toMatchObject([channel, { ok: false, error: { name: 'InvalidRequest' } }]);
    }
    expect(checked).toEqual(['/nowhere/python3']);
    expect(await invoke('lab:preferences.get', [], 'https://example.com/')).toMatchObject({ ok: false });
  });

  it('does not send events to a window that is gone', async () => {
    const gone = { ...fakeSender(), isDestroyed: () => true };
    await invoke(IPC_CHANNELS.run, { runId: 1, source: 'x' }, TRUSTED, gone);
    expect(gone.send).not.toHaveBeenCalled();
  });
});
