# tier: B
# features: gc.get_stats,startup
import gc
print(gc.get_stats())
l = []
l.append(l)
del l
print(gc.collect(), gc.get_stats()[2])
