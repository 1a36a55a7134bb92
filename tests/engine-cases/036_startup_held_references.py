# tier: B
# features: sys.getrefcount of identifier strings CPython starts with (_Py_ID and deep-frozen names), builtin types, builtin functions, sys attributes
# CPython 3.11 starts with ~1,300 identifier strings as static objects (count near 10**9) and
# its startup holds references to the builtin types, builtin functions and sys's objects:
# what a program's counts of them start from.
import sys

for text in ['self', 'key', 'result', 'size', 'parent', 'next', 'print', 'sys', 'x', 'foo']:
    print(repr(text), sys.getrefcount(text))
literal = 'self'
print(sys.intern('se' + ''.join(['l', 'f'])) is literal)

for t in [int, str, list, dict, tuple, float, bool, set, frozenset, bytes, range, type(None),
          Exception, ValueError, KeyError, TypeError, StopIteration]:
    print(t.__name__, sys.getrefcount(t))

for f in [len, print, abs, isinstance, iter, next, repr, getattr, sorted, sys.getrefcount,
          sys.getsizeof, sys.intern]:
    print(f.__name__, sys.getrefcount(f))
print('sys.stdout', sys.getrefcount(sys.stdout))
print('sys.stderr', sys.getrefcount(sys.stderr))
print('sys.modules', sys.getrefcount(sys.modules))


class Node:
    def __init__(self, value):
        self.value = value


nodes = [Node(i) for i in range(3)]
print('Node instances do not count int:', sys.getrefcount(int))
print('a class holds its base:', sys.getrefcount(object) - sys.getrefcount(Node))
