/**
 * The lab's window: the toolbar (run, stop, the timeline, samples, compare), the program
 * editor, the output console, the reference graph, the frames and variables, the object
 * inspector and the collector, above a status line.
 */

import type { EditorView } from '@codemirror/view';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LabApi } from '../shared/lab-api';
import { CodeEditor } from './components/CodeEditor';
import { ComparePanel } from './components/ComparePanel';
import { FramesPanel } from './components/FramesPanel';
import { GcPanel } from './components/GcPanel';
import { CentreArea } from './components/CentreArea';
import { CompareIcon, RunIcon, StopIcon } from './components/Icons';
import { ObjectInspector } from './components/ObjectInspector';
import { SamplesMenu } from './components/SamplesMenu';
import { TimelineBar } from './components/TimelineBar';
import { ExperimentsSidebar } from './components/ExperimentsSidebar';
import { ExercisesSidebar } from './components/ExercisesSidebar';
import { ExperimentTitle } from './components/ExperimentTitle';
import { OutputConsole } from './components/OutputConsole';
import { LabDialogs, PreferencesButton } from './components/LabDialogs';
import { Panel } from './components/Panel';
import { StatusLine } from './components/StatusLine';
import { StepEventsPanel } from './components/StepEventsPanel';
import { isActive } from './run-state';
import { useExercises, useSidebar } from './use-exercises';
import { useExperiments } from './use-experiments';
import { useLabRun } from './use-lab-run';
import { useLabMenu } from './use-lab-menu';
import { useLabViews } from './use-lab-views';
import type { LabDialog } from './use-menu-commands';
import { useSavedView } from './use-saved-view';
import { useStepEvents } from './use-step-events';

const isMac = /Mac|iPhone|iPad/.test(navigator.userAgent);
const RUN_SHORTCUT = isMac ? '⌘+Enter' : 'Ctrl+Enter';

export function App({ lab }: { lab: LabApi }) {
  const { state, run, stop, reset } = useLabRun(lab);
  const editor = useRef<EditorView | null>(null);
  const experiments = useExperiments(lab, editor);
  const active = isActive(state.status);
  const getView = useCallback(() => editor.current, []);
  const views = useLabViews(lab, state, run, getView);
  const { runProgram, timeline } = views;
  // The open experiment's step and views: saved as they change, restored when it opens.
  const graphPersistence = useSavedView(experiments, views, { state, stop, reset });
  const [sidebar, setSidebar] = useSidebar();
  const exercises = useExercises(lab, experiments, views, { state, reset }, getView, sidebar === 'exercises');
  // The application menu (Electron) runs the same actions as the toolbar and the keys.
  const [dialog, setDialog] = useState<LabDialog | null>(null);
  // "This step": the memory events of the current step, fetched only while that tab is shown.
  const finished = state.status === 'finished' ? state.result : undefined;
  const stepEvents = useStepEvents(lab, finished, timeline.step, views.consoleTab === 'step' && !!finished);
  useLabMenu(lab, { experiments, views, active, stop, setSidebar, openDialog: setDialog });
  const cpython = views.compare.availability;
  const compareTitle = !cpython
    ? 'Looking for CPython…'
    : cpython.available
      ? `Run the program in CPython ${cpython.version} too and compare the output`
      : `Not available: ${cpython.reason}`;

  // Shortcuts that work wherever the focus is. Keys the editor handled itself (Escape closing
  // its search or completion, Ctrl+Enter already run) arrive here with defaultPrevented.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      if (event.key === 'Escape') {
        stop();
      } else if (event.key === 'Enter' && (isMac ? event.metaKey : event.ctrlKey)) {
        event.preventDefault();
        runProgram();
      } else if (event.key === 'F10' && !event.altKey && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        timeline.stepBy(event.shiftKey ? -1 : 1);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [runProgram, stop, timeline]);

  return (
    <div className="app">
      <header className="toolbar">
        <h1 className="app-title">
          PyMem <span>Lab</span>
        </h1>
        <ExperimentTitle experiments={experiments} />
        <div className="toolbar-actions">
          <button
            type="button"
            className="button toolbar-exercises"
            aria-pressed={sidebar === 'exercises'}
            onClick={() => setSidebar(sidebar === 'exercises' ? 'experiments' : 'exercises')}
            title="Exercises: predict, run, check"
          >
            Exercises
          </button>
          {/* Until the experiment (or the draft) is open there is no editor to load into or run. */}
          <SamplesMenu onLoad={views.loadSample} disabled={active || !experiments.document} />
          <button
            type="button"
            className="button primary"
            onClick={runProgram}
            disabled={active || !experiments.document}
            title={`Run (${RUN_SHORTCUT})`}
          >
            <RunIcon /> Run
          </button>
          <button
            type="button"
            className="button"
            onClick={stop}
            disabled={state.status !== 'running'}
            title="Stop (Esc)"
          >
            <StopIcon /> Stop
          </button>
        </div>
        <TimelineBar
          timeline={timeline}
          running={active ? state.steps : undefined}
          marks={views.collectionMarks}
        />
        <button
          type="button"
          className="button compare-button"
          onClick={views.compareProgram}
          disabled={active || !cpython?.available || views.compare.state.status === 'running'}
          title={compareTitle}
        >
          <CompareIcon /> Compare with CPython
        </button>
        <PreferencesButton onClick={() => setDialog('preferences')} />
      </header>

      {sidebar === 'exercises' ? (
        <ExercisesSidebar exercises={exercises} onClose={() => setSidebar('experiments')} />
      ) : (
        <ExperimentsSidebar experiments={experiments} />
      )}
      <main className="workspace">
        <Panel title="Program" className="area-editor">
          {/* Opened from the experiment store: a new key (another experiment) is a new editor. */}
          {experiments.document && (
            <CodeEditor
              key={experiments.document.key}
              initialText={experiments.document.text}
              editorRef={editor}
              onRun={runProgram}
              onChange={experiments.sourceChanged}
            />
          )}
        </Panel>
        <Panel
          title="Output"
          className="area-console"
          actions={
            <div className="tabs" role="tablist" aria-label="Console">
              <button
                type="button"
                role="tab"
                className="tab"
                aria-selected={views.consoleTab === 'output'}
                onClick={() => views.setConsoleTab('output')}
              >
                {views.output.atStep === null ? 'Program' : `At step ${views.output.atStep + 1}`}
              </button>
              <button
                type="button"
                role="tab"
                className="tab"
                aria-selected={views.consoleTab === 'step'}
                onClick={() => views.setConsoleTab('step')}
                title="What happens in memory while the current step runs"
              >
                This step
              </button>
              <button
                type="button"
                role="tab"
                className="tab"
                aria-selected={views.consoleTab === 'cpython'}
                onClick={() => views.setConsoleTab('cpython')}
              >
                vs CPython
              </button>
            </div>
          }
        >
          {views.consoleTab === 'output' ? (
            <OutputConsole
              output={views.output.chunks}
              droppedChars={views.output.droppedChars}
              emptyText={views.output.atStep === null ? undefined : 'Nothing written yet at this step.'}
            />
          ) : views.consoleTab === 'step' ? (
            <StepEventsPanel
              state={stepEvents}
              emptyText={
                active ? 'The events appear when the program has finished.' : 'Run the program, then step.'
              }
              onSelect={views.select}
              onGoTo={timeline.goTo}
            />
          ) : (
            <ComparePanel compare={views.compare} />
          )}
        </Panel>
        <CentreArea
          tab={views.centreTab}
          onTab={views.setCentreTab}
          snapshot={timeline.snapshot}
          selected={views.selected}
          onSelect={views.select}
          memory={views.memory}
          step={timeline.step}
          onGoTo={timeline.goTo}
          source={state.source}
          profileLine={views.profileLine}
          onProfileLine={views.setProfileLine}
          graph={graphPersistence}
        />
        <Panel title="Frames and variables" className="area-frames">
          <FramesPanel
            snapshot={timeline.snapshot}
            index={views.index}
            selected={views.selected}
            onSelect={views.select}
            emptyText={
              active
                ? 'The frames appear when the program has finished.'
                : state.status === 'finished' && timeline.count === 0
                  ? 'The program did not start: see the error in the output.'
                  : 'Run the program to see its frames.'
            }
          />
        </Panel>
        <Panel title="Object" className="area-inspector">
          <ObjectInspector
            snapshot={timeline.snapshot}
            index={views.index}
            selected={views.selected}
            onSelect={views.select}
          />
        </Panel>
        <Panel title="Garbage collector" className="area-gc">
          <GcPanel snapshot={timeline.snapshot} onSelect={views.select} />
        </Panel>
      </main>

      <LabDialogs
        dialog={dialog}
        lab={lab}
        onClose={() => setDialog(null)}
        onPreferencesSaved={views.compare.refresh}
      />
      <StatusLine state={state} runShortcut={RUN_SHORTCUT} />
    </div>
  );
}
