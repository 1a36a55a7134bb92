# tier: B
# features: slice,gc.get_count
# The interpreter keeps one dead slice for reuse, and startup has already filled it: the
# program's first slice is not a new GC object, the second one is.
import gc

c = gc.get_count()[0]
s = slice(1, 2)
d = gc.get_count()[0]
t = slice(3, 4)
print(d - c, gc.get_count()[0] - d)
del s
u = [1, 2, 3][0:2]
print(gc.get_count()[0] - d, u)
