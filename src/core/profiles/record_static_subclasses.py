"""Records which builtin (static) types already have a subclass registry when a script
starts, into fixtures/static-subclasses.json (read by objects/typesubclasses.ts).

CPython keeps every type's subclasses in `tp_subclasses`, a dict created by the first
add_subclass(): a class statement whose base has no such dict yet allocates one; one whose
base has it (object, int, tuple, Exception, ... after startup) does not. The number of
entries is what `type.__subclasses__(T)` counts, since the dict holds live ones only.

Environment as for the conformance recordings: `env -i PATH HOME LANG=C.UTF-8
LC_ALL=C.UTF-8`, a script file (so site and __main__ are as a lesson's program finds them).

usage: python3 src/core/profiles/record_static_subclasses.py [--python PYTHON] [OUT.json]
"""
import argparse
import json
import os
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

PROBE = r'''
import builtins, json, types
found = {}
for module in (builtins, types):
    for name in dir(module):
        t = getattr(module, name)
        if isinstance(t, type) and not t.__flags__ & (1 << 9):  # not a heap type
            found[t.__name__] = len(type.__subclasses__(t))
print(json.dumps(dict(sorted(found.items()))))
'''


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--python', default='python3')
    parser.add_argument('out', nargs='?', default=os.path.join(HERE, 'fixtures', 'static-subclasses.json'))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        script = os.path.join(tmp, 'main.py')
        with open(script, 'w') as f:
            f.write(PROBE)
        env = {'PATH': os.environ['PATH'], 'HOME': os.environ.get('HOME', '/'), 'LANG': 'C.UTF-8', 'LC_ALL': 'C.UTF-8'}
        version = subprocess.run([args.python, '-c', 'import sys; print(sys.version.split()[0])'], env=env,
                                 capture_output=True, text=True, check=True).stdout.strip()
        counts = json.loads(subprocess.run([args.python, 'main.py'], cwd=tmp, env=env, capture_output=True,
                                           text=True, check=True).stdout)
    with open(args.out, 'w') as f:
        json.dump({'python': version, 'subclasses': counts}, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
