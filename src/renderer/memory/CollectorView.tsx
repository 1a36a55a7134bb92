/**
 * The generational collector at the current step: each generation's count against its
 * threshold and the program's objects in it, the long-lived rule that holds back full
 * collections, what the collection this step last saw promoted, and every collection of the
 * run (automatic ones and gc.collect() calls); choosing one moves the timeline to its step,
 * where the graph plays its phases.
 */

import { useMemo } from 'react';
import type { MemorySeries, ObjectId, Snapshot } from '../../core';
import { GenerationGauges } from '../components/GenerationGauges';
import { describeCollection } from '../graph/gc-report';
import { objectName, shownStep } from './allocator-text';
import {
  collectionsOf,
  lastCollectionAt,
  longLivedOf,
  objectsByGeneration,
  promotionOf,
} from './collector-model';

/** Objects listed per generation, and collections listed (around the current one). */
const OBJECTS_SHOWN = 40;
const ROWS_SHOWN = 200;

export interface CollectorViewProps {
  snapshot: Snapshot | null;
  series: MemorySeries | null;
  onGoTo: (step: number) => void;
  onSelect: (id: ObjectId | null) => void;
}

export function CollectorView({ snapshot, series, onGoTo, onSelect }: CollectorViewProps) {
  const rows = useMemo(() => collectionsOf(series), [series]);
  if (!snapshot) return <p className="panel-empty">The collector appears once a program has run.</p>;
  const { gc } = snapshot;
  const generations = objectsByGeneration(snapshot);
  const longLived = longLivedOf(gc);
  const current = lastCollectionAt(rows, snapshot.step);
  const last = gc.last;
  const promotion = last ? promotionOf(last) : null;
  const known = new Map(snapshot.objects.map((o) => [o.id, o]));
  const first = Math.max(0, Math.min(current - ROWS_SHOWN / 2, rows.length - ROWS_SHOWN));

  return (
    <div className="collector">
      <section aria-label="Generation counts">
        <h3>gc.get_count() against gc.get_threshold()</h3>
        <GenerationGauges gc={gc} detailed />
        <p className="muted small">
          Automatic collection is {gc.enabled ? 'on' : 'off (gc.disable())'}. It collects the oldest
          generation whose count is over its threshold, together with the younger ones; survivors move one
          generation up.
        </p>
      </section>

      {longLived && (
        <section aria-label="Long-lived rule">
          <h3>The long-lived rule (generation 2)</h3>
          <p>
            An automatic full collection waits until the objects promoted into generation 2 since the last one
            (<span className="mono">long_lived_pending = {longLived.pending}</span>) are at least a quarter of
            those that survived it (<span className="mono">long_lived_total = {longLived.total}</span>, a
            quarter: {longLived.needed}).{' '}
            {longLived.due
              ? longLived.allowed
                ? 'Generation 2 is over its threshold and the rule lets it run: the next automatic collection is a full one.'
                : 'Generation 2 is over its threshold but the rule holds it back: the next automatic collection stops at generation 1.'
              : longLived.allowed
                ? 'The rule would let a full collection run once generation 2 is over its threshold.'
                : 'The rule would hold a full collection back even past the threshold.'}
          </p>
        </section>
      )}

      <section aria-label="Objects by generation">
        <h3>Your objects by generation</h3>
        <p className="muted small">The program’s tracked objects in this step’s snapshot.</p>
        <div className="generation-objects">
          {generations.map((objects, g) => (
            <div key={g}>
              <h4>
                Generation {g}{' '}
                <span className="muted">
                  · {objects.length} {objects.length === 1 ? 'object' : 'objects'}
                </span>
              </h4>
              <div className="chips">
                {objects.slice(0, OBJECTS_SHOWN).map((o) => (
                  <button
                    key={o.id}
                    type="button"
                    className="chip"
                    onClick={() => onSelect(o.id)}
                    title={o.type}
                  >
                    {objectName(o)}
                  </button>
                ))}
                {objects.length > OBJECTS_SHOWN && (
                  <span className="muted">… {objects.length - OBJECTS_SHOWN} more</span>
                )}
              </div>
            </div>
          ))}
        </div>
      </section>

      {last && (
        <section aria-label="Last collection">
          <h3>Last collection</h3>
          <p>{describeCollection(last)}.</p>
          {promotion ? (
            <>
              <p>
                {promotion.survivors.length} {promotion.survivors.length === 1 ? 'object' : 'objects'}{' '}
                {last.generation < 2 ? `promoted to generation ${promotion.to}` : 'stayed in generation 2'}
                {promotion.resurrected.length > 0 &&
                  ` (${promotion.resurrected.length} resurrected by __del__)`}
                {last.generation < 2 && '; tuples that hold nothing trackable are untracked instead'}.
              </p>
              <div className="chips">
                {promotion.survivors
                  .filter((id) => known.has(id) && !known.get(id)!.shared)
                  .slice(0, OBJECTS_SHOWN)
                  .map((id) => (
                    <button
                      key={id}
                      type="button"
                      className="chip"
                      onClick={() => onSelect(id)}
                      title={known.get(id)!.type}
                    >
                      {objectName(known.get(id)!)}
                    </button>
                  ))}
              </div>
            </>
          ) : (
            <p className="muted">Its phases were not recorded.</p>
          )}
        </section>
      )}

      <section aria-label="Collections">
        <h3>
          Collections of this run <span className="muted">· {rows.length}</span>
        </h3>
        {rows.length === 0 ? (
          <p className="muted">
            {series ? 'None: nothing started a collection.' : 'Not recorded for this run.'}
          </p>
        ) : (
          <table className="data-table collections">
            <thead>
              <tr>
                <th>Step</th>
                <th>Generation</th>
                <th>Started by</th>
                <th className="number">Collected</th>
                <th className="number">Uncollectable</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(first, first + ROWS_SHOWN).map((row, i) => (
                <tr
                  key={first + i}
                  className={first + i === current ? 'selected' : undefined}
                  tabIndex={0}
                  onClick={() => onGoTo(row.step)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' || event.key === ' ') {
                      event.preventDefault();
                      onGoTo(row.step);
                    }
                  }}
                  aria-label={`Collection of generation ${row.generation} at ${shownStep(row.step)}`}
                >
                  <td className="number">{(row.step + 1).toLocaleString('en-US')}</td>
                  <td>{row.generation}</td>
                  <td>{row.cause}</td>
                  <td className="number">{row.collected}</td>
                  <td className="number">{row.uncollectable}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
