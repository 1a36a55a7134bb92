import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW_STATE,
  needsRunToRestore,
  parseViewState,
  positionsToSave,
  restoredStep,
  sameViewState,
  toViewState,
} from './view-state';

describe('parseViewState', () => {
  it('reads what toViewState wrote', () => {
    const state = {
      positions: { o12: { x: 10.5, y: -3 }, 'f0:<module>': { x: 0, y: 0 } },
      foldShared: false,
      layout: 'force' as const,
      selected: 12,
    };
    expect(parseViewState(toViewState(state))).toEqual(state);
  });

  it('gives the defaults for an empty or missing view state', () => {
    expect(parseViewState({})).toEqual(DEFAULT_VIEW_STATE);
    expect(parseViewState(undefined)).toEqual(DEFAULT_VIEW_STATE);
  });

  it('leaves out what it does not understand instead of refusing it', () => {
    const state = parseViewState({
      positions: { o1: { x: 1, y: 2 }, o2: { x: 'far', y: 0 }, o3: null, o4: [1, 2], o5: { x: 1e12, y: 0 } },
      folded: ['0x20'],
      foldShared: 'yes',
      layout: 'circle',
      selected: '0x10',
    });
    expect(state).toEqual({ ...DEFAULT_VIEW_STATE, positions: { o1: { x: 1, y: 2 } } });
    expect(parseViewState({ positions: [], selected: -1 }).selected).toBeNull();
    expect(parseViewState({ selected: 1.5 }).selected).toBeNull();
  });
});

describe('toViewState', () => {
  it('leaves the defaults out, so a view nobody changed is saved as {}', () => {
    expect(toViewState(DEFAULT_VIEW_STATE)).toEqual({});
    expect(toViewState(parseViewState({ folded: ['x'] }))).toEqual({});
  });

  it('sorts positions by id and rounds them to a tenth', () => {
    const saved = toViewState({
      ...DEFAULT_VIEW_STATE,
      positions: { o9: { x: 1.26, y: -0.04 }, o10: { x: 3, y: 4 } },
    });
    expect(JSON.stringify(saved)).toBe('{"positions":{"o10":{"x":3,"y":4},"o9":{"x":1.3,"y":0}}}');
  });

  it('is canonical: the same state in another order is the same JSON', () => {
    const a = toViewState({ ...DEFAULT_VIEW_STATE, positions: { a: { x: 1, y: 1 }, b: { x: 2, y: 2 } } });
    const b = toViewState({ ...DEFAULT_VIEW_STATE, positions: { b: { x: 2, y: 2 }, a: { x: 1, y: 1 } } });
    expect(sameViewState(a, b)).toBe(true);
    expect(sameViewState(a, toViewState({ ...DEFAULT_VIEW_STATE, selected: 3 }))).toBe(false);
  });
});

describe('positionsToSave', () => {
  const at = (n: number) => ({ x: n, y: -n });

  it('keeps every position of a graph within the limit, rounded', () => {
    const positions = new Map([
      ['o1', { x: 1.234, y: 5.678 }],
      ['o2', at(2)],
    ]);
    expect(positionsToSave(positions)).toEqual({ o1: { x: 1.2, y: 5.7 }, o2: at(2) });
  });

  it('beyond the limit, keeps the moved nodes first', () => {
    const positions = new Map(Array.from({ length: 10 }, (_, i) => [`o${i}`, at(i)] as const));
    const kept = positionsToSave(positions, new Set(['o8', 'o9']), 4);
    expect(Object.keys(kept)).toEqual(['o8', 'o9', 'o0', 'o1']);
  });

  it('drops positions that are not numbers', () => {
    expect(positionsToSave(new Map([['o1', { x: Number.NaN, y: 0 }]]))).toEqual({});
  });

  it('stays under the store limit for the largest graph it keeps', () => {
    const positions = new Map(
      Array.from({ length: 10_000 }, (_, i) => [`o${100_000 + i}`, { x: -12345.67, y: 23456.78 }] as const),
    );
    const saved = toViewState({ ...DEFAULT_VIEW_STATE, positions: positionsToSave(positions), selected: 1 });
    expect(JSON.stringify(saved).length).toBeLessThan(500_000);
  });
});

describe('restoredStep', () => {
  it('lands on the saved step, or the last one of a shorter run', () => {
    expect(restoredStep(7, 20)).toBe(7);
    expect(restoredStep(7, 8)).toBe(7);
    expect(restoredStep(7, 5)).toBe(4);
    expect(restoredStep(-2, 5)).toBe(0);
    expect(restoredStep(3, 0)).toBeNull();
  });
});

describe('needsRunToRestore', () => {
  it('runs again for a step past the first or a view of a run, not for a fresh experiment', () => {
    expect(needsRunToRestore(0, DEFAULT_VIEW_STATE)).toBe(false);
    expect(needsRunToRestore(0, { ...DEFAULT_VIEW_STATE, foldShared: false })).toBe(false);
    expect(needsRunToRestore(5, DEFAULT_VIEW_STATE)).toBe(true);
    expect(needsRunToRestore(0, { ...DEFAULT_VIEW_STATE, selected: 4 })).toBe(true);
    expect(needsRunToRestore(0, { ...DEFAULT_VIEW_STATE, positions: { o1: { x: 0, y: 0 } } })).toBe(true);
  });
});
