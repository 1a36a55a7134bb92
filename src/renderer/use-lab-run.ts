/**
 * Runs programs through `LabApi` and keeps the run's state. Each run gets a token: results and
 * events of a run that is no longer current never touch the state.
 */

import { useCallback, useReducer, useRef } from 'react';
import type { LabApi } from '../shared/lab-api';
import { initialRunState, runReducer, type RunState } from './run-state';

export interface LabRun {
  state: RunState;
  run(source: string): void;
  stop(): void;
}

export function useLabRun(lab: LabApi): LabRun {
  const [state, dispatch] = useReducer(runReducer, initialRunState);
  // Refs rather than state: a second Run pressed before React re-renders must see the first.
  const current = useRef(0);
  const active = useRef(false);

  const run = useCallback(
    (source: string) => {
      if (active.current) return;
      const token = ++current.current;
      active.current = true;
      const isCurrent = () => token === current.current;
      const settle = () => {
        if (isCurrent()) active.current = false;
      };
      dispatch({ type: 'start', at: performance.now() });
      lab
        .run(source, (event) => {
          if (isCurrent()) dispatch({ type: 'event', event });
        })
        .then(
          (result) => {
            if (isCurrent()) dispatch({ type: 'finished', result, at: performance.now() });
          },
          (error: unknown) => {
            const message = error instanceof Error ? error.message : String(error);
            if (isCurrent()) dispatch({ type: 'failed', message, at: performance.now() });
          },
        )
        .finally(settle);
    },
    [lab],
  );

  const stop = useCallback(() => {
    if (!active.current) return;
    dispatch({ type: 'stop-requested' });
    lab.stop().catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      dispatch({ type: 'failed', message: `Stop failed: ${message}`, at: performance.now() });
    });
  }, [lab]);

  return { state, run, stop };
}
