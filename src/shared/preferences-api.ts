/**
 * The `preferences` part of `LabApi`: the person's settings, kept in the experiment store
 * (table `settings`, migration 4). For now one: the CPython interpreter "Compare with CPython"
 * runs. As with `experiments`, a method's arguments cross a transport as one array, which the
 * main process validates (src/main/preferences-service.ts).
 */

import type { CPythonStatus } from './cpython';

/** The longest interpreter path (or command) accepted. */
export const MAX_CPYTHON_PATH_CHARS = 4096;

export interface Preferences {
  /**
   * The interpreter "Compare with CPython" runs: a path, or a command found on the PATH. Null:
   * the default (the web shell's `--python`, else `PYMEM_PYTHON`, else `python3`). When set it
   * wins over the default.
   */
  cpythonPath: string | null;
}

export interface PreferencesInfo extends Preferences {
  /** The interpreter used while `cpythonPath` is null. */
  defaultCPython: string;
  /** Why the preferences cannot be changed here (no store; a shared web shell); else absent. */
  readOnly?: string;
}

export interface PreferencesApi {
  get(): Promise<PreferencesInfo>;
  /** Saves and applies the preferences; "Compare" asks `cpythonStatus` again afterwards. */
  set(preferences: Preferences): Promise<PreferencesInfo>;
  /**
   * What an interpreter reports, without saving it: its version when it is CPython 3.11 on
   * 64 bits, else why it cannot be used. Null checks the default.
   */
  checkCPython(path: string | null): Promise<CPythonStatus>;
}

export type PreferencesMethod = keyof PreferencesApi;

export const PREFERENCES_METHODS = [
  'get',
  'set',
  'checkCPython',
] as const satisfies readonly PreferencesMethod[];

/** The name a transport carries for a method: `preferences.set`, … */
export type PreferencesWireMethod = `preferences.${PreferencesMethod}`;

export const preferencesWireMethod = (method: PreferencesMethod): PreferencesWireMethod =>
  `preferences.${method}`;

export function isPreferencesWireMethod(method: string): method is PreferencesWireMethod {
  return (
    method.startsWith('preferences.') &&
    (PREFERENCES_METHODS as readonly string[]).includes(method.slice('preferences.'.length))
  );
}

/** Electron's IPC channel of a method. */
export const preferencesChannel = (method: PreferencesMethod): `lab:preferences.${PreferencesMethod}` =>
  `lab:${preferencesWireMethod(method)}`;

/** `PreferencesApi` over a transport that sends a wire method and its arguments and returns the value. */
export function createPreferencesClient(
  send: (method: PreferencesWireMethod, args: unknown[]) => Promise<unknown>,
): PreferencesApi {
  return {
    get: () => send('preferences.get', []) as Promise<PreferencesInfo>,
    set: (preferences) => send('preferences.set', [preferences]) as Promise<PreferencesInfo>,
    checkCPython: (path) => send('preferences.checkCPython', [path]) as Promise<CPythonStatus>,
  };
}
