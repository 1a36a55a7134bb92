# tier: B
# features: array,sys.getsizeof,sys.getrefcount,gc.get_count,gc.is_tracked,id-reuse,growth
import sys, gc
from array import array

# the classic lesson: a list holds pointers to int objects, an array holds the numbers
n = 1000
numbers = list(range(n))
packed = array('i', range(n))
exact = array('i', numbers)
print(sys.getsizeof(numbers), sys.getsizeof(packed), sys.getsizeof(exact))
print(sys.getsizeof(numbers) + sum(sys.getsizeof(x) for x in numbers), sys.getsizeof(packed))
for tc in 'bBuhHiIlLqQfd':
    one = array(tc, ['a'] if tc == 'u' else [0])
    print(tc, sys.getsizeof(array(tc)), sys.getsizeof(one), one.__sizeof__(), sys.getsizeof(array(tc, 'abc' if tc == 'u' else range(3))))
print(sys.getsizeof(array('d', range(n))), sys.getsizeof(array('q', numbers)), sys.getsizeof(array('b', bytes(100))))

a = array('i')
sizes = []
for i in range(300):
    s = sys.getsizeof(a)
    if not sizes or sizes[-1][1] != s:
        sizes.append((i, s))
    a.append(i)
print(sizes)
shrink = []
while len(a) > 0:
    a.pop()
    s = sys.getsizeof(a)
    if not shrink or shrink[-1][1] != s:
        shrink.append((len(a), s))
print(shrink)
b = array('d')
b.extend(range(10))
s1 = sys.getsizeof(b)
b.extend(array('d', range(10)))
s2 = sys.getsizeof(b)
b.fromlist([1.0] * 5)
s3 = sys.getsizeof(b)
b.frombytes(bytes(8 * 3))
s4 = sys.getsizeof(b)
b.insert(0, 1.0)
s5 = sys.getsizeof(b)
del b[5:20]
s6 = sys.getsizeof(b)
b *= 3
s7 = sys.getsizeof(b)
print(s1, s2, s3, s4, s5, s6, s7, len(b))
print(sys.getsizeof(array('i', range(5)) + array('i', range(3))), sys.getsizeof(array('i', [1]) * 9), sys.getsizeof(array('i', range(20))[2:7]))

print(gc.is_tracked(array('i')), gc.is_tracked(array('d', [1.0])))
it = iter(array('i', [1, 2]))
print(sys.getsizeof(it), gc.is_tracked(it))

big = 10**12
before = sys.getrefcount(big)
arr = array('q', [big, big, big])
lst = [big, big, big]
print(sys.getrefcount(big) - before, arr[0] is big, lst[0] is big, arr[0] == big)
x = arr[1]
print(sys.getrefcount(x), arr[1] is arr[1])
f = array('d', [0.5])
y = f[0]
print(sys.getrefcount(y), f[0] is y)
print(sys.getrefcount(arr))
it = iter(arr)
print(sys.getrefcount(arr))
list(it)
print(sys.getrefcount(arr))
del it
print(sys.getrefcount(arr))

g0 = gc.get_count()
p = array('i', range(100))
g1 = gc.get_count()
t = p.tolist()
g2 = gc.get_count()
q = p[10:20]
g3 = gc.get_count()
del p, t, q
g4 = gc.get_count()
r = array('i', [1, 2, 3]) + array('i', [4])
g5 = gc.get_count()
for v in r:
    pass
g6 = gc.get_count()
print([b[0] - a[0] for a, b in zip([g0, g1, g2, g3, g4, g5], [g1, g2, g3, g4, g5, g6])])

first = array('i', [1, 2, 3])
addr = id(first)
del first
second = array('d', [1.0])
print(id(second) == addr)
