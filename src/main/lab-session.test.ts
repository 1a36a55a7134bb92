import { describe, expect, it, vi } from 'vitest';
import type { RunEvent, RunResult } from '../shared/lab-api';
import type { RunEventMessage } from '../shared/lab-channels';
import { LabError } from '../shared/lab-error';
import type { Engine } from './engine-host';
import { LabSession } from './lab-session';

function fakeEngine(run: (source: string, onEvent: (event: RunEvent) => void) => Promise<RunResult>): Engine {
  return { run: vi.fn(run), stop: vi.fn(async () => {}), dispose: vi.fn(async () => {}) };
}

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
