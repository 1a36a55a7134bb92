import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkOutput,
  checkSteps,
  firstDifference,
  lastLine,
  listCases,
  mapPool,
  runCorpus,
  runInWorker,
} from './conformance.mjs';

describe('lastLine', () => {
  it('is what `tail -n 1` prints', () => {
    expect(lastLine('a\nb\n')).toBe('b\n');
    expect(lastLine('a\nb')).toBe('b');
    expect(lastLine('a\n\n')).toBe('\n');
    expect(lastLine('only\n')).toBe('only\n');
    expect(lastLine('')).toBe('');
  });
});

describe('firstDifference', () => {
  it('names the first differing line, quoted', () => {
    expect(firstDifference('a\nb\n', 'a\nc\n')).toEqual({ line: 2, expected: '"b"', got: '"c"' });
  });

  it('shows whitespace and missing lines as they are', () => {
    expect(firstDifference('x \n', 'x\n')).toEqual({ line: 1, expected: '"x "', got: '"x"' });
    expect(firstDifference('a\n', 'a\nb\n')).toEqual({ line: 2, expected: '<end of output>', got: '"b"' });
    expect(firstDifference('abc\n', 'abc')).toEqual({
      line: 1,
      expected: '"abc"',
      got: '"abc" (no newline at end)',
    });
  });

  it('finds nothing in equal texts', () => {
    expect(firstDifference('same\n', 'same\n')).toBeUndefined();
  });
});

describe('checkOutput', () => {
  const ok = { name: '001_x', tier: 'A', out: Buffer.from('1\n') };
  const raising = { ...ok, err: Buffer.from("NameError: name 'x' is not defined\n") };
  const traceback =
    'Traceback (most recent call last):\n  File "x.py", line 1\nNameError: name \'x\' is not defined\n';

  it('passes exact output with exit code 0 and no stderr', () => {
    expect(checkOutput(ok, { stdout: '1\n', stderr: '', exitCode: 0 })).toBeUndefined();
  });

  it('never normalises: a trailing space or a different number fails', () => {
    expect(checkOutput(ok, { stdout: '1 \n', stderr: '', exitCode: 0 })?.what).toBe('stdout line 1');
    expect(checkOutput(ok, { stdout: '1.0\n', stderr: '', exitCode: 0 })?.what).toBe('stdout line 1');
  });

  it('compares bytes, not just characters', () => {
    const accented = { ...ok, out: Buffer.from('é\n', 'utf8') };
    expect(checkOutput(accented, { stdout: 'é\n', stderr: '', exitCode: 0 })).toBeUndefined();
    expect(checkOutput(accented, { stdout: 'e\u0301\n', stderr: '', exitCode: 0 })).toBeDefined();
  });

  it('requires an empty stderr and exit code 0 without .err', () => {
    expect(checkOutput(ok, { stdout: '1\n', stderr: 'warning\n', exitCode: 0 })?.what).toBe('stderr');
    expect(checkOutput(ok, { stdout: '1\n', stderr: '', exitCode: 1 })?.what).toBe('exit code');
  });

  it('requires exit code 1 and the same last stderr line with .err', () => {
    expect(checkOutput(raising, { stdout: '1\n', stderr: traceback, exitCode: 1 })).toBeUndefined();
    expect(checkOutput(raising, { stdout: '1\n', stderr: traceback, exitCode: 0 })?.what).toBe('exit code');
    expect(checkOutput(raising, { stdout: '1\n', stderr: 'NameError: x\n', exitCode: 1 })?.what).toBe(
      'last stderr line',
    );
  });

  it('reports timeouts and crashes', () => {
    expect(checkOutput(ok, { timeout: 10_000 })?.what).toBe('timed out after 10 s');
    expect(checkOutput(ok, { crash: 'TypeError: boom\n  at x' })?.what).toBe(
      'the engine crashed: TypeError: boom',
    );
  });
});

describe('checkSteps', () => {
  it('compares the written step list exactly', () => {
    const expected = 'call\t0\t<module>\nline\t3\t<module>\n';
    expect(checkSteps(expected, { files: { 's.tsv': expected } }, 's.tsv')).toBeUndefined();
    expect(checkSteps(expected, { files: { 's.tsv': 'call\t0\t<module>\n' } }, 's.tsv')?.what).toBe(
      'steps line 2',
    );
    expect(checkSteps(expected, { files: {} }, 's.tsv')?.what).toContain('no step list');
  });
});

describe('mapPool', () => {
  it('keeps the order of its items and never runs more than `jobs` at once', async () => {
    let running = 0;
    let most = 0;
    const results = await mapPool([5, 1, 3, 2], 2, async (n) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, n));
      running--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 30, 20]);
    expect(most).toBe(2);
  });
});

describe('running cases in workers', () => {
  let dir;
  let engine;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pymem-conformance-'));
    // A stand-in for the engine bundle: echoes the file's third line, or misbehaves on request.
    engine = join(dir, 'engine.mjs');
    writeFileSync(
      engine,
      `import { readFileSync } from 'node:fs';
export function main(argv, io) {
  const body = readFileSync(argv[0], 'utf8').split('\\n')[2];
  if (body === 'hang') for (;;);
  if (body === 'throw') throw new Error('engine bug');
  if (body === 'raise') { io.stderr('Traceback (most recent call last):\\nValueError: v\\n'); return 1; }
  if (argv[1] === '--steps-tsv') io.writeFile(argv[2], 'call\\t0\\t<module>\\n');
  io.stdout(body + '\\n');
  return 0;
}
`,
    );
    const cases = {
      '001_ok': 'hello',
      '002_wrong': 'nope',
      '003_raise': 'raise',
      '004_hang': 'hang',
      '005_throw': 'throw',
    };
    for (const [name, body] of Object.entries(cases)) {
      writeFileSync(
        join(dir, `${name}.py`),
        `# tier: ${name === '001_ok' ? 'A' : 'B'}\n# features: print\n${body}\n`,
      );
      writeFileSync(
        join(dir, `${name}.out`),
        name === '002_wrong' ? 'yes\n' : name === '003_raise' ? '' : `${body}\n`,
      );
    }
    writeFileSync(join(dir, '003_raise.err'), 'ValueError: v\n');
    writeFileSync(join(dir, 'notes.txt'), 'not a case');
  });

  afterAll(() => rmSync(dir, { recursive: true }));

  it('lists NNN_name.py cases in order, with their tier, filtered by --only', () => {
    expect(listCases(dir).map((kase) => [kase.name, kase.tier])).toEqual([
      ['001_ok', 'A'],
      ['002_wrong', 'B'],
      ['003_raise', 'B'],
      ['004_hang', 'B'],
      ['005_throw', 'B'],
    ]);
    expect(listCases(dir, /raise|throw/).map((kase) => kase.name)).toEqual(['003_raise', '005_throw']);
  });

  it('checks each case and survives hangs and crashes', async () => {
    const results = await runCorpus({ bundle: engine, dir, jobs: 2, timeoutMs: 1000 });
    expect(results.map((result) => [result.name, result.failure?.what])).toEqual([
      ['001_ok', undefined],
      ['002_wrong', 'stdout line 1'],
      ['003_raise', undefined],
      ['004_hang', 'timed out after 1 s'],
      ['005_throw', 'the engine crashed: Error: engine bug'],
    ]);
  });

  it('collects what --steps-tsv writes, in memory', async () => {
    const run = await runInWorker(engine, [join(dir, '001_ok.py'), '--steps-tsv', 'out.tsv']);
    expect(run.files).toEqual({ 'out.tsv': 'call\t0\t<module>\n' });
    expect(run.elapsedMs).toBeGreaterThanOrEqual(0);
  });
});
