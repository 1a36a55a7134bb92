/**
 * Memory at the current step: live objects and their `sys.getsizeof` bytes per line that
 * allocated them (like tracemalloc's `statistics('lineno')`) and per type (like objgraph's
 * `show_most_common_types`). Choosing a line marks it in the editor.
 */

import type { ReactNode } from 'react';
import type { Snapshot } from '../../core';
import { formatBytes } from '../timeline';
import { commonTypes, lineStatistics } from './profile-model';

const ROWS = 12;

/** A table of statistics: the column that names each row, then objects and size. */
function StatTable({ first, children }: { first: string; children: ReactNode }) {
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th>{first}</th>
          <th className="number">Objects</th>
          <th className="number">Size</th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

function StatCells({ stat }: { stat: { objects: number; bytes: number } }) {
  return (
    <>
      <td className="number">{stat.objects}</td>
      <td className="number">{formatBytes(stat.bytes)}</td>
    </>
  );
}

export interface MemoryProfileProps {
  snapshot: Snapshot;
  /** The program's text, to show each line. */
  source: string;
  line: number | null;
  onLine: (line: number | null) => void;
}

export function MemoryProfile({ snapshot, source, line, onLine }: MemoryProfileProps) {
  const lines = lineStatistics(snapshot);
  const types = commonTypes(snapshot);
  const text = source.split(/\r\n|\r|\n/);
  const choose = (l: number) => onLine(l === line || l === 0 ? null : l);
  return (
    <div className="memory-profile">
      <section aria-label="Memory by line">
        <h4>By the line that allocated it</h4>
        {lines.length === 0 ? (
          <p className="muted">No object of the program is alive at this step.</p>
        ) : (
          <StatTable first="Line">
            {lines.slice(0, ROWS).map((stat) => (
              <tr
                key={stat.line}
                className={stat.line === line ? 'selected' : undefined}
                tabIndex={stat.line > 0 ? 0 : undefined}
                onClick={() => choose(stat.line)}
                onKeyDown={(event) => {
                  if (event.key !== 'Enter' && event.key !== ' ') return;
                  event.preventDefault();
                  choose(stat.line);
                }}
                aria-label={stat.line > 0 ? `Line ${stat.line}` : 'Before the first step'}
              >
                <td className="profile-line">
                  {stat.line > 0 ? (
                    <>
                      <span className="mono">{stat.line}</span>{' '}
                      <span className="mono muted">{text[stat.line - 1]?.trim()}</span>
                    </>
                  ) : (
                    <span className="muted">before the first step</span>
                  )}
                </td>
                <StatCells stat={stat} />
              </tr>
            ))}
          </StatTable>
        )}
      </section>
      <section aria-label="Most common types">
        <h4>Most common types</h4>
        <StatTable first="Type">
          {types.slice(0, ROWS).map((stat) => (
            <tr key={stat.type}>
              <td className="mono">{stat.type}</td>
              <StatCells stat={stat} />
            </tr>
          ))}
        </StatTable>
      </section>
      <p className="muted small">
        Objects of the snapshot (reachable from a frame, or kept by a cycle), sizes as sys.getsizeof reports
        them; static and startup objects are left out.
      </p>
    </div>
  );
}
