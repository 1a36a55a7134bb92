# tier: B
# features: methods,descriptors,modules
# A bound method shows its __self__ and __func__ and passes other attributes to its function;
# builtin descriptors and method-wrappers name themselves; compiled-in modules say so.
import gc
import sys


class A:
    def m(self):
        "the doc"


a = A()
bm = a.m
print(bm.__self__ is a, bm.__func__ is A.m, bm.__name__, bm.__qualname__, bm.__doc__, bm.__module__)
print(sys.getrefcount(a), sys.getrefcount(A.__dict__['m']))
try:
    bm.missing
except AttributeError as e:
    print(e)
print(list.append.__name__, list.append.__qualname__, list.append.__objclass__ is list)
print(int.__add__.__name__, int.__add__.__qualname__, (1).__add__.__self__, (1).__add__.__name__)
it = iter([1, 2])
print(it.__next__.__self__ is it, it.__next__.__name__, it.__next__.__qualname__)
print(sys, gc, sys.modules['__name__'] if '__name__' in sys.modules else 'no')
