/**
 * The numbers of the one profile the engine models: CPython 3.11 on 64-bit Linux
 * (x86-64, GCC, pymalloc with the radix tree). Names are CPython's; derived values are
 * computed, not typed, so they cannot drift from the constants they come from.
 */

// ------------------------------------------------------------- Objects/obmalloc.c
export const ALIGNMENT = 16;
export const ALIGNMENT_SHIFT = 4;
export const SMALL_REQUEST_THRESHOLD = 512;
export const NB_SMALL_SIZE_CLASSES = SMALL_REQUEST_THRESHOLD / ALIGNMENT;
export const ARENA_BITS = 20;
export const ARENA_SIZE = 1 << ARENA_BITS;
export const POOL_BITS = 14;
export const POOL_SIZE = 1 << POOL_BITS;
export const MAX_POOLS_IN_ARENA = ARENA_SIZE / POOL_SIZE;
/** sizeof(struct pool_header) rounded up to ALIGNMENT. */
export const POOL_OVERHEAD = 48;
export const INITIAL_ARENA_OBJECTS = 16;

// ------------------------------------------------------------------ object layout
export const SIZEOF_POINTER = 8;
export const SIZEOF_PYOBJECT = 16;
export const SIZEOF_PYVAROBJECT = 24;
export const SIZEOF_PYGC_HEAD = 16;
/** Py_TPFLAGS_MANAGED_DICT: the values and dict pointers live before the GC head. */
export const SIZEOF_MANAGED_DICT_PREHEADER = 16;

// -------------------------------------------------------------- Modules/gcmodule.c
export const GC_THRESHOLDS: readonly [number, number, number] = [700, 10, 10];
/**
 * The objects CPython 3.11.7 has from startup (with site): `len(gc.get_objects(2))` at the
 * first line of a script. After a full collection they are part of long_lived_total (the
 * 25 % rule) though the engine does not model them one by one.
 */
export const STARTUP_LONG_LIVED_TOTAL = 10919;

// ------------------------------------------------------------------- free lists
export const PyTuple_MAXSAVESIZE = 20;
export const PyTuple_MAXFREELIST = 2000;
export const PyList_MAXFREELIST = 80;
export const PyDict_MAXFREELIST = 80;
export const PyFloat_MAXFREELIST = 100;

// ------------------------------------------------------------------- small ints
export const NSMALLNEGINTS = 5;
export const NSMALLPOSINTS = 257;
/** _PyObject_IMMORTAL_INIT: the starting count of statically allocated objects. */
export const IMMORTAL_REFCNT = 999_999_999;

// ------------------------------------------------------------------------ misc
export const DEFAULT_RECURSION_LIMIT = 1000;
export const PY_VERSION = '3.11.7';
