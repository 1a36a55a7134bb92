import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../shared/lab-api';
import { CACHE_SIZE, SnapshotLoader, type SnapshotOutcome } from './snapshot-loader';

/** A LabApi.snapshot whose answers the test releases one by one. */
function manualLab() {
  const pending: { step: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  const asked: number[] = [];
  return {
    asked,
    pending,
    snapshot(step: number): Promise<Snapshot> {
      asked.push(step);
      return new Promise((resolve, reject) => {
        pending.push({ step, resolve: () => resolve({ step } as Snapshot), reject });
      });
    },
    async answer(): Promise<void> {
      pending.shift()!.resolve();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

function loaderWith(lab: ReturnType<typeof manualLab>, count = 100) {
  const delivered: [number, SnapshotOutcome][] = [];
  const loader = new SnapshotLoader(lab, (step, outcome) => delivered.push([step, outcome]));
  loader.reset(count);
  return { loader, delivered };
}

describe('SnapshotLoader', () => {
  it('has one request in flight and asks for the step wanted last next, skipping those between', async () => {
    const lab = manualLab();
    const { loader, delivered } = loaderWith(lab);
    loader.want(1);
    loader.want(2);
    loader.want(3);
    loader.want(4);
    expect(lab.asked).toEqual([1]);
    await lab.answer();
    expect(lab.asked).toEqual([1, 4]);
    await lab.answer();
    expect(delivered).toEqual([[4, { snapshot: { step: 4 } }]]);
  });

  it('answers a step seen before at once, without asking the engine', async () => {
    const lab = manualLab();
    const { loader } = loaderWith(lab);
    loader.want(5);
    await lab.answer();
    expect(loader.want(5)).toEqual({ step: 5, snapshot: { step: 5 } });
    expect(lab.asked).toEqual([5]);
  });

  it('brings the step within the timeline, and does nothing without one', () => {
    const lab = manualLab();
    const { loader } = loaderWith(lab, 10);
    expect(loader.want(99)).toEqual({ step: 9, snapshot: undefined });
    expect(loader.want(-3)?.step).toBe(0);
    loader.reset(0);
    expect(loader.want(1)).toBeNull();
  });

  it('delivers an error for the step wanted', async () => {
    const lab = manualLab();
    const { loader, delivered } = loaderWith(lab);
    loader.want(2);
    lab.pending.shift()!.reject(new Error('Busy'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(delivered).toEqual([[2, { error: 'Busy' }]]);
  });

  it('drops answers meant for a timeline that was replaced', async () => {
    const lab = manualLab();
    const { loader, delivered } = loaderWith(lab);
    loader.want(7);
    loader.reset(3);
    loader.want(1);
    expect(lab.asked).toEqual([7, 1]);
    await lab.answer(); // the old run's step 7
    await lab.answer();
    expect(delivered).toEqual([[1, { snapshot: { step: 1 } }]]);
  });

  it('keeps only the most recent snapshots', async () => {
    const lab = manualLab();
    const { loader } = loaderWith(lab, 1000);
    for (let step = 0; step <= CACHE_SIZE; step++) {
      loader.want(step);
      await lab.answer();
    }
    expect(loader.want(CACHE_SIZE)?.snapshot).toBeDefined();
    expect(loader.want(0)?.snapshot).toBeUndefined();
  });
});
