/**
 * The web shell's WebSocket protocol: `LabApi` calls from a browser tab, replies matched by
 * `seq`, and run events. Messages are JSON text frames.
 */

import type { RunEventMessage } from './lab-channels';
import type { Outcome } from './lab-error';

/** Where the web shell accepts its WebSocket. */
export const SOCKET_PATH = '/lab';

/** Browser → server: one `LabApi` call. The payload is validated on the server. */
export interface SocketRequest {
  seq: number;
  method: string;
  payload: unknown;
}

/** Server → browser. */
export type SocketMessage =
  { type: 'reply'; seq: number; outcome: Outcome<unknown> } | ({ type: 'event' } & RunEventMessage);
