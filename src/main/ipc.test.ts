import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EXPERIMENT_METHODS, experimentChannel } from '../shared/experiments-api';
import { EXERCISE_METHODS, exerciseChannel } from '../shared/exercises-api';
import { IPC_CHANNELS } from '../shared/lab-channels';
import type { Snapshot } from '../shared/lab-api';
import type { Engine } from './engine-host';
import { LabSession } from './lab-session';

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
  stop: async () => {},
  dispose: async () => {},
};

describe('registerLabIpc', () => {
  const session = new LabSession(engine, {
    call: async (method, payload) => ({ ok: true, value: { method, payload } }),
  });
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
        IPC_CHANNELS.cpythonStatus,
        IPC_CHANNELS.runInCPython,
        ...EXPERIMENT_METHODS.map(experimentChannel),
        ...EXERCISE_METHODS.map(exerciseChannel),
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

  it('does not send events to a window that is gone', async () => {
    const gone = { ...fakeSender(), isDestroyed: () => true };
    await invoke(IPC_CHANNELS.run, { runId: 1, source: 'x' }, TRUSTED, gone);
    expect(gone.send).not.toHaveBeenCalled();
  });
});
