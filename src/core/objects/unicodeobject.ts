/**
 * str: PEP 393 compact strings of CPython 3.11. @cpython Objects/unicodeobject.c
 *
 * The text is a JS string (UTF-16); Python indexes by code point, so a string that
 * contains surrogate pairs (astral characters) is marked and handled by the code-point
 * helpers. Size: compact ASCII `48 + n + 1`; compact `72 + (n + 1) * kind` otherwise
 * (3.11 still has the `wstr` field, so PyASCIIObject is 48 bytes). Instances of str
 * subclasses are "legacy" two-block objects: an 80-byte PyUnicodeObject (plus what the
 * class adds) and a separate `(n + 1) * kind` character block.
 *
 * Which results are new objects, which are the receiver itself and which are the static
 * empty / latin-1 singletons follows CPython function by function:
 *  - `newStr` is unicode_result / _PyUnicode_FromUCS*: '' and one latin-1 character are
 *    the singletons;
 *  - `newStrFresh` is PyUnicode_New + copy: only '' is shared, 'a' is a new object;
 *  - `unchanged` is unicode_result_unchanged: the receiver when it is an exact str, a
 *    fresh exact copy for a subclass instance.
 * The str methods themselves are the pure, tested helpers of ../text.
 */
import { CompareOp, PyObject, PyType, TypeFlag, decref, type MethodSpec } from './object';
import { staticType } from './roots';
import { allocGCObject, allocObject, freeObject, gcDel, pyFree, pyMalloc, pyRealloc } from '../memory/alloc';
import { memoryObserver } from '../memory/memory-observer';
import { isStatic, markCountUnknown, placeStatic, staticObjectDied } from '../memory/static';
import { rt } from '../vm/runtime';
import { IMMORTAL_REFCNT } from '../profiles/cpython311';
import staticStrings from '../profiles/static-strings/static-strings.json';
import calibration from '../profiles/static-refs/calibration.json';
import { raiseMemoryError } from '../vm/memoryerror';
import { None, newNotImplemented } from './noneobject';
import { newBool } from './boolobject';
import { isInt, newInt, type PyLong } from './longobject';
import { newTuple, isTuple, TupleType, type PyTuple } from './tupleobject';
import { ListType, newEmptyList, listAppendTake, listExtend, type PyList } from './listobject';
import { DictType, dictNext, dictSetItem, newDict, type PyDict } from './dictobject';
import { isSlice, sliceIndices, type PySlice } from './sliceobject';
import { getItem, getIter, objectStr } from './abstract';
import {
  IndexErrorType,
  LookupErrorType,
  OverflowErrorType,
  TypeErrorType,
  UnicodeDecodeErrorType,
  UnicodeEncodeErrorType,
} from './exceptions';
import { indexError, raise, typeError, valueError } from '../vm/errors';
import {
  asSsizeT,
  badArgument,
  cIntArg,
  checkPositional,
  noArgs,
  noKeywords,
  oneArg,
  raiseTextError,
  raiseUnicodeError,
  sliceIndexArg,
  ssizeArg,
  text,
  unpackKeywords,
} from './str-clinic';
import { parseTupleCount } from '../vm/args';
import { strMethods as M, strRepr, strKind, cpChars, EncodeError, TextError, codePoints } from '../text';
import { strFormatMethod, strFormatMapMethod, strDunderFormat, unicodeMod } from './strformat-host';
export { formatObject, percentFormatStr, objectAscii } from './strformat-host';

export const StrType: PyType = staticType({
  name: 'str',
  basicsize: 80,
  itemsize: 0,
  flags: TypeFlag.BASETYPE | TypeFlag.UNICODE_SUBCLASS,
});

const SURROGATE = /[\uD800-\uDFFF]/;

export class PyStr extends PyObject {
  /** Cached hash; -1 until computed. */
  hash = -1;
  /** In the interned table (whose references CPython does not count). */
  interned = false;
  /** Number of code points (differs from value.length only with astral characters). */
  length: number;
  /** Whether the text has surrogates, i.e. JS indexes may not be code-point indexes. */
  astral: boolean;
  // compact, dataAddr and charsCache are rarely set: their defaults live on the prototype
  // (fewer fields per str, a smaller JS heap).
  /** False for instances of str subclasses (two-block objects, unicode_subtype_new). */
  compact!: boolean;
  /** The separate character block of a non-compact string (0 when there is none). */
  dataAddr!: number;
  /** Cached PEP 393 kind (-1 until computed). */
  kindCache: -1 | 0 | 1 | 2 | 4 = -1;
  /** Code points as one-character strings, cached for astral strings. */
  charsCache!: string[] | null;
  /**
   * typeLookup's one-entry cache for this attribute name: the type, the epoch of type
   * changes it was filled in, and the (borrowed) result. On the prototype until first used.
   */
  lookupType!: PyType | null;
  lookupEpoch!: number;
  lookupResult!: PyObject | null;
  constructor(
    public value: string,
    type: PyType = StrType,
  ) {
    super(type);
    this.astral = SURROGATE.test(value);
    this.length = this.astral ? countCodePoints(value) : value.length;
  }
}

PyStr.prototype.lookupType = null;
PyStr.prototype.lookupEpoch = -1;
PyStr.prototype.lookupResult = null;
PyStr.prototype.compact = true;
PyStr.prototype.dataAddr = 0;
PyStr.prototype.charsCache = null;

function countCodePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) i++;
    }
    n++;
  }
  return n;
}

/** The PEP 393 kind: 0 for ASCII, else bytes per character (1, 2 or 4). */
export function unicodeKind(s: PyStr): 0 | 1 | 2 | 4 {
  if (s.kindCache !== -1) return s.kindCache;
  const k = strKind(s.value);
  const kind = k === 'ascii' ? 0 : k;
  s.kindCache = kind;
  return kind;
}

/** Kind of a JS string's text (0 = ASCII). */
function kindOfText(v: string): 0 | 1 | 2 | 4 {
  const k = strKind(v);
  return k === 'ascii' ? 0 : k;
}

/** Bytes of a compact string of n characters of this kind (0 = ASCII). */
function compactSize(n: number, kind: 0 | 1 | 2 | 4): number {
  return kind === 0 ? 48 + n + 1 : 72 + (n + 1) * kind;
}

/** unicode_sizeof_impl: compact strings, or the two blocks of a subclass instance. */
export function strSizeof(s: PyStr): number {
  const kind = unicodeKind(s);
  if (s.compact) return compactSize(s.length, kind);
  return 80 + (s.length + 1) * (kind === 0 ? 1 : kind);
}

// ------------------------------------------------------------------ singletons

function staticStr(value: string): PyStr {
  const s = new PyStr(value);
  s.refcnt = IMMORTAL_REFCNT;
  s.interned = true;
  return placeStatic(s, strSizeof(s));
}

export const EmptyStr = staticStr('');
/** _Py_LATIN1_CHR: every one-character string below U+0100 is a static singleton. */
const latin1: PyStr[] = [];
/** The static one-character string for code point `c` < 256 (borrowed). */
export function latin1Char(c: number): PyStr {
  return latin1[c];
}
for (let c = 0; c < 256; c++) latin1.push(staticStr(String.fromCharCode(c)));

/**
 * One-character names CPython 3.11 also has as static identifiers (_Py_ID, e.g. for argument
 * names of C functions): the interned 'a' is that object, not chr(97)'s singleton, so a
 * program's `'a'` or name `a` is not `chr(97)` and they count their references apart.
 */
const ASCII_IDENTIFIERS = 'BCLST_abcdefhijklmnopqrstvwxy';
const identifierChars = new Map<string, PyStr>();

/** Strings the runtime itself uses (names of slots, attributes), interned in every run. */
const staticInterned = new Map<string, PyStr>();
staticInterned.set('', EmptyStr);
for (const s of latin1) {
  if (ASCII_IDENTIFIERS.includes(s.value)) {
    s.interned = false;
    const id = staticStr(s.value);
    identifierChars.set(s.value, id);
    staticInterned.set(s.value, id);
  } else {
    staticInterned.set(s.value, s);
  }
}

/**
 * The longer identifiers CPython 3.11 starts with as static interned strings: its _Py_ID
 * names and the names of its deep-frozen startup modules (recorded from CPython by
 * profiles/static-strings/record.py). `'self'` in a program is that object, with a count near
 * 10^9, and interning it allocates nothing.
 */
for (const name of staticStrings.names) staticInterned.set(name, staticStr(name));

/**
 * The interned identifiers CPython's startup modules hold on the heap ('total', 'left'…):
 * static here too, so a program's 'total' is that object, with CPython's count (set by the
 * calibration, profiles/static-refs) and no allocation.
 */
const unheld = new Set<string>(calibration.unheldNames);
for (const name of staticStrings.heapNames) {
  // One CPython's startup no longer held when the probe measured it stays an ordinary string.
  if (unheld.has(name)) continue;
  const s = staticStr(name);
  s.refcnt = 1; // held by the startup until the calibration says how often
  staticInterned.set(name, s);
}

/** The static identifiers of ASCII_IDENTIFIERS, in its order (for the refcount calibration). */
export function asciiIdentifierStrs(): PyStr[] {
  return [...ASCII_IDENTIFIERS].map((c) => identifierChars.get(c)!);
}

/** The static string with this text, if there is one (borrowed; never makes one). */
export function existingStaticStr(value: string): PyStr | undefined {
  return staticInterned.get(value);
}

/** A static identifier string (_Py_ID): for names the engine looks up itself. */
export function staticId(value: string): PyStr {
  let s = staticInterned.get(value);
  if (s === undefined) {
    s = staticStr(value);
    staticInterned.set(value, s);
    // Made after the calibration: CPython's count of this name was not measured.
    if (runInterned !== null) markCountUnknown(s);
  }
  return s;
}

/**
 * The static strings every run starts with interned: those made before the first run.
 * staticId() also makes strings the first time a run needs them; were they interned in the
 * runs after it, a program's second run would allocate less than its first, and time travel
 * (which re-runs the program) would see other addresses than the run it replays.
 */
let runInterned: Map<string, PyStr> | null = null;

/** Called once the builtin types are ready (vm/lifecycle.ts ensureStatics). */
export function freezeStaticInterned(): void {
  runInterned = new Map(staticInterned);
}

/** A run's own interned strings: the static ones are looked up first, in the frozen table. */
export function newInternedTable(): Map<string, PyStr> {
  return new Map();
}

/** The interned string with this text, static or made by this run. */
function findInterned(value: string): PyStr | undefined {
  return (runInterned ?? staticInterned).get(value) ?? rt.interned.get(value);
}

// ------------------------------------------------------------------- creation

/** V8's longest string; CPython would raise MemoryError for such sizes anyway. */
const MAX_TEXT = 2 ** 29 - 24;

/**
 * Before building the text of a result of `n` code points: MemoryError when the object
 * could not be allocated (past the run's memory limit, or too long for a JS string).
 */
export function checkStrAlloc(n: number, kind: 0 | 1 | 2 | 4 = 1): void {
  if (n > MAX_TEXT || compactSize(n, kind) > rt.options.memoryLimit) raiseMemoryError();
}

/**
 * A new reference to a str with this text: the empty string and latin-1 single
 * characters are the static singletons (unicode_result), anything else is allocated.
 */
export function newStr(value: string): PyStr {
  if (value.length <= 1) {
    if (value.length === 0) return (EmptyStr.refcnt++, EmptyStr);
    const c = value.charCodeAt(0);
    if (c < 256) {
      const s = latin1[c];
      s.refcnt++;
      return s;
    }
  }
  const s = new PyStr(value);
  return allocObject(s, strSizeof(s));
}

/** PyUnicode_New + copy: a new object even for one latin-1 character ('' is shared). */
export function newStrFresh(value: string): PyStr {
  if (value.length === 0) return (EmptyStr.refcnt++, EmptyStr);
  const s = new PyStr(value);
  return allocObject(s, strSizeof(s));
}

/**
 * A fresh str first allocated with a wider kind (`tmpKind`), then narrowed to the
 * kind its text needs (unicode_adjust_maxchar): the temporary block is allocated and
 * freed around the final one, as in CPython.
 */
function newStrNarrowed(value: string, tmpKind: 0 | 1 | 2 | 4): PyStr {
  if (value.length === 0) return (EmptyStr.refcnt++, EmptyStr);
  const kind = kindOfText(value);
  if (kind >= tmpKind || (kind === 0 && tmpKind === 0)) return newStrFresh(value);
  const tmp = pyMalloc(compactSize(countCodePoints(value), tmpKind));
  try {
    return newStrFresh(value);
  } finally {
    pyFree(tmp);
  }
}

/** unicode_char: chr(cp) — the latin-1 singleton below 256, else a new str. */
export function strFromCodePoint(cp: number): PyStr {
  if (cp < 256) {
    const s = latin1[cp];
    s.refcnt++;
    return s;
  }
  return newStrFresh(cp < 0x10000 ? String.fromCharCode(cp) : String.fromCodePoint(cp));
}

/** One character (a JS string of one code point) as unicode_char does. */
function strFromChar(ch: string): PyStr {
  const c = ch.charCodeAt(0);
  if (ch.length === 1 && c < 256) return (latin1[c].refcnt++, latin1[c]);
  return newStrFresh(ch);
}

/** PyUnicode_InternInPlace: returns the interned equal string (consumes `s`, new ref). */
export function intern(s: PyStr): PyStr {
  if (s.interned || s.type !== StrType) return s;
  const existing = findInterned(s.value);
  if (existing !== undefined) {
    existing.refcnt++;
    if (--s.refcnt === 0) unicodeDealloc(s);
    return existing;
  }
  rt.interned.set(s.value, s);
  s.interned = true;
  return s;
}

/** PyUnicode_InternFromString: a new reference to the interned string with this text. */
export function internFromString(value: string): PyStr {
  const existing = findInterned(value);
  if (existing !== undefined) {
    existing.refcnt++;
    return existing;
  }
  return intern(newStr(value));
}

/** @cpython Objects/unicodeobject.c unicode_dealloc */
export function unicodeDealloc(o: PyObject): void {
  const s = o as PyStr;
  if (s.interned && isStatic(s) && staticObjectDied(s)) return;
  if (s.interned) rt.interned.delete(s.value);
  if (s.dataAddr !== 0) {
    pyFree(s.dataAddr);
    s.dataAddr = 0;
  }
  if (s.type.isGC) gcDel(s);
  else freeObject(s);
}
StrType.tp_dealloc = unicodeDealloc;

/**
 * The str hash: CPython's is randomised (SipHash), so any fixed function is faithful,
 * except that _Py_HashBytes gives the empty string 0.
 */
export function strHash(s: PyStr): number {
  if (s.hash !== -1) return s.hash;
  const v = s.value;
  if (v.length === 0) return (s.hash = 0);
  let h = 0x811c9dc5;
  for (let i = 0; i < v.length; i++) {
    h ^= v.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h |= 0;
  if (h === -1) h = -2;
  s.hash = h;
  return h;
}

export function isStr(o: PyObject): o is PyStr {
  return o.type === StrType || o.type.isSubtypeOf(StrType);
}

/** PyUnicode_CheckExact. */
export function isExactStr(o: PyObject): o is PyStr {
  return o.type === StrType;
}

/** _PyUnicode_Copy: a fresh exact str with the same text. */
export function strCopy(s: PyStr): PyStr {
  return newStrFresh(s.value);
}

/** unicode_result_unchanged: `s` itself if it is an exact str, else a fresh exact copy. */
export function unchanged(s: PyStr): PyStr {
  if (s.type === StrType) return (s.refcnt++, s);
  return strCopy(s);
}

/** PyUnicode_FromObject for a str: itself when exact, else a copy. */
export const strFromObject = unchanged;

/** unicode_subtype_new: a two-block instance of a str subclass with the text of `src`. */
export function strSubtypeNew(type: PyType, src: PyStr): PyStr {
  const o = new PyStr(src.value, type);
  o.compact = false;
  if (type.isGC) allocGCObject(o, type.basicsize);
  else allocObject(o, type.basicsize);
  if (type.isHeapType) type.refcnt++;
  if (type.isGC) rt.gc.track(o);
  o.hash = src.hash;
  const kind = unicodeKind(o);
  try {
    o.dataAddr = pyMalloc((o.length + 1) * (kind === 0 ? 1 : kind));
  } catch (e) {
    decref(o);
    throw e;
  }
  return o;
}

/** Code points of a str as one-character strings (cached for astral strings). */
function charsOf(s: PyStr): string[] {
  if (s.charsCache !== null) return s.charsCache;
  const c = cpChars(s.value);
  if (s.astral) s.charsCache = c;
  return c;
}

/** PyUnicode_Substring: [start, end) by code point; the whole string is `unchanged`. */
export function strSubstring(s: PyStr, start: number, end: number): PyStr {
  const length = s.length;
  end = Math.min(end, length);
  if (start === 0 && end === length) return unchanged(s);
  if (start >= length || end < start) return (EmptyStr.refcnt++, EmptyStr);
  if (!s.astral) return newStr(s.value.slice(start, end));
  return newStr(charsOf(s).slice(start, end).join(''));
}

// ------------------------------------------------------------------- slots

/** unicode_repr. */
function unicodeRepr(o: PyObject): PyObject {
  return newStr(strRepr((o as PyStr).value));
}

/** unicode_str: itself for an exact str, a copy for a subclass instance. */
function strStr(o: PyObject): PyObject {
  return unchanged(o as PyStr);
}

function strTpHash(o: PyObject): number {
  return strHash(o as PyStr);
}

/** unicode_compare: code point order (JS compares UTF-16 units). */
export function strCompare(a: PyStr, b: PyStr): number {
  const x = a.value;
  const y = b.value;
  if (!a.astral && !b.astral) return x < y ? -1 : x > y ? 1 : 0;
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const c = x.codePointAt(i)!;
    const d = y.codePointAt(j)!;
    if (c !== d) return c < d ? -1 : 1;
    i += c > 0xffff ? 2 : 1;
    j += d > 0xffff ? 2 : 1;
  }
  return i < x.length ? 1 : j < y.length ? -1 : 0;
}

/** @cpython Objects/unicodeobject.c PyUnicode_RichCompare */
function strRichCompare(a: PyObject, b: PyObject, op: CompareOp): PyObject {
  if (!isStr(a) || !isStr(b)) return newNotImplemented();
  if (a === b) return newBool(op === CompareOp.EQ || op === CompareOp.LE || op === CompareOp.GE);
  if (op === CompareOp.EQ || op === CompareOp.NE) {
    return newBool((a.value === b.value) === (op === CompareOp.EQ));
  }
  const c = strCompare(a, b);
  switch (op) {
    case CompareOp.LT:
      return newBool(c < 0);
    case CompareOp.LE:
      return newBool(c <= 0);
    case CompareOp.GT:
      return newBool(c > 0);
    default:
      return newBool(c >= 0);
  }
}

/** PyUnicode_Concat (`a + b`, sq_concat): a new reference. */
export function strConcat(a: PyObject, b: PyObject): PyStr {
  if (!isStr(a)) typeError(`can only concatenate str (not "${a.type.name}") to str`);
  if (!isStr(b)) typeError(`can only concatenate str (not "${b.type.name}") to str`);
  const left = a as PyStr;
  const right = b as PyStr;
  if (left === EmptyStr) return unchanged(right);
  if (right === EmptyStr) return unchanged(left);
  checkStrAlloc(left.length + right.length, Math.max(unicodeKind(left), unicodeKind(right)) as 0 | 1 | 2 | 4);
  return newStrFresh(left.value + right.value);
}

/** unicode_modifiable: the only reference, not hashed, not interned, exact. */
function modifiable(s: PyStr): boolean {
  return s.refcnt === 1 && s.hash === -1 && !s.interned && s.type === StrType;
}

/**
 * PyUnicode_Append for `s += t` (BINARY_OP_INPLACE_ADD_UNICODE): consumes the reference
 * to `left` and returns the result (a new reference). When `left` is modifiable and the
 * kinds allow, it is resized in place (PyObject_Realloc: the object may move).
 */
export function unicodeAppend(left: PyStr, right: PyObject): PyStr {
  if (!isStr(right)) {
    decref(left);
    return typeError(`can only concatenate str (not "${right.type.name}") to str`);
  }
  const r = right as PyStr;
  if (left === EmptyStr) {
    decref(left);
    return (r.refcnt++, r);
  }
  if (r === EmptyStr) return left;
  const lk = unicodeKind(left);
  const rk = unicodeKind(r);
  try {
    checkStrAlloc(left.length + r.length, Math.max(lk, rk) as 0 | 1 | 2 | 4);
  } catch (e) {
    decref(left);
    throw e;
  }
  const kindL = lk === 0 ? 1 : lk;
  const kindR = rk === 0 ? 1 : rk;
  if (modifiable(left) && r.type === StrType && kindR <= kindL && !(lk === 0 && rk !== 0)) {
    const value = left.value + r.value;
    const size = compactSize(left.length + r.length, lk);
    left.addr = pyRealloc(left.addr, size);
    left.value = value;
    memoryObserver?.objectResized?.(left);
    left.astral = left.astral || r.astral;
    left.length += r.length;
    left.charsCache = null;
    return left;
  }
  let res: PyStr;
  try {
    res = newStrFresh(left.value + r.value);
  } finally {
    decref(left);
  }
  return res;
}

/** unicode_repeat (`s * n`). */
function strRepeat(o: PyObject, n: number): PyObject {
  const s = o as PyStr;
  if (n < 1) return (EmptyStr.refcnt++, EmptyStr);
  if (n === 1) return unchanged(s);
  if (
    s.length > 0 &&
    s.length * n > Number.MAX_SAFE_INTEGER &&
    s.length > Number(9223372036854775807n / BigInt(n))
  ) {
    raise(OverflowErrorType, 'repeated string is too long');
  }
  checkStrAlloc(s.length * n, unicodeKind(s));
  return newStrFresh(s.value.repeat(n));
}

/** PyUnicode_Contains. */
function strContains(o: PyObject, item: PyObject): boolean {
  if (!isStr(item)) typeError(`'in <string>' requires string as left operand, not ${item.type.name}`);
  return M.contains((o as PyStr).value, (item as PyStr).value);
}

/** unicode_subscript: `s[i]` and `s[a:b:c]`. */
function strSubscript(o: PyObject, item: PyObject): PyObject {
  const s = o as PyStr;
  if (item.type.nb_index !== undefined) {
    let i = asSsizeT(item, IndexErrorType);
    if (i < 0) i += s.length;
    if (i < 0 || i >= s.length) indexError('string index out of range');
    const ch = s.astral ? charsOf(s)[i] : s.value[i];
    return strFromChar(ch);
  }
  if (isSlice(item)) {
    const [start, , step, n] = sliceIndices(item as PySlice, s.length);
    if (n <= 0) return (EmptyStr.refcnt++, EmptyStr);
    if (start === 0 && step === 1 && n === s.length) return unchanged(s);
    if (step === 1) return strSubstring(s, start, start + n);
    // The general case: PyUnicode_New(slicelength, max_char), never a singleton.
    const chars = s.astral ? charsOf(s) : null;
    const out: string[] = new Array(n);
    for (let k = 0, cur = start; k < n; k++, cur += step) out[k] = chars !== null ? chars[cur] : s.value[cur];
    return newStrFresh(out.join(''));
  }
  return typeError(`string indices must be integers, not '${item.type.name}'`);
}

function strLength(o: PyObject): number {
  return (o as PyStr).length;
}

StrType.tp_repr = unicodeRepr;
StrType.tp_str = strStr;
StrType.tp_hash = strTpHash;
StrType.tp_richcompare = strRichCompare;
StrType.tp_sizeof = (o) => strSizeof(o as PyStr);
StrType.sq_concat = strConcat;
StrType.sq_repeat = strRepeat;
StrType.sq_contains = strContains;
StrType.mp_length = strLength;
StrType.mp_subscript = strSubscript;
StrType.nb_remainder = (v, w) => unicodeMod(v, w);
StrType.tp_iter = (o) => newStrIterator(o as PyStr);

// ------------------------------------------------------------- construction

/**
 * unicode_new_impl: `str()`, `str(obj)`, `str(bytes, encoding, errors)`, and the same for
 * subclasses (the exact result is then copied into a two-block instance).
 */
export function strNew(type: PyType, args: PyObject[], kwnames: PyTuple | null): PyObject {
  const [x, encObj, errObj] = unpackKeywords('str', args, kwnames, ['object', 'encoding', 'errors'], 0, 0, 3);
  let encoding: string | null = null;
  let errors: string | null = null;
  if (encObj !== undefined) encoding = cStringArg('str', "argument 'encoding'", encObj);
  if (errObj !== undefined) errors = cStringArg('str', "argument 'errors'", errObj);
  let u: PyStr;
  if (x === undefined) u = (EmptyStr.refcnt++, EmptyStr);
  else if (encoding === null && errors === null) u = objectStr(x);
  else u = decodeObject(x, encoding, errors);
  if (type !== StrType) {
    try {
      return strSubtypeNew(type, u);
    } finally {
      decref(u);
    }
  }
  return u;
}

/** A clinic `str` argument (`const char *`): str without NUL characters. */
export function cStringArg(fname: string, display: string, o: PyObject): string {
  if (!isStr(o)) badArgument(fname, display, 'str', o);
  const v = (o as PyStr).value;
  if (v.indexOf('\0') >= 0) valueError('embedded null character');
  return v;
}

StrType.tp_new = strNew;

// --------------------------------------------------------------- decoding

const CODECS: Record<string, 'utf-8' | 'ascii' | 'latin-1'> = {
  utf8: 'utf-8',
  u8: 'utf-8',
  utf: 'utf-8',
  cp65001: 'utf-8',
  ascii: 'ascii',
  usascii: 'ascii',
  646: 'ascii',
  latin1: 'latin-1',
  latin: 'latin-1',
  l1: 'latin-1',
  iso88591: 'latin-1',
  iso885911987: 'latin-1',
  cp819: 'latin-1',
  '8859': 'latin-1',
};

/** The codec an encoding name stands for (normalised like encodings.normalize_encoding). */
export function codecOf(encoding: string): 'utf-8' | 'ascii' | 'latin-1' {
  const codec = CODECS[encoding.toLowerCase().replace(/[-_ ]/g, '')];
  if (codec === undefined) raise(LookupErrorType, `unknown encoding: ${encoding}`);
  return codec!;
}

const ERROR_HANDLERS = [
  'strict',
  'ignore',
  'replace',
  'backslashreplace',
  'surrogateescape',
  'surrogatepass',
];

/**
 * PyUnicode_Decode for the utf-8, ascii and latin-1 codecs with the standard error
 * handlers. `src` is the bytes-like object (for UnicodeDecodeError.object).
 */
export function decodeBytes(
  data: Uint8Array,
  encoding: string | null,
  errors: string | null,
  src: PyObject,
): PyStr {
  if (data.length === 0) return (EmptyStr.refcnt++, EmptyStr);
  const codec = encoding === null ? 'utf-8' : codecOf(encoding);
  const handler = errors ?? 'strict';
  if (codec === 'latin-1') return newStr(latin1Text(data));
  const name = codec;
  const out: string[] = [];
  let run = '';
  const flush = () => {
    if (run) out.push(run);
    run = '';
  };
  const error = (start: number, end: number, reason: string): number => {
    if (!ERROR_HANDLERS.includes(handler)) raise(LookupErrorType, `unknown error handler name '${handler}'`);
    switch (handler) {
      case 'ignore':
        return end;
      case 'replace':
        run += '\ufffd';
        return end;
      case 'surrogateescape':
        for (let k = start; k < end; k++) run += String.fromCharCode(0xdc00 + data[k]);
        return end;
      case 'backslashreplace':
        for (let k = start; k < end; k++) run += '\\x' + data[k].toString(16).padStart(2, '0');
        return end;
      case 'surrogatepass':
        if (name === 'utf-8' && start + 3 <= data.length) {
          const [a, b, c] = [data[start], data[start + 1], data[start + 2]];
          if (a === 0xed && b >= 0xa0 && b <= 0xbf && c >= 0x80 && c <= 0xbf) {
            run += String.fromCharCode(((a & 0x0f) << 12) | ((b & 0x3f) << 6) | (c & 0x3f));
            return start + 3;
          }
        }
        break;
    }
    // make_decode_exception: the object is a new bytes with the input's content.
    void src;
    return raiseUnicodeError(UnicodeDecodeErrorType, name, makeBytes(data.slice()), start, end, reason);
  };
  let i = 0;
  const n = data.length;
  if (codec === 'ascii') {
    if (n === 1 && data[0] < 128) return strFromCodePoint(data[0]);
    while (i < n) {
      const c = data[i];
      if (c < 128) {
        run += String.fromCharCode(c);
        i++;
      } else i = error(i, i + 1, 'ordinal not in range(128)');
    }
    flush();
    return newStr(out.join(''));
  }
  const cont = (b: number | undefined) => b !== undefined && b >= 0x80 && b < 0xc0;
  while (i < n) {
    const c = data[i];
    if (c < 0x80) {
      run += String.fromCharCode(c);
      i++;
      continue;
    }
    let code = 0;
    let len = 0;
    let bad: [number, string] | null = null; // [error end, reason]
    const b1 = data[i + 1];
    const b2 = data[i + 2];
    const b3 = data[i + 3];
    if (c < 0xe0) {
      if (c < 0xc2) bad = [i + 1, 'invalid start byte'];
      else if (n - i < 2) bad = [n, 'unexpected end of data'];
      else if (!cont(b1)) bad = [i + 1, 'invalid continuation byte'];
      else {
        code = ((c & 0x1f) << 6) | (b1 & 0x3f);
        len = 2;
      }
    } else if (c < 0xf0) {
      const badSecond = !cont(b1) || (b1 < 0xa0 ? c === 0xe0 : c === 0xed);
      if (n - i < 3) {
        if (n - i < 2) bad = [n, 'unexpected end of data'];
        else if (badSecond) bad = [i + 1, 'invalid continuation byte'];
        else bad = [n, 'unexpected end of data'];
      } else if (badSecond) bad = [i + 1, 'invalid continuation byte'];
      else if (!cont(b2)) bad = [i + 2, 'invalid continuation byte'];
      else {
        code = ((c & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
        len = 3;
      }
    } else if (c < 0xf5) {
      const badSecond = !cont(b1) || (b1 < 0x90 ? c === 0xf0 : c === 0xf4);
      if (n - i < 4) {
        if (n - i < 2) bad = [n, 'unexpected end of data'];
        else if (badSecond) bad = [i + 1, 'invalid continuation byte'];
        else if (n - i < 3) bad = [n, 'unexpected end of data'];
        else if (!cont(b2)) bad = [i + 2, 'invalid continuation byte'];
        else bad = [n, 'unexpected end of data'];
      } else if (badSecond) bad = [i + 1, 'invalid continuation byte'];
      else if (!cont(b2)) bad = [i + 2, 'invalid continuation byte'];
      else if (!cont(b3)) bad = [i + 3, 'invalid continuation byte'];
      else {
        code = ((c & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
        len = 4;
      }
    } else bad = [i + 1, 'invalid start byte'];
    if (bad !== null) {
      i = error(i, bad[0], bad[1]);
      continue;
    }
    run += code < 0x10000 ? String.fromCharCode(code) : String.fromCodePoint(code);
    i += len;
  }
  flush();
  const result = out.join('');
  // The all-ASCII fast path returns its PyUnicode_New buffer as is (no singleton).
  return newStr(result);
}

function latin1Text(data: Uint8Array): string {
  let s = '';
  for (let i = 0; i < data.length; i += 8192) {
    s += String.fromCharCode(...data.subarray(i, Math.min(i + 8192, data.length)));
  }
  return s;
}

/** The bytes of a bytes-like object (bytes, bytearray), or null. */
let bytesLikeData: (o: PyObject) => Uint8Array | null = () => null;
/** Set by bytesobject.ts: how to read the buffer of bytes-like objects. */
export function setBytesLikeReader(fn: (o: PyObject) => Uint8Array | null): void {
  bytesLikeData = fn;
}
/** Set by bytesobject.ts: PyBytes_FromStringAndSize for encode() results. */
let makeBytes: (b: Uint8Array) => PyObject = () => {
  throw new Error('bytes not ready');
};
export function setBytesMaker(fn: (b: Uint8Array) => PyObject): void {
  makeBytes = fn;
}
export function bytesLike(o: PyObject): Uint8Array | null {
  return bytesLikeData(o);
}

/** PyUnicode_FromEncodedObject. */
export function decodeObject(obj: PyObject, encoding: string | null, errors: string | null): PyStr {
  if (isStr(obj)) typeError('decoding str is not supported');
  const data = bytesLikeData(obj);
  if (data === null) typeError(`decoding to str: need a bytes-like object, ${obj.type.name} found`);
  if (data!.length === 0) return (EmptyStr.refcnt++, EmptyStr);
  return decodeBytes(data!, encoding, errors, obj);
}

// --------------------------------------------------------------- iterator

export const StrIterType: PyType = staticType({
  name: 'str_iterator',
  basicsize: 32,
  flags: TypeFlag.HAVE_GC,
});
export const StrAsciiIterType: PyType = staticType({
  name: 'str_ascii_iterator',
  basicsize: 32,
  flags: TypeFlag.HAVE_GC,
});

export class PyStrIter extends PyObject {
  /** JS unit offset matching `index` (astral strings). */
  unit = 0;
  constructor(
    type: PyType,
    public seq: PyStr | null,
    public index: number,
  ) {
    super(type);
  }
}

/** unicode_iter: str_ascii_iterator for compact ASCII strings, str_iterator otherwise. */
export function newStrIterator(s: PyStr): PyStrIter {
  const type = s.compact && unicodeKind(s) === 0 ? StrAsciiIterType : StrIterType;
  const it = allocGCObject(new PyStrIter(type, s, 0), 32);
  s.refcnt++;
  rt.gc.track(it);
  return it;
}

function strIterNext(o: PyObject): PyObject | null {
  const it = o as PyStrIter;
  const seq = it.seq;
  if (seq === null) return null;
  if (it.index < seq.length) {
    const v = seq.value;
    let ch: string;
    if (!seq.astral) ch = v[it.index];
    else {
      const c = v.charCodeAt(it.unit);
      const d = v.charCodeAt(it.unit + 1);
      const pair = c >= 0xd800 && c < 0xdc00 && d >= 0xdc00 && d < 0xe000;
      ch = v.slice(it.unit, it.unit + (pair ? 2 : 1));
      it.unit += pair ? 2 : 1;
    }
    it.index++;
    return strFromChar(ch);
  }
  it.seq = null;
  decref(seq);
  return null;
}

for (const t of [StrIterType, StrAsciiIterType]) {
  t.tp_iternext = strIterNext;
  t.tp_iter = (o) => (o.refcnt++, o);
  t.tp_dealloc = (o) => {
    const it = o as PyStrIter;
    rt.gc.untrack(it);
    const seq = it.seq;
    it.seq = null;
    if (seq !== null) decref(seq);
    gcDel(it);
  };
  t.tp_traverse = (o, visit) => {
    const seq = (o as PyStrIter).seq;
    if (seq !== null) visit(seq, 'seq');
  };
  t.lengthHint = (o) => {
    const it = o as PyStrIter;
    return it.seq === null ? 0 : it.seq.length - it.index;
  };
  t.methodSpecs.push({
    name: '__length_hint__',
    call: (self) => {
      const it = self as PyStrIter;
      return newInt(it.seq === null ? 0 : it.seq.length - it.index);
    },
  });
}

// ------------------------------------------------------------ join / concat

/**
 * _PyUnicode_JoinArray (BUILD_STRING, str.join): `parts` are borrowed. One exact str is
 * returned as is; otherwise a fresh str is built.
 */
export function joinArray(sep: PyStr | null, items: readonly PyObject[]): PyStr {
  const n = items.length;
  if (n === 0) return (EmptyStr.refcnt++, EmptyStr);
  if (n === 1 && items[0].type === StrType) return (items[0].refcnt++, items[0] as PyStr);
  const sepText = n === 1 ? '' : sep === null ? ' ' : sep.value;
  const sepLen = n === 1 ? 0 : sep === null ? 1 : sep.length;
  let total = 0;
  let kind = n === 1 || sepText === '' ? 0 : kindOfText(sepText);
  const parts: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const item = items[i];
    if (!isStr(item)) typeError(`sequence item ${i}: expected str instance, ${item.type.name} found`);
    const s = item as PyStr;
    parts[i] = s.value;
    total += s.length + (i > 0 ? sepLen : 0);
    const k = unicodeKind(s);
    if (k > kind) kind = k;
  }
  checkStrAlloc(total, kind as 0 | 1 | 2 | 4);
  return newStrFresh(parts.join(sepText));
}

/** BUILD_STRING: _PyUnicode_JoinArray with an empty separator (parts borrowed). */
export function buildString(parts: PyStr[]): PyStr {
  return joinArray(EmptyStr, parts);
}

/**
 * PySequence_Fast(seq, message): the list or tuple itself, or a new list of its items
 * (the iterator first, then list(iterator)). A new reference.
 */
export function sequenceFast(seq: PyObject, message: string): PyList | PyTuple {
  if (seq.type === ListType || seq.type === TupleType) return (seq.refcnt++, seq as PyList);
  let it: PyObject;
  try {
    it = getIter(seq);
  } catch (e) {
    if (e instanceof PyObject && e.type.isSubtypeOf(TypeErrorType)) {
      decref(e);
      typeError(message);
    }
    throw e;
  }
  const l = newEmptyList();
  try {
    listExtend(l, it);
  } catch (e) {
    decref(l);
    throw e;
  } finally {
    decref(it);
  }
  return l;
}

/** PyUnicode_Join: `sep.join(iterable)`. */
export function strJoin(sep: PyStr, iterable: PyObject): PyStr {
  const fseq = sequenceFast(iterable, 'can only join an iterable');
  try {
    return joinArray(sep, fseq.items);
  } finally {
    decref(fseq);
  }
}

// --------------------------------------------------------------- methods

const Q = 'str';

/** PyList_New(n) for the split family: the item array is allocated up front. */
function preallocatedList(n: number): PyList {
  const l = newEmptyList();
  if (n > 0) {
    l.itemsAddr = pyMalloc(8 * n);
    l.allocated = n;
  }
  return l;
}

const MAX_PREALLOC = 12;
const preallocSize = (maxcount: number) => (maxcount >= MAX_PREALLOC ? MAX_PREALLOC : maxcount + 1);

/** SPLIT_ADD: into the preallocated slots, then appended. */
function splitAdd(l: PyList, sub: PyStr): void {
  if (l.items.length < MAX_PREALLOC && l.items.length < l.allocated) l.items.push(sub);
  else listAppendTake(l, sub);
}

/** split / rsplit (unicode_split_impl, unicode_rsplit_impl). */
function splitImpl(self: PyStr, sepObj: PyObject, maxsplit: number, right: boolean): PyList {
  const maxcount = maxsplit < 0 ? Number.MAX_SAFE_INTEGER : maxsplit;
  const exact = self.type === StrType;
  if (sepObj === None) {
    const l = preallocatedList(preallocSize(maxcount));
    try {
      const parts = right ? M.rsplit(self.value, null, maxsplit) : M.split(self.value, null, maxsplit);
      // No whitespace at all: the string itself is the only item (found in the loop,
      // so not with maxsplit=0).
      if (
        exact &&
        maxcount > 0 &&
        parts.length === 1 &&
        parts[0].length === self.value.length &&
        self.length > 0
      ) {
        splitAdd(l, (self.refcnt++, self));
        return l;
      }
      if (right) for (let i = parts.length - 1; i >= 0; i--) splitAdd(l, newStr(parts[i]));
      else for (const p of parts) splitAdd(l, newStr(p));
      if (right) l.items.reverse();
      return l;
    } catch (e) {
      decref(l);
      throw e;
    }
  }
  if (!isStr(sepObj)) typeError(`must be str or None, not ${sepObj.type.name}`);
  const sep = sepObj as PyStr;
  const k1 = unicodeKind(self) || 1;
  const k2 = unicodeKind(sep) || 1;
  if (k1 < k2 || self.length < sep.length) {
    const l = preallocatedList(1);
    l.items.push((self.refcnt++, self));
    return l;
  }
  if (sep.length === 0) valueError('empty separator');
  const l = preallocatedList(preallocSize(maxcount));
  try {
    const parts = text(() =>
      right ? M.rsplit(self.value, sep.value, maxsplit) : M.split(self.value, sep.value, maxsplit),
    );
    if (parts.length === 1 && exact) {
      splitAdd(l, (self.refcnt++, self));
      return l;
    }
    if (right) for (let i = parts.length - 1; i >= 0; i--) splitAdd(l, newStr(parts[i]));
    else for (const p of parts) splitAdd(l, newStr(p));
    if (right) l.items.reverse();
    return l;
  } catch (e) {
    decref(l);
    throw e;
  }
}

/** PyUnicode_Splitlines. */
function splitlinesImpl(self: PyStr, keepends: boolean): PyList {
  const l = newEmptyList();
  try {
    const lines = M.splitlines(self.value, keepends);
    if (lines.length === 1 && self.type === StrType && lines[0].length === self.value.length) {
      listAppendTake(l, (self.refcnt++, self));
      return l;
    }
    for (const line of lines) listAppendTake(l, newStr(line));
    return l;
  } catch (e) {
    decref(l);
    throw e;
  }
}

/** PyUnicode_Partition / PyUnicode_RPartition. */
function partitionImpl(self: PyStr, sepObj: PyObject, right: boolean): PyTuple {
  if (!isStr(sepObj)) typeError(`must be str, not ${sepObj.type.name}`);
  const sep = sepObj as PyStr;
  const empty = () => (EmptyStr.refcnt++, EmptyStr);
  const notFound = (): PyTuple => {
    self.refcnt++;
    return right ? newTuple([empty(), empty(), self]) : newTuple([self, empty(), empty()]);
  };
  const k1 = unicodeKind(self) || 1;
  const k2 = unicodeKind(sep) || 1;
  if (k1 < k2 || self.length < sep.length) return notFound();
  if (sep.length === 0) valueError('empty separator');
  const at = right ? M.rfind(self.value, sep.value) : M.find(self.value, sep.value);
  if (at < 0) return notFound();
  const [a, , c] = right ? M.rpartition(self.value, sep.value) : M.partition(self.value, sep.value);
  // PyTuple_New(3) first, then the two new parts; the separator object itself is shared.
  None.refcnt += 3;
  const t = newTuple([None, None, None]);
  t.items[0] = newStr(a);
  None.refcnt--;
  sep.refcnt++;
  t.items[1] = sep;
  None.refcnt--;
  t.items[2] = newStr(c);
  None.refcnt--;
  return t;
}

/** pad() of center/ljust/rjust/zfill: a fresh str unless nothing is added. */
function padded(self: PyStr, result: string): PyStr {
  if (result.length === self.value.length) return unchanged(self);
  return newStrFresh(result);
}

/** convert_uc: the fill character argument. */
function fillCharArg(o: PyObject): string {
  if (!isStr(o)) typeError(`The fill character must be a unicode character, not ${o.type.name}`);
  if ((o as PyStr).length !== 1) typeError('The fill character must be exactly one character long');
  return (o as PyStr).value;
}

function justify(name: 'center' | 'ljust' | 'rjust') {
  return (self: PyObject, args: PyObject[], kw: PyTuple | null): PyObject => {
    noKeywords(`${Q}.${name}`, kw);
    checkPositional(name, args.length, 1, 2);
    const width = ssizeArg(args[0]);
    const fill = args.length > 1 ? fillCharArg(args[1]) : ' ';
    const s = self as PyStr;
    if (s.length >= width) return unchanged(s);
    checkStrAlloc(width, Math.max(unicodeKind(s), kindOfText(fill)) as 0 | 1 | 2 | 4);
    return padded(s, M[name](s.value, width, fill));
  };
}

/** The case methods: fresh results, a temporary UCS-4 buffer for non-ASCII text. */
function caseMethod(name: 'upper' | 'lower' | 'capitalize' | 'title' | 'swapcase' | 'casefold') {
  return (self: PyObject, args: PyObject[], kw: PyTuple | null): PyObject => {
    noArgs(`${Q}.${name}`, args, kw);
    const s = self as PyStr;
    if (name === 'capitalize' && s.length === 0) return unchanged(s);
    const ascii = unicodeKind(s) === 0;
    const viaAscii = ascii && (name === 'upper' || name === 'lower' || name === 'casefold');
    if (viaAscii) return newStrFresh(M[name](s.value));
    // case_operation: PyMem_Malloc(12 * length) while the result is allocated.
    const tmp = pyMalloc(12 * s.length);
    try {
      return newStrFresh(M[name](s.value));
    } finally {
      pyFree(tmp);
    }
  };
}

function predicate(name: keyof typeof M & `is${string}`) {
  return (self: PyObject, args: PyObject[], kw: PyTuple | null): PyObject => {
    noArgs(`${Q}.${name}`, args, kw);
    return newBool((M[name] as (s: string) => boolean)((self as PyStr).value));
  };
}

/** stringlib_parse_args_finds + the sub argument: [sub, start, end]. */
function findArgs(
  name: string,
  args: PyObject[],
  kw: PyTuple | null,
): [PyObject, number | null, number | null] {
  noKeywords(`${Q}.${name}`, kw);
  parseTupleCount(name, args.length, 1, 3);
  const start = sliceIndexArg(args[1]);
  const end = sliceIndexArg(args[2]);
  return [args[0], start, end];
}

function ensureStr(o: PyObject): PyStr {
  if (!isStr(o)) typeError(`must be str, not ${o.type.name}`);
  return o as PyStr;
}

function findMethod(name: 'find' | 'rfind' | 'index' | 'rindex' | 'count') {
  return (self: PyObject, args: PyObject[], kw: PyTuple | null): PyObject => {
    const [subObj, start, end] = findArgs(name, args, kw);
    const sub = ensureStr(subObj);
    const s = self as PyStr;
    return newInt(text(() => M[name](s.value, sub.value, start, end)));
  };
}

function tailMethod(name: 'startswith' | 'endswith') {
  return (self: PyObject, args: PyObject[], kw: PyTuple | null): PyObject => {
    const [subObj, start, end] = findArgs(name, args, kw);
    const s = (self as PyStr).value;
    if (isTuple(subObj)) {
      for (const item of (subObj as PyTuple).items) {
        if (!isStr(item)) typeError(`tuple for ${name} must only contain str, not ${item.type.name}`);
        if (M[name](s, (item as PyStr).value, start, end)) return newBool(true);
      }
      return newBool(false);
    }
    if (!isStr(subObj)) {
      typeError(`${name} first arg must be str or a tuple of str, not ${subObj.type.name}`);
    }
    return newBool(M[name](s, (subObj as PyStr).value, start, end));
  };
}

function stripMethod(name: 'strip' | 'lstrip' | 'rstrip') {
  return (self: PyObject, args: PyObject[], kw: PyTuple | null): PyObject => {
    noKeywords(`${Q}.${name}`, kw);
    checkPositional(name, args.length, 0, 1);
    const s = self as PyStr;
    const chars = args[0];
    let charsText: string | null = null;
    if (chars !== undefined && chars !== None) {
      if (!isStr(chars)) typeError(`${name} arg must be None or str`);
      charsText = (chars as PyStr).value;
    }
    const r = M[name](s.value, charsText);
    if (r.length === s.value.length) return unchanged(s);
    return newStr(r);
  };
}

/** unicode_encode_impl / PyUnicode_AsEncodedString: a new bytes. */
export function strEncode(s: PyStr, encoding: string | null, errors: string | null): PyObject {
  const codec = encoding === null ? 'utf-8' : codecOf(encoding);
  let data: Uint8Array;
  try {
    data = M.encode(s.value, codec, errors ?? 'strict');
  } catch (e) {
    if (e instanceof EncodeError) {
      s.refcnt++;
      return raiseUnicodeError(UnicodeEncodeErrorType, e.encoding, s, e.start, e.end, e.reason);
    }
    if (e instanceof TextError) raiseTextError(e);
    throw e;
  }
  return makeBytes(data);
}

/** unicode_replace_impl / replace(). */
function strReplace(self: PyStr, old: PyStr, repl: PyStr, count: number): PyStr {
  const slen = self.length;
  const len1 = old.length;
  const len2 = repl.length;
  if (slen < len1 || count === 0 || old === repl) return unchanged(self);
  const kSelf = unicodeKind(self);
  const k1 = unicodeKind(old);
  const k2 = unicodeKind(repl);
  const maxchar = (k: number) => (k === 0 ? 0x7f : k === 1 ? 0xff : k === 2 ? 0xffff : 0x10ffff);
  if (maxchar(kSelf) < maxchar(k1)) return unchanged(self);
  if (len1 === len2 && len1 === 0) return unchanged(self);
  const found = len1 === 0 ? true : M.find(self.value, old.value) >= 0;
  if (!found) return unchanged(self);
  const n = len1 === 0 ? slen + 1 : M.count(self.value, old.value);
  const m = count < 0 ? n : Math.min(n, count);
  const newSize = slen + m * (len2 - len1);
  if (len1 !== len2 && newSize === 0) return (EmptyStr.refcnt++, EmptyStr);
  const tmpKind = Math.max(kSelf, k2) as 0 | 1 | 2 | 4;
  checkStrAlloc(newSize, tmpKind);
  const result = M.replace(self.value, old.value, repl.value, count);
  const mayshrink = maxchar(k2) < maxchar(k1) && maxchar(kSelf) === maxchar(k1);
  return mayshrink ? newStrNarrowed(result, tmpKind) : newStrFresh(result);
}

/** _PyUnicode_TranslateCharmap(self, table, "ignore"). */
function strTranslate(self: PyStr, table: PyObject): PyStr {
  if (self.length === 0) return unchanged(self);
  const out: string[] = [];
  // charmaptranslate_lookup: table[ord(c)] -> null (no mapping), None, int or str.
  const lookup = (cp: number): PyObject | null => {
    const key = newInt(cp);
    let x: PyObject;
    try {
      x = getItem(table, key);
    } catch (e) {
      if (e instanceof PyObject && e.type.isSubtypeOf(LookupErrorType)) {
        decref(e);
        return null;
      }
      throw e;
    } finally {
      decref(key);
    }
    if (x === None) return x;
    if (isInt(x)) {
      const v = (x as PyLong).value;
      if (typeof v !== 'number' || v < 0 || v > 0x10ffff) {
        decref(x);
        valueError('character mapping must be in range(0x110000)');
      }
      return x;
    }
    if (isStr(x)) return x;
    decref(x);
    return typeError('character mapping must return integer, None or str');
  };
  const cps = codePoints(self.value);
  let i = 0;
  if (unicodeKind(self) === 0) {
    // unicode_fast_translate: one lookup per distinct ASCII character.
    const cache = new Map<number, string | null>();
    let ok = true;
    for (; i < cps.length; i++) {
      const c = cps[i];
      let r = cache.get(c);
      if (r === undefined) {
        const x = lookup(c);
        if (x === null) r = String.fromCharCode(c);
        else if (x === None) r = null;
        else if (isInt(x)) {
          const v = (x as PyLong).value as number;
          decref(x);
          if (v > 127) {
            ok = false;
            break;
          }
          r = String.fromCharCode(v);
        } else {
          const sx = x as PyStr;
          const fits = sx.length === 1 && sx.value.charCodeAt(0) <= 127;
          decref(x);
          if (!fits) {
            ok = false;
            break;
          }
          r = sx.value;
        }
        if (x !== null && x === None) decref(x);
        cache.set(c, r);
      }
      if (r !== null) out.push(r);
    }
    if (ok) return newStr(out.join(''));
  }
  while (i < cps.length) {
    const x = lookup(cps[i]);
    if (x === null) {
      out.push(String.fromCodePoint(cps[i]));
      i++;
      continue;
    }
    if (x === None) {
      decref(x);
      // Find the run of untranslatable characters (looked up once more each).
      let end = i + 1;
      while (end < cps.length) {
        const y = lookup(cps[end]);
        const stop = y !== None;
        if (y !== null) decref(y);
        if (stop) break;
        end++;
      }
      i = end;
      continue;
    }
    if (isInt(x)) out.push(String.fromCodePoint((x as PyLong).value as number));
    else out.push((x as PyStr).value);
    decref(x);
    i++;
  }
  return newStr(out.join(''));
}

/** str.maketrans(x[, y[, z]]). */
function strMaketrans(args: PyObject[], kw: PyTuple | null): PyObject {
  noKeywords(`${Q}.maketrans`, kw);
  checkPositional('maketrans', args.length, 1, 3);
  const [x, y, z] = args;
  if (y !== undefined && !isStr(y)) badArgument('maketrans', 'argument 2', 'str', y);
  if (z !== undefined && !isStr(z)) badArgument('maketrans', 'argument 3', 'str', z);
  const d = newDict();
  try {
    if (y !== undefined) {
      if (!isStr(x)) typeError('first maketrans argument must be a string if there is a second argument');
      const xs = codePoints((x as PyStr).value);
      const ys = codePoints((y as PyStr).value);
      if (xs.length !== ys.length) valueError('the first two maketrans arguments must have equal length');
      for (let i = 0; i < xs.length; i++) {
        const key = newInt(xs[i]);
        const value = newInt(ys[i]);
        try {
          dictSetItem(d, key, value);
        } finally {
          decref(key);
          decref(value);
        }
      }
      if (z !== undefined) {
        for (const c of codePoints((z as PyStr).value)) {
          const key = newInt(c);
          try {
            dictSetItem(d, key, None);
          } finally {
            decref(key);
          }
        }
      }
    } else {
      if (x.type !== DictType) typeError('if you give only one argument to maketrans it must be a dict');
      let pos = 0;
      for (;;) {
        const e = dictNext(x as PyDict, pos);
        if (e === null) break;
        pos = e.pos;
        if (isStr(e.key)) {
          const k = e.key as PyStr;
          if (k.length !== 1) valueError('string keys in translate table must be of length 1');
          const newkey = newInt(k.value.codePointAt(0)!);
          try {
            dictSetItem(d, newkey, e.value);
          } finally {
            decref(newkey);
          }
        } else if (isInt(e.key)) {
          dictSetItem(d, e.key, e.value);
        } else typeError('keys in translate table must be strings or integers');
      }
    }
  } catch (e) {
    decref(d);
    throw e;
  }
  return d;
}

/**
 * tp_new_wrapper: `str.__new__(S, ...)`. The descriptor may be bound to a subclass (found
 * through `super()`), but the `__new__` that runs is always str's own.
 */
function strDunderNew(args: PyObject[], kw: PyTuple | null): PyObject {
  if (args.length - (kw?.items.length ?? 0) < 1) typeError('str.__new__(): not enough arguments');
  const sub = args[0];
  if (!(sub instanceof PyType)) typeError(`str.__new__(X): X is not a type object (${sub.type.name})`);
  const subtype = sub as PyType;
  if (!subtype.isSubtypeOf(StrType)) {
    typeError(`str.__new__(${subtype.name}): ${subtype.name} is not a subtype of str`);
  }
  return strNew(subtype, args.slice(1), kw);
}

export const strMethodSpecs: MethodSpec[] = [
  {
    name: '__new__',
    kind: 'classmethod',
    call: (_owner, args, kw) => strDunderNew(args, kw),
  },
  {
    name: 'encode',
    call: (self, args, kw) => {
      const [enc, err] = unpackKeywords('encode', args, kw, ['encoding', 'errors'], 0, 0, 2);
      const encoding = enc === undefined ? null : cStringArg('encode', "argument 'encoding'", enc);
      const errors = err === undefined ? null : cStringArg('encode', "argument 'errors'", err);
      return strEncode(self as PyStr, encoding, errors);
    },
  },
  {
    name: 'replace',
    call: (self, args, kw) => {
      noKeywords(`${Q}.replace`, kw);
      checkPositional('replace', args.length, 2, 3);
      if (!isStr(args[0])) badArgument('replace', 'argument 1', 'str', args[0]);
      if (!isStr(args[1])) badArgument('replace', 'argument 2', 'str', args[1]);
      const count = args.length > 2 ? ssizeArg(args[2]) : -1;
      return strReplace(self as PyStr, args[0] as PyStr, args[1] as PyStr, count);
    },
  },
  {
    name: 'split',
    call: (self, args, kw) => {
      const [sep, maxsplit] = unpackKeywords('split', args, kw, ['sep', 'maxsplit'], 0, 0, 2);
      return splitImpl(self as PyStr, sep ?? None, maxsplit === undefined ? -1 : ssizeArg(maxsplit), false);
    },
  },
  {
    name: 'rsplit',
    call: (self, args, kw) => {
      const [sep, maxsplit] = unpackKeywords('rsplit', args, kw, ['sep', 'maxsplit'], 0, 0, 2);
      return splitImpl(self as PyStr, sep ?? None, maxsplit === undefined ? -1 : ssizeArg(maxsplit), true);
    },
  },
  {
    name: 'join',
    call: (self, args, kw) => strJoin(self as PyStr, oneArg(`${Q}.join`, args, kw)),
  },
  { name: 'capitalize', call: caseMethod('capitalize') },
  { name: 'casefold', call: caseMethod('casefold') },
  { name: 'title', call: caseMethod('title') },
  { name: 'center', call: justify('center') },
  { name: 'count', call: findMethod('count') },
  {
    name: 'expandtabs',
    call: (self, args, kw) => {
      const [ts] = unpackKeywords('expandtabs', args, kw, ['tabsize'], 0, 0, 1);
      const tabsize = ts === undefined ? 8 : cIntArg(ts);
      const s = self as PyStr;
      if (s.value.indexOf('\t') < 0) return unchanged(s);
      if (tabsize > 0) {
        let total = 0;
        let col = 0;
        for (const ch of s.value) {
          if (ch === '\t') {
            const inc = tabsize - (col % tabsize);
            col += inc;
            total += inc;
          } else {
            total++;
            col = ch === '\n' || ch === '\r' ? 0 : col + 1;
          }
        }
        checkStrAlloc(total, unicodeKind(s));
      }
      return newStrFresh(M.expandtabs(s.value, tabsize));
    },
  },
  { name: 'find', call: findMethod('find') },
  {
    name: 'partition',
    call: (self, args, kw) => partitionImpl(self as PyStr, oneArg(`${Q}.partition`, args, kw), false),
  },
  { name: 'index', call: findMethod('index') },
  { name: 'ljust', call: justify('ljust') },
  { name: 'lower', call: caseMethod('lower') },
  { name: 'lstrip', call: stripMethod('lstrip') },
  { name: 'rfind', call: findMethod('rfind') },
  { name: 'rindex', call: findMethod('rindex') },
  { name: 'rjust', call: justify('rjust') },
  { name: 'rstrip', call: stripMethod('rstrip') },
  {
    name: 'rpartition',
    call: (self, args, kw) => partitionImpl(self as PyStr, oneArg(`${Q}.rpartition`, args, kw), true),
  },
  {
    name: 'splitlines',
    call: (self, args, kw) => {
      const [ke] = unpackKeywords('splitlines', args, kw, ['keepends'], 0, 0, 1);
      const keepends = ke === undefined ? false : cIntArg(ke) !== 0;
      return splitlinesImpl(self as PyStr, keepends);
    },
  },
  { name: 'strip', call: stripMethod('strip') },
  { name: 'swapcase', call: caseMethod('swapcase') },
  {
    name: 'translate',
    call: (self, args, kw) => strTranslate(self as PyStr, oneArg(`${Q}.translate`, args, kw)),
  },
  { name: 'upper', call: caseMethod('upper') },
  { name: 'startswith', call: tailMethod('startswith') },
  { name: 'endswith', call: tailMethod('endswith') },
  {
    name: 'removeprefix',
    call: (self, args, kw) => {
      const p = oneArg(`${Q}.removeprefix`, args, kw);
      if (!isStr(p)) badArgument('removeprefix', 'argument', 'str', p);
      const s = self as PyStr;
      const prefix = p as PyStr;
      if (M.startswith(s.value, prefix.value)) return strSubstring(s, prefix.length, s.length);
      return unchanged(s);
    },
  },
  {
    name: 'removesuffix',
    call: (self, args, kw) => {
      const p = oneArg(`${Q}.removesuffix`, args, kw);
      if (!isStr(p)) badArgument('removesuffix', 'argument', 'str', p);
      const s = self as PyStr;
      const suffix = p as PyStr;
      if (suffix.length > 0 && M.endswith(s.value, suffix.value)) {
        return strSubstring(s, 0, s.length - suffix.length);
      }
      return unchanged(s);
    },
  },
  { name: 'isascii', call: predicate('isascii') },
  { name: 'islower', call: predicate('islower') },
  { name: 'isupper', call: predicate('isupper') },
  { name: 'istitle', call: predicate('istitle') },
  { name: 'isspace', call: predicate('isspace') },
  { name: 'isdecimal', call: predicate('isdecimal') },
  { name: 'isdigit', call: predicate('isdigit') },
  { name: 'isnumeric', call: predicate('isnumeric') },
  { name: 'isalpha', call: predicate('isalpha') },
  { name: 'isalnum', call: predicate('isalnum') },
  { name: 'isidentifier', call: predicate('isidentifier') },
  { name: 'isprintable', call: predicate('isprintable') },
  {
    name: 'zfill',
    call: (self, args, kw) => {
      const width = ssizeArg(oneArg(`${Q}.zfill`, args, kw));
      const s = self as PyStr;
      if (s.length >= width) return unchanged(s);
      checkStrAlloc(width, unicodeKind(s));
      return newStrFresh(M.zfill(s.value, width));
    },
  },
  {
    name: 'format',
    call: (self, args, kw) => strFormatMethod(self as PyStr, args, kw),
  },
  {
    name: 'format_map',
    call: (self, args, kw) => strFormatMapMethod(self as PyStr, oneArg(`${Q}.format_map`, args, kw)),
  },
  {
    name: '__format__',
    call: (self, args, kw) => {
      const spec = oneArg(`${Q}.__format__`, args, kw);
      if (!isStr(spec)) badArgument('__format__', 'argument', 'str', spec);
      return strDunderFormat(self as PyStr, spec as PyStr);
    },
  },
  {
    name: 'maketrans',
    kind: 'classmethod',
    call: (_self, args, kw) => strMaketrans(args, kw),
  },
  {
    name: '__sizeof__',
    call: (self, args, kw) => {
      noArgs(`${Q}.__sizeof__`, args, kw);
      return newInt(strSizeof(self as PyStr));
    },
  },
  {
    name: '__getnewargs__',
    call: (self, args, kw) => {
      noArgs(`${Q}.__getnewargs__`, args, kw);
      return newTuple([strCopy(self as PyStr)]);
    },
  },
  // The sequence slots as CPython exposes them (wrap_binaryfunc, wrap_indexargfunc).
  {
    name: '__add__',
    call: (self, args, kw) => strConcat(self, oneArgWrapper('__add__', args, kw)),
  },
  {
    name: '__mul__',
    call: (self, args, kw) =>
      strRepeat(self, asSsizeT(oneArgWrapper('__mul__', args, kw), OverflowErrorType)),
  },
  {
    name: '__rmul__',
    call: (self, args, kw) =>
      strRepeat(self, asSsizeT(oneArgWrapper('__rmul__', args, kw), OverflowErrorType)),
  },
];

/** The argument check of slot wrappers (wrap_binaryfunc: exactly one argument). */
function oneArgWrapper(name: string, args: PyObject[], kw: PyTuple | null): PyObject {
  if (kw !== null && kw.items.length > 0) typeError(`wrapper ${name}() takes no keyword arguments`);
  if (args.length !== 1) typeError(`expected 1 argument, got ${args.length}`);
  return args[0];
}

StrType.methodSpecs.push(...strMethodSpecs);
