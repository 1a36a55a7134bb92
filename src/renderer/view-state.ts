/**
 * What an experiment keeps of its views (`Experiment.viewState`, opaque JSON to the store):
 * where the graph's nodes were, whether it folds shared values, its layout and the selected
 * object. Read defensively: a file written by hand or by another version may hold anything,
 * and whatever is not understood is left out rather than refused.
 *
 * The JSON is canonical: defaults are left out and keys come in one order, so that "nothing
 * changed" is a string comparison and opening an experiment never saves it.
 */

import type { JsonValue, ViewState } from '../shared/experiment';
import type { ObjectId } from '../shared/lab-api';

export type GraphLayoutName = 'layered' | 'force';

export interface Position {
  x: number;
  y: number;
}

export interface LabViewState {
  /** Model coordinates of the graph's nodes, by the graph's node id (`o<id>`, `f<n>:<name>`, …). */
  positions: Record<string, Position>;
  /** "Inline primitives": shared values folded into the objects that refer to them. */
  foldShared: boolean;
  layout: GraphLayoutName;
  selected: ObjectId | null;
}

export const DEFAULT_VIEW_STATE: LabViewState = Object.freeze({
  positions: Object.freeze({}) as Record<string, Position>,
  foldShared: true,
  layout: 'layered',
  selected: null,
});

/**
 * At most this many positions are kept (about 40 characters each as JSON, well within the
 * store's 500,000): a larger graph keeps the nodes the person moved first, then the others.
 */
export const MAX_SAVED_POSITIONS = 4000;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isCoordinate = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 1e9;

/** A coordinate as saved: to a tenth of a pixel, which is what the eye can tell apart. */
const round = (value: number) => Math.round(value * 10) / 10 || 0;

/** The views' state in a saved `viewState`, with defaults for what is missing or malformed. */
export function parseViewState(saved: ViewState | undefined): LabViewState {
  const state: LabViewState = { ...DEFAULT_VIEW_STATE, positions: {} };
  if (!isRecord(saved)) return state;
  if (isRecord(saved.positions)) {
    for (const [id, at] of Object.entries(saved.positions)) {
      if (isRecord(at) && isCoordinate(at.x) && isCoordinate(at.y))
        state.positions[id] = { x: at.x, y: at.y };
    }
  }
  if (typeof saved.foldShared === 'boolean') state.foldShared = saved.foldShared;
  if (saved.layout === 'layered' || saved.layout === 'force') state.layout = saved.layout;
  if (typeof saved.selected === 'number' && Number.isSafeInteger(saved.selected) && saved.selected >= 0)
    state.selected = saved.selected;
  return state;
}

/** The canonical JSON of `state`: defaults left out, positions sorted by id and rounded. */
export function toViewState(state: LabViewState): ViewState {
  const out: { [key: string]: JsonValue } = {};
  const ids = Object.keys(state.positions).sort();
  if (ids.length > 0) {
    const positions: { [id: string]: JsonValue } = {};
    for (const id of ids) {
      const { x, y } = state.positions[id]!;
      positions[id] = { x: round(x), y: round(y) };
    }
    out.positions = positions;
  }
  if (state.foldShared !== DEFAULT_VIEW_STATE.foldShared) out.foldShared = state.foldShared;
  if (state.layout !== DEFAULT_VIEW_STATE.layout) out.layout = state.layout;
  if (state.selected !== null) out.selected = state.selected;
  return out;
}

/** Whether two saved view states say the same (both canonical, or equal as JSON). */
export function sameViewState(a: ViewState, b: ViewState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The positions to keep of a graph's nodes: all of them up to `max`; beyond, those the person
 * moved (`moved`) first, then the others in their order.
 */
export function positionsToSave(
  positions: Iterable<[string, Position]>,
  moved: ReadonlySet<string> = new Set(),
  max = MAX_SAVED_POSITIONS,
): Record<string, Position> {
  const all = [...positions].filter(([, at]) => isCoordinate(at.x) && isCoordinate(at.y));
  const chosen =
    all.length <= max
      ? all
      : [...all.filter(([id]) => moved.has(id)), ...all.filter(([id]) => !moved.has(id))].slice(0, max);
  const out: Record<string, Position> = {};
  for (const [id, { x, y }] of chosen) out[id] = { x: round(x), y: round(y) };
  return out;
}

/** The step to land on when a run of `count` steps reopens at `saved`: past the end, the last one. */
export function restoredStep(saved: number, count: number): number | null {
  if (count <= 0) return null;
  return Math.min(Math.max(Math.trunc(saved) || 0, 0), count - 1);
}

/**
 * Whether opening an experiment should run its program to come back to where it was: it was
 * saved while looking at a run (a step past the first, or anything the views keep of one).
 */
export function needsRunToRestore(step: number, state: LabViewState): boolean {
  return step > 0 || state.selected !== null || Object.keys(state.positions).length > 0;
}
