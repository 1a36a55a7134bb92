# tier: B
# features: sys.getrefcount,class,arguments
import sys
class A:
    def __init__(self, x):
        print('init', sys.getrefcount(x))
def f(x):
    print('func', sys.getrefcount(x))
obj = object()
A(obj)
f(obj)
print(max([obj, obj], key=id) is obj, sys.getrefcount(obj))
