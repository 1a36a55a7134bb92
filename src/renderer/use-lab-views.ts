/**
 * What the memory views share, kept out of App so each view stays a plain component: the
 * timeline of the last run, the selected object (shared by the graph, the frames view and the
 * inspector), the editor's step and error marks, the console at the current step, and
 * "Compare with CPython".
 */

import type { EditorView } from '@codemirror/view';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LabApi, ObjectId, RunResult } from '../shared/lab-api';
import { showErrorMark, showStepLine } from './editor-marks';
import type { OutputChunk, RunState } from './run-state';
import type { Sample } from './samples';
import { indexSnapshot, type SnapshotIndex } from './snapshot-index';
import { errorLocation, outputAtStep, stepLine } from './timeline';
import { useCompare, type Compare } from './use-compare';
import { useTimeline, type Timeline } from './use-timeline';

export type ConsoleTab = 'output' | 'cpython';

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
  /** Runs the editor's program; its timeline opens at the last step when it finishes. */
  runProgram(): void;
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
  const { open, close } = timeline;
  // Object ids are birth numbers: stable across runs of one program, meaningless across programs.
  const lastSource = useRef<string | null>(null);

  const runAndOpen = useCallback(
    async (source: string): Promise<RunResult | undefined> => {
      close();
      if (source !== lastSource.current) setSelected(null);
      lastSource.current = source;
      const view = getView();
      if (view) {
        showErrorMark(view, null);
        showStepLine(view, null);
      }
      const result = await run(source);
      if (!result) return undefined;
      open(result);
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

  const { snapshot } = timeline;
  const index = useMemo(() => (snapshot ? indexSnapshot(snapshot) : null), [snapshot]);

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
    runProgram,
    compareProgram,
    loadSample,
  };
}
