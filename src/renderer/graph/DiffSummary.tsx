/** Compare mode's summary: objects created and freed by type (objgraph's show_growth). */

import type { SnapshotDiff } from '../../core/trace/diff';

const MAX_TYPES = 8;

export function DiffSummary({ diff }: { diff: SnapshotDiff }) {
  const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);
  return (
    <div className="graph-overlay graph-diff" role="region" aria-label="Changes between steps">
      <div className="graph-diff-title">
        step {diff.fromStep} → {diff.toStep}: {diff.created.length} created, {diff.freed.length} freed,{' '}
        {diff.refcounts.length} refcounts changed, {diff.edgesAdded.length}+/{diff.edgesRemoved.length}−
        references
      </div>
      {diff.byType.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>type</th>
              <th>count</th>
              <th>change</th>
              <th>bytes</th>
            </tr>
          </thead>
          <tbody>
            {diff.byType.slice(0, MAX_TYPES).map((t) => (
              <tr key={t.type}>
                <td>{t.type}</td>
                <td>{t.count}</td>
                <td>{signed(t.delta)}</td>
                <td>{signed(t.sizeDelta)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {diff.truncated && <div className="graph-note">A snapshot was cut short: counts are partial.</div>}
    </div>
  );
}
