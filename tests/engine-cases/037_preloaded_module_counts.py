# tier: B
# features: sys.getrefcount after importing modules CPython's startup has already loaded (weakref, functools, collections)
# These modules are loaded before the script starts, so importing them adds only the
# script's own global: the counts of the objects they use stay where startup left them.
import sys
import weakref
import functools
import collections

for n in [2, -1, 100, 256]:
    print(n, sys.getrefcount(n))
for c in ['a', '_', '.']:
    print(repr(c), sys.getrefcount(c))
for t in [object, type, int, tuple, dict, property, staticmethod, classmethod]:
    print(t.__name__, sys.getrefcount(t))
for text in ['self', 'key']:
    print(repr(text), sys.getrefcount(text))
print('sys', sys.getrefcount(sys))
print('len', sys.getrefcount(len), 'getattr', sys.getrefcount(getattr))
print(sys.getrefcount(weakref.ref), sys.getrefcount(functools.reduce), sys.getrefcount(collections.deque))
