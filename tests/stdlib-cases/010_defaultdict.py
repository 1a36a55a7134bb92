# tier: B
# features: collections,dict,sys.getsizeof,gc.is_tracked
import sys, gc
from collections import defaultdict
dd = defaultdict(list)
for w in 'apple avocado banana blueberry cherry'.split():
    dd[w[0]].append(w)
print(sorted(dd.items()), dd.default_factory is list)
print(sys.getsizeof(dd) - sys.getsizeof({}), isinstance(dd, dict), gc.is_tracked(defaultdict()))
counts = defaultdict(int)
for c in 'mississippi':
    counts[c] += 1
print(sorted(counts.items()), counts.get('z'), 'z' in counts)
plain = defaultdict()
try:
    plain['missing']
except KeyError as e:
    print('KeyError', e.args)
print(repr(defaultdict(int, {1: 2})), repr(defaultdict(None)))
cp = counts.copy()
print(type(cp).__name__, cp == counts, cp.default_factory is int)
nested = defaultdict(lambda: defaultdict(int))
nested['a']['b'] += 1
print(nested['a']['b'], len(nested))
