# tier: B
# features: hash() of instances whose __hash__ returns a large int (slot_tp_hash), set order of such instances
# slot_tp_hash keeps __hash__'s int when a Py_hash_t holds it (2**62 + 1 stays), reduces it
# with long_hash otherwise (2**63 + 5 becomes 9), and turns -1 into -2.
class H:
    def __init__(self, h):
        self.h = h

    def __hash__(self):
        return self.h

    def __repr__(self):
        return "H(%d)" % self.h


for v in (2**62 + 1, 2**63 + 5, -2**63, 2**100, -1, 12345678901234567, -(2**63) - 1):
    print(hash(H(v)))
print(list({H(2**62 + 1), H(3), H(2**61 + 7), H(5), H(2**55 + 3)}))
print(hash((H(2**62 + 1), 1)))
