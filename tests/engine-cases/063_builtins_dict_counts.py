# tier: B
# features: sys.getrefcount of the builtins and sys module dicts, function.__builtins__
# Every function holds the builtins dict (func_builtins), those of CPython's startup modules
# included; each function a program makes adds one.
import builtins
import sys

d = builtins.__dict__
print(sys.getrefcount(d), sys.getrefcount(sys.__dict__))


def f():
    pass


def g():
    pass


print(sys.getrefcount(d))
fs = [lambda: 0 for i in range(10)]
print(sys.getrefcount(d), f.__builtins__ is d, fs[0].__builtins__ is d)
del fs
print(sys.getrefcount(d))
