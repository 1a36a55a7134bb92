# tier: B
# features: repr,gc.get_count,sys.getrefcount
import gc
gc.collect()
a = gc.get_count(); r = repr([1, 2]); b = gc.get_count(); r = repr([1, 2]); c = gc.get_count()
print(a, b, c)
l = [1]
l.append(l)
print(l, repr({'k': l}))
import sys
class R(list):
    def __repr__(self):
        return str(sys.getrefcount(self))
x = R()
print([x], repr(x))
