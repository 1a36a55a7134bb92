# tier: B
# features: tracemalloc.get_traced_memory,str.__add__,str.join,fstring,bytes
import tracemalloc
out = []


def measure(label, make):
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    obj = make()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    out.append((label, after - before))
    return obj


def concat(n):
    s = ''
    for i in range(n):
        s += 'ab'
    return s


def concat_keep(n):
    parts = []
    s = ''
    for i in range(n):
        s = s + 'x'
        parts.append(s)
    return parts


for n in (1, 2, 10, 100):
    measure('+= %d' % n, lambda: concat(n))
    measure('join %d' % n, lambda: ''.join(['ab'] * n))
    measure('* %d' % n, lambda: 'ab' * n)
measure('keep 5', lambda: concat_keep(5))
name = 'world'
measure('f-string', lambda: f'hello {name}!')
measure('format', lambda: 'hello {}!'.format(name))
measure('%', lambda: 'hello %s!' % name)
measure('upper', lambda: name.upper())
measure('é', lambda: name + 'é')
measure('€', lambda: name + '€')
measure('emoji', lambda: name + '\U0001F600')
measure('split', lambda: 'a b c d'.split())
measure('str(12345)', lambda: str(12345))
measure('str(7)', lambda: str(7))
measure('repr(1.5)', lambda: repr(1.5))
measure('bytes(10)', lambda: bytes(10))
measure('encode', lambda: name.encode())
measure('bytearray', lambda: bytearray(b'abc'))
for label, size in out:
    print(label, size)
