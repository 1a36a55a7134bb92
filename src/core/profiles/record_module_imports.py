"""Records, from real CPython 3.11, the object traffic of a script's first `import heapq`,
`import array`, `import copy` and `import string` into fixtures/cpython311-module-imports.json, read by
modules/importcost.ts: the engine replays it (startup.ts replay) so that gc.get_count() and
the free lists after such an import are CPython's.

CPython's startup has not loaded these modules: the import runs importlib's path finders
(the first one also makes the FileFinder of the script's folder), reads heapq's cached code
or loads array's shared library, and makes the module. Events are those of
record_startup.py (["new" | "del", type, size]), recorded from the import statement's call
of PyImport_ImportModuleLevelObject to its return; `start` and `end` are the generation
counts and free lists around it. Each module is recorded as the script's first import
(probe programs below) and, as NAME_later, after the import of another one: the first
such import of a script also makes the FileFinder of its folder.

usage: python3 src/core/profiles/record_module_imports.py [--python PYTHON] [OUT.json]
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import record_startup  # noqa: E402

DEFAULT_OUT = os.path.join(HERE, 'fixtures', 'cpython311-module-imports.json')

PROBES = {
    'heapq': ['import heapq\n', 'x = [[] for i in range(30)]\ndel x\nimport heapq\n'],
    'array': ['import array\n', 'x = [[] for i in range(30)]\ndel x\nimport array\n'],
    # the same module imported after another one CPython's startup had not loaded
    'heapq_later': ['import array\nimport heapq\n'],
    'array_later': ['import heapq\nimport array\n'],
    'copy': ['import copy\n', 'x = [[] for i in range(30)]\ndel x\nimport copy\n'],
    'string': ['import string\n', 'x = [[] for i in range(30)]\ndel x\nimport string\n'],
    'copy_later': ['import heapq\nimport copy\n', 'import string\nimport copy\n'],
    'string_later': ['import heapq\nimport string\n', 'import copy\nimport string\n'],
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--python', default='python3')
    ap.add_argument('out', nargs='?', default=DEFAULT_OUT)
    args = ap.parse_args()
    exe, version = record_startup.real_python(args.python)
    profile = {'python': version, 'recorded_by': 'src/core/profiles/record_module_imports.py', 'modules': {}}
    for name, programs in PROBES.items():
        runs = record_startup.record_first_import(exe, name.split('_')[0], programs)
        if any(r['events'] != runs[0]['events'] for r in runs[1:]):
            print(f'note: {name}: the probes\' events differ', file=sys.stderr)
        profile['modules'][name] = {
            'events': runs[0]['events'],
            'probes': [{k: r[k] for k in ('program', 'start', 'end')} for r in runs],
        }
        print(f'{name}: {len(runs[0]["events"])} events', file=sys.stderr)
    with open(args.out, 'w') as f:
        json.dump(profile, f, separators=(',', ':'))
        f.write('\n')


if __name__ == '__main__':
    main()
