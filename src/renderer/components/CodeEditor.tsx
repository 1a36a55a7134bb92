/**
 * The program editor: owns one CodeMirror view for its lifetime. React never re-renders its
 * content; the parent reads the text through `editorRef` when it needs it.
 *
 * The view lives in a shadow root: in a document CodeMirror adds <style> elements, which the
 * strict Content-Security-Policy (style-src 'self') blocks; in a shadow root it uses
 * constructed style sheets, which the policy allows. The theme's CSS variables still inherit.
 */

import { EditorView } from '@codemirror/view';
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { pythonEditorExtensions } from '../python-editor';

export interface CodeEditorProps {
  initialText: string;
  /** Receives the view once it exists (and `null` when it is destroyed). */
  editorRef: RefObject<EditorView | null>;
  onRun: () => void;
  /** Called after each change of the text (the parent reads the text when it needs it). */
  onChange?: () => void;
}

export function CodeEditor({ initialText, editorRef, onRun, onChange }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const runRef = useRef(onRun);
  const changeRef = useRef(onChange);

  useEffect(() => {
    runRef.current = onRun;
    changeRef.current = onChange;
  }, [onRun, onChange]);

  // A layout effect: the view exists before the first paint, so nothing on screen (Run, the
  // samples menu) can act on an editor that is not there yet.
  useLayoutEffect(() => {
    if (!host.current) return;
    const root = host.current.shadowRoot ?? host.current.attachShadow({ mode: 'open' });
    const view = new EditorView({
      doc: initialText,
      root,
      parent: root,
      extensions: [
        pythonEditorExtensions({ run: () => runRef.current() }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) changeRef.current?.();
        }),
      ],
    });
    editorRef.current = view;
    view.focus();
    return () => {
      view.destroy();
      editorRef.current = null;
    };
  }, [initialText, editorRef]);

  return <div className="code-editor" ref={host} />;
}
