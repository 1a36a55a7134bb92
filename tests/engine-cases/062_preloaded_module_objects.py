# tier: B
# features: sys.getrefcount of modules CPython's startup has loaded (other startup modules hold them)
import sys
import weakref
import functools
import collections
import itertools
import operator
import math
import random

for module in (weakref, functools, collections, itertools, operator, math, random, sys):
    print(module.__name__, sys.getrefcount(module), sys.getsizeof(module))
alias = functools
print(sys.getrefcount(functools))
del alias
print(sys.getrefcount(functools))
