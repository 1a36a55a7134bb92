# Building lists: append with over-allocation, comprehensions, slicing and concatenation.
import sys
rows = []
for i in range(100000):
    row = [i, i + 1, i + 2]
    row.append(i * 2)
    rows.append(row)
squares = [n * n for n in range(500000)]
joined = squares[:250000] + squares[250000:]
print(len(rows), sys.getsizeof(rows), len(joined), sys.getsizeof(joined))
