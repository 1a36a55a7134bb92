/**
 * Where the checkpoint pool (checkpoint-pool.ts) keeps its paused workers. A seek to step s
 * runs on from the nearest worker at or before s, or re-runs from the start in the host's
 * own worker, which so stands at step 0. For seeks to random steps of a run of L steps, the
 * steps run on average Σ gap² / 2L, the gaps being those between consecutive workers (and
 * from 0 to the first, and from the last to L): that sum is the cost these functions lower.
 *
 * Workers only run forward; one goes back by re-running from the start in its isolate.
 */

/** Steps of a move: on from `from`, or from the start when `to` lies behind it. */
export function moveSteps(from: number, to: number): number {
  return to >= from ? to - from : to;
}

/**
 * `count` positions spread evenly over a run of `stepCount` steps, the host's worker at 0
 * being the first: L/(count+1), 2L/(count+1), …
 */
export function evenSpread(stepCount: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.floor(((i + 1) * stepCount) / (count + 1)));
}

/** The gaps between the host's worker at 0, the workers at `positions`, and the run's end. */
function gaps(positions: readonly number[], stepCount: number): number[] {
  const points = [0, ...positions].sort((a, b) => a - b);
  return points.map((p, i) => (points[i + 1] ?? stepCount) - p);
}

/** Twice the run's length times the mean steps a seek to a random step runs. */
export function spreadCost(positions: readonly number[], stepCount: number): number {
  return gaps(positions, stepCount).reduce((sum, g) => sum + g * g, 0);
}

/** The middle of the biggest gap: where one more worker lowers the cost most. */
export function middleOfBiggestGap(positions: readonly number[], stepCount: number): number {
  const points = [0, ...positions].sort((a, b) => a - b);
  let best = { from: 0, length: -1 };
  points.forEach((p, i) => {
    const length = (points[i + 1] ?? stepCount) - p;
    if (length > best.length) best = { from: p, length };
  });
  return best.from + Math.floor(best.length / 2);
}

/** A cost drop worth a background run: this share of an even spread's cost. */
const MIN_GAIN = 0.05;

/**
 * The background move that best evens out the workers at `positions` (seeks leave them where
 * they ran to): one of them to the middle of the biggest gap, the one whose leaving costs
 * least (ties: the shortest run). Undefined when no move lowers the cost by MIN_GAIN of what
 * an even spread costs.
 */
export function nextMove(
  positions: readonly number[],
  stepCount: number,
): { index: number; to: number } | undefined {
  if (positions.length === 0) return undefined;
  const to = middleOfBiggestGap(positions, stepCount);
  const even = spreadCost(evenSpread(stepCount, positions.length), stepCount);
  const now = spreadCost(positions, stepCount);
  let best: { index: number; cost: number; steps: number } | undefined;
  positions.forEach((from, index) => {
    const moved = positions.map((p, i) => (i === index ? to : p));
    const cost = spreadCost(moved, stepCount);
    const steps = moveSteps(from, to);
    if (best === undefined || cost < best.cost || (cost === best.cost && steps < best.steps))
      best = { index, cost, steps };
  });
  return best !== undefined && now - best.cost >= MIN_GAIN * even ? { index: best.index, to } : undefined;
}
