import { describe, expect, it } from 'vitest';
import { evenSpread, middleOfBiggestGap, moveSteps, nextMove, spreadCost } from './checkpoint-placement';

describe('checkpoint placement', () => {
  it('spreads workers evenly after the host worker at step 0', () => {
    expect(evenSpread(1000, 3)).toEqual([250, 500, 750]);
    expect(evenSpread(10, 0)).toEqual([]);
  });

  it('costs the sum of the squared gaps, from step 0 to the end of the run', () => {
    expect(spreadCost([], 100)).toBe(100 * 100);
    expect(spreadCost([50], 100)).toBe(50 * 50 + 50 * 50);
    expect(spreadCost([90, 10], 100)).toBe(10 * 10 + 80 * 80 + 10 * 10);
  });

  it('finds the middle of the biggest gap, the one before the first worker included', () => {
    expect(middleOfBiggestGap([], 100)).toBe(50);
    expect(middleOfBiggestGap([80, 90], 100)).toBe(40);
    expect(middleOfBiggestGap([10, 20], 100)).toBe(60);
  });

  it('counts a move behind a worker as a re-run from the start', () => {
    expect(moveSteps(100, 150)).toBe(50);
    expect(moveSteps(100, 40)).toBe(40);
  });

  it('moves nothing when the workers are spread evenly, or nearly', () => {
    expect(nextMove([], 1000)).toBeUndefined();
    expect(nextMove([250, 500, 750], 1000)).toBeUndefined();
    expect(nextMove([260, 510, 740], 1000)).toBeUndefined();
  });

  it('moves the worker whose leaving costs least to the middle of the biggest gap', () => {
    // Two workers side by side after a seek: the upper one runs on into the gap at the end.
    expect(nextMove([250, 500, 510], 1000)).toEqual({ index: 2, to: 755 });
    // Every worker is past the gap at the start: one re-runs from the start, the one at 990
    // (its leaving merges the smallest gaps).
    expect(nextMove([600, 700, 990], 1000)).toEqual({ index: 2, to: 300 });
  });
});
