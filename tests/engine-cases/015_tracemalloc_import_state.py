# tier: B
# features: tracemalloc,gc.get_count,freelist,del
import gc
for i in range(9):
    gc.collect(0)


class A:
    pass


objs = [A() for i in range(650)]
before = gc.get_count()
import tracemalloc
after = gc.get_count()
more = [A() for i in range(100)]
later = gc.get_count()


def traced():
    return tracemalloc.get_traced_memory()[0]


tracemalloc.start()
base = traced()
lists = [[i] for i in range(100)]
with_lists = traced()
del lists
lists_gone = traced()
dicts = [{'k': i} for i in range(100)]
with_dicts = traced()
del dicts
dicts_gone = traced()
pairs = [(i, str(i)) for i in range(100)]
with_pairs = traced()
tracemalloc.stop()
print(before, after, later)
print(with_lists - base, lists_gone - base)
print(with_dicts - lists_gone, dicts_gone - lists_gone)
print(with_pairs - dicts_gone)
print(gc.collect(0), gc.collect())
