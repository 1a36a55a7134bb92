/**
 * What the renderer knows about the current run, as a reducer: the console's output, the
 * status line, and whether Run or Stop applies. Pure, so it is tested without a DOM.
 */

import type { RunEvent, RunResult } from '../shared/lab-api';

export type RunStatus = 'idle' | 'running' | 'stopping' | 'finished' | 'stopped' | 'failed';

export interface OutputChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface RunState {
  status: RunStatus;
  /** Counts the runs started: a new number is a new timeline. */
  run: number;
  /** The program of the current or last run. */
  source: string;
  /** Console contents, consecutive text of one stream merged into one chunk. */
  output: OutputChunk[];
  /** Characters dropped from the start of the console to keep it within MAX_CONSOLE_CHARS. */
  droppedChars: number;
  /** Characters streamed so far per stream, to notice an engine that only returns its result. */
  streamed: { stdout: number; stderr: number };
  steps: number;
  /** Once finished: the whole result (its step count and list, its output unabridged). */
  result?: RunResult;
  startedAt: number;
  elapsedMs?: number;
  exitCode?: number;
  /** Why the run failed (not a Python error: those are stderr output with exit code 1). */
  error?: string;
}

export type RunAction =
  | { type: 'start'; at: number; source?: string }
  | { type: 'event'; event: RunEvent }
  | { type: 'stop-requested' }
  | { type: 'finished'; result: RunResult; at: number }
  | { type: 'failed'; message: string; at: number }
  /** Another program was opened: the last run's output and status no longer apply. */
  | { type: 'reset' };

/** The console keeps the last this many characters; a runaway print loop cannot exhaust memory. */
export const MAX_CONSOLE_CHARS = 200_000;

export const initialRunState: RunState = {
  status: 'idle',
  run: 0,
  source: '',
  output: [],
  droppedChars: 0,
  streamed: { stdout: 0, stderr: 0 },
  steps: 0,
  startedAt: 0,
};

export function isActive(status: RunStatus): boolean {
  return status === 'running' || status === 'stopping';
}

export function runReducer(state: RunState, action: RunAction): RunState {
  switch (action.type) {
    case 'start':
      return {
        ...initialRunState,
        status: 'running',
        run: state.run + 1,
        source: action.source ?? '',
        startedAt: action.at,
      };
    case 'event': {
      const { event } = action;
      if (!isActive(state.status)) return state;
      if (event.kind === 'progress') return { ...state, steps: event.steps };
      return {
        ...state,
        ...appendOutput(state, event.kind, event.text),
        streamed: { ...state.streamed, [event.kind]: state.streamed[event.kind] + event.text.length },
      };
    }
    case 'stop-requested':
      return state.status === 'running' ? { ...state, status: 'stopping' } : state;
    case 'finished': {
      const { result } = action;
      const complete =
        state.streamed.stdout === result.stdout.length && state.streamed.stderr === result.stderr.length;
      // Normally every byte was streamed; if not, the result is the whole truth.
      const output = complete ? state : fromResult(result);
      return {
        ...state,
        ...output,
        status: 'finished',
        exitCode: result.exitCode,
        steps: result.stepCount,
        result,
        elapsedMs: action.at - state.startedAt,
      };
    }
    case 'reset':
      // A run in progress goes on (its program was already sent); a finished one is forgotten.
      return isActive(state.status) ? state : { ...initialRunState, run: state.run };
    case 'failed':
      return {
        ...state,
        status: state.status === 'stopping' ? 'stopped' : 'failed',
        error: state.status === 'stopping' ? undefined : action.message,
        elapsedMs: action.at - state.startedAt,
      };
  }
}

function appendOutput(
  state: Pick<RunState, 'output' | 'droppedChars'>,
  stream: OutputChunk['stream'],
  text: string,
): Pick<RunState, 'output' | 'droppedChars'> {
  if (!text) return state;
  const output = state.output.slice();
  const last = output.at(-1);
  if (last?.stream === stream) output[output.length - 1] = { stream, text: last.text + text };
  else output.push({ stream, text });

  let total = output.reduce((sum, chunk) => sum + chunk.text.length, 0);
  let droppedChars = state.droppedChars;
  while (total > MAX_CONSOLE_CHARS) {
    const first = output[0]!;
    const excess = total - MAX_CONSOLE_CHARS;
    if (first.text.length <= excess) {
      output.shift();
      total -= first.text.length;
      droppedChars += first.text.length;
    } else {
      output[0] = { stream: first.stream, text: first.text.slice(excess) };
      total -= excess;
      droppedChars += excess;
    }
  }
  return { output, droppedChars };
}

function fromResult(result: RunResult): Pick<RunState, 'output' | 'droppedChars'> {
  const empty = { output: [], droppedChars: 0 };
  return appendOutput(appendOutput(empty, 'stdout', result.stdout), 'stderr', result.stderr);
}
