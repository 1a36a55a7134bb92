/**
 * The run's collections under the step slider: a tick per collection at its step, coloured by
 * generation (a long run shows an even sample of them). A tick moves the timeline there.
 */

export interface TimelineMark {
  step: number;
  generation: number;
  label: string;
}

/** Ticks drawn at most. */
const MAX_MARKS = 400;

export interface TimelineMarksProps {
  marks: readonly TimelineMark[];
  /** Steps of the run (the slider's last position is count - 1). */
  count: number;
  onGoTo: (step: number) => void;
}

export function TimelineMarks({ marks, count, onGoTo }: TimelineMarksProps) {
  if (marks.length === 0 || count < 2) return null;
  const every = Math.ceil(marks.length / MAX_MARKS);
  const shown = marks.filter((_, i) => i % every === 0);
  return (
    <div className="step-marks" aria-label={`${marks.length} collections on the timeline`}>
      {shown.map((mark, i) => (
        <button
          key={`${mark.step}-${i}`}
          type="button"
          tabIndex={-1}
          className={`step-mark gen${mark.generation}`}
          // The slider's thumb stops half its width inside the track at either end.
          style={{ left: `calc(var(--thumb) / 2 + (100% - var(--thumb)) * ${mark.step / (count - 1)})` }}
          title={mark.label}
          data-step={mark.step}
          onClick={() => onGoTo(mark.step)}
        />
      ))}
    </div>
  );
}
