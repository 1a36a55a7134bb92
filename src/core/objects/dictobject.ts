/**
 * dict: the compact, ordered hash table of CPython 3.11. @cpython Objects/dictobject.c
 *
 *   PyDictObject (48 bytes + GC head) ─▶ keys object: header 32 + index table + entries
 *                                     └▶ values array (split tables only)
 *
 * Keys kinds: GENERAL (hash, key, value: 24-byte entries), UNICODE (all keys exact str:
 * 16-byte entries) and SPLIT (the shared keys of a class's instances, values kept per
 * dict in a values array). Index slots: EMPTY (-1), DUMMY (-2, deleted), or an entry
 * index. Deleting never shrinks; only a resize compacts. See NOTES.md.
 */
import {
  PyObject,
  PyType,
  TypeFlag,
  decref,
  incref,
  xdecref,
  traverseLabels,
  type Visit,
  CompareOp,
} from './object';
import { staticType } from './roots';
import { PyStr, StrType, strHash } from './unicodeobject';
import { allocGCObject, gcDel, pyFree, pyMalloc, reborn } from '../memory/alloc';
import { memoryObserver } from '../memory/memory-observer';
import { rt } from '../vm/runtime';
import { trashcanBegin, trashcanEnd } from '../memory/trashcan';
import { mayBeTracked } from './tupleobject';
import { PyDict_MAXFREELIST } from '../profiles/cpython311';
import { objectHash, richCompareBool } from './abstract';

export const DictType: PyType = staticType({
  name: 'dict',
  basicsize: 48,
  flags: TypeFlag.BASETYPE | TypeFlag.HAVE_GC | TypeFlag.DICT_SUBCLASS,
});

export const enum KeysKind {
  GENERAL = 0,
  UNICODE = 1,
  SPLIT = 2,
}

const DKIX_EMPTY = -1;
const DKIX_DUMMY = -2;
const PERTURB_SHIFT = 5;
const LOG_MINSIZE = 3;

/** USABLE_FRACTION: a table of n slots holds 2n/3 entries. */
export const usableFraction = (n: number): number => ((n << 1) / 3) | 0;

function bitLength(x: number): number {
  return 32 - Math.clz32(x);
}

/** @cpython Objects/dictobject.c calculate_log2_keysize (its bit trick included). */
export function calculateLog2Keysize(minsize: number): number {
  if (minsize >= 2 ** 30) return Math.ceil(Math.log2(minsize));
  const m = (minsize | 8) - 1;
  return bitLength(m | 7);
}

export function estimateLog2Keysize(n: number): number {
  return calculateLog2Keysize(((n * 3 + 1) / 2) | 0);
}

/** PyDictKeysObject. */
export class DictKeys {
  refcnt = 1;
  readonly indices: Int32Array;
  readonly keys: (PyObject | null)[] = [];
  readonly hashes: number[] = [];
  /** Entry values of combined tables (unused for SPLIT). */
  readonly values: (PyObject | null)[] = [];
  nentries = 0;
  usable: number;
  addr = 0;
  constructor(
    readonly log2size: number,
    public kind: KeysKind,
  ) {
    this.indices = new Int32Array(1 << log2size).fill(DKIX_EMPTY);
    this.usable = usableFraction(1 << log2size);
  }
  get size(): number {
    return 1 << this.log2size;
  }
  /** _PyDict_KeysSize: header, index bytes, entries. */
  get bytes(): number {
    const log2 = this.log2size;
    const indexBytes = log2 < 8 ? 1 : log2 < 16 ? 2 : log2 < 32 ? 4 : 8;
    const entry = this.kind === KeysKind.GENERAL ? 24 : 16;
    return 32 + indexBytes * this.size + entry * usableFraction(this.size);
  }
}

/** Py_EMPTY_KEYS: shared by every empty dict; log2 size 0, nothing usable. */
export const EmptyKeys = new DictKeys(0, KeysKind.UNICODE);
EmptyKeys.usable = 0;
EmptyKeys.refcnt = 1 << 30;

/** PyDictValues of a split table (also an instance's inline values). */
export class SplitValues {
  readonly slots: (PyObject | null)[];
  /**
   * Insertion order (key indexes, oldest first), or null while it is 0, 1, …, count-1: the
   * usual case (instances set their attributes in the order the class's keys were made),
   * which then needs no array of its own.
   */
  private orderList: number[] | null = null;
  private identityCount = 0;
  addr = 0;
  constructor(size: number) {
    this.slots = new Array<PyObject | null>(size).fill(null);
  }

  /** How many entries the order holds. */
  get orderCount(): number {
    return this.orderList === null ? this.identityCount : this.orderList.length;
  }

  /** The key index inserted `pos`-th. */
  orderAt(pos: number): number {
    return this.orderList === null ? pos : this.orderList[pos];
  }

  /** The order as a new array. */
  orderItems(): number[] {
    if (this.orderList !== null) return this.orderList.slice();
    const out: number[] = [];
    for (let i = 0; i < this.identityCount; i++) out.push(i);
    return out;
  }

  pushOrder(ix: number): void {
    if (this.orderList === null) {
      if (ix === this.identityCount) {
        this.identityCount++;
        return;
      }
      this.orderList = this.orderItems();
    }
    this.orderList.push(ix);
  }

  /** Removes key index `ix` (present) from the order. */
  removeOrder(ix: number): void {
    if (this.orderList === null) {
      if (ix === this.identityCount - 1) {
        this.identityCount--;
        return;
      }
      this.orderList = this.orderItems();
    }
    const order = this.orderList;
    order.splice(order.indexOf(ix), 1);
  }

  clearOrder(): void {
    this.orderList = null;
    this.identityCount = 0;
  }
}

export class PyDict extends PyObject {
  keys: DictKeys = EmptyKeys;
  values: SplitValues | null = null;
  used = 0;
  constructor(type: PyType = DictType) {
    super(type);
  }
}

// --------------------------------------------------------- keys and values memory

function newKeysObject(log2size: number, unicode: boolean): DictKeys {
  const k = new DictKeys(log2size, unicode ? KeysKind.UNICODE : KeysKind.GENERAL);
  const reuse = log2size === LOG_MINSIZE && unicode ? rt.freelists.dictKeys.pop() : undefined;
  k.addr = reuse ?? pyMalloc(k.bytes);
  return k;
}

/** Frees a keys object's memory (references to keys/values already handled). */
function releaseKeysMemory(k: DictKeys): void {
  if (k === EmptyKeys) return;
  if (
    k.log2size === LOG_MINSIZE &&
    k.kind === KeysKind.UNICODE &&
    rt.freelists.dictKeys.length < PyDict_MAXFREELIST
  ) {
    rt.freelists.dictKeys.push(k.addr);
  } else {
    pyFree(k.addr);
  }
}

/** dictkeys_decref: the last reference releases entries (for combined tables) and memory. */
export function keysDecref(k: DictKeys): void {
  if (k === EmptyKeys) return;
  if (k.refcnt === 2 && k.kind === KeysKind.SPLIT) memoryObserver?.sharedKeysChanged?.(k);
  if (--k.refcnt > 0) return;
  if (k.kind !== KeysKind.SPLIT) {
    for (let i = 0; i < k.nentries; i++) {
      xdecref(k.keys[i]);
      xdecref(k.values[i]);
    }
  } else {
    for (let i = 0; i < k.nentries; i++) xdecref(k.keys[i]);
  }
  releaseKeysMemory(k);
}

/** new_values: PyMem_Malloc(round_up(size + 2, 8) + 8 * size). */
export function newValues(size: number): SplitValues {
  const v = new SplitValues(size);
  v.addr = pyMalloc(((size + 2 + 7) & ~7) + 8 * size);
  return v;
}

export function freeValues(v: SplitValues): void {
  pyFree(v.addr);
}

// ------------------------------------------------------------------ creation

/** PyDict_New: from the free list when possible (no GC count then). */
export function newDict(): PyDict {
  const fromFree = rt.freelists.dicts.pop() as PyDict | undefined;
  if (fromFree !== undefined) {
    fromFree.refcnt = 1;
    reborn(fromFree);
    fromFree.keys = EmptyKeys;
    fromFree.values = null;
    fromFree.used = 0;
    return fromFree;
  }
  return allocGCObject(new PyDict(), 48);
}

/** A dict sized for n items, as BUILD_MAP / dict literals of more than 5 items presize. */
export function newDictPresized(n: number): PyDict {
  const d = newDict();
  if (n > 5) {
    d.keys = newKeysObject(estimateLog2Keysize(n), true);
  }
  return d;
}

/** A split dict over a class's shared keys, with its own values array. */
export function newDictWithSharedKeys(keys: DictKeys, values: SplitValues, used: number): PyDict {
  keys.refcnt++;
  const d = newDict();
  d.keys = keys;
  d.values = values;
  memoryObserver?.splitDict?.(d, keys);
  d.used = used;
  return d;
}

// ------------------------------------------------------------------ hashing

export function isExactStr(o: PyObject): o is PyStr {
  return o.type === StrType;
}

function hashOf(key: PyObject): number {
  return isExactStr(key) ? strHash(key) : objectHash(key);
}

// ------------------------------------------------------------------ lookup

/** Probe state: perturb as two unsigned 32-bit halves, so negative hashes probe exactly. */
let pLo = 0;
let pHi = 0;
function probeInit(hash: number): void {
  pLo = hash >>> 0;
  pHi = Math.floor(hash / 4294967296) >>> 0;
}
function probeNext(i: number, mask: number): number {
  pLo = (pLo >>> PERTURB_SHIFT) | ((pHi & 31) << 27);
  pHi >>>= PERTURB_SHIFT;
  return (i * 5 + (pLo >>> 0) + 1) & mask;
}

/** _Py_dict_lookup: the entry index of key, or -1. May call __eq__. */
export function lookupIndex(d: PyDict, key: PyObject, hash: number): number {
  for (;;) {
    const k = d.keys;
    const mask = k.size - 1;
    // The perturbation is set up only when the first slot is not the answer.
    let probing = false;
    let i = hash & mask;
    const keyIsStr = isExactStr(key);
    for (;;) {
      const ix = k.indices[i];
      if (ix === DKIX_EMPTY) return -1;
      if (ix >= 0) {
        const ep = k.keys[ix]!;
        if (ep === key) return ix;
        if (k.hashes[ix] === hash) {
          if (keyIsStr && isExactStr(ep)) {
            if (ep.value === (key as PyStr).value) return ix;
          } else if (k.kind === KeysKind.GENERAL || !keyIsStr) {
            incref(ep);
            const savedPLo = pLo;
            const savedPHi = pHi;
            let eq: boolean;
            try {
              eq = richCompareBool(ep, key, CompareOp.EQ);
            } finally {
              decref(ep);
            }
            if (d.keys !== k || k.keys[ix] !== ep) break; // mutated by __eq__: start over
            if (eq) return ix;
            pLo = savedPLo;
            pHi = savedPHi;
          }
        }
      }
      if (!probing) {
        probeInit(hash);
        probing = true;
      }
      i = probeNext(i, mask);
    }
  }
}

function findEmptySlot(k: DictKeys, hash: number): number {
  const mask = k.size - 1;
  let i = hash & mask;
  if (k.indices[i] < 0) return i;
  probeInit(hash);
  do i = probeNext(i, mask);
  while (k.indices[i] >= 0);
  return i;
}

/** unicodekeys_lookup_unicode: the entry index of a str key in str-only keys, or -1. */
export function lookupStrInKeys(k: DictKeys, name: PyStr, hash: number): number {
  const mask = k.size - 1;
  let i = hash & mask;
  let probing = false;
  for (;;) {
    const ix = k.indices[i];
    if (ix === DKIX_EMPTY) return -1;
    if (ix >= 0) {
      const ep = k.keys[ix] as PyStr;
      if (ep === name || (k.hashes[ix] === hash && ep.value === name.value)) return ix;
    }
    if (!probing) {
      probeInit(hash);
      probing = true;
    }
    i = probeNext(i, mask);
  }
}

/**
 * insert_into_dictkeys: the entry index of `name` in shared keys, adding it while the
 * keys are usable; -1 when full.
 */
export function insertIntoSharedKeys(k: DictKeys, name: PyStr): number {
  const hash = strHash(name);
  let ix = lookupStrInKeys(k, name, hash);
  if (ix >= 0) return ix;
  if (k.usable <= 0) return -1;
  name.refcnt++;
  const slot = findEmptySlot(k, hash);
  ix = k.nentries;
  k.indices[slot] = ix;
  k.keys[ix] = name;
  k.hashes[ix] = hash;
  k.usable--;
  k.nentries++;
  return ix;
}

/** The slot that holds entry `ix` (lookdict_index). */
function slotOfEntry(k: DictKeys, hash: number, ix: number): number {
  const mask = k.size - 1;
  let i = hash & mask;
  if (k.indices[i] === ix) return i;
  probeInit(hash);
  do i = probeNext(i, mask);
  while (k.indices[i] !== ix);
  return i;
}

function entryValue(d: PyDict, ix: number): PyObject | null {
  return d.values !== null ? d.values.slots[ix] : d.keys.values[ix];
}

/** PyDict_GetItem-like: a borrowed value or null (errors from __eq__/hash propagate). */
export function dictGetItem(d: PyDict, key: PyObject): PyObject | null {
  const ix = lookupIndex(d, key, hashOf(key));
  return ix < 0 ? null : entryValue(d, ix);
}

export function dictGetItemWithHash(d: PyDict, key: PyObject, hash: number): PyObject | null {
  const ix = lookupIndex(d, key, hash);
  return ix < 0 ? null : entryValue(d, ix);
}

/** Fast path for exact-str keys given as JS text (module/global lookups); borrowed. */
export function dictGetStr(d: PyDict, key: PyStr): PyObject | null {
  return dictGetItemWithHash(d, key, strHash(key));
}

// ------------------------------------------------------------------ insertion

/** MAINTAIN_TRACKING: an untracked dict starts being tracked when it may hold a tracked object. */
function maintainTracking(d: PyDict, key: PyObject, value: PyObject): void {
  if (d.gcNext === null && (mayBeTracked(key) || mayBeTracked(value))) rt.gc.track(d);
}

/** @cpython Objects/dictobject.c dictresize */
function dictResize(d: PyDict, log2newsize: number, unicode: boolean): void {
  const oldkeys = d.keys;
  const oldvalues = d.values;
  if (oldkeys.kind === KeysKind.GENERAL) unicode = false;
  const nk = newKeysObject(log2newsize, unicode);
  const numentries = d.used;
  if (oldvalues !== null) {
    // split -> combined: keys gain a reference, values move.
    for (let n = 0; n < numentries; n++) {
      const index = oldvalues.orderAt(n);
      const key = oldkeys.keys[index]!;
      incref(key);
      nk.keys.push(key);
      nk.hashes.push(oldkeys.hashes[index]);
      nk.values.push(oldvalues.slots[index]);
    }
    keysDecref(oldkeys);
    d.values = null;
    freeValues(oldvalues);
  } else {
    for (let i = 0; i < oldkeys.nentries; i++) {
      if (oldkeys.values[i] === null) continue;
      nk.keys.push(oldkeys.keys[i]);
      nk.hashes.push(oldkeys.hashes[i]);
      nk.values.push(oldkeys.values[i]);
    }
    releaseKeysMemory(oldkeys);
  }
  const mask = nk.size - 1;
  for (let ix = 0; ix < numentries; ix++) {
    const hash = nk.hashes[ix];
    let i = hash & mask;
    if (nk.indices[i] !== DKIX_EMPTY) {
      probeInit(hash);
      do i = probeNext(i, mask);
      while (nk.indices[i] !== DKIX_EMPTY);
    }
    nk.indices[i] = ix;
  }
  nk.usable -= numentries;
  nk.nentries = numentries;
  d.keys = nk;
  memoryObserver?.objectResized?.(d);
}

function insertionResize(d: PyDict, unicode: boolean): void {
  dictResize(d, calculateLog2Keysize(d.used * 3), unicode);
}

/** insert_to_emptydict + insertdict. Steals references to key and value. */
export function dictSetItemTake(d: PyDict, key: PyObject, value: PyObject, hash = hashOf(key)): void {
  if (d.keys === EmptyKeys) {
    const unicode = isExactStr(key);
    const k = newKeysObject(LOG_MINSIZE, unicode);
    d.keys = k;
    d.values = null;
    memoryObserver?.objectResized?.(d);
    maintainTracking(d, key, value);
    k.indices[hash & 7] = 0;
    k.keys.push(key);
    k.hashes.push(hash);
    k.values.push(value);
    d.used++;
    k.usable--;
    k.nentries++;
    return;
  }
  if (d.keys.kind !== KeysKind.GENERAL && !isExactStr(key)) insertionResize(d, false);
  let ix: number;
  try {
    ix = lookupIndex(d, key, hash);
  } catch (e) {
    decref(value);
    decref(key);
    throw e;
  }
  maintainTracking(d, key, value);
  if (ix < 0) {
    if (d.keys.usable <= 0) insertionResize(d, true);
    const k = d.keys;
    const slot = findEmptySlot(k, hash);
    const index = k.nentries;
    k.indices[slot] = index;
    k.keys[index] = key;
    k.hashes[index] = hash;
    if (d.values !== null) {
      d.values.pushOrder(index);
      d.values.slots[index] = value;
    } else {
      k.values[index] = value;
    }
    d.used++;
    k.usable--;
    k.nentries++;
    return;
  }
  const old = entryValue(d, ix);
  if (old !== value) {
    if (d.values !== null) {
      d.values.slots[ix] = value;
      if (old === null) {
        d.values.pushOrder(ix);
        d.used++;
      }
    } else {
      d.keys.values[ix] = value;
    }
  }
  xdecref(old);
  decref(key);
}

/** identicalStrKeyIndex's answer when the key is certainly not in the table. */
const ABSENT = -2;

/**
 * The entry of exact str `key` when probing combined table `d` of str keys finds that very
 * object (what lookupIndex returns, e.g. for a code object's name in a namespace); ABSENT when
 * the probe reaches an empty slot without meeting the key's hash; else -1 (look up in full).
 * No __eq__ can run on the way, since every key there is an exact str.
 */
function identicalStrKeyIndex(d: PyDict, key: PyStr): number {
  if (d.values !== null || key.type !== StrType) return -1;
  const k = d.keys;
  if (k.kind !== KeysKind.UNICODE) return -1;
  const hash = strHash(key);
  const mask = k.size - 1;
  let i = hash & mask;
  let ix = k.indices[i];
  if (ix >= 0 && k.keys[ix] === key) return ix;
  if (ix === DKIX_EMPTY) return ABSENT;
  probeInit(hash);
  for (;;) {
    if (ix >= 0 && k.hashes[ix] === hash) return k.keys[ix] === key ? ix : -1;
    i = probeNext(i, mask);
    ix = k.indices[i];
    if (ix === DKIX_EMPTY) return ABSENT;
  }
}

/**
 * LOAD_NAME/LOAD_GLOBAL's common case (see identicalStrKeyIndex): the borrowed value, null
 * when the key is certainly absent, undefined when only the full lookup can tell.
 */
export function dictGetIdenticalKey(d: PyDict, key: PyStr): PyObject | null | undefined {
  const ix = identicalStrKeyIndex(d, key);
  if (ix >= 0) return d.keys.values[ix];
  return ix === ABSENT ? null : undefined;
}

/** A str-keyed lookup (borrowed value or null) that takes the fast path when it can. */
export function dictGetName(d: PyDict, key: PyStr): PyObject | null {
  const v = dictGetIdenticalKey(d, key);
  return v !== undefined ? v : dictGetStr(d, key);
}

/**
 * STORE_NAME's common case (see identicalStrKeyIndex): exactly what dictSetItem does when it
 * finds the key there. False, with nothing done, otherwise.
 */
export function dictReplaceIdenticalKey(d: PyDict, key: PyStr, value: PyObject): boolean {
  const ix = identicalStrKeyIndex(d, key);
  if (ix < 0) return false;
  key.refcnt++;
  value.refcnt++;
  maintainTracking(d, key, value);
  const k = d.keys;
  const old = k.values[ix];
  if (old !== value) k.values[ix] = value;
  xdecref(old);
  decref(key);
  return true;
}

/** PyDict_SetItem: key and value are borrowed. */
export function dictSetItem(d: PyDict, key: PyObject, value: PyObject): void {
  const hash = hashOf(key);
  incref(key);
  incref(value);
  dictSetItemTake(d, key, value, hash);
}

/** Deletes key; returns false if it was missing (the caller raises KeyError). */
export function dictDelItem(d: PyDict, key: PyObject): boolean {
  const hash = hashOf(key);
  const ix = lookupIndex(d, key, hash);
  if (ix < 0) return false;
  const old = entryValue(d, ix);
  if (old === null) return false;
  delitemCommon(d, hash, ix, old);
  return true;
}

/** @cpython Objects/dictobject.c delitem_common */
function delitemCommon(d: PyDict, hash: number, ix: number, old: PyObject): void {
  d.used--;
  if (d.values !== null) {
    d.values.slots[ix] = null;
    d.values.removeOrder(ix);
  } else {
    const k = d.keys;
    k.indices[slotOfEntry(k, hash, ix)] = DKIX_DUMMY;
    const oldKey = k.keys[ix]!;
    k.keys[ix] = null;
    k.values[ix] = null;
    decref(oldKey);
  }
  decref(old);
}

/** dict.pop(key): a new reference to the value, or null when missing. */
export function dictPop(d: PyDict, key: PyObject): PyObject | null {
  if (d.used === 0) return null;
  const hash = hashOf(key);
  const ix = lookupIndex(d, key, hash);
  if (ix < 0) return null;
  const old = entryValue(d, ix);
  if (old === null) return null;
  incref(old);
  delitemCommon(d, hash, ix, old);
  return old;
}

/** PyDict_Clear. */
export function dictClear(d: PyDict): void {
  const oldkeys = d.keys;
  const oldvalues = d.values;
  if (oldkeys === EmptyKeys) return;
  d.keys = EmptyKeys;
  d.values = null;
  d.used = 0;
  memoryObserver?.objectResized?.(d);
  if (oldvalues !== null) {
    for (let i = 0; i < oldkeys.nentries; i++) {
      const v = oldvalues.slots[i];
      oldvalues.slots[i] = null;
      xdecref(v);
    }
    freeValues(oldvalues);
    keysDecref(oldkeys);
  } else {
    keysDecref(oldkeys);
  }
}

// ------------------------------------------------------------------ iteration

/**
 * Live entries in order as [key, value] pairs of borrowed references. Split tables go
 * by their insertion order, combined tables by entry index.
 */
export function dictItems(d: PyDict): [PyObject, PyObject][] {
  const out: [PyObject, PyObject][] = [];
  const k = d.keys;
  if (d.values !== null) {
    const n = d.values.orderCount;
    for (let pos = 0; pos < n; pos++) {
      const ix = d.values.orderAt(pos);
      out.push([k.keys[ix]!, d.values.slots[ix]!]);
    }
  } else {
    for (let i = 0; i < k.nentries; i++) {
      const v = k.values[i];
      if (v !== null) out.push([k.keys[i]!, v]);
    }
  }
  return out;
}

/**
 * _PyDict_Next from position `pos` (an index into entries, or into the order for split
 * tables): returns the next position and the entry, or null at the end.
 */
export function dictNext(d: PyDict, pos: number): { pos: number; key: PyObject; value: PyObject } | null {
  const k = d.keys;
  if (d.values !== null) {
    if (pos >= d.used) return null;
    const ix = d.values.orderAt(pos);
    return { pos: pos + 1, key: k.keys[ix]!, value: d.values.slots[ix]! };
  }
  while (pos < k.nentries && k.values[pos] === null) pos++;
  if (pos >= k.nentries) return null;
  return { pos: pos + 1, key: k.keys[pos]!, value: k.values[pos]! };
}

// --------------------------------------------------------------- copy and merge

/** PyDict_Copy (dict.copy(), dict(d) when d is a dict and the target is new). */
export function dictCopy(src: PyDict): PyDict {
  const d = newDict();
  if (src.used === 0) return d;
  try {
    dictMerge(d, src, true);
  } catch (e) {
    decref(d);
    throw e;
  }
  return d;
}

/**
 * dict_merge for a dict source: one presizing resize, then inserts in order.
 * @cpython Objects/dictobject.c dict_merge
 */
export function dictMerge(d: PyDict, other: PyDict, override: boolean): void {
  if (other === d || other.used === 0) return;
  if (d.used === 0) {
    override = true;
    const okeys = other.keys;
    if (
      other.values === null &&
      other.used === okeys.nentries &&
      (okeys.log2size === LOG_MINSIZE || usableFraction(okeys.size / 2) < other.used)
    ) {
      cloneCombined(d, other);
      return;
    }
  }
  if (usableFraction(d.keys.size) < other.used) {
    dictResize(d, estimateLog2Keysize(d.used + other.used), other.keys.kind !== KeysKind.GENERAL);
  }
  for (const [key, value] of dictItems(other)) {
    if (!override && dictGetItemWithHash(d, key, hashOf(key)) !== null) continue;
    incref(key);
    incref(value);
    dictSetItemTake(d, key, value, hashOf(key));
  }
}

/** clone_combined_dict_keys: a copy of the keys object with the same table. */
function cloneCombined(d: PyDict, other: PyDict): void {
  const ok = other.keys;
  const nk = new DictKeys(ok.log2size, ok.kind);
  nk.addr = pyMalloc(nk.bytes);
  nk.indices.set(ok.indices);
  for (let i = 0; i < ok.nentries; i++) {
    const key = ok.keys[i];
    const value = ok.values[i];
    if (key !== null) incref(key);
    if (value !== null) incref(value);
    nk.keys.push(key);
    nk.hashes.push(ok.hashes[i]);
    nk.values.push(value);
  }
  nk.nentries = ok.nentries;
  nk.usable = ok.usable;
  keysDecref(d.keys);
  d.keys = nk;
  d.used = other.used;
  memoryObserver?.objectResized?.(d);
  if (other.gcNext !== null && d.gcNext === null) rt.gc.track(d);
}

// ------------------------------------------------------------ type slots: memory

/** @cpython Objects/dictobject.c dict_dealloc */
export function dictDealloc(o: PyObject): void {
  const d = o as PyDict;
  rt.gc.untrack(d);
  if (!trashcanBegin(d)) return;
  const values = d.values;
  const keys = d.keys;
  if (values !== null) {
    for (let i = 0; i < keys.nentries; i++) xdecref(values.slots[i]);
    freeValues(values);
    keysDecref(keys);
  } else {
    keysDecref(keys);
  }
  if (rt.freelists.dicts.length < PyDict_MAXFREELIST && d.type === DictType) {
    d.keys = EmptyKeys;
    d.values = null;
    d.used = 0;
    rt.freelists.dicts.push(d);
  } else {
    gcDel(d);
  }
  trashcanEnd();
}

/** @cpython Objects/dictobject.c dict_traverse: str-keyed tables visit values only. */
export function dictTraverse(o: PyObject, visit: Visit): void {
  const d = o as PyDict;
  const k = d.keys;
  if (k.kind !== KeysKind.GENERAL) {
    if (d.values !== null) {
      for (let i = 0; i < k.nentries; i++) {
        const v = d.values.slots[i];
        if (v !== null) visit(v, traverseLabels ? `[${labelOfKey(k.keys[i]!)}]` : '');
      }
    } else {
      for (let i = 0; i < k.nentries; i++) {
        const v = k.values[i];
        if (v !== null) visit(v, traverseLabels ? `[${labelOfKey(k.keys[i]!)}]` : '');
      }
    }
  } else {
    for (let i = 0; i < k.nentries; i++) {
      const v = k.values[i];
      if (v !== null) {
        visit(v, traverseLabels ? `[${labelOfKey(k.keys[i]!)}]` : '');
        visit(k.keys[i]!, 'key');
      }
    }
  }
}

function labelOfKey(key: PyObject): string {
  if (isExactStr(key)) return `'${key.value}'`;
  const v = (key as { value?: unknown }).value;
  return typeof v === 'number' || typeof v === 'bigint' ? String(v) : `<${key.type.name}>`;
}

export function dictTpClear(o: PyObject): void {
  dictClear(o as PyDict);
}

/** @cpython Objects/dictobject.c _PyDict_SizeOf */
export function dictSizeof(o: PyObject): number {
  const d = o as PyDict;
  let res = d.type.basicsize;
  if (d.values !== null) res += (d.keys.nentries + d.keys.usable) * 8;
  if (d.keys.refcnt === 1) res += d.keys.bytes;
  return res;
}

/** @cpython Objects/dictobject.c _PyDict_MaybeUntrack */
export function dictMaybeUntrack(o: PyObject): void {
  const d = o as PyDict;
  if (d.type !== DictType || d.gcNext === null) return;
  const k = d.keys;
  if (d.values !== null) {
    for (let i = 0; i < k.nentries; i++) {
      const v = d.values.slots[i];
      if (v !== null && mayBeTracked(v)) return;
    }
  } else if (k.kind !== KeysKind.GENERAL) {
    for (let i = 0; i < k.nentries; i++) {
      const v = k.values[i];
      if (v !== null && mayBeTracked(v)) return;
    }
  } else {
    for (let i = 0; i < k.nentries; i++) {
      const v = k.values[i];
      if (v === null) continue;
      if (mayBeTracked(v) || mayBeTracked(k.keys[i]!)) return;
    }
  }
  rt.gc.untrack(d);
}

export function isDict(o: PyObject): o is PyDict {
  return o.type === DictType || (o.type.flags & TypeFlag.DICT_SUBCLASS) !== 0;
}

DictType.tp_dealloc = dictDealloc;
DictType.tp_traverse = dictTraverse;
DictType.tp_clear = dictTpClear;
DictType.tp_sizeof = dictSizeof;

// ===================================================================================
// Additions for the Python-level dict (objects/dicttype.ts). Kept apart from the table
// code above; they reuse its private helpers.
// ===================================================================================

/** dictresize, for callers that presize a dict before filling it (dict.fromkeys). */
export function dictResizeTo(d: PyDict, log2newsize: number, unicode: boolean): void {
  dictResize(d, log2newsize, unicode);
}

/** _PyDict_DelItem_KnownHash: false when the key is missing. */
export function dictDelItemKnownHash(d: PyDict, key: PyObject, hash: number): boolean {
  const ix = lookupIndex(d, key, hash);
  if (ix < 0) return false;
  const old = entryValue(d, ix);
  if (old === null) return false;
  delitemCommon(d, hash, ix, old);
  return true;
}

/**
 * Gives an empty dict a fresh, empty keys object of 2**log2size slots allocated with
 * PyObject_Malloc (as clone_combined_dict_keys does: never from the keys free list).
 */
export function dictSetFreshKeys(d: PyDict, log2size: number, unicode: boolean): void {
  const nk = new DictKeys(log2size, unicode ? KeysKind.UNICODE : KeysKind.GENERAL);
  nk.addr = pyMalloc(nk.bytes);
  keysDecref(d.keys);
  d.keys = nk;
  memoryObserver?.objectResized?.(d);
  if (d.values !== null) {
    freeValues(d.values);
    d.values = null;
  }
}

/** The hash dict operations use: the cached str hash, else PyObject_Hash. */
export function dictKeyHash(key: PyObject): number {
  return hashOf(key);
}

/**
 * PyDict_SetDefault: the value for key (borrowed), inserting `dflt` when missing, with
 * a single lookup. @cpython Objects/dictobject.c PyDict_SetDefault
 */
export function dictSetDefault(d: PyDict, key: PyObject, dflt: PyObject): PyObject {
  const hash = hashOf(key);
  if (d.keys === EmptyKeys) {
    incref(key);
    incref(dflt);
    dictSetItemTake(d, key, dflt, hash);
    return dflt;
  }
  if (!isExactStr(key) && d.keys.kind !== KeysKind.GENERAL) insertionResize(d, false);
  const ix = lookupIndex(d, key, hash);
  if (ix < 0) {
    if (d.keys.usable <= 0) insertionResize(d, true);
    const k = d.keys;
    const slot = findEmptySlot(k, hash);
    const index = k.nentries;
    k.indices[slot] = index;
    k.keys[index] = key;
    k.hashes[index] = hash;
    if (d.values !== null) {
      d.values.slots[index] = dflt;
      d.values.pushOrder(index);
    } else {
      k.values[index] = dflt;
    }
    incref(key);
    incref(dflt);
    maintainTracking(d, key, dflt);
    d.used++;
    k.usable--;
    k.nentries++;
    return dflt;
  }
  const value = entryValue(d, ix);
  if (value === null) {
    // A split table whose slot for this key is empty.
    incref(dflt);
    maintainTracking(d, key, dflt);
    d.values!.slots[ix] = dflt;
    d.values!.pushOrder(ix);
    d.used++;
    return dflt;
  }
  return value;
}

/**
 * The table surgery of dict.popitem() (d.used > 0): a split table is made combined
 * first; the last live entry is removed, its slot becomes DUMMY and dk_nentries drops
 * to its index (usable does not grow back). Returns new references to key and value.
 * @cpython Objects/dictobject.c dict_popitem_impl
 */
export function dictPopLastItem(d: PyDict): [PyObject, PyObject] {
  if (d.keys.kind === KeysKind.SPLIT) dictResize(d, d.keys.log2size, true);
  const k = d.keys;
  let i = k.nentries - 1;
  while (i >= 0 && k.values[i] === null) i--;
  const key = k.keys[i]!;
  const value = k.values[i]!;
  const hash = k.hashes[i];
  k.keys[i] = null;
  k.values[i] = null;
  k.indices[slotOfEntry(k, hash, i)] = DKIX_DUMMY;
  k.nentries = i;
  k.keys.length = i;
  k.values.length = i;
  k.hashes.length = i;
  d.used--;
  return [key, value];
}

/** clone_combined_dict_keys: a PyObject_Malloc'ed copy of a clean combined keys object. */
function cloneKeys(ok: DictKeys): DictKeys {
  const nk = new DictKeys(ok.log2size, ok.kind);
  nk.addr = pyMalloc(nk.bytes);
  nk.indices.set(ok.indices);
  for (let i = 0; i < ok.nentries; i++) {
    const key = ok.keys[i];
    const value = ok.values[i];
    if (key !== null) incref(key);
    if (value !== null) incref(value);
    nk.keys.push(key);
    nk.hashes.push(ok.hashes[i]);
    nk.values.push(value);
  }
  nk.nentries = ok.nentries;
  nk.usable = ok.usable;
  return nk;
}

/** The PyDict_Copy fast path applies: type(d).__iter__ is dict's own (set by dicttype.ts). */
let dictIterSlot: PyType['tp_iter'] = undefined;
export function setDictIterSlot(f: PyType['tp_iter']): void {
  dictIterSlot = f;
}

/**
 * PyDict_Copy: split tables are copied as split tables (values copied, keys shared);
 * clean combined tables are cloned; anything else is merged into a new dict.
 * @cpython Objects/dictobject.c PyDict_Copy
 */
export function dictCopyExact(o: PyDict): PyDict {
  if (o.used === 0) return newDict();
  if (o.values !== null) {
    const keys = o.keys;
    const size = keys.nentries + keys.usable;
    const newvalues = newValues(size);
    let copy: PyDict;
    try {
      copy = allocGCObject(new PyDict(), 48);
    } catch (e) {
      freeValues(newvalues);
      throw e;
    }
    for (const ix of o.values.orderItems()) newvalues.pushOrder(ix);
    copy.values = newvalues;
    copy.keys = keys;
    copy.used = o.used;
    memoryObserver?.splitDict?.(copy, keys);
    memoryObserver?.objectResized?.(o);
    keys.refcnt++;
    for (let i = 0; i < size; i++) {
      const v = o.values.slots[i] ?? null;
      if (v !== null) incref(v);
      newvalues.slots[i] = v;
    }
    if (o.gcNext !== null) rt.gc.track(copy);
    return copy;
  }
  if (o.type.tp_iter === dictIterSlot && o.used >= Math.floor((o.keys.nentries * 2) / 3)) {
    const keys = cloneKeys(o.keys);
    let d: PyDict;
    try {
      d = newDict();
    } catch (e) {
      keysDecref(keys);
      throw e;
    }
    d.keys = keys;
    d.used = o.used;
    if (o.gcNext !== null) rt.gc.track(d);
    return d;
  }
  const copy = newDict();
  try {
    dictMergeDict(copy, o, 1);
  } catch (e) {
    decref(copy);
    throw e;
  }
  return copy;
}

/**
 * dict_merge when the source is a dict whose __iter__ is dict's: clone into an empty
 * target when the source is clean, else one presizing resize and inserts with the
 * stored hashes. override 0 keeps existing keys, 1 replaces them, 2 raises KeyError.
 * @cpython Objects/dictobject.c dict_merge
 */
export function dictMergeDict(a: PyDict, other: PyDict, override: 0 | 1 | 2): void {
  if (other === a || other.used === 0) return;
  if (a.used === 0) {
    override = 1;
    const okeys = other.keys;
    if (
      other.values === null &&
      other.used === okeys.nentries &&
      (okeys.log2size === LOG_MINSIZE || usableFraction(okeys.size / 2) < other.used)
    ) {
      const keys = cloneKeys(okeys);
      keysDecref(a.keys);
      a.keys = keys;
      if (a.values !== null) {
        freeValues(a.values);
        a.values = null;
      }
      a.used = other.used;
      memoryObserver?.objectResized?.(a);
      if (other.gcNext !== null && a.gcNext === null) rt.gc.track(a);
      return;
    }
  }
  if (usableFraction(a.keys.size) < other.used) {
    dictResize(a, estimateLog2Keysize(a.used + other.used), other.keys.kind !== KeysKind.GENERAL);
  }
  const origSize = other.keys.nentries;
  let pos = 0;
  for (;;) {
    const k = other.keys;
    let key: PyObject;
    let value: PyObject;
    let hash: number;
    if (other.values !== null) {
      if (pos >= other.used) break;
      const ix = other.values.orderAt(pos);
      key = k.keys[ix]!;
      value = other.values.slots[ix]!;
      hash = k.hashes[ix];
    } else {
      while (pos < k.nentries && k.values[pos] === null) pos++;
      if (pos >= k.nentries) break;
      key = k.keys[pos]!;
      value = k.values[pos]!;
      hash = k.hashes[pos];
    }
    pos++;
    incref(key);
    incref(value);
    try {
      if (override === 1) {
        incref(key);
        incref(value);
        dictSetItemTake(a, key, value, hash);
      } else {
        const ix = lookupIndex(a, key, hash);
        const present = ix >= 0 && entryValue(a, ix) !== null;
        if (!present) {
          incref(key);
          incref(value);
          dictSetItemTake(a, key, value, hash);
        } else if (override !== 0) {
          raiseKeyError(key);
        }
      }
    } finally {
      decref(value);
      decref(key);
    }
    if (origSize !== other.keys.nentries) raiseDictMutated();
  }
}

let raiseKeyError: (key: PyObject) => never = () => {
  throw new Error('dicttype.ts not loaded');
};
let raiseDictMutated: () => never = () => {
  throw new Error('dicttype.ts not loaded');
};
/** dicttype.ts provides the exception constructors (kept out of this module's imports). */
export function setDictErrorRaisers(keyErr: (key: PyObject) => never, mutated: () => never): void {
  raiseKeyError = keyErr;
  raiseDictMutated = mutated;
}
