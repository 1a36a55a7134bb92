"""Records the identifier strings CPython 3.11 has as static objects in its interned table
when a program starts: the _Py_ID names of pycore_global_strings.h and every name of the
deep-frozen startup modules (importlib._bootstrap, os, site, codecs, io, abc, ...), whose
code objects are C data. `sys.intern('self')` returns that object, with a count near
1,000,000,000, so a program's name `self` or constant 'self' shares it and allocates nothing.

It also records the interned identifiers that are heap strings CPython's startup modules hold
('total', 'left'...: their counts depend on the modules the startup imports, site-packages
included): the engine has them as static objects too, with calibrated counts.

Only strings made of name characters are kept: those are the ones the compiler interns
(a program reaches the others only through an explicit sys.intern). One-character strings
are the latin-1 singletons and the one-letter identifiers unicodeobject.ts already has.

Writes static-strings.json and the STATIC_NAMES and HEAP_NAMES lines of ../static-refs/probe.py; then run
../static-refs/record.py (twice when names were added: the first run gives the engine
the new static objects, the second measures their counts).

usage: python3 src/core/profiles/static-strings/record.py   (CPython 3.11.7, 64-bit; repo root)
"""
import _imp, gc, json, os, re, subprocess, sys, sysconfig, tempfile, types

HERE = os.path.dirname(os.path.abspath(__file__))
PROBE = os.path.join(HERE, '..', 'static-refs', 'probe.py')
IMMORTAL = 999_999_999
NAME = re.compile(r'[A-Za-z0-9_]{2,}')

if sys.version_info[:2] != (3, 11):
    sys.exit('record with CPython 3.11')


def is_static_interned(text):
    """Whether the interned string of this value is a static object (on a fresh copy, so
    that the candidate found by the walk, maybe another object of equal value, is not it)."""
    return sys.getrefcount(sys.intern(text[:1] + text[1:])) > IMMORTAL // 2


def global_string_ids():
    """The _Py_ID names, from the header CPython 3.11 installs."""
    header = os.path.join(sysconfig.get_paths()['include'], 'internal', 'pycore_global_strings.h')
    with open(header) as f:
        return re.findall(r'STRUCT_FOR_ID\((\w+)\)', f.read())


def strings_reachable_from(roots):
    """The values of every str reachable through containers, code objects, functions and classes."""
    # seen keeps the objects too: a temporary (a copied class dict) freed while the walk goes
    # on would let a new object take its id and be skipped.
    seen, strings, stack = {}, set(), list(roots)
    while stack:
        o = stack.pop()
        if id(o) in seen:
            continue
        seen[id(o)] = o
        t = type(o)
        if t is str:
            strings.add(o)
        elif t in (tuple, list, set, frozenset):
            stack.extend(list(o))
        elif t is dict:
            for k, v in list(o.items()):
                stack += [k, v]
        elif t is type(strings_reachable_from.__code__):
            stack += [o.co_names, o.co_varnames, o.co_cellvars, o.co_freevars, o.co_consts,
                      o.co_name, o.co_qualname, o.co_filename]
        elif isinstance(o, type):
            stack += [dict(vars(o)), o.__name__]
        elif t is types.FunctionType:
            stack += [o.__code__, o.__defaults__, o.__kwdefaults__, o.__dict__]
        elif t in (classmethod, staticmethod, types.MethodType):
            stack.append(o.__func__)
        elif t is property:
            stack += [o.fget, o.fset, o.fdel]
        elif t is types.ModuleType:
            stack.append(vars(o))
    return strings


# Which candidates are interned heap strings is asked of a fresh interpreter: compiling this
# script interned its own names here. The check's own names are one letter or static.
HEAP_CHECK = """import sys
for t in sys.stdin.read().split():
    c = t[:1] + t[1:]
    i = sys.intern(c)
    if i is not c and sys.getrefcount(i) < %d:
        print(t)
""" % (IMMORTAL // 2)


def interned_heap(candidates):
    """The candidates a fresh CPython running a script has as interned heap strings."""
    with tempfile.TemporaryDirectory() as directory:
        script = os.path.join(directory, 'check.py')
        with open(script, 'w') as f:
            f.write(HEAP_CHECK)
        check = subprocess.run([sys.executable, script], input=' '.join(sorted(candidates)),
                               capture_output=True, text=True, check=True)
    return sorted(check.stdout.split())


roots = [_imp.get_frozen_object(name) for name in sorted(_imp._frozen_module_names())]
roots += gc.get_objects()
roots += [vars(m) for name, m in list(sys.modules.items()) if name != '__main__']
candidates = strings_reachable_from(roots) | set(global_string_ids())
names = sorted(s for s in candidates if NAME.fullmatch(s) and is_static_interned(s))
heap_names = interned_heap(s for s in candidates if NAME.fullmatch(s))

with open(os.path.join(HERE, 'static-strings.json'), 'w') as f:
    json.dump({'names': names, 'heapNames': heap_names}, f, indent=0)
    f.write('\n')
# In the repository's layout (npm test checks it with Prettier).
subprocess.run(['npx', 'prettier', '--write', os.path.join(HERE, 'static-strings.json')], capture_output=True, check=True)
with open(PROBE) as f:
    probe = f.read()
for variable, values in [('STATIC_NAMES', names), ('HEAP_NAMES', heap_names)]:
    line = '%s = %r\n' % (variable, ' '.join(value[::-1] for value in values))
    probe, count = re.subn(r'^%s = .*\n' % variable, lambda m: line, probe, flags=re.M)
    if count != 1:
        sys.exit('probe.py has no %s line' % variable)
with open(PROBE, 'w') as f:
    f.write(probe)
print(len(names), 'static identifier strings and', len(heap_names), 'interned heap ones recorded')
