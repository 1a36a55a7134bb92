/**
 * Entry of the engine worker thread: runs src/core off the main thread so a long or endless
 * program never freezes the app. Bundled by electron-vite as its own chunk (`?modulePath`).
 */

import { parentPort } from 'node:worker_threads';
import { runSource } from '../core';
import { serveCheckpoint } from './checkpoint-run';
import type { CheckpointRequest, HostToWorker, WorkerToHost } from './engine-protocol';
import { serveRequest } from './engine-run';

const port = parentPort;
if (!port) throw new Error('engine.worker must run in a worker thread');

port.on('message', (request: HostToWorker | CheckpointRequest) => {
  const post = (message: WorkerToHost) => port.postMessage(message);
  // A checkpoint request never returns while the host keeps the worker: it pauses in the run.
  if (request.type === 'checkpoint') serveCheckpoint(request, runSource, post);
  else serveRequest(request, runSource, post);
});
