# tier: B
# features: tracemalloc.get_traced_memory,list.append,list.__mul__,list.__add__,listcomp
import tracemalloc
out = []


def measure(label, make):
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    obj = make()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    out.append((label, after - before))
    return obj


def grow(n):
    l = []
    for i in range(n):
        l.append(None)
    return l


for n in (0, 1, 4, 5, 8, 9, 16, 17, 100):
    measure('append %d' % n, lambda: grow(n))
for n in (1, 10, 100, 1000):
    measure('[None]*%d' % n, lambda: [None] * n)
    measure('list(range(%d))' % n, lambda: list(range(n)))
    measure('comp %d' % n, lambda: [None for i in range(n)])
a = [None] * 10
measure('a + a', lambda: a + a)
measure('a[:]', lambda: a[:])
measure('a.copy()', lambda: a.copy())
measure('[1, 2, 3]', lambda: [1, 2, 3])
measure('[[]]*3', lambda: [[]] * 3)
measure('[[] for _ in range(3)]', lambda: [[] for _ in range(3)])
b = list(range(50))
measure('b.extend(b)', lambda: b.extend(b))
measure('b.pop() x 60', lambda: [b.pop() for _ in range(60)])
measure('sorted(b)', lambda: sorted(b))
for label, size in out:
    print(label, size)
