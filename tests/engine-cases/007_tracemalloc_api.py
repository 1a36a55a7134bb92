# tier: B
# features: tracemalloc.start,tracemalloc.get_traced_memory,tracemalloc.reset_peak,tracemalloc.clear_traces
import tracemalloc
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory(), tracemalloc.get_traceback_limit())
for bad in (0, -1, 65536, 1.5, 'x', 2**40):
    try:
        tracemalloc.start(bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    tracemalloc.start(nframe=2)
except TypeError as e:
    print(e)
try:
    tracemalloc.take_snapshot()
except RuntimeError as e:
    print(e)
print(tracemalloc.get_object_traceback([]))
tracemalloc.start(3)
state = tracemalloc.is_tracing(), tracemalloc.get_traceback_limit()
tracemalloc.start()
limit = tracemalloc.get_traceback_limit()
big = [0] * 1000
m1 = tracemalloc.get_traced_memory()
del big
m2 = tracemalloc.get_traced_memory()
tracemalloc.reset_peak()
m3 = tracemalloc.get_traced_memory()
tracemalloc.clear_traces()
m4 = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(state, limit)
print(m1, m2, m3, m4)
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory(), tracemalloc.get_traceback_limit())
print(tracemalloc.stop(), tracemalloc.reset_peak(), tracemalloc.clear_traces())
