/**
 * `npm run -s engine -- FILE.py [options]`: runs one file and prints what `python3 FILE.py`
 * prints (stdout, stderr, exit code).
 *   --steps-tsv OUT      the step list (`event<TAB>line<TAB>function`, the format of
 *                        tests/conformance/steps) up to the end of the module's code
 *   --snapshot-json OUT  the Snapshot at the step chosen by --step N (negative: from the
 *                        end; default -1) or --at-line L[:K] (the K-th time line L is
 *                        about to run, default the first)
 *   --graph-json OUT     the reference graph as JSON (the Snapshot, its unreachable objects
 *                        and Cytoscape elements) and/or
 *   --graph-dot OUT      as Graphviz DOT; by default where the module's code has ended, before
 *                        shutdown frees what is left (leaked cycles are still there), or at
 *                        the step chosen by --step / --at-line
 *   --step-events-json OUT  the memory events of the step chosen by --step N (default -1)
 *                        or --at-line L[:K]: from that step to the next (trace/step-events-types.ts)
 *   --step-budget N      stop the program after N steps
 *   --raw-refcounts      sys.getrefcount prints the engine's count of objects whose CPython
 *                        count is not known (raises otherwise): for the calibration probe
 */
import { runSource } from './run';
import type { Snapshot, TraceStep } from './index';
import { toDot, toGraphJson } from './trace/graph-export';

export interface CliIO {
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
  stdout(text: string): void;
  stderr(text: string): void;
  /** The directory relative paths are resolved against (CPython shows absolute paths). */
  cwd?: string;
}

const USAGE =
  'usage: engine FILE.py [--steps-tsv OUT.tsv] [--snapshot-json OUT.json] [--graph-json OUT.json]' +
  ' [--graph-dot OUT.dot] [--step-events-json OUT.json] [--step N | --at-line L[:K]] [--step-budget N]' +
  ' [--raw-refcounts]\n';

function absolute(path: string, cwd: string | undefined): string {
  if (path.startsWith('/') || cwd === undefined) return path;
  const parts = (cwd.replace(/\/$/, '') + '/' + path).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '.' || (p === '' && out.length > 0)) continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out.join('/') || '/';
}

export function main(argv: string[], io: CliIO): number {
  let file: string | null = null;
  let stepsOut: string | null = null;
  let stepBudget: number | undefined;
  let rawRefcounts = false;
  let snapshotOut: string | null = null;
  let selector: StepSelector | null = null;
  let graphJsonOut: string | null = null;
  let graphDotOut: string | null = null;
  let stepEventsOut: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--steps-tsv') stepsOut = argv[++i] ?? null;
    else if (a === '--step-budget') stepBudget = Number(argv[++i]);
    else if (a === '--raw-refcounts') rawRefcounts = true;
    else if (a === '--snapshot-json') snapshotOut = argv[++i] ?? null;
    else if (a === '--graph-json') graphJsonOut = argv[++i] ?? null;
    else if (a === '--graph-dot') graphDotOut = argv[++i] ?? null;
    else if (a === '--step-events-json') stepEventsOut = argv[++i] ?? null;
    else if (a === '--step' || a === '--at-line') {
      const parsed = parseSelector(a, argv[++i]);
      if (parsed === null) {
        io.stderr(`engine: bad value for ${a}\n${USAGE}`);
        return 2;
      }
      selector = parsed;
    } else if (a.startsWith('--')) {
      io.stderr(`engine: unknown option ${a}\n${USAGE}`);
      return 2;
    } else file = a;
  }
  if (file === null) {
    io.stderr(USAGE);
    return 2;
  }
  let source: string;
  try {
    // Decoding a file drops a UTF-8 byte order mark, as CPython's tokenizer does (check_bom).
    source = io.readFile(file).replace(/^\ufeff/, '');
  } catch {
    io.stderr(`engine: can't open file '${file}': No such file or directory\n`);
    return 2;
  }
  const filename = absolute(file, io.cwd);
  const result = runSource(source, {
    filename,
    recordSteps:
      stepsOut !== null ||
      snapshotOut !== null ||
      graphJsonOut !== null ||
      graphDotOut !== null ||
      stepEventsOut !== null,
    stepBudget,
    rawRefcounts,
    onStdout: io.stdout,
    onStderr: io.stderr,
  });
  if (stepsOut !== null) io.writeFile(stepsOut, stepsTsv(result.steps ?? []));
  // The run is deterministic: running again up to a step finds the same state there (once per
  // step: --snapshot-json and the graph at one step share the run).
  const taken = new Map<number, Snapshot>();
  const snapshotAt = (step: number): Snapshot => {
    if (!taken.has(step))
      taken.set(step, runSource(source, { filename, stepBudget, snapshotAt: step }).snapshot!);
    return taken.get(step)!;
  };
  const steps = result.steps ?? [];
  if (snapshotOut !== null) {
    const chosen = selector ?? { step: -1 };
    const step = resolveStep(chosen, steps);
    if (step === null) {
      io.stderr(`engine: no such step (${describeSelector(chosen)}) in ${result.stepCount} steps\n`);
      return 2;
    }
    io.writeFile(snapshotOut, JSON.stringify(snapshotAt(step)) + '\n');
  }
  if (graphJsonOut !== null || graphDotOut !== null) {
    const step = selector === null ? moduleEndStep(steps) : resolveStep(selector, steps);
    if (step === null) {
      const what = selector === null ? 'the end of the module' : describeSelector(selector);
      io.stderr(`engine: no such step (${what}) in ${result.stepCount} steps\n`);
      return 2;
    }
    const snapshot = snapshotAt(step);
    if (graphJsonOut !== null) io.writeFile(graphJsonOut, JSON.stringify(toGraphJson(snapshot)) + '\n');
    if (graphDotOut !== null) io.writeFile(graphDotOut, toDot(snapshot));
  }
  if (stepEventsOut !== null) {
    const chosen = selector ?? { step: -1 };
    const step = resolveStep(chosen, steps);
    if (step === null) {
      io.stderr(`engine: no such step (${describeSelector(chosen)}) in ${result.stepCount} steps\n`);
      return 2;
    }
    const { stepEvents } = runSource(source, { filename, stepBudget, stepEvents: step });
    io.writeFile(stepEventsOut, JSON.stringify(stepEvents) + '\n');
  }
  return result.exitCode;
}

type StepSelector = { step: number } | { line: number; occurrence: number };

function parseSelector(option: string, value: string | undefined): StepSelector | null {
  if (value === undefined) return null;
  if (option === '--step') return /^-?\d+$/.test(value) ? { step: Number(value) } : null;
  const m = /^(\d+)(?::(\d+))?$/.exec(value);
  if (m === null || (m[2] !== undefined && Number(m[2]) < 1)) return null;
  return { line: Number(m[1]), occurrence: m[2] === undefined ? 1 : Number(m[2]) };
}

function describeSelector(s: StepSelector): string {
  return 'step' in s ? `--step ${s.step}` : `--at-line ${s.line}:${s.occurrence}`;
}

/** The index in `steps` that the selector names, or null. */
export function resolveStep(s: StepSelector, steps: TraceStep[]): number | null {
  if ('step' in s) {
    const index = s.step < 0 ? steps.length + s.step : s.step;
    return index >= 0 && index < steps.length ? index : null;
  }
  let seen = 0;
  for (let i = 0; i < steps.length; i++) {
    if (steps[i].event === 'line' && steps[i].line === s.line && ++seen === s.occurrence) return i;
  }
  return null;
}

/**
 * The `return` step of the module's code (before interpreter shutdown), or the last step
 * when the run stopped earlier (step budget); null for a run without steps.
 */
export function moduleEndStep(steps: TraceStep[]): number | null {
  let depth = 0;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (s.func !== '<module>') continue;
    if (s.event === 'call') depth++;
    else if (s.event === 'return' && --depth === 0) return i;
  }
  return steps.length > 0 ? steps.length - 1 : null;
}

/** The steps up to the return of the module's code, as record-steps.py keeps them. */
export function stepsTsv(steps: { event: string; line: number; func: string }[]): string {
  const lines: string[] = [];
  let depth = 0;
  for (const s of steps) {
    lines.push(`${s.event}\t${s.line}\t${s.func}`);
    if (s.func === '<module>' && s.event === 'call') depth++;
    if (s.func === '<module>' && s.event === 'return') {
      depth--;
      if (depth === 0) break;
    }
  }
  return lines.join('\n') + '\n';
}

/** For scripts that drive the engine bundle directly (benchmarks). */
export { runSource };
