/**
 * The cyclic collector at the current step: `gc.get_count()` against `gc.get_threshold()` per
 * generation (generation 0 is collected when its count passes its threshold), the cycles
 * present now, what the last collection did, and when the long-lived rule holds back a full
 * collection that generation 2's count asks for (the collector view tells more).
 */

import type { ObjectId, Snapshot } from '../../shared/lab-api';
import { GenerationGauges } from './GenerationGauges';

export interface GcPanelProps {
  snapshot: Snapshot | null;
  onSelect: (id: ObjectId | null) => void;
}

export function GcPanel({ snapshot, onSelect }: GcPanelProps) {
  if (!snapshot) return <p className="panel-empty">The collector's state appears once a program has run.</p>;
  const { gc, cycles } = snapshot;
  const unreachable = snapshot.objects.filter((o) => !o.reachable).length;
  const last = gc.last;

  return (
    <div className="gc">
      <GenerationGauges gc={gc} />
      <p className="gc-line">
        Automatic collection {gc.enabled ? 'on' : 'off (gc.disable())'} · {gc.collections}{' '}
        {gc.collections === 1 ? 'collection' : 'collections'} so far
        {gc.longLived &&
          gc.counts[2]! > gc.thresholds[2]! &&
          gc.longLived.pending < Math.floor(gc.longLived.total / 4) && (
            <span className="warning">
              {' '}
              · generation 2 is due, but a full collection waits until {gc.longLived.pending} promoted objects
              reach {Math.floor(gc.longLived.total / 4)}
            </span>
          )}
      </p>
      <p className="gc-line">
        {cycles.length === 0 ? (
          'No reference cycle now.'
        ) : (
          <>
            {cycles.length} {cycles.length === 1 ? 'cycle' : 'cycles'} now:{' '}
            {cycles.map((cycle, i) => (
              <button
                key={i}
                type="button"
                className="link-button"
                onClick={() => onSelect(cycle[0] ?? null)}
                title="Select an object of this cycle"
              >
                {cycle.length} {cycle.length === 1 ? 'object' : 'objects'}
              </button>
            ))}
          </>
        )}
        {unreachable > 0 && (
          <span className="warning">
            {' '}
            · {unreachable} unreachable {unreachable === 1 ? 'object waits' : 'objects wait'} for the
            collector
          </span>
        )}
      </p>
      {last && (
        <p className="gc-line">
          Last collection (step {last.step + 1}, generation {last.generation}
          {last.manual ? ', gc.collect()' : ''}): {last.collected} collected, {last.uncollectable}{' '}
          uncollectable
        </p>
      )}
    </div>
  );
}
