/**
 * An exercise's answer as the machine's real CPython 3.11 gives it: the check that keeps the
 * engine's expected answers honest (exercises.test.ts).
 *
 * Answers read from stdout run the program unchanged, as `python3 main.py`. The others run it
 * with probes: one inserted line per object of interest, calling a function installed in
 * `builtins` by a `sitecustomize` module, so the program itself gains no constant and no name of
 * its own (a probe line only loads the probed variable):
 * - refcount/size: `sys.getrefcount`/`sys.getsizeof` of the object when the line is about to run
 *   for the K-th time;
 * - freed/collected: a weak reference with a callback, which records the line that is running
 *   (the innermost frame of the program's file) when the object dies or the collector clears it.
 * So those objects must support weak references (instances of classes, functions, sets).
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExerciseAnswer } from '../../shared/exercise';
import { cleanEnvironment } from '../cpython';
import type { ExerciseDefinition, ObjectRef } from './exercise-format';
import { parseLineSelector, stdoutLine } from './expected-answer';

const SITECUSTOMIZE = String.raw`
# PyMem Lab exercise probes (see src/main/exercises/cpython-answer.ts).
import atexit, builtins, json, os, sys, weakref

_config = json.load(open(os.environ['PYMEM_PROBE_CONFIG']))
_main = _config['main']
_results = {'values': {}, 'freed': {}, 'errors': [], 'ended': False}
_calls = {}
_marks = {}
_keep = []


def _running_line(frame):
    while frame is not None and frame.f_code.co_filename != _main:
        frame = frame.f_back
    return None if frame is None else frame.f_lineno


def _make(n, spec):
    kind = spec['kind']
    want = spec.get('occurrence', 1)

    def due():
        _calls[n] = _calls.get(n, 0) + 1
        return _calls[n] == want

    if kind == 'end':
        def end():
            _results['ended'] = True
        return end
    if kind == 'mark':
        def mark():
            _marks[str(n)] = _marks.get(str(n), 0) + 1
        return mark
    if kind == 'refcount':
        def refcount(obj):
            if due():
                # obj's own frame slot and getrefcount's argument are the two extra references.
                _results['values'][str(n)] = sys.getrefcount(obj) - 2
        return refcount
    if kind == 'size':
        def size(obj):
            if due():
                _results['values'][str(n)] = sys.getsizeof(obj)
        return size

    def callback(ref):
        if not _results['ended'] and str(n) not in _results['freed']:
            _results['freed'][str(n)] = {'line': _running_line(sys._getframe(1)), 'marks': dict(_marks)}

    def watch(obj):
        if due():
            try:
                _keep.append(weakref.ref(obj, callback))
            except TypeError as error:
                _results['errors'].append('probe %d: %s' % (n, error))
    return watch


for _n, _spec in enumerate(_config['probes']):
    setattr(builtins, '__pymem_p%d__' % _n, _make(_n, _spec))


@atexit.register
def _write():
    with open(os.environ['PYMEM_PROBE_OUT'], 'w') as out:
        json.dump(_results, out)
`;

type ProbeSpec =
  | { kind: 'refcount' | 'size' | 'watch'; occurrence: number }
  | { kind: 'mark'; occurrence?: undefined }
  | { kind: 'end'; occurrence?: undefined };

interface Insertion {
  /** The original line the probe runs before (Infinity: after the last line). */
  before: number;
  code: string;
}

interface ProbeResults {
  values: Record<string, number>;
  freed: Record<string, { line: number | null; marks: Record<string, number> }>;
  errors: string[];
  ended: boolean;
}

export class CPythonAnswerError extends Error {
  override readonly name = 'CPythonAnswerError';
}

/** Whether `python` is CPython 3.11 on 64 bits; the reason when it is not. */
export function cpython311(python: string): { ok: true } | { ok: false; reason: string } {
  const probe = spawnSync(
    python,
    [
      '-c',
      "import platform, struct; print(platform.python_implementation(), platform.python_version(), 8 * struct.calcsize('P'))",
    ],
    { encoding: 'utf8', timeout: 10_000 },
  );
  if (probe.error) return { ok: false, reason: `${python} cannot be started (${probe.error.message})` };
  const found = probe.stdout.trim();
  return /^CPython 3\.11\.\d+ 64$/.test(found)
    ? { ok: true }
    : { ok: false, reason: `${python} is "${found || probe.stderr.trim()}", not CPython 3.11 (64-bit)` };
}

/** The answer CPython gives to an exercise. */
export function cpythonAnswer(exercise: ExerciseDefinition, python = 'python3'): ExerciseAnswer {
  const { answer } = exercise;
  switch (answer.kind) {
    case 'choice':
      return { kind: 'choice', value: stdoutLine(runPlain(exercise.source, python), answer.from.stdout) };
    case 'number': {
      const { from } = answer;
      if ('stdout' in from) {
        const line = stdoutLine(runPlain(exercise.source, python), from.stdout).trim();
        return { kind: 'number', value: Number(line) };
      }
      const path = 'refcount' in from ? from.refcount : from.size;
      const kind = 'refcount' in from ? 'refcount' : 'size';
      const { line, occurrence } = parseLineSelector(from.at);
      const results = runProbed(
        exercise.source,
        python,
        [{ kind, occurrence }],
        [{ before: line, code: probeCall(0, path) }],
      );
      const value = results.values['0'];
      if (value === undefined) throw new CPythonAnswerError(`the probe at ${from.at} never ran`);
      return { kind: 'number', value };
    }
    case 'freed': {
      const results = watch(exercise.source, python, answer.objects);
      return { kind: 'freed', lines: answer.objects.map((_, i) => results.freed[String(i)]?.line ?? null) };
    }
    case 'collected': {
      const { line, occurrence } = parseLineSelector(answer.collection);
      const mark = answer.objects.length;
      const results = watch(exercise.source, python, answer.objects, { line, probe: mark });
      return {
        kind: 'collected',
        found: answer.objects.map((_, i) => {
          const freed = results.freed[String(i)];
          return freed !== undefined && freed.line === line && freed.marks[String(mark)] === occurrence;
        }),
      };
    }
  }
}

function probeCall(n: number, argument = ''): string {
  return `__pymem_p${n}__(${argument})`;
}

/** Weak references to the objects (probes 0…n−1), a mark before the collection line (probe n). */
function watch(
  source: string,
  python: string,
  objects: ObjectRef[],
  collection?: { line: number; probe: number },
): ProbeResults {
  const probes: ProbeSpec[] = objects.map((o) => ({
    kind: 'watch',
    occurrence: parseLineSelector(o.at).occurrence,
  }));
  const insertions: Insertion[] = objects.map((o, i) => ({
    before: parseLineSelector(o.at).line,
    code: probeCall(i, o.path),
  }));
  if (collection) {
    probes.push({ kind: 'mark' });
    insertions.push({ before: collection.line, code: probeCall(collection.probe) });
  }
  return runProbed(source, python, probes, insertions);
}

/** Runs the program unchanged and returns its stdout. */
function runPlain(source: string, python: string): string {
  return inTempDir((dir) => {
    writeFileSync(join(dir, 'main.py'), source);
    return run(python, dir, cleanEnvironment(dir)).stdout;
  });
}

/**
 * Runs the program with probe lines inserted (and a last one that marks the end of the module's
 * code: what dies after it dies at shutdown). Lines the callbacks report are mapped back to the
 * original program's.
 */
function runProbed(
  source: string,
  python: string,
  probes: ProbeSpec[],
  insertions: Insertion[],
): ProbeResults {
  const end = probes.length;
  const all: ProbeSpec[] = [...probes, { kind: 'end' }];
  const { text, originalLine } = instrument(source, [
    ...insertions,
    { before: Infinity, code: probeCall(end) },
  ]);
  return inTempDir((dir) => {
    const main = join(dir, 'main.py');
    writeFileSync(main, text);
    writeFileSync(join(dir, 'sitecustomize.py'), SITECUSTOMIZE);
    writeFileSync(join(dir, 'probes.json'), JSON.stringify({ main, probes: all }));
    const out = join(dir, 'results.json');
    run(
      python,
      dir,
      {
        ...cleanEnvironment(dir),
        PYTHONPATH: dir,
        PYMEM_PROBE_CONFIG: join(dir, 'probes.json'),
        PYMEM_PROBE_OUT: out,
      },
      main,
    );
    const results = JSON.parse(readFileSync(out, 'utf8')) as ProbeResults;
    if (results.errors.length > 0) throw new CPythonAnswerError(results.errors.join('; '));
    if (!results.ended) throw new CPythonAnswerError('the program did not reach its end');
    for (const [probe, freed] of Object.entries(results.freed)) {
      if (freed.line === null) continue;
      const line = originalLine(freed.line);
      if (line === undefined) throw new CPythonAnswerError(`probe ${probe}'s object died on a probe line`);
      freed.line = line;
    }
    return results;
  });
}

/** The program with each insertion on its own line before its line, at that line's indentation. */
export function instrument(
  source: string,
  insertions: Insertion[],
): { text: string; originalLine: (probedLine: number) => number | undefined } {
  const lines = source.replace(/\n$/, '').split('\n');
  const out: string[] = [];
  const origin: (number | undefined)[] = [];
  lines.forEach((line, i) => {
    for (const insertion of insertions.filter((x) => x.before === i + 1)) {
      out.push(/^\s*/.exec(line)![0] + insertion.code);
      origin.push(undefined);
    }
    out.push(line);
    origin.push(i + 1);
  });
  for (const insertion of insertions.filter((x) => x.before > lines.length)) {
    out.push(insertion.code);
    origin.push(undefined);
  }
  return { text: out.join('\n') + '\n', originalLine: (probedLine) => origin[probedLine - 1] };
}

function run(python: string, dir: string, env: Record<string, string>, main = 'main.py') {
  const result = spawnSync(python, [main], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw new CPythonAnswerError(`${python} failed to run: ${result.error.message}`);
  if (result.status !== 0) throw new CPythonAnswerError(`the program failed in ${python}:\n${result.stderr}`);
  return result;
}

function inTempDir<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'pymem-exercise-'));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
