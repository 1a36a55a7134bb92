# tier: B
# features: hash() of floats, tuples and frozensets holding floats (64-bit exact); set iteration order of floats
# _Py_HashDouble's values reach 2**61: hash(1.5) is 2**60 + 1. Sets place floats by the exact
# hash, so their iteration order, and the hashes of tuples and frozensets built from those
# hashes, follow it.
s = {1.5, 2.5, 0.1, 3.7, 1.25, 0.3, 7.75, 1e-3, 2.2}
print(list(s))
t = {(1.5, 2), (0.1,), (2.5, 0.3), (1, 2), (3, 4), (5, 6)}
print(list(t))
fs = frozenset([1.5, 0.1, 2.5])
print(list(fs), hash(fs))
print(hash(1.5), hash(0.1), hash(-2.75), hash(1e300), hash(2.5e-300), hash((1.5,)), hash((0.1, (2.5, 7))))
print(hash(2**62), hash(-2**62), hash(2**61 + 5), hash(2**70), hash(10**20))
print(hash(frozenset({(1.5, 0.1)})), hash(frozenset({1.5: 0}.keys())))
print({x / 7 for x in range(12)})
print(sorted({x * 0.1 for x in range(20)}) == sorted(x * 0.1 for x in range(20)), list({x * 0.1 for x in range(20)}))
