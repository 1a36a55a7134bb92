import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type { Snapshot, StepEvents } from '../../shared/lab-api';
import type { SocketMessage } from '../../shared/socket-protocol';
import type { Engine } from '../engine-host';
import { LabSession } from '../lab-session';
import { isAllowedUpgrade, isLoopbackHost, startWebShell, type WebShell } from './web-shell';

let shell: WebShell;
let rendererDir: string;
const engines: Engine[] = [];

function createSession(): LabSession {
  const engine: Engine = {
    run: async (source, onEvent) => {
      onEvent({ kind: 'stdout', text: `ran ${source}` });
      return { stdout: `ran ${source}`, stderr: '', exitCode: 0, stepCount: 0 };
    },
    snapshot: async (step) => ({ step }) as Snapshot,
    stepEvents: async (step) => ({ step }) as StepEvents,
    stop: vi.fn(async () => {}),
    dispose: vi.fn(async () => {}),
  };
  engines.push(engine);
  return new LabSession(engine);
}

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'pymem-renderer-'));
  writeFileSync(join(rendererDir, 'web.html'), '<!doctype html><title>lab</title>');
  shell = await startWebShell({ host: '127.0.0.1', port: 0, rendererDir, createSession });
});

afterAll(async () => {
  await shell.close();
  rmSync(rendererDir, { recursive: true });
});

/** Opens the lab socket as a page of `origin` would. */
function connect(origin = shell.url.slice(0, -1)): WebSocket {
  return new WebSocket(new URL('/lab', shell.url.replace('http', 'ws')), { origin });
}

function messages(socket: WebSocket, count: number): Promise<SocketMessage[]> {
  return new Promise((resolve) => {
    const received: SocketMessage[] = [];
    socket.on('message', (data) => {
      received.push(JSON.parse(String(data)) as SocketMessage);
      if (received.length === count) resolve(received);
    });
  });
}

const closeCode = (socket: WebSocket) =>
  new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));

describe('the web shell over HTTP', () => {
  it('serves the page at / with the security headers', async () => {
    const response = await fetch(shell.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>lab</title>');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 404 for missing files and 405 for other methods', async () => {
    expect((await fetch(new URL('/missing.js', shell.url))).status).toBe(404);
    expect((await fetch(shell.url, { method: 'POST' })).status).toBe(405);
  });
});

describe('the web shell over its socket', () => {
  it('runs a program and streams its events, then replies', async () => {
    const socket = connect();
    await new Promise((resolve) => socket.once('open', resolve));
    const received = messages(socket, 2);
    socket.send(JSON.stringify({ seq: 1, method: 'run', payload: { runId: 9, source: 'x' } }));
    expect(await received).toEqual([
      { type: 'event', runId: 9, event: { kind: 'stdout', text: 'ran x' } },
      {
        type: 'reply',
        seq: 1,
        outcome: { ok: true, value: { stdout: 'ran x', stderr: '', exitCode: 0, stepCount: 0 } },
      },
    ]);
    socket.close();
  });

  it('gives each tab its own session and disposes it when the tab goes', async () => {
    const before = engines.length;
    const [a, b] = [connect(), connect()];
    await Promise.all([a, b].map((socket) => new Promise((resolve) => socket.once('open', resolve))));
    expect(engines.length).toBe(before + 2);
    a.close();
    await closeCode(a);
    await vi.waitFor(() => expect(engines[before]!.dispose).toHaveBeenCalled());
    expect(engines[before + 1]!.dispose).not.toHaveBeenCalled();
    b.close();
  });

  it('answers an invalid payload with an InvalidRequest reply', async () => {
    const socket = connect();
    await new Promise((resolve) => socket.once('open', resolve));
    const received = messages(socket, 1);
    socket.send(JSON.stringify({ seq: 2, method: 'run', payload: { runId: 1 } }));
    expect((await received)[0]).toMatchObject({
      type: 'reply',
      seq: 2,
      outcome: { ok: false, error: { name: 'InvalidRequest' } },
    });
    socket.close();
  });

  it('closes the socket on a frame that is not a request', async () => {
    const notJson = connect();
    await new Promise((resolve) => notJson.once('open', resolve));
    notJson.send('{nope');
    expect(await closeCode(notJson)).toBe(1007);

    const badEnvelope = connect();
    await new Promise((resolve) => badEnvelope.once('open', resolve));
    badEnvelope.send(JSON.stringify({ seq: 'one', method: 'run' }));
    expect(await closeCode(badEnvelope)).toBe(1008);
  });

  it('refuses pages of other origins', async () => {
    const socket = connect('http://evil.example');
    const status = await new Promise<number | undefined>((resolve) => {
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode));
      socket.on('open', () => resolve(undefined));
    });
    expect(status).toBe(403);
  });
});

describe('isLoopbackHost', () => {
  it('tells a shell serving this machine only from one serving a network', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'lab.example'])
      expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('isAllowedUpgrade', () => {
  const upgrade = (host: string | undefined, origin: string | undefined) =>
    ({ headers: { host, origin } }) as unknown as IncomingMessage;

  it('accepts pages of this server only', () => {
    expect(isAllowedUpgrade(upgrade('127.0.0.1:7311', 'http://127.0.0.1:7311'), '127.0.0.1')).toBe(true);
    expect(isAllowedUpgrade(upgrade('localhost:7311', 'http://localhost:7311'), '127.0.0.1')).toBe(true);
    expect(isAllowedUpgrade(upgrade('127.0.0.1:7311', 'http://evil.example'), '127.0.0.1')).toBe(false);
    expect(isAllowedUpgrade(upgrade('127.0.0.1:7311', undefined), '127.0.0.1')).toBe(false);
    expect(isAllowedUpgrade(upgrade(undefined, 'http://127.0.0.1:7311'), '127.0.0.1')).toBe(false);
  });

  it('refuses other host names on loopback (DNS rebinding), allows them when listening publicly', () => {
    expect(isAllowedUpgrade(upgrade('evil.example:7311', 'http://evil.example:7311'), '127.0.0.1')).toBe(
      false,
    );
    expect(isAllowedUpgrade(upgrade('lab.school:7311', 'http://lab.school:7311'), '0.0.0.0')).toBe(true);
  });
});

describe('a full web shell', () => {
  it('turns away tabs beyond maxClients', async () => {
    const small = await startWebShell({
      host: '127.0.0.1',
      port: 0,
      rendererDir,
      createSession,
      maxClients: 1,
    });
    const socketUrl = new URL('/lab', small.url.replace('http', 'ws'));
    const origin = small.url.slice(0, -1);
    const first = new WebSocket(socketUrl, { origin });
    await new Promise((resolve) => first.once('open', resolve));
    const second = new WebSocket(socketUrl, { origin });
    expect(await closeCode(second)).toBe(1013);
    first.close();
    await small.close();
  });
});
