# tier: B
# features: collections,sys.getrefcount,id-reuse,cycle,gc.collect
import sys, gc
from collections import deque
x = object()
before = sys.getrefcount(x)
d = deque([x, x, x])
print(sys.getrefcount(x) - before)
d.remove(x)
print(sys.getrefcount(x) - before)
d.extend([x] * 5)
print(sys.getrefcount(x) - before, len(d))
del d
print(sys.getrefcount(x) - before)
gc.disable()
d = deque()
d.append(d)
print(repr(d))
del d
print(gc.collect())
it = iter(deque([1, 2, 3]))
print(type(it).__name__, sys.getsizeof(it), next(it), gc.is_tracked(it))
e = deque([1, 2])
i2 = iter(e)
e.append(3)
try:
    next(i2)
except RuntimeError as err:
    print(err)
a = deque()
old = id(a)
del a
b = deque()
print(id(b) == old)
