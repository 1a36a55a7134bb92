# tier: B
# features: type __name__ and __qualname__ objects (ht_name, ht_qualname), sys.getrefcount
# A class keeps the str objects it was named with: __name__ and __qualname__ return them,
# not copies, and assigning either swaps the reference.
import sys

outer_name_k = 'Outer_k'
inner_name_k = 'Inner_k'


class Outer_k:
    class Inner_k:
        pass


print(sys.getrefcount('Outer_k'), Outer_k.__name__ is outer_name_k, Outer_k.__qualname__ is Outer_k.__name__)
print(Outer_k.Inner_k.__qualname__, sys.getrefcount(Outer_k.Inner_k.__qualname__))
print(Outer_k.Inner_k.__name__ is inner_name_k)
Outer_k.__name__ = 'Renamed_k'
print(Outer_k.__name__, sys.getrefcount('Renamed_k'), sys.getrefcount('Outer_k'))
Outer_k.__qualname__ = 'Requal_k'
print(Outer_k.__qualname__, sys.getrefcount('Requal_k'), sys.getrefcount('Outer_k'))
Made_k = type('Made_k', (), {})
print(sys.getrefcount('Made_k'), Made_k.__qualname__ is Made_k.__name__)
del Made_k
print(sys.getrefcount('Made_k'))
