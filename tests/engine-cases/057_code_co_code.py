# tier: B
# features: code.co_code: CPython's instruction bytes (caches zeroed), made on first access and kept; sizes, refcounts
# _PyCode_GetCode builds a bytes object of the deoptimized instructions the first time co_code
# is read and keeps it on the code object (_co_code): later reads return the same object.
import sys


def f(x):
    return x + 1


def g(a, b):
    for i in range(a):
        if i % 2:
            b.append(i)
        else:
            try:
                b.pop()
            except IndexError:
                pass
    return [k for k in b]


for _ in range(20):
    f(1)
    g(3, [])
for fn in (f, g, lambda: 0):
    c = fn.__code__
    cc = c.co_code
    print(len(cc), cc.hex(), sys.getsizeof(cc), cc is c.co_code, sys.getrefcount(cc))
inner = g.__code__.co_consts[-1] if hasattr(g.__code__.co_consts[-1], "co_code") else None
print(inner.co_name if inner else None, len(inner.co_code) if inner else None)
code = compile("x = [i * 2 for i in range(3)]\nprint(x)\n", "<lesson>", "exec")
print(code.co_code.hex(), sys.getsizeof(code.co_code))
