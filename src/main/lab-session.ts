/**
 * The main-process side of `LabApi` for one client, shared by both transports (Electron IPC
 * and the web shell's socket). A transport hands over a method name and an untrusted
 * payload; the session validates it, calls the engine, and answers with an `Outcome`.
 */

import type { LabMethod, RunEventMessage } from '../shared/lab-channels';
import { LabError, serializeError, type Outcome } from '../shared/lab-error';
import type { Engine } from './engine-host';
import { isLabMethod, parsePayload } from './lab-schemas';

export type EmitRunEvent = (message: RunEventMessage) => void;

export class LabSession {
  readonly #engine: Engine;

  constructor(engine: Engine) {
    this.#engine = engine;
  }

  async call(method: string, payload: unknown, emit: EmitRunEvent): Promise<Outcome<unknown>> {
    try {
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
  };
}
