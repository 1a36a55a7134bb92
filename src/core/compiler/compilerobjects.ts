/**
 * The Python objects CPython 3.11's compiler makes for its own bookkeeping while it
 * compiles a file: the symbol table's dicts, lists and sets, each compilation unit's
 * dicts (u_consts, u_names, u_varnames, u_cellvars, u_freevars), the constant cache's
 * dict and the unit stack's list. The engine's compiler keeps that bookkeeping in JS
 * structures; these objects are made here as real engine objects, at the same points and
 * in the same order as CPython makes them, so that their allocation and release move the
 * free lists and `gc.get_count()` exactly as CPython's do. They are empty stand-ins (their
 * contents live in JS): only their lifetimes matter.
 *
 * CPython compiles the main file (and strings given to exec/eval/compile) at run time; the
 * engine's bundled modules are .pyc files for CPython, so their compilation makes none of
 * these objects (`emulate` false).
 * @cpython Python/compile.c compiler_init, compiler_free, compiler_enter_scope,
 *   compiler_unit_free, dictbytype, assemble; Python/symtable.c symtable_new, ste_new,
 *   symtable_record_directive, symtable_analyze, analyze_block, analyze_child_block,
 *   update_symbols, _PySymtable_Free
 */
import { PyObject, decref, xdecref } from '../objects/object';
import { staticType } from '../objects/roots';
import { None } from '../objects/noneobject';
import { newDict, dictSetItem, type PyDict } from '../objects/dictobject';
import { newEmptyList, newList, listAppendTake, type PyList } from '../objects/listobject';
import { newTuple } from '../objects/tupleobject';
import { newInt } from '../objects/longobject';
import { internFromString } from '../objects/unicodeobject';
import { newSet, newSetIterator } from '../objects/setobject';
import { allocObject, freeObject } from '../memory/alloc';
import type { SymbolTableEntry } from './symtable';
import { ConstCache } from './consts';

/**
 * A symbol table entry (PySTEntryObject, not a GC object): what ste_new makes for one
 * block, released in ste_dealloc's order when st_blocks lets it go.
 */
class EntryObjects extends PyObject {
  /** ste_directives: made by the first global/nonlocal statement of the block. */
  directives: PyList | null = null;
  constructor(
    readonly symbols: PyDict,
    readonly varnames: PyList,
    readonly children: PyList,
  ) {
    super(SymtableEntryType);
  }
}

const SymtableEntryType = staticType({ name: 'symtable entry', basicsize: 104 });
SymtableEntryType.tp_dealloc = (o) => {
  const e = o as EntryObjects;
  decref(e.symbols);
  decref(e.varnames);
  decref(e.children);
  xdecref(e.directives);
  freeObject(e);
};

/** The dicts of one compiler_unit. */
export interface UnitObjects {
  varnames: PyDict;
  cellvars: PyDict;
  freevars: PyDict;
  consts: PyDict;
  names: PyDict;
}

export class CompilerObjects {
  /** c_const_cache: the lookup of its keys (the dict holds them). */
  readonly cache: ConstCache;
  private cacheDict: PyDict | null = null;
  private stack: PyList | null = null;
  private stStack: PyList | null = null;
  /** st_blocks: each entry keyed by an int (CPython's is the address of the block's AST node). */
  private stBlocks: PyDict | null = null;
  private readonly entries = new Map<SymbolTableEntry, EntryObjects>();

  /** compiler_init: the constant cache and the unit stack. */
  constructor(readonly emulate: boolean) {
    if (!emulate) {
      this.cache = new ConstCache(null);
      return;
    }
    const cacheDict = newDict();
    this.cacheDict = cacheDict;
    // PyDict_SetDefault(c_const_cache, key, key)
    this.cache = new ConstCache((key) => dictSetItem(cacheDict, key, key));
    this.stack = newEmptyList();
  }

  // ------------------------------------------------------------ symbol table

  /** symtable_new: st_stack, then st_blocks. */
  symtableNew(): void {
    if (!this.emulate) return;
    this.stStack = newEmptyList();
    this.stBlocks = newDict();
  }

  /** ste_new: ste_symbols, ste_varnames, ste_children. */
  entryNew(ste: SymbolTableEntry): void {
    if (!this.emulate) return;
    const symbols = newDict();
    const varnames = newEmptyList();
    const children = newEmptyList();
    const e = allocObject(new EntryObjects(symbols, varnames, children), 104);
    this.entries.set(ste, e);
    // PyLong_FromVoidPtr(key): an int too big to be a cached small int.
    const id = newInt(0x7f0000000000 + 64 * this.entries.size);
    dictSetItem(this.stBlocks!, id, e);
    decref(id);
    decref(e);
  }

  /** symtable_record_directive: a (name, lineno, col, end_lineno, end_col) tuple per name. */
  directive(
    ste: SymbolTableEntry,
    name: string,
    loc: { lineno: number; col_offset: number; end_lineno: number; end_col_offset: number },
  ): void {
    if (!this.emulate) return;
    const e = this.entries.get(ste)!;
    if (e.directives === null) e.directives = newEmptyList();
    const data = newTuple([
      internFromString(name),
      newInt(loc.lineno),
      newInt(loc.col_offset),
      newInt(loc.end_lineno),
      newInt(loc.end_col_offset),
    ]);
    listAppendTake(e.directives, data);
  }

  /**
   * symtable_analyze: the sets and dicts analyze_block and analyze_child_block make for
   * each block (their contents do not matter here, only how many live at once).
   */
  analyze(top: SymbolTableEntry): void {
    if (!this.emulate) return;
    const free = newSet();
    const global = newSet();
    this.analyzeBlock(top);
    decref(free);
    decref(global);
  }

  /** analyze_block: its own sets and scopes dict; each child gets copies of three sets. */
  private analyzeBlock(ste: SymbolTableEntry): void {
    const local = newSet();
    const scopes = newDict();
    const newglobal = newSet();
    const newfree = newSet();
    const newbound = newSet();
    const allfree = newSet();
    for (const child of ste.children) {
      // analyze_child_block
      const tempBound = newSet(newbound);
      const tempFree = newSet(newfree);
      const tempGlobal = newSet(newglobal);
      this.analyzeBlock(child);
      decref(tempBound);
      decref(tempFree);
      decref(tempGlobal);
    }
    // update_symbols walks the free names with an iterator.
    decref(newSetIterator(newfree));
    decref(scopes);
    decref(local);
    decref(newbound);
    decref(newglobal);
    decref(newfree);
    decref(allfree);
  }

  // ------------------------------------------------------------------ units

  /**
   * compiler_enter_scope: u_varnames (list2dict), u_cellvars and u_freevars (dictbytype,
   * each sorting a list of the block's symbol names), u_consts, u_names.
   */
  unitEnter(nsymbols: number): UnitObjects | null {
    if (!this.emulate) return null;
    const varnames = newDict();
    const cellvars = newDict();
    decref(symbolNames(nsymbols));
    const freevars = newDict();
    decref(symbolNames(nsymbols));
    const consts = newDict();
    const names = newDict();
    return { varnames, cellvars, freevars, consts, names };
  }

  /** compiler_unit_free's order. */
  unitExit(u: UnitObjects | null): void {
    if (u === null) return;
    decref(u.consts);
    decref(u.names);
    decref(u.varnames);
    decref(u.freevars);
    decref(u.cellvars);
  }

  /** consts_dict_keys_inorder: assemble's list of the unit's constants. */
  constsList(consts: readonly PyObject[]): PyList | null {
    if (!this.emulate) return null;
    return newList(consts.map((c) => (c.refcnt++, c)));
  }

  // ---------------------------------------------------------------- the end

  /**
   * compiler_free: the symbol table (_PySymtable_Free: st_blocks releases every entry's
   * objects in creation order, then st_stack), then the constant cache, then the stack.
   */
  free(): void {
    this.entries.clear();
    if (this.stBlocks !== null) decref(this.stBlocks);
    if (this.stStack !== null) decref(this.stStack);
    this.stBlocks = this.stStack = null;
    this.cache.release();
    if (this.cacheDict !== null) decref(this.cacheDict);
    if (this.stack !== null) decref(this.stack);
    this.cacheDict = this.stack = null;
  }
}

/** PyDict_Keys(ste_symbols): a list of the block's names (their identity does not matter). */
function symbolNames(n: number): PyList {
  const items: PyObject[] = [];
  for (let i = 0; i < n; i++) items.push((None.refcnt++, None));
  return newList(items);
}
