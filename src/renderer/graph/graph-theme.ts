/**
 * The graph's colours for the light and dark schemes (the canvas cannot read CSS variables,
 * so the values mirror styles.css), and a hook that follows the system's scheme.
 */
import { useSyncExternalStore } from 'react';

export interface GraphPalette {
  scheme: 'light' | 'dark';
  background: string;
  text: string;
  muted: string;
  nodeBg: string;
  nodeBorder: string;
  frameBg: string;
  frameBorder: string;
  accent: string;
  sharedBg: string;
  edge: string;
  edgeLabelBg: string;
  temporary: string;
  /** Reference cycles present at the step. */
  cycle: string;
  /** Alive but unreachable: garbage waiting for the collector. */
  garbage: string;
  garbageBg: string;
  /** What the last collection found unreachable. */
  collector: string;
  collectorBg: string;
  resurrected: string;
  created: string;
  freed: string;
  changed: string;
  referrer: string;
  path: string;
  flash: string;
}

export const LIGHT: GraphPalette = {
  scheme: 'light',
  background: '#ffffff',
  text: '#1f2328',
  muted: '#6b7280',
  nodeBg: '#f8fafc',
  nodeBorder: '#64748b',
  frameBg: '#e0e7ff',
  frameBorder: '#6366f1',
  accent: '#2563eb',
  sharedBg: '#f1f5f9',
  edge: '#64748b',
  edgeLabelBg: '#ffffff',
  temporary: '#a3a3a3',
  cycle: '#ea580c',
  garbage: '#dc2626',
  garbageBg: '#fee2e2',
  collector: '#a21caf',
  collectorBg: '#fae8ff',
  resurrected: '#ca8a04',
  created: '#16a34a',
  freed: '#dc2626',
  changed: '#d97706',
  referrer: '#0d9488',
  path: '#2563eb',
  flash: '#fde047',
};

export const DARK: GraphPalette = {
  scheme: 'dark',
  background: '#1c2026',
  text: '#e3e6ea',
  muted: '#8b949e',
  nodeBg: '#242a32',
  nodeBorder: '#8b949e',
  frameBg: '#262f4d',
  frameBorder: '#818cf8',
  accent: '#60a5fa',
  sharedBg: '#20252c',
  edge: '#8b949e',
  edgeLabelBg: '#1c2026',
  temporary: '#5b636e',
  cycle: '#fb923c',
  garbage: '#f87171',
  garbageBg: '#4c1d1d',
  collector: '#e879f9',
  collectorBg: '#4a1d4f',
  resurrected: '#facc15',
  created: '#4ade80',
  freed: '#f87171',
  changed: '#fbbf24',
  referrer: '#2dd4bf',
  path: '#60a5fa',
  flash: '#a16207',
};

const QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

const isDark = () => window.matchMedia(QUERY).matches;

/** The palette of the system's current colour scheme; re-renders when it changes. */
export function useGraphPalette(): GraphPalette {
  return useSyncExternalStore(subscribe, isDark) ? DARK : LIGHT;
}
