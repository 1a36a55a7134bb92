import sys
r = sys.getrefcount
ints = []
for i in range(-5, 257):
    ints.append(r(i))
chars = []
for c in map(chr, range(256)):
    chars.append(r(c))
identifiers = []
for c in 'BCLST_abcdefhijklmnopqrstvwxy':
    identifiers.append(r(sys.intern(c)))
single_bytes = []
for b in map(bytes, map(lambda n: [n], range(256))):
    single_bytes.append(r(b))
singletons = [r(None), r(True), r(False), r(...), r(NotImplemented), r(()), r(''), r(b'')]
print(ints)
print(chars)
print(identifiers)
print(single_bytes)
print(singletons)
import builtins
print([r(sys), r(builtins)])
