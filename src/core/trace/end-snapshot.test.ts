/**
 * The main run's own capture of its last step (RunOptions.captureEnd) stands in for a re-run
 * to that step, so it must be the very Snapshot, and the very step events, a re-run gives.
 */
import { describe, expect, it } from 'vitest';
import { runSource } from '../run';

const PROGRAMS: Record<string, string> = {
  'a leaked cycle and a collection': `import gc
class Node:
    def __init__(self, name):
        self.name = name
        self.peer = None
a = Node('a'); b = Node('b')
a.peer = b; b.peer = a
del a, b
l = []; l.append(l); del l
x = [i * 1.5 for i in range(50)]
print(gc.collect())
`,
  'weakrefs and output': `import weakref, sys
class T: pass
t = T()
r = weakref.ref(t)
d = {'k': [1, 2, 3], 'v': (t, 'text')}
print(sys.getrefcount(t), r() is t)
`,
  'an uncaught exception': `items = [1, 2]
def f(n):
    return items[n]
f(5)
`,
};

describe("a run's capture of its last step", () => {
  it.each(Object.entries(PROGRAMS))('equals a re-run to that step: %s', (_, source) => {
    const run = runSource(source, { captureEnd: true, recordSteps: true, recordMemory: true });
    expect(run.endSnapshot).toBeDefined();
    expect(run.endSnapshot!.step).toBe(run.stepCount - 1);
    const rerun = runSource(source, { snapshotAt: run.stepCount - 1 });
    expect(run.endSnapshot).toEqual(rerun.snapshot);
    // And what happens in it (shutdown): the `stepEvents` option's answer for that step.
    const events = runSource(source, { stepEvents: run.stepCount - 1 }).stepEvents;
    expect(run.endStepEvents).toBeDefined();
    expect(run.endStepEvents).toEqual(events);
  });

  it('is not given when steps follow the <module> return (a finalizer at shutdown)', () => {
    const source = `class D:
    def __del__(self):
        print('bye')
keep = D()
`;
    const run = runSource(source, { captureEnd: true });
    expect(run.stdout).toBe('bye\n');
    expect(run.endSnapshot).toBeUndefined();
    expect(run.endStepEvents).toBeUndefined();
  });

  it('changes nothing the program prints or counts', () => {
    const source = PROGRAMS['a leaked cycle and a collection'];
    const plain = runSource(source, { recordSteps: true });
    const capturing = runSource(source, { recordSteps: true, captureEnd: true });
    expect(capturing.stdout).toBe(plain.stdout);
    expect(capturing.steps).toEqual(plain.steps);
  });
});
