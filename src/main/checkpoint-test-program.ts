/** The checkpoint tests' program: about 2,500 steps of objects made, cycles and collections. */
export const CHECKPOINT_TEST_PROGRAM = `import gc
class Node:
    def __init__(self, i):
        self.i = i
        self.next = None
nodes = []
total = 0
for i in range(600):
    total += i % 7
    if i % 40 == 0:
        n = Node(i)
        n.next = n
        nodes.append([n, str(i)])
    if i % 200 == 0:
        gc.collect()
print(len(nodes), total)
`;
