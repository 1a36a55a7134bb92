# tier: B
# features: heapq,sys.getrefcount,sys.getsizeof,gc.get_count,id-reuse,__del__
import heapq
import sys, gc

items = [object() for _ in range(6)]
base = [sys.getrefcount(o) for o in items]
heap = []
for o in items:
    heapq.heappush(heap, ((len(heap) * 5) % 7, len(heap), o))
print([sys.getrefcount(o) - b for o, b in zip(items, base)])
top = heapq.heappop(heap)
print([sys.getrefcount(o) - b for o, b in zip(items, base)], sys.getrefcount(top))
del top
print([sys.getrefcount(o) - b for o, b in zip(items, base)])
while heap:
    heapq.heappop(heap)
print([sys.getrefcount(o) - b for o, b in zip(items, base)], sys.getsizeof(heap))

big = 10**20
h = [big]
print(sys.getrefcount(big))
heapq.heappush(h, big)
heapq.heappush(h, big)
print(sys.getrefcount(big), sys.getsizeof(h))
r = heapq.heapreplace(h, 5)
print(sys.getrefcount(big), r is big)
r2 = heapq.heappushpop(h, big)
print(sys.getrefcount(big), r2 is big, h)
heapq.heapify(h)
print(sys.getrefcount(big))

sizes = []
h = []
for i in range(40):
    heapq.heappush(h, -i)
    sizes.append(sys.getsizeof(h))
print(sorted(set(sizes)))
while h:
    heapq.heappop(h)
    sizes.append(sys.getsizeof(h))
print(sizes[-10:])

g0 = gc.get_count()
h = []
g1 = gc.get_count()
for i in range(100):
    heapq.heappush(h, i * 7 % 13)
g2 = gc.get_count()
heapq.heapify(h)
g3 = gc.get_count()
x = heapq.nsmallest(3, h)
g4 = gc.get_count()
y = heapq.nlargest(3, h)
g5 = gc.get_count()
z = list(heapq.merge(h[:5], h[5:10]))
g6 = gc.get_count()
print([b[0] - a[0] for a, b in zip([g0, g1, g2, g3, g4, g5], [g1, g2, g3, g4, g5, g6])])

pairs = [[i % 3, i] for i in range(8)]
heapq.heapify(pairs)
print(pairs, gc.is_tracked(pairs), sys.getrefcount(pairs[0]))
a = pairs[0]
addr = id(a)
heapq.heappop(pairs)
del a
b = [0, 0]
print(id(b) == addr)

class Loud:
    def __init__(self, n):
        self.n = n
    def __lt__(self, other):
        return self.n < other.n
    def __del__(self):
        print('del', self.n)

h = [Loud(3), Loud(1), Loud(2)]
heapq.heapify(h)
print([x.n for x in h])
heapq.heappop(h)
print('popped')
heapq.heapreplace(h, Loud(0))
print('replaced')
print(heapq.heappushpop(h, Loud(9)).n)
h.clear()
print('end')
