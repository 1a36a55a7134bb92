/**
 * The exercises panel, in the sidebar's place: the course with each exercise's progress, and
 * the open exercise (its question, the answer form, hints, the check, the explanation and a jump
 * to the step that shows the answer). The exercise's program is in the editor meanwhile, as an
 * experiment the person can change and run.
 */

import { useState, type FormEvent } from 'react';
import {
  describeAnswer,
  type AnswerForm,
  type ExerciseAnswer,
  type ExerciseProgress,
  type ExerciseSummary,
} from '../../shared/exercise';
import type { Exercises, OpenExercise } from '../use-exercises';
import { inlineMarkdown, MarkdownText } from './MarkdownText';
import './Exercises.css';

type Status = 'solved' | 'revealed' | 'attempted' | 'new';

function statusOf(progress: ExerciseProgress | null): Status {
  if (progress?.solvedAt != null) return 'solved';
  if (progress?.revealed) return 'revealed';
  if (progress && progress.attempts > 0) return 'attempted';
  return 'new';
}

const STATUS_TEXT: Record<Status, string> = {
  solved: 'Solved',
  revealed: 'Answer shown',
  attempted: 'Not solved yet',
  new: 'Not started',
};

const STATUS_MARK: Record<Status, string> = { solved: '✓', revealed: '◐', attempted: '•', new: '' };

const tries = (n: number) => `${n} ${n === 1 ? 'try' : 'tries'}`;

export function ExercisesSidebar({ exercises, onClose }: { exercises: Exercises; onClose: () => void }) {
  return (
    <aside className="experiments-sidebar exercises-sidebar" aria-label="Exercises">
      {exercises.open ? (
        <ExerciseDetail exercises={exercises} open={exercises.open} />
      ) : (
        <ExerciseList exercises={exercises} onClose={onClose} />
      )}
    </aside>
  );
}

function ExerciseList({ exercises, onClose }: { exercises: Exercises; onClose: () => void }) {
  const { list, solved, error } = exercises;
  const [confirmingReset, setConfirmingReset] = useState(false);
  const total = list?.exercises.length ?? 0;
  // Grouped by topic, in course order.
  const groups: { topic: string; items: ExerciseSummary[] }[] = [];
  for (const exercise of list?.exercises ?? []) {
    const last = groups[groups.length - 1];
    if (last?.topic === exercise.topic) last.items.push(exercise);
    else groups.push({ topic: exercise.topic, items: [exercise] });
  }

  return (
    <>
      <header className="experiments-header">
        <h2>Exercises</h2>
        <button type="button" className="button small" onClick={onClose}>
          ← Experiments
        </button>
      </header>
      <div className="exercises-progress">
        <progress value={solved} max={Math.max(total, 1)} aria-label="Exercises solved" />
        <span>
          {solved} of {total} solved
        </span>
      </div>
      {list?.progressUnavailable !== undefined && (
        <p className="experiments-notice error" role="alert">
          Progress cannot be saved: {list.progressUnavailable}
        </p>
      )}
      {error && (
        <p className="experiments-notice error" role="alert">
          {error}
        </p>
      )}
      <div className="exercises-scroll">
        {groups.map((group) => (
          <section key={group.topic} className="exercises-group" aria-label={group.topic}>
            <h3>{group.topic}</h3>
            <ol className="exercises-list">
              {group.items.map((exercise) => {
                const status = statusOf(exercise.progress);
                return (
                  <li key={exercise.id} data-status={status} data-exercise={exercise.id}>
                    <button
                      type="button"
                      className="exercise-item"
                      onClick={() => exercises.openExercise(exercise.id)}
                    >
                      <span className="exercise-number">{exercise.number}</span>
                      <span className="exercise-title">{exercise.title}</span>
                      <span
                        className="exercise-status"
                        aria-label={STATUS_TEXT[status]}
                        title={STATUS_TEXT[status]}
                      >
                        {STATUS_MARK[status]}
                      </span>
                    </button>
                    {exercise.progress && exercise.progress.attempts > 0 && (
                      <span className="exercise-attempts">{tries(exercise.progress.attempts)}</span>
                    )}
                  </li>
                );
              })}
            </ol>
          </section>
        ))}
      </div>
      <footer className="experiments-footer">
        {confirmingReset ? (
          <>
            <button
              type="button"
              className="button small danger"
              onClick={() => {
                setConfirmingReset(false);
                exercises.reset();
              }}
            >
              Forget all progress
            </button>
            <button type="button" className="button small" onClick={() => setConfirmingReset(false)}>
              Cancel
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button small"
            onClick={() => setConfirmingReset(true)}
            disabled={list?.progressUnavailable !== undefined}
          >
            Reset all progress
          </button>
        )}
      </footer>
    </>
  );
}

function ExerciseDetail({ exercises, open }: { exercises: Exercises; open: OpenExercise }) {
  const { exercise, check, hintsShown } = open;
  const { progress, solution } = exercise;
  const status = statusOf(progress);
  const all = exercises.list?.exercises ?? [];
  const index = all.findIndex((e) => e.id === exercise.id);
  const previous = index > 0 ? all[index - 1] : undefined;
  const next = index >= 0 ? all[index + 1] : undefined;

  return (
    <>
      <header className="experiments-header">
        <button type="button" className="button small" onClick={exercises.closeExercise}>
          ← All exercises
        </button>
        <span className="exercise-position">
          {exercise.number} / {all.length || '…'}
        </span>
      </header>
      <div className="exercises-scroll exercise-detail" aria-label="Exercise">
        <p className="exercise-topic">{exercise.topic}</p>
        <h3 className="exercise-heading">{exercise.title}</h3>
        <p className="exercise-goal">{inlineMarkdown(exercise.goal)}</p>
        <MarkdownText className="exercise-question" text={exercise.question} />
        <p className="exercise-hint-text">
          The program is open in the editor: predict first, then run it and step through it.
        </p>

        <AnswerInput
          key={`${exercise.id}-${progress?.attempts ?? 0}-${solution ? 'solved' : ''}`}
          form={exercise.answer}
          source={exercise.source}
          initial={progress?.lastAnswer ?? undefined}
          busy={exercises.busy}
          onSubmit={exercises.submit}
        />

        <Feedback check={check} status={status} progress={progress} />
        {exercises.error && (
          <p className="experiments-notice error" role="alert">
            {exercises.error}
          </p>
        )}

        {!solution && (
          <div className="exercise-hints">
            {exercise.hints.slice(0, hintsShown).map((hint, i) => (
              <p key={i} className="exercise-hint">
                <strong>Hint {i + 1}.</strong> {inlineMarkdown(hint)}
              </p>
            ))}
            <div className="exercise-actions">
              {hintsShown < exercise.hints.length && (
                <button type="button" className="button small" onClick={exercises.showHint}>
                  {hintsShown === 0 ? 'Show a hint' : 'Another hint'}
                </button>
              )}
              {progress && progress.attempts > 0 && (
                <button
                  type="button"
                  className="button small"
                  onClick={exercises.reveal}
                  disabled={exercises.busy}
                >
                  Show the answer
                </button>
              )}
            </div>
          </div>
        )}

        {solution && (
          <section className="exercise-solution" aria-label="Explanation">
            <p className="exercise-expected">
              Answer: <strong>{describeAnswer(solution.expected, exercise.answer)}</strong>
            </p>
            <MarkdownText text={solution.explanation} />
            <button type="button" className="button small primary" onClick={exercises.showStep}>
              Show step {solution.visibleStep + 1} (line {solution.visibleAt.split(':')[0]})
            </button>
          </section>
        )}

        <div className="exercise-actions exercise-nav">
          <button
            type="button"
            className="button small"
            disabled={!previous}
            onClick={() => previous && exercises.openExercise(previous.id)}
          >
            ← Previous
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => exercises.reset(exercise.id)}
            disabled={!progress || exercises.busy}
            title="Forget the attempts and the answer of this exercise"
          >
            Reset
          </button>
          <button
            type="button"
            className="button small"
            disabled={!next}
            onClick={() => next && exercises.openExercise(next.id)}
          >
            Next →
          </button>
        </div>
      </div>
    </>
  );
}

function Feedback({
  check,
  status,
  progress,
}: {
  check: OpenExercise['check'];
  status: Status;
  progress: ExerciseProgress | null;
}) {
  let text: string | undefined;
  let kind: 'right' | 'wrong' | 'info' = 'info';
  if (check?.correct) {
    text = 'Right!';
    kind = 'right';
  } else if (check && check.solution && !check.correct) {
    text = 'Here is the answer.';
  } else if (check) {
    text = 'Not quite. Try again, or take a hint.';
    kind = 'wrong';
  } else if (status === 'solved') {
    text = 'Solved before.';
    kind = 'right';
  }
  return (
    <p className={`exercise-feedback ${kind}`} role="status" aria-label="Check result">
      {text ?? ''}
      {progress && progress.attempts > 0 && (
        <span className="exercise-attempts"> {tries(progress.attempts)}</span>
      )}
    </p>
  );
}

/** The form for one kind of answer; starts from the last answer given. */
function AnswerInput({
  form,
  source,
  initial,
  busy,
  onSubmit,
}: {
  form: AnswerForm;
  source: string;
  initial: ExerciseAnswer | undefined;
  busy: boolean;
  onSubmit: (answer: ExerciseAnswer) => void;
}) {
  const [text, setText] = useState(initial?.kind === 'number' ? String(initial.value) : '');
  const [choice, setChoice] = useState(initial?.kind === 'choice' ? initial.value : '');
  const objects = form.kind === 'freed' || form.kind === 'collected' ? form.objects : [];
  const [lines, setLines] = useState<(number | null)[]>(
    initial?.kind === 'freed' ? initial.lines : objects.map(() => null),
  );
  const [found, setFound] = useState<boolean[]>(
    initial?.kind === 'collected' ? initial.found : objects.map(() => false),
  );
  const [problem, setProblem] = useState<string>();

  const programLines = source.replace(/\n$/, '').split('\n');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    switch (form.kind) {
      case 'number': {
        const cleaned = text.replace(/[\s,_]/g, '');
        if (!/^-?\d+$/.test(cleaned)) {
          setProblem('Enter a whole number.');
          return;
        }
        onSubmit({ kind: 'number', value: Number(cleaned) });
        return;
      }
      case 'choice':
        if (choice === '') {
          setProblem('Choose one of the answers.');
          return;
        }
        onSubmit({ kind: 'choice', value: choice });
        return;
      case 'freed':
        onSubmit({ kind: 'freed', lines });
        return;
      case 'collected':
        onSubmit({ kind: 'collected', found });
        return;
    }
  };

  return (
    <form className="exercise-answer" onSubmit={submit} aria-label="Your answer">
      {form.kind === 'number' && (
        <label className="exercise-number-answer">
          <span>Your answer</span>
          <input
            type="text"
            inputMode="numeric"
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              setProblem(undefined);
            }}
            aria-label="Your answer"
            autoComplete="off"
          />
          {form.unit && <span className="exercise-unit">{form.unit}</span>}
        </label>
      )}
      {form.kind === 'choice' && (
        <fieldset>
          <legend>Your answer</legend>
          {form.options.map((option) => (
            <label key={option.value} className="exercise-option">
              <input
                type="radio"
                name="choice"
                value={option.value}
                checked={choice === option.value}
                onChange={() => {
                  setChoice(option.value);
                  setProblem(undefined);
                }}
              />
              <span>{option.label}</span>
            </label>
          ))}
        </fieldset>
      )}
      {form.kind === 'freed' && (
        <fieldset>
          <legend>Freed during which line?</legend>
          {form.objects.map((object, i) => (
            <label key={object} className="exercise-object">
              <span>{object}</span>
              <select
                value={lines[i] === null || lines[i] === undefined ? '' : String(lines[i])}
                aria-label={`Line where ${object} is freed`}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setLines((current) =>
                    current.map((line, j) => (j === i ? (value === '' ? null : Number(value)) : line)),
                  );
                }}
              >
                <option value="">still alive at the end</option>
                {programLines.map((code, n) =>
                  code.trim() === '' || code.trim().startsWith('#') ? null : (
                    <option key={n} value={n + 1}>
                      line {n + 1}: {code.trim().slice(0, 40)}
                    </option>
                  ),
                )}
              </select>
            </label>
          ))}
        </fieldset>
      )}
      {form.kind === 'collected' && (
        <fieldset>
          <legend>Found by the collection on line {form.collectionLine}</legend>
          {form.objects.map((object, i) => (
            <label key={object} className="exercise-option">
              <input
                type="checkbox"
                checked={found[i] ?? false}
                onChange={(event) => {
                  const checked = event.currentTarget.checked;
                  setFound((current) => current.map((value, j) => (j === i ? checked : value)));
                }}
              />
              <span>{object}</span>
            </label>
          ))}
        </fieldset>
      )}
      {problem && (
        <p className="exercise-problem" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="button primary small" disabled={busy}>
        Check
      </button>
    </form>
  );
}
