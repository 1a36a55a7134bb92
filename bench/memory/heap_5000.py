# A heap of 5,000 objects of many size classes, for the allocator map's benchmark.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

objects = []
for i in range(1667):
    objects.append(Point(i, -i))
    objects.append(str(i) * (i % 7 + 1))
    objects.append((i, i + 1, i + 2)[: i % 3 + 1])
print(len(objects))
