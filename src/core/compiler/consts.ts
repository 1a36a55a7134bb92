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
import { IntType, newIntBig, type PyLong } from '../objects/longobject';
import { newFloat, FloatType, type PyFloat } from '../objects/floatobject';
import { StrType, newStr, type PyStr, intern } from '../objects/unicodeobject';
import { newBytes, BytesType, type PyBytes } from '../objects/bytesobject';
import { PyTuple, TupleType, newTuple } from '../objects/tupleobject';
import { CodeType } from '../objects/codeobject';
import { unsupported } from './errors';

/** The AST arena's list of objects: references that live as long as the parsed file. */
export class Arena {
  readonly objects: PyObject[] = [];
  add(o: PyObject): void {
    this.objects.push(o);
  }
  /** _PyArena_Free: drops the references, oldest first. */
  free(): void {
    const objs = this.objects.splice(0);
    for (const o of objs) decref(o);
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

/** Walks the tree in source order and creates each literal's object, held by the arena. */
export function materializeConstants(mod: ast.Module, arena: Arena | null): ConstObjects {
  const map: ConstObjects = new WeakMap();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const x of node) visit(x);
      return;
    }
    const n = node as { _type?: string };
    if (n._type === 'Constant') {
      const c = n as ast.Constant;
      const o = constantObject(c.value, c);
      map.set(c, o);
      if (arena !== null) arena.add(o);
      else tempObjects.push(o);
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

/** Literal objects of code that has no arena (imported modules): freed after compiling. */
const tempObjects: PyObject[] = [];
export function releaseTemporaryConstants(): void {
  for (const o of tempObjects.splice(0)) decref(o);
}

/**
 * The compiler's constant cache (c_const_cache): one object per distinct constant key,
 * for the whole compilation unit. Merging returns a new reference to the kept object.
 */
export class ConstCache {
  private readonly byKey = new Map<string, PyObject>();
  private codeIds = new WeakMap<PyObject, number>();
  private nextCode = 0;

  /** merge_consts_recursive: the first equal constant wins; tuples merge their items. */
  merge(o: PyObject): PyObject {
    if (o === None || o === Ellipsis) return (o.refcnt++, o);
    const key = this.key(o);
    const found = this.byKey.get(key);
    if (found !== undefined) return (found.refcnt++, found);
    o.refcnt++;
    this.byKey.set(key, o);
    if (o.type === TupleType) {
      const t = o as PyTuple;
      for (let i = 0; i < t.items.length; i++) {
        const item = t.items[i];
        const u = this.merge(item);
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

  /** Drops the cache's references (the compiler frees c_const_cache when it is done). */
  release(): void {
    const objs = [...this.byKey.values()];
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

/** intern_string_constants: str constants made only of [A-Za-z0-9_] are interned. */
export function internStringConstants(t: PyTuple): void {
  for (let i = t.items.length - 1; i >= 0; i--) {
    const v = t.items[i];
    if (v.type === StrType) {
      if (/^[A-Za-z0-9_]*$/.test((v as PyStr).value)) t.items[i] = intern(v as PyStr);
    } else if (v.type === TupleType) {
      internStringConstants(v as PyTuple);
    }
  }
}

/** A tuple of constants built by the compiler (fold_tuple_on_constants, keys tuples). */
export function constTuple(items: PyObject[]): PyTuple {
  for (const x of items) x.refcnt++;
  return newTuple(items);
}
