# tier: B
# features: exec,cycle,gc.collect,__del__
import gc
gc.disable()
src = '''
class Node:
    def __init__(self, name):
        self.name = name
        self.other = None
    def __del__(self):
        print('del', self.name)
a = Node('a')
b = Node('b')
a.other = b
b.other = a
'''
ns = {}
exec(src, ns)
del ns['a'], ns['b']
print('collected', gc.collect())
Node = ns['Node']
ns.clear()
print('cleared')
del Node
print('after class', gc.collect())
