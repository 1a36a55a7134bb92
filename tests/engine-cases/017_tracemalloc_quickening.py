# tier: B
# features: tracemalloc.reset_peak,specialization,UNPACK_SEQUENCE,str.__iadd__,id
# CPython 3.11 quickens a code object at its 8th RESUME or backward jump: before that,
# `a, b = t` iterates (a 48-byte tuple iterator is made and freed, so the peak moves) and
# `s += 'x'` makes a new str; after it, the specialized instructions unpack directly and
# append to the str in place (its id stays, unless the realloc moves it).
import tracemalloc


def first(t):
    a, b = t
    return a


peaks = []
t = (1, 2)
l = [1, 2]
tracemalloc.start()
for i in range(14):
    tracemalloc.reset_peak()
    first(l if i in (10, 11) else t)
    peaks.append(tracemalloc.get_traced_memory()[1] - tracemalloc.get_traced_memory()[0])
tracemalloc.stop()


def same_ids():
    s = ''.join(['a', 'b'])
    out = []
    for i in range(20):
        before = id(s)
        s += 'x'
        out.append(id(s) == before)
    return out


def build(n):
    s = ''.join(['a', 'b'])
    for i in range(n):
        s = s + 'x'
    return s


grown = []
tracemalloc.start()
for n in (1, 5, 10, 30):
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    s = build(n)
    grown.append(tracemalloc.get_traced_memory()[1] - before)
tracemalloc.stop()
print(peaks)
print(same_ids())
print(grown)
