/**
 * Time travel over the last finished run: the current step, and the Snapshot of the memory
 * there (fetched by a SnapshotLoader: one request at a time, the latest step wanted first).
 */

import { useCallback, useState } from 'react';
import type { LabApi, RunResult, Snapshot, TraceStep } from '../shared/lab-api';
import { SnapshotLoader } from './snapshot-loader';

export interface Timeline {
  /** Steps of the run that can be explored; 0 when there is none (before a run, while running). */
  count: number;
  /** The current step (0-based), or null without a timeline. */
  step: number | null;
  /** What happens at the current step: from the step list, or from its snapshot without one. */
  current: Pick<TraceStep, 'event' | 'line' | 'func'> | undefined;
  /** The snapshot of the current step, or the previous one while it loads (`loading`). */
  snapshot: Snapshot | null;
  loading: boolean;
  /** Why the current step's snapshot could not be had. */
  error: string | undefined;
  isLast: boolean;
  /** A run finished: explore it, starting at step `at` (within the run), by default its last. */
  open(result: RunResult, at?: number): void;
  /** A run started (or failed): there is nothing to explore. */
  close(): void;
  goTo(step: number): void;
  stepBy(delta: number): void;
}

interface TimelineState {
  count: number;
  steps: TraceStep[] | undefined;
  step: number | null;
  snapshot: Snapshot | null;
  error: string | undefined;
}

const CLOSED: TimelineState = { count: 0, steps: undefined, step: null, snapshot: null, error: undefined };

/** `lab` is read once: the window's LabApi does not change. */
export function useTimeline(lab: LabApi): Timeline {
  const [state, setState] = useState<TimelineState>(CLOSED);
  const [loader] = useState(
    () =>
      new SnapshotLoader(lab, (at, outcome) =>
        setState((s) =>
          s.step !== at
            ? s
            : 'snapshot' in outcome
              ? { ...s, snapshot: outcome.snapshot, error: undefined }
              : { ...s, error: outcome.error },
        ),
      ),
  );

  const goTo = useCallback(
    (target: number) => {
      const wanted = loader.want(target);
      if (!wanted) return;
      const { step, snapshot } = wanted;
      setState((s) => ({ ...s, step, snapshot: snapshot ?? s.snapshot, error: undefined }));
    },
    [loader],
  );

  const stepBy = useCallback(
    (delta: number) => {
      if (loader.wanted !== null) goTo(loader.wanted + delta);
    },
    [loader, goTo],
  );

  const open = useCallback(
    (result: RunResult, at = result.stepCount - 1) => {
      loader.reset(result.stepCount);
      setState({ ...CLOSED, count: result.stepCount, steps: result.steps });
      goTo(at);
    },
    [loader, goTo],
  );

  const close = useCallback(() => {
    loader.reset(0);
    setState(CLOSED);
  }, [loader]);

  const { step, snapshot, error, steps } = state;
  const current =
    step === null ? undefined : (steps?.[step] ?? (snapshot?.step === step ? snapshot : undefined));
  return {
    count: state.count,
    step,
    current,
    snapshot,
    loading: step !== null && snapshot?.step !== step && !error,
    error,
    isLast: step !== null && step === state.count - 1,
    open,
    close,
    goTo,
    stepBy,
  };
}
