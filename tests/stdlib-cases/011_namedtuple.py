# tier: B
# features: collections,class,sys.getsizeof,tuple,exec
import sys, gc
from collections import namedtuple
Point = namedtuple('Point', 'x y')
p = Point(1, y=2)
print(p, p.x + p.y, p[0], tuple(p), p._fields, p._asdict())
print(sys.getsizeof(p) == sys.getsizeof((1, 2)), gc.is_tracked(p), isinstance(p, tuple))
print(p._replace(x=10), Point._make([3, 4]), Point.__new__.__name__)
print(type(Point.x).__name__, Point.x.__doc__, Point.__slots__, Point.__module__)
P3 = namedtuple('P3', ['a', 'b', 'c'], defaults=[0, 1])
print(P3(5), P3._field_defaults, P3.__new__.__defaults__)
R = namedtuple('R', 'a def a', rename=True)
print(R._fields)
try:
    namedtuple('Bad', 'a a')
except ValueError as e:
    print(e)
a, b = p
print(a, b, p == (1, 2), hash(p) == hash((1, 2)))
class Sub(Point):
    __slots__ = ()
    def norm(self):
        return self.x ** 2 + self.y ** 2
print(Sub(3, 4).norm(), sys.getsizeof(Sub(3, 4)))
