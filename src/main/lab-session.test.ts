import { describe, expect, it, vi } from 'vitest';
import type { CPythonRun } from '../shared/cpython';
import type { RunEvent, RunResult, Snapshot, StepEvents } from '../shared/lab-api';
import type { RunEventMessage } from '../shared/lab-channels';
import { LabError } from '../shared/lab-error';
import type { Engine } from './engine-host';
import { LabSession, type CPythonService } from './lab-session';

function fakeEngine(run: (source: string, onEvent: (event: RunEvent) => void) => Promise<RunResult>): Engine {
  return {
    run: vi.fn(run),
    snapshot: vi.fn(async (step: number) => ({ step, line: 1 }) as Snapshot),
    stepEvents: vi.fn(async (step: number) => ({ step, events: [] }) as unknown as StepEvents),
    stop: vi.fn(async () => {}),
    dispose: vi.fn(async () => {}),
  };
}

const idle = () => fakeEngine(async () => ({ stdout: '', stderr: '', exitCode: 0, stepCount: 0 }));

describe('LabSession', () => {
  it('runs a valid request and tags its events with the run id', async () => {
    const engine = fakeEngine(async (source, onEvent) => {
      onEvent({ kind: 'stdout', text: source });
      return { stdout: source, stderr: '', exitCode: 0, stepCount: 0 };
    });
    const events: RunEventMessage[] = [];
    const outcome = await new LabSession(engine).call('run', { runId: 4, source: 'hi' }, (m) =>
      events.push(m),
    );
    expect(outcome).toEqual({ ok: true, value: { stdout: 'hi', stderr: '', exitCode: 0, stepCount: 0 } });
    expect(events).toEqual([{ runId: 4, event: { kind: 'stdout', text: 'hi' } }]);
  });

  it('never lets an invalid payload reach the engine', async () => {
    const engine = fakeEngine(async () => ({ stdout: '', stderr: '', exitCode: 0, stepCount: 0 }));
    const outcome = await new LabSession(engine).call('run', { source: 'hi' }, () => {});
    expect(outcome).toMatchObject({ ok: false, error: { name: 'InvalidRequest' } });
    expect(engine.run).not.toHaveBeenCalled();
  });

  it('rejects unknown methods', async () => {
    const engine = fakeEngine(async () => ({ stdout: '', stderr: '', exitCode: 0, stepCount: 0 }));
    const outcome = await new LabSession(engine).call('constructor', {}, () => {});
    expect(outcome).toEqual({
      ok: false,
      error: { name: 'InvalidRequest', message: 'Unknown method: "constructor"' },
    });
  });

  it('passes engine errors through by name', async () => {
    const engine = fakeEngine(async () => {
      throw new LabError('Stopped', 'Stopped.');
    });
    const outcome = await new LabSession(engine).call('run', { runId: 1, source: '' }, () => {});
    expect(outcome).toEqual({ ok: false, error: { name: 'Stopped', message: 'Stopped.' } });
  });

  it('stops and disposes the engine', async () => {
    const engine = fakeEngine(async () => ({ stdout: '', stderr: '', exitCode: 0, stepCount: 0 }));
    const session = new LabSession(engine);
    expect(await session.call('stop', {}, () => {})).toEqual({ ok: true, value: null });
    expect(engine.stop).toHaveBeenCalledOnce();
    await session.dispose();
    expect(engine.dispose).toHaveBeenCalledOnce();
  });
});

describe('LabSession and the experiment store', () => {
  const engine = fakeEngine(async () => ({ stdout: '', stderr: '', exitCode: 0, stepCount: 0 }));

  it('hands experiments calls to the store, payload untouched', async () => {
    const call = vi.fn(async () => ({ ok: true as const, value: 'listed' }));
    const outcome = await new LabSession(engine, { call }).call(
      'experiments.list',
      [{ search: 'x' }],
      () => {},
    );
    expect(outcome).toEqual({ ok: true, value: 'listed' });
    expect(call).toHaveBeenCalledWith('experiments.list', [{ search: 'x' }]);
    expect(engine.run).not.toHaveBeenCalled();
  });

  it('answers StoreUnavailable without a store, and unknown experiments methods as unknown', async () => {
    const session = new LabSession(engine);
    expect(await session.call('experiments.list', [], () => {})).toMatchObject({
      ok: false,
      error: { name: 'StoreUnavailable' },
    });
    expect(await session.call('experiments.dropTables', [], () => {})).toMatchObject({
      ok: false,
      error: { name: 'InvalidRequest', message: 'Unknown method: "experiments.dropTables"' },
    });
  });

  it('asks the engine for a valid snapshot step only', async () => {
    const engine = idle();
    const session = new LabSession(engine);
    expect(await session.call('snapshot', { step: 3 }, () => {})).toEqual({
      ok: true,
      value: { step: 3, line: 1 },
    });
    for (const payload of [{ step: -1 }, { step: 1.5 }, { step: '3' }, { step: 3, extra: 1 }, {}, null]) {
      expect(await session.call('snapshot', payload, () => {})).toMatchObject({
        ok: false,
        error: { name: 'InvalidRequest' },
      });
    }
    expect(engine.snapshot).toHaveBeenCalledExactlyOnceWith(3);
  });

  it('asks the engine for the events of a valid step only', async () => {
    const engine = idle();
    const session = new LabSession(engine);
    expect(await session.call('stepEvents', { step: 2 }, () => {})).toEqual({
      ok: true,
      value: { step: 2, events: [] },
    });
    for (const payload of [{ step: -2 }, { step: 0.5 }, { step: '2' }, { step: 2, source: 'x' }, {}, null]) {
      expect(await session.call('stepEvents', payload, () => {})).toMatchObject({
        ok: false,
        error: { name: 'InvalidRequest' },
      });
    }
    expect(engine.stepEvents).toHaveBeenCalledExactlyOnceWith(2);
  });

  it('says CPython is unavailable, and why, when it was given none', async () => {
    const session = new LabSession(idle());
    expect(await session.call('cpythonStatus', {}, () => {})).toMatchObject({
      ok: true,
      value: { available: false, reason: expect.stringContaining('without CPython') },
    });
    expect(await session.call('runInCPython', { source: '' }, () => {})).toMatchObject({
      ok: false,
      error: { name: 'Unavailable' },
    });
  });

  it("runs a valid program in the session's CPython", async () => {
    const ran: CPythonRun = {
      stdout: '3\n',
      stderr: '',
      exitCode: 0,
      timedOut: false,
      truncated: false,
      version: '3.11.7',
      durationMs: 20,
    };
    const cpython: CPythonService = {
      status: async () => ({ available: true, version: '3.11.7', executable: '/usr/bin/python3' }),
      run: vi.fn(async () => ran),
    };
    const session = new LabSession(idle(), undefined, cpython);
    expect(await session.call('runInCPython', { source: 'print(3)' }, () => {})).toEqual({
      ok: true,
      value: ran,
    });
    expect(await session.call('runInCPython', { source: 3 }, () => {})).toMatchObject({ ok: false });
    expect(await session.call('cpythonStatus', { verbose: true }, () => {})).toMatchObject({ ok: false });
    expect(cpython.run).toHaveBeenCalledExactlyOnceWith('print(3)');
  });
});
