/**
 * "Compare with CPython": finds a CPython 3.11 (64-bit) on the PATH and runs snippets in it,
 * as the conformance corpus was recorded (`python3 main.py` in a clean environment), with
 * what sandboxing a plain process allows: a fresh temporary folder as working directory and
 * HOME, no stdin, a minimal environment, a time limit, an output limit, an address-space limit
 * where the shell has `ulimit`, and the whole process group killed at the end.
 *
 * Process creation goes through a `ProcessRunner`, so the logic is tested with a fake one.
 */

import { spawn } from 'node:child_process';
import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CPYTHON_PROFILE_VERSION, type CPythonRun, type CPythonStatus } from '../shared/cpython';
import { LabError } from '../shared/lab-error';

export interface ProcessRequest {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  /** Per stream; past it the process is killed and its output cut there. */
  maxOutputBytes: number;
}

export interface ProcessResult {
  stdout: string;
  stderr: string;
  /** `null` when killed by a signal. */
  exitCode: number | null;
  timedOut: boolean;
  truncated: boolean;
}

/** Starts a process and collects its output; rejects only when it cannot start (`ENOENT`, …). */
export type ProcessRunner = (request: ProcessRequest) => Promise<ProcessResult>;

export interface CPythonOptions {
  /** The interpreter to look for; `python3` on the PATH by default. */
  command?: string;
  runner?: ProcessRunner;
  /** Set where running code on this machine must not be offered (a web shell serving others). */
  disabledReason?: string;
  timeoutMs?: number;
  maxOutputBytes?: number;
  /** Snippets run at once; more wait their turn (a classroom's web shell must not fork-bomb itself). */
  maxConcurrent?: number;
}

/** The whole `sys`/`platform` probe: one JSON line. */
const PROBE =
  'import json, platform, struct, sys; print(json.dumps([platform.python_implementation(), ' +
  "platform.python_version(), 8 * struct.calcsize('P'), sys.executable]))";

const SCRIPT = 'main.py';
/** Address-space limit for the snippet (KiB for `ulimit -v`): far above what a lab snippet needs. */
const ADDRESS_SPACE_KIB = 4 * 1024 * 1024;

export class CPython {
  #command: string;
  readonly #runner: ProcessRunner;
  readonly #disabledReason: string | undefined;
  readonly #timeoutMs: number;
  readonly #maxOutputBytes: number;
  readonly #slots: Semaphore;
  #status: Promise<CPythonStatus> | undefined;

  constructor(options: CPythonOptions = {}) {
    this.#command = options.command ?? 'python3';
    this.#runner = options.runner ?? runProcess;
    this.#disabledReason = options.disabledReason;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#maxOutputBytes = options.maxOutputBytes ?? 1_000_000;
    this.#slots = new Semaphore(options.maxConcurrent ?? 2);
  }

  /** The interpreter it looks for (a command on the PATH, or a path). */
  get command(): string {
    return this.#command;
  }

  /**
   * Uses another interpreter from now on (the person's preference). Its status is probed again;
   * a snippet already running finishes in the old one.
   */
  setCommand(command: string): void {
    if (command === this.#command) return;
    this.#command = command;
    this.#status = undefined;
  }

  /** Probed once per interpreter and remembered: the PATH of a running app does not change. */
  status(): Promise<CPythonStatus> {
    this.#status ??= this.#probe(this.#command);
    return this.#status;
  }

  /** What `command` would give, probed now and not remembered (the preferences' "Check"). */
  check(command: string): Promise<CPythonStatus> {
    return this.#probe(command);
  }

  async run(source: string): Promise<CPythonRun> {
    const status = await this.status();
    if (!status.available) throw new LabError('Unavailable', status.reason);
    return this.#slots.use(async () => {
      const dir = await realpath(await mkdtemp(join(tmpdir(), 'pymem-cpython-')));
      try {
        await writeFile(join(dir, SCRIPT), source, 'utf8');
        const started = performance.now();
        const result = await this.#runner({
          ...withAddressSpaceLimit(status.executable, [SCRIPT]),
          cwd: dir,
          env: cleanEnvironment(dir),
          timeoutMs: this.#timeoutMs,
          maxOutputBytes: this.#maxOutputBytes,
        });
        return {
          stdout: result.stdout,
          // CPython names the script by its absolute path; the lab calls it main.py.
          stderr: result.stderr.replaceAll(join(dir, SCRIPT), SCRIPT),
          exitCode: result.exitCode,
          timedOut: result.timedOut,
          truncated: result.truncated,
          version: status.version,
          durationMs: Math.round(performance.now() - started),
        };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }

  async #probe(command: string): Promise<CPythonStatus> {
    if (this.#disabledReason) return { available: false, reason: this.#disabledReason };
    let result: ProcessResult;
    try {
      result = await this.#runner({
        command,
        args: ['-c', PROBE],
        cwd: tmpdir(),
        // The real HOME: a pyenv shim finds its interpreters through it. Snippets get a temporary one.
        env: { ...cleanEnvironment(process.env.HOME ?? tmpdir()) },
        timeoutMs: 10_000,
        maxOutputBytes: 64 * 1024,
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return {
        available: false,
        reason:
          code === 'ENOENT'
            ? isPath(command)
              ? `${command} was not found: choose the path of a CPython ${CPYTHON_PROFILE_VERSION} interpreter.`
              : `No ${command} on the PATH: install CPython ${CPYTHON_PROFILE_VERSION} to compare with it.`
            : code === 'EACCES'
              ? `${command} cannot be run: it is not an executable file.`
              : `${command} could not be started: ${(error as Error).message}`,
      };
    }
    let probe: unknown;
    try {
      probe = JSON.parse(result.stdout.trim());
    } catch {
      probe = undefined;
    }
    if (result.exitCode !== 0 || !isProbe(probe)) {
      const detail = result.stderr.trim().split('\n').at(-1) || `exit code ${result.exitCode}`;
      return { available: false, reason: `${command} did not report its version (${detail}).` };
    }
    const [implementation, version, bits, executable] = probe;
    const name = `${command} is ${implementation} ${version}`;
    if (implementation !== 'CPython') {
      return { available: false, reason: `${name}, not CPython: its memory works differently.` };
    }
    if (!version.startsWith(`${CPYTHON_PROFILE_VERSION}.`)) {
      return {
        available: false,
        reason: `${name}; the lab reproduces CPython ${CPYTHON_PROFILE_VERSION}, and other versions print other numbers.`,
      };
    }
    if (bits !== 64) {
      return { available: false, reason: `${name} (${bits}-bit); the lab reproduces a 64-bit build.` };
    }
    return { available: true, version, executable: executable || command };
  }
}

/** Whether `command` names a file (with a folder) rather than a command looked up on the PATH. */
function isPath(command: string): boolean {
  return command.includes('/') || command.includes('\\');
}

function isProbe(value: unknown): value is [string, string, number, string] {
  return (
    Array.isArray(value) &&
    value.length === 4 &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'string' &&
    typeof value[2] === 'number' &&
    typeof value[3] === 'string'
  );
}

/** What the snippet sees of the environment: no secrets, tokens or PYTHON* settings of the app's. */
export function cleanEnvironment(home: string): Record<string, string> {
  const env: Record<string, string> = { HOME: home, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
  if (process.env.PATH) env.PATH = process.env.PATH;
  // Windows cannot start processes without these.
  for (const name of ['SYSTEMROOT', 'SystemRoot', 'WINDIR']) {
    const value = process.env[name];
    if (value) env[name] = value;
  }
  return env;
}

/** On POSIX, through `sh` so `ulimit -v` bounds the snippet's memory (ignored where unsupported). */
function withAddressSpaceLimit(command: string, args: string[]): { command: string; args: string[] } {
  if (process.platform === 'win32') return { command, args };
  return {
    command: '/bin/sh',
    args: ['-c', `ulimit -v ${ADDRESS_SPACE_KIB} 2>/dev/null; exec "$0" "$@"`, command, ...args],
  };
}

/** The real `ProcessRunner`: spawns without a shell, kills the whole process group when done or over a limit. */
export const runProcess: ProcessRunner = (request) =>
  new Promise((resolve, reject) => {
    const posix = process.platform !== 'win32';
    const child = spawn(request.command, request.args, {
      cwd: request.cwd,
      env: request.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a snippet's own child processes die with it.
      detached: posix,
      windowsHide: true,
    });
    const out = {
      stdout: new ByteSink(request.maxOutputBytes),
      stderr: new ByteSink(request.maxOutputBytes),
    };
    let timedOut = false;
    let truncated = false;
    const kill = () => {
      try {
        if (posix && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, request.timeoutMs);
    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream].on('data', (chunk: Buffer) => {
        if (!out[stream].add(chunk) && !truncated) {
          truncated = true;
          kill();
        }
      });
    }
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      // Whatever the snippet left running in its group goes too.
      if (posix) kill();
      resolve({
        stdout: out.stdout.text(),
        stderr: out.stderr.text(),
        exitCode: code,
        timedOut,
        truncated,
      });
    });
  });

/** Collects up to `limit` bytes; `add` returns false once more than that arrived. */
class ByteSink {
  readonly #chunks: Buffer[] = [];
  #size = 0;

  constructor(readonly limit: number) {}

  add(chunk: Buffer): boolean {
    const room = this.limit - this.#size;
    if (room > 0) this.#chunks.push(chunk.subarray(0, room));
    this.#size += chunk.length;
    return this.#size <= this.limit;
  }

  text(): string {
    return Buffer.concat(this.#chunks).toString('utf8');
  }
}

/** At most `slots` tasks at a time, the rest in arrival order. */
class Semaphore {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(slots: number) {
    this.#free = slots;
  }

  async use<T>(task: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    }
  }
}
