# tier: B
# features: eval,sys.getrefcount,id
import sys
x = 10
print(eval("x * 2 + 1"), eval("[i * i for i in range(4)]"), eval("  (1, 'a')  "))
print(eval("a + b", {'a': 1}, {'b': 2}), eval("len(s)", {'s': 'hello'}))
big = [1, 2, 3]
before = sys.getrefcount(big)
r = eval("big")
print(r is big, sys.getrefcount(big) - before)
del r
print(sys.getrefcount(big) - before)
c = compile("x + 1", "<e>", "eval")
print(eval(c), eval(c, {'x': 41}), type(c).__name__, c.co_names)
for src in ("1 +", "x = 1", "import os"):
    try:
        eval(src)
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.filename, e.lineno)
try:
    eval("undefined_name")
except NameError as e:
    print(e)
