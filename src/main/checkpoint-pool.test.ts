import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Snapshot, StepEvents } from '../shared/lab-api';
import { checkpointSteps, DEFAULT_CHECKPOINTS, type CheckpointPool } from './checkpoint-pool';
import { EngineHost, spawnEngineWorker } from './engine-host';
import { CHECKPOINT_TEST_PROGRAM } from './checkpoint-test-program';

/**
 * The pool with the real engine: engine.worker.ts bundled for Node (as electron-vite bundles
 * it for the app), its threads counted as they start and exit.
 */
let dir: string;
let workerPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pymem-checkpoints-'));
  workerPath = join(dir, 'engine.worker.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'engine.worker.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
    loader: { '.py': 'text' },
    outfile: workerPath,
    logLevel: 'silent',
  });
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PROGRAM = CHECKPOINT_TEST_PROGRAM;

/** About 2,000 steps: output, dicts and strings made and dropped, exceptions caught. */
const PROGRAM2 = `def parse(word):
    try:
        return int(word)
    except ValueError:
        return None
seen = {}
for i in range(250):
    word = str(i) if i % 3 else 'w' + str(i)
    value = parse(word)
    if value is None:
        seen[word] = [i, word * 2]
    elif i % 50 == 0:
        print(i, len(seen))
        seen = {k: v for k, v in seen.items() if v[0] > i - 60}
print(sorted(seen)[:3])
`;

/** Workers at steps c1, c2 and c3 (a quarter, half and three quarters of the run). */
const SETTINGS = { maxWorkers: 3, minSpacing: 300, refillDelayMs: 0 };

const alive = new Map<number, Worker>();
const hosts: EngineHost[] = [];

function createHost(checkpoints: typeof SETTINGS | false): EngineHost {
  const host = new EngineHost({
    spawn: (role) => {
      const worker = spawnEngineWorker(workerPath, role);
      const id = worker.threadId; // -1 once it exits
      alive.set(id, worker);
      worker.on('exit', () => alive.delete(id));
      return worker;
    },
    runOptions: { filename: 'main.py', stepBudget: 1_000_000 },
    checkpoints,
  });
  hosts.push(host);
  return host;
}

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.dispose()));
  await vi.waitFor(() => expect(alive.size).toBe(0));
});

/** Records which seeks the pool served (the others were re-runs from the start). */
function spyOnSeeks(pool: CheckpointPool): number[] {
  const served: number[] = [];
  const seek = pool.seek.bind(pool);
  vi.spyOn(pool, 'seek').mockImplementation((step, steps) => {
    const promise = seek(step, steps);
    if (promise !== undefined) served.push(step);
    return promise;
  });
  return served;
}

/** Records which step-events requests the pool served (the others were re-runs from the start). */
function spyOnStepEvents(pool: CheckpointPool): number[] {
  const served: number[] = [];
  const stepEvents = pool.stepEvents.bind(pool);
  vi.spyOn(pool, 'stepEvents').mockImplementation((step) => {
    const promise = stepEvents(step);
    if (promise !== undefined) served.push(step);
    return promise;
  });
  return served;
}

describe('checkpointSteps', () => {
  it('spreads the checkpoints evenly, never closer than minSpacing', () => {
    expect(checkpointSteps(1_000_000, { ...DEFAULT_CHECKPOINTS, maxWorkers: 9 })).toEqual([
      52_631, 157_894, 263_157, 368_421, 473_684, 578_947, 684_210, 789_473, 894_736,
    ]);
    expect(checkpointSteps(1_000_000, DEFAULT_CHECKPOINTS)).toEqual([
      47_619, 142_857, 238_095, 333_333, 428_571, 523_809, 619_047, 714_285, 809_523, 904_761,
    ]);
    expect(checkpointSteps(200_000, DEFAULT_CHECKPOINTS)).toEqual([22_222, 66_666, 111_111, 155_555]);
    expect(checkpointSteps(79_999, DEFAULT_CHECKPOINTS)).toEqual([]);
  });
});

describe('CheckpointPool', () => {
  it('serves seeks with the snapshots a re-run from the start gives', async () => {
    const rerun = createHost(false);
    const pooled = createHost(SETTINGS);
    const result = await rerun.run(PROGRAM);
    expect((await pooled.run(PROGRAM)).stepCount).toBe(result.stepCount);
    const pool = pooled.checkpointPool!;
    const [c1, c2, c3] = pool.checkpoints as [number, number, number];
    await pool.whenWarm();
    expect(pool.stats().workers.map((w) => w.step)).toEqual([c2, c1, c3]); // the biggest gap first
    // Paused workers keep a small young generation (engine-host.ts, CHECKPOINT_YOUNG_MB).
    for (const { threadId } of pool.stats().workers)
      expect(alive.get(threadId)!.resourceLimits?.maxYoungGenerationSizeMb).toBe(4);
    const served = spyOnSeeks(pool);
    const servable: number[] = [];
    const last = result.stepCount - 1;
    // Forward and backward, at and around checkpoints, the first and the last step (each one
    // a miss of the host's cache but c1 + 1, in the window of c1, and the last step, which the
    // run captured itself).
    const steps = [0, c1, c1 + 1, c2 + 37, c1 - 1, last, c3, c3 - 1, c2, 40, c2 + 200, c2 - 30, 30];
    for (const step of steps) {
      await pool.whenWarm(); // every worker started, spread out again after the last seek
      const paused = pool.stats().workers.filter((w) => w.state === 'paused');
      if (step !== c1 + 1 && step !== last && paused.some((w) => w.step <= step)) servable.push(step);
      const expected = await rerun.snapshot(step);
      const actual: Snapshot = await pooled.snapshot(step);
      expect(actual.step).toBe(step);
      expect(actual).toEqual(expected);
    }
    expect(served).toEqual(servable);
    expect(served).toEqual(expect.arrayContaining([c1, c2 + 37, c3, c3 - 1, c2]));
  }, 120_000);

  it('keeps the workers seeks ran on, and spreads them out again once seeks are quiet', async () => {
    const rerun = createHost(false);
    const pooled = createHost({ ...SETTINGS, refillDelayMs: 60_000 });
    const result = await rerun.run(PROGRAM);
    await pooled.run(PROGRAM);
    const pool = pooled.checkpointPool!;
    const [c1, c2, c3] = pool.checkpoints as [number, number, number];
    const last = result.stepCount - 1;
    await pool.whenWarm();
    // Each seek runs on from the worker below it and leaves it at the end of its window
    // (once the window is captured: the next seek would cut it short).
    const allPaused = () =>
      vi.waitFor(() => expect(pool.stats().workers.every((w) => w.state === 'paused')).toBe(true));
    for (const step of [last - 100, c3 - 1, c2 - 1]) {
      expect(await pooled.snapshot(step)).toEqual(await rerun.snapshot(step));
      await allPaused();
    }
    const steps = () =>
      pool
        .stats()
        .workers.map((w) => w.step)
        .sort((a, b) => a - b);
    expect(steps()).toEqual([c2 + 22, c3 + 22, last - 77]);
    // The half before c2 has no worker: one goes there, re-running from the start (whenWarm
    // starts the background work without waiting for quiet).
    await pool.whenWarm();
    expect(pool.stats().moves).toBeGreaterThan(0);
    const low = steps()[0]!;
    expect(low).toBeLessThan(c2);
    // Its snapshots are those of a re-run too (an isolate's runs of a program are identical).
    const served = spyOnSeeks(pool);
    for (const step of [low + 5, c1 - 3, c2 + 50, 2]) {
      expect(await pooled.snapshot(step)).toEqual(await rerun.snapshot(step));
    }
    expect(served).toContain(low + 5);
  }, 120_000);

  it('cancels the rest of a window nobody waits for once another seek comes', async () => {
    const rerun = createHost(false);
    const pooled = createHost({ ...SETTINGS, refillDelayMs: 60_000 });
    const { stepCount } = await rerun.run(PROGRAM);
    await pooled.run(PROGRAM);
    const pool = pooled.checkpointPool!;
    const [c1, c2] = pool.checkpoints as [number, number, number];
    await pool.whenWarm();
    // A window long enough (to the run's end) that the next seek comes while it is captured.
    const window = Array.from({ length: stepCount - 1 - c2 }, (_, i) => c2 + i);
    const first = pool.seek(c2, window)!;
    const firstWorker = pool.stats().workers.find((w) => w.state === 'seeking')!;
    const [firstSnapshot] = await first;
    // Another seek: its worker runs, the first one stops capturing and pauses.
    const second = pool.seek(c1 + 7, [c1 + 7, c1 + 8])!;
    expect(firstSnapshot).toEqual(await rerun.snapshot(c2));
    expect((await second)[0]).toEqual(await rerun.snapshot(c1 + 7));
    await vi.waitFor(() => expect(pool.stats().workers.every((w) => w.state === 'paused')).toBe(true));
    const stopped = pool.stats().workers.find((w) => w.threadId === firstWorker.threadId)!;
    expect(stopped.step).toBeLessThan(stepCount - 2);
    // A step of the cancelled window is served anew, by the worker it stopped at.
    const served = spyOnSeeks(pool);
    const again = stopped.step + 3;
    expect(await pooled.snapshot(again)).toEqual(await rerun.snapshot(again));
    expect(served).toEqual([again]);
  }, 120_000);

  it.each([
    ['PROGRAM', PROGRAM],
    ['PROGRAM2', PROGRAM2],
  ])(
    'serves step events with those a re-run from the start gives (%s)',
    async (_name, program) => {
      const rerun = createHost(false);
      const pooled = createHost(SETTINGS);
      const { stepCount } = await rerun.run(program);
      expect((await pooled.run(program)).stepCount).toBe(stepCount);
      const pool = pooled.checkpointPool!;
      const [c1, c2, c3] = pool.checkpoints as [number, number, number];
      const last = stepCount - 1;
      const served = spyOnStepEvents(pool);
      const servable: number[] = [];
      // At and around checkpoints, forward and backward; the last step has no next step for a
      // worker to pause at, and steps before c1 no worker: the host re-runs for those.
      const steps = [c1, c2 + 37, c2 + 38, c1 + 5, c3 - 1, last - 1, last, 12, c3, c2 + 250];
      for (const step of steps) {
        await pool.whenWarm();
        const paused = pool.stats().workers.filter((w) => w.state === 'paused');
        if (step < last && paused.some((w) => w.step <= step)) servable.push(step);
        const expected: StepEvents = await rerun.stepEvents(step);
        const actual = await pooled.stepEvents(step);
        expect(actual.step).toBe(step);
        expect(actual).toEqual(expected);
      }
      expect(served).toEqual(servable);
      expect(served).toEqual(expect.arrayContaining([c1, c2 + 37, c2 + 38, c3 - 1, last - 1, c3]));
      expect(served).not.toContain(last);
      // A snapshot after them is still the re-run's.
      expect(await pooled.snapshot(c2 + 40)).toEqual(await rerun.snapshot(c2 + 40));
    },
    120_000,
  );

  it('serves a seek while the host re-runs for step events, instead of waiting for them', async () => {
    const rerun = createHost(false);
    const pooled = createHost(SETTINGS);
    const { stepCount } = await rerun.run(PROGRAM);
    await pooled.run(PROGRAM);
    const pool = pooled.checkpointPool!;
    const [, c2] = pool.checkpoints as [number, number, number];
    await pool.whenWarm();
    const served = spyOnSeeks(pool);
    // The last step's events are the host's re-run (no next step for a checkpoint worker).
    const events = pooled.stepEvents(stepCount - 1);
    const snapshot = pooled.snapshot(c2 + 5);
    expect(served).toEqual([c2 + 5]); // asked of the pool at once, not once the events are in
    expect(await snapshot).toEqual(await rerun.snapshot(c2 + 5));
    expect(await events).toEqual(await rerun.stepEvents(stepCount - 1));
    // A new run drops a snapshot the pool is still serving.
    const events2 = pooled.stepEvents(stepCount - 3);
    const dropped = pooled.snapshot(c2 + 300);
    const droppedStopped = expect(dropped).rejects.toMatchObject({ name: 'Stopped' });
    const events2Stopped = expect(events2).rejects.toMatchObject({ name: 'Stopped' });
    await pooled.run(PROGRAM);
    await droppedStopped;
    await events2Stopped;
  }, 120_000);

  it('ends its threads on Stop, on a new run and on dispose', async () => {
    const host = createHost(SETTINGS);
    await host.run(PROGRAM);
    await host.checkpointPool!.whenWarm();
    expect(alive.size).toBe(1 + 3);
    // A new run ends the pool at once; Stop ends the run.
    const endless = host.run('while True:\n    pass\n');
    await vi.waitFor(() => expect(alive.size).toBe(1));
    // The handler is attached before Stop rejects the run, or the rejection is unhandled for a moment.
    const endlessStopped = expect(endless).rejects.toMatchObject({ name: 'Stopped' });
    await host.stop();
    await endlessStopped;
    expect(alive.size).toBe(1); // the fresh engine Stop warms
    // Stopping a seek in a checkpoint worker: a fresh pool replaces the old one.
    await host.run(PROGRAM);
    const pool = host.checkpointPool!;
    await pool.whenWarm();
    const before = new Set(alive.keys());
    const seek = host.snapshot(pool.checkpoints[2]! + 100);
    const seekStopped = expect(seek).rejects.toMatchObject({ name: 'Stopped' });
    await host.stop();
    await seekStopped;
    await host.checkpointPool!.whenWarm();
    expect(host.checkpointPool).not.toBe(pool);
    expect(alive.size).toBe(1 + 3);
    expect([...alive.keys()].filter((id) => before.has(id))).toHaveLength(1); // the host's own
    // A short run gets no pool.
    await host.run('x = 1\n');
    await vi.waitFor(() => expect(alive.size).toBe(1));
    await host.dispose();
    await vi.waitFor(() => expect(alive.size).toBe(0));
  }, 120_000);

  it('falls back to a re-run when a checkpoint worker crashes', async () => {
    const rerun = createHost(false);
    const pooled = createHost(SETTINGS);
    await rerun.run(PROGRAM);
    await pooled.run(PROGRAM);
    const pool = pooled.checkpointPool!;
    await pool.whenWarm();
    const served = spyOnSeeks(pool);
    const step = pool.checkpoints[1]! + 50;
    const victim = pool.stats().workers.find((w) => w.step === pool.checkpoints[1])!;
    // Killed while the pool still counts it as paused: the seek goes to a dying thread.
    void alive.get(victim.threadId)!.terminate();
    const actual = await pooled.snapshot(step);
    expect(served).toEqual([step]);
    expect(actual).toEqual(await rerun.snapshot(step));
    // So do step events.
    const eventsServed = spyOnStepEvents(pool);
    const eventsStep = pool.checkpoints[2]! + 10;
    const other = pool.stats().workers.find((w) => w.step === pool.checkpoints[2])!;
    void alive.get(other.threadId)!.terminate();
    const events = await pooled.stepEvents(eventsStep);
    expect(eventsServed).toEqual([eventsStep]);
    expect(events).toEqual(await rerun.stepEvents(eventsStep));
    // The pool replaces it in the background.
    await vi.waitFor(
      () => expect(pool.stats().workers.some((w) => w.step === pool.checkpoints[1])).toBe(true),
      {
        timeout: 30_000,
      },
    );
  }, 120_000);
});
