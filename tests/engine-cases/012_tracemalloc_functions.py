# tier: B
# features: tracemalloc.get_traced_memory,closure,generator,lambda,listcomp,genexpr
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


def make_counter():
    count = 0

    def inc():
        nonlocal count
        count += 1
        return count
    return inc


def make_adder(a, b, c):
    return lambda x: x + a + b + c


def gen(n):
    for i in range(n):
        yield i


def plain(a, b=2, *args, **kwargs):
    return a


measure('closure', make_counter)
measure('closure 3 cells', lambda: make_adder(1, 2, 3))
measure('generator', lambda: gen(10))
g = gen(3)
measure('next(g)', lambda: next(g))
measure('genexpr', lambda: (i for i in range(10)))
measure('list(genexpr)', lambda: list(i * 2 for i in range(10)))
measure('lambda', lambda: (lambda: 0))
measure('def', lambda: plain)
measure('call *args', lambda: plain(1, 2, 3, 4))
measure('call **kwargs', lambda: plain(1, z=3))
measure('bound method', lambda: out.append)
measure('map', lambda: list(map(str, range(3))))
measure('zip', lambda: list(zip(range(3), range(3))))
measure('sorted key', lambda: sorted(range(10), key=lambda v: -v))


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm(self):
        return self.x * self.x + self.y * self.y


measure('Point', lambda: Point(1, 2))
measure('Point list', lambda: [Point(i, i) for i in range(5)])
measure('type()', lambda: type('K', (), {}))
measure('type() slots', lambda: type('S', (), {'__slots__': ('a', 'b')}))
measure('type() ns', lambda: type('N', (), {'__module__': 'm', '__qualname__': 'N'}))


def class_statement():
    class C:
        def method(self):
            return self

    return C


def class_statement_slots():
    class D(Point):
        __slots__ = ('z',)

    return D


measure('class statement', class_statement)
measure('class statement slots', class_statement_slots)
for label, size in out:
    print(label, size)
