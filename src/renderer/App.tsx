/**
 * The lab's window: toolbar, program editor, output console, and the places where the
 * reference graph and the frames view will go, above a status line.
 */

import type { EditorView } from '@codemirror/view';
import { useCallback, useEffect, useRef } from 'react';
import type { LabApi } from '../shared/lab-api';
import { CodeEditor } from './components/CodeEditor';
import { OutputConsole } from './components/OutputConsole';
import { Panel } from './components/Panel';
import { StatusLine } from './components/StatusLine';
import { isActive } from './run-state';
import { useLabRun } from './use-lab-run';
import { WELCOME_SNIPPET } from './welcome';

const isMac = /Mac|iPhone|iPad/.test(navigator.userAgent);
const RUN_SHORTCUT = isMac ? '⌘+Enter' : 'Ctrl+Enter';

export function App({ lab }: { lab: LabApi }) {
  const { state, run, stop } = useLabRun(lab);
  const editor = useRef<EditorView | null>(null);
  const active = isActive(state.status);

  const runProgram = useCallback(() => {
    if (editor.current) run(editor.current.state.doc.toString());
  }, [run]);

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
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [runProgram, stop]);

  return (
    <div className="app">
      <header className="toolbar">
        <h1 className="app-title">
          PyMem <span>Lab</span>
        </h1>
        <div className="toolbar-actions">
          <button
            type="button"
            className="button primary"
            onClick={runProgram}
            disabled={active}
            title={`Run (${RUN_SHORTCUT})`}
          >
            <span aria-hidden="true">▶</span> Run
          </button>
          <button
            type="button"
            className="button"
            onClick={stop}
            disabled={state.status !== 'running'}
            title="Stop (Esc)"
          >
            <span aria-hidden="true">■</span> Stop
          </button>
        </div>
      </header>

      <main className="workspace">
        <Panel title="Program" className="area-editor">
          <CodeEditor initialText={WELCOME_SNIPPET} editorRef={editor} onRun={runProgram} />
        </Panel>
        <Panel title="Output" className="area-console">
          <OutputConsole output={state.output} droppedChars={state.droppedChars} />
        </Panel>
        <Panel title="Reference graph" className="area-graph placeholder">
          <p>The objects alive at the current step and the references between them will be drawn here.</p>
        </Panel>
        <Panel title="Frames and variables" className="area-frames placeholder">
          <p>The call stack and each frame's variables at the current step will be listed here.</p>
        </Panel>
      </main>

      <StatusLine state={state} runShortcut={RUN_SHORTCUT} />
    </div>
  );
}
