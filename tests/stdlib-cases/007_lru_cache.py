# tier: B
# features: functools,sys.getsizeof,gc.is_tracked,sys.getrefcount
import functools, sys, gc
calls = []
@functools.lru_cache(maxsize=2)
def f(x):
    calls.append(x)
    return [x]
a = f(1); b = f(2); c = f(1); d = f(3); e = f(2)
print(calls, f.cache_info(), a is c)
print(sys.getsizeof(f), gc.is_tracked(f), type(f).__name__, f.__wrapped__.__name__, f.__name__)
before = sys.getrefcount(e)
f(2)
print(sys.getrefcount(e) - before)
f.cache_clear()
print(f.cache_info(), sys.getrefcount(e) - before)
@functools.lru_cache
def g(n):
    return n if n < 2 else g(n - 1) + g(n - 2)
print(g(30), g.cache_info())
@functools.cache
def h(x, y=1):
    return x + y
print(h(1), h(1, y=1), h(1, 1), h.cache_info())
print(f.cache_parameters(), h.cache_parameters())
