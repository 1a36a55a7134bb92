/** The machine's CPython 3.11, for specs that check the lab's numbers against it. */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether `python3` on the PATH is CPython 3.11 (64-bit), as the lab's "Compare" needs. */
export function hasCPython311(): boolean {
  const probe = spawnSync(
    'python3',
    [
      '-c',
      "import platform, struct; print(platform.python_implementation(), platform.python_version(), 8 * struct.calcsize('P'))",
    ],
    { encoding: 'utf8', timeout: 10_000 },
  );
  return probe.status === 0 && /^CPython 3\.11\.\d+ 64$/.test(probe.stdout.trim());
}

/**
 * Runs a program in `python3` as a file, as the corpus was recorded (under `-c` or `exec()`
 * some counts are one lower), and returns its stdout.
 */
export function runCPython(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pymem-e2e-'));
  try {
    writeFileSync(join(dir, 'main.py'), source);
    const run = spawnSync('python3', ['main.py'], { cwd: dir, encoding: 'utf8', timeout: 10_000 });
    if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
    return run.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
