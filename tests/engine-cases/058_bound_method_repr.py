# tier: B
# features: repr of bound methods (method_repr), of a method bound to a class, of a callable without __qualname__
# method_repr prints "<bound method QUALNAME of REPR(self)>": the function's __qualname__ (or
# __name__), and the repr of the object it is bound to.
import sys


class Point:
    def __init__(self, x):
        self.x = x

    def norm(self):
        return abs(self.x)

    @classmethod
    def origin(cls):
        return cls(0)

    def __repr__(self):
        return "Point(%d)" % self.x

    class Inner:
        def go(self):
            pass

        def __repr__(self):
            return "Inner()"


p = Point(3)
m = p.norm
print(m)
print(repr(Point.origin), str(p.norm), repr(Point.Inner().go))


class NoName:
    def __call__(self, *a):
        return a

    def __repr__(self):
        return "NoName()"


MethodType = type(p.norm)
print(MethodType(NoName(), p))
print(sys.getrefcount(m), m.__self__ is p, m.__func__ is Point.norm)
