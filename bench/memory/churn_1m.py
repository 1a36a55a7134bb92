# About a million trace steps whose memory keeps changing: a growing list of small objects,
# dicts and tuples made and dropped, a cycle now and then, so the collector runs often.
class Node:
    def __init__(self, value):
        self.value = value
        self.next = None

kept = []
for i in range(183000):
    pair = (i, str(i))
    if i % 3 == 0:
        kept.append(pair)
    if i % 50 == 0:
        node = Node(i)
        node.next = node
        del node
    if i % 20000 == 0:
        kept = kept[-1000:]
print(len(kept))
