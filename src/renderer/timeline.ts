/**
 * Pure helpers of the timeline views: what a step is called, the program's output as it stood
 * at a step, and where an error points in the program. Tested without a DOM.
 */

import type { Snapshot, TraceStep } from '../shared/lab-api';
import type { OutputChunk } from './run-state';

/** The file name the engine gives the program in tracebacks (src/main: `filename: 'main.py'`). */
export const PROGRAM_FILENAME = 'main.py';

/** What happens at a step, in words: `line 3`, `call f`, `return from f`, `exception in f`. */
export function describeStep(step: Pick<TraceStep, 'event' | 'line' | 'func'>): string {
  const where = step.func === '<module>' ? '' : ` in ${step.func}`;
  switch (step.event) {
    case 'call':
      return step.func === '<module>' ? 'start of the module' : `call ${step.func}`;
    case 'line':
      return `line ${step.line}${where}`;
    case 'return':
      return step.func === '<module>' ? 'end of the module' : `return from ${step.func}`;
    case 'exception':
      return `exception at line ${step.line}${where}`;
  }
}

/** The line a step shows in the editor, if it has one (a module's `call` step is at line 0). */
export function stepLine(step: Pick<TraceStep, 'line'> | undefined): number | undefined {
  return step && step.line > 0 ? step.line : undefined;
}

/**
 * The console's contents at a step: the prefix of the run's output (in the order it was
 * written) holding as many stdout and stderr characters as the snapshot had by then. What is
 * written before a step is a prefix of everything written, so counting characters per stream
 * finds it exactly. When the start of the output was dropped (a huge output), the order
 * cannot be rebuilt: the snapshot's stdout, then its stderr.
 */
export function outputAtStep(
  output: readonly OutputChunk[],
  droppedChars: number,
  snapshot: Pick<Snapshot, 'stdout' | 'stderr'>,
): OutputChunk[] {
  if (droppedChars > 0) {
    const chunks: OutputChunk[] = [];
    if (snapshot.stdout) chunks.push({ stream: 'stdout', text: snapshot.stdout });
    if (snapshot.stderr) chunks.push({ stream: 'stderr', text: snapshot.stderr });
    return chunks;
  }
  const need = { stdout: snapshot.stdout.length, stderr: snapshot.stderr.length };
  const chunks: OutputChunk[] = [];
  for (const chunk of output) {
    if (need.stdout === 0 && need.stderr === 0) break;
    const take = Math.min(chunk.text.length, need[chunk.stream]);
    if (take > 0) chunks.push({ stream: chunk.stream, text: chunk.text.slice(0, take) });
    need[chunk.stream] -= take;
    if (take < chunk.text.length) break; // the step falls inside this chunk
  }
  return chunks;
}

export interface ErrorLocation {
  line: number;
  /** The exception's last line: `ZeroDivisionError: division by zero`. */
  message: string;
}

/**
 * Where CPython's error output points in the program: the innermost `File "main.py", line N`
 * of a traceback, or the line of a SyntaxError (which has no traceback header).
 */
export function errorLocation(stderr: string, filename = PROGRAM_FILENAME): ErrorLocation | undefined {
  const lines = stderr.trimEnd().split('\n');
  const message = lines.at(-1)?.trim();
  if (!message) return undefined;
  const header = new RegExp(`^\\s*File "${escapeRegExp(filename)}", line (\\d+)`);
  let line: number | undefined;
  for (const text of lines) {
    const match = header.exec(text);
    if (match) line = Number(match[1]);
  }
  return line === undefined ? undefined : { line, message };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `0x7f3a…`: how addresses are usually written (`id()` prints the same number in decimal). */
export function hexAddress(address: number): string {
  return `0x${address.toString(16)}`;
}

/** Bytes with thousands separators: `8,000,056 B`. */
export function formatBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} B`;
}
