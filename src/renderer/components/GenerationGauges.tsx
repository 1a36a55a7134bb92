/**
 * `gc.get_count()` against `gc.get_threshold()`, one gauge per generation: the collector
 * panel's compact form and the collector view's, which also says what each count counts.
 */

import type { Snapshot } from '../../shared/lab-api';

const MEANING = [
  'GC allocations minus GC deallocations since generation 0 was last collected; past the threshold, the next GC allocation starts a collection.',
  'Collections of generation 0 since generation 1 was last collected.',
  'Collections of generation 1 since the last full collection.',
];

export interface GenerationGaugesProps {
  gc: Snapshot['gc'];
  detailed?: boolean;
}

export function GenerationGauges({ gc, detailed = false }: GenerationGaugesProps) {
  return (
    <ul className={detailed ? 'generations detailed' : 'generations'} aria-label="Generations">
      {gc.counts.map((count, generation) => {
        const threshold = gc.thresholds[generation] ?? 0;
        const fill = threshold > 0 ? Math.min(count / threshold, 1) : 0;
        const over = threshold > 0 && count > threshold;
        return (
          <li
            key={generation}
            className={over ? 'generation over' : 'generation'}
            aria-label={`Generation ${generation}: ${count} of ${threshold}`}
          >
            <span className="generation-name">Gen {generation}</span>
            <span className="gauge" aria-hidden="true">
              <span className="gauge-fill" style={{ width: `${(fill * 100).toFixed(1)}%` }} />
            </span>
            <span className="generation-count mono">
              {count} / {threshold}
            </span>
            {detailed && (
              <span className="generation-meaning">
                {MEANING[generation]}
                {gc.sizes && ` ${gc.sizes[generation].toLocaleString('en-US')} objects tracked in it now.`}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
