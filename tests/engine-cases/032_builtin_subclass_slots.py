# tier: B
# features: __slots__ of classes built on builtin types (dealloc, gc traverse and clear), types.MethodType(f, obj), weakref.WeakMethod
# The __slots__ values of a list, dict or weakref subclass instance are released when it dies
# and seen by the collector; WeakMethod rebuilds its bound method with type(meth)(func, obj).
import gc
import sys
import weakref
class D:
    def __init__(self, n): self.n = n
    def __del__(self): print('del', self.n)
class L(list):
    __slots__ = ('x', 'y')
class Dd(dict):
    __slots__ = ('z',)
class I(int):
    __slots__ = ()
l = L([1]); l.x = D('x'); l.y = D('y')
print(sys.getrefcount(l.x))
del l
print('after del l')
d = Dd(); d.z = D('z'); d['self'] = d
del d
print('collected', gc.collect())
l2 = L(); l2.x = l2
print(len(gc.get_referents(l2)), gc.get_referrers(l2) == [])
del l2
print('collected', gc.collect())
class C0:
    def g(self): pass
MT = type(C0().g)
for a in [(), (len,), (len, None), (1, 2), (len, 1, 2)]:
    try: print(MT(*a))
    except Exception as e: print(type(e).__name__, e)
try: MT(len, 1, x=2)
except Exception as e: print(type(e).__name__, e)
class C:
    def f(self): return 'f', self.v
c = C(); c.v = 3
m = MT(C.f, c)
print(m(), m.__self__ is c, m.__func__ is C.f)
class C:
    def meth(self): pass
c = C()
wm = weakref.WeakMethod(c.meth)
print(sys.getrefcount(wm), wm() is not None)
del c
print(wm())
del wm
print('end')
