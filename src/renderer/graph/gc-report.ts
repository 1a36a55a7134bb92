/**
 * The last collection as the graph tells it: whether it belongs to the step shown, and what
 * each recorded phase of gc_collect_main means.
 */
import type { CollectionReport, Snapshot } from '../../core';

/**
 * A report is shown at the steps up to this far after it: the step where `gc.collect()`
 * returns and the next one, where the person is still looking at its effect.
 */
export const GC_FRESH_STEPS = 2;

export function freshCollection(snapshot: Snapshot): CollectionReport | null {
  const last = snapshot.gc.last;
  if (last === undefined) return null;
  const after = snapshot.step - last.step;
  return after >= 0 && after <= GC_FRESH_STEPS ? last : null;
}

const PHASES: Record<string, string> = {
  candidates:
    'update_refs: every tracked object of the collected generations starts with gc_refs = its refcount',
  unreachable:
    'subtract_refs + move_unreachable: references from inside the set are subtracted; what nothing outside reaches is unreachable',
  'weakrefs handled': 'handle_weakrefs: weak references to the unreachable objects are cleared',
  finalized: 'finalize_garbage: __del__ methods run, once per object (PEP 442)',
  'still unreachable':
    'handle_resurrected_objects: what no finalizer resurrected is freed by delete_garbage (tp_clear)',
};

export function explainPhase(name: string): string {
  return PHASES[name] ?? name;
}

export function describeCollection(report: CollectionReport): string {
  const call = report.manual ? 'gc.collect()' : 'automatic collection';
  const uncollectable = report.uncollectable > 0 ? `, ${report.uncollectable} uncollectable` : '';
  return `${call} of generation ${report.generation} at step ${report.step}: ${report.unreachable.length} unreachable, ${report.collected} collected${uncollectable}`;
}
