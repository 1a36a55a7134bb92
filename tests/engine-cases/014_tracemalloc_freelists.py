# tier: B
# features: tracemalloc.get_traced_memory,del,freelist
import tracemalloc
out = []


def traced():
    return tracemalloc.get_traced_memory()[0]


tracemalloc.start()
base = traced()
floats = [i * 0.5 for i in range(200)]
with_floats = traced()
del floats
after_del = traced()
floats2 = [i * 0.25 for i in range(200)]
again = traced()
tuples = [(i, i) for i in range(100)]
with_tuples = traced()
del tuples
tuples_gone = traced()
big = list(range(10000))
with_big = traced()
del big
big_gone = traced()
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
print(with_floats - base, after_del - base, again - base)
print(with_tuples - again, tuples_gone - again)
print(with_big - tuples_gone, big_gone - tuples_gone, peak - base)
