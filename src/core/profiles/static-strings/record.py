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
       then: npx prettier --write src/core/profiles/static-strings/static-strings.json
"""
import _imp, gc, json, os, re, sys, sysconfig

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
    """The values of every str reachable through containers, code objects and type dicts."""
    seen, strings, stack = set(), set(), list(roots)
    while stack:
        o = stack.pop()
        if id(o) in seen:
            continue
        seen.add(id(o))
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
    return strings


def is_interned_heap(text):
    """Whether an interned heap string of this value exists (interning a copy returns it)."""
    copy = text[:1] + text[1:]
    interned = sys.intern(copy)
    return interned is not copy and sys.getrefcount(interned) < IMMORTAL // 2


def own_names():
    """The names of this script's own code, interned by compiling it, not by the startup."""
    with open(__file__) as f:
        return {s for s in strings_reachable_from([compile(f.read(), __file__, 'exec')])}


roots = [_imp.get_frozen_object(name) for name in sorted(_imp._frozen_module_names())]
roots += gc.get_objects()
roots += [vars(m) for m in list(sys.modules.values())]
candidates = strings_reachable_from(roots) | set(global_string_ids())
names = sorted(s for s in candidates if NAME.fullmatch(s) and is_static_interned(s))
ignored = own_names()
heap_names = sorted(s for s in candidates - ignored if NAME.fullmatch(s) and is_interned_heap(s))

with open(os.path.join(HERE, 'static-strings.json'), 'w') as f:
    json.dump({'names': names, 'heapNames': heap_names}, f, indent=0)
    f.write('\n')
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
