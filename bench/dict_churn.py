# Dicts growing, shrinking and being rebuilt: hashing, resizing, dummy slots.
d = {}
for i in range(300000):
    d[i] = i
    if i % 3 == 0:
        del d[i // 2]
words = {}
for i in range(150000):
    key = 'k' + str(i % 5000)
    words[key] = words.get(key, 0) + 1
print(len(d), len(words), sum(words.values()))
