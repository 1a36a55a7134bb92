# tier: B
# features: array,typecodes,repr,slices,comparison,bytes,errors
from array import array
import array as array_module

print(array_module.typecodes, array_module.ArrayType is array, array.__module__, array.__name__)
for tc in array_module.typecodes:
    a = array(tc) if tc != 'u' else array(tc, 'xy')
    print(tc, a.typecode, a.itemsize, a, repr(array(tc)))
b = array('d', [1.5, 2.5, -3.0])
b.extend([4.0])
b.insert(0, 9)
b.insert(-1, 7)
b.insert(100, 8)
b.append(0.1)
print(b, b.tolist(), b[1], b[-1], b[1:3], b[::2], b[::-1], b[5:1], len(b), 2.5 in b, 2 in b, b.count(2.5), b.index(7.0))
b.remove(7.0)
b.reverse()
print(b, b.pop(), b.pop(0), b.pop(-2), b)
c = array('i', [1, 2, 3])
d = array('i', [1, 2, 4])
print(c == d, c < d, c != d, c <= d, c > d, c == array('i', [1, 2, 3]), c == array('d', [1, 2, 3]), c == array('l', [1, 2, 3]))
print(c < array('i', [1, 2, 3, 0]), c < array('d', [1, 2, 3.5]), array('d', [float('nan')]) == array('d', [float('nan')]), c == [1, 2, 3])
print(c + d, c * 2, 2 * c, c * 0, c * -1)
c += d
c *= 2
print(c)
c[1] = 99
c[2:4] = array('i', [7])
del c[0]
print(c)
c[1:1] = array('i', [5, 5, 5])
print(c)
del c[::2]
print(c)
c[::2] = array('i', [0] * len(c[::2]))
print(c)
c[:] = array('i')
print(c, len(c))
c.fromlist([3, 1, 2])
c.frombytes(b'\x05\x00\x00\x00')
print(c, c.tobytes(), bytes(c), list(c), tuple(c), sorted(c), sum(c), max(c))
f = array('f', [0.1, 1e40, -2.5, 1 / 3])
print(f, f[0], f[3], f.tobytes()[:4])
u = array('u', 'héllo wörld')
print(u, u.tounicode(), u[1], list(u)[:3], u[2:5])
u.fromunicode('!')
u.append('?')
print(u, len(u), u.itemsize)
print(array('b', b'\x01\xff'), array('B', bytearray(b'ab')), array('h', bytes(4)), bytes(array('H', [1, 258])))
print(array('i', b'abcd'), array('d', array('i', [1, 2])), array('q', [2**63 - 1, -2**63]), array('Q', [2**64 - 1]))
print(array('L', [2**63]), array('I', [2**32 - 1]), array('l', range(-3, 3)), array('i', (x * x for x in range(5))))
s = array('h', [1, 256, -2])
s.byteswap()
print(s, array('i', [1, 2, 3]).buffer_info()[1])
e = array('i', [4, 5])
e.extend(e)
e.extend(array('i', [6]))
print(e, e.index(5), e.index(5, 2), e.index(4, -3))
it = iter(array('B', [7, 8]))
print(next(it), next(it), next(it, 'end'), list(it))


class Vec(array):
    def norm(self):
        return sum(x * x for x in self) ** 0.5


v = Vec('d', [3, 4])
print(v, v.norm(), type(v[0:1]).__name__, type(v + v).__name__, type(v * 2).__name__)

for call in [
    lambda: array('i', [1.5]),
    lambda: array('b', [300]),
    lambda: array('B', [-1]),
    lambda: array('H', [70000]),
    lambda: array('I', [-1]),
    lambda: array('i', [2**31]),
    lambda: array('q', [2**63]),
    lambda: array('Q', [-1]),
    lambda: array('d', ['x']),
    lambda: array('u', [1]),
    lambda: array('i', 'abc'),
    lambda: array('x'),
    lambda: array(5),
    lambda: array(None),
    lambda: array('ii'),
    lambda: array(),
    lambda: array('i', [1], 3),
    lambda: array('i', x=1),
    lambda: array('i', [1]) + [1],
    lambda: array('i', [1]) + array('d'),
    lambda: array('i')[0],
    lambda: array('i').pop(),
    lambda: array('i', [1]).pop(5),
    lambda: array('i', [1]).remove(3),
    lambda: array('i', [1]).index(3),
    lambda: array('i').fromlist((1,)),
    lambda: hash(array('i')),
    lambda: array('i', [1]).extend([1.5]),
    lambda: array('i', [1]).extend(array('d', [1.0])),
    lambda: array('i', b'abc'),
    lambda: array('i', array('u', 'ab')),
    lambda: array('i', [1]).tounicode(),
    lambda: array('i', [1])['a'],
]:
    try:
        print(call())
    except Exception as ex:
        print(type(ex).__name__, ex)
x = array('i', [1])
try:
    x += [1]
except TypeError as ex:
    print(ex)
try:
    x[0:1] = [2]
except TypeError as ex:
    print(ex)
try:
    x[::2] = array('i', [1, 2])
except ValueError as ex:
    print(ex)
try:
    x[5] = 1
except IndexError as ex:
    print(ex)
print(x)
