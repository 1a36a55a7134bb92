"""Records sys.builtin_module_names of the oracle into fixtures/builtin-modules.json: the
modules compiled into this CPython 3.11 build, which print as `<module 'gc' (built-in)>`
(moduleobject.ts). Other modules print with the file they came from.

usage: python3 src/core/profiles/record_builtin_modules.py
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

with open(os.path.join(HERE, 'fixtures', 'builtin-modules.json'), 'w') as f:
    json.dump({'python': sys.version.split()[0], 'builtin_module_names': list(sys.builtin_module_names)}, f, indent=1)
    f.write('\n')
