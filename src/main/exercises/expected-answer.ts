/**
 * The expected answer of an exercise, computed by the engine: from the program's stdout, or
 * from Snapshots of its memory at the steps the exercise names. Nothing here is typed in by an
 * author, so an exercise can never claim a number the engine (which equals CPython) disagrees
 * with. Pure: the caller passes the engine's `runSource` (in-process in tests, in a worker in
 * the app).
 */

import type { RunOptions, RunResult, Snapshot, SnapshotObject, TraceStep } from '../../core';
import type { ExerciseAnswer, LineSelector } from '../../shared/exercise';
import type { AnswerSpec, ExerciseDefinition, ObjectRef, ValueSource } from './exercise-format';

export type RunSource = (source: string, options: RunOptions) => RunResult;

/** The file name programs run under in the app (tracebacks show it). */
export const PROGRAM_FILENAME = 'main.py';

export interface ExpectedAnswer {
  answer: ExerciseAnswer;
  /** The step of `visibleAt`. */
  visibleStep: number;
}

/** The exercise itself is wrong (its program fails, a selector or path names nothing). */
export class ExerciseDefinitionError extends Error {
  override readonly name = 'ExerciseDefinitionError';
}

export type ExerciseInput = Pick<ExerciseDefinition, 'source' | 'answer' | 'visibleAt'>;

export function computeExpected(exercise: ExerciseInput, runSource: RunSource): ExpectedAnswer {
  return new Computation(exercise, runSource).expected();
}

/** `L` or `L:K` as `{ line, occurrence }`. */
export function parseLineSelector(selector: LineSelector): { line: number; occurrence: number } {
  const [line, occurrence] = selector.split(':');
  return { line: Number(line), occurrence: occurrence === undefined ? 1 : Number(occurrence) };
}

/** The step at which line L is about to run for the K-th time (the engine CLI's `--at-line L:K`). */
export function resolveLineSelector(selector: LineSelector, steps: readonly TraceStep[]): number | undefined {
  const { line, occurrence } = parseLineSelector(selector);
  let seen = 0;
  for (let i = 0; i < steps.length; i++) {
    if (steps[i]!.event === 'line' && steps[i]!.line === line && ++seen === occurrence) return i;
  }
  return undefined;
}

/** The `return` step of the module's code: what happens after it is interpreter shutdown. */
export function moduleEndStep(steps: readonly TraceStep[]): number {
  let depth = 0;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (step.func !== '<module>') continue;
    if (step.event === 'call') depth++;
    else if (step.event === 'return' && --depth === 0) return i;
  }
  return steps.length - 1;
}

/** Line `index` of a program's output (1 the first, -1 the last), without trailing spaces. */
export function stdoutLine(stdout: string, index: number): string {
  const lines = stdout.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const line = index > 0 ? lines[index - 1] : lines[lines.length + index];
  if (line === undefined) {
    throw new ExerciseDefinitionError(`stdout has no line ${index} (it has ${lines.length})`);
  }
  return line.trimEnd();
}

interface PathPart {
  /** The edge label in a Snapshot: `.name`, `[0]`, `['key']`. */
  label: string;
  /** For `.name`: the same attribute through a materialised `__dict__`. */
  dictLabel?: string;
}

function parsePath(path: string): { root: string; parts: PathPart[] } {
  const root = /^[A-Za-z_]\w*/.exec(path)![0];
  const parts: PathPart[] = [];
  const part = /\.([A-Za-z_]\w*)|(\[-?\d+\])|(\['[^'\\\n]*'\])/gy;
  part.lastIndex = root.length;
  for (let m = part.exec(path); m !== null; m = part.exec(path)) {
    if (m[1] !== undefined) parts.push({ label: `.${m[1]}`, dictLabel: `['${m[1]}']` });
    else parts.push({ label: (m[2] ?? m[3])! });
  }
  return { root, parts };
}

/** The object a path names in a Snapshot: a variable of the innermost frame (or a global), then edges. */
export function resolvePath(snapshot: Snapshot, path: string): SnapshotObject {
  const { root, parts } = parsePath(path);
  const userFrames = snapshot.frames.filter((f) => !f.internal);
  const innermost = userFrames[userFrames.length - 1];
  const variable =
    innermost?.locals.find((v) => v.name === root) ?? userFrames[0]?.locals.find((v) => v.name === root);
  if (!variable) {
    throw new ExerciseDefinitionError(`no variable ${root} at step ${snapshot.step} (line ${snapshot.line})`);
  }
  let id = variable.id;
  let walked = root;
  const edgeTo = (from: number, label: string) =>
    snapshot.edges.find((e) => e.from === from && e.label === label && !e.weak)?.to;
  for (const { label, dictLabel } of parts) {
    let next = edgeTo(id, label);
    if (next === undefined && dictLabel !== undefined) {
      const dict = edgeTo(id, '__dict__');
      if (dict !== undefined) next = edgeTo(dict, dictLabel);
    }
    if (next === undefined) {
      throw new ExerciseDefinitionError(`${walked} has no reference ${label} at step ${snapshot.step}`);
    }
    id = next;
    walked += label;
  }
  const object = snapshot.objects.find((o) => o.id === id);
  if (!object) throw new ExerciseDefinitionError(`${path} is not in the snapshot of step ${snapshot.step}`);
  return object;
}

class Computation {
  readonly #exercise: ExerciseInput;
  readonly #runSource: RunSource;
  readonly #run: RunResult;
  readonly #steps: TraceStep[];
  /** How many frames are active at each step (a call or return step belongs to the callee). */
  readonly #depths: number[] = [];

  constructor(exercise: ExerciseInput, runSource: RunSource) {
    this.#exercise = exercise;
    this.#runSource = runSource;
    this.#run = runSource(exercise.source, { filename: PROGRAM_FILENAME, recordSteps: true });
    if (this.#run.exitCode !== 0) {
      const last = this.#run.stderr.trim().split('\n').pop() ?? '';
      throw new ExerciseDefinitionError(`the program failed in the engine: ${last}`);
    }
    this.#steps = this.#run.steps ?? [];
    let depth = 0;
    for (const step of this.#steps) {
      if (step.event === 'call') depth++;
      this.#depths.push(depth);
      if (step.event === 'return') depth--;
    }
  }

  expected(): ExpectedAnswer {
    return { answer: this.#answer(this.#exercise.answer), visibleStep: this.#step(this.#exercise.visibleAt) };
  }

  #answer(spec: AnswerSpec): ExerciseAnswer {
    switch (spec.kind) {
      case 'number':
        return { kind: 'number', value: this.#value(spec.from) };
      case 'choice': {
        const printed = this.#stdoutLine(spec.from.stdout);
        if (!spec.options.some((o) => o.value === printed)) {
          throw new ExerciseDefinitionError(
            `stdout line ${spec.from.stdout} is ${JSON.stringify(printed)}, which is not one of the options`,
          );
        }
        return { kind: 'choice', value: printed };
      }
      case 'freed':
        return { kind: 'freed', lines: this.#freedLines(spec.objects) };
      case 'collected':
        return { kind: 'collected', found: this.#collected(spec.objects, spec.collection) };
    }
  }

  #step(selector: LineSelector): number {
    const step = resolveLineSelector(selector, this.#steps);
    if (step === undefined) {
      const { line, occurrence } = parseLineSelector(selector);
      throw new ExerciseDefinitionError(
        `line ${line} does not run ${occurrence} time(s) (selector "${selector}")`,
      );
    }
    return step;
  }

  #snapshots(steps: number[]): Map<number, Snapshot> {
    const wanted = [...new Set(steps)].sort((a, b) => a - b);
    const { snapshots = [] } = this.#runSource(this.#exercise.source, {
      filename: PROGRAM_FILENAME,
      snapshotSteps: wanted,
    });
    const byStep = new Map(snapshots.map((s) => [s.step, s]));
    for (const step of wanted) {
      if (!byStep.has(step)) throw new ExerciseDefinitionError(`the engine did not capture step ${step}`);
      if (byStep.get(step)!.truncated)
        throw new ExerciseDefinitionError(`the snapshot of step ${step} is truncated`);
    }
    return byStep;
  }

  #stdoutLine(index: number): string {
    return stdoutLine(this.#run.stdout, index);
  }

  #value(source: ValueSource): number {
    if ('stdout' in source) {
      const line = this.#stdoutLine(source.stdout).trim();
      if (!/^-?\d+$/.test(line)) {
        throw new ExerciseDefinitionError(
          `stdout line ${source.stdout} is ${JSON.stringify(line)}, not a whole number`,
        );
      }
      return Number(line);
    }
    const step = this.#step(source.at);
    const snapshot = this.#snapshots([step]).get(step)!;
    if ('refcount' in source) return resolvePath(snapshot, source.refcount).refcount;
    return resolvePath(snapshot, source.size).size;
  }

  /** Each object's id, found at its own step. */
  #objectIds(objects: ObjectRef[], snapshots: Map<number, Snapshot>): number[] {
    return objects.map((o) => resolvePath(snapshots.get(this.#step(o.at))!, o.path).id);
  }

  /**
   * The line during which each object is freed: the line that runs after the last step at which
   * it is still alive (after a function's return step, the caller's line). Null when it
   * outlives the module's code.
   */
  #freedLines(objects: ObjectRef[]): (number | null)[] {
    const first = Math.min(...objects.map((o) => this.#step(o.at)));
    const end = moduleEndStep(this.#steps);
    const range = Array.from({ length: end - first + 1 }, (_, i) => first + i);
    const snapshots = this.#snapshots(range);
    const ids = this.#objectIds(objects, snapshots);
    return ids.map((id, i) => {
      let lastAlive = -1;
      for (const step of range) {
        if (snapshots.get(step)!.objects.some((o) => o.id === id)) lastAlive = step;
      }
      if (lastAlive < this.#step(objects[i]!.at)) {
        throw new ExerciseDefinitionError(`${objects[i]!.path} is not alive at its own step`);
      }
      if (lastAlive === end) return null;
      const snapshot = snapshots.get(lastAlive)!;
      if (snapshot.event !== 'return') return snapshot.line;
      // After a return step the callee's frame is gone (CPython 3.11 unlinks it before clearing
      // it): what dies then, its locals included, dies during the caller's line.
      const frames = snapshot.frames.filter((f) => !f.internal);
      return frames.length >= 2 ? frames[frames.length - 2]!.line : snapshot.line;
    });
  }

  /**
   * Which objects the collection run by the line at `collection` finds unreachable: its report,
   * read at the next step of the same frame (after any `__del__` it called has returned).
   */
  #collected(objects: ObjectRef[], collection: LineSelector): boolean[] {
    const at = this.#step(collection);
    const depth = this.#depths[at];
    let after = at + 1;
    while (after < this.#steps.length && this.#depths[after] !== depth) after++;
    if (after >= this.#steps.length) {
      throw new ExerciseDefinitionError(`the program ends inside the line of "collection" (${collection})`);
    }
    const snapshots = this.#snapshots([at, after, ...objects.map((o) => this.#step(o.at))]);
    const before = snapshots.get(at)!.gc;
    const report = snapshots.get(after)!.gc;
    if (report.collections === before.collections || !report.last) {
      throw new ExerciseDefinitionError(`no collection runs at line ${parseLineSelector(collection).line}`);
    }
    const unreachable = new Set(report.last.unreachable);
    return this.#objectIds(objects, snapshots).map((id) => unreachable.has(id));
  }
}
