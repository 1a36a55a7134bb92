# tier: B
# features: itertools,sys.getsizeof,gc.is_tracked
import itertools, sys, gc
print(list(itertools.islice(itertools.count(5, 2), 4)), list(itertools.repeat('x', 3)))
print(list(itertools.islice(itertools.cycle('ab'), 5)), list(itertools.chain('ab', [1, 2])), list(itertools.chain.from_iterable(['xy', 'z'])))
print(list(itertools.accumulate([1, 2, 3, 4])), list(itertools.accumulate([1, 2, 3], initial=10)))
print(list(itertools.takewhile(lambda v: v < 3, [1, 2, 3, 1])), list(itertools.dropwhile(lambda v: v < 3, [1, 2, 3, 1])))
print(list(itertools.filterfalse(None, [0, 1, '', 'a'])), list(itertools.compress('abcd', [1, 0, 1, 0])), list(itertools.starmap(pow, [(2, 3), (3, 2)])))
print([(k, list(g)) for k, g in itertools.groupby('aabccc')], list(itertools.pairwise('abcd')))
print(list(itertools.zip_longest('ab', 'xyz', fillvalue='-')))
t1, t2 = itertools.tee([1, 2, 3])
print(list(t1), list(t2), type(t1).__name__)
objs = [itertools.count(), itertools.repeat(1), itertools.cycle([]), itertools.chain(), itertools.islice([], 1),
        itertools.accumulate([]), itertools.groupby([]), itertools.pairwise([]), itertools.zip_longest(),
        itertools.starmap(None, []), itertools.takewhile(None, []), itertools.product(), itertools.combinations([], 0),
        itertools.permutations([]), itertools.tee([])[0]]
print([(type(o).__name__, sys.getsizeof(o), gc.is_tracked(o)) for o in objs])
print(repr(itertools.count(3)), repr(itertools.repeat('a', 2)), repr(itertools.count(1.5, 0.5)))
