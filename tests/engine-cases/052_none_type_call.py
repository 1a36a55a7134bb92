# tier: B
# features: calling NoneType, NotImplementedType and ellipsis returns the singleton; sys.getrefcount
# none_new, notimplemented_new and ellipsis_new return a new reference to the singleton and
# take no arguments.
import sys

NoneType = type(None)
print(NoneType() is None, type(...)() is ..., type(NotImplemented)() is NotImplemented)
e = type(...)
before = sys.getrefcount(...)
values = [e() for _ in range(5)]
print(sys.getrefcount(...) - before)
for t in (NoneType, type(...), type(NotImplemented)):
    try:
        t(1)
    except TypeError as err:
        print(err)
    try:
        t(x=1)
    except TypeError as err:
        print(err)
