#!/usr/bin/env bash
# Prints the free lists and gc.get_count() of CPython 3.11 (built with debug information,
# as pyenv's are) just before and just after a script's `import tracemalloc`, for two
# programs: modules/tracemallocmodule.ts AFTER_IMPORT holds the "after" numbers.
# usage: bash src/core/profiles/record_tracemalloc_import.sh [PYTHON]
set -eu
py=$(command -v "${1:-python3}")
py=$(env -i PATH="$PATH" HOME="${HOME:-/tmp}" "$py" -c 'import sys; print(sys.executable)')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/a.py" <<'PY'
import os, signal
os.kill(os.getpid(), signal.SIGTRAP)
import tracemalloc
os.kill(os.getpid(), signal.SIGTRAP)
PY
cat >"$tmp/b.py" <<'PY'
import os, signal
x = [1, 2, (3, 4)]
def f(a, b):
    return {a: b, 'k': [a, b]}
y = f(1, 2), f(3, 4)
os.kill(os.getpid(), signal.SIGTRAP)
import tracemalloc
os.kill(os.getpid(), signal.SIGTRAP)
PY
cat >"$tmp/gdb.py" <<'PY'
import gdb
I = '_PyRuntime.interpreters.main'
def ev(e): return int(gdb.parse_and_eval(e))
def state(tag):
    print(tag, 'count', [ev(I + '->gc.generations[%d].count' % g) for g in range(3)])
    print(tag, 'tuples', [ev(I + '->tuple.numfree[%d]' % i) for i in range(20)])
    print(tag, 'lists', ev(I + '->list.numfree'), 'dicts', ev(I + '->dict_state.numfree'),
          'keys', ev(I + '->dict_state.keys_numfree'), 'floats', ev(I + '->float_state.numfree'))
gdb.execute('set pagination off')
gdb.execute('handle SIGTRAP stop nopass')
gdb.execute('run')
state('before')
gdb.execute('continue')
state('after')
PY
for f in a.py b.py; do
  echo "== $f"
  (cd "$tmp" && env -i PATH="$PATH" HOME="${HOME:-/tmp}" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
    gdb -q -batch -x gdb.py --args "$py" "$f" </dev/null 2>&1 | grep -E '^(before|after) ')
done
