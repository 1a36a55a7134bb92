# tier: B
# features: instances of subclasses of super, functools.partial, classmethod and others: type and refcounts
# An instance of a subclass is of that subclass (super included) and holds one reference to
# it, released once when the instance dies.
import sys, gc, collections, weakref, itertools, functools
r = sys.getrefcount
out = []
cases = [
    (collections.Counter, lambda C: C()),
    (collections.ChainMap, lambda C: C()),
    (staticmethod, lambda C: C(len)),
    (classmethod, lambda C: C(len)),
    (functools.partial, lambda C: C(len)),
    (BaseException, lambda C: C()),
    (KeyError, lambda C: C()),
    (bool.__base__, lambda C: C(5)),
    (complex if False else float, lambda C: C(1.5)),
    (super, lambda C: None),
]
for b, make in cases:
    C = type('C_' + b.__name__, (b,), {})
    before = r(C)
    objs = [make(C) for _ in range(3)]
    during = r(C)
    del objs
    gc.collect()
    out.append((b.__name__, before, during, r(C)))
print(out)
class S(super):
    pass
class A:
    def m(self):
        s = S(A, self)
        return sys.getrefcount(S)
print(r(S), A().m(), r(S))
a = A()
s = S(A, a)
print(type(s).__name__, isinstance(s, S), sys.getsizeof(s), s.__dict__)
