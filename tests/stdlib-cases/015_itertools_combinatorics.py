# tier: B
# features: itertools,tuple,id,sys.getrefcount
import itertools, sys
print(list(itertools.product('ab', repeat=2)), list(itertools.product([1, 2], 'x')))
print(list(itertools.permutations('abc', 2)), len(list(itertools.permutations(range(5)))))
print(list(itertools.combinations('abcd', 2)), list(itertools.combinations_with_replacement('ab', 2)))
ids = set()
keep = []
for t in itertools.product('ab', 'cd'):
    ids.add(id(t))
print(len(ids))
ids = set()
for t in itertools.combinations(range(5), 2):
    ids.add(id(t))
print(len(ids))
kept = list(itertools.permutations('ab'))
print(kept, kept[0] is not kept[1])
ids = set()
for p in itertools.pairwise(range(6)):
    ids.add(id(p))
print(len(ids) <= 2)
x = object()
before = sys.getrefcount(x)
it = itertools.repeat(x, 3)
print(sys.getrefcount(x) - before)
del it
print(sys.getrefcount(x) - before)
