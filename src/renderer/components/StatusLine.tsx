/** The status line: what the last or current run is doing, in words. */

import type { RunState } from '../run-state';

export function statusText(state: RunState, runShortcut: string): string {
  const seconds = state.elapsedMs === undefined ? '' : `${(state.elapsedMs / 1000).toFixed(2)} s`;
  switch (state.status) {
    case 'idle':
      return `Ready. ${runShortcut} runs the program, Esc stops it.`;
    case 'running':
      return state.steps > 0 ? `Running… ${state.steps.toLocaleString('en-US')} steps` : 'Running…';
    case 'stopping':
      return 'Stopping…';
    case 'finished':
      return state.exitCode === 0
        ? `Finished in ${seconds}.`
        : `Exited with code ${state.exitCode} after ${seconds}.`;
    case 'stopped':
      return `Stopped after ${seconds}.`;
    case 'failed':
      return `Failed: ${state.error ?? 'unknown error'}`;
  }
}

export function StatusLine({ state, runShortcut }: { state: RunState; runShortcut: string }) {
  const tone =
    state.status === 'failed' || (state.status === 'finished' && state.exitCode !== 0)
      ? 'error'
      : state.status;
  return (
    <footer className={`status-line status-${tone}`} role="status" aria-label="Status">
      <span className="status-text">{statusText(state, runShortcut)}</span>
      <span className="status-profile">Memory model: CPython 3.11, 64-bit</span>
    </footer>
  );
}
