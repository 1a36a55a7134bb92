# tier: B
# features: hash of the empty str and bytes (0), and of tuples holding them
# str and bytes hashes are randomised in CPython, except that _Py_HashBytes gives an empty
# string 0, so hash('') and hash(b'') and the hashes of tuples of them are fixed.
print(hash(""), hash(b""), hash(("",)), hash(("", b"", 1)), hash(frozenset([""])))
print(hash("") == hash(b"") == hash(0) == 0)
