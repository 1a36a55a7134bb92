import { describe, expect, it } from 'vitest';
import type { OutputChunk } from './run-state';
import { describeStep, errorLocation, outputAtStep, stepLine } from './timeline';

describe('describeStep', () => {
  it('names each kind of step as a Python reader would', () => {
    expect(describeStep({ event: 'line', line: 3, func: '<module>' })).toBe('line 3');
    expect(describeStep({ event: 'line', line: 7, func: 'f' })).toBe('line 7 in f');
    expect(describeStep({ event: 'call', line: 5, func: 'f' })).toBe('call f');
    expect(describeStep({ event: 'call', line: 0, func: '<module>' })).toBe('start of the module');
    expect(describeStep({ event: 'return', line: 7, func: 'f' })).toBe('return from f');
    expect(describeStep({ event: 'return', line: 9, func: '<module>' })).toBe('end of the module');
    expect(describeStep({ event: 'exception', line: 2, func: 'g' })).toBe('exception at line 2 in g');
  });

  it('gives no editor line to the module start (line 0)', () => {
    expect(stepLine({ line: 0 })).toBeUndefined();
    expect(stepLine({ line: 4 })).toBe(4);
    expect(stepLine(undefined)).toBeUndefined();
  });
});

describe('outputAtStep', () => {
  const output: OutputChunk[] = [
    { stream: 'stdout', text: 'one\ntwo\n' },
    { stream: 'stderr', text: 'warn\n' },
    { stream: 'stdout', text: 'three\n' },
  ];

  it('keeps the order of the streams up to the step', () => {
    expect(outputAtStep(output, 0, { stdout: 'one\ntwo\nthr', stderr: 'warn\n' })).toEqual([
      { stream: 'stdout', text: 'one\ntwo\n' },
      { stream: 'stderr', text: 'warn\n' },
      { stream: 'stdout', text: 'thr' },
    ]);
  });

  it('cuts inside a chunk and stops there', () => {
    expect(outputAtStep(output, 0, { stdout: 'one\n', stderr: '' })).toEqual([
      { stream: 'stdout', text: 'one\n' },
    ]);
  });

  it('is empty before anything was written', () => {
    expect(outputAtStep(output, 0, { stdout: '', stderr: '' })).toEqual([]);
  });

  it('falls back to stdout then stderr when the start of the output was dropped', () => {
    expect(outputAtStep(output, 10, { stdout: 'a', stderr: 'b' })).toEqual([
      { stream: 'stdout', text: 'a' },
      { stream: 'stderr', text: 'b' },
    ]);
  });
});

describe('errorLocation', () => {
  it('finds the innermost line of the program in a traceback', () => {
    const stderr = [
      'Traceback (most recent call last):',
      '  File "main.py", line 5, in <module>',
      '    f()',
      '  File "main.py", line 2, in f',
      '    return 1 / 0',
      '           ~~^~~',
      'ZeroDivisionError: division by zero',
      '',
    ].join('\n');
    expect(errorLocation(stderr)).toEqual({ line: 2, message: 'ZeroDivisionError: division by zero' });
  });

  it('ignores frames of other files (a bundled module)', () => {
    const stderr = [
      'Traceback (most recent call last):',
      '  File "main.py", line 3, in <module>',
      '  File "weakref.py", line 40, in __init__',
      "TypeError: cannot create weak reference to 'int' object",
    ].join('\n');
    expect(errorLocation(stderr)?.line).toBe(3);
  });

  it('finds the line of a syntax error, which has no traceback header', () => {
    const stderr = '  File "main.py", line 1\n    def f(:\n          ^\nSyntaxError: invalid syntax\n';
    expect(errorLocation(stderr)).toEqual({ line: 1, message: 'SyntaxError: invalid syntax' });
  });

  it('finds nothing in output without a location', () => {
    expect(errorLocation('PyMem Lab stopped the program: the step budget\n')).toBeUndefined();
    expect(errorLocation('')).toBeUndefined();
  });
});
