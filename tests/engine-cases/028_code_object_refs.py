# tier: B
# features: code object reference counts (f_code of running frames, gi_code, frame objects)
# A running frame holds its code object, a generator holds it twice (gi_code and its frame's
# f_code) until its frame is cleared, and a frame object that outlives its call keeps it.
import sys

r = sys.getrefcount


def gen_f():
    yield 1
    yield 2


def inside_f():
    return r(inside_f.__code__)


def escape_f():
    return sys._getframe()


print(r(gen_f.__code__), r(inside_f.__code__), inside_f())
it = gen_f()
print(r(gen_f.__code__), it.gi_code is gen_f.__code__)
next(it)
frame = it.gi_frame
print(r(gen_f.__code__), frame.f_code is gen_f.__code__)
del frame
list(it)
print(r(gen_f.__code__))
del it
print(r(gen_f.__code__))
kept = escape_f()
print(r(escape_f.__code__), kept.f_code.co_name)
del kept
print(r(escape_f.__code__))
