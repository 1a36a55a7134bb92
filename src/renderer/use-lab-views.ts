/**
 * What the memory views share, kept out of App so each view stays a plain component: the
 * timeline of the last run, the selected object (shared by the graph, the frames view and the
 * inspector), the editor's step and error marks, the console at the current step, and
 * "Compare with CPython".
 */

import type { EditorView } from '@codemirror/view';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MemorySeries } from '../core';
import type { LabApi, ObjectId, RunResult } from '../shared/lab-api';
import { decodeMemorySeries } from '../shared/memory-series';
import type { CentreTab } from './components/CentreArea';
import type { TimelineMark } from './components/TimelineMarks';
import { showErrorMark, showStepLine } from './editor-marks';
import { showProfileLine } from './editor-profile-line';
import type { OutputChunk, RunState } from './run-state';
import type { Sample } from './samples';
import { indexSnapshot, type SnapshotIndex } from './snapshot-index';
import { errorLocation, outputAtStep, stepLine } from './timeline';
import { useCompare, type Compare } from './use-compare';
import { useTimeline, type Timeline } from './use-timeline';
import { restoredStep } from './view-state';

export type ConsoleTab = 'output' | 'step' | 'cpython';

export interface LabViews {
  timeline: Timeline;
  index: SnapshotIndex | null;
  selected: ObjectId | null;
  select(id: ObjectId | null): void;
  /** The console's text at the current step (the whole output at the last step and while running). */
  output: { chunks: OutputChunk[]; droppedChars: number; atStep: number | null };
  compare: Compare;
  consoleTab: ConsoleTab;
  setConsoleTab(tab: ConsoleTab): void;
  /** The central panel's view: the graph or a memory view. */
  centreTab: CentreTab;
  setCentreTab(tab: CentreTab): void;
  /** Memory over time of the last finished run (decoded once), and its bucket (1: every step). */
  memory: { series: MemorySeries; bucket: number } | null;
  /** The line the memory profile marks in the editor. */
  profileLine: number | null;
  setProfileLine(line: number | null): void;
  /** The run's collections, for the timeline. */
  collectionMarks: TimelineMark[];
  /** Runs the editor's program; its timeline opens at the last step when it finishes. */
  runProgram(): void;
  /**
   * Runs the editor's program to come back to a saved view (an experiment reopened): its
   * timeline opens at step `at` (the last one if the run is shorter) with `selected` selected.
   * Resolves with whether the run finished and its timeline opened.
   */
  restoreRun(at: number, selected: ObjectId | null): Promise<boolean>;
  compareProgram(): void;
  loadSample(sample: Sample): void;
}

export function useLabViews(
  lab: LabApi,
  state: RunState,
  run: (source: string) => Promise<RunResult | undefined>,
  /** The editor's view, when there is one (it is replaced when another experiment opens). */
  getView: () => EditorView | null,
): LabViews {
  const timeline = useTimeline(lab);
  const compare = useCompare(lab);
  const [selected, setSelected] = useState<ObjectId | null>(null);
  const [consoleTab, setConsoleTab] = useState<ConsoleTab>('output');
  const [centreTab, setCentreTab] = useState<CentreTab>('graph');
  const [profileLine, setProfileLine] = useState<number | null>(null);
  const { open, close } = timeline;
  // Object ids are birth numbers: stable across runs of one program, meaningless across programs.
  const lastSource = useRef<string | null>(null);

  const runAndOpen = useCallback(
    async (
      source: string,
      restore?: { at: number; selected: ObjectId | null },
    ): Promise<RunResult | undefined> => {
      close();
      setProfileLine(null);
      if (source !== lastSource.current) setSelected(null);
      lastSource.current = source;
      const view = getView();
      if (view) {
        showErrorMark(view, null);
        showStepLine(view, null);
      }
      const result = await run(source);
      if (!result) return undefined;
      open(result, restore ? (restoredStep(restore.at, result.stepCount) ?? undefined) : undefined);
      if (restore) setSelected(restore.selected);
      const error = result.exitCode === 0 ? undefined : errorLocation(result.stderr);
      const after = getView();
      if (error && after) showErrorMark(after, error);
      return result;
    },
    [run, open, close, getView],
  );

  const runProgram = useCallback(() => {
    const view = getView();
    if (!view) return;
    setConsoleTab('output');
    void runAndOpen(view.state.doc.toString());
  }, [runAndOpen, getView]);

  const restoreRun = useCallback(
    async (at: number, selectedThen: ObjectId | null) => {
      const view = getView();
      if (!view) return false;
      setConsoleTab('output');
      const result = await runAndOpen(view.state.doc.toString(), { at, selected: selectedThen });
      return result !== undefined && result.stepCount > 0;
    },
    [runAndOpen, getView],
  );

  const compareProgram = useCallback(() => {
    const view = getView();
    if (!view) return;
    const source = view.state.doc.toString();
    const finished = state.status === 'finished' && state.source === source ? state.result : undefined;
    setConsoleTab('cpython');
    compare.compare(source, () => (finished ? Promise.resolve(finished) : runAndOpen(source)));
  }, [compare, runAndOpen, getView, state.status, state.source, state.result]);

  const loadSample = useCallback(
    (sample: Sample) => {
      const view = getView();
      if (!view) return;
      // One ordinary edit: the editor's undo brings the previous program back.
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: sample.source },
        selection: { anchor: 0 },
        scrollIntoView: true,
      });
      view.focus();
    },
    [getView],
  );

  // The editor follows the timeline: the current step's line is highlighted.
  const line = stepLine(timeline.current);
  useEffect(() => {
    const view = getView();
    if (view) showStepLine(view, line ?? null);
  }, [line, getView]);

  // The memory profile's line, marked in the editor beside the step's.
  useEffect(() => {
    const view = getView();
    if (view) showProfileLine(view, profileLine);
  }, [profileLine, getView]);

  const { snapshot } = timeline;
  const index = useMemo(() => (snapshot ? indexSnapshot(snapshot) : null), [snapshot]);
  const wire = state.status === 'finished' ? state.result?.memory : undefined;
  const memory = useMemo(
    () => (wire ? { series: decodeMemorySeries(wire), bucket: wire.bucket } : null),
    [wire],
  );
  const collectionMarks = useMemo(() => (memory ? marksOf(memory.series) : []), [memory]);

  // At the last step the console shows everything: what is written after it (a traceback) is
  // part of the run's end. Elsewhere, what had been written by the step.
  const output = useMemo(() => {
    const whole = { chunks: state.output, droppedChars: state.droppedChars, atStep: null };
    if (state.status !== 'finished' || timeline.isLast || !snapshot) return whole;
    return {
      chunks: outputAtStep(state.output, state.droppedChars, snapshot),
      droppedChars: 0,
      atStep: snapshot.step,
    };
  }, [state.output, state.droppedChars, state.status, timeline.isLast, snapshot]);

  return {
    timeline,
    index,
    selected,
    select: setSelected,
    output,
    compare,
    consoleTab,
    setConsoleTab,
    centreTab,
    setCentreTab,
    memory,
    profileLine,
    setProfileLine,
    collectionMarks,
    runProgram,
    restoreRun,
    compareProgram,
    loadSample,
  };
}

function marksOf(series: MemorySeries): TimelineMark[] {
  const { steps, generations, manual, collected } = series.collections;
  return Array.from(steps, (step, i) => ({
    step: Math.min(step, series.stepCount - 1),
    generation: generations[i],
    label: `${['Automatic collection', 'gc.collect()', 'Collection at exit'][manual[i]!] ?? 'Collection'} of generation ${generations[i]} at step ${Math.min(step, series.stepCount - 1) + 1}: ${collected[i]} collected`,
  }));
}
