# tier: B
# features: random,seed,mersenne-twister,float
import random

random.seed(42)
print(random.random(), random.random(), random.random())
print([random.randint(1, 6) for _ in range(20)])
print([random.randrange(10) for _ in range(10)], random.randrange(3, 100, 7), random.randrange(50, 0, -3))
print(random.getrandbits(1), random.getrandbits(31), random.getrandbits(32), random.getrandbits(33), random.getrandbits(200))
deck = list(range(20))
random.shuffle(deck)
print(deck)
print(random.choice('abcdefgh'), random.choice([10, 20, 30]), random.choice(range(1000)))
print(random.sample(range(100), 7), random.sample('abcdefghij', 10), random.sample(range(10**6), 6))
print(random.sample(['red', 'blue'], counts=[4, 2], k=5))
print(random.choices('abc', k=8), random.choices('abc', weights=[5, 1, 1], k=8), random.choices('abc', cum_weights=[1, 2, 10], k=8))
print(random.uniform(1, 10), random.uniform(-5, -1), random.triangular(), random.triangular(0, 10, 8))
print(random.normalvariate(), random.normalvariate(100, 15), random.expovariate(1.5), random.lognormvariate(0, 0.5))
print(random.gauss(), random.gauss(), random.gauss(5, 2))
print(random.gammavariate(2.5, 1.0), random.gammavariate(1.0, 2.0), random.gammavariate(0.5, 3.0), random.betavariate(2, 5))
print(random.paretovariate(3), random.weibullvariate(1, 1.5), random.randbytes(6))

for seed in [0, 1, -1, 2**32, 2**32 + 1, -(2**100), 12345678901234567890, 3.5, -0.25, True, 'spam', b'spam', bytearray(b'spam')]:
    random.seed(seed)
    print(repr(seed), random.random(), random.getrandbits(16))
random.seed('spam', version=1)
print(random.random())
random.seed(b'', version=1)
print(random.random())

r1 = random.Random(7)
r2 = random.Random(7)
print(r1.random() == r2.random(), r1.randint(0, 99), r2.randint(0, 99))
state = r1.getstate()
print(state[0], len(state[1]), state[1][-1], state[2])
a = [r1.random() for _ in range(3)]
r1.setstate(state)
print(a == [r1.random() for _ in range(3)])
r3 = random.Random()
r3.setstate(state)
print(r3.random() == a[0])
r4 = random.Random(0)
r4.gauss()
s4 = r4.getstate()
print(s4[2] is not None, r4.gauss() == s4[2])
for i in range(700):
    r1.getrandbits(32)
print(r1.getstate()[1][-1], r1.random())


class Dice(random.Random):
    def random(self):
        return 0.5


class Bits(random.Random):
    def getrandbits(self, k):
        return 1


class Both(Dice):
    def getrandbits(self, k):
        return super().getrandbits(k)


print(Dice._randbelow.__name__, Bits._randbelow.__name__, Both._randbelow.__name__, random.Random._randbelow.__name__)
print(Dice().randrange(10), Dice().choice('xyz'), Bits().randrange(10), Both(3).randrange(100))
d = Dice(5)
print(d.uniform(0, 2), d.random(), random.Random.random(d) != 0.5)

for call in [
    lambda: random.randrange(0),
    lambda: random.randrange(5, 5),
    lambda: random.randrange(1, 10, 0),
    lambda: random.randrange(10, 1, 2),
    lambda: random.randrange(5, step=2),
    lambda: random.choice([]),
    lambda: random.sample(range(3), 4),
    lambda: random.sample({1, 2}, 1),
    lambda: random.choices('ab', [1], k=2),
    lambda: random.choices('ab', [0, 0]),
    lambda: random.choices('ab', 3),
    lambda: random.seed([1, 2]),
    lambda: random.getrandbits(-1),
    lambda: random.setstate((3, (1, 2), None)),
    lambda: random.setstate((9, (), None)),
    lambda: random.gammavariate(0, 1),
    lambda: random.Random(1, 2),
]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
