# tier: B
# features: collections.defaultdict without a default_factory, KeyError holding the key, sys.getrefcount
# A defaultdict without a default_factory raises KeyError(key): the exception holds its own
# reference to the key, released with the exception.
import sys
from collections import defaultdict

key = ''.join(['ab', 'cd'])
d = defaultdict()
print(sys.getrefcount(key))
for _ in range(3):
    try:
        d[key]
    except KeyError as e:
        print(e.args[0] is key, sys.getrefcount(key))
print(sys.getrefcount(key))
del d
print(key, sys.getrefcount(key))
