# tier: B
# features: heapq,list,order,sorted,errors
import heapq

h = []
for v in [5, 3, 8, 1, 9, 2, 7, 3, 3, 0, 6, 4]:
    heapq.heappush(h, v)
    print(h)
print([heapq.heappop(h) for _ in range(4)], h)
print(heapq.heapreplace(h, 10), h, heapq.heappushpop(h, 1), h, heapq.heappushpop(h, 12), h)

state = 12345
def rnd(n):
    global state
    state = (state * 1103515245 + 12345) % 2**31
    return state % n

for size in [10, 33, 100, 2501, 5000]:
    data = [rnd(50) for _ in range(size)]
    heap = list(data)
    heapq.heapify(heap)
    print(size, heap[:15], heap[-8:], sum(i * v for i, v in enumerate(heap)) % 1000003)
    out = [heapq.heappop(heap) for _ in range(len(heap))]
    print(out == sorted(data))

# ties between equal keys: which one moves is visible with (key, id) pairs
pairs = [(rnd(4), i) for i in range(40)]
heap = []
for p in pairs:
    heapq.heappush(heap, p)
print(heap)
tiekeys = [[rnd(3)] for i in range(30)]
heapq.heapify(tiekeys)
print(tiekeys)

class Task:
    def __init__(self, pri, name):
        self.pri, self.name = pri, name
    def __lt__(self, other):
        return self.pri < other.pri
    def __repr__(self):
        return self.name

tasks = [Task(rnd(3), 't%d' % i) for i in range(15)]
heapq.heapify(tasks)
print(tasks)
print([heapq.heappop(tasks) for _ in range(15)])

data = [rnd(1000) for _ in range(200)]
print(heapq.nlargest(5, data), heapq.nsmallest(5, data))
print(heapq.nlargest(1, data), heapq.nsmallest(1, []), heapq.nlargest(0, data), heapq.nsmallest(300, data)[:5])
print(heapq.nlargest(4, data, key=lambda v: v % 17), heapq.nsmallest(4, data, key=lambda v: -v))
words = ['pear', 'fig', 'apple', 'kiwi', 'banana', 'date', 'plum', 'lime']
print(heapq.nsmallest(3, words, key=len), heapq.nlargest(3, words, key=len), heapq.nsmallest(3, iter(words)))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [0, 3, 9])), list(heapq.merge([], [1], [], [0, 2])))
print(list(heapq.merge([9, 5, 1], [8, 2], reverse=True)), list(heapq.merge(['aa', 'b'], ['c', 'dddd'], key=len)))
print(list(heapq.merge(['x', 'yy'], ['zzz'], ['w'], key=len, reverse=False)), list(heapq.merge('ace', 'bdf')))
m = heapq.merge([1, 3], [2])
print(type(m).__name__, next(m), list(m))

mx = [rnd(20) for _ in range(12)]
heapq._heapify_max(mx)
print(mx, heapq._heappop_max(mx), heapq._heapreplace_max(mx, 7), mx)

for call in [
    lambda: heapq.heappush(1, 2),
    lambda: heapq.heappush((), 2),
    lambda: heapq.heappop([]),
    lambda: heapq.heappop(None),
    lambda: heapq.heapify('abc'),
    lambda: heapq.heapreplace([], 1),
    lambda: heapq.heappushpop([], 5),
    lambda: heapq.heappush([]),
    lambda: heapq.heapify(),
    lambda: heapq.heappush([1, 'a'], 2),
    lambda: heapq.heappush([1], 'a'),
]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
