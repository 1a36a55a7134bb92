# tier: B
# features: classes,weakref,gc
# A class statement registers the class with each base: an int key and a weak reference in
# the base's tp_subclasses dict (made by the first subclass). gc.get_count() counts them,
# weakref.ref(cls) returns that very reference, and freeing the class takes them back.
import gc
import weakref


c0 = gc.get_count()[0]
class A: pass
c1 = gc.get_count()[0]
class B(A): pass
c2 = gc.get_count()[0]
class C(A): pass
c3 = gc.get_count()[0]
class D:
    __slots__ = ()
c4 = gc.get_count()[0]
class E:
    def f(self):
        pass
c5 = gc.get_count()[0]
print(c1 - c0, c2 - c1, c3 - c2, c4 - c3, c5 - c4)

print(weakref.getweakrefcount(A), weakref.getweakrefcount(B))
r = weakref.ref(B)
print(weakref.getweakrefcount(B), r is weakref.ref(B), r() is B)
print(A.__subclasses__() == [B, C])

# Freeing a subclass removes its entry; the weak reference the program holds goes dead.
del B
gc.collect()
print(r() is None, A.__subclasses__() == [C], gc.get_count())

# gc.get_objects() does not list the list it returns.
objects = gc.get_objects()
print(any(o is objects for o in objects))

# Descriptors and weak references to classes show what CPython shows.
print(repr(A.__dict__['__dict__']), repr(list.append), repr(int.__add__), repr(int.real))
class S:
    __slots__ = ('x',)
print(repr(S.__dict__['x']))
print(repr(weakref.ref(C)).endswith('(C)>'))


# gc.callbacks are called without an argument tuple (a vectorcall): only the info dict counts.
def on_gc(phase, info):
    pass


gc.callbacks.append(on_gc)
print(gc.collect(), gc.get_count())
gc.callbacks.remove(on_gc)
