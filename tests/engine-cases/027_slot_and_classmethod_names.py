# tier: B
# features: member_descriptor d_name/__qualname__, classmethod/staticmethod attribute copies, sys.getrefcount
# A __slots__ member descriptor holds its interned name (d_name) and makes its qualified name
# once; classmethod and staticmethod copy __module__, __name__, __qualname__, __doc__ and
# __annotations__ into their own __dict__ (functools_wraps), so the names count them too.
import sys


class Shape_s:
    __slots__ = ('width_s', 'height_s')

    def __init__(self, width_s, height_s):
        self.width_s = width_s
        self.height_s = height_s

    @classmethod
    def square_s(cls, side_s):
        return cls(side_s, side_s)

    @staticmethod
    def unit_s():
        return 1


member = Shape_s.__dict__['width_s']
print(member.__name__, member.__objclass__ is Shape_s, member.__name__ is Shape_s.__slots__[0])
print(sys.getrefcount('height_s'))
qualified = member.__qualname__
print(qualified, sys.getrefcount(qualified), member.__qualname__ is qualified)
cm = Shape_s.__dict__['square_s']
sm = Shape_s.__dict__['unit_s']
print(sorted(cm.__dict__), cm.__name__, sm.__qualname__, cm.__wrapped__ is cm.__func__)
print(sys.getsizeof(cm), sys.getsizeof(cm.__dict__), sys.getsizeof(sm.__dict__))
print(sys.getrefcount('unit_s'))
s = Shape_s.square_s(3)
print(s.width_s * s.height_s, Shape_s.unit_s(), sys.getsizeof(s))
