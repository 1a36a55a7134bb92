/**
 * Keeps the open experiment's step and view state in step with the views, both ways:
 *
 * - the person moves the step, selects an object, drags the graph's nodes, folds shared values
 *   or changes the layout: the experiment notes it (`updateView`), and its autosaver saves it a
 *   moment later;
 * - an experiment opens (also the one reopened after a reload): if it was left while looking at
 *   a run, its program runs again (runs are deterministic) and the timeline lands on its step
 *   (the last one if the run is now shorter), with its selection, and the graph puts the
 *   step's nodes back where they were.
 *
 * While an experiment is being restored, what the views go through on the way (no timeline,
 * no selection, a fresh layout) is not a change of the person's and is not saved.
 */

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { GraphPersistence, GraphRestore } from './graph/ReferenceGraph';
import { isActive } from './run-state';
import type { Experiments } from './use-experiments';
import type { LabRun } from './use-lab-run';
import type { LabViews } from './use-lab-views';
import {
  needsRunToRestore,
  parseViewState,
  positionsToSave,
  sameViewState,
  toViewState,
  DEFAULT_VIEW_STATE,
  type LabViewState,
} from './view-state';

interface PendingRestore {
  step: number;
  state: LabViewState;
}

export function useSavedView(
  experiments: Pick<Experiments, 'document' | 'current' | 'updateView'>,
  views: Pick<LabViews, 'timeline' | 'selected' | 'select' | 'restoreRun'>,
  run: Pick<LabRun, 'state' | 'stop' | 'reset'>,
): GraphPersistence {
  const { updateView } = experiments;
  const { timeline, selected, select, restoreRun } = views;
  const { close } = timeline;
  const { stop, reset } = run;
  const active = isActive(run.state.status);
  const [restore, setRestore] = useState<GraphRestore | null>(null);
  // The open experiment's view state as the views have it now.
  const viewState = useRef<LabViewState>(DEFAULT_VIEW_STATE);
  const restoring = useRef(false);
  const pending = useRef<PendingRestore | null>(null);
  /** The restore of the experiment opened last: only its end ends `restoring`. */
  const latestRestore = useRef<PendingRestore | null>(null);
  const [pendingCount, setPendingCount] = useState(0);
  const restoreCount = useRef(0);
  // Read when another experiment opens; the effect must not run again when they change. Kept
  // by a layout effect: the one below, also a layout effect, reads them in the same commit.
  const latest = useRef({ current: experiments.current, active });
  useLayoutEffect(() => {
    latest.current = { current: experiments.current, active };
  });

  /** Comes back to `wanted`; no run may be under way. */
  const restoreNow = useCallback(
    (wanted: PendingRestore) => {
      // The last run (of the experiment that was open) describes another program.
      close();
      reset();
      select(null);
      if (!needsRunToRestore(wanted.step, wanted.state)) {
        restoring.current = false;
        return;
      }
      void restoreRun(wanted.step, wanted.state.selected).finally(() => {
        // Unless yet another experiment opened meanwhile.
        if (pending.current === null && latestRestore.current === wanted) restoring.current = false;
      });
    },
    [close, reset, select, restoreRun],
  );
  const restoreNowRef = useRef(restoreNow);
  useLayoutEffect(() => {
    restoreNowRef.current = restoreNow;
  });

  const change = useCallback(
    (part: Partial<LabViewState>) => {
      const before = toViewState(viewState.current);
      viewState.current = { ...viewState.current, ...part };
      const after = toViewState(viewState.current);
      if (!sameViewState(before, after)) updateView({ viewState: after });
    },
    [updateView],
  );

  // Another experiment opened (or the first one, at start): come back to its view. A layout
  // effect, right after the new editor is made: its run starts before the browser paints.
  const documentKey = experiments.document?.key;
  useLayoutEffect(() => {
    const open = latest.current.current;
    if (documentKey === undefined || open === undefined) return;
    const saved = parseViewState(open.viewState);
    const needsRun = needsRunToRestore(open.step, saved);
    viewState.current = saved;
    restoring.current = true;
    const wanted = { step: open.step, state: saved };
    latestRestore.current = wanted;
    setRestore({
      key: ++restoreCount.current,
      foldShared: saved.foldShared,
      layout: saved.layout,
      seed: needsRun ? { step: open.step, positions: saved.positions } : null,
    });
    if (!latest.current.active) {
      pending.current = null;
      restoreNowRef.current(wanted);
      return;
    }
    // A run of the program that was open would land in this one's views: it ends first.
    pending.current = wanted;
    stop();
    setPendingCount((n) => n + 1);
  }, [documentKey, stop]);

  // The person's changes; what the views pass through while a restore is under way is skipped.
  const step = timeline.step;
  useEffect(() => {
    if (!restoring.current && step !== null) updateView({ step });
  }, [step, updateView]);

  useEffect(() => {
    if (!restoring.current) change({ selected });
  }, [selected, change]);

  // A restore that waited for a run to end.
  useEffect(() => {
    const wanted = pending.current;
    if (wanted === null || active) return;
    pending.current = null;
    restoreNow(wanted);
  }, [active, pendingCount, restoreNow]);

  const onChange = useCallback<GraphPersistence['onChange']>(
    ({ positions, foldShared, layout }) => {
      const part: Partial<LabViewState> = {};
      if (positions !== undefined) {
        if (restoring.current) return;
        part.positions = positionsToSave(...positions);
      }
      if (foldShared !== undefined) part.foldShared = foldShared;
      if (layout !== undefined) part.layout = layout;
      change(part);
    },
    [change],
  );

  return useMemo(() => ({ restore, onChange }), [restore, onChange]);
}
