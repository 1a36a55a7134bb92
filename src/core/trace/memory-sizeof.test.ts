/**
 * The `sizeof` channel of the memory series: at every step, the sum of sys.getsizeof over
 * the live objects born since the first step, as the snapshot of that step lists them (its
 * `size` is sys.getsizeof; its `id` is the birth number, so "born since the first step" is
 * an id above the newest object of the first step's snapshot). Objects resized after their
 * birth step (a list's array, a dict's keys, a str grown in place…) must be followed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSource } from '../run';
import type { MemoryChannel, MemorySeries } from './memory-series';
import type { Snapshot } from './snapshot-types';

function valueAt(channel: MemoryChannel, step: number): number {
  let value = 0;
  for (let i = 0; i < channel.steps.length && channel.steps[i] <= step; i++) value = channel.values[i];
  return value;
}

const channel = (series: MemorySeries, name: string) => series.channels.find((c) => c.name === name)!;

/** Those born after `base` (the population of the `objects` channel). */
function bornSince(snapshot: Snapshot, base: number) {
  return snapshot.objects.filter((o) => o.id > base);
}

/**
 * Records the series and snapshots every line step of the module's frame, and checks the channel against each snapshot from `fromLine` on.
 * The program gets a first line `mark = []`: that list is the first object born at the first
 * step, so the population is the objects of id `mark`'s and above (compile-time constants
 * and startup objects have lower ids). The snapshot does not walk into modules, so the
 * objects an import makes are not in it, nor into a class (its dict, its mro): programs
 * that import or define a class compare what changed since their first line after those.
 */
function check(program: string, options: { fromLine?: number } = {}): number {
  const source = `mark = []\n${program}`;
  const run = runSource(source, { recordMemory: true, recordSteps: true });
  expect(run.stderr).toBe('');
  const series = run.memory!;
  const fromLine = (options.fromLine ?? 1) + 1;
  const from = run.steps!.findIndex((s) => s.event === 'line' && s.line === fromLine);
  const steps = run.steps!.flatMap((s, i) =>
    i >= from && s.event === 'line' && s.func === '<module>' ? [i] : [],
  );
  const { snapshots } = runSource(source, { snapshotSteps: steps });
  const start = snapshots![0];
  expect(start.step).toBe(from);
  const base = start.frames[0].locals.find((v) => v.name === 'mark')!.id - 1;
  const objects = channel(series, 'objects');
  const sizeof = channel(series, 'sizeof');
  const startLive = bornSince(start, base);
  const startSum = startLive.reduce((n, o) => n + o.size, 0);
  let checked = 0;
  for (const snapshot of snapshots!) {
    if (snapshot.step < from) continue;
    expect(snapshot.truncated).toBe(false);
    const live = bornSince(snapshot, base);
    const where = `step ${snapshot.step} (line ${snapshot.line})`;
    // The same population as the `objects` channel…
    expect(live.length - startLive.length, `objects at ${where}`).toBe(
      valueAt(objects, snapshot.step) - valueAt(objects, from),
    );
    // …and the sum of their sizes.
    const sum = live.reduce((n, o) => n + o.size, 0);
    expect(valueAt(sizeof, snapshot.step) - valueAt(sizeof, from), `sizeof at ${where}`).toBe(sum - startSum);
    checked++;
  }
  expect(valueAt(sizeof, 0)).toBe(0);
  return checked;
}

describe('the sizeof channel', () => {
  it('follows lists that grow by append, and objects freed', () => {
    const checked = check(
      [
        'xs = []',
        'for i in range(40):',
        '    xs.append([i] * (i % 5))',
        'del xs[10:]',
        'xs.clear()',
        'del xs',
      ].join('\n'),
    );
    expect(checked).toBeGreaterThan(80);
  });

  it('follows dicts that resize and go from split to combined', () => {
    check(
      [
        'class C:',
        '    pass',
        'a = C()',
        'a.x = 1',
        'd = a.__dict__',
        'a.y = 2',
        // Names written out: a name made at run time is a str the snapshot shows as a key only.
        ...Array.from({ length: 12 }, (_, i) => `a.k${i} = ${i}`),
        'd[1] = 2', // a key that is not a str: split -> combined
        'e = {}',
        'for i in range(30):',
        '    e[i] = str(i)',
        'e.clear()',
        'e.update({1: 2, 3: 4})',
        'f = dict(e)',
        'del a, d',
      ].join('\n'),
      { fromLine: 3 },
    );
  });

  it('follows sets, str += in a loop, bytearray, deque and array', () => {
    check(
      [
        'import collections, array',
        'def build(n):',
        '    s = ""',
        '    for i in range(n):',
        '        s += "ab"', // a local: resized in place once the loop is quickened
        '    return s',
        'u = build(30)',
        's = set()',
        'for i in range(30):',
        '    s.add(i)',
        's &= {1, 2, 3}',
        't = ""',
        'for i in range(30):',
        '    t += "ab"',
        'b = bytearray()',
        'for i in range(40):',
        '    b += b"xyz"',
        'del b[5:]',
        'q = collections.deque()',
        'for i in range(150):',
        '    q.append(i)',
        'for i in range(100):',
        '    q.popleft()',
        'q.rotate(7)',
        'q.clear()',
        'a = array.array("i")',
        'for i in range(30):',
        '    a.append(i)',
        'a.extend(range(50))',
        'del a[:]',
      ].join('\n'),
      { fromLine: 7 },
    );
  });

  it('follows OrderedDicts and tuples resized', () => {
    check(
      [
        'import collections',
        'o = collections.OrderedDict()',
        'for i in range(20):',
        '    o[i] = i',
        'o.popitem()',
        'del o[3]',
        'o.move_to_end(5)',
        't = tuple(x for x in range(30) if x % 3)',
        'o.clear()',
      ].join('\n'),
      { fromLine: 2 },
    );
  });

  it('counts an instance with attributes, a free-list reuse and a collected cycle', () => {
    check(
      [
        'import gc',
        'class Node:',
        '    def __init__(self, name):',
        '        self.name = name',
        '        self.next = None',
        'a = Node("a")',
        'b = Node("b")',
        'a.next = b',
        'b.next = a',
        'x = [1, 2]',
        'del x',
        'y = [3]', // takes the list x left on the free list
        'del a, b',
        'n = gc.collect()',
        'z = (1.5, 2.5)',
        'del z',
        'w = (3.5, y)',
      ].join('\n'),
      { fromLine: 6 },
    );
  });
});

describe('the sizeof channel under assorted mutations', () => {
  it('follows list, dict and set methods that change their tables', () => {
    check(
      [
        'xs = [5, 3, 9, 1] * 10',
        'xs.sort()',
        'xs[2:30] = []',
        'xs.extend(range(50))',
        'xs *= 3',
        'del xs[:]',
        'ys = []',
        'ys.extend([1, 2, 3])',
        'ys.insert(0, 4)',
        'ys.pop()',
        'zs = xs + ys',
        'd = dict.fromkeys(range(20))',
        'd.pop(3)',
        'd.popitem()',
        'c = d.copy()',
        'c.update({100: 1, 101: 2})',
        'd.setdefault(200, 0)',
        'e = {}',
        'e.update(c)',
        'e |= {300: 3}',
        's = set(range(10))',
        's.update(range(100))',
        's -= set(range(50))',
        's ^= {1, 2, 3}',
        's.clear()',
        'f = frozenset(range(30))',
        'g = f | {1000}',
      ].join('\n'),
    );
  });

  it('follows bytearray, deque, array and OrderedDict methods', () => {
    check(
      [
        'import collections, array',
        'b = bytearray(b"abc")',
        'b.extend(b"x" * 100)',
        'b.pop()',
        'b[10:90] = b""',
        'b.clear()',
        'q = collections.deque(range(100), maxlen=70)',
        'q.extendleft(range(40))',
        'q.pop()',
        'q.insert(3, 9)',
        'del q[5]',
        'r = collections.deque()',
        'r.extend([0] * 300)',
        'r.clear()',
        'a = array.array("b", b"xyz" * 20)',
        'a.frombytes(b"q" * 40)',
        'a.pop()',
        'a.remove(120)',
        'a *= 2',
        'o = collections.OrderedDict.fromkeys(range(10))',
        'o.update({20: 1, 21: 2})',
        'o.pop(4)',
        'o.setdefault(30, 1)',
        'p = o.copy()',
        'del o',
      ].join('\n'),
      { fromLine: 2 },
    );
  });
});

describe('the sizeof channel when a class lets its shared keys go', () => {
  it('counts the keys in the size of the dict left holding them alone', () => {
    // The class dies young (an automatic collection of generation 0), its instance's __dict__
    // lives on: sys.getsizeof of that dict now counts the keys (296 -> 1064 in CPython 3.11).
    const source = [
      'mark = []',
      'class C:',
      '    pass',
      'a = C()',
      'a.x = 1',
      'd = a.__dict__',
      'del a, C',
      'junk = [[] for _ in range(800)]',
      'del junk',
      'e = d.copy()', // shared again: d no longer counts them
      'del e',
      'print(len(d))',
    ].join('\n');
    const run = runSource(source, { recordMemory: true, recordSteps: true });
    const lineStep = (line: number) =>
      run.steps!.findIndex((s) => s.event === 'line' && s.func === '<module>' && s.line === line);
    const at = [10, 11, 12].map(lineStep);
    const { snapshots } = runSource(source, { snapshotSteps: at });
    const base = snapshots![0].frames[0].locals.find((v) => v.name === 'mark')!.id - 1;
    expect(snapshots![0].objects.find((o) => o.type === 'dict' && o.id > base)?.size).toBe(1064);
    const sizeof = channel(run.memory!, 'sizeof');
    for (const snapshot of snapshots!) {
      const sum = bornSince(snapshot, base).reduce((n, o) => n + o.size, 0);
      expect(valueAt(sizeof, snapshot.step), `sizeof at line ${snapshot.line}`).toBe(sum);
    }
  });
});

describe('the sizeof channel against CPython', () => {
  // fixtures/record_sizeof.py records what CPython 3.11 prints for the program.
  const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'sizeof-cpython.json'), 'utf8')) as {
    source: string;
    stdout: string;
  };

  it('moves by the sum of sys.getsizeof of the objects the program made', () => {
    const run = runSource(fixture.source, { recordMemory: true, recordSteps: true });
    expect(run.stdout).toBe(fixture.stdout);
    const printed = Number(fixture.stdout.trim().split('\n').pop());
    // From the line that starts making them to the line that prints their sizes.
    const lineStep = (line: number) => run.steps!.findIndex((s) => s.event === 'line' && s.line === line);
    const lines = fixture.source.split('\n');
    const from = lineStep(lines.indexOf('objs = []') + 1);
    const to = lineStep(lines.findIndex((l) => l.startsWith('total =')) + 1);
    const sizeof = channel(run.memory!, 'sizeof');
    expect(valueAt(sizeof, to) - valueAt(sizeof, from)).toBe(printed);
  });
});
