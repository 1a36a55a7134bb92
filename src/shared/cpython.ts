/**
 * "Compare with CPython": the lab runs a snippet in the `python3` of the machine (the main
 * process's, or the web shell server's) so a person can check the lab's numbers against a real
 * interpreter of the engine's profile.
 */

/** Whether a CPython of the engine's profile (3.11, 64-bit) can be used, and if not, why. */
export type CPythonStatus =
  | {
      available: true;
      /** `platform.python_version()`, e.g. `3.11.7`. */
      version: string;
      /** The interpreter that runs the snippets (`sys.executable`). */
      executable: string;
    }
  | { available: false; reason: string };

/** One snippet run by CPython. */
export interface CPythonRun {
  stdout: string;
  /** Paths of the temporary script are shortened to `main.py`, as the lab names it. */
  stderr: string;
  /** `null` when the process was killed (time limit, output limit, a signal). */
  exitCode: number | null;
  /** Killed after the time limit. */
  timedOut: boolean;
  /** Killed because it wrote more than the output limit; the output is cut there. */
  truncated: boolean;
  version: string;
  durationMs: number;
}

/** Engine profile the lab reproduces; a CPython of another version would differ in its numbers. */
export const CPYTHON_PROFILE_VERSION = '3.11';
