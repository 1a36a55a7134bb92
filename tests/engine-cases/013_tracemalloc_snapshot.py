# tier: B
# features: tracemalloc.take_snapshot,Snapshot.statistics,Snapshot.compare_to,Snapshot.filter_traces
import tracemalloc

tracemalloc.start()
first = tracemalloc.take_snapshot()
data = [str(i) * 3 for i in range(100)]
table = {i: [i] for i in range(20)}
floats = [i / 7 for i in range(50)]
second = tracemalloc.take_snapshot()
del floats
third = tracemalloc.take_snapshot()
tracemalloc.stop()

mine = [tracemalloc.Filter(True, __file__)]
here = __file__.rsplit('/', 1)[-1]


def show(stat):
    print(' ', str(stat).replace(__file__, here))


for key in ('lineno', 'filename', 'traceback'):
    print(key)
    for stat in second.filter_traces(mine).statistics(key):
        show(stat)
print('compare')
for diff in third.filter_traces(mine).compare_to(second.filter_traces(mine), 'lineno'):
    show(diff)
print('compare first')
for diff in second.filter_traces(mine).compare_to(first.filter_traces(mine), 'filename'):
    show(diff)
stat = second.filter_traces(mine).statistics('lineno')[0]
print(repr(stat.traceback).replace(__file__, here))
print(len(stat.traceback), stat.traceback[0].filename == __file__, stat.traceback[0].lineno)
excluded = second.filter_traces([tracemalloc.Filter(False, __file__), tracemalloc.Filter(True, '*', lineno=8)])
print(len(excluded.traces) == 0, second.traceback_limit)
