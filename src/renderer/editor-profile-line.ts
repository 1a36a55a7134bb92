/**
 * The line the memory profile points at, marked in the editor until another is chosen (or the
 * choice is cleared). A mark of its own: the step's line and an error's line keep theirs.
 */

import { StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';

const setProfileLine = StateEffect.define<number | null>();

const profileLineDecoration = Decoration.line({
  class: 'cm-profile-line',
  attributes: { 'data-profile-line': 'true' },
});

const profileLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, transaction) {
    let next = marks.map(transaction.changes);
    for (const e of transaction.effects) {
      if (!e.is(setProfileLine)) continue;
      const line = e.value;
      const { doc } = transaction.state;
      next =
        line === null || line < 1 || line > doc.lines
          ? Decoration.none
          : Decoration.set([profileLineDecoration.range(doc.line(line).from)]);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

export function profileLineMark(): Extension {
  return profileLineField;
}

/** Marks `line` (1-based) and scrolls it into view; null clears the mark. */
export function showProfileLine(view: EditorView, line: number | null): void {
  const effects: StateEffect<unknown>[] = [setProfileLine.of(line)];
  if (line !== null && line >= 1 && line <= view.state.doc.lines) {
    effects.push(EditorView.scrollIntoView(view.state.doc.line(line).from, { y: 'center' }));
  }
  view.dispatch({ effects });
}
