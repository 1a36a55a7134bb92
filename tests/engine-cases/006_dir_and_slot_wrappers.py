# tier: B
# features: dir,classes,slot wrappers
# dir(cls) merges the class's and its bases' __dict__ (type.__dir__), not the metaclass's;
# dir(obj) adds the instance's __dict__. Builtin types expose their sequence slots as slot
# wrappers, and their __bases__/__mro__ are the same tuples every time.
import sys


class Base:
    a = 1

    def m(self):
        pass


class Child(Base):
    b = 2


obj = Child()
obj.c = 3
print([n for n in dir(Child) if not n.startswith('__')])
print([n for n in dir(obj) if not n.startswith('__')])
print('mro' in dir(type), 'mro' in dir(Child), '__dict__' in dir(Child))
print(int.__bases__, bool.__bases__, object.__bases__, bool.__mro__ is bool.__mro__)
print([].__len__(), 'abc'.__len__(), [1].__add__([2]), [0].__mul__(3), (1,).__rmul__(2))
l = [1]
print(l.__iadd__([2]) is l, l, range(0).__bool__(), None.__bool__())
print(repr(list.__len__), repr(list.__add__))
names = dir(obj)
print(names == sorted(names), sys.getrefcount(names))
