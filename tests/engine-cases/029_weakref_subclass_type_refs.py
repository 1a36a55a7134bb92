# tier: B
# features: weakref.ref subclasses (KeyedRef, user classes), heap type reference counts, gc.garbage
# An instance of a weakref.ref subclass holds one reference to its class, released once when
# it dies; the class must not become collectable garbage while its module still holds it.
import gc
import sys
import weakref

r = sys.getrefcount
KR = weakref.KeyedRef


class Thing:
    pass


print(r(KR))
k = Thing()
ref = KR(k, None, 'x')
print(r(KR), ref.key)
del ref
print(r(KR))
ref = KR(k, None, 'x')
del k
print(r(KR), ref())
del ref
print(r(KR))


class MyRef(weakref.ref):
    pass


k = Thing()
m = MyRef(k, lambda wr: None)
print(r(MyRef))
del k
print(r(MyRef), m())
del m
print(r(MyRef))
wd = weakref.WeakValueDictionary()
k = Thing()
wd['x'] = k
del k
gc.set_debug(gc.DEBUG_SAVEALL)
print(gc.collect(), len(gc.garbage), len(wd))
gc.set_debug(0)
