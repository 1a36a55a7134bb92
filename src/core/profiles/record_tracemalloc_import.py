"""Records, from real CPython 3.11, the object traffic of a script's `import tracemalloc`
(which imports pickle, _pickle, _compat_pickle, linecache, tokenize and token) into
fixtures/cpython311-import-tracemalloc.json, read by modules/tracemallocmodule.ts: the
engine replays it (startup.ts replay) so that `gc.get_count()`, the collections the import
runs and the free lists after the import are CPython's.

Events are those of record_startup.py (its gdb script, with the import breakpoint on
"tracemalloc" instead of "gc"): ["new" | "del", type, size]. Also recorded: the state before
and after the import for the probe programs, to check the replay and to fit the dict-keys
free list (which the replay does not model): keys_after = min(keys_before + RISE, 80) - DROP.

usage: python3 src/core/profiles/record_tracemalloc_import.py [--python PYTHON] [OUT.json]
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import record_startup  # noqa: E402

DEFAULT_OUT = os.path.join(HERE, 'fixtures', 'cpython311-import-tracemalloc.json')

PROBES = [
    'import tracemalloc\n',
    'a = [[] for i in range(50)]\nd = [{"k": i} for i in range(50)]\ndel a, d\nimport tracemalloc\n',
    'x = 1\nimport tracemalloc\n',
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--python', default='python3')
    ap.add_argument('out', nargs='?', default=DEFAULT_OUT)
    args = ap.parse_args()
    exe, version = record_startup.real_python(args.python)
    runs = record_startup.record_first_import(exe, 'tracemalloc', PROBES)
    if any(r['events'] != runs[0]['events'] for r in runs[1:]):
        print('note: the probes\' events differ (collections freed different objects)', file=sys.stderr)
    profile = {
        'python': version,
        'recorded_by': 'src/core/profiles/record_tracemalloc_import.py',
        'events': runs[0]['events'],
        'probes': [{k: r[k] for k in ('program', 'start', 'end')} for r in runs],
    }
    with open(args.out, 'w') as f:
        json.dump(profile, f, separators=(',', ':'))
        f.write('\n')
    print(f'{args.out}: {len(runs[0]["events"])} events; ' +
          '; '.join(f'{r["start"]["count"]} -> {r["end"]["count"]}, keys {r["start"]["dictKeys"]} -> '
                    f'{r["end"]["dictKeys"]}' for r in runs))


if __name__ == '__main__':
    main()
