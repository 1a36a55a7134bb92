# tier: B
# features: itertools,operator,collections,errors
# The argument errors of C functions, worded as each one's Argument Clinic or PyArg_Parse* does.
import collections
import itertools
import operator

cases = [
    lambda: operator.add(1),
    lambda: operator.add(1, x=2),
    lambda: operator.neg(),
    lambda: operator.neg(x=1),
    lambda: operator.truth(),
    lambda: operator.setitem(1),
    lambda: operator.setitem(1, 2, 3, x=1),
    lambda: itertools.tee(),
    lambda: itertools.tee([], x=1),
    lambda: itertools.tee([], 1, 2),
    lambda: collections.deque().index(),
    lambda: collections.deque().index(1, x=2),
    lambda: collections.deque().index(1, 2, 3, 4),
    lambda: operator.itemgetter(),
    lambda: operator.attrgetter(x=1),
    lambda: itertools.chain(x=1),
    lambda: itertools.count(1, 2, 3),
    lambda: itertools.count(1, 2, step=3),
    lambda: itertools.repeat(),
    lambda: slice(),
    lambda: slice(1, 2, 3, 4),
]
for case in cases:
    try:
        case()
    except TypeError as e:
        print(e)

# Keyword arguments C functions do not take: "'x' is an invalid keyword argument for f()".
more = [
    lambda: [].sort(foo=1),
    lambda: [].sort(key=None, reverse=1, x=2),
    lambda: sorted([], foo=1),
    lambda: min([1], foo=1),
    lambda: round(1, foo=1),
    lambda: sum([], foo=1),
    lambda: pow(2, 3, foo=1),
    lambda: [].index(1, foo=2),
    lambda: itertools.accumulate([], foo=1),
    lambda: (1).to_bytes(foo=1),
]
for case in more:
    try:
        case()
    except TypeError as e:
        print(e)
