# tier: B
# features: weakref, bound methods, builtin functions, code objects, proxy types
# A weak reference to a bound method dies at once (the method object is made for the call),
# which is why weakref.WeakMethod exists; builtin functions and code objects are weakly
# referenceable too.
import gc
import sys
import weakref


class Sensor:
    def read(self):
        return 42


s = Sensor()
r = weakref.ref(s.read)
print('dead at once:', r() is None)

bound = s.read
r2 = weakref.ref(bound, lambda w: print('bound method collected'))
print(r2() == bound, weakref.getweakrefcount(bound), sys.getrefcount(bound))
del bound
print('after del:', r2())

print(weakref.ref(len)() is len, weakref.getweakrefcount(len))


def make():
    def inner():
        return 1
    return inner


f = make()
rc = weakref.ref(f.__code__, lambda w: print('code collected'))
print(repr(rc()).startswith('<code object inner at 0x'), repr(rc()).endswith('line 30>'))
del f
gc.collect()
print('code still held by make:', rc() is not None)

wm = weakref.WeakMethod(s.read)
print(wm()())
del s
print('WeakMethod after del:', wm())

p = weakref.proxy(Sensor())
print(type(p), type(p).__module__, type(p).__qualname__)
cp = weakref.proxy(make)
print(type(cp), type(cp).__name__)
