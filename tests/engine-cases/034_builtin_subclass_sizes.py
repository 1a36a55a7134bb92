# tier: B
# features: sys.getsizeof of builtin subclass instances and their __dict__, class __dict__ order
# A list subclass instance has a weakref slot its size counts; a managed-dict subclass (list,
# dict, str) gets a split __dict__ over its class shared keys, others a plain dict; a class
# without a docstring gets __doc__ after its __dict__ and __weakref__ descriptors.
import sys, gc, weakref, collections
g = sys.getsizeof; r = sys.getrefcount
class MI(int): pass
class MS(str): pass
class MT(tuple): pass
class MB(bytes): pass
class ML(list): pass
class MD(dict):
    def __missing__(self, k): return k * 2
objs = [MI(5), MS('abc'), MT((1, 2)), MB(b'xy'), ML([1]), MD(a=1)]
print([g(o) for o in objs], [type(o).__name__ for o in objs])
for o in objs: o.extra = [1]
print([g(o) for o in objs], [g(o.__dict__) for o in objs], MD()[4])
print([r(o) for o in objs], [r(type(o)) for o in objs])
class SW:
    __slots__ = ('a', '__dict__', '__weakref__')
sw = SW(); sw.a = 1; sw.b = 2; wr = weakref.ref(sw)
print(g(sw), sw.__dict__, wr() is sw, r(sw))
class A1:
    __slots__ = ('x',)
class B1(A1):
    __slots__ = ('y',)
class C1(B1): pass
c1 = C1(); c1.x = 1; c1.y = 2; c1.z = 3
print(g(A1()), g(B1()), g(c1), c1.__dict__, [k for k in C1.__dict__])
od = collections.OrderedDict(a=1, b=2); od.move_to_end('a')
print(list(od), g(od), g(collections.OrderedDict()))
dd = collections.defaultdict(list); dd['k'].append(1)
print(dict(dd), g(dd))
del objs
print(gc.collect())
class X: pass
class Y:
    """doc"""
    def m(self): pass
print(list(X.__dict__), list(Y.__dict__))
