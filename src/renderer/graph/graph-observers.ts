/**
 * A window onto the graph for the fixture page's tests and the benchmark: they read the
 * Cytoscape instance and the time each update took. The app registers no observer.
 */
import type { Core } from 'cytoscape';

export interface GraphUpdate {
  /** Time to build the view model, apply it and lay it out (not the browser's paint). */
  ms: number;
  nodes: number;
  edges: number;
  /** Whether the whole graph was laid out again (first step, another run, a layout button). */
  fullLayout: boolean;
}

export interface GraphObserver {
  ready?(cy: Core): void;
  updated?(update: GraphUpdate): void;
  destroyed?(cy: Core): void;
}

const observers = new Set<GraphObserver>();
/** Instances alive now: an observer registered after a graph mounted (a parent's effect runs after its child's) still hears of it. */
const live = new Set<Core>();

export function observeGraphs(observer: GraphObserver): () => void {
  observers.add(observer);
  for (const cy of live) observer.ready?.(cy);
  return () => observers.delete(observer);
}

export function notifyGraph<K extends keyof GraphObserver>(
  event: K,
  ...args: Parameters<NonNullable<GraphObserver[K]>>
): void {
  if (event === 'ready') live.add(args[0] as Core);
  if (event === 'destroyed') live.delete(args[0] as Core);
  for (const o of observers) (o[event] as ((...a: typeof args) => void) | undefined)?.(...args);
}
