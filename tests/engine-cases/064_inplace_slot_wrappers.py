# tier: B
# features: slot wrappers of in-place operators (set.__iand__, dict.__ior__), dir() of set and dict
s = {1, 2, 3}
r = set.__iand__(s, {1, 2})
print(r is s, s, set.__ior__(s, {7}) is s, s)
print(set.__isub__(s, {1}), set.__ixor__(s, {2, 9}), set.__iand__(s, [1]))
d = {1: 2}
print(dict.__ior__(d, {3: 4}) is d, d, dict.__ior__(d, [(5, 6)]))
print(set.__iand__, dict.__ior__)
print([n for n in dir(set) if n.startswith('__i')], [n for n in dir(dict) if n.startswith('__i')])
print(len(dir(set)) - len(dir(frozenset)))
