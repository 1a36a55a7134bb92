/**
 * Experiments: what a person is working on, saved in the experiment store (SQLite in the main
 * process) and reopened exactly as it was left. Runs are deterministic, so an experiment keeps
 * its inputs and view state, never the trace: opening re-runs the program and returns to `step`.
 */

import { MAX_SOURCE_CHARS } from './lab-api';

/** The engine an experiment runs on, and the options it was run with. */
export interface EngineSettings {
  /** A CPython version/architecture profile of the engine. */
  profile: string;
  /** Run options (a step budget, a memory limit…), by name. */
  options: Record<string, string | number | boolean>;
}

/**
 * The views' own state: graph positions, folded nodes, the selected object, panel sizes. The
 * store keeps it as opaque JSON (checked for shape and size only); the views give it meaning.
 */
export type ViewState = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** What a person edits. */
export interface ExperimentFields {
  title: string;
  source: string;
  engine: EngineSettings;
  /** Markdown. */
  notes: string;
  /** The step the person was looking at (0 before any run). */
  step: number;
  viewState: ViewState;
}

export type ExperimentId = number;

export interface ExperimentSummary {
  id: ExperimentId;
  title: string;
  /** The first lines of the source, for the list. */
  preview: string;
  /** Milliseconds since the Unix epoch. */
  createdAt: number;
  updatedAt: number;
  /** When it went to the trash, or null if it is not there. */
  deletedAt: number | null;
  step: number;
}

export interface Experiment extends ExperimentFields {
  id: ExperimentId;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

export type ExperimentSort = 'updated' | 'created' | 'title';

export interface ExperimentListQuery {
  /** Matches title, notes and source (case-insensitive for ASCII letters). */
  search?: string;
  /** `updated` (newest first, the default), `created` (newest first) or `title` (A–Z). */
  sort?: ExperimentSort;
  /** List the trash instead of the experiments. */
  trash?: boolean;
  /** At most this many (default and maximum MAX_LIST_LIMIT) … */
  limit?: number;
  /** … after skipping this many. */
  offset?: number;
}

export interface ExperimentList {
  items: ExperimentSummary[];
  /** How many match the query in all (items holds at most `limit` of them). */
  total: number;
}

/** An experiment as a `.pymemlab.json` file, ready to be written by the renderer. */
export interface ExperimentExport {
  fileName: string;
  contents: string;
}

/** Where the store keeps its data, and what happened when it was opened. */
export interface StoreStatus {
  /** The database file. */
  path: string;
  /** Set when the file at `path` could not be read and was moved aside; a fresh one was started. */
  recovered?: { movedTo: string; reason: string };
  /** Set when the store could not be opened at all; every other call fails with this message. */
  unavailable?: string;
}

// Documented limits (README, "Experiments"): payloads beyond them are refused by validation.
export const MAX_EXPERIMENT_SOURCE_CHARS = MAX_SOURCE_CHARS;
export const MAX_TITLE_CHARS = 200;
export const MAX_NOTES_CHARS = 100_000;
/** The view state as compact JSON. */
export const MAX_VIEW_STATE_CHARS = 500_000;
export const MAX_VIEW_STATE_DEPTH = 64;
export const MAX_ENGINE_OPTIONS = 32;
export const MAX_SEARCH_CHARS = 200;
export const MAX_LIST_LIMIT = 10_000;
/**
 * A `.pymemlab.json` file. Even an experiment at every other limit, with every character
 * needing a six-character JSON escape, exports to less than this, so every export imports.
 */
export const MAX_EXPERIMENT_FILE_CHARS = 8_000_000;

export const DEFAULT_ENGINE_SETTINGS: EngineSettings = { profile: 'cpython-3.11-64bit', options: {} };
export const UNTITLED = 'Untitled experiment';
export const EXPERIMENT_FILE_EXTENSION = '.pymemlab.json';
