/**
 * Marks the timeline puts on the program in the editor: the line of the current step, and the
 * line an error points at with its message (CPython's last traceback line) beside it. The step
 * mark moves with edits like the text around it; the error mark goes at the first edit, as its
 * message is about the program that ran.
 */

import {
  StateEffect,
  StateField,
  type EditorState,
  type Extension,
  type StateEffectType,
} from '@codemirror/state';
import { Decoration, EditorView, WidgetType, type DecorationSet } from '@codemirror/view';

export interface ErrorMark {
  line: number;
  message: string;
}

const setStepLine = StateEffect.define<number | null>();
const setErrorMark = StateEffect.define<ErrorMark | null>();

class ErrorMessageWidget extends WidgetType {
  constructor(readonly message: string) {
    super();
  }

  override eq(other: ErrorMessageWidget): boolean {
    return other.message === this.message;
  }

  toDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = 'cm-error-message';
    span.textContent = this.message;
    return span;
  }
}

const stepLineDecoration = Decoration.line({
  class: 'cm-step-line',
  attributes: { 'data-step-line': 'true' },
});

/** A field of line decorations, replaced by its effect and moved by edits. */
function markField<T>(
  effect: StateEffectType<T | null>,
  build: (state: EditorState, value: T) => DecorationSet,
  { clearOnEdit }: { clearOnEdit: boolean },
) {
  return StateField.define<DecorationSet>({
    create: () => Decoration.none,
    update(marks, transaction) {
      let next = clearOnEdit && transaction.docChanged ? Decoration.none : marks.map(transaction.changes);
      for (const e of transaction.effects) {
        if (e.is(effect)) next = e.value === null ? Decoration.none : build(transaction.state, e.value);
      }
      return next;
    },
    provide: (field) => EditorView.decorations.from(field),
  });
}

const lineStart = (state: EditorState, line: number) =>
  state.doc.line(Math.max(1, Math.min(line, state.doc.lines)));

const stepLineField = markField<number>(
  setStepLine,
  (state, line) => Decoration.set([stepLineDecoration.range(lineStart(state, line).from)]),
  { clearOnEdit: false },
);

const errorMarkField = markField<ErrorMark>(
  setErrorMark,
  (state, mark) => {
    const line = lineStart(state, mark.line);
    return Decoration.set([
      Decoration.line({ class: 'cm-error-line', attributes: { title: mark.message } }).range(line.from),
      Decoration.widget({ widget: new ErrorMessageWidget(mark.message), side: 1 }).range(line.to),
    ]);
  },
  { clearOnEdit: true },
);

export function editorMarks(): Extension {
  return [stepLineField, errorMarkField];
}

/** Highlights `line` (1-based) as the current step's and scrolls it into view; null clears it. */
export function showStepLine(view: EditorView, line: number | null): void {
  const effects: StateEffect<unknown>[] = [setStepLine.of(line)];
  if (line !== null && line >= 1 && line <= view.state.doc.lines) {
    effects.push(EditorView.scrollIntoView(view.state.doc.line(line).from, { y: 'nearest' }));
  }
  view.dispatch({ effects });
}

/** Marks the line an error points at, with its message; null clears it. */
export function showErrorMark(view: EditorView, mark: ErrorMark | null): void {
  const effects: StateEffect<unknown>[] = [setErrorMark.of(mark)];
  if (mark && mark.line >= 1 && mark.line <= view.state.doc.lines) {
    effects.push(EditorView.scrollIntoView(view.state.doc.line(mark.line).from, { y: 'nearest' }));
  }
  view.dispatch({ effects });
}
