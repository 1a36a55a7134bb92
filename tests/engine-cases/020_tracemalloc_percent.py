# tier: B
# features: tracemalloc.get_traced_memory,peak,str.__mod__,%d,%s
import tracemalloc
out = []
def measure(label, make):
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    obj = make()
    after = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    out.append((label, after[0] - before, after[1] - before))
    return obj
n = 7
big = 10 ** 40
measure('a%d', lambda: 'a%d' % n)
measure('%d big', lambda: '%d' % big)
measure('%s int', lambda: '%s-%s' % (1, 2))
measure('%i', lambda: 'x=%i y=%i' % (n, big))
measure('%x', lambda: '%x' % 255)
measure('%s str', lambda: 'a%s' % 'xyz')
for o in out: print(*o)
