/**
 * The main-process side of `LabApi.preferences`, shared by both transports: validates a call's
 * arguments (zod), keeps the preferences in the experiment store (store/settings-repository.ts)
 * and applies them. Today one preference: the CPython interpreter of "Compare with CPython".
 *
 * Which interpreter is used: the saved `cpythonPath` when there is one, else the default the
 * process was started with (the web shell's `--python`, else `PYMEM_PYTHON`, else `python3`).
 */

import { z } from 'zod';
import type { CPythonStatus } from '../shared/cpython';
import { LabError, serializeError, type Outcome } from '../shared/lab-error';
import {
  isPreferencesWireMethod,
  MAX_CPYTHON_PATH_CHARS,
  type Preferences,
  type PreferencesApi,
  type PreferencesInfo,
  type PreferencesMethod,
  type PreferencesWireMethod,
} from '../shared/preferences-api';
import type { SettingsRepository } from './store/settings-repository';

/** What a `LabSession` needs of the preferences. */
export interface PreferencesCalls {
  call(method: PreferencesWireMethod, payload: unknown): Promise<Outcome<unknown>>;
}

/** What the service needs of "Compare with CPython" (src/main/cpython.ts). */
export interface CPythonSetting {
  setCommand(command: string): void;
  check(command: string): Promise<CPythonStatus>;
}

/** The settings' key of the interpreter. */
export const CPYTHON_PATH_KEY = 'cpythonPath';

export const cpythonPathSchema = z
  .string()
  .min(1, 'must not be empty (null chooses the default)')
  .max(MAX_CPYTHON_PATH_CHARS, `must be at most ${MAX_CPYTHON_PATH_CHARS} characters`)
  // eslint-disable-next-line no-control-regex -- a path with a control character is a mistake or a trick
  .refine((path) => !/[\u0000-\u001f\u007f]/.test(path), 'must not contain control characters')
  .refine((path) => path.trim() === path, 'must not start or end with spaces');

export const preferencesSchema = z.strictObject({
  cpythonPath: cpythonPathSchema.nullable(),
}) satisfies z.ZodType<Preferences>;

export const preferencesPayloadSchemas = {
  get: z.tuple([]),
  set: z.tuple([preferencesSchema]),
  checkCPython: z.tuple([cpythonPathSchema.nullable()]),
} satisfies Record<PreferencesMethod, z.ZodType>;

export type PreferencesArgs = { [M in PreferencesMethod]: z.infer<(typeof preferencesPayloadSchemas)[M]> };

// The schemas accept exactly the API's arguments: a change to one without the other fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const argsMatchApi: {
  [M in PreferencesMethod]: Same<PreferencesArgs[M], Parameters<PreferencesApi[M]>>;
} = { get: true, set: true, checkCPython: true };
void argsMatchApi;

/** The arguments, typed, or an `InvalidRequest` error that says what is wrong with them. */
export function parsePreferencesArgs<M extends PreferencesMethod>(
  method: M,
  payload: unknown,
): PreferencesArgs[M] {
  const parsed = preferencesPayloadSchemas[method].safeParse(payload);
  if (!parsed.success) {
    throw new LabError(
      'InvalidRequest',
      `Invalid preferences.${method} request: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data as PreferencesArgs[M];
}

export interface PreferencesServiceOptions {
  /** The store's settings; undefined when the store could not be opened (`storeUnavailable` says why). */
  settings: SettingsRepository | undefined;
  storeUnavailable?: string;
  cpython: CPythonSetting;
  /** The interpreter used without a preference. */
  defaultCPython: string;
  /**
   * Set where the preferences must not be changed from a client: a web shell serving a network
   * does not let a browser choose what its server runs.
   */
  readOnly?: string;
}

export class PreferencesService implements PreferencesCalls {
  readonly #options: PreferencesServiceOptions;
  #preferences: Preferences;

  /** Reads the saved preferences and applies them. */
  constructor(options: PreferencesServiceOptions) {
    this.#options = options;
    this.#preferences = { cpythonPath: null };
    let stored: unknown;
    try {
      stored = options.settings?.get(CPYTHON_PATH_KEY);
    } catch {
      stored = undefined; // a value this version cannot read is as good as none
    }
    const path = cpythonPathSchema.safeParse(stored);
    if (path.success) this.#preferences = { cpythonPath: path.data };
    this.#apply();
  }

  get preferences(): Preferences {
    return this.#preferences;
  }

  async call(method: PreferencesWireMethod, payload: unknown): Promise<Outcome<unknown>> {
    try {
      if (!isPreferencesWireMethod(method)) {
        throw new LabError('InvalidRequest', `Unknown method: ${JSON.stringify(method)}`);
      }
      const name = method.slice('preferences.'.length) as PreferencesMethod;
      return { ok: true, value: await this.#run(name, payload) };
    } catch (error) {
      if (error instanceof LabError) return { ok: false, error: serializeError(error) };
      const message = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        error: { name: 'StoreError', message: `The preferences could not be saved: ${message}` },
      };
    }
  }

  async #run(method: PreferencesMethod, payload: unknown): Promise<unknown> {
    switch (method) {
      case 'get':
        parsePreferencesArgs('get', payload);
        return this.#info();
      case 'set': {
        const [preferences] = parsePreferencesArgs('set', payload);
        const { settings, storeUnavailable, readOnly } = this.#options;
        if (readOnly) throw new LabError('Unavailable', readOnly);
        if (!settings) {
          throw new LabError(
            'StoreUnavailable',
            `Preferences cannot be saved: ${storeUnavailable ?? 'no store'}`,
          );
        }
        settings.set(CPYTHON_PATH_KEY, preferences.cpythonPath ?? undefined);
        this.#preferences = preferences;
        this.#apply();
        return this.#info();
      }
      case 'checkCPython': {
        const [path] = parsePreferencesArgs('checkCPython', payload);
        return this.#options.cpython.check(path ?? this.#options.defaultCPython);
      }
    }
  }

  #apply(): void {
    this.#options.cpython.setCommand(this.#preferences.cpythonPath ?? this.#options.defaultCPython);
  }

  #info(): PreferencesInfo {
    const { readOnly, settings, storeUnavailable, defaultCPython } = this.#options;
    const why =
      readOnly ?? (settings ? undefined : `Preferences cannot be saved: ${storeUnavailable ?? 'no store'}`);
    return { ...this.#preferences, defaultCPython, ...(why !== undefined && { readOnly: why }) };
  }
}
