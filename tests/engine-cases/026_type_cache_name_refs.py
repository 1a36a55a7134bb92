# tier: B
# features: sys.getrefcount of attribute names, _PyType_Lookup's method cache, PyType_Modified
# Every lookup of a name on a class that misses CPython's method cache stores the name in
# an entry, which holds a reference to it; a class whose attributes change gets a new
# version tag, so its next lookups fill new entries.
import sys


class Point_c:
    scale_c = 2

    def __init__(self, x_c):
        self.coord_c = x_c

    def norm_c(self):
        return self.coord_c * self.scale_c


print(sys.getrefcount('coord_c'), sys.getrefcount('norm_c'), sys.getrefcount('scale_c'))
p_c = Point_c(3)
print(sys.getrefcount('coord_c'), sys.getrefcount('norm_c'), sys.getrefcount('scale_c'))
p_c.norm_c()
print(sys.getrefcount('coord_c'), sys.getrefcount('norm_c'), sys.getrefcount('scale_c'))
for _ in range(3):
    p_c.norm_c()
print(sys.getrefcount('coord_c'), sys.getrefcount('norm_c'), sys.getrefcount('scale_c'))
Point_c.scale_c = 5
print(sys.getrefcount('scale_c'), p_c.norm_c(), sys.getrefcount('scale_c'))
print(Point_c.norm_c.__name__, sys.getrefcount('norm_c'))
print(getattr(p_c, 'coord' + '_c'), sys.getrefcount('coord_c'))
