/**
 * Where the checkpoint pool (checkpoint-pool.ts) keeps its paused workers. A seek to step s
 * runs on from the nearest worker at or before s, or re-runs from the start in the host's
 * own worker, which so stands at step 0. For seeks to random steps of a run of L steps, the
 * time a seek takes is on average proportional to Σ gap² / 2L, the gaps being those between
 * consecutive workers (and from the last to L): that sum is the cost these functions lower.
 * The gap from 0 to the first worker counts HOST_RERUN_COST times: the host's worker re-runs
 * from the start more slowly than a paused worker runs on (it starts the program first, and
 * its JIT is tuned to runs, not to snapshot re-runs: bench-seek measured 63-72 ms for 111,000
 * steps against 25-35 ms from a paused worker, 19 ms for 5,000).
 *
 * Workers only run forward; one goes back by re-running from the start in its isolate.
 */

export const HOST_RERUN_COST = 2;

/** Steps of a move: on from `from`, or from the start when `to` lies behind it. */
export function moveSteps(from: number, to: number): number {
  return to >= from ? to - from : to;
}

/**
 * `count` positions spread evenly over a run of `stepCount` steps: gaps of g, the first of
 * g / HOST_RERUN_COST (from the host's worker at 0), which makes their cost least.
 */
export function evenSpread(stepCount: number, count: number): number[] {
  const gap = stepCount / (count + 1 / HOST_RERUN_COST);
  return Array.from({ length: count }, (_, i) => Math.floor(gap / HOST_RERUN_COST + i * gap));
}

/** The gaps after step 0 (the host's worker) and after each worker, in step order. */
function gaps(positions: readonly number[], stepCount: number): { from: number; length: number }[] {
  const points = [0, ...positions].sort((a, b) => a - b);
  return points.map((p, i) => ({ from: p, length: (points[i + 1] ?? stepCount) - p }));
}

/** How much a gap costs: its square, HOST_RERUN_COST times for the first. */
const gapCost = (index: number, length: number) => (index === 0 ? HOST_RERUN_COST : 1) * length * length;

/** Proportional to the mean time a seek to a random step takes (see the top of the file). */
export function spreadCost(positions: readonly number[], stepCount: number): number {
  return gaps(positions, stepCount).reduce((sum, { length }, i) => sum + gapCost(i, length), 0);
}

/**
 * Where one more worker lowers the cost most: in the gap whose split saves most, at its
 * middle (in the first gap, at 1 / (HOST_RERUN_COST + 1) of it).
 */
export function bestNewPosition(positions: readonly number[], stepCount: number): number {
  let best = { at: 0, saving: -1 };
  gaps(positions, stepCount).forEach(({ from, length }, i) => {
    const at = from + Math.floor(i === 0 ? length / (HOST_RERUN_COST + 1) : length / 2);
    const saving = gapCost(i, length) - gapCost(i, at - from) - gapCost(1, from + length - at);
    if (saving > best.saving) best = { at, saving };
  });
  return best.at;
}

/** A cost drop worth a background run: this share of an even spread's cost. */
const MIN_GAIN = 0.05;

/**
 * The background move that best evens out the workers at `positions` (seeks leave them where
 * they ran to): one of them to where a new worker would lower the cost most, the one whose
 * leaving costs least (ties: the shortest run). Undefined when no move lowers the cost by MIN_GAIN of what
 * an even spread costs.
 */
export function nextMove(
  positions: readonly number[],
  stepCount: number,
): { index: number; to: number } | undefined {
  if (positions.length === 0) return undefined;
  const to = bestNewPosition(positions, stepCount);
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
