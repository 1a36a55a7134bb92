# tier: B
# features: gc.get_referrers (an object refers to itself; the argument tuple is left out), generation of startup objects
# gc.get_referrers leaves out only its own argument tuple, and lists referrers generation by
# generation, youngest first: the module dict made at startup is in the oldest.
import gc
L = [1, 2, 3]
print([type(x).__name__ for x in gc.get_referrers(L)])
l = []; l.append(l)
print([type(x).__name__ for x in gc.get_referrers(l)], gc.get_referrers(l)[-1] is l)
t = ([],)
print([type(x).__name__ for x in gc.get_referrers(t[0], L)])
