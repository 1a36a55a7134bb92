# tier: B
# features: tracemalloc.take_snapshot,Snapshot.statistics,get_traced_memory,Statistic.__str__
# The classic lesson: trace, allocate, take a snapshot, show the top lines. The snapshot's
# own objects are traced too (its list), not the tuples _get_traces converts the traces to.
import tracemalloc

tracemalloc.start()
data = [i for i in range(10000)]
words = ['w%d' % i for i in range(1000)]
table = {w: len(w) for w in words}
snapshot = tracemalloc.take_snapshot()
after_snapshot = tracemalloc.get_traced_memory()
top = snapshot.statistics('lineno')
lines = [str(stat).replace(__file__, 'main.py') for stat in top[:5]]
after_stats = tracemalloc.get_traced_memory()
tracemalloc.stop()
for line in lines:
    print(line)
print(after_snapshot, after_stats)
