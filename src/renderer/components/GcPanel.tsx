/**
 * The cyclic collector at the current step: `gc.get_count()` against `gc.get_threshold()` per
 * generation (generation 0 is collected when its count passes its threshold), the cycles
 * present now, and what the last collection did.
 */

import type { ObjectId, Snapshot } from '../../shared/lab-api';

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
      <ul className="generations" aria-label="Generations">
        {gc.counts.map((count, generation) => {
          const threshold = gc.thresholds[generation] ?? 0;
          const fill = threshold > 0 ? Math.min(count / threshold, 1) : 0;
          return (
            <li
              key={generation}
              className="generation"
              aria-label={`Generation ${generation}: ${count} of ${threshold}`}
            >
              <span className="generation-name">Gen {generation}</span>
              <span className="gauge" aria-hidden="true">
                <span className="gauge-fill" style={{ width: `${(fill * 100).toFixed(1)}%` }} />
              </span>
              <span className="generation-count mono">
                {count} / {threshold}
              </span>
            </li>
          );
        })}
      </ul>
      <p className="gc-line">
        Automatic collection {gc.enabled ? 'on' : 'off (gc.disable())'} · {gc.collections}{' '}
        {gc.collections === 1 ? 'collection' : 'collections'} so far
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
