# tier: B
# features: collections,sys.getsizeof,gc.is_tracked,growth
import sys, gc
from collections import deque
d = deque()
sizes = []
for i in range(200):
    s = sys.getsizeof(d)
    if not sizes or sizes[-1][1] != s:
        sizes.append((i, s))
    d.append(i)
print(sizes)
d2 = deque(range(10))
d2.rotate(3)
print(d2, d2.popleft(), d2.pop(), len(d2), gc.is_tracked(d2))
m = deque([1, 2, 3], maxlen=3)
m.append(4)
m.appendleft(0)
print(m, m.maxlen, sys.getsizeof(m))
d3 = deque()
for i in range(100):
    d3.appendleft(i)
print(sys.getsizeof(d3), d3[0], d3[-1], d3.index(50), d3.count(7))
d3.clear()
print(sys.getsizeof(d3), repr(deque()), deque('ab') == deque('ab'))
