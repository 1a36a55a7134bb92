/**
 * The call stack at the current step, outermost frame first, and each frame's variables with
 * the object each one names: its short repr, reference count and `sys.getsizeof` size. A row
 * selects its object for the inspector and the graph.
 */

import type { KeyboardEvent } from 'react';
import type { ObjectId, Snapshot } from '../../shared/lab-api';
import type { SnapshotIndex } from '../snapshot-index';
import { refcountText } from '../refcount-text';

export interface FramesPanelProps {
  snapshot: Snapshot | null;
  index: SnapshotIndex | null;
  selected: ObjectId | null;
  onSelect: (id: ObjectId | null) => void;
  /** Shown without a snapshot. */
  emptyText: string;
}

export function FramesPanel({ snapshot, index, selected, onSelect, emptyText }: FramesPanelProps) {
  if (!snapshot || !index) return <p className="panel-empty">{emptyText}</p>;
  if (snapshot.frames.length === 0) return <p className="panel-empty">No frame at this step.</p>;

  const activate = (id: ObjectId) => (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(id);
    }
  };

  return (
    <div className="frames">
      {snapshot.frames.map((frame, position) => {
        const innermost = position === snapshot.frames.length - 1;
        return (
          <section
            key={frame.ref}
            className={`frame${innermost ? ' innermost' : ''}`}
            aria-label={`Frame ${frame.qualname}`}
          >
            <header className="frame-header">
              <span className="frame-name">{frame.qualname}</span>
              <span className="frame-line">line {frame.line}</span>
              {innermost && <span className="badge">current</span>}
            </header>
            {frame.locals.length === 0 ? (
              <p className="frame-empty">No variables yet.</p>
            ) : (
              <table className="data-table variables">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Value</th>
                    <th
                      scope="col"
                      className="number"
                      title="ob_refcnt: sys.getrefcount() would print one more"
                    >
                      Refs
                    </th>
                    <th scope="col" className="number" title="sys.getsizeof(), in bytes">
                      Size
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {frame.locals.map((local) => {
                    const object = index.object(local.id);
                    const isSelected = selected === local.id;
                    return (
                      <tr
                        key={local.name}
                        className={isSelected ? 'selected' : undefined}
                        aria-selected={isSelected}
                        tabIndex={0}
                        onClick={() => onSelect(local.id)}
                        onKeyDown={activate(local.id)}
                        data-name={local.name}
                      >
                        <th scope="row" className="mono">
                          {local.name}
                          {local.cell !== undefined && (
                            <span
                              className="badge subtle"
                              title="The variable lives in a cell shared with closures"
                            >
                              cell
                            </span>
                          )}
                        </th>
                        <td className="mono value">{object?.label ?? `object #${local.id}`}</td>
                        <td className="number">{object ? refcountText(object) : '?'}</td>
                        <td className="number">{object?.size ?? '?'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </div>
  );
}
