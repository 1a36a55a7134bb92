"""Records, from real CPython 3.11, the interpreter state a script starts from and the
object traffic of the first `import gc`, into fixtures/cpython311-startup.json (read by
src/core/startup.ts):

  gc_stats     gc.get_stats() at the start of a script (startup's own collections).
  baseline     gc.get_count() and the occupancy of every free list at the entry of
               _PyRun_SimpleFileObject: after startup and site, before __main__.__loader__
               is set and the main file is parsed and compiled. It does not depend on the
               program (checked here on several programs and hash seeds).
  import_gc    the GC allocations and deallocations of the first `import gc`
               (importlib's _find_and_load for a builtin module): each event is
               ["new" | "del", type, size] where size is the tuple length for tuples and
               the request size of other objects. Events of the module itself (the module,
               its dict, its functions) are marked "module": the engine makes those objects.
  import_unicodedata
               the same for the parser's first non-ASCII identifier, which imports
               unicodedata to normalize it (init_normalization); the engine has no
               unicodedata module, so all of it is replayed.
  print        the same for the first two print() calls of a script whose stdout is a file:
               they are recorded to check that print leaves nothing behind (the engine
               models nothing for them).

How: CPython runs under gdb with breakpoints in the allocator entry points (tuple_alloc,
PyList_New, new_dict, PyFloat_FromDouble, _PyObject_GC_New[Var], _PyType_AllocNoTrack) and
the deallocators (tupledealloc, list_dealloc, dict_dealloc, float_dealloc, PyObject_GC_Del);
free-list occupancy is read from the interpreter state (_PyRuntime.interpreters.main).
Needs gdb and a CPython 3.11 built with debug information (pyenv builds have it).

The runs use the conformance recordings' environment: `env -i PATH HOME LANG=C.UTF-8
LC_ALL=C.UTF-8`, stdout and stderr redirected to files, stdin from /dev/null. Site is
enabled, so the baseline depends on the machine's site-packages (.pth files run at
startup): re-record it when the oracle machine changes.

usage: python3 src/core/profiles/record_startup.py [--python PYTHON] [OUT.json]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, 'fixtures', 'cpython311-startup.json')

GDB_SCRIPT = r'''
import gdb, json, os
OUT = open(os.environ['REC_OUT'], 'w')
I = '_PyRuntime.interpreters.main'
def ev(e): return gdb.parse_and_eval(e)
def state():
    return dict(count=[int(ev(I + '->gc.generations[%d].count' % g)) for g in range(3)],
                tuples=[int(ev(I + '->tuple.numfree[%d]' % i)) for i in range(20)],
                lists=int(ev(I + '->list.numfree')), dicts=int(ev(I + '->dict_state.numfree')),
                dictKeys=int(ev(I + '->dict_state.keys_numfree')),
                floats=int(ev(I + '->float_state.numfree')))
def emit(d):
    OUT.write(json.dumps(d) + '\n'); OUT.flush()
def frames(depth=12):
    f = gdb.newest_frame().older(); out = []
    while f is not None and len(out) < depth:
        out.append(f.name() or '?'); f = f.older()
    return out
phase = [None]
def tpname(t): return t['tp_name'].string()
def size_of(t, n):
    basic = int(t['tp_basicsize']); item = int(t['tp_itemsize'])
    return basic + item * n
class Ev(gdb.Breakpoint):
    def __init__(self, spec, fn):
        super().__init__(spec, internal=True); self.fn = fn
    def stop(self):
        if phase[0] is None: return False
        r = self.fn()
        if r is not None:
            st = frames()
            if any(n in ('_add_methods_to_object', 'new_module_notrack') for n in st): r.append('module')
            emit({'phase': phase[0], 'event': r})
        return False
FRESH_OF_FREELIST_TYPE = ('tuple_alloc', 'PyList_New', 'new_dict', 'PyTuple_Pack',
                          '_PyTuple_FromArray', '_PyTuple_FromArraySteal', 'PyTuple_New')
def caller(): return gdb.newest_frame().older().name()
def new_tuple(): return ['new', 'tuple', int(ev('size'))]
def new_list(): return ['new', 'list', 0]
def new_dict(): return ['new', 'dict', 0]
def new_float(): return ['new', 'float', 0]
def gc_new():
    t = ev('tp')
    if tpname(t) in ('tuple', 'list', 'dict') and caller() in FRESH_OF_FREELIST_TYPE: return None
    return ['new', tpname(t), size_of(t, 0)]
def gc_newvar():
    t = ev('tp')
    if tpname(t) in ('tuple', 'list', 'dict') and caller() in FRESH_OF_FREELIST_TYPE: return None
    return ['new', tpname(t), size_of(t, int(ev('nitems')))]
def generic_alloc():
    t = ev('type')
    return ['new', tpname(t), size_of(t, int(ev('nitems')) + 1)]
def del_tuple(): return ['del', tpname(ev('((PyObject*)op)->ob_type')), int(ev('((PyVarObject*)op)->ob_size'))]
def del_list(): return ['del', tpname(ev('((PyObject*)op)->ob_type')), 0]
def del_dict(): return ['del', tpname(ev('((PyObject*)mp)->ob_type')), 0]
def del_float(): return ['del', 'float', 0]
def gc_del():
    if caller() in ('tupledealloc', 'list_dealloc', 'dict_dealloc'): return None
    t = ev('((PyObject*)op)->ob_type')
    return ['del', tpname(t), 0]
def ascii_of(expr):
    return ev('(char*)((PyASCIIObject*)(%s) + 1)' % expr).string()
class Done(gdb.Breakpoint):
    """A breakpoint at the return address of the current call that ends the phase."""
    def __init__(self, tag):
        caller = gdb.newest_frame().older()
        self.caller = caller
        super().__init__('*%d' % caller.pc(), internal=True, temporary=False)
        self.tag = tag
    def stop(self):
        if not self.caller.is_valid() or gdb.newest_frame() != self.caller:
            return False
        emit({'phase': self.tag, 'end': state()})
        phase[0] = None
        self.enabled = False
        return False
seen = {'import': False, 'print': 0, 'normalize': False}
class Start(gdb.Breakpoint):
    def stop(self):
        emit({'phase': 'baseline', 'state': state()})
        for spec, fn in [('tuple_alloc', new_tuple), ('PyList_New', new_list), ('new_dict', new_dict),
                         ('PyFloat_FromDouble', new_float), ('_PyObject_GC_New', gc_new),
                         ('_PyObject_GC_NewVar', gc_newvar), ('_PyType_AllocNoTrack', generic_alloc),
                         ('tupledealloc', del_tuple), ('list_dealloc', del_list),
                         ('dict_dealloc', del_dict), ('float_dealloc', del_float),
                         ('PyObject_GC_Del', gc_del)]:
            Ev(spec, fn)
        ImportBp('PyImport_ImportModuleLevelObject', internal=True)
        PrintBp('builtin_print', internal=True)
        NormalizeBp('PyImport_ImportModule', internal=True)
        self.enabled = False
        return False
class ImportBp(gdb.Breakpoint):
    def stop(self):
        if seen['import'] or phase[0] is not None: return False
        if ascii_of('name') != 'gc': return False
        seen['import'] = True
        emit({'phase': 'import_gc', 'start': state()})
        phase[0] = 'import_gc'
        Done('import_gc')
        return False
class PrintBp(gdb.Breakpoint):
    def stop(self):
        if seen['print'] >= 2 or phase[0] is not None: return False
        seen['print'] += 1
        tag = 'print%d' % seen['print']
        emit({'phase': tag, 'start': state()})
        phase[0] = tag
        Done(tag)
        return False
class NormalizeBp(gdb.Breakpoint):
    def stop(self):
        if seen['normalize'] or phase[0] is not None: return False
        if ev('name').string() != 'unicodedata': return False
        seen['normalize'] = True
        emit({'phase': 'import_unicodedata', 'start': state()})
        phase[0] = 'import_unicodedata'
        Done('import_unicodedata')
        return False
Start('_PyRun_SimpleFileObject', internal=True)
gdb.execute('run')
'''

PROBE = '''import gc
gc.get_count()
print('first')
print('second')
'''

# The parser normalizes a non-ASCII identifier with unicodedata.normalize, importing
# unicodedata the first time (init_normalization).
NORMALIZE_PROBE = 'caf\u00e9 = 1\n'

# Programs whose baseline must be the same (it is taken before the file is even parsed).
OTHER_PROGRAMS = [
    'x = 1\n',
    'import sys\nclass C:\n    def f(self): return [i for i in range(3)]\nprint(C().f(), 2.5)\n',
]


def real_python(python):
    out = subprocess.run([python, '-c', 'import sys, platform; print(sys.executable); '
                          'print(platform.python_implementation(), platform.python_version(), '
                          '8 * __import__("struct").calcsize("P"))'],
                         capture_output=True, text=True, check=True, env=clean_env())
    exe, version = out.stdout.strip().split('\n')
    if not version.startswith('CPython 3.11.') or not version.endswith(' 64'):
        sys.exit(f'record_startup: the oracle must be CPython 3.11 (64-bit), not {version}')
    return exe, version


def clean_env(seed=None):
    env = {'PATH': os.environ.get('PATH', '/usr/bin:/bin'), 'HOME': os.environ.get('HOME', '/tmp'),
           'LANG': 'C.UTF-8', 'LC_ALL': 'C.UTF-8'}
    if seed is not None:
        env['PYTHONHASHSEED'] = str(seed)
    return env


def record_first_import(exe, module, programs):
    """The GC traffic of each program's first `import MODULE` (the import_gc phase, with the
    breakpoint's module name changed): a run per program, {program, start, end, events}."""
    script = GDB_SCRIPT.replace("if ascii_of('name') != 'gc': return False",
                                "if ascii_of('name') != %r: return False" % module)
    assert script != GDB_SCRIPT
    runs = []
    for program in programs:
        records = run_under_gdb(exe, program, gdb_script=script)
        phase = [r for r in records if r.get('phase') == 'import_gc']
        events = [r['event'] for r in phase if 'event' in r]
        start = next(r['start'] for r in phase if 'start' in r)
        end = next(r['end'] for r in phase if 'end' in r)
        runs.append({'program': program, 'start': start, 'end': end, 'events': events})
    return runs


def run_under_gdb(exe, program, seed=None, gdb_script=None):
    with tempfile.TemporaryDirectory() as tmp:
        prog = os.path.join(tmp, 'probe.py')
        with open(prog, 'w') as f:
            f.write(program)
        script = os.path.join(tmp, 'record.gdb.py')
        with open(script, 'w') as f:
            f.write(GDB_SCRIPT if gdb_script is None else gdb_script)
        out = os.path.join(tmp, 'events.jsonl')
        env = clean_env(seed)
        env['REC_OUT'] = out
        with open(os.path.join(tmp, 'stdout'), 'w') as so, open(os.path.join(tmp, 'gdb.log'), 'w') as log:
            cmd = ['gdb', '-q', '-batch', '-nx', '-ex', 'set pagination off', '-ex', 'set breakpoint pending on',
                   '-ex', 'set startup-with-shell off', '-x', script, '--args', exe, prog]
            subprocess.run(cmd, cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                           check=False, timeout=600)
            del so
        with open(out) as f:
            return [json.loads(line) for line in f]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--python', default='python3')
    ap.add_argument('out', nargs='?', default=DEFAULT_OUT)
    args = ap.parse_args()
    exe, version = real_python(args.python)

    records = run_under_gdb(exe, PROBE)
    baseline = next(r['state'] for r in records if r['phase'] == 'baseline')
    phases = {}
    for r in records:
        if 'event' in r:
            phases.setdefault(r['phase'], []).append(r['event'])
    ends = {r['phase']: r['end'] for r in records if 'end' in r}
    starts = {r['phase']: r['start'] for r in records if 'start' in r}
    for tag in ('import_gc', 'print1', 'print2'):
        if tag not in ends:
            sys.exit(f'record_startup: no {tag} phase recorded (is gdb working?)')
    normalize = run_under_gdb(exe, NORMALIZE_PROBE)
    for r in normalize:
        if 'event' in r and r['phase'] == 'import_unicodedata':
            phases.setdefault('import_unicodedata', []).append(r['event'])
        if 'end' in r:
            ends[r['phase']] = r['end']
        if 'start' in r:
            starts[r['phase']] = r['start']
    if 'import_unicodedata' not in ends:
        sys.exit('record_startup: no import_unicodedata phase recorded')

    # The baseline is a property of the interpreter, not of the program or the hash seed.
    for seed, program in [(0, PROBE), (1, OTHER_PROGRAMS[0]), (2, OTHER_PROGRAMS[1]), (None, OTHER_PROGRAMS[1])]:
        other = next(r['state'] for r in run_under_gdb(exe, program, seed) if r['phase'] == 'baseline')
        if other != baseline:
            sys.exit(f'record_startup: the baseline differs with seed {seed}:\n{baseline}\n{other}')

    def delta(tag):
        a, b = starts[tag], ends[tag]
        return {'count': b['count'][0] - a['count'][0],
                'tuples': [y - x for x, y in zip(a['tuples'], b['tuples'])],
                'lists': b['lists'] - a['lists'], 'dicts': b['dicts'] - a['dicts'],
                'floats': b['floats'] - a['floats']}

    # gc.get_stats() when a script starts: the collections startup and site ran.
    stats_probe = 'import gc, json\nprint(json.dumps(gc.get_stats()))\n'
    with tempfile.TemporaryDirectory() as tmp:
        probe = os.path.join(tmp, 'stats.py')
        with open(probe, 'w') as f:
            f.write(stats_probe)
        env = {'PATH': os.environ.get('PATH', ''), 'HOME': os.environ.get('HOME', ''), 'LANG': 'C.UTF-8', 'LC_ALL': 'C.UTF-8'}
        stats = json.loads(subprocess.run([exe, probe], env=env, capture_output=True, text=True,
                                          stdin=subprocess.DEVNULL, check=True).stdout)

    profile = {
        'python': version,
        'recorded_by': 'src/core/profiles/record_startup.py',
        'baseline': baseline,
        'gc_stats': stats,
        'import_gc': phases['import_gc'],
        'import_gc_effect': delta('import_gc'),
        'import_unicodedata': phases['import_unicodedata'],
        'import_unicodedata_effect': delta('import_unicodedata'),
        'print': {'first': phases.get('print1', []), 'second': phases.get('print2', []),
                  'first_effect': delta('print1'), 'second_effect': delta('print2')},
    }
    with open(args.out, 'w') as f:
        json.dump(profile, f, indent=1)
        f.write('\n')
    print(f'{args.out}: baseline gen0 {baseline["count"]}, {len(phases["import_gc"])} import events, '
          f'print effects {profile["print"]["first_effect"]["count"]} {profile["print"]["second_effect"]["count"]}')


if __name__ == '__main__':
    main()
