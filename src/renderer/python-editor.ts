/**
 * The CodeMirror 6 setup for the program editor: Python language support, line numbers and
 * the usual editing aids (basicSetup), colours taken from the page's CSS variables so one
 * setup follows the light and the dark theme.
 */

import { python } from '@codemirror/lang-python';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Prec, type Extension } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { basicSetup } from 'codemirror';
import { editorMarks } from './editor-marks';
import { profileLineMark } from './editor-profile-line';

const highlightStyle = HighlightStyle.define([
  {
    tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword],
    color: 'var(--syntax-keyword)',
  },
  { tag: [tags.operatorKeyword, tags.self, tags.bool, tags.null], color: 'var(--syntax-constant)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--syntax-string)' },
  { tag: [tags.number], color: 'var(--syntax-number)' },
  { tag: [tags.comment, tags.lineComment], color: 'var(--syntax-comment)', fontStyle: 'italic' },
  {
    tag: [tags.function(tags.variableName), tags.function(tags.definition(tags.variableName))],
    color: 'var(--syntax-function)',
  },
  { tag: [tags.className, tags.definition(tags.className)], color: 'var(--syntax-class)' },
  { tag: [tags.propertyName], color: 'var(--syntax-property)' },
  { tag: [tags.invalid], color: 'var(--syntax-invalid)' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', color: 'var(--text)', backgroundColor: 'var(--editor-bg)' },
  '.cm-scroller': { fontFamily: 'var(--mono)', fontSize: '14px', lineHeight: '1.55' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
  '.cm-gutters': { backgroundColor: 'var(--editor-bg)', color: 'var(--muted)', border: 'none' },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--active-line)', color: 'var(--text)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--selection)',
  },
  '&.cm-focused': { outline: 'none' },
  // The timeline's marks (editor-marks.ts): drawn above the active line's background.
  '.cm-step-line, .cm-step-line.cm-activeLine': {
    backgroundColor: 'var(--step-line)',
    boxShadow: 'inset 3px 0 0 var(--accent)',
  },
  // The memory profile's chosen line (editor-profile-line.ts).
  '.cm-profile-line, .cm-profile-line.cm-activeLine': {
    backgroundColor: 'var(--profile-line)',
    boxShadow: 'inset 3px 0 0 var(--profile-line-edge)',
  },
  '.cm-error-line, .cm-error-line.cm-activeLine': {
    backgroundColor: 'var(--error-line)',
    boxShadow: 'inset 3px 0 0 var(--stderr)',
  },
  '.cm-error-message': {
    marginLeft: '2em',
    padding: '0 6px',
    borderRadius: '4px',
    color: 'var(--stderr)',
    backgroundColor: 'var(--error-line)',
    fontFamily: 'var(--sans)',
    fontSize: '12px',
  },
});

export interface PythonEditorCommands {
  /** Ctrl/Cmd+Enter: run the program (instead of CodeMirror's "insert blank line"). */
  run: () => void;
}

export function pythonEditorExtensions(commands: PythonEditorCommands): Extension[] {
  return [
    Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (commands.run(), true) }])),
    basicSetup,
    python(),
    syntaxHighlighting(highlightStyle),
    theme,
    editorMarks(),
    profileLineMark(),
    EditorView.contentAttributes.of({ 'aria-label': 'Python program' }),
  ];
}
