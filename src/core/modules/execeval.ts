/**
 * exec(), eval() and compile(): source compiled by the engine's own pipeline (parse, fold,
 * symbol table, code generation) and run in a frame of a throwaway function, as
 * PyRun_StringFlags and PyEval_EvalCode do. @cpython Python/bltinmodule.c builtin_exec_impl,
 * builtin_eval_impl, builtin_compile_impl; Python/pythonrun.c PyRun_StringFlags, run_mod,
 * Py_CompileStringObject; Python/ceval.c PyEval_EvalCode
 *
 * Memory behaviour that follows from CPython's structure:
 * - exec(str)/eval(str) keep the parser's AST arena alive while the code runs, so each
 *   literal of the string has one extra reference then (`getrefcount` prints one more);
 *   the code object is released first, then the arena. compile() frees its arena before
 *   returning, so running a compiled code object shows no such reference.
 * - The code runs in a frame of a function object made for the call
 *   (_PyFunction_FromConstructor: GC-allocated, name and qualname are co_name, no
 *   docstring, no module), released when the code returns.
 * - Strings are compiled under the file name '<string>': not the user's file, so their
 *   frames produce no steps (CPython's sys.settrace events of the script's own file).
 */
import { PyObject, decref, type PyType } from '../objects/object';
import { None } from '../objects/noneobject';
import { PyCode, CodeType } from '../objects/codeobject';
import { decodeBytes, isStr, newStr, type PyStr } from '../objects/unicodeobject';
import { getBuffer, isBytes } from '../objects/bytesobject';
import { isDict, dictGetStr, dictSetItem, type PyDict } from '../objects/dictobject';
import { newTuple, sequenceTuple, type PyTuple } from '../objects/tupleobject';
import { IntType, newInt, isInt, type PyLong } from '../objects/longobject';
import { ModuleType, type PyModule } from '../objects/moduleobject';
import { PyFunction } from '../objects/funcobject';
import {
  BaseExceptionType,
  IndentationErrorType,
  PyBaseException,
  SyntaxErrorType,
  SystemErrorType,
  TabErrorType,
} from '../objects/exceptions';
import { objectStr } from '../objects/abstract';
import { allocGCObject } from '../memory/alloc';
import { staticId } from '../objects/unicodeobject';
import { rt } from '../vm/runtime';
import { Frame, frameLocals } from '../vm/frame';
import { emptyLocals, isTraced } from '../vm/frame-pool';
import { runFrame } from '../vm/call';
import { newException, raise, typeError, valueError } from '../vm/errors';
import { parseParams, splitKwargs } from '../vm/args';
import { parseModule } from '../syntax/parse';
import { PySyntaxError } from '../syntax/errors';
import type * as ast from '../syntax/ast';
import { SymbolTable } from '../compiler/symtable';
import { Compiler } from '../compiler/codegen';
import { sourceLines } from '../vm/traceback';
import { CompileError } from '../compiler/errors';
import { Arena, materializeConstants, releaseTemporaryConstants } from '../compiler/consts';
import { AstOptimizer } from '../compiler/astopt';
import { CompilerObjects } from '../compiler/compilerobjects';

type Mode = 'exec' | 'eval';

/** PyCF_* flags compile() accepts (PyCF_MASK | PyCF_MASK_OBSOLETE | PyCF_COMPILE_MASK). */
const PYCF_ALLOWED = 0x3e000 | 0x0010 | 0x0200 | 0x0400 | 0x0800 | 0x1000 | 0x2000 | 0x4000 | 0x1000000;
const PYCF_ONLY_AST = 0x0400;

// ------------------------------------------------------------------ compiling

/**
 * Parses and compiles `text`. The literals are held by `arena` (exec/eval of a string keep
 * it alive while the code runs) or, with no arena, released after compiling.
 */
export function compileText(text: string, filename: string, mode: Mode, arena: Arena | null): PyCode {
  let mod: ast.Module;
  try {
    mod = parseModule(text);
    if (mode === 'eval') checkExpression(mod, text);
  } catch (e) {
    throw toPythonSyntaxError(e, filename, text, mode);
  }
  const temps: PyObject[] = [];
  try {
    const consts = materializeConstants(mod, arena);
    // compiler_init, then _PyAST_Optimize, _PySymtable_Build and compiler_mod: CPython
    // compiles the string at run time, making its compiler's own objects.
    const objs = new CompilerObjects(true);
    new AstOptimizer(consts, arena, temps).module(mod);
    const st = SymbolTable.build(mod, objs);
    const compiler = new Compiler(st, consts, filename, objs);
    if (mode === 'eval') return compiler.compileExpression(mod, (mod.body[0] as ast.ExprStmt).value);
    return compiler.compileModule(mod);
  } catch (e) {
    throw toPythonSyntaxError(e, filename, text, mode);
  } finally {
    for (const t of temps) decref(t);
    releaseTemporaryConstants();
  }
}

/**
 * The 'eval' start rule accepts one expression (and newlines): anything else is the
 * "invalid syntax" CPython reports at the first token the rule cannot take.
 */
function checkExpression(mod: ast.Module, text: string): void {
  const body = mod.body;
  if (body.length === 1 && body[0]._type === 'Expr') {
    const tail = text.slice(offsetOf(text, body[0].end_lineno, body[0].end_col_offset));
    if (/^[ \t\f]*(#[^\n]*)?(\\?\n[ \t\f]*(#[^\n]*)?)*$/.test(tail)) return;
    throw invalidSyntaxAt(text, body[0].end_lineno, body[0].end_col_offset);
  }
  if (body.length === 0) throw new PySyntaxError('SyntaxError', 'invalid syntax', 0, 0, 0, 0, '');
  const s = body[0];
  if (s._type === 'Expr') throw invalidSyntaxAt(text, s.end_lineno, s.end_col_offset);
  if (s._type === 'Assign' || s._type === 'AugAssign' || s._type === 'AnnAssign') {
    const target = s._type === 'Assign' ? s.targets[0] : s.target;
    throw invalidSyntaxAt(text, target.end_lineno, target.end_col_offset);
  }
  throw invalidSyntaxAt(text, s.lineno, s.col_offset);
}

/** Character index in `text` of a (line, UTF-8 column) position. */
function offsetOf(text: string, lineno: number, byteCol: number): number {
  let at = 0;
  for (let l = 1; l < lineno; l++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return text.length;
    at = nl + 1;
  }
  let bytes = 0;
  while (at < text.length && bytes < byteCol) {
    const c = text.codePointAt(at)!;
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    at += c > 0xffff ? 2 : 1;
  }
  return at;
}

/** "invalid syntax" at the first token at or after (line, column). */
function invalidSyntaxAt(text: string, lineno: number, byteCol: number): PySyntaxError {
  let at = offsetOf(text, lineno, byteCol);
  while (at < text.length && /[ \t\f]/.test(text[at])) at++;
  while (at < text.length && text[at] === '\n') {
    at++;
    lineno++;
    while (at < text.length && /[ \t\f]/.test(text[at])) at++;
  }
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const col = [...text.slice(lineStart, at)].length;
  const token = /^(\w+|\S)/.exec(text.slice(at))?.[0] ?? '';
  const offset = col + 1;
  return new PySyntaxError(
    'SyntaxError',
    'invalid syntax',
    lineno,
    offset,
    lineno,
    offset + [...token].length,
    line,
  );
}

/** A compile-time failure as the Python exception CPython raises (SyntaxError and kin). */
function toPythonSyntaxError(e: unknown, filename: string, text: string, mode: Mode): unknown {
  if (e instanceof PySyntaxError) {
    const at = stringErrorPosition(e, text, mode);
    return newSyntaxError(
      syntaxErrorType(e),
      e.msg,
      filename,
      e.lineno,
      at.offset,
      at.text,
      at.endLineno,
      at.endOffset,
    );
  }
  if (e instanceof CompileError) {
    const { offset, endOffset } = compileErrorPosition(e, text);
    // PyErr_ProgramTextObject reads the line from the file named `filename`: only the main
    // script is one.
    const fileLine = e.lineno > 0 ? (sourceLines(filename)?.[e.lineno - 1] ?? null) : null;
    return newSyntaxError(
      SyntaxErrorType,
      e.msg,
      filename,
      e.lineno,
      offset,
      fileLine === null ? null : fileLine + '\n',
      e.endLineno,
      endOffset,
    );
  }
  return e;
}

/** The exception type of a parser error: SyntaxError, IndentationError or TabError. */
export function syntaxErrorType(e: PySyntaxError): PyType {
  if (e.type === 'IndentationError') return IndentationErrorType;
  return e.type === 'TabError' ? TabErrorType : SyntaxErrorType;
}

/**
 * A compiler error's line of `source` and its 1-based character columns (offset 0 when
 * unknown; an end on another line stands one past the start), as SyntaxError shows them.
 */
export function compileErrorPosition(
  e: CompileError,
  source: string,
): { line: string; offset: number; endOffset: number } {
  const lines = source.split(/\r\n|\r|\n/);
  const line = e.lineno > 0 ? (lines[e.lineno - 1] ?? '') : '';
  const offset = e.colOffset >= 0 ? charOffset(line, e.colOffset) + 1 : 0;
  const endOffset =
    e.endColOffset >= 0 && e.endLineno === e.lineno ? charOffset(line, e.endColOffset) + 1 : offset + 1;
  return { line, offset, endOffset };
}

/**
 * The text and columns of a parser error in a string, as CPython's tokenizer gives them.
 * The parser works as for a file, where every line ends with a newline. A string is
 * tokenized from memory: in 'exec' mode a missing final newline is added
 * (translate_newlines), in 'eval' mode it is not. The error's text is the tokenizer's
 * current line buffer (with its newline) when the error is on that line; an error on an
 * earlier line (an unclosed bracket or triple-quoted string found at the end) gets the
 * line from the string without its newline. In 'eval' mode an error at the implicit
 * end of an unterminated last line has offset 0.
 * @cpython Parser/pegen_errors.c _PyPegen_raise_error_known_location,
 *   get_error_line_from_tokenizer_buffers; Parser/tokenizer.c translate_newlines
 */
function stringErrorPosition(
  e: PySyntaxError,
  text: string,
  mode: Mode,
): { text: string; offset: number; endLineno: number; endOffset: number } {
  const same = { text: e.text, offset: e.offset, endLineno: e.endLineno, endOffset: e.endOffset };
  if (!e.textInSource) return same;
  const source = mode === 'exec' && !text.endsWith('\n') ? text + '\n' : text;
  const lines = source.split('\n');
  // lines[i] is line i+1 without its newline; a final '' means the source ends with one.
  const lineCount = lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  const L = e.lineno;
  if (L < 1 || L > lineCount) return same;
  const hasNewline = L < lines.length;
  const atEnd = /was never closed|unterminated triple-quoted string literal/.test(e.msg);
  // A range ending on a later line was found with the tokenizer on that line.
  const current = atEnd ? lineCount : Math.max(L, e.endLineno);
  const line = lines[L - 1];
  const lineText = L === current && hasNewline ? line + '\n' : line;
  if (mode === 'eval' && !hasNewline && L === lineCount && e.msg === 'invalid syntax') {
    const content = line.replace(/[ \t\f]*(#.*)?$/, '');
    if (e.offset - 1 >= [...content].length) return { text: lineText, offset: 0, endLineno: L, endOffset: 0 };
  }
  // _PyPegen_byte_offset_to_character_offset measures the end against the error's first line.
  const endOffset = e.endLineno > L ? Math.min(e.endOffset, [...lineText].length + 1) : e.endOffset;
  return { ...same, text: lineText, endOffset };
}

/** The character index in `line` of a UTF-8 byte offset. */
function charOffset(line: string, byteOffset: number): number {
  let bytes = 0;
  let chars = 0;
  for (const ch of line) {
    if (bytes >= byteOffset) break;
    const c = ch.codePointAt(0)!;
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    chars++;
  }
  return chars;
}

/** A SyntaxError instance with args (msg, (filename, lineno, offset, text, end_lineno, end_offset)). */
function newSyntaxError(
  type: PyType,
  msg: string,
  filename: string,
  lineno: number,
  offset: number,
  text: string | null,
  endLineno: number,
  endOffset: number,
): PyBaseException {
  const info = [
    newStr(filename),
    newInt(lineno),
    newInt(offset),
    text === null ? (None.refcnt++, None) : newStr(text),
    newInt(endLineno),
    newInt(endOffset),
  ];
  const msgObj = newStr(msg);
  msgObj.refcnt++;
  const names = ['filename', 'lineno', 'offset', 'text', 'end_lineno', 'end_offset'];
  const e = newException(type, [msgObj, newTuple(info)]);
  e.fields = new Map([['msg', msgObj as PyObject]]);
  info.forEach((v, i) => {
    v.refcnt++;
    e.fields!.set(names[i], v);
  });
  return e;
}

// ------------------------------------------------------------------ SyntaxError

/** @cpython Objects/exceptions.c SyntaxError_init */
SyntaxErrorType.tp_init = (self, args, kwnames) => {
  BaseExceptionType.tp_init!(self, args, kwnames);
  const e = self as PyBaseException;
  const a = e.args.items;
  const set = (name: string, v: PyObject | null) => {
    if (e.fields === null) e.fields = new Map();
    const old = e.fields.get(name);
    if (v === null) e.fields.delete(name);
    else {
      v.refcnt++;
      e.fields.set(name, v);
    }
    if (old !== undefined) decref(old);
  };
  if (a.length >= 1) set('msg', a[0]);
  if (a.length === 2) {
    const info = sequenceTuple(a[1]);
    try {
      const n = info.items.length;
      if (n < 4 || n > 6) {
        typeError(
          n < 4
            ? `function takes at least 4 arguments (${n} given)`
            : `function takes at most 6 arguments (${n} given)`,
        );
      }
      const names = ['filename', 'lineno', 'offset', 'text', 'end_lineno', 'end_offset'];
      for (let i = 0; i < 6; i++) set(names[i], i < n ? info.items[i] : null);
      if (n === 5) typeError('end_offset must be provided when end_lineno is provided');
    } finally {
      decref(info);
    }
  }
};

// IndentationError and TabError use SyntaxError's (ComplexExtendsException in exceptions.c).
IndentationErrorType.tp_init = TabErrorType.tp_init = SyntaxErrorType.tp_init;

/** @cpython Objects/exceptions.c SyntaxError_str: "msg (file, line N)". */
SyntaxErrorType.tp_str = (self) => {
  const e = self as PyBaseException;
  const msg = e.fields?.get('msg') ?? None;
  const filenameObj = e.fields?.get('filename');
  const linenoObj = e.fields?.get('lineno');
  const filename =
    filenameObj !== undefined && isStr(filenameObj)
      ? (filenameObj as PyStr).value.replace(/^.*\//, '')
      : null;
  const haveLineno = linenoObj !== undefined && linenoObj.type === IntType;
  const s = objectStr(msg);
  const text = s.value;
  decref(s);
  if (filename === null && !haveLineno) return newStr(text);
  const line = haveLineno ? String((linenoObj as PyLong).value) : '';
  if (filename !== null && haveLineno) return newStr(`${text} (${filename}, line ${line})`);
  if (filename !== null) return newStr(`${text} (${filename})`);
  return newStr(`${text} (line ${line})`);
};

// ------------------------------------------------------------------ running

/** _PyEval_BuiltinsFromGlobals: globals['__builtins__'] (a module's dict), else the frame's. */
function builtinsFromGlobals(globals: PyDict): PyDict {
  const b = dictGetStr(globals, staticId('__builtins__'));
  if (b !== null) {
    if (b.type === ModuleType) return (b as PyModule).dict!;
    if (isDict(b)) return b as PyDict;
    return typeError(`PyMem Lab does not support a __builtins__ that is not a dict or a module yet`);
  }
  return rt.frame !== null ? rt.frame.builtins : rt.builtins!;
}

/**
 * PyEval_EvalCode: a function object built from the code (_PyFunction_FromConstructor),
 * one reference for the frame, the frame run with `locals` as f_locals, then the function
 * released. Returns a new reference.
 */
export function evalCode(code: PyCode, globals: PyDict, locals: PyObject): PyObject {
  const builtins = builtinsFromGlobals(globals);
  for (const o of [globals, builtins, code.name, code.name, code]) o.refcnt++;
  None.refcnt++;
  const func = allocGCObject(new PyFunction(code, globals, builtins, code.name, code.name, null, None), 136);
  rt.gc.track(func);
  func.refcnt++;
  locals.refcnt++;
  const f = new Frame(code, func, globals, builtins, locals, emptyLocals(code.nlocalsplus));
  f.traced = isTraced(code);
  try {
    return runFrame(f);
  } finally {
    decref(func);
  }
}

/** The text of a source argument (_Py_SourceAsString). */
function sourceAsString(cmd: PyObject, funcname: string, what: string): string {
  let text: string;
  if (isStr(cmd)) text = (cmd as PyStr).value;
  else {
    const buf = getBuffer(cmd);
    if (buf === null) return typeError(`${funcname}() arg 1 must be a ${what} object`);
    text = utf8Text(buf, cmd);
  }
  if (text.includes('\0')) raise(SyntaxErrorType, 'source code string cannot contain null bytes');
  return text;
}

/** Bytes decoded as UTF-8 (a UnicodeDecodeError when they are not). */
function utf8Text(data: Uint8Array, src: PyObject): string {
  const s = decodeBytes(data, 'utf-8', 'strict', src);
  const text = s.value;
  decref(s);
  return text;
}

/** PyMapping_Check. */
function isMapping(o: PyObject): boolean {
  return o.type.mp_subscript !== undefined;
}

/** The globals and locals of exec/eval when not given: the calling frame's (borrowed). */
function callerNamespaces(): { globals: PyDict; locals: PyObject } | null {
  const f = rt.frame;
  if (f === null) return null;
  return { globals: f.globals, locals: frameLocals(f) };
}

/** globals['__builtins__'] = the current builtins, when missing. */
function ensureBuiltins(globals: PyDict): void {
  const key = staticId('__builtins__');
  if (dictGetStr(globals, key) !== null) return;
  const builtins = rt.frame !== null ? rt.frame.builtins : rt.builtins!;
  dictSetItem(globals, key, builtins);
}

/** PyRun_StringFlags: compile under '<string>' with an arena that lives while the code runs. */
function runString(text: string, mode: Mode, globals: PyDict, locals: PyObject): PyObject {
  const arena = new Arena();
  try {
    const code = compileText(text, '<string>', mode, arena);
    try {
      return evalCode(code, globals, locals);
    } finally {
      decref(code);
    }
  } finally {
    arena.free();
  }
}

/** exec(source, globals=None, locals=None, /, *, closure=None). */
export function builtinExec(args: PyObject[], kwnames: PyTuple | null): PyObject {
  const { pos, kw } = splitKwargs(args, kwnames);
  let closure: PyObject = None;
  if (kw !== null) {
    for (const [k, v] of kw) {
      if (k === 'closure') closure = v;
      else typeError(`'${k}' is an invalid keyword argument for exec()`);
    }
  }
  if (pos.length < 1) typeError(`exec() takes at least 1 positional argument (${pos.length} given)`);
  if (pos.length > 3) typeError(`exec() takes at most 3 positional arguments (${pos.length} given)`);
  const source = pos[0];
  let globals: PyObject = pos[1] ?? None;
  let locals: PyObject = pos[2] ?? None;
  if (globals === None) {
    const ns = callerNamespaces();
    if (ns === null) raise(SystemErrorType, 'globals and locals cannot be NULL');
    globals = ns!.globals;
    if (locals === None) locals = ns!.locals;
  } else if (locals === None) {
    locals = globals;
  }
  if (!isDict(globals)) typeError(`exec() globals must be a dict, not ${globals.type.name}`);
  if (!isMapping(locals)) typeError(`locals must be a mapping or None, not ${locals.type.name}`);
  ensureBuiltins(globals as PyDict);
  if (closure !== None) {
    return typeError('PyMem Lab does not support exec() with a closure yet');
  }
  let v: PyObject;
  if (source.type === CodeType) {
    const code = source as PyCode;
    if (code.nfreevars > 0) {
      typeError(`code object requires a closure of exactly length ${code.nfreevars}`);
    }
    v = evalCode(code, globals as PyDict, locals);
  } else {
    const text = sourceAsString(source, 'exec', 'string, bytes or code');
    v = runString(text, 'exec', globals as PyDict, locals);
  }
  decref(v);
  return (None.refcnt++, None);
}

/** eval(source, globals=None, locals=None, /). */
export function builtinEval(args: PyObject[], kwnames: PyTuple | null): PyObject {
  if (kwnames !== null && kwnames.items.length > 0) typeError('eval() takes no keyword arguments');
  if (args.length < 1) typeError(`eval expected at least 1 argument, got ${args.length}`);
  if (args.length > 3) typeError(`eval expected at most 3 arguments, got ${args.length}`);
  const source = args[0];
  let globals: PyObject = args[1] ?? None;
  let locals: PyObject = args[2] ?? None;
  if (locals !== None && !isMapping(locals)) typeError('locals must be a mapping');
  if (globals !== None && !isDict(globals)) {
    typeError(
      isMapping(globals)
        ? 'globals must be a real dict; try eval(expr, {}, mapping)'
        : 'globals must be a dict',
    );
  }
  if (globals === None) {
    const ns = callerNamespaces();
    if (ns === null) typeError('eval must be given globals and locals when called without a frame');
    globals = ns!.globals;
    if (locals === None) locals = ns!.locals;
  } else if (locals === None) {
    locals = globals;
  }
  ensureBuiltins(globals as PyDict);
  if (source.type === CodeType) {
    const code = source as PyCode;
    if (code.nfreevars > 0) typeError('code object passed to eval() may not contain free variables');
    return evalCode(code, globals as PyDict, locals);
  }
  let text = sourceAsString(source, 'eval', 'string, bytes or code');
  text = text.replace(/^[ \t]+/, '');
  return runString(text, 'eval', globals as PyDict, locals);
}

function intArg(o: PyObject, fname: string): number {
  if (!isInt(o)) typeError(`'${o.type.name}' object cannot be interpreted as an integer`);
  void fname;
  return Number((o as PyLong).value);
}

/** compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1, *, _feature_version=-1). */
export function builtinCompile(args: PyObject[], kwnames: PyTuple | null): PyObject {
  const [source, filenameArg, modeArg, flagsArg, , optimizeArg] = parseParams(
    'compile',
    args,
    kwnames,
    ['source', 'filename', 'mode', 'flags', 'dont_inherit', 'optimize', '_feature_version'],
    3,
    6,
  );
  let filename: string;
  if (isStr(filenameArg!)) filename = (filenameArg as PyStr).value;
  else if (isBytes(filenameArg!)) filename = utf8Text(getBuffer(filenameArg!)!, filenameArg!);
  else return typeError(`expected str, bytes or os.PathLike object, not ${filenameArg!.type.name}`);
  if (!isStr(modeArg!)) typeError(`compile() argument 'mode' must be str, not ${modeArg!.type.name}`);
  const mode = (modeArg as PyStr).value as Mode | 'single' | 'func_type';
  const flags = flagsArg === undefined ? 0 : intArg(flagsArg, 'flags');
  const optimize = optimizeArg === undefined ? -1 : intArg(optimizeArg, 'optimize');
  if (flags & ~PYCF_ALLOWED) valueError('compile(): unrecognised flags');
  if (optimize < -1 || optimize > 2) valueError('compile(): invalid optimize value');
  if (mode !== 'exec' && mode !== 'eval' && mode !== 'single') {
    if (mode === 'func_type' && flags & PYCF_ONLY_AST) {
      return typeError("PyMem Lab does not support compile() in 'func_type' mode yet");
    }
    valueError(
      flags & PYCF_ONLY_AST
        ? "compile() mode must be 'exec', 'eval', 'single' or 'func_type'"
        : "compile() mode must be 'exec', 'eval' or 'single'",
    );
  }
  if (source!.type.name === 'AST' || flags & PYCF_ONLY_AST) {
    return typeError('PyMem Lab does not support compile() to or from an AST (the ast module) yet');
  }
  if (mode === 'single') return typeError("PyMem Lab does not support compile() in 'single' mode yet");
  if (optimize > 0) return typeError(`PyMem Lab does not support compile() with optimize=${optimize} yet`);
  if (flags !== 0) return typeError('PyMem Lab does not support compile() with compiler flags yet');
  const text = sourceAsString(source!, 'compile', 'string, bytes or AST');
  // Py_CompileStringObject: the arena is freed as soon as the code object exists.
  const arena = new Arena();
  try {
    return compileText(text, filename, mode as Mode, arena);
  } finally {
    arena.free();
  }
}
