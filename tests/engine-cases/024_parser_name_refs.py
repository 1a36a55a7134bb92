# tier: B
# features: sys.getrefcount of interned identifiers, parser arena references
# CPython's parser keeps one reference to an identifier in the AST arena for every time it
# read the name, backtracking included, for as long as the main script runs. The counts
# below come from checked_n read in many syntactic contexts.
import sys


def deco_n(f):
    return f


@deco_n
def func_n(arg_a, arg_b=3, *rest_n, kw_n=None, **opts_n) -> int:
    global glob_n
    glob_n = arg_a
    loc_n = [arg_a for arg_a in range(3) if arg_a > 0]
    return loc_n


class Klass_n(object, metaclass=type):
    attr_n: int = 5


lam_n = lambda lx_n, ly_n=2: lx_n + ly_n
val_n = {'key_n': lam_n(1), **{'z': 2}}
seq_n = [1, 2, 3]
seq_n[0:2] = seq_n[1:]
first_n, *others_n = seq_n
if (walrus_n := len(seq_n)) > 2 and walrus_n < 10 or not walrus_n:
    pass
try:
    raise ValueError('x')
except ValueError as err_n:
    pass
finally:
    fin_n = 1
for it_n in seq_n:
    while it_n > 5:
        break


class Cm_n:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        pass


with Cm_n() if True else None as ctx_n:
    pass
fs_n = f"{val_n['key_n']!r:>{first_n}} {first_n=} {lam_n(2)} {f'{seq_n}'}"
gen_n = (gx_n * 2 for gx_n in seq_n)
dset_n = {sx_n for sx_n in seq_n}
dd_n = {dk_n: dv_n for dk_n, dv_n in zip(seq_n, seq_n)}
assert seq_n, 'msg'
del fin_n
x_n = seq_n[0] if seq_n else None
y_n = -x_n ** 2 // 3 % 4 if False else ~x_n << 1 >> 1 | 2 & 3 ^ 4
z_n = x_n < y_n <= 3 != 4 in [1] not in []
from copy import deepcopy as dc_n
checked_n = ['deco_n', 'func_n', 'arg_a', 'arg_b', 'rest_n', 'kw_n', 'opts_n', 'glob_n', 'loc_n',
         'Klass_n', 'attr_n', 'lam_n', 'lx_n', 'ly_n', 'val_n', 'key_n', 'seq_n', 'first_n',
         'others_n', 'walrus_n', 'err_n', 'fin_n', 'it_n', 'Cm_n', 'ctx_n', 'fs_n', 'gen_n',
         'gx_n', 'dset_n', 'sx_n', 'dd_n', 'dk_n', 'dv_n', 'x_n', 'y_n', 'z_n', 'dc_n', 'checked_n']
for name in checked_n:
    print(name, sys.getrefcount(name))
