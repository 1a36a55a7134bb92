/**
 * The web shell: the main-process services behind HTTP and a WebSocket, so the same
 * renderer runs in a browser. Each tab gets its own `LabSession`, hence its own engine
 * worker: one person's endless loop never slows another's.
 *
 * Only pages served by this server may open the socket (the Origin must be this server's),
 * and when bound to loopback only loopback host names are accepted, which defeats DNS
 * rebinding.
 */

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { MAX_EXPERIMENT_FILE_CHARS } from '../../shared/experiment';
import { MAX_SOURCE_CHARS } from '../../shared/lab-api';
import { SOCKET_PATH } from '../../shared/socket-protocol';
import type { LabSession } from '../lab-session';
import { serveLabSocket } from './lab-socket';
import { serveStatic } from './static-files';

export interface WebShellOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Called once per connected tab. */
  createSession: () => LabSession;
  /** Tabs served at once; more are turned away until one closes. */
  maxClients?: number;
}

export interface WebShell {
  url: string;
  close(): Promise<void>;
}

const PAGE = 'web.html';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether binding to `host` serves this machine only. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || host === '::1';
}

/** Whether a WebSocket upgrade comes from a page this server served. */
export function isAllowedUpgrade(request: IncomingMessage, boundHost: string): boolean {
  const host = request.headers.host;
  if (!host || request.headers.origin !== `http://${host}`) return false;
  if (!LOOPBACK_HOSTS.has(boundHost)) return true;
  try {
    return LOOPBACK_HOSTS.has(new URL(`http://${host}`).hostname);
  } catch {
    return false;
  }
}

export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const { host, rendererDir, createSession, maxClients = 64 } = options;
  const server = createServer((request, response) => {
    serveStatic(rendererDir, PAGE, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  // Room for the largest program, or the largest experiment file to import (whose JSON escapes
  // take at most 6 bytes a character), plus the envelope.
  const maxPayload = Math.max(4 * MAX_SOURCE_CHARS, 6 * MAX_EXPERIMENT_FILE_CHARS) + 4096;
  const sockets = new WebSocketServer({ noServer: true, maxPayload });

  server.on('upgrade', (request, socket, head) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname !== SOCKET_PATH || !isAllowedUpgrade(request, host)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      if (sockets.clients.size > maxClients) {
        ws.close(1013, 'too many clients, try again later');
        return;
      }
      serveLabSocket(ws, createSession());
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}/`,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
