# tier: B
# features: heapq,array,import,gc.get_count
# CPython's startup has not loaded heapq and array: their first import runs importlib
# (finders, spec, loader, code object), which the engine replays from a recording
# (modules/importcost.ts); random and bisect were loaded by the startup and cost nothing.
import gc
c0 = gc.get_count()
import heapq
c1 = gc.get_count()
import array
c2 = gc.get_count()
import random, bisect
c3 = gc.get_count()
print(c0, c1, c2, c3)
