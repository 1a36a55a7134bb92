/**
 * Entry of the exercises' answer worker: computes expected answers with the engine off the main
 * thread (a check must not freeze the app's window or the web shell's other tabs). Bundled by
 * electron-vite as its own chunk (`?modulePath`).
 */

import { parentPort } from 'node:worker_threads';
import { runSource } from '../../core';
import type { AnswerRequest, AnswerReply } from './answer-worker-host';
import { computeExpected } from './expected-answer';

const port = parentPort;
if (!port) throw new Error('answer.worker must run in a worker thread');

port.on('message', ({ seq, exercise }: AnswerRequest) => {
  let reply: AnswerReply;
  try {
    reply = { seq, ok: true, expected: computeExpected(exercise, runSource) };
  } catch (error) {
    reply = { seq, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
