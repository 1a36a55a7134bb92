# tier: B
# features: Counter.most_common(n): heapq.nlargest's list, the lazy heapq import's gc.get_count() cost
# With n, CPython's most_common imports heapq on first use and returns heapq.nlargest's list
# (a comprehension, over-allocated as appends grow it); without n, a sorted() list.
import gc
import sys
from collections import Counter

c = Counter("abracadabra")
n0 = gc.get_count()[0]
top = c.most_common(2)
print(top, sys.getsizeof(top), gc.get_count()[0] - n0)
n0 = gc.get_count()[0]
top3 = c.most_common(3)
print(top3, sys.getsizeof(top3), gc.get_count()[0] - n0)
every = c.most_common()
print(every, sys.getsizeof(every))
print(sys.getsizeof(Counter("hello world").most_common(1)), sys.getsizeof(c.most_common(0)))
n0 = gc.get_count()[0]
import heapq

print(gc.get_count()[0] - n0, heapq.nlargest(2, [5, 1, 7]))
