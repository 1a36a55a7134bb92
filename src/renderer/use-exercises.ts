/**
 * The lab exercises, over `LabApi.exercises`: the list with progress, the open exercise (played
 * in its own experiment, which opens in the editor), checking an answer, hints, giving up,
 * resetting, and jumping to the step that shows the answer (running the exercise's program first
 * when the timeline is not of it).
 */

import type { EditorView } from '@codemirror/view';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Exercise, ExerciseAnswer, ExerciseCheck, ExerciseId, ExerciseList } from '../shared/exercise';
import type { LabApi } from '../shared/lab-api';
import type { LabRun } from './use-lab-run';
import type { Experiments } from './use-experiments';
import type { LabViews } from './use-lab-views';

export interface OpenExercise {
  exercise: Exercise;
  /** The result of the last check (or giving up) in this visit. */
  check: ExerciseCheck | undefined;
  /** How many hints are shown. */
  hintsShown: number;
}

export interface Exercises {
  list: ExerciseList | undefined;
  /** Solved exercises, for the toolbar and the progress bar. */
  solved: number;
  open: OpenExercise | undefined;
  /** An error of the last action, shown in the panel. */
  error: string | undefined;
  busy: boolean;
  openExercise(id: ExerciseId): void;
  closeExercise(): void;
  submit(answer: ExerciseAnswer): void;
  showHint(): void;
  reveal(): void;
  reset(id?: ExerciseId): void;
  /** Goes to the step that shows the answer, running the program first if needed. */
  showStep(): void;
}

const OPEN_KEY = 'pymem-lab.exercise';
const SIDEBAR_KEY = 'pymem-lab.sidebar';

export type Sidebar = 'experiments' | 'exercises';

/** Which panel the sidebar shows, remembered per browser. */
export function useSidebar(): [Sidebar, (sidebar: Sidebar) => void] {
  const [sidebar, setSidebar] = useState<Sidebar>(() => {
    try {
      return localStorage.getItem(SIDEBAR_KEY) === 'exercises' ? 'exercises' : 'experiments';
    } catch {
      return 'experiments';
    }
  });
  const choose = useCallback((next: Sidebar) => {
    setSidebar(next);
    try {
      localStorage.setItem(SIDEBAR_KEY, next);
    } catch {
      // Storage can be disabled: the choice then lasts until the page reloads.
    }
  }, []);
  return [sidebar, choose];
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function remember(id: ExerciseId | undefined): void {
  try {
    if (id === undefined) localStorage.removeItem(OPEN_KEY);
    else localStorage.setItem(OPEN_KEY, id);
  } catch {
    // Storage can be disabled: the list opens next time.
  }
}

function recall(): ExerciseId | undefined {
  try {
    return localStorage.getItem(OPEN_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function useExercises(
  lab: LabApi,
  experiments: Experiments,
  views: LabViews,
  { state: run, reset: resetRun }: Pick<LabRun, 'state' | 'reset'>,
  /** The editor's view, when there is one. */
  getView: () => EditorView | null,
  /** Whether the panel is shown: the list is fetched the first time it is. */
  visible: boolean,
): Exercises {
  const api = lab.exercises;
  const [list, setList] = useState<ExerciseList>();
  const [open, setOpen] = useState<OpenExercise>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // The exercise wanted last: answers for one the person already left are dropped.
  const wanted = useRef<ExerciseId | undefined>(undefined);
  const { open: openExperiment } = experiments;
  const { loadSample, runProgram, timeline } = views;
  const closeTimeline = timeline.close;
  // Read when an exercise opens (after an await): the latest run's program, not a stale render's.
  const runSource = useRef(run.source);
  useEffect(() => {
    runSource.current = run.source;
  }, [run.source]);

  const refreshList = useCallback(async () => {
    try {
      setList(await api.list());
    } catch (error) {
      setError(messageOf(error));
    }
  }, [api]);

  const act = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (error) {
      setError(messageOf(error));
    } finally {
      setBusy(false);
    }
  }, []);

  const openExercise = useCallback(
    (id: ExerciseId) => {
      wanted.current = id;
      remember(id);
      void act(async () => {
        const exercise = await api.get(id);
        if (wanted.current !== id) return;
        setOpen({ exercise, check: undefined, hintsShown: 0 });
        // Played in its own experiment (a new one the first time); without a store, in the editor.
        const { experimentId } = await api.open(id);
        if (wanted.current !== id) return;
        // The last run's views would describe another program: start from no run.
        if (runSource.current !== exercise.source) {
          closeTimeline();
          resetRun();
        }
        if (experimentId !== null) openExperiment(experimentId);
        else
          loadSample({
            id: `exercise-${id}`,
            title: exercise.title,
            summary: exercise.goal,
            source: exercise.source,
          });
        await refreshList();
      });
    },
    [act, api, openExperiment, loadSample, refreshList, closeTimeline, resetRun],
  );

  const closeExercise = useCallback(() => {
    wanted.current = undefined;
    remember(undefined);
    setOpen(undefined);
    setError(undefined);
  }, []);

  // The list when the panel is first shown, and the exercise that was open last time.
  const started = useRef(false);
  useEffect(() => {
    if (!visible || started.current) return;
    started.current = true;
    void refreshList();
    const last = recall();
    if (last !== undefined) {
      wanted.current = last;
      void api
        .get(last)
        .then((exercise) => {
          if (wanted.current === last) setOpen({ exercise, check: undefined, hintsShown: 0 });
        })
        .catch(() => remember(undefined));
    }
  }, [visible, api, refreshList]);

  const applyCheck = useCallback(
    (id: ExerciseId, check: ExerciseCheck) => {
      if (wanted.current !== id) return;
      setOpen((current) =>
        current && current.exercise.id === id
          ? {
              ...current,
              check,
              exercise: {
                ...current.exercise,
                progress: check.progress,
                ...(check.solution && { solution: check.solution }),
              },
            }
          : current,
      );
      void refreshList();
    },
    [refreshList],
  );

  const submit = useCallback(
    (answer: ExerciseAnswer) => {
      const id = open?.exercise.id;
      if (id === undefined) return;
      void act(async () => applyCheck(id, await api.check(id, answer)));
    },
    [act, api, applyCheck, open?.exercise.id],
  );

  const reveal = useCallback(() => {
    const id = open?.exercise.id;
    if (id === undefined) return;
    void act(async () => applyCheck(id, await api.reveal(id)));
  }, [act, api, applyCheck, open?.exercise.id]);

  const showHint = useCallback(() => {
    setOpen((current) =>
      current
        ? { ...current, hintsShown: Math.min(current.hintsShown + 1, current.exercise.hints.length) }
        : current,
    );
  }, []);

  const reset = useCallback(
    (id?: ExerciseId) => {
      void act(async () => {
        await api.reset(id);
        const openId = wanted.current;
        if (openId !== undefined && (id === undefined || id === openId)) {
          const exercise = await api.get(openId);
          if (wanted.current === openId) setOpen({ exercise, check: undefined, hintsShown: 0 });
        }
        await refreshList();
      });
    },
    [act, api, refreshList],
  );

  // Jumping to a step may need a run first: the jump waits for that run's timeline.
  const pendingJump = useRef<{ source: string; step: number } | null>(null);
  const solution = open?.exercise.solution;
  const source = open?.exercise.source;
  const showStep = useCallback(() => {
    if (!solution || source === undefined) return;
    const step = solution.visibleStep;
    const view = getView();
    if (!view) return;
    if (view.state.doc.toString() !== source) {
      // The person changed the program: the step belongs to the exercise's (one undoable edit).
      loadSample({ id: 'exercise', title: '', summary: '', source });
    } else if (run.status === 'finished' && run.source === source && timeline.count > step) {
      timeline.goTo(step);
      return;
    }
    pendingJump.current = { source, step };
    runProgram();
  }, [solution, source, getView, loadSample, run.status, run.source, timeline, runProgram]);

  useEffect(() => {
    const jump = pendingJump.current;
    if (!jump || run.status === 'running' || run.status === 'stopping' || run.status === 'idle') return;
    if (run.status === 'finished' && run.source === jump.source) {
      // The timeline opens just after the run's state says finished: wait for it.
      if (timeline.count <= jump.step) return;
      timeline.goTo(jump.step);
    }
    pendingJump.current = null;
  }, [run.status, run.source, timeline]);

  const solved = list?.exercises.filter((e) => e.progress?.solvedAt != null).length ?? 0;

  return {
    list,
    solved,
    open,
    error,
    busy,
    openExercise,
    closeExercise,
    submit,
    showHint,
    reveal,
    reset,
    showStep,
  };
}
