/**
 * How expected answers are computed (in the engine) and measured (in CPython, by probes), on
 * small programs whose answers are known. The probes must measure what they claim, or the
 * agreement checked in exercises.test.ts would mean nothing.
 */

import { describe, expect, it } from 'vitest';
import { runSource } from '../../core';
import type { AnswerSpec } from './exercise-format';
import { cpython311, cpythonAnswer, instrument } from './cpython-answer';
import { computeExpected, resolveLineSelector, type ExerciseInput } from './expected-answer';

const python = process.env.PYMEM_PYTHON || 'python3';
const cpython = cpython311(python);

function exercise(
  source: string,
  answer: AnswerSpec,
  visibleAt = '1',
): ExerciseInput & {
  id: string;
  number: number;
  fileName: string;
  title: string;
  topic: string;
  goal: string;
  question: string;
  hints: string[];
  explanation: string;
} {
  return {
    id: 'x',
    number: 1,
    fileName: '01-x.md',
    title: 'x',
    topic: 'x',
    goal: 'x',
    question: 'x',
    hints: ['x'],
    explanation: 'x',
    source,
    answer,
    visibleAt,
  };
}

const CASES: { name: string; source: string; answer: AnswerSpec; expected: unknown }[] = [
  {
    name: 'a refcount at module level',
    source: 'a = []\nb = a\nc = [a]\nprint(1)\n',
    answer: { kind: 'number', from: { refcount: 'a', at: '4' } },
    expected: { kind: 'number', value: 3 },
  },
  {
    name: 'a refcount inside a function, the 2nd time its line runs',
    source: 'g = []\ndef f(v):\n    w = [v, v]\n    return w\nf(g)\nkeep = f(g)\n',
    answer: { kind: 'number', from: { refcount: 'v', at: '4:2' } },
    // g, v, w[0] and w[1]: the first call's list is gone.
    expected: { kind: 'number', value: 4 },
  },
  {
    name: 'a size through attributes and items',
    source: "class A:\n    pass\na = A()\na.items = {'k': [1, 2, 3]}\nprint(2)\n",
    answer: { kind: 'number', from: { size: "a.items['k']", at: '5' } },
    expected: { kind: 'number', value: 88 },
  },
  {
    name: 'the line during which each object is freed',
    source: [
      'class B:',
      '    pass',
      'def f():',
      '    local = B()',
      '    return 1',
      'a = B()',
      'b = B()',
      'keep = B()',
      'a = None',
      'f()',
      'del b',
    ].join('\n'),
    answer: {
      kind: 'freed',
      objects: [
        { label: 'a', path: 'a', at: '9' },
        { label: 'b', path: 'b', at: '9' },
        { label: 'keep', path: 'keep', at: '9' },
        { label: 'local', path: 'local', at: '5' },
      ],
    },
    expected: { kind: 'freed', lines: [9, 11, null, 10] },
  },
  {
    name: 'what a collection finds, the 2nd time its line runs',
    source: [
      'import gc',
      'class N:',
      '    pass',
      'for i in range(2):',
      '    a = N()',
      '    b = N()',
      '    a.b = b',
      '    b.a = a',
      '    c = N()',
      '    c.me = c',
      '    gc.collect()',
      '    del a, b',
    ].join('\n'),
    answer: {
      kind: 'collected',
      objects: [
        { label: 'a', path: 'a', at: '11:1' },
        { label: 'b', path: 'b', at: '11:1' },
        { label: 'c', path: 'c', at: '11:1' },
      ],
      collection: '11:2',
    },
    // The first loop's a and b are garbage once the loop rebinds the names; the first c is
    // garbage too, since the second iteration rebinds c before collecting.
    expected: { kind: 'collected', found: [true, true, true] },
  },
];

describe('computeExpected (the engine)', () => {
  for (const { name, source, answer, expected } of CASES) {
    it(name, () => {
      expect(computeExpected(exercise(source, answer), runSource).answer).toEqual(expected);
    });
  }

  it('gives the step of a line selector', () => {
    const source = 'for i in range(3):\n    x = i\nprint(x)\n';
    const { steps = [] } = runSource(source, { recordSteps: true });
    const step = resolveLineSelector('2:3', steps)!;
    expect(steps[step]).toMatchObject({ event: 'line', line: 2 });
    expect(steps.slice(0, step).filter((s) => s.event === 'line' && s.line === 2)).toHaveLength(2);
    expect(
      computeExpected(exercise(source, { kind: 'number', from: { stdout: 1 } }, '2:3'), runSource),
    ).toEqual({
      answer: { kind: 'number', value: 2 },
      visibleStep: step,
    });
  });

  it('says what is wrong with an exercise the engine cannot answer', () => {
    const fails =
      (source: string, answer: AnswerSpec, visibleAt = '1') =>
      () =>
        computeExpected(exercise(source, answer, visibleAt), runSource);
    const number = (from: unknown) => ({ kind: 'number', from }) as AnswerSpec;
    expect(fails('x = 1/0\n', number({ stdout: 1 }))).toThrow(
      'the program failed in the engine: ZeroDivisionError: division by zero',
    );
    expect(fails('print("many")\n', number({ stdout: 1 }))).toThrow(
      'stdout line 1 is "many", not a whole number',
    );
    expect(fails('print(1)\n', number({ stdout: 2 }))).toThrow('stdout has no line 2 (it has 1)');
    expect(fails('x = 1\nprint(x)\n', number({ refcount: 'y', at: '2' }))).toThrow('no variable y at step');
    expect(fails('x = [1]\nprint(x)\n', number({ refcount: 'x[3]', at: '2' }))).toThrow(
      'x has no reference [3]',
    );
    expect(fails('x = 1\nprint(x)\n', number({ stdout: 1 }), '2:2')).toThrow(
      'line 2 does not run 2 time(s) (selector "2:2")',
    );
    expect(
      fails('print(3)\n', {
        kind: 'choice',
        options: [
          { value: '1', label: '1' },
          { value: '2', label: '2' },
        ],
        from: { stdout: 1 },
      }),
    ).toThrow('stdout line 1 is "3", which is not one of the options');
    expect(
      fails('class A:\n    pass\na = A()\nprint(1)\n', {
        kind: 'collected',
        objects: [{ label: 'a', path: 'a', at: '4' }],
        collection: '4',
      }),
    ).toThrow('no collection runs at line 4');
  });
});

describe('cpythonAnswer (CPython, with probes)', () => {
  it('inserts probe lines at the indentation of their line and maps lines back', () => {
    const { text, originalLine } = instrument('def f():\n    return 1\nf()\n', [
      { before: 2, code: 'P()' },
      { before: Infinity, code: 'E()' },
    ]);
    expect(text).toBe('def f():\n    P()\n    return 1\nf()\nE()\n');
    expect([1, 2, 3, 4, 5].map(originalLine)).toEqual([1, undefined, 2, 3, undefined]);
  });

  const name = (what: string) => (cpython.ok ? what : `${what} (skipped: ${cpython.reason})`);
  for (const { name: what, source, answer, expected } of CASES) {
    it.skipIf(!cpython.ok)(name(what), () => {
      expect(cpythonAnswer(exercise(source, answer), python)).toEqual(expected);
    });
  }

  it.skipIf(!cpython.ok)(name('refuses to watch an object that has no weak references'), () => {
    const answer: AnswerSpec = { kind: 'freed', objects: [{ label: 'l', path: 'l', at: '2' }] };
    expect(() => cpythonAnswer(exercise('l = []\ndel l\n', answer), python)).toThrow(
      "cannot create weak reference to 'list' object",
    );
  });
});
