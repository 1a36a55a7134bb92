/**
 * "This step": what happens in memory while the current step runs, until the next one
 * (LabApi.stepEvents). First what the engine recorded as it happened (allocations, frees, free
 * lists, finalizers, weakrefs, collections, output), then the reference changes derived from
 * the memory at both ends of the step. Objects are buttons: one the current step's graph shows
 * is selected there; one that exists only after the step is selected at the next step.
 */

import { useMemo, useState } from 'react';
import type { ObjectId, StepEventObject, StepEvents } from '../../core';
import { eventLines, objectName, objectsById, type EventLine } from '../step-events-text';
import type { StepEventsState } from '../use-step-events';
import './StepEvents.css';

export interface StepEventsPanelProps {
  state: StepEventsState;
  /** Why there is nothing to show (no run, running…), when there is no step. */
  emptyText: string;
  onSelect(id: ObjectId): void;
  /** Goes to a step (to select an object that exists only after this step). */
  onGoTo(step: number): void;
}

export function StepEventsPanel({ state, emptyText, onSelect, onGoTo }: StepEventsPanelProps) {
  const [buffers, setBuffers] = useState(false);
  if (state.status === 'idle') return <p className="step-events-empty">{emptyText}</p>;
  if (state.status === 'loading')
    return <p className="step-events-empty">Running the program again to step {state.step + 1}…</p>;
  if (state.status === 'error') return <p className="step-events-empty error">{state.message}</p>;
  return (
    <StepEventList
      events={state.events}
      buffers={buffers}
      onBuffers={setBuffers}
      onSelect={onSelect}
      onGoTo={onGoTo}
    />
  );
}

function StepEventList({
  events,
  buffers,
  onBuffers,
  onSelect,
  onGoTo,
}: {
  events: StepEvents;
  buffers: boolean;
  onBuffers(on: boolean): void;
  onSelect(id: ObjectId): void;
  onGoTo(step: number): void;
}) {
  const objects = useMemo(() => objectsById(events), [events]);
  const lines = useMemo(() => eventLines(events, objects), [events, objects]);
  const bufferCount = lines.filter((l) => l.buffer).length;
  const shown = buffers ? lines : lines.filter((l) => !l.buffer);
  const firstDerived = shown.findIndex((l) => l.source === 'derived');
  const omitted = Object.values(events.omitted).reduce((a, b) => a + (b ?? 0), 0);
  const select = (o: StepEventObject) => {
    if (!o.before && o.after && events.next !== null) onGoTo(events.next);
    onSelect(o.id);
  };
  const span = events.next === null ? 'to the end of the run' : `until step ${events.next + 1}`;
  // The step ends where Python code the interpreter calls (a __del__, a weakref callback) starts.
  const recorded = events.events.filter(
    (e) => e.kind !== 'link' && e.kind !== 'unlink' && e.kind !== 'refcount',
  );
  const last = recorded[recorded.length - 1];
  const callsOut =
    events.next !== null && (last?.kind === 'finalize' || last?.kind === 'weakref-callback')
      ? `The step ends as that ${last.kind === 'finalize' ? '__del__' : 'callback'} starts: the next steps run it, and what it lets go is freed when it returns.`
      : null;
  return (
    <div className="step-events" aria-label="Memory events of this step">
      <div className="step-events-head">
        <span>
          Step {events.step + 1}, line {events.line}, {span}
        </span>
        {bufferCount > 0 && (
          <label title="Blocks that are not objects: item arrays, dict keys, string buffers">
            <input type="checkbox" checked={buffers} onChange={(e) => onBuffers(e.target.checked)} /> buffers
            ({bufferCount})
          </label>
        )}
      </div>
      {shown.length === 0 ? (
        <p className="step-events-empty">Nothing happens in memory in this step.</p>
      ) : (
        <ol className="step-events-list">
          {shown.map((line, i) => (
            <li
              key={i}
              className={`step-event tone-${line.tone}${i === firstDerived ? ' first-derived' : ''}`}
            >
              {i === firstDerived && (
                <div className="step-events-section">References: the net change over the step</div>
              )}
              <span className="step-event-tag">{line.tag}</span>
              <EventText line={line} objects={objects} onSelect={select} />
            </li>
          ))}
        </ol>
      )}
      {(omitted > 0 || events.truncated) && (
        <p className="step-events-note">
          {omitted > 0 && `${omitted.toLocaleString('en-US')} more events not listed. `}
          {events.truncated && 'The snapshots were cut short: some references are missing.'}
        </p>
      )}
      {callsOut && <p className="step-events-note">{callsOut}</p>}
      <p className="step-events-note">
        References taken and dropped again within the step (temporaries) are not listed one by one: only each
        object's net change.
      </p>
    </div>
  );
}

function EventText({
  line,
  objects,
  onSelect,
}: {
  line: EventLine;
  objects: Map<ObjectId, StepEventObject>;
  onSelect(o: StepEventObject): void;
}) {
  return (
    <span className="step-event-text">
      {line.parts.map((part, i) => {
        if (typeof part === 'string') return <span key={i}>{part}</span>;
        const o = objects.get(part.object);
        const name = objectName(o, part.object);
        if (o === undefined || (!o.before && !o.after))
          return (
            <span key={i} className="step-event-object" title="Not in the memory at either end of the step">
              {name}
            </span>
          );
        return (
          <button
            key={i}
            type="button"
            className="link-button step-event-object"
            title={o.before ? `Select ${name}` : `Go to the next step and select ${name}`}
            onClick={() => onSelect(o)}
          >
            {name}
          </button>
        );
      })}
    </span>
  );
}
