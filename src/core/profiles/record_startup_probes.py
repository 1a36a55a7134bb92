"""Records what CPython 3.11 prints at the very start of many programs, into
fixtures/startup-probes.json (checked by src/core/startup.test.ts): for each program,

  count      the first stdout line of `import gc; print(gc.get_count())` + program
  freelists  the free-list lines of `import sys; sys._debugmallocstats()` + program
             (what _PyObject_DebugTypeStats writes to stderr)

Both probes run before anything else of the program, so they show the state CPython
reaches at the program's first instruction: startup, __main__'s loader, parsing and
compiling this very file, and the first `import`. The programs are the conformance cases
(tests/conformance/cases, by path) and programs generated here from a fixed seed
(constants, tuples, floats, nested functions, closures, classes, comprehensions, lambdas,
f-strings, big literals, keyword-only defaults, global/nonlocal, constant folding, ...).

Environment as for the conformance recordings: `env -i PATH HOME LANG=C.UTF-8
LC_ALL=C.UTF-8`, stdout and stderr to files, stdin from /dev/null. Each program runs under
PYTHONHASHSEED 0, 1, 2 and the default random seed; a program whose probes differ between
them is reported and left out.

usage: python3 src/core/profiles/record_startup_probes.py [--python PYTHON] [OUT.json]
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
CASES = os.path.join(ROOT, 'tests', 'conformance', 'cases')
DEFAULT_OUT = os.path.join(HERE, 'fixtures', 'startup-probes.json')

COUNT_PROBE = 'import gc; print(gc.get_count())\n'
FREELIST_PROBE = 'import sys; sys._debugmallocstats()\n'


def clean_env(seed=None):
    env = {'PATH': os.environ.get('PATH', '/usr/bin:/bin'), 'HOME': os.environ.get('HOME', '/tmp'),
           'LANG': 'C.UTF-8', 'LC_ALL': 'C.UTF-8'}
    if seed is not None:
        env['PYTHONHASHSEED'] = str(seed)
    return env


def run(exe, source, tmp, seed):
    path = os.path.join(tmp, 'probe.py')
    with open(path, 'w') as f:
        f.write(source)
    p = subprocess.run([exe, path], cwd=tmp, env=clean_env(seed), capture_output=True, text=True,
                       stdin=subprocess.DEVNULL, timeout=60)
    return p.stdout, p.stderr


def probe_once(exe, program, tmp, seed):
    out, _ = run(exe, COUNT_PROBE + program, tmp, seed)
    count = out.split('\n', 1)[0]
    _, err = run(exe, FREELIST_PROBE + program, tmp, seed)
    freelists = [line for line in err.split('\n') if ' free ' in line and 'bytes each' in line]
    return {'count': count, 'freelists': freelists}


def probe(exe, program, tmp):
    """The probes' output, the same under three hash seeds and the default random one."""
    results = [probe_once(exe, program, tmp, seed) for seed in (0, 1, 2, None)]
    if any(r != results[0] for r in results[1:]):
        return None
    return results[0]


# ---------------------------------------------------------------- generated programs

def gen_programs(seed=311):
    rnd = random.Random(seed)
    progs = []

    def add(name, src):
        progs.append((name, src))

    add('empty', '')
    add('one_assign', 'x = 1\n')
    add('brief_tuples', ''.join(f"x{i} = ({i}, 'a{i}')\n" for i in range(20)))
    add('brief_functions', ''.join(f'def f{i}(a, b=2):\n    return a + b + {i}\n' for i in range(20)))
    add('brief_reads', 'import gc; a = gc.get_count(); b = gc.get_count(); import sys; c = gc.get_count(); print(a, b, c)\n')
    add('one_float', 'x = 1.5\n')
    add('float_call', 'print(2.5)\n')
    add('float_default', 'def f(a=0.25):\n    return a\n')
    add('float_neg', 'x = -1.5\n')
    add('float_two', 'x = 1.5\ny = 2.5\n')
    add('float_fold', 'x = 1.5 * 2\n')
    add('float_tuple', 'x = (1.5, 2.5, -0.0, 0.0)\n')
    add('neg_zero', 'a = -0.0\nb = 0.0\nc = (0.0, -0.0)\n')
    add('bytes_bools', "a = b'xy'\nb = True\nc = (b'xy', True, False, None, ...)\n")
    add('big_ints', 'a = 10**40\nb = 123456789012345678901234567890\nc = -(2**70)\n')
    add('strings', "a = 'hello world'\nb = 'hello world'\nc = 'abc' * 3\nd = 'x' 'y'\n")
    add('frozen_in', "def f(x):\n    return x in {1, 2, 3} or x in {'a', 'b'} or x in (4, 5)\n")
    add('set_display', "s = {1, 2, 3}\nt = {'a', 'b', 'c', 'd'}\nl = [1, 2, 3]\nu = (1, 2, 3)\n")
    add('for_const', 'for i in [1, 2, 3]:\n    pass\nfor j in {4, 5}:\n    pass\n')
    add('kwonly', 'def f(a, *, b=1, c=2.5, d=(1, 2)):\n    return a, b, c, d\nf(1, b=2, c=3)\n')
    add('kwcalls', "def g(**kw):\n    return kw\ng(a=1, b=2)\ng(x=1)\ng(a=1, **{'z': 2})\ndict(p=1, q=2)\n")
    add('dict_const_keys', "d = {'a': 1, 'b': 2, 'c': [3]}\ne = {1: 'x', 2: 'y'}\nf = {**d, 'k': 1}\n")
    add('global_nonlocal', 'g = 0\ndef outer():\n    global g\n    n = 0\n    def inner():\n        nonlocal n\n        global g\n        n += 1\n        g += 1\n        return n\n    return inner\n')
    add('closures', 'def make(n):\n    def add(x):\n        return x + n\n    return add\nadders = [make(i) for i in range(3)]\n')
    add('class_basic', 'class A:\n    x = 1\n    def __init__(self, v):\n        self.v = v\n    def get(self):\n        return self.v\n\nclass B(A):\n    def get(self):\n        return super().get() + 1\n')
    add('class_slots', "class P:\n    __slots__ = ('x', 'y')\n    def __init__(self, x, y):\n        self.x = x\n        self.y = y\n")
    add('comprehensions', 'a = [i * 2 for i in range(5) if i]\nb = {i: i for i in range(3)}\nc = {i for i in range(3)}\nd = (i for i in range(3))\ne = [[j for j in range(i)] for i in range(3)]\n')
    add('lambdas', 'f = lambda x: x + 1\ng = lambda x, y=2: (x, y)\nh = lambda *a, **k: (a, k)\nk = lambda: lambda: 0\n')
    add('fstrings', "x = 3\ny = 2.5\ns = f'{x} and {y:.2f} and {x!r:>5} {{}}'\nt = f'{x + 1}{y * 2.0}'\n")
    add('try_with', "class CM:\n    def __enter__(self):\n        return self\n    def __exit__(self, *a):\n        return False\ntry:\n    with CM() as c:\n        x = 1 / 1\nexcept ZeroDivisionError as e:\n    pass\nelse:\n    pass\nfinally:\n    y = 2\n")
    add('decorators', 'def deco(f):\n    return f\n@deco\ndef f():\n    return 1\n@deco\nclass C:\n    @staticmethod\n    def s():\n        return 2\n')
    add('generators', 'def gen(n):\n    for i in range(n):\n        yield i\n    return n\ndef gen2():\n    yield from gen(3)\n')
    add('unpacking', 'a, b = 1, 2\n(c, d), e = (3, 4), 5\nf, *g = [1, 2, 3]\nh = [*g, *g]\ni = (*g, 1)\n')
    add('imports', 'import sys\nimport weakref\nfrom weakref import ref\nimport gc as g2\n')
    add('assert_raise', "def f(x):\n    assert x > 0, 'positive'\n    if x > 10:\n        raise ValueError('big')\n    return x\n")
    add('while_loops', 'i = 0\nwhile i < 3:\n    i += 1\n    if i == 2:\n        continue\n    if i == 5:\n        break\nelse:\n    pass\n')
    add('docstrings', '"""Module doc."""\ndef f():\n    """Function doc."""\n    return 1\nclass C:\n    """Class doc."""\n')
    add('same_bodies', ''.join(f'def same{i}(self):\n    return self.v\n' for i in range(6)))
    add('annotations', 'x: int = 1\ndef f(a: int, b: str = "s") -> int:\n    return a\n')
    add('named_expr', 'if (n := 3) > 2:\n    pass\nd = [y for x in range(3) if (y := x * 2)]\n')
    add('slices', 'a = list(range(10))\nb = a[1:5]\nc = a[::2]\nd = a[-1]\na[0:2] = [9, 9]\ndel a[1]\n')
    add('chained', 'a = b = c = 1.5\nx = y = (1, 2)\n')
    add('expr_stmt_float', '1.5\n[2.5, x := 1]\n')
    # Many units: automatic collections happen while the file compiles.
    add('many_functions', ''.join(f'def fn{i}(a, b={i}.5, *c, d=({i}, {i + 1}), **e):\n    x = a + b\n    return (x, {i}, "s{i}")\n' for i in range(80)))
    add('many_classes', ''.join(f'class K{i}:\n    attr = ({i}, {i}.25)\n    def m(self, v={i}):\n        return [v * k for k in range({i % 5})]\n' for i in range(60)))
    add('many_constants', ''.join(f'c{i} = ({i}, {i}.5, "k{i}", b"b{i}", {i % 2 == 0})\n' for i in range(150)))
    add('big_literals', 'big_t = (' + ', '.join(str(i) for i in range(300)) + ')\nbig_l = [' + ', '.join(f'{i}.0' for i in range(40)) + ']\nbig_d = {' + ', '.join(f"'k{i}': {i}" for i in range(40)) + '}\nbig_s = {' + ', '.join(str(i) for i in range(40)) + '}\n')

    add('unicode_identifier', 'caf\u00e9 = 1\nna\u00efve = caf\u00e9 + 1\n')
    add('unicode_strings', "s = 'caf\u00e9'\nt = '\u2603' * 3\nb = 'x\u00e9y'\n")
    add('nested_format_spec', "x = f'{3:{5}.{2}f}'\ny = f'{x!r:>{10}}'\n")
    add('frozen_strings', "def f(x):\n    return x in {'alpha', 'beta', 'gamma'} or x in {'hello world', 'b'}\n")
    add('folding_limits', "s = 'a' * 5000\nt = (1,) * 300\nu = 'ab' * 3\nv = (1, 2) * 3\nw = 2 ** 200\nz = 1 / 0 if False else 1\n")
    add('star_calls', "def f(*a, **k):\n    return a, k\nf(*[1, 2], **{'a': 1})\nf(1, *[2], x=3, **{'y': 4})\n")
    add('metaclass_super', 'class M(type):\n    pass\nclass A(metaclass=M):\n    def f(self):\n        return __class__\nclass B(A, metaclass=M):\n    x = [i for i in range(3)]\n    y = lambda self: super()\n')
    add('finally_exits', 'def g():\n    try:\n        yield 1\n    finally:\n        pass\n    for i in range(3):\n        try:\n            break\n        finally:\n            return 5\n')
    # One float each: how many copies the parser makes decides how many free floats remain.
    for i, src in enumerate(['x = y = 1.5', 'a = 1; a.b = 2.5', 'x = [a, 1.5]', 'x = (a.b, [c, 3.5])',
                             '1.5.hex()', 'x = 1.5.real', 'x = *[1.5], 2', 'x = [1.5 for i in y]', 'f(x=1.5)',
                             'x = ((1.5, 2), 3)', '(1.5, 2)', 'x = a, 1.5', 'x = a(), 1.5', 'x += 1.5',
                             'x: float = 1.5', 'x = (1.5 for i in y)', 'x = 1.5 < y', 'x = 1e400', 'x = f"{1.5}"']):
        add(f'float_position_{i:02d}', src + '\n')
    # Hundreds of units: several collections of generation 0 while the file compiles.
    add('huge_functions', ''.join(f'def fn{i}(a, b={i}.5):\n    return (a, b, {i}, "s{i}")\n' for i in range(400)))

    # Random programs made of the pieces above.
    pieces = [
        lambda i: f'v{i} = {rnd.randint(-300, 300)}\n',
        lambda i: f'v{i} = {rnd.randint(0, 99)}.{rnd.randint(0, 9)}\n',
        lambda i: f"v{i} = ({rnd.randint(0, 9)}, '{rnd.choice('abc')}{i}', {rnd.choice(['None', 'True', '2.5', '-1', '(1, 2)'])})\n",
        lambda i: f"v{i} = [{', '.join(str(rnd.randint(0, 9)) for _ in range(rnd.randint(0, 5)))}]\n",
        lambda i: f'def f{i}(a, b={rnd.randint(0, 5)}):\n    return a * b + {rnd.randint(0, 5)}\n',
        lambda i: f'def g{i}(x):\n    def h(y):\n        return x + y\n    return h\n',
        lambda i: f'class C{i}:\n    k = {rnd.randint(0, 9)}\n    def m(self):\n        return self.k\n',
        lambda i: f'v{i} = [x * {rnd.randint(1, 4)} for x in range({rnd.randint(1, 6)})]\n',
        lambda i: f'v{i} = lambda q: q + {rnd.randint(0, 9)}\n',
        lambda i: f"v{i} = f'{{{rnd.randint(0, 9)}}}-{{{rnd.randint(0, 9)}.5:.1f}}'\n",
        lambda i: f'v{i} = {rnd.randint(2, 9)} ** {rnd.randint(10, 60)}\n',
        lambda i: f'v{i} = {{{rnd.randint(0, 9)}: {rnd.randint(0, 9)}, {rnd.randint(10, 19)}: ({rnd.randint(0, 9)},)}}\n',
        lambda i: f'v{i} = {rnd.randint(0, 9)} in {{{rnd.randint(0, 9)}, {rnd.randint(10, 19)}, {rnd.randint(20, 29)}}}\n',
        lambda i: f"print('line {i}', {rnd.randint(0, 9)}, sep='-')\n",
    ]
    for n in range(60):
        k = rnd.randint(1, 25)
        add(f'random_{n:02d}', ''.join(rnd.choice(pieces)(i) for i in range(k)))
    return progs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--python', default='python3')
    ap.add_argument('out', nargs='?', default=DEFAULT_OUT)
    args = ap.parse_args()
    exe = subprocess.run([args.python, '-c', 'import sys; print(sys.executable)'], capture_output=True, text=True,
                         check=True, env=clean_env()).stdout.strip()
    version = subprocess.run([exe, '-c', 'import platform; print(platform.python_version())'], capture_output=True,
                             text=True, check=True).stdout.strip()
    if not version.startswith('3.11.'):
        sys.exit(f'record_startup_probes: the oracle must be CPython 3.11, not {version}')
    entries = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(os.listdir(CASES)):
            if not name.endswith('.py'):
                continue
            with open(os.path.join(CASES, name)) as f:
                program = f.read()
            result = probe(exe, program, tmp)
            if result is None:
                print(f'{name}: depends on the hash seed, left out', file=sys.stderr)
                continue
            entries.append({'case': name, **result})
        for name, program in gen_programs():
            result = probe(exe, program, tmp)
            if result is None:
                print(f'{name}: depends on the hash seed, left out', file=sys.stderr)
                continue
            entries.append({'name': name, 'source': program, **result})
    with open(args.out, 'w') as f:
        json.dump({'python': version, 'recorded_by': 'src/core/profiles/record_startup_probes.py',
                   'count_probe': COUNT_PROBE, 'freelist_probe': FREELIST_PROBE, 'programs': entries}, f, indent=1)
        f.write('\n')
    print(f'{args.out}: {len(entries)} programs')


if __name__ == '__main__':
    main()
