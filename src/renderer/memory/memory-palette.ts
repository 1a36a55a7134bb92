/**
 * Colours of the memory views' canvases (the allocator map, the chart), for the light and the
 * dark scheme: a canvas cannot read CSS variables, so these mirror styles.css.
 */

import { useGraphPalette } from '../graph/graph-theme';

export interface MemoryPalette {
  scheme: 'light' | 'dark';
  background: string;
  text: string;
  muted: string;
  border: string;
  tile: string;
  /** A block holding an object of the snapshot. */
  object: string;
  /** A block in use by something else: a buffer (list items, dict keys) or an object not shown. */
  used: string;
  /** A dead object kept by a 3.11 free list. */
  kept: string;
  free: string;
  untouched: string;
  /** The pool that serves the next allocation of its size class. */
  next: string;
  selected: string;
  hover: string;
  /** The free list's chain, head first. */
  chain: string;
  /** Chart series and markers: Σ sys.getsizeof of live objects, traced bytes, blocks. */
  sizeof: string;
  bytes: string;
  blocks: string;
  grid: string;
  generations: [string, string, string];
  finalizer: string;
  weakref: string;
  step: string;
  /** Stacked types, most common first; the last is "other". */
  types: string[];
}

export const LIGHT_MEMORY: MemoryPalette = {
  scheme: 'light',
  background: '#ffffff',
  text: '#1f2328',
  muted: '#6b7280',
  border: '#d9dde3',
  tile: '#f8fafc',
  object: '#3b82f6',
  used: '#94a3b8',
  kept: '#f59e0b',
  free: '#d1fae5',
  untouched: '#eef1f5',
  next: '#16a34a',
  selected: '#e11d48',
  hover: '#111827',
  chain: '#15803d',
  sizeof: '#0f766e',
  bytes: '#2563eb',
  blocks: '#9333ea',
  grid: '#e5e7eb',
  generations: ['#0891b2', '#d97706', '#dc2626'],
  finalizer: '#a21caf',
  weakref: '#0d9488',
  step: '#111827',
  types: ['#3b82f6', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#ec4899', '#14b8a6', '#a3a3a3'],
};

export const DARK_MEMORY: MemoryPalette = {
  scheme: 'dark',
  background: '#1c2026',
  text: '#e3e6ea',
  muted: '#8b949e',
  border: '#2f353e',
  tile: '#20252c',
  object: '#60a5fa',
  used: '#64748b',
  kept: '#fbbf24',
  free: '#14532d',
  untouched: '#262c34',
  next: '#4ade80',
  selected: '#fb7185',
  hover: '#f9fafb',
  chain: '#4ade80',
  sizeof: '#2dd4bf',
  bytes: '#60a5fa',
  blocks: '#c084fc',
  grid: '#2f353e',
  generations: ['#22d3ee', '#fbbf24', '#f87171'],
  finalizer: '#e879f9',
  weakref: '#2dd4bf',
  step: '#f9fafb',
  types: ['#60a5fa', '#fbbf24', '#34d399', '#f87171', '#a78bfa', '#f472b6', '#2dd4bf', '#737373'],
};

/** The palette of the system's colour scheme (follows it like the graph's). */
export function useMemoryPalette(): MemoryPalette {
  return useGraphPalette().scheme === 'dark' ? DARK_MEMORY : LIGHT_MEMORY;
}
