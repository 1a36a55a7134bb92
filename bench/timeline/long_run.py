# About a million trace steps over a small, changing heap: what time travel must seek in.
nodes = []
total = 0
for i in range(250000):
    total += i % 7
    if i % 1000 == 0:
        nodes.append([i, str(i)])
print(len(nodes), total)
