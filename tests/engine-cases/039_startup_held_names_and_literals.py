# tier: B
# features: sys.getrefcount of interned names CPython's startup modules hold, of True/False/Ellipsis used as literals
# Names a program shares with the modules CPython imports at startup are the same interned
# strings, with their references; the parser's True, False, None and ... are the singletons
# themselves (only the code's constants and the variables count).
import sys

for text in ['left', 'right', 'children', 'username', 'node', 'foo_bar_baz']:
    print(repr(text), sys.getrefcount(text))
left = 1
right = [left]
print(sys.getrefcount('left'), sys.getrefcount('right'))

a = True
b = True
c = False
d = ...
e = ...
print(sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(...))


def flags():
    return True, False, True, ...


print(flags(), sys.getrefcount(True), sys.getrefcount(...))
