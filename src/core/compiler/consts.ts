/**
 * Constants: the objects the parser creates for literals (held by the AST arena while a
 * main script runs: one extra reference each), and the compiler's merging of equal
 * constants across the whole file. @cpython Python/compile.c merge_consts_recursive,
 * Objects/codeobject.c _PyCode_ConstantKey, Python/pyarena.c _PyArena_AddPyObject
 */
import type * as ast from '../syntax/ast';
import { PyObject, decref } from '../objects/object';
import { None, Ellipsis } from '../objects/noneobject';
import { True, False, BoolType } from '../objects/boolobject';
import { IntType, newIntBig, newInt, type PyLong } from '../objects/longobject';
import { newFloat, FloatType, type PyFloat } from '../objects/floatobject';
import { StrType, newStr, type PyStr, intern } from '../objects/unicodeobject';
import { newBytes, newBytesFresh, BytesType, type PyBytes } from '../objects/bytesobject';
import { PyTuple, TupleType, newTuple, tupleAlloc, tuplePack } from '../objects/tupleobject';
import { FrozenSetType, newFrozenSet, newSetIterator, setKeys, type PySet } from '../objects/setobject';
import { rt } from '../vm/runtime';
import { newEmptyList, listAppendTake, type PyList } from '../objects/listobject';
import { CodeType } from '../objects/codeobject';
import { unsupported } from './errors';

/**
 * The AST arena's list of objects (a_objects, a real list made by _PyArena_New): references
 * that live as long as the parsed file.
 */
export class Arena {
  private list: PyList | null = newEmptyList();
  /** _PyArena_AddPyObject: the arena takes the reference. */
  add(o: PyObject): void {
    if (this.list === null) throw new Error('the arena is freed');
    listAppendTake(this.list, o);
  }
  /** _PyArena_Free: the list goes, releasing its items last to first. */
  free(): void {
    const list = this.list;
    this.list = null;
    if (list !== null) decref(list);
  }
}

/** Objects made for the Constant nodes of a tree (the parser's work), by node. */
export type ConstObjects = WeakMap<ast.Constant, PyObject>;

/**
 * A new reference to the object a literal denotes. Small ints and one-character latin-1
 * strings come out as the static singletons, as they do from CPython's parser.
 */
export function constantObject(v: ast.ConstantValue, loc: ast.Located): PyObject {
  switch (v.kind) {
    case 'None':
      return (None.refcnt++, None);
    case 'Ellipsis':
      return (Ellipsis.refcnt++, Ellipsis);
    case 'bool':
      return v.value ? (True.refcnt++, True) : (False.refcnt++, False);
    case 'int':
      return newIntBig(v.value);
    case 'float':
      return newFloat(v.value);
    case 'str':
      return newStr(v.value);
    case 'bytes':
      return newBytes(v.value);
    case 'complex':
      return unsupported('complex numbers', loc);
  }
}

/**
 * Walks the tree in source order and creates each literal's object, held by the arena.
 *
 * With an arena (CPython's parser ran), a number token is converted each time the PEG
 * parser reaches `atom` at it, and every object made goes into the arena: twice by
 * `primary` (its left-recursion loop parses the atom again to find it cannot grow), once
 * more by each `t_primary` attempt at a place an assignment target could start
 * (`targetAttempts`). Floats come from the float free list, so these copies decide how
 * many free floats the program starts with; a small int is shared, so each read is one more
 * reference to it for as long as the arena lives.
 * @cpython Parser/parser.c primary_rule, t_primary_rule; Parser/pegen.c _PyPegen_number_token
 */
export function materializeConstants(mod: ast.Module, arena: Arena | null): ConstObjects {
  const map: ConstObjects = new WeakMap();
  const attempts = arena !== null ? targetAttempts(mod) : null;
  const copy = (c: ast.Constant) => arena!.add(constantObject(c.value, c));
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const x of node) visit(x);
      return;
    }
    const n = node as { _type?: string };
    if (n._type === 'Constant') {
      const c = n as ast.Constant;
      const number = attempts !== null && (c.value.kind === 'int' || c.value.kind === 'float');
      if (number) for (let k = attempts.get(c) ?? 0; k > 0; k--) copy(c);
      const o = constantObject(c.value, c);
      map.set(c, o);
      // The parser's True, False, None and ... are the singletons themselves, not added to
      // the arena (atom_rule: _PyAST_Constant(Py_True…)); other literals are new objects it holds.
      if (arena !== null && !isSingletonLiteral(c.value)) arena.add(o);
      else tempObjects.push(o);
      if (number) copy(c);
      return;
    }
    for (const key of Object.keys(n)) {
      if (key === 'value' && n._type === 'MatchSingleton') continue;
      const child = (n as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') visit(child);
    }
  };
  visit(mod.body);
  return map;
}

function isSingletonLiteral(v: ast.ConstantValue): boolean {
  return v.kind === 'None' || v.kind === 'bool' || v.kind === 'Ellipsis';
}

/**
 * Whether a name in the tree (an identifier, not a string literal) has a non-ASCII
 * character: the parser then normalizes it with unicodedata (NFKC).
 */
export function hasNonAsciiIdentifier(mod: ast.Module): boolean {
  const visit = (node: unknown): boolean => {
    if (node === null || typeof node !== 'object') return false;
    if (Array.isArray(node)) return node.some(visit);
    const n = node as Record<string, unknown>;
    if (n._type === 'Constant') return false;
    for (const key of Object.keys(n)) {
      const v = n[key];
      if (typeof v === 'string') {
        if (key !== '_type' && /[^\x00-\x7f]/.test(v)) return true;
      } else if (v !== null && typeof v === 'object' && visit(v)) {
        return true;
      }
    }
    return false;
  };
  return visit(mod.body);
}

/**
 * How many times `t_primary` reaches each number literal: where a simple statement starts
 * (assignment's single_subscript_attribute_target and star_targets alternatives) and
 * where each `=`-separated part of an assignment starts (its `(star_targets '=')+` loop),
 * through opening brackets, starred items and the following items of a sequence while the
 * items before them are valid targets. A number followed by `.`, `(` or `[` is reached
 * twice (t_primary's loop tries to grow it).
 */
function targetAttempts(mod: ast.Module): Map<ast.Constant, number> {
  const out = new Map<ast.Constant, number>();
  const bump = (c: ast.Constant, n: number) => out.set(c, Math.max(out.get(c) ?? 0, n));
  /** star_targets parsed from the first token of `e`. */
  const targetStart = (e: ast.Expr, trailerBase = false): void => {
    switch (e._type) {
      case 'Constant':
        if (e.value.kind === 'int' || e.value.kind === 'float') bump(e, trailerBase ? 2 : 1);
        return;
      case 'Tuple':
      case 'List':
        for (const elt of e.elts) {
          targetStart(elt);
          if (!isTarget(elt)) return;
        }
        return;
      case 'Starred':
        return targetStart(e.value);
      case 'ListComp':
      case 'GeneratorExp':
        return targetStart(e.elt);
      case 'BinOp':
        return targetStart(e.left);
      case 'Compare':
        return targetStart(e.left);
      case 'BoolOp':
        return targetStart(e.values[0]);
      case 'IfExp':
        return targetStart(e.body);
      case 'Attribute':
      case 'Subscript':
        return targetStart(e.value, true);
      case 'Call':
        return targetStart(e.func, true);
      default:
        return;
    }
  };
  const stmts = (body: ast.Stmt[]): void => {
    for (const s of body) {
      switch (s._type) {
        case 'Expr':
          targetStart(s.value);
          break;
        case 'Assign':
          targetStart(s.value);
          break;
        case 'FunctionDef':
        case 'AsyncFunctionDef':
        case 'ClassDef':
        case 'While':
        case 'If':
        case 'With':
        case 'AsyncWith':
          stmts(s.body);
          if ('orelse' in s) stmts(s.orelse);
          break;
        case 'For':
        case 'AsyncFor':
          stmts(s.body);
          stmts(s.orelse);
          break;
        case 'Try':
        case 'TryStar':
          stmts(s.body);
          for (const h of s.handlers) stmts(h.body);
          stmts(s.orelse);
          stmts(s.finalbody);
          break;
        case 'Match':
          for (const c of s.cases) stmts(c.body);
          break;
        default:
          break;
      }
    }
  };
  stmts(mod.body);
  return out;
}

/** Whether star_target accepts `e`: a name, attribute, subscript, starred or a display of them. */
function isTarget(e: ast.Expr): boolean {
  switch (e._type) {
    case 'Name':
    case 'Attribute':
    case 'Subscript':
      return true;
    case 'Starred':
      return isTarget(e.value);
    case 'Tuple':
    case 'List':
      return e.elts.every(isTarget);
    default:
      return false;
  }
}

/** Literal objects of code that has no arena (imported modules): freed after compiling. */
const tempObjects: PyObject[] = [];
export function releaseTemporaryConstants(): void {
  for (const o of tempObjects.splice(0)) decref(o);
}

/**
 * The compiler's constant cache (c_const_cache): one key per distinct constant, for the
 * whole compilation unit. Merging returns a new reference to the kept object.
 *
 * With `objects` (the main file), the keys are the real objects _PyCode_ConstantKey makes
 * (a tuple `(type, value)` for floats, bytes and bools, `(item keys, tuple)` for tuples,
 * …), allocated and freed where CPython allocates and frees them, and the cache's dict
 * is a real dict: merging moves the free lists and gc.get_count() as in CPython. Without
 * it (bundled modules, which CPython loads from .pyc files), keys are plain strings.
 * Equality of keys is modelled by `key()`: two constants merge when CPython's keys
 * compare equal.
 */
export class ConstCache {
  /**
   * key() → the key object (emulating: borrowed, the cache's dict holds it) or the constant
   * (not emulating: a reference of the cache's own), in insertion order.
   */
  private readonly byKey = new Map<string, PyObject>();
  private codeIds = new WeakMap<PyObject, number>();
  private nextCode = 0;
  private readonly emulate: boolean;

  /** `store(key)`: registers a new key in the cache's dict (null: no Python objects). */
  constructor(private readonly store: ((key: PyObject) => void) | null = null) {
    this.emulate = store !== null;
  }

  /** Takes the caller's reference to a new key: the dict keeps its own two. */
  private register(skey: string, key: PyObject): void {
    this.byKey.set(skey, key);
    this.store!(key);
    decref(key);
  }

  /**
   * merge_consts_recursive: the first equal constant wins; tuples merge their items and a
   * frozenset is rebuilt from its merged items. Returns a new reference to the constant to
   * use (the caller keeps its reference to `o`).
   */
  merge(o: PyObject): PyObject {
    if (o === None || o === Ellipsis) return (o.refcnt++, o);
    if (!this.emulate) return this.mergePlain(o);
    const skey = this.key(o);
    const key = constantKey(o);
    const found = this.byKey.get(skey);
    if (found !== undefined) {
      decref(key);
      return keyValue(found);
    }
    this.register(skey, key);
    if (o.type === TupleType) {
      const t = o as PyTuple;
      for (let i = 0; i < t.items.length; i++) {
        const item = t.items[i];
        const v = this.merge(item);
        if (v !== item) {
          t.items[i] = v;
          decref(item);
        } else {
          decref(v);
        }
      }
    } else if (o.type === FrozenSetType && (o as PySet).used > 0) {
      // The key's frozenset is replaced by one built from the merged items.
      const merged = setKeys(o as PySet).map((item) => this.merge(item));
      const t = newTuple(merged);
      const fresh = newFrozenSet(t);
      decref(t);
      const kt = key as PyTuple;
      decref(kt.items[1]);
      kt.items[1] = fresh;
    }
    return keyValue(key);
  }

  /** The engine's plain merge (no key objects), for code CPython does not compile at run time. */
  private mergePlain(o: PyObject): PyObject {
    const key = this.key(o);
    const found = this.byKey.get(key);
    if (found !== undefined) return (found.refcnt++, found);
    o.refcnt++;
    this.byKey.set(key, o);
    if (o.type === TupleType) {
      const t = o as PyTuple;
      for (let i = 0; i < t.items.length; i++) {
        const item = t.items[i];
        const u = this.mergePlain(item);
        if (u !== item) {
          t.items[i] = u;
          decref(item);
        } else {
          decref(u);
        }
      }
    }
    return (o.refcnt++, o);
  }

  /**
   * merge_const_one: `o` (a new reference, consumed) is replaced by an equal constant the
   * cache already has, else registered as it is. Items are not merged. Used for the
   * tuples and byte strings of code objects and for folded tuples.
   */
  mergeOne(o: PyObject): PyObject {
    const skey = this.key(o);
    if (!this.emulate) {
      const kept = this.byKey.get(skey);
      if (kept !== undefined) {
        decref(o);
        return (kept.refcnt++, kept);
      }
      this.byKey.set(skey, (o.refcnt++, o));
      return o;
    }
    const key = constantKey(o);
    const found = this.byKey.get(skey);
    if (found === undefined) {
      this.register(skey, key);
      return o;
    }
    decref(key);
    const v = keyValue(found);
    decref(o);
    return v;
  }

  /** merge_const_one of a new byte string (co_code, co_linetable, co_exceptiontable). */
  mergeBytes(b: Uint8Array): void {
    if (!this.emulate) return;
    decref(this.mergeOne(newBytesFresh(b)));
  }

  /**
   * compiler_free: emulating, the cache's dict (freed by its owner) releases the keys;
   * otherwise the cache's own references go.
   */
  release(): void {
    const objs = this.emulate ? [] : [...this.byKey.values()];
    this.byKey.clear();
    for (const o of objs) decref(o);
  }

  key(o: PyObject): string {
    const t = o.type;
    if (o === None) return 'N';
    if (o === Ellipsis) return 'E';
    if (t === IntType) return 'i' + String((o as PyLong).value);
    if (t === StrType) return 's' + (o as PyStr).value;
    if (t === BoolType) return o === True ? 'b1' : 'b0';
    if (t === FloatType) {
      const x = (o as PyFloat).value;
      return 'f' + (Object.is(x, -0) ? '-0' : Number.isNaN(x) ? `nan${this.identity(o)}` : String(x));
    }
    if (t === BytesType) return 'y' + Array.from((o as PyBytes).bytes).join(',');
    if (t === TupleType) return 't(' + (o as PyTuple).items.map((x) => this.key(x)).join('|') + ')';
    if (t === FrozenSetType)
      return (
        'F(' +
        setKeys(o as PySet)
          .map((x) => this.key(x))
          .sort()
          .join('|') +
        ')'
      );
    if (t === CodeType) return 'c' + this.identity(o);
    return 'o' + this.identity(o);
  }

  private identity(o: PyObject): number {
    let id = this.codeIds.get(o);
    if (id === undefined) {
      id = this.nextCode++;
      this.codeIds.set(o, id);
    }
    return id;
  }
}

/** The constant a cache key stands for (a new reference): the key, or item 1 of a tuple key. */
function keyValue(key: PyObject): PyObject {
  const v = key.type === TupleType ? (key as PyTuple).items[1] : key;
  v.refcnt++;
  return v;
}

/**
 * _PyCode_ConstantKey: a new reference to the object that identifies `o` among constants:
 * `o` itself for None, Ellipsis, int, str and code objects; `(type, o)` for bools, bytes
 * and floats (`(float, -0.0, None)` for -0.0); `(item keys, o)` for a tuple;
 * `(frozenset(item keys), o)` for a frozenset; `(id(o), o)` for anything else.
 * @cpython Objects/codeobject.c _PyCode_ConstantKey
 */
export function constantKey(o: PyObject): PyObject {
  const t = o.type;
  if (o === None || o === Ellipsis || t === IntType || t === StrType || t === CodeType) {
    o.refcnt++;
    return o;
  }
  if (t === BoolType || t === BytesType) return tuplePack(t, o);
  if (t === FloatType) {
    const x = (o as PyFloat).value;
    return Object.is(x, -0) ? tuplePack(t, o, None) : tuplePack(t, o);
  }
  if (t === TupleType || t === FrozenSetType) {
    const items = t === TupleType ? (o as PyTuple).items : setKeys(o as PySet);
    // PyTuple_New(len) first, then the item keys.
    const inner = items.length === 0 ? newTuple([]) : tupleAlloc(items.length);
    for (const item of items) inner.items.push(constantKey(item));
    if (items.length > 0) track(inner);
    let first: PyObject = inner;
    if (t === FrozenSetType) {
      first = newFrozenSet(inner);
      decref(inner);
    }
    const key = tuplePack(first, o);
    decref(first);
    return key;
  }
  const id = newInt(o.addr);
  const key = tuplePack(id, o);
  decref(id);
  return key;
}

/**
 * intern_string_constants: str constants made only of [A-Za-z0-9_] are interned, in
 * tuples (last item first) and in frozensets (through a tuple of their items, rebuilt when
 * interning replaced one of them). Returns whether an item of `t` was replaced.
 * @cpython Objects/codeobject.c intern_string_constants
 */
export function internStringConstants(t: PyTuple, emulate = false): boolean {
  let modified = false;
  for (let i = t.items.length - 1; i >= 0; i--) {
    const v = t.items[i];
    if (v.type === StrType) {
      if (/^[A-Za-z0-9_]*$/.test((v as PyStr).value)) {
        const w = intern(v as PyStr);
        if (w !== v) modified = true;
        t.items[i] = w;
      }
    } else if (v.type === TupleType) {
      internStringConstants(v as PyTuple, emulate);
    } else if (emulate && v.type === FrozenSetType) {
      // PySequence_Tuple: an iterator over the set and a tuple of its length.
      const it = newSetIterator(v as PySet);
      const tmp = newTuple(setKeys(v as PySet).map((x) => (x.refcnt++, x)));
      decref(it);
      if (internStringConstants(tmp)) {
        t.items[i] = newFrozenSet(tmp);
        decref(v);
        modified = true;
      }
      decref(tmp);
    }
  }
  return modified;
}

function track(o: PyObject): void {
  rt.gc.track(o);
}

/** A tuple of constants built by the compiler (fold_tuple_on_constants, keys tuples). */
export function constTuple(items: PyObject[]): PyTuple {
  for (const x of items) x.refcnt++;
  return newTuple(items);
}
