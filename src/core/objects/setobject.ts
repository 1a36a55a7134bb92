/**
 * set and frozenset: CPython's open-addressing table. @cpython Objects/setobject.c (3.11)
 *
 *   PySetObject (200 bytes + GC head): fill, used, mask, table pointer, hash, finger,
 *   the 8-entry smalltable, weakreflist. Bigger tables are a separate PyMem allocation
 *   of 16 bytes (key, hash) per slot.
 *
 * Probing: LINEAR_PROBES (9) neighbours after each slot when they fit below the mask,
 * then `i = (i * 5 + 1 + perturb) & mask` with `perturb >>= 5`. An insert that makes
 * `fill * 5 >= mask * 3` resizes to the smallest power of two greater than `used * 4`
 * (`used * 2` above 50000 entries). Deleted slots hold a dummy key with hash -1; free
 * slots have a NULL key and hash 0. Iteration, traversal and deallocation go in slot
 * order. Both types are GC types, tracked as soon as they are allocated
 * (PyType_GenericAlloc); `frozenset()` is not a singleton in 3.11.
 */
import { CompareOp, PyObject, PyType, TypeFlag, decref, type Visit } from './object';
import { ObjectType, staticType } from './roots';
import { allocGCObject, gcDel, pyFree, pyMalloc } from '../memory/alloc';
import { memoryObserver } from '../memory/memory-observer';
import { rt } from '../vm/runtime';
import { trashcanBegin, trashcanEnd } from '../memory/trashcan';
import { PyStr, StrType, newStr, strHash } from './unicodeobject';
import { None, newNone, newNotImplemented } from './noneobject';
import { newBool, True } from './boolobject';
import { newInt } from './longobject';
import { getIter, iterNext, objectHash, objectRepr, reprEnter, reprLeave, richCompareBool } from './abstract';
import { PyDict, DictType, dictGetItemWithHash } from './dictobject';
import { dictNextWithHash } from './dicttype';
import { KeyErrorType, RuntimeErrorType, TypeErrorType } from './exceptions';
import { keyError, raise, typeError } from '../vm/errors';
import { exactArgs, noKeywords, rangeArgs } from '../vm/args';
import { clearWeakrefs } from './weakrefobject';
import { newEmptyList, listExtend } from './listobject';
import { PyTuple, newTuple, registerExactHash, objectHashExact, exactHasherOf } from './tupleobject';
import type { PyTuple as PyTupleT } from './tupleobject';

export const SetType: PyType = staticType({
  name: 'set',
  basicsize: 200,
  flags: TypeFlag.BASETYPE | TypeFlag.HAVE_GC,
});
export const FrozenSetType: PyType = staticType({
  name: 'frozenset',
  basicsize: 200,
  flags: TypeFlag.BASETYPE | TypeFlag.HAVE_GC,
});
SetType.weakrefable = true;
FrozenSetType.weakrefable = true;

const PySet_MINSIZE = 8;
const LINEAR_PROBES = 9;
const SETENTRY_SIZE = 16;

/** The key of deleted slots (_dummy_struct); never visible from Python. */
const dummy = new PyObject(ObjectType);

export class PySet extends PyObject {
  /** Active + dummy slots. */
  fill = 0;
  /** Active slots. */
  used = 0;
  mask = PySet_MINSIZE - 1;
  /**
   * The table: key per slot (null = never used, `dummy` = deleted) and its hash, exact:
   * a number when it is a safe integer, else a bigint (see SetHash).
   */
  keys: (PyObject | null)[] = new Array<PyObject | null>(PySet_MINSIZE).fill(null);
  hashes: SetHash[] = new Array<SetHash>(PySet_MINSIZE).fill(0);
  /** Address of the malloc'ed table; 0 while the table is the smalltable. */
  tableAddr = 0;
  /** frozenset hash cache (-1 when not computed). */
  hash = -1;
  /** Where set.pop() starts looking. */
  finger = 0;
  constructor(type: PyType = SetType) {
    super(type);
  }
}

// ------------------------------------------------------------------ type checks

/** PyAnySet_Check. */
export function isAnySet(o: PyObject): o is PySet {
  return (
    o.type === SetType ||
    o.type === FrozenSetType ||
    o.type.isSubtypeOf(SetType) ||
    o.type.isSubtypeOf(FrozenSetType)
  );
}
/** PySet_Check: set or a subclass (not frozenset). */
export function isSet(o: PyObject): o is PySet {
  return o.type === SetType || o.type.isSubtypeOf(SetType);
}
/** PyAnySet_CheckExact. */
export function isAnySetExact(o: PyObject): o is PySet {
  return o.type === SetType || o.type === FrozenSetType;
}
export function isFrozenSet(o: PyObject): o is PySet {
  return o.type === FrozenSetType || o.type.isSubtypeOf(FrozenSetType);
}

/**
 * A Py_hash_t kept exactly: a JS number while it is a safe integer, else a bigint (tuple
 * and frozenset hashes usually are), so that probing uses all 64 bits as CPython does and
 * sets of tuples iterate in CPython's order. Equal hashes have the same representation.
 */
export type SetHash = number | bigint;

const normHash = (h: bigint): SetHash => {
  const n = Number(h);
  return Number.isSafeInteger(n) ? n : h;
};

/** The key's hash: the cached str hash, else PyObject_Hash (exact for tuples, big ints). */
function hashOf(key: PyObject): SetHash {
  if (key.type === StrType) return strHash(key as PyStr);
  const exact = exactHasherOf(key);
  if (exact !== undefined) return normHash(exact(key));
  const h = objectHash(key);
  if (Number.isSafeInteger(h)) return h;
  return normHash(objectHashExact(key));
}

/** set_intersection hashes with PyObject_Hash (no str shortcut; same value). */
const hashOfAny = (key: PyObject): SetHash => hashOf(key);

/** A hash stored by a dict (a JS number): recomputed exactly when it is not safe. */
function dictStoredHash(key: PyObject, h: number): SetHash {
  return Number.isSafeInteger(h) ? h : normHash(objectHashExact(key));
}

/** The hash as the dict code holds it (a JS number). */
export const hashAsNumber = (h: SetHash): number => (typeof h === 'number' ? h : Number(h));

// ------------------------------------------------------------------ probing

/** The first probe slot: (size_t)hash & mask (low bits of the two's complement). */
const firstSlot = (hash: SetHash, mask: number): number =>
  typeof hash === 'number' ? hash & mask : Number(BigInt.asUintN(32, hash)) & mask;
/** perturb = (size_t)hash, as two unsigned 32-bit halves. */
const perturbLo = (hash: SetHash): number =>
  typeof hash === 'number' ? hash >>> 0 : Number(BigInt.asUintN(32, hash));
const perturbHi = (hash: SetHash): number =>
  typeof hash === 'number'
    ? Math.floor(hash / 4294967296) >>> 0
    : Number(BigInt.asUintN(32, BigInt.asUintN(64, hash) >> 32n));

function keysEqualStr(a: PyObject, b: PyObject): boolean {
  return a.type === StrType && b.type === StrType && (a as PyStr).value === (b as PyStr).value;
}

/**
 * set_lookkey: the slot holding key, or the free slot where the search ended (its key
 * is null). May call __eq__; starts over if that mutates the table.
 */
function setLookkey(so: PySet, key: PyObject, hash: SetHash): number {
  restart: for (;;) {
    const table = so.keys;
    let mask = so.mask;
    let i = firstSlot(hash, mask);
    let lo = perturbLo(hash);
    let hi = perturbHi(hash);
    for (;;) {
      let j = i;
      let probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
      do {
        const startkey = table[j];
        const h = so.hashes[j];
        if (h === 0 && startkey === null) return j;
        if (h === hash && startkey !== null) {
          if (startkey === key) return j;
          if (keysEqualStr(startkey, key)) return j;
          startkey.refcnt++;
          let cmp: boolean;
          try {
            cmp = richCompareBool(startkey, key, CompareOp.EQ);
          } finally {
            decref(startkey);
          }
          if (table !== so.keys || so.keys[j] !== startkey) continue restart;
          if (cmp) return j;
          mask = so.mask;
        }
        j++;
      } while (probes-- > 0);
      lo = ((lo >>> 5) | ((hi & 31) << 27)) >>> 0;
      hi >>>= 5;
      i = (i * 5 + 1 + lo) & mask;
    }
  }
}

/** set_insert_clean: puts a key known to be absent into a table without dummies. */
function setInsertClean(
  keys: (PyObject | null)[],
  hashes: SetHash[],
  mask: number,
  key: PyObject,
  hash: SetHash,
): void {
  let lo = perturbLo(hash);
  let hi = perturbHi(hash);
  let i = firstSlot(hash, mask);
  for (;;) {
    if (keys[i] === null) {
      keys[i] = key;
      hashes[i] = hash;
      return;
    }
    if (i + LINEAR_PROBES <= mask) {
      for (let j = 1; j <= LINEAR_PROBES; j++) {
        if (keys[i + j] === null) {
          keys[i + j] = key;
          hashes[i + j] = hash;
          return;
        }
      }
    }
    lo = ((lo >>> 5) | ((hi & 31) << 27)) >>> 0;
    hi >>>= 5;
    i = (i * 5 + 1 + lo) & mask;
  }
}

/** @cpython Objects/setobject.c set_table_resize */
function setTableResize(so: PySet, minused: number): void {
  let newsize = PySet_MINSIZE;
  while (newsize <= minused) newsize *= 2;
  const oldkeys = so.keys;
  const oldhashes = so.hashes;
  const oldAddr = so.tableAddr;
  let newAddr = 0;
  if (newsize === PySet_MINSIZE) {
    if (oldAddr === 0 && so.fill === so.used) return;
  } else {
    newAddr = pyMalloc(SETENTRY_SIZE * newsize);
  }
  const keys = new Array<PyObject | null>(newsize).fill(null);
  const hashes = new Array<SetHash>(newsize).fill(0);
  const newmask = newsize - 1;
  so.mask = newmask;
  so.keys = keys;
  so.hashes = hashes;
  so.tableAddr = newAddr;
  memoryObserver?.objectResized?.(so);
  if (so.fill === so.used) {
    for (let i = 0; i < oldkeys.length; i++) {
      const k = oldkeys[i];
      if (k !== null) setInsertClean(keys, hashes, newmask, k, oldhashes[i]);
    }
  } else {
    so.fill = so.used;
    for (let i = 0; i < oldkeys.length; i++) {
      const k = oldkeys[i];
      if (k !== null && k !== dummy) setInsertClean(keys, hashes, newmask, k, oldhashes[i]);
    }
  }
  if (oldAddr !== 0) pyFree(oldAddr);
}

/** @cpython Objects/setobject.c set_add_entry (borrowed key; the set takes a reference). */
function setAddEntry(so: PySet, key: PyObject, hash: SetHash): void {
  key.refcnt++;
  restart: for (;;) {
    const table = so.keys;
    let mask = so.mask;
    let i = firstSlot(hash, mask);
    let freeslot = -1;
    let lo = perturbLo(hash);
    let hi = perturbHi(hash);
    for (;;) {
      let j = i;
      let probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
      do {
        const startkey = table[j];
        const h = so.hashes[j];
        if (h === 0 && startkey === null) {
          // found_unused_or_dummy
          if (freeslot >= 0) {
            so.used++;
            so.keys[freeslot] = key;
            so.hashes[freeslot] = hash;
            return;
          }
          so.fill++;
          so.used++;
          so.keys[j] = key;
          so.hashes[j] = hash;
          if (so.fill * 5 < mask * 3) return;
          setTableResize(so, so.used > 50000 ? so.used * 2 : so.used * 4);
          return;
        }
        if (h === hash && startkey !== null) {
          if (startkey === key || keysEqualStr(startkey, key)) {
            decref(key);
            return;
          }
          startkey.refcnt++;
          let cmp: boolean;
          try {
            cmp = richCompareBool(startkey, key, CompareOp.EQ);
          } catch (e) {
            decref(startkey);
            decref(key);
            throw e;
          }
          decref(startkey);
          if (cmp) {
            decref(key);
            return;
          }
          if (table !== so.keys || so.keys[j] !== startkey) continue restart;
          mask = so.mask;
        } else if (h === -1) {
          freeslot = j;
        }
        j++;
      } while (probes-- > 0);
      lo = ((lo >>> 5) | ((hi & 31) << 27)) >>> 0;
      hi >>>= 5;
      i = (i * 5 + 1 + lo) & mask;
    }
  }
}

function setContainsEntry(so: PySet, key: PyObject, hash: SetHash): boolean {
  const j = setLookkey(so, key, hash);
  return so.keys[j] !== null;
}

/** set_discard_entry: true when the key was there (DISCARD_FOUND). */
function setDiscardEntry(so: PySet, key: PyObject, hash: SetHash): boolean {
  const j = setLookkey(so, key, hash);
  const old = so.keys[j];
  if (old === null) return false;
  so.keys[j] = dummy;
  so.hashes[j] = -1;
  so.used--;
  decref(old);
  return true;
}

function setAddKey(so: PySet, key: PyObject): void {
  setAddEntry(so, key, hashOf(key));
}
function setContainsKey(so: PySet, key: PyObject): boolean {
  return setContainsEntry(so, key, hashOf(key));
}
function setDiscardKey(so: PySet, key: PyObject): boolean {
  return setDiscardEntry(so, key, hashOf(key));
}

function setEmptyToMinsize(so: PySet): void {
  so.keys = new Array<PyObject | null>(PySet_MINSIZE).fill(null);
  so.hashes = new Array<SetHash>(PySet_MINSIZE).fill(0);
  so.fill = 0;
  so.used = 0;
  so.mask = PySet_MINSIZE - 1;
  so.tableAddr = 0;
  so.hash = -1;
  memoryObserver?.objectResized?.(so);
}

/** @cpython Objects/setobject.c set_clear_internal: empty first, then release in slot order. */
export function setClearInternal(so: PySet): void {
  const keys = so.keys;
  const addr = so.tableAddr;
  let used = so.used;
  if (addr === 0 && so.fill === 0) return;
  setEmptyToMinsize(so);
  for (let i = 0; used > 0; i++) {
    const k = keys[i];
    if (k !== null && k !== dummy) {
      used--;
      decref(k);
    }
  }
  if (addr !== 0) pyFree(addr);
}

/** set_next: the next active slot at or after pos, or -1. */
function setNext(so: PySet, pos: number): number {
  const mask = so.mask;
  const keys = so.keys;
  while (pos <= mask && (keys[pos] === null || keys[pos] === dummy)) pos++;
  return pos > mask ? -1 : pos;
}

/** The active keys in slot order (borrowed). */
export function setKeys(so: PySet): PyObject[] {
  const out: PyObject[] = [];
  for (let i = 0; i <= so.mask; i++) {
    const k = so.keys[i];
    if (k !== null && k !== dummy) out.push(k);
  }
  return out;
}

/** _PySet_NextEntry-style snapshot: [key, hash] of the active slots (borrowed keys). */
export function setEntries(so: PySet): [PyObject, SetHash][] {
  const out: [PyObject, SetHash][] = [];
  for (let i = 0; i <= so.mask; i++) {
    const k = so.keys[i];
    if (k !== null && k !== dummy) out.push([k, so.hashes[i]]);
  }
  return out;
}

// ------------------------------------------------------------------ memory slots

/** @cpython Objects/setobject.c set_dealloc */
function setDealloc(o: PyObject): void {
  const so = o as PySet;
  rt.gc.untrack(so);
  if (!trashcanBegin(so)) return;
  if (so.weakrefs !== null) clearWeakrefs(so);
  let used = so.used;
  const keys = so.keys;
  for (let i = 0; used > 0; i++) {
    const k = keys[i];
    if (k !== null && k !== dummy) {
      used--;
      decref(k);
    }
  }
  if (so.tableAddr !== 0) pyFree(so.tableAddr);
  so.tableAddr = 0;
  gcDel(so);
  trashcanEnd();
}

/** set_traverse: active keys in slot order. */
function setTraverse(o: PyObject, visit: Visit): void {
  const so = o as PySet;
  for (let i = 0; i <= so.mask; i++) {
    const k = so.keys[i];
    if (k !== null && k !== dummy) visit(k, 'key');
  }
}

/** set_sizeof: the object, plus the table when it is not the smalltable. */
export function setSizeof(o: PyObject): number {
  const so = o as PySet;
  let res = so.type.basicsize;
  if (so.tableAddr !== 0) res += (so.mask + 1) * SETENTRY_SIZE;
  return res;
}

// ------------------------------------------------------------------ creation

/** make_new_set: PyType_GenericAlloc (tracked at once), then the update. */
function makeNewSet(type: PyType, iterable: PyObject | null): PySet {
  const so = allocGCObject(new PySet(type), (type.basicsize + 7) & ~7);
  if (type.isHeapType) type.refcnt++;
  rt.gc.track(so);
  if (iterable !== null) {
    try {
      setUpdateInternal(so, iterable);
    } catch (e) {
      decref(so);
      throw e;
    }
  }
  return so;
}

/** make_new_set_basetype: results of operations are plain set/frozenset. */
function makeNewSetBasetype(type: PyType, iterable: PyObject | null): PySet {
  if (type !== SetType && type !== FrozenSetType) {
    type = type.isSubtypeOf(SetType) ? SetType : FrozenSetType;
  }
  return makeNewSet(type, iterable);
}

function makeNewFrozenset(type: PyType, iterable: PyObject | null): PyObject {
  if (type !== FrozenSetType) return makeNewSet(type, iterable);
  if (iterable !== null && iterable.type === FrozenSetType) return (iterable.refcnt++, iterable);
  return makeNewSet(type, iterable);
}

/** PySet_New(NULL): a new empty set (BUILD_SET). */
export function newSet(iterable: PyObject | null = null): PySet {
  return makeNewSet(SetType, iterable);
}

/** PyFrozenSet_New. */
export function newFrozenSet(iterable: PyObject | null = null): PySet {
  return makeNewSet(FrozenSetType, iterable);
}

/** PySet_Add (SET_ADD, BUILD_SET): key borrowed. */
export function setAdd(s: PyObject, key: PyObject): void {
  setAddKey(s as PySet, key);
}

/** _PySet_Update (SET_UPDATE): iterable borrowed. */
export function setUpdate(s: PyObject, iterable: PyObject): void {
  setUpdateInternal(s as PySet, iterable);
}

/** PySet_Contains / PySet_Discard for callers outside this module. */
export function setContains(s: PyObject, key: PyObject): boolean {
  return setContainsKey(s as PySet, key);
}
export function setDiscard(s: PyObject, key: PyObject): boolean {
  return setDiscardKey(s as PySet, key);
}

/**
 * A frozenset of these items (borrowed), as the compiler folds `x in {1, 2}`:
 * PyFrozenSet_New over a tuple of the constants.
 */
export function newFrozenSetFromArray(items: PyObject[]): PyObject {
  const so = makeNewSet(FrozenSetType, null);
  try {
    for (const item of items) setAddKey(so, item);
  } catch (e) {
    decref(so);
    throw e;
  }
  return so;
}

// ------------------------------------------------------------------ update / merge

/** @cpython Objects/setobject.c set_merge */
function setMerge(so: PySet, other: PySet): void {
  if (other === so || other.used === 0) return;
  if ((so.fill + other.used) * 5 >= so.mask * 3) {
    setTableResize(so, (so.used + other.used) * 2);
  }
  if (so.fill === 0 && so.mask === other.mask && other.fill === other.used) {
    for (let i = 0; i <= other.mask; i++) {
      const key = other.keys[i];
      if (key !== null) {
        key.refcnt++;
        so.keys[i] = key;
        so.hashes[i] = other.hashes[i];
      }
    }
    so.fill = other.fill;
    so.used = other.used;
    return;
  }
  if (so.fill === 0) {
    const keys = so.keys;
    const hashes = so.hashes;
    const newmask = so.mask;
    so.fill = other.used;
    so.used = other.used;
    for (let i = 0; i <= other.mask; i++) {
      const key = other.keys[i];
      if (key !== null && key !== dummy) {
        key.refcnt++;
        setInsertClean(keys, hashes, newmask, key, other.hashes[i]);
      }
    }
    return;
  }
  for (let i = 0; i <= other.mask; i++) {
    const key = other.keys[i];
    if (key !== null && key !== dummy) setAddEntry(so, key, other.hashes[i]);
  }
}

/** @cpython Objects/setobject.c set_update_internal */
function setUpdateInternal(so: PySet, other: PyObject): void {
  if (isAnySet(other)) {
    setMerge(so, other);
    return;
  }
  if (other.type === DictType) {
    const d = other as PyDict;
    const dictsize = d.used;
    if ((so.fill + dictsize) * 5 >= so.mask * 3) {
      setTableResize(so, (so.used + dictsize) * 2);
    }
    let pos = 0;
    for (;;) {
      const e = dictNextWithHash(d, pos);
      if (e === null) break;
      pos = e.pos;
      setAddEntry(so, e.key, dictStoredHash(e.key, e.hash));
    }
    return;
  }
  const it = getIter(other);
  try {
    for (;;) {
      const key = iterNext(it);
      if (key === null) break;
      try {
        setAddKey(so, key);
      } finally {
        decref(key);
      }
    }
  } finally {
    decref(it);
  }
}

// ------------------------------------------------------------------ operations

/** set_copy (make_new_set_basetype of the same kind). */
function setCopy(so: PySet): PySet {
  return makeNewSetBasetype(so.type, so);
}

function frozensetCopy(so: PySet): PyObject {
  if (so.type === FrozenSetType) return (so.refcnt++, so);
  return setCopy(so);
}

/** set_swap_bodies: exchanges the tables (and frozenset hashes when both are frozen). */
function setSwapBodies(a: PySet, b: PySet): void {
  const fields = ['fill', 'used', 'mask', 'keys', 'hashes', 'tableAddr'] as const;
  memoryObserver?.objectResized?.(a);
  memoryObserver?.objectResized?.(b);
  for (const f of fields) {
    const t = a[f];
    (a as unknown as Record<string, unknown>)[f] = b[f];
    (b as unknown as Record<string, unknown>)[f] = t;
  }
  if (a.type.isSubtypeOf(FrozenSetType) && b.type.isSubtypeOf(FrozenSetType)) {
    const h = a.hash;
    a.hash = b.hash;
    b.hash = h;
  } else {
    a.hash = -1;
    b.hash = -1;
  }
}

/** @cpython Objects/setobject.c set_intersection */
function setIntersection(so: PySet, other: PyObject): PySet {
  if (so === other) return setCopy(so);
  const result = makeNewSetBasetype(so.type, null);
  try {
    if (isAnySet(other)) {
      let a: PySet = so;
      let b: PySet = other;
      if (b.used > a.used) {
        const t = a;
        a = b;
        b = t;
      }
      for (let pos = setNext(b, 0); pos >= 0; pos = setNext(b, pos + 1)) {
        const key = b.keys[pos]!;
        const hash = b.hashes[pos];
        key.refcnt++;
        try {
          if (setContainsEntry(a, key, hash)) setAddEntry(result, key, hash);
        } finally {
          decref(key);
        }
      }
      return result;
    }
    const it = getIter(other);
    try {
      for (;;) {
        const key = iterNext(it);
        if (key === null) break;
        try {
          const hash = hashOfAny(key);
          if (setContainsEntry(so, key, hash)) {
            setAddEntry(result, key, hash);
            if (result.used >= so.used) break;
          }
        } finally {
          decref(key);
        }
      }
    } finally {
      decref(it);
    }
    return result;
  } catch (e) {
    decref(result);
    throw e;
  }
}

function setIntersectionMulti(so: PySet, others: PyObject[]): PySet {
  if (others.length === 0) return setCopy(so);
  so.refcnt++;
  let result: PySet = so;
  for (const other of others) {
    let newresult: PySet;
    try {
      newresult = setIntersection(result, other);
    } catch (e) {
      decref(result);
      throw e;
    }
    decref(result);
    result = newresult;
  }
  return result;
}

function setIntersectionUpdate(so: PySet, other: PyObject): void {
  const tmp = setIntersection(so, other);
  setSwapBodies(so, tmp);
  decref(tmp);
}

/** @cpython Objects/setobject.c set_isdisjoint */
function setIsDisjoint(so: PySet, other: PyObject): boolean {
  if (so === other) return so.used === 0;
  if (isAnySetExact(other)) {
    let a: PySet = so;
    let b: PySet = other;
    if (b.used > a.used) {
      const t = a;
      a = b;
      b = t;
    }
    for (let pos = setNext(b, 0); pos >= 0; pos = setNext(b, pos + 1)) {
      const key = b.keys[pos]!;
      key.refcnt++;
      let rv: boolean;
      try {
        rv = setContainsEntry(a, key, b.hashes[pos]);
      } finally {
        decref(key);
      }
      if (rv) return false;
    }
    return true;
  }
  const it = getIter(other);
  try {
    for (;;) {
      const key = iterNext(it);
      if (key === null) return true;
      let rv: boolean;
      try {
        rv = setContainsKey(so, key);
      } finally {
        decref(key);
      }
      if (rv) return false;
    }
  } finally {
    decref(it);
  }
}

/** @cpython Objects/setobject.c set_difference_update_internal */
function setDifferenceUpdateInternal(so: PySet, other: PyObject): void {
  if (so === other) {
    setClearInternal(so);
    return;
  }
  if (isAnySet(other)) {
    let o: PySet;
    if (other.used >> 3 > so.used) o = setIntersection(so, other);
    else o = (other.refcnt++, other);
    try {
      for (let pos = setNext(o, 0); pos >= 0; pos = setNext(o, pos + 1)) {
        const key = o.keys[pos]!;
        key.refcnt++;
        try {
          setDiscardEntry(so, key, o.hashes[pos]);
        } finally {
          decref(key);
        }
      }
    } finally {
      decref(o);
    }
  } else {
    const it = getIter(other);
    try {
      for (;;) {
        const key = iterNext(it);
        if (key === null) break;
        try {
          setDiscardKey(so, key);
        } finally {
          decref(key);
        }
      }
    } finally {
      decref(it);
    }
  }
  if (so.fill - so.used <= so.mask >>> 2) return;
  setTableResize(so, so.used > 50000 ? so.used * 2 : so.used * 4);
}

function setCopyAndDifference(so: PySet, other: PyObject): PySet {
  const result = setCopy(so);
  try {
    setDifferenceUpdateInternal(result, other);
  } catch (e) {
    decref(result);
    throw e;
  }
  return result;
}

/** @cpython Objects/setobject.c set_difference */
function setDifference(so: PySet, other: PyObject): PySet {
  let otherSize: number;
  if (isAnySet(other)) otherSize = other.used;
  else if (other.type === DictType) otherSize = (other as PyDict).used;
  else return setCopyAndDifference(so, other);
  if (so.used >> 2 > otherSize) return setCopyAndDifference(so, other);
  const result = makeNewSetBasetype(so.type, null);
  try {
    for (let pos = setNext(so, 0); pos >= 0; pos = setNext(so, pos + 1)) {
      const key = so.keys[pos]!;
      const hash = so.hashes[pos];
      key.refcnt++;
      try {
        const rv =
          other.type === DictType
            ? dictGetItemWithHash(other as PyDict, key, hashAsNumber(hash)) !== null
            : setContainsEntry(other as PySet, key, hash);
        if (!rv) setAddEntry(result, key, hash);
      } finally {
        decref(key);
      }
    }
  } catch (e) {
    decref(result);
    throw e;
  }
  return result;
}

function setDifferenceMulti(so: PySet, others: PyObject[]): PySet {
  if (others.length === 0) return setCopy(so);
  const result = setDifference(so, others[0]);
  try {
    for (let i = 1; i < others.length; i++) setDifferenceUpdateInternal(result, others[i]);
  } catch (e) {
    decref(result);
    throw e;
  }
  return result;
}

/** @cpython Objects/setobject.c set_symmetric_difference_update */
function setSymmetricDifferenceUpdate(so: PySet, other: PyObject): void {
  if (so === other) {
    setClearInternal(so);
    return;
  }
  if (other.type === DictType) {
    const d = other as PyDict;
    let pos = 0;
    for (;;) {
      const e = dictNextWithHash(d, pos);
      if (e === null) break;
      pos = e.pos;
      const key = e.key;
      const hash = dictStoredHash(key, e.hash);
      key.refcnt++;
      try {
        if (!setDiscardEntry(so, key, hash)) setAddEntry(so, key, hash);
      } finally {
        decref(key);
      }
    }
    return;
  }
  const otherset: PySet = isAnySet(other) ? (other.refcnt++, other) : makeNewSetBasetype(so.type, other);
  try {
    for (let pos = setNext(otherset, 0); pos >= 0; pos = setNext(otherset, pos + 1)) {
      const key = otherset.keys[pos]!;
      const hash = otherset.hashes[pos];
      key.refcnt++;
      try {
        if (!setDiscardEntry(so, key, hash)) setAddEntry(so, key, hash);
      } finally {
        decref(key);
      }
    }
  } finally {
    decref(otherset);
  }
}

function setSymmetricDifference(so: PySet, other: PyObject): PySet {
  const otherset = makeNewSetBasetype(so.type, other);
  try {
    setSymmetricDifferenceUpdate(otherset, so);
  } catch (e) {
    decref(otherset);
    throw e;
  }
  return otherset;
}

/** @cpython Objects/setobject.c set_issubset */
function setIsSubset(so: PySet, other: PyObject): boolean {
  if (!isAnySet(other)) {
    const tmp = makeNewSet(SetType, other);
    try {
      return setIsSubset(so, tmp);
    } finally {
      decref(tmp);
    }
  }
  if (so.used > other.used) return false;
  for (let pos = setNext(so, 0); pos >= 0; pos = setNext(so, pos + 1)) {
    const key = so.keys[pos]!;
    key.refcnt++;
    let rv: boolean;
    try {
      rv = setContainsEntry(other, key, so.hashes[pos]);
    } finally {
      decref(key);
    }
    if (!rv) return false;
  }
  return true;
}

function setIsSuperset(so: PySet, other: PyObject): boolean {
  if (isAnySet(other)) return setIsSubset(other, so);
  const it = getIter(other);
  try {
    for (;;) {
      const key = iterNext(it);
      if (key === null) return true;
      let rv: boolean;
      try {
        rv = setContainsKey(so, key);
      } finally {
        decref(key);
      }
      if (!rv) return false;
    }
  } finally {
    decref(it);
  }
}

/** @cpython Objects/setobject.c set_richcompare */
function setRichCompare(v: PyObject, w: PyObject, op: CompareOp): PyObject {
  if (!isAnySet(w)) return newNotImplemented();
  const so = v as PySet;
  switch (op) {
    case CompareOp.EQ:
      if (so.used !== w.used) return newBool(false);
      if (so.hash !== -1 && w.hash !== -1 && so.hash !== w.hash) return newBool(false);
      return newBool(setIsSubset(so, w));
    case CompareOp.NE: {
      const r1 = setRichCompare(v, w, CompareOp.EQ);
      const r2 = r1 === True;
      decref(r1);
      return newBool(!r2);
    }
    case CompareOp.LE:
      return newBool(setIsSubset(so, w));
    case CompareOp.GE:
      return newBool(setIsSuperset(so, w));
    case CompareOp.LT:
      if (so.used >= w.used) return newBool(false);
      return newBool(setIsSubset(so, w));
    case CompareOp.GT:
      if (so.used <= w.used) return newBool(false);
      return newBool(setIsSuperset(so, w));
  }
  return newNotImplemented();
}

function isTypeError(e: unknown): e is PyObject {
  return e instanceof PyObject && e.type.isSubtypeOf(TypeErrorType);
}

/** set_contains: an unhashable set key is looked up as a frozenset. */
function setContainsSlot(o: PyObject, key: PyObject): boolean {
  const so = o as PySet;
  try {
    return setContainsKey(so, key);
  } catch (e) {
    if (!isSet(key) || !isTypeError(e)) throw e;
    decref(e);
    const tmpkey = makeNewSet(FrozenSetType, key);
    try {
      return setContainsKey(so, tmpkey);
    } finally {
      decref(tmpkey);
    }
  }
}

/** set_discard_key with the frozenset fallback of set.remove/discard. */
function discardWithFallback(so: PySet, key: PyObject): boolean {
  try {
    return setDiscardKey(so, key);
  } catch (e) {
    if (!isSet(key) || !isTypeError(e)) throw e;
    decref(e);
    const tmpkey = makeNewSet(FrozenSetType, key);
    try {
      return setDiscardKey(so, tmpkey);
    } finally {
      decref(tmpkey);
    }
  }
}

/** @cpython Objects/setobject.c set_pop */
function setPop(so: PySet): PyObject {
  if (so.used === 0) raise(KeyErrorType, 'pop from an empty set');
  let i = so.finger & so.mask;
  while (so.keys[i] === null || so.keys[i] === dummy) {
    i++;
    if (i > so.mask) i = 0;
  }
  const key = so.keys[i]!;
  so.keys[i] = dummy;
  so.hashes[i] = -1;
  so.used--;
  so.finger = i + 1;
  return key;
}

// ------------------------------------------------------------------ repr and hash

/** @cpython Objects/setobject.c set_repr: `{1, 2}`, `set()`, `frozenset({1})`, `S({1})`. */
function setRepr(o: PyObject): PyObject {
  const so = o as PySet;
  const name = so.type.name;
  if (reprEnter(so)) return newStr(`${name}(...)`);
  try {
    if (so.used === 0) return newStr(`${name}()`);
    const keys = newEmptyList();
    let listrepr: PyStr;
    try {
      listExtend(keys, so);
      listrepr = objectRepr(keys);
    } finally {
      decref(keys);
    }
    const tmp = newStr(listrepr.value.slice(1, -1));
    decref(listrepr);
    try {
      if (so.type !== SetType) return newStr(`${name}({${tmp.value}})`);
      return newStr(`{${tmp.value}}`);
    } finally {
      decref(tmp);
    }
  } finally {
    reprLeave(so);
  }
}

const M64 = (1n << 64n) - 1n;
const u64 = (h: SetHash): bigint => BigInt.asUintN(64, BigInt(h));
const shuffleBits = (h: bigint): bigint => ((h ^ 89869747n ^ (h << 16n)) * 3644798167n) & M64;

/** The frozenset hash on exact 64-bit values. @cpython Objects/setobject.c frozenset_hash */
export function frozensetHashBig(so: PySet): bigint {
  let hash = 0n;
  for (let i = 0; i <= so.mask; i++) hash ^= shuffleBits(u64(so.hashes[i]));
  if ((so.mask + 1 - so.fill) & 1) hash ^= shuffleBits(0n);
  if ((so.fill - so.used) & 1) hash ^= shuffleBits(M64);
  hash ^= (BigInt(so.used + 1) * 1927868237n) & M64;
  hash ^= (hash >> 11n) ^ (hash >> 25n);
  hash = (hash * 69069n + 907133923n) & M64;
  if (hash === M64) hash = 590923713n;
  return BigInt.asIntN(64, hash);
}

function frozensetHash(o: PyObject): number {
  const so = o as PySet;
  if (so.hash !== -1) return so.hash;
  so.hash = Number(frozensetHashBig(so));
  return so.hash;
}

// ------------------------------------------------------------------ number slots

function setOr(a: PyObject, b: PyObject): PyObject {
  if (!isAnySet(a) || !isAnySet(b)) return newNotImplemented();
  const result = setCopy(a);
  if (a === b) return result;
  try {
    setUpdateInternal(result, b);
  } catch (e) {
    decref(result);
    throw e;
  }
  return result;
}
function setAnd(a: PyObject, b: PyObject): PyObject {
  if (!isAnySet(a) || !isAnySet(b)) return newNotImplemented();
  return setIntersection(a, b);
}
function setSub(a: PyObject, b: PyObject): PyObject {
  if (!isAnySet(a) || !isAnySet(b)) return newNotImplemented();
  return setDifference(a, b);
}
function setXor(a: PyObject, b: PyObject): PyObject {
  if (!isAnySet(a) || !isAnySet(b)) return newNotImplemented();
  return setSymmetricDifference(a, b);
}
function setIor(a: PyObject, b: PyObject): PyObject {
  if (!isAnySet(b)) return newNotImplemented();
  setUpdateInternal(a as PySet, b);
  return (a.refcnt++, a);
}
function setIand(a: PyObject, b: PyObject): PyObject {
  if (!isAnySet(b)) return newNotImplemented();
  setIntersectionUpdate(a as PySet, b);
  return (a.refcnt++, a);
}
function setIsub(a: PyObject, b: PyObject): PyObject {
  if (!isAnySet(b)) return newNotImplemented();
  setDifferenceUpdateInternal(a as PySet, b);
  return (a.refcnt++, a);
}
function setIxor(a: PyObject, b: PyObject): PyObject {
  if (!isAnySet(b)) return newNotImplemented();
  setSymmetricDifferenceUpdate(a as PySet, b);
  return (a.refcnt++, a);
}

// ------------------------------------------------------------------ methods

const methO = (qual: string, f: (so: PySet, arg: PyObject) => PyObject) => ({
  name: qual.slice(qual.indexOf('.') + 1),
  call: (self: PyObject, args: PyObject[], kw: PyTupleT | null) => {
    exactArgs(qual, args, kw, 1);
    return f(self as PySet, args[0]);
  },
});
const methNoArgs = (qual: string, f: (so: PySet) => PyObject) => ({
  name: qual.slice(qual.indexOf('.') + 1),
  call: (self: PyObject, args: PyObject[], kw: PyTupleT | null) => {
    exactArgs(qual, args, kw, 0);
    return f(self as PySet);
  },
});
/**
 * METH_VARARGS methods. The args tuple CPython packs for each call is made by the method
 * descriptor (objects/varargs.ts marks these specs), not here.
 */
const methVarargs = (qual: string, f: (so: PySet, others: PyObject[]) => PyObject) => ({
  name: qual.slice(qual.indexOf('.') + 1),
  call: (self: PyObject, args: PyObject[], kw: PyTupleT | null) => {
    noKeywords(qual, kw);
    return f(self as PySet, args);
  },
});

function setUnion(so: PySet, others: PyObject[]): PyObject {
  const result = setCopy(so);
  try {
    for (const other of others) {
      if (other === so) continue;
      setUpdateInternal(result, other);
    }
  } catch (e) {
    decref(result);
    throw e;
  }
  return result;
}

/** set.__reduce__: (type, (list(self),), state). */
function setReduce(so: PySet): PyObject {
  const keys = newEmptyList();
  try {
    listExtend(keys, so);
  } catch (e) {
    decref(keys);
    throw e;
  }
  const args = newTuple([keys]);
  const d = so.extra?.dict ?? None;
  so.type.refcnt++;
  d.refcnt++;
  return newTuple([so.type, args, d]);
}

const sizeofMethod = (qual: string) => methNoArgs(qual, (so) => newInt(setSizeof(so)));
const containsMethod = (qual: string) => methO(qual, (so, key) => newBool(setContainsSlot(so, key)));

SetType.methodSpecs.push(
  methO('set.add', (so, key) => {
    setAddKey(so, key);
    return newNone();
  }),
  methNoArgs('set.clear', (so) => {
    setClearInternal(so);
    return newNone();
  }),
  containsMethod('set.__contains__'),
  methNoArgs('set.copy', (so) => setCopy(so)),
  methO('set.discard', (so, key) => {
    discardWithFallback(so, key);
    return newNone();
  }),
  methVarargs('set.difference', (so, others) => setDifferenceMulti(so, others)),
  methVarargs('set.difference_update', (so, others) => {
    for (const other of others) setDifferenceUpdateInternal(so, other);
    return newNone();
  }),
  methVarargs('set.intersection', (so, others) => setIntersectionMulti(so, others)),
  methVarargs('set.intersection_update', (so, others) => {
    const tmp = setIntersectionMulti(so, others);
    setSwapBodies(so, tmp);
    decref(tmp);
    return newNone();
  }),
  methO('set.isdisjoint', (so, other) => newBool(setIsDisjoint(so, other))),
  methO('set.issubset', (so, other) => newBool(setIsSubset(so, other))),
  methO('set.issuperset', (so, other) => newBool(setIsSuperset(so, other))),
  methNoArgs('set.pop', (so) => setPop(so)),
  methNoArgs('set.__reduce__', (so) => setReduce(so)),
  methO('set.remove', (so, key) => {
    if (!discardWithFallback(so, key)) keyError(key);
    return newNone();
  }),
  sizeofMethod('set.__sizeof__'),
  methO('set.symmetric_difference', (so, other) => setSymmetricDifference(so, other)),
  methO('set.symmetric_difference_update', (so, other) => {
    setSymmetricDifferenceUpdate(so, other);
    return newNone();
  }),
  methVarargs('set.union', (so, others) => setUnion(so, others)),
  methVarargs('set.update', (so, others) => {
    for (const other of others) setUpdateInternal(so, other);
    return newNone();
  }),
);

FrozenSetType.methodSpecs.push(
  containsMethod('frozenset.__contains__'),
  methNoArgs('frozenset.copy', (so) => frozensetCopy(so)),
  methVarargs('frozenset.difference', (so, others) => setDifferenceMulti(so, others)),
  methVarargs('frozenset.intersection', (so, others) => setIntersectionMulti(so, others)),
  methO('frozenset.isdisjoint', (so, other) => newBool(setIsDisjoint(so, other))),
  methO('frozenset.issubset', (so, other) => newBool(setIsSubset(so, other))),
  methO('frozenset.issuperset', (so, other) => newBool(setIsSuperset(so, other))),
  methNoArgs('frozenset.__reduce__', (so) => setReduce(so)),
  sizeofMethod('frozenset.__sizeof__'),
  methO('frozenset.symmetric_difference', (so, other) => setSymmetricDifference(so, other)),
  methVarargs('frozenset.union', (so, others) => setUnion(so, others)),
);

// ------------------------------------------------------------------ constructors

/** set_init: `set.__init__` (subclasses; `set()` itself uses set_vectorcall). */
SetType.tp_init = (self, args, kwnames) => {
  noKeywords('set', kwnames);
  rangeArgs(self.type.name, args, null, 0, 1);
  const so = self as PySet;
  if (so.fill) setClearInternal(so);
  so.hash = -1;
  if (args.length > 0) setUpdateInternal(so, args[0]);
};
/** set_new: an empty set of the (sub)type; __init__ fills it. */
SetType.tp_new = (type) => makeNewSet(type, null);
SetType.tp_vectorcall = (type, args, kwnames) => {
  noKeywords('set', kwnames);
  rangeArgs('set', args, null, 0, 1);
  return makeNewSet(type as PyType, args.length > 0 ? args[0] : null);
};

FrozenSetType.tp_new = (type, args, kwnames) => {
  if (type === FrozenSetType || type.tp_init === FrozenSetType.tp_init) noKeywords('frozenset', kwnames);
  const pos = args.slice(0, args.length - (kwnames === null ? 0 : kwnames.items.length));
  rangeArgs(type.name, pos, null, 0, 1);
  return makeNewFrozenset(type, pos.length > 0 ? pos[0] : null);
};
FrozenSetType.tp_vectorcall = (type, args, kwnames) => {
  noKeywords('frozenset', kwnames);
  rangeArgs('frozenset', args, null, 0, 1);
  return makeNewFrozenset(type as PyType, args.length > 0 ? args[0] : null);
};

// ------------------------------------------------------------------ slots

for (const t of [SetType, FrozenSetType]) {
  t.tp_dealloc = setDealloc;
  t.tp_traverse = setTraverse;
  t.tp_clear = (o) => setClearInternal(o as PySet);
  t.tp_sizeof = setSizeof;
  t.tp_repr = setRepr;
  t.tp_richcompare = setRichCompare;
  t.tp_iter = (o) => newSetIterator(o as PySet);
  t.mp_length = (o) => (o as PySet).used;
  t.sq_contains = setContainsSlot;
  t.nb_subtract = setSub;
  t.nb_and = setAnd;
  t.nb_xor = setXor;
  t.nb_or = setOr;
}
/**
 * PyObject_HashNotImplemented. A defined slot (rather than undefined) so that readying
 * does not inherit object's identity hash.
 */
export function hashNotImplemented(o: PyObject): number {
  return typeError(`unhashable type: '${o.type.name}'`);
}
FrozenSetType.tp_hash = frozensetHash;
registerExactHash(frozensetHash, (o) => {
  const so = o as PySet;
  return so.hash !== -1 && Number.isSafeInteger(so.hash) ? BigInt(so.hash) : frozensetHashBig(so);
});
SetType.nb_inplace_subtract = setIsub;
SetType.nb_inplace_and = setIand;
SetType.nb_inplace_xor = setIxor;
SetType.nb_inplace_or = setIor;

// ------------------------------------------------------------------ set_iterator

export const SetIterType: PyType = staticType({
  name: 'set_iterator',
  basicsize: 48,
  flags: TypeFlag.HAVE_GC,
});

export class PySetIter extends PyObject {
  used = 0;
  pos = 0;
  len = 0;
  constructor(public set: PySet | null) {
    super(SetIterType);
  }
}

/** set_iter. */
export function newSetIterator(so: PySet): PySetIter {
  const si = allocGCObject(new PySetIter(null), 48);
  so.refcnt++;
  si.set = so;
  si.used = so.used;
  si.pos = 0;
  si.len = so.used;
  rt.gc.track(si);
  return si;
}

/** @cpython Objects/setobject.c setiter_iternext */
SetIterType.tp_iternext = (o) => {
  const si = o as PySetIter;
  const so = si.set;
  if (so === null) return null;
  if (si.used !== so.used) {
    si.used = -1;
    raise(RuntimeErrorType, 'Set changed size during iteration');
  }
  let i = si.pos;
  const mask = so.mask;
  while (i <= mask && (so.keys[i] === null || so.keys[i] === dummy)) i++;
  si.pos = i + 1;
  if (i > mask) {
    si.set = null;
    decref(so);
    return null;
  }
  si.len--;
  const key = so.keys[i]!;
  return (key.refcnt++, key);
};
SetIterType.tp_iter = (o) => (o.refcnt++, o);
SetIterType.tp_dealloc = (o) => {
  const si = o as PySetIter;
  rt.gc.untrack(si);
  const so = si.set;
  si.set = null;
  if (so !== null) decref(so);
  gcDel(si);
};
SetIterType.tp_traverse = (o, visit) => {
  const so = (o as PySetIter).set;
  if (so !== null) visit(so, 'set');
};
const setIterLen = (o: PyObject): number => {
  const si = o as PySetIter;
  return si.set !== null && si.used === si.set.used ? si.len : 0;
};
SetIterType.lengthHint = setIterLen;
SetIterType.methodSpecs.push({
  name: '__length_hint__',
  call: (self, args, kw) => {
    exactArgs('set_iterator.__length_hint__', args, kw, 0);
    return newInt(setIterLen(self));
  },
});

export type { PyTuple };
