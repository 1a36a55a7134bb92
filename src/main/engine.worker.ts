/**
 * Entry of the engine worker thread: runs src/core off the main thread so a long or endless
 * program never freezes the app. Bundled by electron-vite as its own chunk (`?modulePath`).
 */

import { parentPort } from 'node:worker_threads';
import { runSource } from '../core';
import type { HostToWorker, WorkerToHost } from './engine-protocol';
import { serveRequest } from './engine-run';

const port = parentPort;
if (!port) throw new Error('engine.worker must run in a worker thread');

port.on('message', (request: HostToWorker) => {
  serveRequest(request, runSource, (message: WorkerToHost) => port.postMessage(message));
});
