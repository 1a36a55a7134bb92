# tier: B
# features: tracemalloc.get_traced_memory,dict,__dict__,__slots__
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


def fill(n, key=str):
    d = {}
    for i in range(n):
        d[key(i)] = None
    return d


for n in (0, 1, 5, 6, 10, 11, 21, 22, 100):
    measure('str keys %d' % n, lambda: fill(n))
    measure('int keys %d' % n, lambda: fill(n, int))
measure('dict(a=1, b=2)', lambda: dict(a=1, b=2))
measure("{'a': 1}", lambda: {'a': 1})
measure('dict.fromkeys(range(10))', lambda: dict.fromkeys(range(10)))
measure('{i: i for i in range(10)}', lambda: {i: i for i in range(10)})


class Plain:
    def __init__(self):
        self.a = 1
        self.b = 2


class Slotted:
    __slots__ = ('a', 'b')

    def __init__(self):
        self.a = 1
        self.b = 2


class Empty:
    pass


measure('Plain()', Plain)
measure('Slotted()', Slotted)
measure('Empty()', Empty)
p = Plain()
measure('p.__dict__', lambda: p.__dict__)
e = Empty()


def many_attrs():
    for i in range(40):
        setattr(e, 'x%d' % i, i)


measure('40 attrs', many_attrs)
measure('[Plain() for _ in range(10)]', lambda: [Plain() for _ in range(10)])
measure('[Slotted() for _ in range(10)]', lambda: [Slotted() for _ in range(10)])
for label, size in out:
    print(label, size)
