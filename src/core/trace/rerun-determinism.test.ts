/**
 * Time travel re-runs the program to show a step: every run of a program in one process must
 * allocate exactly as its first did, or the snapshots would show other addresses (`id()`) than
 * the run printed. Names the engine only makes static on first use (`__del__`, `__init__`)
 * are the trap.
 */
import { expect, it } from 'vitest';
import { runSource } from '../run';

it('prints the same ids in every run of a program', () => {
  const program = [
    'a = object()',
    'class C:',
    '    def __init__(self):',
    '        self.x = [1]',
    '    def __del__(self):',
    '        pass',
    'c = C()',
    'print(id(a), id(c), id(c.x))',
    'del c',
    'print(id(object()))',
  ].join('\n');
  const first = runSource(program).stdout;
  expect(runSource(program).stdout).toBe(first);
  expect(runSource(program).stdout).toBe(first);
});
