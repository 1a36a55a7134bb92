# tier: B
# features: tracemalloc.get_traced_memory,peak,list slices,float.__format__,str methods,dict views,builtins
import tracemalloc, gc
out = []


def measure(label, make):
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    obj = make()
    after = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    out.append((label, after[0] - before, after[1] - before))
    return obj


class P:
    def __init__(self, n):
        for i in range(n):
            setattr(self, 'a%d' % i, i)


class D:
    def __del__(self):
        pass


l = list(range(100))
d = {i: i for i in range(10)}
measure('pop shrink', lambda: [l.pop() for _ in range(60)])
measure('slice assign', lambda: l.__setitem__(slice(0, 5), [0] * 20))
measure('del slice', lambda: l.__delitem__(slice(0, 30)))
measure('insert', lambda: [l.insert(0, i) for i in range(10)])
measure('replace', lambda: 'hello world'.replace('o', '0'))
measure('join gen', lambda: ','.join(str(i) for i in range(10)))
measure('big str', lambda: str(10 ** 50))
measure('fmt float', lambda: f'{3.14159:.2f}')
measure('keys', lambda: list(d.keys()))
measure('items', lambda: list(d.items()))
measure('values sum', lambda: sum(d.values()))
measure('min max', lambda: (min(l), max(l)))
measure('enumerate', lambda: list(enumerate('abc')))
measure('zip3', lambda: list(zip('ab', 'cd', 'ef')))
measure('filter', lambda: list(filter(None, [0, 1, 2])))
measure('set ops', lambda: {1, 2, 3} & {2, 3, 4})
measure('frozenset', lambda: frozenset('abcdef'))
measure('dict update', lambda: dict(d, x=1))
measure('dict copy', lambda: d.copy())
measure('dict get', lambda: d.get(5))
measure('nested fn', lambda: (lambda x: lambda y: x + y)(1))
measure('default args', lambda: (lambda a, b=[]: b)(1))
measure('args tuple', lambda: (lambda *a: a)(1, 2, 3))
measure('kwargs', lambda: (lambda **k: k)(a=1, b=2))
measure('bytes join', lambda: b''.join([b'ab', b'cd']))
measure('bytearray grow', lambda: bytearray(b'x') * 100)
measure('int list sum', lambda: sum([i * 1000 for i in range(10)]))
measure('weakref', lambda: __import__('weakref').ref(P))
measure('gc cycle', lambda: gc.collect())
x = 3.14159
for spec in ['.2f', 'f', '.3e', 'g', '.1%', '10.2f', '+.2f', ',.2f', '', '.0f', 'e', '>12', '.10g', '08.3f']:
    measure(spec, lambda: format(x, spec))
measure('big', lambda: format(1e300, '.2f'))
measure('small', lambda: format(0.000123, '.5f'))
measure('neg', lambda: format(-2.5, '.1f'))
for o in out:
    print(*o)
