# tier: B
# features: bisect,list,sys.getrefcount,sys.getsizeof,key,errors
import bisect
import sys
from collections import deque

a = [1, 2, 2, 2, 5, 8, 13]
print([bisect.bisect(a, x) for x in range(15)])
print([bisect.bisect_left(a, x) for x in range(15)])
print(bisect.bisect_right(a, 2, 0, 3), bisect.bisect_left(a, 2, 2), bisect.bisect(a, 9, hi=-1), bisect.bisect(a, 9, 1, None))
print(bisect.bisect(a, 2, lo=4), bisect.bisect_left(a, 100, 0, 2), bisect.bisect(a, -1, hi=0))
b = []
for v in [5, 1, 4, 1, 5, 9, 2, 6, 5, 3]:
    bisect.insort(b, v)
print(b, bisect.insort_left(b, 5), b)
bisect.insort_right(b, 5.0)
bisect.insort_left(b, 5.0)
print(b, [type(v).__name__ for v in b])

grades = 'FDCBA'
print([grades[bisect.bisect([60, 70, 80, 90], s)] for s in [33, 99, 77, 70, 89, 90, 100]])

people = [('ann', 25), ('bob', 31), ('cy', 40)]
age = lambda p: p[1]
print(bisect.bisect(people, 31, key=age), bisect.bisect_left(people, 31, key=age), bisect.bisect(people, 99, key=age))
bisect.insort(people, ('dee', 31), key=age)
bisect.insort_left(people, ('eve', 31), key=age)
print(people)

d = deque([1, 3, 5])
bisect.insort(d, 4)
print(d)


class Recorder(list):
    def insert(self, i, x):
        print('insert', i, x)
        super().insert(i, x)


r = Recorder([10, 20, 30])
bisect.insort(r, 25)
bisect.insort_left(r, 10)
print(r)

class Probe:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        print('lt', self.v, other.v)
        return self.v < other.v

ps = [Probe(i) for i in range(0, 20, 2)]
print(bisect.bisect(ps, Probe(7)), bisect.bisect_left(ps, Probe(8)))

item = object()
lst = []
base = sys.getrefcount(item)
for _ in range(3):
    bisect.insort(lst, 7)
big = 10 ** 30
nums = [big - 1, big + 1]
print(sys.getrefcount(big))
bisect.insort(nums, big)
print(sys.getrefcount(big), nums.index(big), sys.getsizeof(nums))
idx = bisect.bisect(nums, big)
print(sys.getrefcount(big), idx)

sizes = []
grow = []
for i in range(30):
    bisect.insort(grow, (i * 7) % 30)
    sizes.append(sys.getsizeof(grow))
print(grow, sorted(set(sizes)))

for call in [
    lambda: bisect.bisect([1]),
    lambda: bisect.bisect(1, 2),
    lambda: bisect.bisect([1], 2, -1),
    lambda: bisect.bisect([1, 2], 2, 0, 1.5),
    lambda: bisect.bisect([1, 2], 2, 1.5),
    lambda: bisect.bisect([1, 2], 2, 0, 5),
    lambda: bisect.insort((1, 2), 3),
    lambda: bisect.bisect([1], 1, 0, 1, 2),
    lambda: bisect.bisect([1], 1, foo=1),
    lambda: bisect.bisect([1], 1, x=1),
    lambda: bisect.bisect({1: 2}, 1),
    lambda: bisect.bisect([1, 'a'], 2),
    lambda: bisect.insort([1], 'x'),
]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
print(bisect.bisect, bisect.insort, bisect.bisect is bisect.bisect_right, sorted(k for k in dir(bisect) if not k.startswith('__')))
