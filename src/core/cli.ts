/**
 * `npm run -s engine -- FILE.py [--steps-tsv OUT]`: runs one file and prints what
 * `python3 FILE.py` prints (stdout, stderr, exit code). With --steps-tsv it also writes
 * the step list (`event<TAB>line<TAB>function`, the format of tests/conformance/steps)
 * up to the end of the module's code.
 */
import { runSource } from './run';

export interface CliIO {
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
  stdout(text: string): void;
  stderr(text: string): void;
  /** The directory relative paths are resolved against (CPython shows absolute paths). */
  cwd?: string;
}

const USAGE = 'usage: engine FILE.py [--steps-tsv OUT.tsv] [--step-budget N]\n';

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
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--steps-tsv') stepsOut = argv[++i] ?? null;
    else if (a === '--step-budget') stepBudget = Number(argv[++i]);
    else if (a.startsWith('--')) {
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
    source = io.readFile(file);
  } catch {
    io.stderr(`engine: can't open file '${file}': No such file or directory\n`);
    return 2;
  }
  const result = runSource(source, {
    filename: absolute(file, io.cwd),
    recordSteps: stepsOut !== null,
    stepBudget,
    onStdout: io.stdout,
    onStderr: io.stderr,
  });
  if (stepsOut !== null) io.writeFile(stepsOut, stepsTsv(result.steps ?? []));
  return result.exitCode;
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
