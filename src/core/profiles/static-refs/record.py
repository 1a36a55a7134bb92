"""Measures the references CPython 3.11's interpreter holds to its static objects at
program start (small ints, one-character str and bytes, None, True, False, ..., (), '',
b''): runs probe.py in CPython and in the engine, and adds the difference to
calibration.json (so running it again once they agree changes nothing). probe.test.ts
then checks that the engine prints exactly CPython's numbers for probe.py.

CPython's numbers depend a little on the environment it starts in (None's count moves with
the variables set), so an engine change that adds or removes static references should be
absorbed with --keep-recording: it compares the engine with the recorded probe.out instead
of running CPython again.

usage: python3 src/core/profiles/static-refs/record.py [--keep-recording]
       (CPython 3.11.7, 64-bit; from the repo root)
"""
import ast, json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROBE = os.path.join(HERE, 'probe.py')
CALIBRATION = os.path.join(HERE, 'calibration.json')
KEYS = ['ints', 'chars', 'identifiers', 'bytes', 'singletons', 'modules', 'names', 'types', 'attributes', 'descriptors', 'preloaded']

if sys.version_info[:2] != (3, 11):
    sys.exit('record with CPython 3.11')
keep = '--keep-recording' in sys.argv[1:]
if keep:
    cpython = open(os.path.join(HERE, 'probe.out')).read()
else:
    cpython = subprocess.run([sys.executable, PROBE], capture_output=True, text=True, check=True).stdout
engine = subprocess.run(['npm', 'run', '-s', 'engine', '--', PROBE, '--raw-refcounts'], capture_output=True, text=True, check=True).stdout
theirs = dict(zip(KEYS, map(ast.literal_eval, cpython.splitlines())))
ours = dict(zip(KEYS, map(ast.literal_eval, engine.splitlines())))
current = json.load(open(CALIBRATION)) if os.path.exists(CALIBRATION) else {}

def update(current, theirs, ours):
    """Lists are matched by position; dicts by key, for keys both sides have."""
    if isinstance(theirs, dict):
        current = current or {}
        return {k: current.get(k, 0) + theirs[k] - ours[k] for k in sorted(theirs) if k in ours}
    current = (current or []) + [0] * (len(theirs) - len(current or []))
    return [c + t - o for c, t, o in zip(current, theirs, ours)]


def differing(theirs, ours):
    if isinstance(theirs, dict):
        return sum(theirs[k] != ours[k] for k in theirs if k in ours)
    return sum(t != o for t, o in zip(theirs, ours))


updated = {k: update(current.get(k), theirs[k], ours[k]) for k in KEYS}
# A recorded startup name that no interned string of CPython's had when the probe interned it
# (the probe leaves it out) stays an ordinary string in the engine.
updated['unheldNames'] = sorted(n for n in ours['names'] if n not in theirs['names'])
with open(CALIBRATION, 'w') as f:
    json.dump(updated, f)
    f.write('\n')
# In the repository's layout (npm test checks it with Prettier).
subprocess.run(['npx', 'prettier', '--write', CALIBRATION], capture_output=True, check=True)
if not keep:
    with open(os.path.join(HERE, 'probe.out'), 'w') as f:
        f.write(cpython)
print('calibration.json updated;', sum(differing(theirs[k], ours[k]) for k in KEYS), 'values differed')
