# tier: B
# features: operator,sorted,sys.getsizeof,gc.is_tracked
import operator, sys, gc
rows = [('b', 2, 'x'), ('a', 3, 'y'), ('c', 1, 'z')]
print(sorted(rows, key=operator.itemgetter(1)), sorted(rows, key=operator.itemgetter(0, 2)))
g = operator.itemgetter(2)
print(g('abcd'), g, sys.getsizeof(g), gc.is_tracked(g))
class P:
    def __init__(self, name):
        self.name = name
        self.inner = self
ag = operator.attrgetter('name', 'inner.name')
print(ag(P('n')), ag, sys.getsizeof(ag))
mc = operator.methodcaller('replace', 'a', 'o', 1)
print(mc('banana'), mc, sys.getsizeof(mc))
print(operator.add(2, 3), operator.mul('ab', 2), operator.truediv(1, 4), operator.neg(3), operator.not_(0))
print(operator.contains([1, 2], 2), operator.getitem({'k': 'v'}, 'k'), operator.index(5), operator.length_hint(iter(range(7))))
l = [1, 2, 3]
operator.setitem(l, 1, 20)
operator.delitem(l, 0)
print(l, operator.iadd(l, [4]) is l, l)
import functools
print(functools.reduce(operator.mul, range(1, 8)), list(map(operator.pow, [2, 3], [3, 2])))
