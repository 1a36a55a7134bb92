import { describe, expect, it } from 'vitest';
import { runSource } from '../run';

const PROBE =
  'import sys\nprint(sys.getrefcount(None), sys.getrefcount(1), sys.getrefcount(()), len(object.__subclasses__()))\n';

describe('each run starts from the same interpreter state', () => {
  it('is not affected by what an earlier run in the process left behind', () => {
    const first = runSource(PROBE).stdout;
    // A run that leaves references and subclasses on static objects, stopped mid-way.
    const noisy =
      'class A: pass\nclass B(int): pass\nkeep = [None] * 1000 + [1] * 1000 + [()] * 10\nx = 1\ny = 2\n';
    runSource(noisy, { snapshotAt: 4 });
    runSource(noisy);
    expect(runSource(PROBE).stdout).toBe(first);
  });
});
