import { describe, expect, it } from 'vitest';
import {
  MAX_EXPERIMENT_SOURCE_CHARS,
  MAX_NOTES_CHARS,
  MAX_TITLE_CHARS,
  MAX_VIEW_STATE_CHARS,
  MAX_VIEW_STATE_DEPTH,
} from '../../shared/experiment';
import { parseExperimentArgs, viewStateProblem } from './experiment-schemas';

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toMatchObject({ name: 'InvalidRequest' });
    return (error as Error).message;
  }
  throw new Error('expected the arguments to be refused');
};

describe('the arguments of experiments calls', () => {
  it('accepts what the API sends', () => {
    expect(parseExperimentArgs('list', [])).toEqual([]);
    expect(parseExperimentArgs('list', [{ search: 'gc', sort: 'title', trash: true }])).toEqual([
      { search: 'gc', sort: 'title', trash: true },
    ]);
    expect(parseExperimentArgs('update', [3, { source: 'x', step: 2, viewState: { a: [1, null] } }])).toEqual(
      [3, { source: 'x', step: 2, viewState: { a: [1, null] } }],
    );
  });

  it('refuses wrong ids, unknown fields and wrong types, naming them', () => {
    expect(refusal(() => parseExperimentArgs('get', [0]))).toMatch(/experiments\.get/);
    expect(refusal(() => parseExperimentArgs('get', ['1']))).toMatch(/expected number/);
    expect(refusal(() => parseExperimentArgs('update', [1, { sourec: 'x' }]))).toMatch(
      /Unrecognized key: "sourec"/,
    );
    expect(refusal(() => parseExperimentArgs('update', [1, { step: -1 }]))).toMatch(/step/);
    expect(refusal(() => parseExperimentArgs('list', [{ sort: 'size' }]))).toMatch(/sort/);
    expect(refusal(() => parseExperimentArgs('trash', [1, 2]))).toMatch(/Too big/);
  });

  it('enforces the documented limits', () => {
    const at = (max: number) => 'x'.repeat(max);
    expect(parseExperimentArgs('update', [1, { source: at(MAX_EXPERIMENT_SOURCE_CHARS) }])).toBeTruthy();
    expect(
      refusal(() => parseExperimentArgs('update', [1, { source: at(MAX_EXPERIMENT_SOURCE_CHARS + 1) }])),
    ).toMatch(/source[\s\S]*|at most 1,000,000 characters/);
    expect(refusal(() => parseExperimentArgs('update', [1, { notes: at(MAX_NOTES_CHARS + 1) }]))).toMatch(
      /notes/,
    );
    expect(refusal(() => parseExperimentArgs('rename', [1, at(MAX_TITLE_CHARS + 1)]))).toMatch(/at most 200/);
    expect(refusal(() => parseExperimentArgs('rename', [1, 'two\nlines']))).toMatch(/one line/);
    expect(refusal(() => parseExperimentArgs('list', [{ limit: 10_001 }]))).toMatch(/limit/);
  });

  it('checks the engine settings', () => {
    const engine = (value: unknown) => () => parseExperimentArgs('update', [1, { engine: value }]);
    expect(engine({ profile: 'cpython-3.11-64bit', options: { stepBudget: 10 } })()).toBeTruthy();
    expect(refusal(engine({ profile: '../etc', options: {} }))).toMatch(/profile/);
    expect(refusal(engine({ profile: 'p', options: { 'no spaces': 1 } }))).toMatch(
      /Invalid key[\s\S]*no spaces/,
    );
    const many = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`o${i}`, i]));
    expect(refusal(engine({ profile: 'p', options: many }))).toMatch(/at most 32 options/);
  });
});

describe('viewStateProblem', () => {
  it('accepts JSON objects', () => {
    expect(viewStateProblem({})).toBeUndefined();
    expect(
      viewStateProblem({ positions: { a: { x: 1.5, y: -2 } }, folded: ['x'], selected: null, ok: true }),
    ).toBeUndefined();
  });

  it.each([
    ['an array', [1], 'must be a JSON object'],
    ['null', null, 'must be a JSON object'],
    [
      'a Date',
      { at: new Date(0) },
      'viewState.at must be JSON (a string, number, boolean, null, array or object), not Date',
    ],
    [
      'undefined',
      { a: undefined },
      'viewState.a must be JSON (a string, number, boolean, null, array or object), not undefined',
    ],
    ['NaN', { a: [1, Number.NaN] }, 'viewState.a[1] must be a finite number'],
    [
      'a Map',
      { a: new Map() },
      'viewState.a must be JSON (a string, number, boolean, null, array or object), not Map',
    ],
    [
      'a bigint',
      { a: 1n },
      'viewState.a must be JSON (a string, number, boolean, null, array or object), not bigint',
    ],
    ['a hole', { a: [1, , 3] }, 'viewState.a[1] must not be a hole'], // eslint-disable-line no-sparse-arrays
  ])('refuses %s', (_name, value, problem) => {
    expect(viewStateProblem(value)).toBe(problem);
  });

  it('refuses nesting beyond the limit, and cycles', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 1; i < MAX_VIEW_STATE_DEPTH; i++) deep = (deep.next = {}) as Record<string, unknown>;
    expect(viewStateProblem(root)).toBeUndefined();
    deep.next = {};
    expect(viewStateProblem(root)).toMatch(/levels deep/);

    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(viewStateProblem(cyclic)).toMatch(/levels deep/);
  });

  it('refuses more than the size limit, also when it is one subtree shared many times', () => {
    expect(viewStateProblem({ s: 'x'.repeat(MAX_VIEW_STATE_CHARS) })).toMatch(/at most 500,000 characters/);
    // 2^40 paths through 40 shared levels: walking them all would never end.
    let shared: unknown = { leaf: 1 };
    for (let i = 0; i < 40; i++) shared = { a: shared, b: shared };
    const started = performance.now();
    expect(viewStateProblem(shared)).toMatch(/at most/);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
