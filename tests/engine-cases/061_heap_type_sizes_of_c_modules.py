# tier: B
# features: sys.getsizeof of classes: static builtin types, classes C modules make on the heap, Python classes
# In CPython 3.11 the classes of C modules such as functools, operator and array are heap
# types (PyType_FromSpec), the size of a heap type object; builtin types are static (408 + 16).
import array
import collections
import functools
import operator
import sys


class Point:
    pass


for t in (int, dict, collections.deque, collections.OrderedDict, functools.partial,
          operator.itemgetter, operator.attrgetter, operator.methodcaller, array.array, Point):
    print(t.__name__, sys.getsizeof(t))
