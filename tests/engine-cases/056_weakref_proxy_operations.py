# tier: B
# features: type() of weakref proxies: repr, __module__, __qualname__ (weakref.ProxyType, weakref.CallableProxyType)
# Both proxy types are named "weakref.…" in C: their module is weakref, their qualname the
# part after the dot, as for weakref.ReferenceType.
import weakref


class A:
    pass


class C:
    def __call__(self):
        return 1


a = A()
c = C()
for t in (type(weakref.proxy(a)), type(weakref.proxy(c)), type(weakref.ref(a)), weakref.ProxyType):
    print(repr(t), t.__module__, t.__qualname__, t.__name__)
print(type(weakref.proxy(c)) is weakref.CallableProxyType, weakref.proxy(c)())
try:
    len(weakref.proxy(a))
except TypeError as e:
    print(e)
print(weakref.ProxyTypes == (weakref.ProxyType, weakref.CallableProxyType))


class V:
    def __init__(self, n):
        self.n = n

    def __add__(self, o):
        return V(self.n + (o.n if isinstance(o, V) else o))

    def __radd__(self, o):
        return V(o + self.n)

    def __eq__(self, o):
        return isinstance(o, V) and o.n == self.n

    def __lt__(self, o):
        return self.n < o.n

    def __str__(self):
        return "V%d" % self.n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        return i * 2

    def __contains__(self, x):
        return x == 3

    def __iter__(self):
        return iter(range(self.n))

    __hash__ = object.__hash__


v, w = V(3), V(4)
pv, pw = weakref.proxy(v), weakref.proxy(w)
print(str(pv), (pv + pw).n, (pv + 1).n, (1 + pv).n, pv == v, pv < pw, len(pv), bool(pv), pv[5], 3 in pv, list(pv))
del v
try:
    pv + 1
except ReferenceError as e:
    print(e)
try:
    hash(pw)
except TypeError as e:
    print(e)
