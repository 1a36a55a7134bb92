/**
 * One browser tab's WebSocket: parses `SocketRequest`s, hands them to the tab's
 * `LabSession`, and sends back replies and run events as `SocketMessage`s. A frame that is
 * not a valid request closes the socket (1007/1008): a well-behaved client never sends one.
 */

import type { WebSocket } from 'ws';
import type { SocketMessage } from '../../shared/socket-protocol';
import type { LabSession } from '../lab-session';
import { socketRequestSchema } from '../lab-schemas';

export function serveLabSocket(socket: WebSocket, session: LabSession): void {
  const send = (message: SocketMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  socket.on('message', (data, isBinary) => {
    let json: unknown;
    try {
      json = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      json = undefined;
    }
    const request = socketRequestSchema.safeParse(json);
    if (!request.success) {
      socket.close(isBinary || json === undefined ? 1007 : 1008, 'invalid request');
      return;
    }
    const { seq, method, payload } = request.data;
    void session
      .call(method, payload, (message) => send({ type: 'event', ...message }))
      .then((outcome) => send({ type: 'reply', seq, outcome }));
  });

  // A closed tab must not leave its engine running.
  socket.on('close', () => void session.dispose());
}
