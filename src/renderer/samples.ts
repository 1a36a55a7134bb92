/**
 * The samples menu: short programs on the seed topics, each checked to print the same in the
 * engine as in CPython 3.11 (e2e compares them where a python3 3.11 exists).
 */

import { WELCOME_SNIPPET } from './welcome';

export interface Sample {
  id: string;
  title: string;
  /** One sentence: what the sample shows. */
  summary: string;
  source: string;
}

export const SAMPLES: readonly Sample[] = [
  {
    id: 'cycle',
    title: 'A list that contains itself',
    summary: 'The classic reference cycle: the list outlives its name.',
    source: WELCOME_SNIPPET,
  },
  {
    id: 'refcounts',
    title: 'Reference counts',
    summary: 'Every name and every container slot that refers to an object counts once.',
    source: `import sys

a = []
print(sys.getrefcount(a) - 1)  # 1: the name a
b = a
print(sys.getrefcount(a) - 1)  # 2: a and b
c = [a, a]
print(sys.getrefcount(a) - 1)  # 4: a, b and two slots of c
del b, c
print(sys.getrefcount(a) - 1)  # 1 again
`,
  },
  {
    id: 'list-growth',
    title: 'sys.getsizeof of a growing list',
    summary: 'A list over-allocates: its size grows in steps, not item by item.',
    source: `import sys

l = []
last = sys.getsizeof(l)
print(len(l), last)
for i in range(20):
    l.append(i)
    size = sys.getsizeof(l)
    if size != last:  # the list over-allocates: it grows in steps, not item by item
        print(len(l), size)
        last = size
`,
  },
  {
    id: 'million-ones',
    title: '[1] * 1000000',
    summary: 'A million pointers to one int: 8 MB of list, 28 bytes of int.',
    source: `import sys

x = [1] * 1000000
print(sys.getsizeof(x))  # 8000056: a 56-byte header and one 8-byte pointer per item
print(x[0] is x[-1])  # True: a million pointers to one int object
print(sys.getsizeof(x[0]))  # 28: that one int
`,
  },
  {
    id: 'cycle-collected',
    title: 'A cycle collected by gc.collect()',
    summary: 'Two objects that refer to each other outlive their names until the collector runs.',
    source: `import gc

class Node:
    def __init__(self, name):
        self.name = name
        self.other = None

a = Node('a')
b = Node('b')
a.other = b
b.other = a  # a cycle: a -> b -> a
del a, b  # unreachable now, yet each still has a reference
print(gc.collect())  # the collector finds the cycle and frees it
`,
  },
  {
    id: 'weak-references',
    title: 'Weak references',
    summary: 'A weak reference does not keep its object alive.',
    source: `import sys
import weakref

class Thing:
    pass

t = Thing()
r = weakref.ref(t)
print(sys.getrefcount(t) - 1)  # 1: a weak reference does not count
print(r() is t)  # True: the referent is alive
del t  # the last strong reference goes, and the object with it
print(r())  # None
`,
  },
  {
    id: 'finalizers',
    title: '__del__',
    summary: 'When finalizers run: at once by refcount, or when the collector frees a cycle (PEP 442).',
    source: `import gc

class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('__del__', self.name)

a = Noisy('a')
del a  # the count drops to 0: __del__ runs at once
print('after del a')
c = Noisy('c')
c.me = c  # a cycle: only the collector can free it
del c
print('after del c')
gc.collect()  # PEP 442: __del__ runs, then the cycle is freed
print('end')
`,
  },
];
