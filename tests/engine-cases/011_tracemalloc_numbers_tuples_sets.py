# tier: B
# features: tracemalloc.get_traced_memory,int,float,tuple,set,frozenset
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


x = 1000
measure('small int', lambda: x - 999)
measure('int 1 digit', lambda: x + 1)
measure('int 2 digits', lambda: x * 2**30)
measure('int 4 digits', lambda: x ** 10)
measure('ints list', lambda: [x + i for i in range(10)])
f = 1.5
measure('float', lambda: f * 2)
measure('floats list', lambda: [f * i for i in range(30)])
for n in (1, 2, 3, 10, 25):
    measure('tuple %d' % n, lambda: tuple(range(n)))
measure('tuple of tuples', lambda: tuple((i, i) for i in range(5)))
measure('empty set', lambda: set())
for n in (1, 4, 5, 10, 19, 20, 100):
    measure('set %d' % n, lambda: set(range(n)))
    measure('frozenset %d' % n, lambda: frozenset(range(n)))
s = set()


def add_many():
    for i in range(50):
        s.add(i)


measure('set.add x50', add_many)
measure('set union', lambda: s | {1000, 1001})
measure('range', lambda: range(10))
measure('enumerate', lambda: enumerate([]))
for label, size in out:
    print(label, size)
