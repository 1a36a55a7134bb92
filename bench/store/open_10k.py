# Reopening an experiment (scripts/bench-open.mjs): a lesson program of about 10,000 steps.
# Objects of a class, a ring of nodes that only the collector can free, and a loop that
# counts into a dict.
import gc


class Node:
    def __init__(self, value):
        self.value = value
        self.next = None


class Inventory:
    def __init__(self, name):
        self.name = name
        self.counts = {}

    def add(self, key, count):
        self.counts[key] = self.counts.get(key, 0) + count


# A ring: each node refers to the next, the last one to the first.
ring = [Node(i) for i in range(6)]
for a, b in zip(ring, ring[1:] + ring[:1]):
    a.next = b

shop = Inventory('shop')
history = []
for i in range(1650):
    shop.add('item%d' % (i % 8), i % 5)
    if i % 200 == 0:
        history.append((i, len(shop.counts)))

first = ring[0].value
del ring, a, b
print(gc.collect(), len(history), sum(shop.counts.values()), first)
