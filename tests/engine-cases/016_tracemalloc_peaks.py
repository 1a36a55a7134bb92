# tier: B
# features: tracemalloc.get_traced_memory,peak,class,exception,sorted,with,generator,recursion
import tracemalloc
out = []


def measure(label, make):
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    obj = make()
    after = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    out.append((label, after[0] - before, after[1] - before))
    return obj


def documented():
    class Doc:
        """A class with a docstring of some length."""
    return Doc


def catch():
    try:
        raise ValueError('boom')
    except ValueError as e:
        return e


def catch_tb():
    try:
        {}['missing']
    except KeyError as e:
        return e.__traceback__


class Ctx:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False


def with_stmt():
    with Ctx() as c:
        return c


def gen_fn():
    yield 1
    yield 2


def deep(n):
    return deep(n - 1) if n else [n]


measure('class doc', documented)
measure('exception', catch)
measure('traceback', catch_tb)
measure('with', with_stmt)
measure('gen list', lambda: list(gen_fn()))
measure('recursion 50', lambda: deep(50))
measure('dict items', lambda: list({1: 2, 3: 4}.items()))
measure('sorted strs', lambda: sorted(['b', 'a', 'c']))
measure('str.split', lambda: 'a,b,c'.split(','))
measure('bigint', lambda: 2 ** 200)
measure('int parse', lambda: int('123456789012345678901234567890'))
measure('float str', lambda: str(3.14159))
measure('reversed', lambda: list(reversed([1, 2, 3])))
measure('set comp', lambda: {i % 3 for i in range(10)})
measure('dict comp', lambda: {str(i): i for i in range(10)})
measure('nested', lambda: [[0] * 3 for _ in range(3)])
measure('star', lambda: [*range(5), *range(3)])
measure('kwargs dict', lambda: dict(a=1, b=2, c=3, d=4, e=5, f=6))
measure('list.insert', lambda: [0].insert(0, 1))
measure('globals', lambda: globals().setdefault('newname', 1))
for o in out:
    print(*o)
