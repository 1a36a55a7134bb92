/**
 * What the engine refuses, and how it says so: the sandbox (no files, network, processes
 * or terminal), the step budget, the simulated memory limit, and the Python features it
 * does not support yet. These messages are the lab's own (CPython has nothing to record
 * for them); the traceback around them has CPython's shape.
 */
import { describe, expect, it } from 'vitest';
import { runSource } from './run';

function run(source: string, options: Parameters<typeof runSource>[1] = {}) {
  const r = runSource(source, { filename: 'guard.py', ...options });
  const lines = r.stderr.trimEnd().split('\n');
  return { ...r, lastLine: lines.at(-1) ?? '' };
}

describe('the sandbox', () => {
  it.each([
    [
      "open('/etc/passwd')",
      'OSError: PyMem Lab does not provide open(): the lab runs without files, network or processes',
    ],
    [
      'import os',
      "ImportError: PyMem Lab does not provide the 'os' module: the lab runs without files, network or processes",
    ],
    [
      'import subprocess',
      "ImportError: PyMem Lab does not provide the 'subprocess' module: the lab runs without files, network or processes",
    ],
    [
      'import socket',
      "ImportError: PyMem Lab does not provide the 'socket' module: the lab runs without files, network or processes",
    ],
  ])('%s fails with a traceback that says the lab does not provide it', (statement, last) => {
    const r = run(`x = 1\n${statement}\n`);
    expect(r.exitCode).toBe(1);
    expect(
      r.stderr.startsWith('Traceback (most recent call last):\n  File "guard.py", line 2, in <module>\n'),
    ).toBe(true);
    expect(r.lastLine).toBe(last);
  });

  it('input() reports that programs have no terminal', () => {
    const r = run('name = input()\n');
    expect(r.exitCode).toBe(1);
    expect(r.lastLine).toMatch(/^EOFError: PyMem Lab programs have no input/);
  });

  it('a caught sandbox error lets the program go on', () => {
    const r = run(
      'try:\n    open("x")\nexcept OSError as e:\n    print("caught", type(e).__name__)\nprint("after")\n',
    );
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('caught OSError\nafter\n');
  });
});

describe('limits', () => {
  it('an endless loop is stopped by the step budget with a clear message, output kept', () => {
    const r = run('print("start")\nwhile True:\n    pass\n', { stepBudget: 10_000 });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('start\n');
    expect(r.lastLine).toBe(
      'PyMem Lab stopped the program: stopped after 10000 steps (the step budget of this run)',
    );
  });

  it('a program that outgrows the simulated memory limit gets MemoryError', () => {
    const r = run('x = [0] * 10_000_000\n', { memoryLimit: 16 << 20 });
    expect(r.exitCode).toBe(1);
    expect(r.lastLine).toBe('MemoryError');
  });

  it('MemoryError can be caught and the program continues', () => {
    const r = run('try:\n    x = [0] * 10_000_000\nexcept MemoryError:\n    print("too big")\n', {
      memoryLimit: 16 << 20,
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('too big\n');
  });
});

describe('features the engine does not support yet name themselves', () => {
  it.each([
    ['match 1:\n    case 1:\n        pass\n', 'the match statement'],
    ['async def f():\n    pass\n', 'async functions'],
    ['z = 1j\n', 'complex numbers'],
  ])('%j is refused as a SyntaxError naming the feature', (source, feature) => {
    const r = run(source);
    expect(r.exitCode).toBe(1);
    expect(r.lastLine).toContain(`PyMem Lab does not support ${feature} yet`);
  });

  it('a stdlib module not provided yet is an ImportError naming it', () => {
    const r = run('import dataclasses\n');
    expect(r.lastLine).toBe("ImportError: PyMem Lab does not support the 'dataclasses' module yet");
  });

  it.each([
    [
      'memoryview(b"abc")',
      "name 'memoryview' is not defined: PyMem Lab does not support memoryview objects yet",
    ],
    ['complex(1, 2)', "name 'complex' is not defined: PyMem Lab does not support complex numbers yet"],
    [
      'exit(0)',
      "name 'exit' is not defined: PyMem Lab does not support exit() and quit() yet (sys.exit() works)",
    ],
  ])('the builtin in %s says it is missing from the lab, not from Python', (expression, message) => {
    const r = run(`x = ${expression}\n`);
    expect(r.exitCode).toBe(1);
    expect(r.lastLine).toBe(`NameError: ${message}`);
  });

  it('a name of the program that shadows a missing builtin is found as usual', () => {
    const r = run('def exit(code):\n    print("bye", code)\nexit(3)\n');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('bye 3\n');
  });

  it('an undefined name is still the plain NameError', () => {
    const r = run('print(undefined_thing)\n');
    expect(r.lastLine).toBe("NameError: name 'undefined_thing' is not defined");
  });
});
