/**
 * Addresses of statically allocated objects (builtin types, None, small ints, the
 * latin-1 one-character strings, …): CPython keeps them in the interpreter binary's data
 * segment, outside pymalloc, so they never share an address with a heap object.
 */
import type { PyObject } from '../objects/object';
import { rt } from '../vm/runtime';

const DATA_SEGMENT = 0x55d0_48a0_0000;
let next = DATA_SEGMENT;

/** Every static object, so that each run can start from the same static state. */
const placed: PyObject[] = [];
let initialRefcounts: number[] | null = null;
let initialSubclasses: number[] | null = null;

/** Places `o` at the next static address; `size` includes any pre-header. */
export function placeStatic<T extends PyObject>(o: T, size: number, preheader = 0): T {
  o.addr = next + preheader;
  next += (size + 15) & ~15;
  placed.push(o);
  return o;
}

/** Whether `o` lives in the static segment (small enough for V8 to inline in deallocs). */
export function isStatic(o: PyObject): boolean {
  return o.addr < next && o.addr >= DATA_SEGMENT;
}

/**
 * A static object's count reached 0. Static objects are never freed. While the program runs
 * that means the engine dropped a reference it did not hold: stop rather than corrupt the
 * heap. At finalization it is expected: the modules CPython's startup had loaded release
 * references its calibrated counts already hold (run.ts initInterpreter).
 */
export function staticObjectDied(o: PyObject): boolean {
  if (!isStatic(o)) return false;
  if (rt.finalizing) return true;
  const what =
    'qualname' in o
      ? `type ${String(o.qualname)}`
      : 'value' in o
        ? `str ${JSON.stringify(o.value)}`
        : o.type.name;
  throw new Error(`engine bug: the count of the static ${what} at 0x${o.addr.toString(16)} reached 0`);
}

/**
 * Static objects whose count CPython's startup would set to a number the engine does not
 * know (no calibration measured it): sys.getrefcount says so rather than print a guess.
 */
const countUnknown = new Set<PyObject>();

export function markCountUnknown(o: PyObject): void {
  countUnknown.add(o);
}

export function isCountUnknown(o: PyObject): boolean {
  return countUnknown.has(o);
}

/** Every static object (borrowed). */
export function staticObjects(): readonly PyObject[] {
  return placed;
}

type WithSubclasses = PyObject & { subclasses?: PyObject[] };

/** Records the static objects' state once the builtin types are ready. */
export function freezeStaticState(): void {
  initialRefcounts = placed.map((o) => o.refcnt);
  initialSubclasses = placed.map((o) => (o as WithSubclasses).subclasses?.length ?? 0);
}

/**
 * Puts the static objects back as they were before any run: a previous run in this
 * process (or one stopped at a snapshot) may have left references, weak references or
 * subclasses on them.
 */
export function resetStaticState(): void {
  if (initialRefcounts === null || initialSubclasses === null) return;
  for (let i = 0; i < placed.length; i++) {
    const o = placed[i] as WithSubclasses;
    if (i < initialRefcounts.length) {
      o.refcnt = initialRefcounts[i];
      if (o.subclasses !== undefined) o.subclasses.length = initialSubclasses[i];
    }
    o.weakrefs = null;
  }
}
