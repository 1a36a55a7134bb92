/**
 * The state at a program's first instruction is CPython's: for every recorded program
 * (the conformance cases and the generated ones of profiles/record_startup_probes.py),
 * `import gc; print(gc.get_count())` as its first line prints what CPython 3.11.7 printed,
 * and `import sys; sys._debugmallocstats()` reports the same free lists. The fixture is
 * recorded by that script; never edit it by hand.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSource } from './run';
import probes from './profiles/fixtures/startup-probes.json';

interface Probe {
  case?: string;
  name?: string;
  source?: string;
  count: string;
  freelists: string[];
}
interface Probes {
  count_probe: string;
  freelist_probe: string;
  programs: Probe[];
}

const fixture = probes as Probes;
const CASES = join(__dirname, '../../tests/conformance/cases');

/** Runs the probe line and stops: the program's later lines do not matter here. */
function run(source: string): { stdout: string; stderr: string } {
  return runSource(source, { filename: 'probe.py', stepBudget: 3 });
}

describe('the first instruction sees CPython 3.11.7 state', () => {
  for (const p of fixture.programs) {
    const name = p.case ?? p.name!;
    const program = p.source ?? readFileSync(join(CASES, p.case!), 'utf8');
    it(`${name}: gc.get_count() and free lists`, () => {
      const count = run(fixture.count_probe + program).stdout.split('\n')[0];
      const stats = run(fixture.freelist_probe + program)
        .stderr.split('\n')
        .filter((line) => line.includes(' free ') && line.includes('bytes each'));
      expect({ count, freelists: stats }).toEqual({ count: p.count, freelists: p.freelists });
    });
  }
});

describe('sys._debugmallocstats()', () => {
  it('prints the free lists in CPython format', () => {
    const r = runSource('import sys\nsys._debugmallocstats()\n', { filename: 'probe.py' });
    const lines = r.stderr.split('\n');
    expect(lines[0]).toMatch(/^ +\d+ free PyDictObjects \* 48 bytes each = +\d[\d,]*$/);
    expect(lines[0].length).toBe(71);
    expect(lines.filter((l) => l.includes('-sized PyTupleObjects'))).toHaveLength(20);
  });
});
