# The reference graph's benchmark heap (scripts/bench-graph.mjs, not timed as a program):
# about 2,000 objects (666 instances, their children lists and float names) in a tree.
# Lines 23-25 each change a few objects: the steps the graph must update quickly.
class Node:
    def __init__(self, name):
        self.name = name
        self.children = []


def build(n):
    root = Node('root')
    nodes = [root]
    i = 0
    while len(nodes) < n:
        child = Node(len(nodes) + 0.5)
        nodes[i // 3].children.append(child)
        nodes.append(child)
        i += 1
    return root, nodes


root, nodes = build(666)
nodes[5].children.append(Node('extra'))
x = nodes[7]
del nodes[12].children[0]
print(len(nodes))
