# tier: B
# features: heapq,array,import,gc.get_count
# Known difference (KNOWN-DIFFERENCES.md): CPython's first import of a module its startup
# has not loaded runs importlib (finders, spec, loader, code object), which the engine
# does not reproduce, so gc.get_count() right after it differs.
import gc
c0 = gc.get_count()
import heapq
c1 = gc.get_count()
import array
c2 = gc.get_count()
import random, bisect
c3 = gc.get_count()
print(c0, c1, c2, c3)
