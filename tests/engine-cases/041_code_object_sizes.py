# tier: B
# features: sys.getsizeof of code objects (co_code length, caches, rounding)
# code_sizeof is the object's _PyObject_VAR_SIZE: 184 bytes plus 2 per code unit of co_code
# (inline caches and EXTENDED_ARGs included), rounded up to 8.
import sys


def f():
    pass


def g(x):
    return x + 1


def h(a, b):
    c = a * b
    return c - a


def k():
    return [i for i in range(3)]


def calls(o):
    print(o)
    o.m(1, 2)
    return len(o) + o.attr.other


def loop(n):
    t = 0
    for i in range(n):
        if i % 3 == 0:
            t += i
        elif i % 5:
            t -= 1
        else:
            while t > 100:
                t //= 2
    return t


for fn in (f, g, h, k, calls, loop, lambda: 0, lambda *a, **k: (a, k)):
    print(fn.__name__, sys.getsizeof(fn.__code__))
print(sys.getsizeof(k.__code__.co_consts[1]))
src = "\n".join("x%d = y%d + %d" % (i, i, i) for i in range(60))
code = compile(src, "<big>", "exec")
print(sys.getsizeof(code))
c2 = compile("def q(a):\n    return a.b.c(a[1], a[2])\n", "<q>", "exec")
print(sys.getsizeof(c2), sys.getsizeof(c2.co_consts[0]))
