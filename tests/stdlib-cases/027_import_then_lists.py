# tier: B
# features: array,heapq,import,gc.get_count,free-lists,slices
# After CPython's first imports of array and heapq (in this order), the free lists and the
# one-slice cache are what importlib left: lists, tuples, dicts and slices made next are
# reused ones or new ones exactly as in CPython.
import gc
c0 = gc.get_count()
from array import array
c1 = gc.get_count()
import heapq
c2 = gc.get_count()
rows = [[i, -i] for i in range(40)]
c3 = gc.get_count()
pairs = [(i, str(i)) for i in range(40)]
c4 = gc.get_count()
maps = [{'k': i} for i in range(20)]
c5 = gc.get_count()
part = rows[3:9]
c6 = gc.get_count()
del rows, pairs, maps, part
c7 = gc.get_count()
h = []
for i in range(30):
    heapq.heappush(h, [i % 5, i])
c8 = gc.get_count()
a = array('i', range(100))
b = a[10:20]
c9 = gc.get_count()
print(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9)
