/**
 * The timeline's controls in the toolbar: to start, step back, step forward, to end, the step
 * slider and the step counter. With the focus anywhere in it, the arrow keys step, Page Up/Down
 * jump ten steps, Home and End go to the ends.
 */

import type { KeyboardEvent } from 'react';
import { describeStep } from '../timeline';
import type { Timeline } from '../use-timeline';
import { StepBackIcon, StepForwardIcon, ToEndIcon, ToStartIcon } from './Icons';
import { TimelineMarks, type TimelineMark } from './TimelineMarks';

const KEY_MOVES: Record<string, (step: number, last: number) => number> = {
  ArrowLeft: (step) => step - 1,
  ArrowDown: (step) => step - 1,
  ArrowRight: (step) => step + 1,
  ArrowUp: (step) => step + 1,
  PageDown: (step) => step - 10,
  PageUp: (step) => step + 10,
  Home: () => 0,
  End: (_step, last) => last,
};

export interface TimelineBarProps {
  timeline: Timeline;
  /** Steps so far while a program runs (the timeline opens when it ends). */
  running?: number;
  /** The run's collections, marked under the slider. */
  marks?: readonly TimelineMark[];
}

export function TimelineBar({ timeline, running, marks = [] }: TimelineBarProps) {
  const { count, step, current } = timeline;
  const enabled = count > 0 && step !== null;
  const last = count - 1;

  const onKeyDown = (event: KeyboardEvent) => {
    const move = KEY_MOVES[event.key];
    if (!enabled || !move || event.altKey || event.ctrlKey || event.metaKey) return;
    // Also for the slider: its own handling would move it a second time.
    event.preventDefault();
    timeline.goTo(move(step, last));
  };

  const where = current ? describeStep(current) : timeline.loading ? 'loading…' : '';
  const counter = enabled
    ? `Step ${step + 1} / ${count}`
    : running === undefined
      ? 'No steps'
      : running > 0
        ? `Running… ${running.toLocaleString('en-US')} steps`
        : 'Running…';

  return (
    <div className="timeline" role="group" aria-label="Timeline" onKeyDown={onKeyDown}>
      <button
        type="button"
        className="button icon-button"
        aria-label="To start"
        title="To start (Home)"
        disabled={!enabled || step === 0}
        onClick={() => timeline.goTo(0)}
      >
        <ToStartIcon />
      </button>
      <button
        type="button"
        className="button icon-button"
        aria-label="Step back"
        title="Step back (Shift+F10, ←)"
        disabled={!enabled || step === 0}
        onClick={() => timeline.stepBy(-1)}
      >
        <StepBackIcon />
      </button>
      <button
        type="button"
        className="button icon-button"
        aria-label="Step forward"
        title="Step forward (F10, →)"
        disabled={!enabled || step === last}
        onClick={() => timeline.stepBy(1)}
      >
        <StepForwardIcon />
      </button>
      <button
        type="button"
        className="button icon-button"
        aria-label="To end"
        title="To end (End)"
        disabled={!enabled || step === last}
        onClick={() => timeline.goTo(last)}
      >
        <ToEndIcon />
      </button>
      <div className="step-track">
        <input
          type="range"
          className="step-slider"
          aria-label="Step"
          aria-valuetext={enabled ? `${counter}: ${where}` : 'No steps: run the program first'}
          min={0}
          max={Math.max(last, 0)}
          step={1}
          value={step ?? 0}
          disabled={!enabled}
          onChange={(event) => timeline.goTo(Number(event.currentTarget.value))}
        />
        {enabled && <TimelineMarks marks={marks} count={count} onGoTo={timeline.goTo} />}
      </div>
      <output className="step-counter" aria-label="Step counter" aria-live="polite">
        <span className="step-number">{counter}</span>
        {enabled && <span className="step-where">{where}</span>}
      </output>
    </div>
  );
}
