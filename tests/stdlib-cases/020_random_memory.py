# tier: B
# features: random,sys.getsizeof,sys.getrefcount,gc.get_count,gc.is_tracked,id-reuse
import gc
c0 = gc.get_count()
import random
c1 = gc.get_count()
import sys
print(c0 == c1, 'random' in sys.modules, 'bisect' in sys.modules)
r = random.Random(1)
print(sys.getsizeof(r), r.__sizeof__(), gc.is_tracked(r), type(r).__mro__)
print(sys.getsizeof(random._inst), sys.getsizeof(random.SystemRandom()))
print(sys.getrefcount(random._inst), sys.getrefcount(random.Random), sys.getrefcount(random.SystemRandom))
print(sys.getrefcount(random.random), sys.getrefcount(random.randint), sys.getrefcount(random.seed))
print(random.random.__self__ is random._inst)
print(type(random.random).__name__, type(random.randint).__name__, random.random.__name__)
print(random.randint is random.randint, random.Random.randint is random.Random.randint)
print(sorted(random.__all__))
print(r.__dict__, vars(random.Random(5)))

g0 = gc.get_count()
x = random.random()
g1 = gc.get_count()
s = r.getstate()
g2 = gc.get_count()
r.setstate(s)
g3 = gc.get_count()
n = random.Random(9)
g4 = gc.get_count()
del n
g5 = gc.get_count()
print(g0, g1, g2, g3, g4, g5)
print(sys.getsizeof(s), sys.getsizeof(s[1]), gc.is_tracked(s), gc.is_tracked(s[1]))

random.seed(5)
big = random.getrandbits(1000)
print(sys.getsizeof(big), sys.getsizeof(random.getrandbits(30)), sys.getsizeof(random.getrandbits(31)))

a = random.Random(3)
addr = id(a)
del a
b = random.Random(4)
print(id(b) == addr)

# (sample()'s first isinstance check against collections.abc.Sequence changes CPython's
# gc counts through the ABC caches: the counts below are read as differences)
items = [object() for _ in range(5)]
before = [sys.getrefcount(o) for o in items]
pick = random.choice(items)
many = random.choices(items, k=20)
sample = random.sample(items, 3)
random.shuffle(items)
after = [sys.getrefcount(o) for o in items]
print(sum(after) - sum(before), sys.getrefcount(pick) - 2 >= 1, len(many), len(sample))

g0 = gc.get_count()
random.seed(2024)
g1 = gc.get_count()
random.seed('a string seed')
g2 = gc.get_count()
print(g1[0] - g0[0], g2[0] - g1[0])
