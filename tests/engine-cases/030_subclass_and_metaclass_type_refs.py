# tier: B
# features: heap type reference counts for instances of builtin subclasses and metaclasses
# An instance of a class holds one reference to it, released once when it dies, whatever
# builtin the class derives from; a class made by the static `type` does not hold `type`,
# and a metaclass adds no __dict__ descriptor (classes have their own __dict__).
import sys, gc, collections
r = sys.getrefcount
bases = [list, dict, int, str, tuple, set, frozenset, float, bytes, bytearray, Exception, ValueError, object, collections.OrderedDict, collections.deque, collections.defaultdict, property, type]
out = []
for b in bases:
    ns = {}
    C = type('C_' + b.__name__, (b,), {})
    before = r(C)
    if b is type:
        objs = [C('X', (), {}) for _ in range(3)]
    elif b is property:
        objs = [C(lambda s: 1) for _ in range(3)]
    else:
        objs = [C() for _ in range(3)]
    during = r(C)
    del objs
    gc.collect()
    out.append((b.__name__, before, during, r(C)))
print(out)
a = sys.getrefcount(type)
class A: pass
class B: pass
b = sys.getrefcount(type)
del A, B
import gc; gc.collect()
c = sys.getrefcount(type)
print(b - a, c - a)
class M(type): pass
m0 = sys.getrefcount(M)
class X(metaclass=M): pass
m1 = sys.getrefcount(M)
del X; gc.collect()
print(m1 - m0, sys.getrefcount(M) - m0)
class M2(type):
    pass
class X2(metaclass=M2):
    pass
print(sys.getsizeof(X2), sorted(M2.__dict__))
print(sys.getrefcount(M2))
