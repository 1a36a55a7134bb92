# Many small instances: allocation through the size classes, shared-key instance dicts,
# and deallocation when the list goes away.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm2(self):
        return self.x * self.x + self.y * self.y

points = [Point(i, -i) for i in range(250000)]
total = 0
for p in points:
    total += p.norm2()
del points
print(total)
