# tier: B
# features: import copy, gc.get_count, free lists after an import
# The first `import copy` of a script runs importlib and unmarshals copy's code: CPython's
# generation counts and free lists after it are what the engine must show.
import copy
import gc
print(gc.get_count())
pair = (1, 2)
d = {}
l = []
print(gc.get_count())
print(copy.deepcopy([pair, d, l]) == [pair, d, l])
