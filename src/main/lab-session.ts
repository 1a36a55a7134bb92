/**
 * The main-process side of `LabApi` for one client, shared by both transports (Electron IPC
 * and the web shell's socket). A transport hands over a method name and an untrusted
 * payload; the session validates it, calls the engine, and answers with an `Outcome`.
 */

import type { CPythonRun, CPythonStatus } from '../shared/cpython';
import { isExperimentWireMethod } from '../shared/experiments-api';
import { isExerciseWireMethod } from '../shared/exercises-api';
import type { LabMethod, RunEventMessage } from '../shared/lab-channels';
import { LabError, serializeError, type Outcome } from '../shared/lab-error';
import { isPreferencesWireMethod } from '../shared/preferences-api';
import type { Engine } from './engine-host';
import { isLabMethod, parsePayload } from './lab-schemas';
import type { ExerciseCalls } from './exercises/exercise-service';
import type { PreferencesCalls } from './preferences-service';
import type { ExperimentCalls } from './store/experiment-service';

export type EmitRunEvent = (message: RunEventMessage) => void;

/** "Compare with CPython" (src/main/cpython.ts), or a stand-in in tests. */
export interface CPythonService {
  status(): Promise<CPythonStatus>;
  run(source: string): Promise<CPythonRun>;
}

const NO_CPYTHON: CPythonService = {
  status: async () => ({ available: false, reason: 'This lab was started without CPython comparison.' }),
  run: async () => {
    throw new LabError('Unavailable', 'This lab was started without CPython comparison.');
  },
};

export class LabSession {
  readonly #engine: Engine;
  readonly #experiments: ExperimentCalls | undefined;
  readonly #cpython: CPythonService;
  readonly #exercises: ExerciseCalls | undefined;
  readonly #preferences: PreferencesCalls | undefined;

  /**
   * `experiments`: the process's one experiment store, shared by every session; `cpython`:
   * the process's CPython for comparisons, likewise shared; `exercises`: the process's lab
   * exercises, likewise; `preferences`: the process's preferences (which choose `cpython`'s
   * interpreter), likewise.
   */
  constructor(
    engine: Engine,
    experiments?: ExperimentCalls,
    cpython: CPythonService = NO_CPYTHON,
    exercises?: ExerciseCalls,
    preferences?: PreferencesCalls,
  ) {
    this.#engine = engine;
    this.#experiments = experiments;
    this.#cpython = cpython;
    this.#exercises = exercises;
    this.#preferences = preferences;
  }

  async call(method: string, payload: unknown, emit: EmitRunEvent): Promise<Outcome<unknown>> {
    try {
      if (isExperimentWireMethod(method)) {
        if (!this.#experiments) throw new LabError('StoreUnavailable', 'This lab has no experiment store.');
        return await this.#experiments.call(method, payload);
      }
      if (isExerciseWireMethod(method)) {
        if (!this.#exercises) throw new LabError('Unavailable', 'This lab has no exercises.');
        return await this.#exercises.call(method, payload);
      }
      if (isPreferencesWireMethod(method)) {
        if (!this.#preferences) throw new LabError('Unavailable', 'This lab has no preferences.');
        return await this.#preferences.call(method, payload);
      }
      if (!isLabMethod(method))
        throw new LabError('InvalidRequest', `Unknown method: ${JSON.stringify(method)}`);
      return { ok: true, value: await this.#handlers[method](payload, emit) };
    } catch (error) {
      return { ok: false, error: serializeError(error) };
    }
  }

  dispose(): Promise<void> {
    return this.#engine.dispose();
  }

  readonly #handlers: { [M in LabMethod]: (payload: unknown, emit: EmitRunEvent) => Promise<unknown> } = {
    run: (payload, emit) => {
      const { runId, source } = parsePayload('run', payload);
      return this.#engine.run(source, (event) => emit({ runId, event }));
    },
    stop: async (payload) => {
      parsePayload('stop', payload);
      await this.#engine.stop();
      return null;
    },
    snapshot: (payload) => {
      const { step } = parsePayload('snapshot', payload);
      return this.#engine.snapshot(step);
    },
    stepEvents: (payload) => {
      const { step } = parsePayload('stepEvents', payload);
      return this.#engine.stepEvents(step);
    },
    cpythonStatus: (payload) => {
      parsePayload('cpythonStatus', payload);
      return this.#cpython.status();
    },
    runInCPython: (payload) => {
      const { source } = parsePayload('runInCPython', payload);
      return this.#cpython.run(source);
    },
  };
}
