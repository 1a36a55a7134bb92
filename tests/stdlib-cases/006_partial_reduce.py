# tier: B
# features: functools,sys.getsizeof,gc.is_tracked,sys.getrefcount,closure
import functools, sys, gc
def power(base, exp):
    return base ** exp
square = functools.partial(power, exp=2)
cube = functools.partial(power, exp=3)
print(square(5), cube(2), square.func is power, square.args, square.keywords)
print(sys.getsizeof(square), gc.is_tracked(square), type(square).__name__)
p = functools.partial(functools.partial(power, 2), 10)
print(p(), p.func is power, p.args)
print(functools.reduce(lambda a, b: a * b, range(1, 6)), functools.reduce(lambda a, b: a + b, [], 'init'))
try:
    functools.reduce(lambda a, b: a, [])
except TypeError as e:
    print(e)
before = sys.getrefcount(power)
parts = [functools.partial(power, i) for i in range(5)]
print(sys.getrefcount(power) - before)
del parts
print(sys.getrefcount(power) - before)
print(repr(functools.partial(power, 1, exp=2)).startswith('functools.partial(<function power'))
pd = functools.partial(power)
pd.attr = 1
print(sys.getsizeof(pd), pd.__dict__)
