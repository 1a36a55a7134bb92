import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { runSource } from '../core';
import type { Snapshot, StepEvents } from '../shared/lab-api';
import { serveCheckpoint, TAIL_CHUNK } from './checkpoint-run';
import type { CheckpointCommand, CheckpointRequest, WorkerToHost } from './engine-protocol';
import { CHECKPOINT_TEST_PROGRAM } from './checkpoint-test-program';

const PROGRAM = CHECKPOINT_TEST_PROGRAM;

const channels: MessageChannel[] = [];
afterEach(() => channels.splice(0).forEach(({ port1 }) => port1.close()));

/**
 * Serves a checkpoint request at `step` in this thread, its commands queued beforehand (so
 * the paused run never has to wait for one); the last command runs past the end of the
 * program, which ends the run with a failure.
 */
function serve(step: number, commands: CheckpointCommand[], cancelled = 0): WorkerToHost[] {
  const channel = new MessageChannel();
  channels.push(channel);
  for (const command of commands) channel.port1.postMessage(command);
  const signal = new SharedArrayBuffer(8);
  // The seq whose window's rest the host cancelled (checkpoint-pool.ts), here from the start.
  new Int32Array(signal)[1] = cancelled;
  const request: CheckpointRequest = {
    type: 'checkpoint',
    seq: 1,
    source: PROGRAM,
    options: { filename: 'main.py' },
    step,
    signal,
    hold: new SharedArrayBuffer(4),
    commands: channel.port2,
  };
  const posted: WorkerToHost[] = [];
  serveCheckpoint(request, runSource, (message) => posted.push(message));
  return posted;
}

const rerun = (steps: number[]): Snapshot[] =>
  runSource(PROGRAM, { filename: 'main.py', snapshotSteps: steps }).snapshots!;

describe('serveCheckpoint', () => {
  it('pauses at its checkpoint, seeks on, and moves back by re-running from the start', () => {
    const posted = serve(1000, [
      { type: 'seek', seq: 2, step: 1500, steps: [1500, 1501, 1502] },
      { type: 'move', seq: 3, step: 200 },
      { type: 'seek', seq: 4, step: 300, steps: [300, 301] },
      { type: 'move', seq: 5, step: 600 },
      { type: 'move', seq: 6, step: 1e9 },
    ]);
    const summary = posted.map((m) =>
      m.type === 'snapshot'
        ? `${m.seq} snapshots ${m.snapshots.map((s) => s.step).join(',')}`
        : `${m.seq} ${m.type}`,
    );
    expect(summary).toEqual([
      '1 paused',
      '2 snapshots 1500', // the one asked for at once, the rest of the window as it pauses
      '2 snapshots 1501,1502',
      '2 paused',
      '3 paused',
      '4 snapshots 300',
      '4 snapshots 301',
      '4 paused',
      '5 paused',
      '6 failure',
    ]);
    const steps = posted.flatMap((m) => (m.type === 'paused' ? [m.step] : []));
    expect(steps).toEqual([1000, 1502, 200, 301, 600]);
    const snapshots = posted.flatMap((m) => (m.type === 'snapshot' ? m.snapshots : []));
    expect(snapshots).toEqual([...rerun([1500, 1501, 1502]), ...rerun([300, 301])]);
  });

  it('posts the rest of a window a few snapshots at a time, and stops it when the host cancels it', () => {
    const window = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
    const summary = (posted: WorkerToHost[]) =>
      posted.map((m) =>
        m.type === 'snapshot'
          ? `${m.seq} snapshots ${m.snapshots.map((s) => s.step).join(',')}`
          : m.type === 'paused'
            ? `${m.seq} paused ${m.step}`
            : `${m.seq} ${m.type}`,
      );
    const commands: CheckpointCommand[] = [
      { type: 'seek', seq: 2, step: 1500, steps: window(1500, 10) },
      // Behind: the step asked for is the window's last, nothing comes after it to cancel.
      { type: 'seek', seq: 3, step: 1600, steps: window(1595, 6) },
      { type: 'move', seq: 4, step: 1e9 },
    ];
    expect(TAIL_CHUNK).toBe(4);
    const whole = serve(1000, commands);
    expect(summary(whole)).toEqual([
      '1 paused 1000',
      '2 snapshots 1500',
      '2 snapshots 1501,1502,1503,1504',
      '2 snapshots 1505,1506,1507,1508',
      '2 snapshots 1509',
      '2 paused 1509',
      '3 snapshots 1595,1596,1597,1598,1599,1600',
      '3 paused 1600',
      '4 failure',
    ]);
    const snapshots = whole.flatMap((m) => (m.type === 'snapshot' ? m.snapshots : []));
    expect(snapshots).toEqual([...rerun(window(1500, 10)), ...rerun(window(1595, 6))]);
    // The message with the step asked for says how long the seek ran and captured (bench-seek).
    const timings = whole.flatMap((m) => (m.type === 'snapshot' ? [m.timing] : []));
    expect(timings.map((t) => t !== undefined)).toEqual([true, false, false, false, true]);
    expect(timings[0]).toEqual({ runMs: expect.any(Number), captureMs: expect.any(Number) });
    // Seek 2's rest cancelled: the worker pauses at the first step after the one asked for,
    // posting nothing more; the next seek is served as before.
    const cancelled = serve(1000, commands, 2);
    expect(summary(cancelled)).toEqual([
      '1 paused 1000',
      '2 snapshots 1500',
      '2 paused 1501',
      '3 snapshots 1595,1596,1597,1598,1599,1600',
      '3 paused 1600',
      '4 failure',
    ]);
    expect(cancelled.flatMap((m) => (m.type === 'snapshot' ? m.snapshots : []))).toEqual([
      ...rerun([1500]),
      ...rerun(window(1595, 6)),
    ]);
  });

  it('records the step events a re-run gives, at its own step and further on, then pauses at the next step', () => {
    const stepEvents = (step: number): StepEvents =>
      runSource(PROGRAM, { filename: 'main.py', stepEvents: step }).stepEvents!;
    const posted = serve(1000, [
      { type: 'events', seq: 2, step: 1000 },
      { type: 'events', seq: 3, step: 1400 },
      { type: 'seek', seq: 4, step: 1402, steps: [1402] },
      { type: 'events', seq: 5, step: 1402 },
      { type: 'move', seq: 6, step: 30 },
      { type: 'events', seq: 7, step: 35 },
      { type: 'move', seq: 8, step: 1e9 },
    ]);
    const summary = posted.map((m) =>
      m.type === 'paused' ? `${m.seq} paused ${m.step}` : `${m.seq} ${m.type}`,
    );
    expect(summary).toEqual([
      '1 paused 1000',
      '2 stepEvents',
      '2 paused 1001',
      '3 stepEvents',
      '3 paused 1401',
      '4 snapshot',
      '4 paused 1402',
      '5 stepEvents',
      '5 paused 1403',
      '6 paused 30',
      '7 stepEvents',
      '7 paused 36',
      '8 failure',
    ]);
    const events = posted.flatMap((m) => (m.type === 'stepEvents' ? [m.events] : []));
    expect(events.map((e) => e.step)).toEqual([1000, 1400, 1402, 35]);
    expect(events).toEqual([1000, 1400, 1402, 35].map(stepEvents));
    // The snapshot taken in between is unchanged by the recording around it.
    const snapshots = posted.flatMap((m) => (m.type === 'snapshot' ? m.snapshots : []));
    expect(snapshots).toEqual(rerun([1402]));
  });
});
