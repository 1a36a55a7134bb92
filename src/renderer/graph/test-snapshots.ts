/** Snapshots of real runs for the graph's unit tests (the engine runs in-process). */
import { runSource, type Snapshot } from '../../core';

/** The snapshot when line `line` is about to run for the `occurrence`-th time. */
export function snapshotAtLine(source: string, line: number, occurrence = 1): Snapshot {
  const { steps } = runSource(source, { recordSteps: true });
  let seen = 0;
  const index = steps!.findIndex((s) => s.event === 'line' && s.line === line && ++seen === occurrence);
  if (index < 0) throw new Error(`line ${line} never runs`);
  return runSource(source, { snapshotAt: index }).snapshot!;
}

export const SELF_LOOP = ['import gc', 'l = []', 'l.append(l)', 'del l', 'gc.collect()', 'print(1)', ''].join(
  '\n',
);

export const TWO_NODES = [
  'import gc', //                          1
  'class Node:', //                        2
  '    def __init__(self, name):', //      3
  '        self.name = name', //           4
  '        self.other = None', //          5
  "a = Node('a')", //                      6
  "b = Node('b')", //                      7
  'a.other = b', //                        8
  'b.other = a', //                        9
  'print(len(a.__dict__), len(b.__dict__))', // 10
  'del a, b', //                          11
  'n = gc.collect()', //                  12
  'print(n)', //                          13
  '',
].join('\n');
