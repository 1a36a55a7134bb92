/**
 * The open experiment's title and whether it is saved, in the toolbar; also the window's title
 * (with a dot while changes are unsaved).
 */

import { useEffect } from 'react';
import type { Experiments } from '../use-experiments';

function saveStateText({ saveState, saveError, status }: Experiments): string {
  switch (saveState) {
    case 'draft':
      return 'Not saved yet';
    case 'unavailable':
      return `Not saved: ${status?.unavailable ?? 'experiments are unavailable'}`;
    case 'saved':
      return 'Saved';
    case 'unsaved':
      return 'Unsaved changes';
    case 'saving':
      return 'Saving…';
    case 'failed':
      return `Not saved (${saveError ?? 'unknown error'}), trying again…`;
  }
}

export function ExperimentTitle({ experiments }: { experiments: Experiments }) {
  const { current, saveState } = experiments;
  const title = current?.title;
  const unsaved = saveState === 'unsaved' || saveState === 'saving' || saveState === 'failed';

  useEffect(() => {
    if (title !== undefined) document.title = `${unsaved ? '• ' : ''}${title} — PyMem Lab`;
  }, [title, unsaved]);

  if (!current) return null;
  return (
    <div className="experiment-title" data-experiment-id={current.id ?? ''} data-step={current.step}>
      <span className="experiment-title-name" aria-label="Experiment title">
        {current.title}
      </span>
      <span className={`save-state save-${saveState}`} aria-label="Save state" aria-live="polite">
        {saveStateText(experiments)}
      </span>
    </div>
  );
}
