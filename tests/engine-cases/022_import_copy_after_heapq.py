# tier: B
# features: import copy after import heapq, gc.get_count
# A second import from the script's folder finds importlib's FileFinder already made.
import heapq
import copy
import gc
print(gc.get_count())
h = []
heapq.heappush(h, (2, 'b'))
print(copy.copy(h), gc.get_count())
