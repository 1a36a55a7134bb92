# tier: B
# features: exec,dict,sys.getrefcount,gc.is_tracked
import sys, gc
ns = {}
exec("a = [1, 2]\nb = a\ndef f(x):\n    return x * 2\n", ns)
print(sorted(k for k in ns if k != '__builtins__'), ns['f'](21), ns['a'] is ns['b'])
print(ns['__builtins__'] is __builtins__.__dict__, sys.getrefcount(ns['a']))
print(ns['f'].__globals__ is ns, ns['f'].__code__.co_filename, ns['f'].__name__)
loc = {}
exec("y = x + 1", {'x': 1}, loc)
print(loc, gc.is_tracked(loc))
exec("z = 5")
print(z)
def g():
    exec("q = 7")
    return sorted(locals())
print(g())
code = compile("r = s * 3", "<mine>", "exec")
d = {'s': 'ab'}
print(exec(code, d), d['r'], code.co_filename, code.co_name)
