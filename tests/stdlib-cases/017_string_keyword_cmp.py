# tier: B
# features: string,functools,sorted
import string, keyword, functools
print(string.ascii_lowercase, string.digits, string.hexdigits, len(string.printable), len(string.punctuation))
print(string.capwords('the quick  brown fox'), keyword.iskeyword('lambda'), keyword.iskeyword('match'), keyword.issoftkeyword('match'))
def cmp(a, b):
    return (a > b) - (a < b)
K = functools.cmp_to_key(lambda a, b: cmp(len(a), len(b)) or cmp(a, b))
print(sorted(['ccc', 'a', 'bb', 'aa', 'b'], key=K))
k1 = K('x')
print(type(k1).__name__, k1 < K('xy'), k1 == K('y'))
@functools.total_ordering
class V:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return self.v == o.v
    def __lt__(self, o):
        return self.v < o.v
print(V(1) <= V(2), V(3) >= V(2), V(1) > V(1))
def deco(fn):
    @functools.wraps(fn)
    def wrapper(*a):
        return fn(*a)
    return wrapper
@deco
def documented(x):
    """Doc."""
    return x
print(documented.__name__, documented.__doc__, documented.__wrapped__.__name__, documented(4))
