# tier: B
# features: math,sys.getrefcount,gc.get_count,id-reuse
import math, sys, gc
x = 12345678901234567890
before = sys.getrefcount(x)
y = math.floor(x)
z = math.trunc(x)
print(y is x, z is x, sys.getrefcount(x) - before)
f = 2.5
print(math.fabs(f) is f, math.floor(f), math.ceil(f))
c0 = gc.get_count()[0]
v = math.sqrt(16.0)
w = math.fsum([1.0, 2.0, 3.0])
c1 = gc.get_count()[0]
lst = [math.factorial(n) for n in range(5)]
c2 = gc.get_count()[0]
a = math.sqrt(10.0)
old = id(a)
del a
b = math.sqrt(11.0)
print(id(b) == old, v, w, lst)
print(c1 - c0, c2 - c1)
print(type(math.sqrt).__name__, math.sqrt.__name__, math.__name__)
