/** The last collection, when it belongs to the step shown: what it found, phase by phase. */

import type { CollectionReport } from '../../core';
import { describeCollection, explainPhase } from './gc-report';

export interface CollectorCaptionProps {
  report: CollectionReport;
  /** The phase being shown, or null at rest (after the collection). */
  phase: number | null;
  onPhase: (phase: number | null) => void;
  onReplay: () => void;
}

export function CollectorCaption({ report, phase, onPhase, onReplay }: CollectorCaptionProps) {
  const current = phase === null ? null : report.phases[phase];
  return (
    <div
      className="graph-overlay graph-gc"
      role="status"
      aria-label="Garbage collection"
      data-gc-phase={current?.name ?? 'rest'}
    >
      <div className="graph-gc-title">{describeCollection(report)}</div>
      {report.phases.length > 0 && (
        <div className="graph-gc-phases">
          {report.phases.map((p, i) => (
            <button
              key={p.name}
              type="button"
              className="graph-chip"
              aria-pressed={phase === i}
              onClick={() => onPhase(i)}
              title={explainPhase(p.name)}
            >
              {p.name} ({p.objects.length})
            </button>
          ))}
          <button
            type="button"
            className="graph-chip"
            aria-pressed={phase === null}
            onClick={() => onPhase(null)}
          >
            after
          </button>
          <button type="button" className="graph-chip" onClick={onReplay} title="Play the phases again">
            ▶
          </button>
        </div>
      )}
      <div className="graph-gc-explain">
        {current === null || current === undefined
          ? report.unreachable.length > 0
            ? 'The objects it found unreachable are highlighted; those it freed are drawn dashed until the next step.'
            : 'It found nothing unreachable.'
          : explainPhase(current.name)}
      </div>
    </div>
  );
}
