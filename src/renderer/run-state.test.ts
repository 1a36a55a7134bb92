import { describe, expect, it } from 'vitest';
import { initialRunState, MAX_CONSOLE_CHARS, runReducer, type RunAction, type RunState } from './run-state';

const play = (...actions: RunAction[]): RunState => actions.reduce(runReducer, initialRunState);
const start: RunAction = { type: 'start', at: 1000 };
const out = (text: string): RunAction => ({ type: 'event', event: { kind: 'stdout', text } });
const err = (text: string): RunAction => ({ type: 'event', event: { kind: 'stderr', text } });

describe('runReducer', () => {
  it('collects streamed output, merging consecutive text of one stream', () => {
    const state = play(start, out('a'), out('b'), err('E'), out('c'));
    expect(state.status).toBe('running');
    expect(state.output).toEqual([
      { stream: 'stdout', text: 'ab' },
      { stream: 'stderr', text: 'E' },
      { stream: 'stdout', text: 'c' },
    ]);
  });

  it('finishes with the exit code and the elapsed time', () => {
    const state = play(start, out('hi\n'), {
      type: 'finished',
      result: { stdout: 'hi\n', stderr: '', exitCode: 0, stepCount: 0 },
      at: 1250,
    });
    expect(state).toMatchObject({ status: 'finished', exitCode: 0, elapsedMs: 250 });
    expect(state.output).toEqual([{ stream: 'stdout', text: 'hi\n' }]);
  });

  it('falls back to the result when the engine streamed nothing', () => {
    const state = play(start, {
      type: 'finished',
      result: { stdout: 'x\n', stderr: 'Err\n', exitCode: 1, stepCount: 0 },
      at: 1001,
    });
    expect(state.output).toEqual([
      { stream: 'stdout', text: 'x\n' },
      { stream: 'stderr', text: 'Err\n' },
    ]);
  });

  it('numbers the runs and keeps the program and the whole result for the timeline', () => {
    const result = { stdout: '', stderr: '', exitCode: 0, stepCount: 2, steps: [] };
    const first = play({ type: 'start', at: 0, source: 'x = 1' }, { type: 'finished', result, at: 5 });
    expect(first).toMatchObject({ run: 1, source: 'x = 1', result, steps: 2 });
    const second = runReducer(first, { type: 'start', at: 6, source: 'y = 2' });
    expect(second).toMatchObject({ run: 2, source: 'y = 2' });
    expect(second.result).toBeUndefined();
  });

  it('keeps progress while running', () => {
    expect(play(start, { type: 'event', event: { kind: 'progress', steps: 5000 } }).steps).toBe(5000);
  });

  it('tells a stop the person asked for from a failure', () => {
    const stopped = play(
      start,
      { type: 'stop-requested' },
      { type: 'failed', message: 'Stopped.', at: 2000 },
    );
    expect(stopped).toMatchObject({ status: 'stopped', error: undefined, elapsedMs: 1000 });
    const failed = play(start, { type: 'failed', message: 'The engine crashed', at: 2000 });
    expect(failed).toMatchObject({ status: 'failed', error: 'The engine crashed' });
  });

  it('ignores events once the run is over', () => {
    const state = play(start, { type: 'failed', message: 'x', at: 1 }, out('late'));
    expect(state.output).toEqual([]);
  });

  it('keeps only the last MAX_CONSOLE_CHARS characters and counts what it dropped', () => {
    const state = play(start, out('a'.repeat(MAX_CONSOLE_CHARS)), err('b'.repeat(10)));
    const total = state.output.reduce((sum, chunk) => sum + chunk.text.length, 0);
    expect(total).toBe(MAX_CONSOLE_CHARS);
    expect(state.droppedChars).toBe(10);
    expect(state.output.at(-1)).toEqual({ stream: 'stderr', text: 'b'.repeat(10) });
  });

  it('starts each run afresh', () => {
    const state = play(
      start,
      out('old'),
      { type: 'finished', result: { stdout: 'old', stderr: '', exitCode: 0, stepCount: 0 }, at: 2 },
      start,
    );
    expect(state).toMatchObject({ status: 'running', output: [], steps: 0 });
  });

  it('forgets a finished run when another program opens, but not a run in progress', () => {
    const result = { stdout: 'old', stderr: '', exitCode: 0, stepCount: 3 };
    const finished = play(start, out('old'), { type: 'finished', result, at: 2 });
    expect(runReducer(finished, { type: 'reset' })).toEqual({ ...initialRunState, run: 1 });
    const running = play(start, out('x'));
    expect(runReducer(running, { type: 'reset' })).toBe(running);
  });
});
