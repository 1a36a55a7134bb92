import { describe, expect, it } from 'vitest';
import { bestNewPosition, evenSpread, moveSteps, nextMove, spreadCost } from './checkpoint-placement';

describe('checkpoint placement', () => {
  it('spreads workers evenly, the first half as far from the host worker at step 0', () => {
    // Gaps of 1000 / 3.5: the first counts twice (HOST_RERUN_COST), so it is half as long.
    expect(evenSpread(1000, 3)).toEqual([142, 428, 714]);
    expect(evenSpread(10, 0)).toEqual([]);
  });

  it('costs the sum of the squared gaps, the first (re-run by the host) twice', () => {
    expect(spreadCost([], 100)).toBe(2 * 100 * 100);
    expect(spreadCost([50], 100)).toBe(2 * 50 * 50 + 50 * 50);
    expect(spreadCost([90, 10], 100)).toBe(2 * 10 * 10 + 80 * 80 + 10 * 10);
  });

  it('puts a new worker where it saves most: the middle of a gap, a third into the first', () => {
    expect(bestNewPosition([], 100)).toBe(33);
    expect(bestNewPosition([80, 90], 100)).toBe(26);
    expect(bestNewPosition([10, 20], 100)).toBe(60);
  });

  it('counts a move behind a worker as a re-run from the start', () => {
    expect(moveSteps(100, 150)).toBe(50);
    expect(moveSteps(100, 40)).toBe(40);
  });

  it('moves nothing when the workers are spread evenly, or nearly', () => {
    expect(nextMove([], 1000)).toBeUndefined();
    expect(nextMove([142, 428, 714], 1000)).toBeUndefined();
    expect(nextMove([150, 430, 700], 1000)).toBeUndefined();
  });

  it('moves the worker whose leaving costs least to where a new one would save most', () => {
    // Two workers side by side after a seek: the upper one runs on into the gap at the end.
    expect(nextMove([250, 500, 510], 1000)).toEqual({ index: 2, to: 755 });
    // Every worker is past the gap at the start: one re-runs from the start, the one at 990
    // (its leaving merges the smallest gaps).
    expect(nextMove([600, 700, 990], 1000)).toEqual({ index: 2, to: 200 });
  });
});
