/**
 * Runs programs through `LabApi` and keeps the run's state. Each run gets a token: results and
 * events of a run that is no longer current never touch the state.
 */

import { useCallback, useReducer, useRef } from 'react';
import type { LabApi, RunResult } from '../shared/lab-api';
import { initialRunState, runReducer, type RunState } from './run-state';

export interface LabRun {
  state: RunState;
  /** Resolves with the result once the run ends; undefined when it did not start or did not finish. */
  run(source: string): Promise<RunResult | undefined>;
  stop(): void;
  /** Forgets the last finished run (another program was opened); no effect while one runs. */
  reset(): void;
}

export function useLabRun(lab: LabApi): LabRun {
  const [state, dispatch] = useReducer(runReducer, initialRunState);
  // Refs rather than state: a second Run pressed before React re-renders must see the first.
  const current = useRef(0);
  const active = useRef(false);

  const run = useCallback(
    (source: string): Promise<RunResult | undefined> => {
      if (active.current) return Promise.resolve(undefined);
      const token = ++current.current;
      active.current = true;
      const isCurrent = () => token === current.current;
      const settle = () => {
        if (isCurrent()) active.current = false;
      };
      dispatch({ type: 'start', at: performance.now(), source });
      return lab
        .run(source, (event) => {
          if (isCurrent()) dispatch({ type: 'event', event });
        })
        .then(
          (result) => {
            if (isCurrent()) dispatch({ type: 'finished', result, at: performance.now() });
            return result;
          },
          (error: unknown) => {
            const message = error instanceof Error ? error.message : String(error);
            if (isCurrent()) dispatch({ type: 'failed', message, at: performance.now() });
            return undefined;
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

  const reset = useCallback(() => {
    if (!active.current) dispatch({ type: 'reset' });
  }, []);

  return { state, run, stop, reset };
}
