/**
 * The events of the current step (`LabApi.stepEvents`), fetched when the "This step" list is
 * shown and the step stays put for a moment: each costs running the program to that step (from
 * the nearest paused checkpoint worker, or from the start), so passing over steps (holding F10,
 * dragging the slider) asks for none of them. Answers for a step or a run that is no longer
 * current are dropped; the ones seen are kept for the run.
 */

import { useEffect, useState } from 'react';
import type { LabApi, StepEvents } from '../shared/lab-api';

/** How long the step must stay put before its events are asked for. */
export const SETTLE_MS = 150;
const KEPT = 64;

export type StepEventsState =
  | { status: 'idle' }
  | { status: 'loading'; step: number }
  | { status: 'ready'; step: number; events: StepEvents }
  | { status: 'error'; step: number; message: string };

/**
 * `run` identifies the run the steps belong to (a new value forgets what was fetched); `step`
 * is null without a timeline; nothing is fetched while `enabled` is false.
 */
export function useStepEvents(
  lab: Pick<LabApi, 'stepEvents'>,
  run: unknown,
  step: number | null,
  enabled: boolean,
): StepEventsState {
  // What was fetched for this run, by step: the events, or why they could not be had.
  const [seen, setSeen] = useState<{ run: unknown; entries: Map<number, Fetched> }>({
    run,
    entries: new Map(),
  });
  const entries = seen.run === run ? seen.entries : undefined;
  const known = step === null ? undefined : entries?.get(step);

  useEffect(() => {
    if (!enabled || step === null || known !== undefined) return;
    let current = true;
    const keep = (fetched: Fetched) =>
      setSeen((s) => {
        const next = new Map(s.run === run ? s.entries : undefined);
        next.set(step, fetched);
        if (next.size > KEPT) next.delete(next.keys().next().value!);
        return { run, entries: next };
      });
    const timer = setTimeout(() => {
      lab.stepEvents(step).then(
        (events) => keep({ events }),
        // A request dropped for a newer one (Stopped) is not an answer: ask again when shown.
        (error: unknown) => {
          if (current && !(error instanceof Error && error.name === 'Stopped'))
            keep({ message: error instanceof Error ? error.message : String(error) });
        },
      );
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [lab, run, step, enabled, known]);

  if (!enabled || step === null) return { status: 'idle' };
  if (known === undefined) return { status: 'loading', step };
  return 'events' in known
    ? { status: 'ready', step, events: known.events }
    : { status: 'error', step, ...known };
}

type Fetched = { events: StepEvents } | { message: string };
