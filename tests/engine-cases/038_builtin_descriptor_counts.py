# tier: B
# features: sys.getrefcount of builtin types' descriptors, __mro__ and __bases__ tuples
# The methods and attributes of builtin types are descriptor objects in the type's dict, and
# a type's __mro__ and __bases__ are tuples only the type holds: small counts, not immortal.
import sys

r = sys.getrefcount
print(r(int.bit_length), r(list.append), r(dict.fromkeys), r(str.join), r(object.__init__))
print(r(int.__dict__['real']), r(list.__dict__['__len__']), r(type.__dict__['__dict__']))
print(r(int.__mro__), r(int.__bases__), r(bool.__mro__), r(object.__bases__))
m = list.append
print(r(m), r(list.append))


class Base:
    pass


class Child(Base, dict):
    pass


print(r(Child.__mro__), r(Child.__bases__), r(dict.__mro__))
print(r(tuple.__new__))
