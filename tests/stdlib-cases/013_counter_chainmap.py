# tier: B
# features: collections,dict,sorted
from collections import Counter, ChainMap
c = Counter('abracadabra')
print(c.most_common(2), c['z'], sorted(c.elements())[:6], c.total())
c.update('aaz')
c.subtract({'a': 2})
print(sorted(c.items()))
print(Counter(a=3, b=1) + Counter(a=1, b=2), Counter(a=3, b=1) - Counter(a=1, b=2))
print(Counter(a=3) | Counter(a=1, b=2), Counter(a=3, b=1) & Counter(a=1, b=2))
print(repr(Counter()), isinstance(c, dict), Counter('aab') == Counter('aba'))
base = {'x': 1, 'y': 2}
over = {'y': 20}
cm = ChainMap(over, base)
print(cm['x'], cm['y'], len(cm), sorted(cm), cm.get('z', 0))
child = cm.new_child()
child['x'] = 100
print(child['x'], cm['x'], len(child.maps), child.parents['x'])
