/** One experiment in the sidebar: opens on click; rename, duplicate, export, trash or restore. */

import { useState, type FormEvent, type ReactNode } from 'react';
import { MAX_TITLE_CHARS, type ExperimentSummary } from '../../shared/experiment';
import { formatLastChange } from '../last-change';
import type { Experiments } from '../use-experiments';
import { DuplicateIcon, ExportIcon, RenameIcon, TrashIcon } from './ExperimentsIcons';

export interface ExperimentsListItemProps {
  experiment: ExperimentSummary;
  active: boolean;
  inTrash: boolean;
  now: number;
  experiments: Experiments;
}

export function ExperimentsListItem({
  experiment,
  active,
  inTrash,
  now,
  experiments,
}: ExperimentsListItemProps) {
  const { id, title, preview, updatedAt } = experiment;
  const [renaming, setRenaming] = useState(false);

  const submitRename = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('title');
    if (typeof value === 'string' && value.trim() !== title) experiments.rename(id, value);
    setRenaming(false);
  };

  return (
    <li
      className={`experiment-item${active ? ' active' : ''}${inTrash ? ' in-trash' : ''}`}
      aria-current={active ? 'true' : undefined}
    >
      {renaming ? (
        <form className="experiment-rename" onSubmit={submitRename}>
          <input
            name="title"
            aria-label="New title"
            defaultValue={title}
            maxLength={MAX_TITLE_CHARS}
            autoFocus
            onFocus={(event) => event.currentTarget.select()}
            onBlur={(event) => event.currentTarget.form?.requestSubmit()}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.preventDefault(); // not the lab's Stop
                setRenaming(false);
              }
            }}
          />
        </form>
      ) : (
        <button
          type="button"
          className="experiment-open"
          onClick={() => experiments.open(id)}
          disabled={inTrash}
          title={inTrash ? 'In the trash: restore it to open it' : `Open ${title}`}
        >
          <span className="experiment-name">{title}</span>
          <time className="experiment-time" dateTime={new Date(updatedAt).toISOString()}>
            {formatLastChange(updatedAt, now)}
          </time>
          <span className="experiment-preview">{preview || 'Empty program'}</span>
        </button>
      )}
      <div className="experiment-actions">
        {inTrash ? (
          <button type="button" className="icon-button text" onClick={() => experiments.restore(id)}>
            Restore
          </button>
        ) : (
          <>
            <IconButton label="Rename" icon={<RenameIcon />} onClick={() => setRenaming(true)} />
            <IconButton
              label="Duplicate"
              icon={<DuplicateIcon />}
              onClick={() => experiments.duplicate(id)}
            />
            <IconButton label="Export" icon={<ExportIcon />} onClick={() => experiments.exportFile(id)} />
            <IconButton label="Move to trash" icon={<TrashIcon />} onClick={() => experiments.trash(id)} />
          </>
        )}
      </div>
    </li>
  );
}

function IconButton({ label, icon, onClick }: { label: string; icon: ReactNode; onClick: () => void }) {
  return (
    <button type="button" className="icon-button" onClick={onClick} aria-label={label} title={label}>
      {icon}
    </button>
  );
}
