# Reference cycles created and dropped in a loop: automatic collections of generation 0
# (threshold 700) and now and then of older generations, observed through gc.callbacks.
import gc

class Node:
    def __init__(self):
        self.other = None

collections = [0, 0, 0]

def on_gc(phase, info):
    if phase == 'stop':
        collections[info['generation']] += 1

gc.callbacks.append(on_gc)
for i in range(200000):
    a = Node()
    b = Node()
    a.other = b
    b.other = a
gc.callbacks.remove(on_gc)
print(collections, gc.collect())
