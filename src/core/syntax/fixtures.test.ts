/**
 * The fixtures are CPython's answers, recorded by fixtures/record.py. Where a
 * CPython 3.11 is at hand, this re-runs it to check that they are still fresh
 * (the sources or the corpus may have changed since).
 */

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const recorder = fileURLToPath(new URL('./fixtures/record.py', import.meta.url));
const version = spawnSync('python3', ['-c', 'import sys; print(sys.version_info[:2] == (3, 11))'], {
  encoding: 'utf8',
});
const haveCPython311 = version.status === 0 && version.stdout.trim() === 'True';

describe('recorded fixtures', () => {
  it.skipIf(!haveCPython311)(
    'are what CPython 3.11 says today',
    () => {
      const run = spawnSync('python3', [recorder, '--check'], { encoding: 'utf8' });
      expect(run.stdout + run.stderr).toContain('up to date');
      expect(run.status).toBe(0);
    },
    60_000,
  );
});
