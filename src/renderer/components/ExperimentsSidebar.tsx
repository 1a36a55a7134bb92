/**
 * The experiments sidebar: new and import, search and sort, the list (or the trash), and
 * the store's notices (a database moved aside, a refused file).
 */

import { useEffect, useRef, useState } from 'react';
import { EXPERIMENT_FILE_EXTENSION, type ExperimentSort } from '../../shared/experiment';
import type { Experiments } from '../use-experiments';
import { ExperimentsListItem } from './ExperimentsListItem';
import './Experiments.css';

const SORTS: { value: ExperimentSort; label: string }[] = [
  { value: 'updated', label: 'Last change' },
  { value: 'created', label: 'Created' },
  { value: 'title', label: 'Title' },
];

/** Re-renders every minute, so that "3 min ago" stays true. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function ExperimentsSidebar({ experiments }: { experiments: Experiments }) {
  const { list, query, notice, status, current, trashCount } = experiments;
  const fileInput = useRef<HTMLInputElement>(null);
  const [confirmingEmpty, setConfirmingEmpty] = useState(false);
  const now = useNow();
  const unavailable = status?.unavailable !== undefined;

  return (
    <aside className="experiments-sidebar" aria-label="Experiments">
      <header className="experiments-header">
        <h2>{query.trash ? 'Trash' : 'Experiments'}</h2>
        <div className="experiments-header-actions">
          <button
            type="button"
            className="button small"
            onClick={experiments.createNew}
            disabled={unavailable}
          >
            New
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => fileInput.current?.click()}
            disabled={unavailable}
          >
            Import…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept={`${EXPERIMENT_FILE_EXTENSION},application/json`}
            aria-label="Import an experiment file"
            hidden
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = ''; // the same file can be chosen again
              if (file) experiments.importFile(file);
            }}
          />
        </div>
      </header>

      <div className="experiments-filters">
        <input
          type="search"
          className="experiments-search"
          placeholder="Search…"
          title="Searches titles, notes and code"
          aria-label="Search experiments"
          value={query.search}
          onChange={(event) => experiments.setQuery({ search: event.currentTarget.value })}
        />
        <select
          aria-label="Sort experiments"
          value={query.sort}
          onChange={(event) => experiments.setQuery({ sort: event.currentTarget.value as ExperimentSort })}
        >
          {SORTS.map((sort) => (
            <option key={sort.value} value={sort.value}>
              {sort.label}
            </option>
          ))}
        </select>
      </div>

      {notice && (
        <div
          className={`experiments-notice ${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'note'}
        >
          <span>{notice.text}</span>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={experiments.dismissNotice}
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
      )}
      {unavailable && (
        <p className="experiments-notice error" role="alert">
          Experiments cannot be saved: {status?.unavailable}
        </p>
      )}

      <ul
        className="experiments-list"
        aria-label={query.trash ? 'Experiments in the trash' : 'Saved experiments'}
      >
        {list.items.map((experiment) => (
          <ExperimentsListItem
            key={experiment.id}
            experiment={experiment}
            active={!query.trash && experiment.id === current?.id}
            inTrash={query.trash}
            now={now}
            experiments={experiments}
          />
        ))}
      </ul>
      {list.items.length === 0 && !unavailable && (
        <p className="experiments-empty">
          {query.search
            ? 'Nothing matches.'
            : query.trash
              ? 'The trash is empty.'
              : 'No saved experiments yet.'}
        </p>
      )}
      {list.total > list.items.length && (
        <p className="experiments-more">
          Showing {list.items.length.toLocaleString('en-US')} of {list.total.toLocaleString('en-US')}: search
          to find the others.
        </p>
      )}

      <footer className="experiments-footer">
        <button
          type="button"
          className="button small"
          onClick={() => {
            setConfirmingEmpty(false);
            experiments.setQuery({ trash: !query.trash });
          }}
        >
          {query.trash ? '← Experiments' : `Trash (${trashCount})`}
        </button>
        {query.trash &&
          trashCount > 0 &&
          (confirmingEmpty ? (
            <>
              <button
                type="button"
                className="button small danger"
                onClick={() => {
                  setConfirmingEmpty(false);
                  experiments.emptyTrash();
                }}
              >
                Delete {trashCount} for good
              </button>
              <button type="button" className="button small" onClick={() => setConfirmingEmpty(false)}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" className="button small" onClick={() => setConfirmingEmpty(true)}>
              Empty trash
            </button>
          ))}
      </footer>
    </aside>
  );
}
