/** The result of "Compare with CPython": "identical output", or the differing lines of each stream. */

import type { DiffLine } from '../line-diff';
import type { Compare } from '../use-compare';

const MARK: Record<DiffLine['kind'], string> = { same: ' ', removed: '−', added: '+' };

export function ComparePanel({ compare }: { compare: Compare }) {
  const { availability, state } = compare;
  if (!availability) return <p className="panel-empty">Looking for CPython…</p>;
  if (!availability.available) {
    return (
      <p className="panel-empty" role="note">
        Compare with CPython is not available: {availability.reason}
      </p>
    );
  }
  switch (state.status) {
    case 'idle':
      return (
        <p className="panel-empty">
          Compare runs the program in CPython {availability.version} ({availability.executable}) and shows
          whether it prints exactly what the lab printed.
        </p>
      );
    case 'running':
      return (
        <p className="panel-empty" role="status">
          {state.phase === 'lab' ? 'Running the program in the lab…' : `Running the program in CPython…`}
        </p>
      );
    case 'failed':
      return (
        <p className="panel-empty error-text" role="alert">
          The comparison failed: {state.message}
        </p>
      );
    case 'done':
      break;
  }

  const { comparison } = state;
  const { cpython, exitCodes } = comparison;
  const ran = `CPython ${cpython.version} (${cpython.durationMs} ms)`;
  return (
    <div className="compare" aria-label="Comparison with CPython">
      {comparison.identical ? (
        <p className="compare-verdict same" role="status">
          Identical output: stdout, stderr and exit code ({exitCodes.lab}) match {ran}.
        </p>
      ) : (
        <>
          <p className="compare-verdict different" role="status">
            The output differs from {ran}.
            <span className="compare-legend">
              <span className="removed">− the lab</span> <span className="added">+ CPython</span>
            </span>
          </p>
          {cpython.timedOut && <p className="compare-note">CPython was stopped after its time limit.</p>}
          {cpython.truncated && <p className="compare-note">CPython wrote too much: its output was cut.</p>}
          {exitCodes.lab !== exitCodes.cpython && (
            <p className="compare-note">
              Exit code: the lab {exitCodes.lab}, CPython {exitCodes.cpython ?? 'none (killed)'}.
            </p>
          )}
          <StreamDiff name="stdout" lines={comparison.stdout} />
          <StreamDiff name="stderr" lines={comparison.stderr} />
        </>
      )}
    </div>
  );
}

function StreamDiff({ name, lines }: { name: string; lines: DiffLine[] }) {
  if (lines.length === 0) return <p className="compare-note">{name}: identical.</p>;
  return (
    <section className="diff" aria-label={`${name} differences`}>
      <h3>{name}</h3>
      <pre>
        {lines.map((line, i) => (
          <span key={i} className={`diff-line ${line.kind}`}>
            {MARK[line.kind]} {line.text}
            {'\n'}
          </span>
        ))}
      </pre>
    </section>
  );
}
