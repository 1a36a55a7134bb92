import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../shared/lab-api';
import { LabError } from '../shared/lab-error';
import { EngineHost } from './engine-host';

/**
 * A stand-in for engine.worker.ts speaking the same protocol, so the host's threading is tested
 * without the engine: `loop` never ends, `crash` kills the thread, `throw` fails the run,
 * anything else prints itself.
 */
const WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ seq, source }) => {
  if (source === 'loop') for (;;);
  if (source === 'crash') process.exit(3);
  if (source === 'throw') return parentPort.postMessage({ type: 'failure', seq, error: { name: 'Error', message: 'bad' } });
  parentPort.postMessage({ type: 'event', seq, event: { kind: 'stdout', text: source } });
  parentPort.postMessage({ type: 'result', seq, result: { stdout: source, stderr: '', exitCode: 0, stepCount: 0 } });
});
`;

let spawned = 0;
const hosts: EngineHost[] = [];

function createHost(): EngineHost {
  const host = new EngineHost({
    spawn: () => {
      spawned++;
      return new Worker(WORKER, { eval: true });
    },
    runOptions: { filename: 'main.py' },
  });
  hosts.push(host);
  return host;
}

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.dispose()));
  spawned = 0;
});

/** The error `promise` rejects with (handled at once, so no rejection goes unhandled). */
async function rejection(promise: Promise<unknown>): Promise<LabError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LabError);
  return error as LabError;
}

describe('EngineHost', () => {
  it('runs a program in its worker and streams its events', async () => {
    const host = createHost();
    const events: RunEvent[] = [];
    const result = await host.run('hi', (event) => events.push(event));
    expect(result).toEqual({ stdout: 'hi', stderr: '', exitCode: 0, stepCount: 0 });
    expect(events).toEqual([{ kind: 'stdout', text: 'hi' }]);
    expect(await host.run('again')).toMatchObject({ stdout: 'again' });
    expect(spawned).toBe(1);
  });

  it('refuses a second run while one is going', async () => {
    const host = createHost();
    const first = rejection(host.run('loop'));
    expect((await rejection(host.run('hi'))).name).toBe('Busy');
    await host.stop();
    expect((await first).name).toBe('Stopped');
  });

  it('stops an endless program by replacing the worker, and runs the next one', async () => {
    const host = createHost();
    const endless = rejection(host.run('loop'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await host.stop();
    expect((await endless).name).toBe('Stopped');
    expect(await host.run('after')).toMatchObject({ stdout: 'after' });
    expect(spawned).toBe(2);
  });

  it('does nothing when stopped while idle', async () => {
    const host = createHost();
    await host.stop();
    expect(spawned).toBe(0);
  });

  it('reports a worker that dies as EngineCrashed and starts a new one for the next run', async () => {
    const host = createHost();
    const error = await rejection(host.run('crash'));
    expect(error.name).toBe('EngineCrashed');
    expect(error.message).toContain('code 3');
    expect(await host.run('ok')).toMatchObject({ stdout: 'ok' });
  });

  it('reports an engine exception as EngineError', async () => {
    const host = createHost();
    const error = await rejection(host.run('throw'));
    expect(error.name).toBe('EngineError');
    expect(error.message).toBe('Error: bad');
  });

  it('rejects the current run and further runs once disposed', async () => {
    const host = createHost();
    const endless = rejection(host.run('loop'));
    await host.dispose();
    expect((await endless).name).toBe('Stopped');
    expect((await rejection(host.run('hi'))).name).toBe('EngineCrashed');
  });
});
