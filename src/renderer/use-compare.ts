/**
 * "Compare with CPython": asks once whether the machine has a CPython 3.11, and runs a program
 * there to compare with the lab's run of the same program.
 */

import { useCallback, useEffect, useRef, useState } from 'react';
import type { CPythonStatus, LabApi, RunResult } from '../shared/lab-api';
import { compareOutputs, type Comparison } from './compare';

export type CompareState =
  | { status: 'idle' }
  | { status: 'running'; phase: 'lab' | 'cpython' }
  | { status: 'done'; comparison: Comparison }
  | { status: 'failed'; message: string };

export interface Compare {
  /** Undefined until the main process has answered. */
  availability: CPythonStatus | undefined;
  state: CompareState;
  /**
   * Compares `source`: `labRun` gives the lab's result (the finished run of the same program,
   * or a new run), then the program runs in CPython.
   */
  compare(source: string, labRun: () => Promise<RunResult | undefined>): void;
  /** Asks again whether CPython can be used (after the preferences chose another interpreter). */
  refresh(): void;
}

export function useCompare(lab: LabApi): Compare {
  const [availability, setAvailability] = useState<CPythonStatus | undefined>();
  const [state, setState] = useState<CompareState>({ status: 'idle' });
  const current = useRef(0);
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    let live = true;
    const ask = () =>
      lab.cpythonStatus().then(
        (status) => live && setAvailability(status),
        (error: unknown) =>
          live &&
          setAvailability({ available: false, reason: `The lab could not tell: ${messageOf(error)}` }),
      );
    void ask();
    // Another window or tab may have chosen another interpreter in the preferences: ask again on
    // coming back (the main process remembers its answer, so this costs no process).
    window.addEventListener('focus', ask);
    return () => {
      live = false;
      window.removeEventListener('focus', ask);
    };
  }, [lab, asked]);

  const refresh = useCallback(() => {
    current.current++; // a comparison under way belongs to the old interpreter: forget it
    setAvailability(undefined);
    setState({ status: 'idle' });
    setAsked((n) => n + 1);
  }, []);

  const compare = useCallback(
    (source: string, labRun: () => Promise<RunResult | undefined>) => {
      const token = ++current.current;
      const update = (next: CompareState) => {
        if (token === current.current) setState(next);
      };
      update({ status: 'running', phase: 'lab' });
      void (async () => {
        try {
          const ours = await labRun();
          if (!ours) {
            update({
              status: 'failed',
              message: 'The lab’s run did not finish, so there is nothing to compare.',
            });
            return;
          }
          update({ status: 'running', phase: 'cpython' });
          const theirs = await lab.runInCPython(source);
          update({ status: 'done', comparison: compareOutputs(ours, theirs) });
        } catch (error) {
          update({ status: 'failed', message: messageOf(error) });
        }
      })();
    },
    [lab],
  );

  return { availability, state, compare, refresh };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
