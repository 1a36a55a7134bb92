# tier: B
# features: collections,dict,sys.getsizeof,gc.is_tracked,order
import sys, gc
from collections import OrderedDict
od = OrderedDict()
od['b'] = 1
od['a'] = 2
od['c'] = 3
od.move_to_end('b')
print(list(od), od.popitem(), od.popitem(last=False), od)
print(sys.getsizeof(OrderedDict()), gc.is_tracked(OrderedDict()))
o2 = OrderedDict.fromkeys('xyz', 0)
o2.move_to_end('z', last=False)
print(o2, list(reversed(o2)), o2 == OrderedDict([('z', 0), ('x', 0), ('y', 0)]), o2 == {'x': 0, 'y': 0, 'z': 0})
sizes = []
o3 = OrderedDict()
for i in range(20):
    o3[i] = i
    sizes.append(sys.getsizeof(o3))
print(sizes)
print(o3.setdefault(100, 'v'), o3.pop(0), len(o3))
it = iter(o2)
print(type(it).__name__, type(o2.keys()).__name__, type(o2.items()).__name__)
try:
    for k in o2:
        o2['new'] = 1
except RuntimeError as e:
    print(e)
